"""Numbers in sentences keep every digit, in the locale's format; a locale without a translation says so."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspcore import InvalidInput, Money, Reason
from cspcore.errors import ErrorCode
from cspcore.i18n import (
    CATALOG_LANGUAGES,
    SUPPORTED_LOCALES,
    format_amount,
    format_decimal,
    render,
    resolve_locale,
)

#: The decimal separator and the grouping separators of each locale.
SEPARATORS = {
    "en_US": (".", ","),
    "cs_CZ": (",", "\xa0"),
    "pl_PL": (",", "\xa0"),
    "hu_HU": (",", "\xa0"),
    "ja_JP": (".", ","),
}


def _read(text: str, locale: str) -> Decimal:
    point, group = SEPARATORS[locale]
    return Decimal(text.replace(group, "").replace(point, "."))


@given(
    amount=st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False, allow_infinity=False),
    locale=st.sampled_from(SUPPORTED_LOCALES),
)
def test_an_exact_amount_reads_back_digit_for_digit(amount: Decimal, locale: str) -> None:
    text = format_amount(Money(amount, "EUR"), locale=locale)
    number, code = text.rsplit(" ", 1)
    assert code == "EUR"
    assert _read(number, locale) == amount
    point = SEPARATORS[locale][0]
    assert len(number.partition(point)[2]) >= 2  # at least the currency's minor units


@pytest.mark.parametrize(
    ("locale", "price", "line"),
    [
        ("cs_CZ", "9,408 EUR", "28,224 EUR"),
        ("hu_HU", "9,408 EUR", "28,224 EUR"),
        ("ja_JP", "9.408 EUR", "28.224 EUR"),
    ],
)
def test_an_amount_finer_than_the_cent_is_shown_whole_inside_a_sentence(
    locale: str, price: str, line: str
) -> None:
    reason = Reason(
        code="cli.demo.money.exact",
        params={"price": Money("9.408", "EUR"), "seats": 3, "line": Money("28.224", "EUR")},
    )
    sentence = render(reason, locale=locale)
    assert f"{price} × 3" in sentence
    assert line in sentence


def test_trailing_zeros_are_kept_only_when_asked() -> None:
    assert format_decimal(Decimal("34770.30"), locale="hu_HU") == "34\xa0770,3"
    assert format_decimal(Decimal("34770.30"), locale="hu_HU", min_decimals=2) == "34\xa0770,30"
    with pytest.raises(InvalidInput) as refused:
        format_decimal(Decimal(1), locale="hu_HU", min_decimals=-1)
    assert refused.value.field == "min_decimals"


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_a_supported_locale_is_its_own_language(locale: str) -> None:
    choice = resolve_locale(locale)
    assert (choice.language, choice.fallback, choice.formats) == (locale[:2], False, locale)


@pytest.mark.parametrize("locale", ["de_DE", "pt-BR", "fr"])
def test_a_locale_without_a_catalog_falls_back_to_english_and_says_so(locale: str) -> None:
    choice = resolve_locale(locale)
    assert choice.language == "en"
    assert choice.fallback
    assert choice.formats == locale.replace("-", "_")
    assert set(choice.catalog_languages) == set(CATALOG_LANGUAGES)


def test_a_region_of_a_translated_language_is_translated() -> None:
    assert not resolve_locale("en_GB").fallback
    assert resolve_locale("cs").language == "cs"


def test_an_unknown_locale_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput) as refused:
        resolve_locale("xx_YY")
    assert (refused.value.field, refused.value.code) == ("locale", ErrorCode.UNKNOWN_VALUE)
