"""Hypothesis strategies for cspcore's values, for our own tests and for downstream test suites.

Each strategy draws only valid values unless its name says otherwise; ``adversarial_values()`` draws
the wrong ones (floats, NaN, naive datetimes, huge numbers, odd strings) for robustness tests.

>>> from hypothesis import given
>>> from cspcore.testing.strategies import money
>>> @given(money(currency="EUR"))
... def test_round_is_idempotent(amount):
...     assert amount.round().round() == amount.round()
>>> test_round_is_idempotent()

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from cspcore.i18n import SUPPORTED_LOCALES
from cspcore.money import Money, minor_units

__all__ = [
    "CSP_CURRENCIES",
    "adversarial_values",
    "amounts",
    "aware_datetimes",
    "currencies",
    "dates",
    "locales",
    "money",
    "nasty_dates",
    "timezones",
    "weights",
]

#: The 16 currencies Partner Center bills in (regional authorization overview), plus KWD (3 digits)
#: and CZK, PLN, HUF (the seed locales' own currencies, minor units per CLDR).
CSP_CURRENCIES = (
    "USD", "EUR", "AUD", "GBP", "NZD", "NOK", "DKK", "CAD", "TWD", "SEK",
    "KRW", "JPY", "INR", "CNY", "CHF", "BRL", "KWD", "CZK", "PLN", "HUF",
)  # fmt: skip

#: Time zones with DST changes on both sides of the Atlantic, and a few without.
TIMEZONES = ("UTC", "Europe/Prague", "Europe/Warsaw", "Europe/Budapest", "Asia/Tokyo", "America/New_York",
             "America/Los_Angeles", "Australia/Sydney", "Asia/Kolkata")  # fmt: skip


def currencies() -> st.SearchStrategy[str]:
    """Currency codes Partner Center uses, with zero-, two- and three-digit minor units."""
    return st.sampled_from(CSP_CURRENCIES)


def amounts(
    *,
    places: int = 2,
    min_value: Decimal | int = -1_000_000,
    max_value: Decimal | int = 1_000_000,
) -> st.SearchStrategy[Decimal]:
    """Decimals with exactly ``places`` decimal places in ``[min_value, max_value]``."""
    return st.decimals(
        min_value=Decimal(min_value),
        max_value=Decimal(max_value),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


@st.composite
def money(
    draw: st.DrawFn,
    *,
    currency: str | None = None,
    min_value: Decimal | int = -1_000_000,
    max_value: Decimal | int = 1_000_000,
    at_minor_units: bool = True,
) -> Money:
    """Amounts of money; at the currency's minor units unless ``at_minor_units=False``."""
    code = currency if currency is not None else draw(currencies())
    places = minor_units(code) if at_minor_units else draw(st.integers(minor_units(code), 8))
    return Money(draw(amounts(places=places, min_value=min_value, max_value=max_value)), code)


def weights(*, max_size: int = 12) -> st.SearchStrategy[list[int]]:
    """Allocation weights: non-negative ints, not all zero."""
    return st.lists(st.integers(0, 1000), min_size=1, max_size=max_size).filter(any)


def dates(
    *, min_value: dt.date = dt.date(2000, 1, 1), max_value: dt.date = dt.date(2099, 12, 31)
) -> st.SearchStrategy[dt.date]:
    """Calendar dates, this century by default, biased toward month ends."""
    return st.one_of(st.dates(min_value=min_value, max_value=max_value), nasty_dates(min_value, max_value))


@st.composite
def nasty_dates(
    draw: st.DrawFn, min_value: dt.date = dt.date(2000, 1, 1), max_value: dt.date = dt.date(2099, 12, 31)
) -> dt.date:
    """Dates that break naive month arithmetic: the 28th-31st, Feb 29, Dec 31, Jan 1."""
    year = draw(st.integers(min_value.year, max_value.year))
    month = draw(st.integers(1, 12))
    day = min(draw(st.sampled_from([1, 28, 29, 30, 31])), calendar.monthrange(year, month)[1])
    return min(max(dt.date(year, month, day), min_value), max_value)


def timezones() -> st.SearchStrategy[ZoneInfo]:
    """IANA zones with and without daylight saving time."""
    return st.sampled_from(TIMEZONES).map(ZoneInfo)


def aware_datetimes(
    *,
    min_value: dt.datetime = dt.datetime(2000, 1, 1),  # noqa: DTZ001 - hypothesis takes naive bounds
    max_value: dt.datetime = dt.datetime(2099, 12, 31),  # noqa: DTZ001
    timezones_: st.SearchStrategy[ZoneInfo] | None = None,
) -> st.SearchStrategy[dt.datetime]:
    """Timezone-aware datetimes (never naive), in zones with DST changes, at whole seconds."""
    return st.datetimes(
        min_value=min_value, max_value=max_value, timezones=timezones_ or timezones(), allow_imaginary=False
    ).map(lambda d: d.replace(microsecond=0))


def locales() -> st.SearchStrategy[str]:
    """The five locales cspcore ships catalogs for."""
    return st.sampled_from(SUPPORTED_LOCALES)


def adversarial_values() -> st.SearchStrategy[object]:
    """Values a public function must refuse cleanly: wrong types, NaN, naive datetimes, extremes."""
    return st.one_of(
        st.none(),
        st.booleans(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**40), max_value=10**40),
        st.sampled_from([Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity"), Decimal("1E+999999")]),
        st.text(max_size=20),
        st.sampled_from(["", " ", "x" * 10_000, "EUR ", "eur", "1e5", "NaN", "\x00"]),
        st.datetimes(),
        st.dates(),
        st.lists(st.integers(), max_size=3),
        st.dictionaries(st.text(max_size=3), st.integers(), max_size=3),
    )
