"""format_money gives, byte for byte, what babel's pattern gives, in every CLDR locale and currency.

format_money lays a locale's currency pattern out once per (locale, format type, currency) and then
formats each amount itself. The reference below is the straightforward implementation it replaced,
kept here: round with cspcore's table and rounding, take the locale's CLDR pattern showing exactly
the currency's ISO 4217 decimals, and let babel apply it (and babel's public ``format_currency`` with
that pattern says the same). Amounts go from zero to the largest that can exist (just under
10**61), negative and positive, at or finer than the minor unit, in currencies with 0 to 4 decimals.
"""

from __future__ import annotations

import copy
import decimal
from decimal import Decimal
from typing import Literal

import pytest
from babel import Locale, localedata
from babel.numbers import format_currency, get_group_symbol
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import Money, Rounding
from cspcore.i18n import format_money
from cspcore.money import MAX_MAGNITUDE, exact_money, minor_units
from cspcore.testing.strategies import CSP_CURRENCIES

LOCALES = sorted(localedata.locale_identifiers())
#: Every decimal count ISO 4217 has: JPY 0, EUR 2, KWD 3, CLF 4; and CHF, whose symbol differs by locale.
CURRENCIES = sorted({*CSP_CURRENCIES, "JPY", "KWD", "BHD", "CLF", "CHF", "INR", "HUF", "XAF"})
FormatType = Literal["standard", "accounting"]
FORMAT_TYPES: tuple[FormatType, ...] = ("standard", "accounting")
#: A hostile ambient context: formatting must not depend on it.
HOSTILE = decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR, traps=[decimal.Inexact, decimal.Rounded])


def reference(money: Money, locale: str, format_type: FormatType, rounding: Rounding) -> str:
    """The straightforward way: babel applies the locale's pattern, set to the currency's minor units."""
    loc = Locale.parse(locale)
    digits = minor_units(money.currency)
    pattern = copy.copy(loc.currency_formats[format_type])
    pattern.frac_prec = (digits, digits)
    rounded = money.round(rounding).amount
    with decimal.localcontext(decimal.Context(prec=200)):
        applied = str(pattern.apply(rounded, loc, currency=money.currency, currency_digits=False))
        public = format_currency(rounded, money.currency, format=pattern, locale=loc, currency_digits=False)
    assert applied == public
    return applied


@st.composite
def amounts(draw: st.DrawFn, currency: str) -> Money:
    """From zero to just under 10**61, either sign, with up to eight decimals."""
    places = draw(st.integers(0, 8))
    digits = draw(st.integers(0, MAX_MAGNITUDE - 1))
    units = draw(st.integers(0, 10 ** (digits + places) - 1))
    sign = draw(st.sampled_from((1, -1)))
    return exact_money(Decimal(sign * units).scaleb(-places), currency)


@given(
    st.sampled_from(LOCALES),
    st.sampled_from(CURRENCIES).flatmap(amounts),
    st.sampled_from(FORMAT_TYPES),
    st.sampled_from(list(Rounding)),
)
@example("en_US", Money("-1234.5", "USD"), "accounting", Rounding.HALF_EVEN)
@example("en_IN", Money("123456789.125", "INR"), "standard", Rounding.HALF_UP)
@example("bn", Money("-100000", "INR"), "standard", Rounding.HALF_UP)
@example("tok", Money("1234567", "EUR"), "standard", Rounding.HALF_UP)
@example("de_CH", Money("-1234567.891", "CHF"), "standard", Rounding.HALF_UP)
@example("fr_CH", Money("1234.5", "CHF"), "accounting", Rounding.HALF_UP)
@example("ar_EG", Money("-98765.4321", "KWD"), "standard", Rounding.DOWN)
@example("fa", Money("-0.5", "JPY"), "accounting", Rounding.HALF_EVEN)
@example("en_US_POSIX", Money("1234567.5", "USD"), "accounting", Rounding.HALF_UP)
@example("cs_CZ", Money("-0.004", "CZK"), "standard", Rounding.HALF_UP)
@example("ja_JP", Money("0", "JPY"), "standard", Rounding.HALF_UP)
@example("hu_HU", Money("1234.5", "HUF"), "standard", Rounding.HALF_UP)
@example("pl_PL", Money("1234.5678", "CLF"), "standard", Rounding.CEILING)
@example("sv_SE", exact_money(Decimal("-" + "9" * 60 + ".995"), "EUR"), "accounting", Rounding.HALF_UP)
def test_format_money_is_babels_pattern_byte_for_byte(
    locale: str, money: Money, format_type: FormatType, rounding: Rounding
) -> None:
    expected = reference(money, locale, format_type, rounding)
    assert format_money(money, locale=locale, format_type=format_type, rounding=rounding) == expected
    # Again (now from the compiled format), and under an ambient context that would round or trap.
    with decimal.localcontext(HOSTILE):
        assert format_money(money, locale=locale, format_type=format_type, rounding=rounding) == expected


#: The locales whose currency patterns are not laid out three by three with plain symbols: Indian and
#: two-by-two grouping, no grouping, and a quote as the group symbol (babel's unquoting then applies).
UNUSUAL = sorted(
    name
    for name in LOCALES
    if get_group_symbol(Locale.parse(name)) == "'"
    or {Locale.parse(name).currency_formats[kind].grouping for kind in FORMAT_TYPES} != {(3, 3)}
)


@pytest.mark.parametrize("locale", UNUSUAL)
def test_every_unusual_pattern_is_babels_too(locale: str) -> None:
    for currency in ("JPY", "EUR", "KWD", "CLF"):
        for text in ("0", "-0.004", "7", "-1234", "12345.678", "-123456789.5", "1" + "0" * 29):
            money = Money(text, currency)
            for format_type in FORMAT_TYPES:
                expected = reference(money, locale, format_type, Rounding.HALF_EVEN)
                assert format_money(money, locale=locale, format_type=format_type) == expected
