"""Examples for cspcore.i18n, and the completeness of the message catalogs."""

from __future__ import annotations

import datetime as dt
import gettext
import re
from decimal import Decimal, localcontext
from io import BytesIO
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.messages.mofile import read_mo, write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from babel.numbers import format_currency
from tests.refusals import raises_invalid

from cspcore import ErrorCode, InvalidInput, Money, Reason, Rounding
from cspcore.i18n import (
    CATALOG_LANGUAGES,
    SUPPORTED_LOCALES,
    format_date,
    format_datetime,
    format_decimal,
    format_money,
    format_percent,
    label,
    locale_of,
    messages,
    placeholders,
    render,
)

SRC = Path(__file__).parents[3] / "src" / "cspcore"
LOCALES_DIR = SRC / "i18n" / "locales"


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize(
    "money", [Money("1234.5", "EUR"), Money("-0.5", "CZK"), Money("1000000", "JPY"), Money("1.234", "KWD")]
)
def test_format_money_matches_babel_byte_for_byte(locale: str, money: Money) -> None:
    expected = format_currency(money.amount, money.currency, locale=Locale.parse(locale))
    assert expected == format_money(money, locale=locale)


def test_format_money_in_the_seed_locales() -> None:
    assert format_money(Money("1234.5", "CZK"), locale="cs_CZ") == "1\xa0234,50\xa0Kč"
    assert format_money(Money("1234.5", "PLN"), locale="pl_PL") == "1\xa0234,50\xa0zł"
    assert format_money(Money("1234.5", "HUF"), locale="hu_HU") == "1\xa0234,50\xa0Ft"
    assert format_money(Money("1234", "JPY"), locale="ja_JP") == "￥1,234"
    assert format_money(Money("1234.5", "USD"), locale="en_US") == "$1,234.50"


@pytest.mark.parametrize("format_type", ["standard", "accounting", "name"])
def test_format_money_shows_the_iso_4217_minor_units_not_babels(format_type: Any) -> None:
    # CLDR (babel 2.19) gives HUF and IQD no decimals; ISO 4217 gives them 2 and 3.
    for money, decimals in [
        (Money("1234.5", "HUF"), ".50"),
        (Money("7", "IQD"), ".000"),
        (Money(1, "CLF"), ".0000"),
    ]:
        text = format_money(money, locale="en_US", format_type=format_type)
        assert decimals in text
        assert decimals + "0" not in text


def test_format_money_rounds_to_the_iso_minor_unit() -> None:
    assert format_money(Money("1234.567", "HUF"), locale="hu_HU") == "1\xa0234,57\xa0Ft"
    assert (
        format_money(Money("1234.567", "HUF"), locale="en_US", format_type="name")
        == "1,234.57 Hungarian forints"
    )
    assert format_money(Money("0.0005", "KWD"), locale="en_US", rounding=Rounding.HALF_UP).endswith("0.001")


def test_format_money_rounds_explicitly_not_by_the_ambient_context() -> None:
    with localcontext() as ctx:
        ctx.prec = 2
        assert format_money(Money("1234.565", "USD"), locale="en_US") == "$1,234.56"
        assert (
            format_money(Money("1234.565", "USD"), locale="en_US", rounding=Rounding.HALF_UP) == "$1,234.57"
        )


def test_format_money_other_format_types() -> None:
    assert format_money(Money("-1.5", "USD"), locale="en_US", format_type="accounting") == "($1.50)"
    assert format_money(Money("2", "USD"), locale="en_US", format_type="name") == "2.00 US dollars"
    with raises_invalid(field="format_type", code=ErrorCode.UNKNOWN_VALUE):
        format_money(Money("2", "USD"), locale="en_US", format_type="weird")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("locale", "code"),
    [
        ("xx_YY", ErrorCode.UNKNOWN_VALUE),
        ("", ErrorCode.EMPTY),
        ("not a locale", ErrorCode.UNKNOWN_VALUE),
        ("en_US\x00", ErrorCode.UNKNOWN_VALUE),
    ],
)
def test_unknown_locales_are_invalid_input(locale: str, code: ErrorCode) -> None:
    with raises_invalid(field="locale", code=code):
        format_money(Money("1", "EUR"), locale=locale)


def test_locale_identifiers_may_use_hyphens_and_are_cached() -> None:
    assert locale_of("cs-CZ") is locale_of("cs-CZ")
    assert str(locale_of("cs-CZ")) == "cs_CZ"


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_format_date_matches_babel(locale: str) -> None:
    day = dt.date(2024, 2, 29)
    assert babel_format_date(day, locale=locale) == format_date(day, locale=locale)


def test_format_date_refuses_datetimes_and_unknown_formats() -> None:
    with pytest.raises(InvalidInput):
        format_date(dt.datetime(2024, 1, 1, tzinfo=dt.UTC), locale="en_US")
    with raises_invalid(field="format", code=ErrorCode.UNKNOWN_VALUE):
        format_date(dt.date(2024, 1, 1), locale="en_US", format="tiny")  # type: ignore[arg-type]


def test_format_datetime_shows_the_values_own_zone() -> None:
    moment = dt.datetime(2024, 3, 31, 1, 30, tzinfo=ZoneInfo("Europe/Prague"))
    assert format_datetime(moment, locale="cs_CZ", format="short") == "31.03.24 1:30"
    with raises_invalid(field="moment", code=ErrorCode.NAIVE_DATETIME):
        format_datetime(dt.datetime(2024, 1, 1), locale="en_US")  # noqa: DTZ001


def test_format_decimal_and_percent() -> None:
    assert format_decimal(Decimal("1234.5678"), locale="hu_HU") == "1\xa0234,5678"
    assert format_decimal(3, locale="ja_JP") == "3"
    assert format_percent(Decimal("0.155"), locale="en_US", digits=1) == "15.5%"
    assert format_percent(Decimal("0.155"), locale="en_US") == "16%"
    assert format_percent(Decimal("0.15"), locale="pl_PL") == "15%"
    with pytest.raises(InvalidInput):
        format_percent(0.15, locale="en_US")  # type: ignore[arg-type]


def test_render_formats_each_parameter_for_the_locale() -> None:
    reason = Reason(
        code="core.money.rounded",
        params={
            "amount": Money("1.005", "EUR"),
            "rounded": Money("1.01", "EUR"),
            "rounding": Rounding.HALF_UP,
        },
    )
    # an amount finer than the cent is shown with every digit (and its code), never rounded by the display
    assert render(reason, locale="en_US") == "1.005 EUR was rounded to €1.01 (round half up)."
    assert (
        render(reason, locale="cs_CZ")
        == "Částka 1,005 EUR byla zaokrouhlena na 1,01\xa0€ (zaokrouhlení polovin nahoru)."
    )


def test_render_falls_back_to_english_for_other_languages() -> None:
    reason = Reason(code="core.money.currency_mismatch", params={"left": "EUR", "right": "USD"})
    assert render(reason, locale="de_DE") == "Amounts in EUR and USD cannot be combined without a conversion."


def test_render_of_an_unknown_code_shows_code_and_params() -> None:
    reason = Reason(
        code="core.unknown.thing", params={"on": dt.date(2024, 1, 2), "n": None, "xs": ("a", "b")}
    )
    assert render(reason, locale="en_US") == "core.unknown.thing(on=Jan 2, 2024, n=-, xs=a and b)"


def test_render_refuses_missing_params() -> None:
    with raises_invalid(field="reason.params", code=ErrorCode.MISSING):
        render(Reason(code="core.money.currency_mismatch", params={"left": "EUR"}), locale="en_US")
    with raises_invalid(field="reason", code=ErrorCode.WRONG_TYPE):
        render("core.money.currency_mismatch", locale="en_US")  # type: ignore[arg-type]


def test_labels_fall_back_to_the_enum_value() -> None:
    assert label(Rounding.DOWN, locale="ja_JP") == "切り捨て"

    import enum

    class Loose(enum.Enum):
        A = "a-value"

    assert label(Loose.A, locale="en_US") == "a-value"


def test_messages_refuses_unknown_languages_and_domains() -> None:
    with raises_invalid(field="language", code=ErrorCode.UNKNOWN_VALUE):
        messages("de", "core")
    with raises_invalid(field="domain", code=ErrorCode.UNKNOWN_VALUE):
        messages("en", "nope")


# -- catalog completeness ----------------------------------------------------------------------


def _catalog_files() -> dict[str, dict[str, Path]]:
    """File name → language → path."""
    found: dict[str, dict[str, Path]] = {}
    for path in LOCALES_DIR.glob("*/LC_MESSAGES/*.po"):
        found.setdefault(path.name, {})[path.parts[-3]] = path
    return found


def _read(path: Path) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """Message id → (its msgctxt, its forms): one form for a plain entry, nplurals for a plural one."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=path.parts[-3])
    entries: dict[str, tuple[str | None, tuple[str, ...]]] = {}
    for message in catalog:
        if not message.id:
            continue
        plural = message.pluralizable
        key = str(message.id[0] if plural else message.id)
        raw = message.string
        forms = tuple(str(form) for form in raw) if isinstance(raw, (tuple, list)) else (str(raw),)
        assert key not in entries, f"{key} twice in {path}"
        entries[key] = (message.context if plural else None, forms)
        assert plural == (message.context is not None), f"{key}: only a plural entry has a msgctxt"
    return entries


@pytest.mark.parametrize("name", sorted(_catalog_files()))
def test_every_catalog_exists_in_all_five_languages_with_the_same_ids_forms_and_placeholders(
    name: str,
) -> None:
    by_language = _catalog_files()[name]
    assert set(CATALOG_LANGUAGES) == set(by_language)
    english = _read(by_language["en"])
    for language in CATALOG_LANGUAGES:
        translated = _read(by_language[language])
        assert set(english) == set(translated), f"{language}/{name}"
        forms_wanted = get_plural(language).num_plurals
        for msgid, (count, forms) in translated.items():
            where = f"{msgid} in {language}/{name}"
            english_count, english_forms = english[msgid]
            assert count == english_count, f"{where}: the number is named by the same parameter"
            assert len(forms) == (forms_wanted if count else 1), f"{where}: one form per plural form"
            wanted = placeholders(english_forms[-1])
            for form in forms:
                assert form.strip(), f"empty form of {where}"
                assert placeholders(form) == wanted, where
            assert count is None or count in wanted, f"{where}: msgctxt names one of its placeholders"


@pytest.mark.parametrize(
    "path", sorted(LOCALES_DIR.glob("*/LC_MESSAGES/*.po")), ids=lambda p: f"{p.parts[-3]}/{p.name}"
)
def test_every_catalog_states_babels_plural_rule_for_its_language(path: Path) -> None:
    language = path.parts[-3]
    with path.open("rb") as handle:
        header = read_po(handle).mime_headers
    assert ("Plural-Forms", get_plural(language).plural_forms) in header


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_the_gettext_plural_rule_agrees_with_the_cldr_categories_on_whole_numbers(language: str) -> None:
    # Each CLDR category of a whole number (Locale.plural_form) maps to exactly one gettext form and back.
    rule = gettext.c2py(get_plural(language).plural_expr)
    cldr = Locale.parse(language).plural_form
    pairs = {(cldr(n), rule(n)) for n in range(2000)}
    assert len({category for category, _ in pairs}) == len(pairs) == len({form for _, form in pairs})
    assert {form for _, form in pairs} == set(range(get_plural(language).num_plurals))


def test_every_reason_code_in_the_sources_has_a_message() -> None:
    codes = set()
    for path in SRC.rglob("*.py"):
        codes |= set(
            re.findall(
                r'(?:Reason|trusted_reason)\(\s*(?:code=)?"([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)"',
                path.read_text("utf-8"),
            )
        )
    codes -= {
        "core.example",
        "core.unknown.thing",
        "billing.cancel.full",
        "billing.x.y",
    }  # docstring examples
    missing = sorted(code for code in codes if code not in messages("en", code.split(".")[0]))
    assert missing == []


@pytest.mark.parametrize(
    "path", sorted(LOCALES_DIR.glob("*/LC_MESSAGES/*.po")), ids=lambda p: f"{p.parts[-3]}/{p.name}"
)
def test_every_catalog_passes_babels_checks_and_compiles(path: Path) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=path.parts[-3])
    problems = [(message.id, errors) for message, errors in catalog.check() if errors]
    assert problems == []
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    compiled = {(str(m.id[0] if m.pluralizable else m.id), m.context) for m in read_mo(buffer) if m.id}
    assert compiled == {(str(m.id[0] if m.pluralizable else m.id), m.context) for m in catalog if m.id}
