"""Pricing currency and billing currency: a rate per month, and the day each rate is set.

Some products are priced in one currency (Azure and marketplace in USD; license-based products in
the customer's local currency) and billed in the partner's location currency. Each line of the
reconciliation file then carries ``PricingCurrency``, ``PCToBCExchangeRate`` and
``PCToBCExchangeRateDate`` (``modern-invoice-reconciliation-file.md``), and its ``Subtotal`` follows
one of two formulas at that rate, which live in
:func:`~cspcore.billing.proration.prorated_subtotal`.

Which rate a charge gets (``billing-basics.md``, "Invoice in partner location currency"): "Thomson
Reuters sets the exchange rate two business days before the end of the previous month (1600 UTC).
This rate applies to all purchases made during the following month", with the example that
December's rate is the mid-rate published on November 29. For license charge cycles, "the FX rate
will be determined based on the date of the charge" (same page, the note under the currency table),
and a month's rates "hold true for the entire month they're posted"
(``developer_get-foreign-exchange-rates.md``). So :meth:`ExchangeRates.rate_for` looks the rate up by
the month of the charge's own date.

How "two business days before the end of the month" is counted (:func:`rate_date`): business days
are Monday to Friday (no holiday calendar), and the two are counted back from the month's end, the
last business day being the first of them, so the rate is set on the month's second-to-last
business day. That reading gives November 29 for December in 2018, 2021, 2022 and 2023 (the page is
dated January 2023, so December 2022 is the likely example: November 29, 2022 was a Tuesday), but
not in 2019, 2020, 2024 or 2025; the example names no year, so which one it is cannot be told. The
other reading (two business days back from the month's last business day) gives November 29 in no
year at all. The reconciliation-file page's own sample (``PCToBCExchangeRateDate`` 9/30/2020 on a
line ordered 10/3/2020) is a month's last day, which neither reading gives; a file's stated date is
kept as stated and never checked against this rule.

>>> import datetime as dt
>>> from decimal import Decimal
>>> rate_date(dt.date(2022, 12, 15))
datetime.date(2022, 11, 29)
>>> rates = ExchangeRates(
...     pricing_currency="USD",
...     billing_currency="EUR",
...     rates={"2022-12": Decimal("0.946"), dt.date(2023, 1, 1): "0.937"},
... )
>>> rates.rate_for(dt.date(2022, 12, 31))
MonthRate(month=datetime.date(2022, 12, 1), rate=Decimal('0.946'), rate_date=datetime.date(2022, 11, 29))
>>> rates.rate_for(dt.date(2023, 1, 2)).rate_date  # Friday the 30th is the last business day of 2022
datetime.date(2022, 12, 29)

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Final

import attrs

from cspcore import _decimal, _validate
from cspcore.currencies import currency_code
from cspcore.errors import ErrorCode, InvalidInput

__all__ = ["MAX_RATE", "MAX_RATE_DIGITS", "ExchangeRates", "MonthRate", "exchange_rate", "rate_date"]

#: The largest exchange rate accepted (a billion units of the billing currency per pricing unit).
MAX_RATE: Final = Decimal(10) ** 9
#: The most significant digits an exchange rate may have (Microsoft's files show nine decimals).
MAX_RATE_DIGITS: Final = 20
_SATURDAY: Final = 5
#: No exchange rate is set before this year (the month before needs a calendar to count back in).
_FIRST_YEAR: Final = 2
#: ``YYYY-MM`` in ASCII digits only; other scripts' digits, which ``int()`` reads, are refused.
_MONTH_TEXT: Final = re.compile(r"([0-9]{4})-([0-9]{2})")


def exchange_rate(value: object, field: str) -> Decimal:
    """``value`` as an exchange rate: a positive Decimal up to :data:`MAX_RATE`, of at most 20 digits.

    Accepts a ``Decimal``, ``int`` or numeric ``str``; refuses floats and booleans (``WRONG_TYPE``),
    zero, negatives and rates above :data:`MAX_RATE` (``OUT_OF_RANGE``), and more than
    :data:`MAX_RATE_DIGITS` significant digits (``TOO_MANY_DIGITS``).

    >>> exchange_rate("0.846202666", "rate")
    Decimal('0.846202666')
    >>> exchange_rate(0, "rate")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: rate: must be positive (got 0)
    """
    rate = _validate.decimal(value, field)
    if rate <= 0:
        raise InvalidInput(field, "must be positive", value, code=ErrorCode.OUT_OF_RANGE)
    if rate > MAX_RATE:
        raise InvalidInput(field, f"must be at most {MAX_RATE}", value, code=ErrorCode.OUT_OF_RANGE)
    # normalized exactly: in the ambient context, normalize() would round to its precision first
    if len(rate.normalize(_decimal.EXACT).as_tuple().digits) > MAX_RATE_DIGITS:
        raise InvalidInput(
            field,
            f"has more than {MAX_RATE_DIGITS} significant digits",
            value,
            code=ErrorCode.TOO_MANY_DIGITS,
        )
    return rate


def _first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def rate_date(day: dt.date) -> dt.date:
    """The day the rate for ``day``'s month is set: the previous month's second-to-last business day.

    Business days are Monday to Friday; holidays are not known (see the module's text for the
    reading and Microsoft's example).

    >>> rate_date(dt.date(2022, 12, 1)), rate_date(dt.date(2020, 12, 1))
    (datetime.date(2022, 11, 29), datetime.date(2020, 11, 27))
    """
    checked = _validate.date(day, "day")
    if checked.year < _FIRST_YEAR:
        raise InvalidInput("day", f"a day before {_FIRST_YEAR}", day, code=ErrorCode.OUT_OF_RANGE)
    last = _first_of_month(checked) - dt.timedelta(days=1)
    business_days = 0
    while True:
        if last.weekday() < _SATURDAY:
            business_days += 1
            if business_days == 2:
                return last
        last -= dt.timedelta(days=1)


def _month(key: object, field: str) -> dt.date:
    """A month key: a date on the first of its month, or ``"YYYY-MM"`` text."""
    if isinstance(key, str):
        found = _MONTH_TEXT.fullmatch(key.strip())
        if found is None or not 1 <= int(found.group(2)) <= 12:
            raise InvalidInput(field, "expected a month as YYYY-MM", key, code=ErrorCode.MALFORMED)
        year = int(found.group(1))
        if year < _FIRST_YEAR:
            raise InvalidInput(field, f"a month before {_FIRST_YEAR}", key, code=ErrorCode.OUT_OF_RANGE)
        return dt.date(year, int(found.group(2)), 1)
    day = _validate.date(key, field)
    if day.day != 1:
        raise InvalidInput(field, "a month is given by its first day", key, code=ErrorCode.MALFORMED)
    if day.year < _FIRST_YEAR:
        raise InvalidInput(field, f"a month before {_FIRST_YEAR}", key, code=ErrorCode.OUT_OF_RANGE)
    return day


_CURRENCY: Final = _validate.attrs_validator(currency_code)


def _rates(value: object) -> tuple[tuple[dt.date, Decimal], ...]:
    if not isinstance(value, Mapping):
        raise InvalidInput("rates", "expected a mapping of months to rates", value, code=ErrorCode.WRONG_TYPE)
    if not value:
        raise InvalidInput("rates", "must hold at least one month", value, code=ErrorCode.EMPTY)
    if len(value) > _validate.MAX_ITEMS:
        raise InvalidInput(
            "rates", f"more than {_validate.MAX_ITEMS} months", len(value), code=ErrorCode.TOO_LONG
        )
    found: dict[dt.date, Decimal] = {}
    for key, rate in value.items():
        month = _month(key, "rates[]")
        if month in found:
            raise InvalidInput(f"rates[{key}]", "names a month twice", key, code=ErrorCode.DUPLICATE)
        found[month] = exchange_rate(rate, f"rates[{key}]")
    return tuple(sorted(found.items()))


@attrs.frozen(kw_only=True)
class MonthRate:
    """The exchange rate of one month, and the day it was set (``PCToBCExchangeRateDate``).

    Args:
        month: The first day of the month the rate applies to.
        rate: ``PCToBCExchangeRate``: billing-currency units per pricing-currency unit.
        rate_date: The day the rate was set (:func:`rate_date`).
    """

    month: dt.date
    rate: Decimal
    rate_date: dt.date


def _month_lookup(rates: ExchangeRates) -> Mapping[dt.date, Decimal]:
    """The rates by month, read-only (built once with the value, from its checked ``rates``)."""
    return MappingProxyType(dict(rates.rates))


@attrs.frozen(kw_only=True)
class ExchangeRates:
    """The exchange rates from one pricing currency to one billing currency, one per month.

    Args:
        pricing_currency: The currency prices are listed in (``PricingCurrency``), an ISO 4217 code.
        billing_currency: The partner's billing currency (``Currency``); not the pricing currency.
        rates: A mapping of months (a date on the first of the month, or ``"YYYY-MM"``) to rates
            (:func:`exchange_rate`); months need not be consecutive, but a month asked for must be there.

    Raises:
        InvalidInput: ``WRONG_TYPE`` for a value of the wrong kind, ``INCONSISTENT`` when the two
            currencies are the same, ``EMPTY`` for no months, ``MALFORMED`` for a month key that is
            not a first day or ``YYYY-MM`` in ASCII digits, ``DUPLICATE`` for a month given twice,
            and the codes of :func:`exchange_rate` for a rate.

    >>> ExchangeRates(pricing_currency="EUR", billing_currency="EUR", rates={"2022-12": 1})
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: billing_currency: must differ from the pricing currency (got 'EUR')
    """

    pricing_currency: str = attrs.field(validator=_CURRENCY)
    billing_currency: str = attrs.field(validator=_CURRENCY)
    rates: tuple[tuple[dt.date, Decimal], ...] = attrs.field(converter=_rates)
    _lookup: Mapping[dt.date, Decimal] = attrs.field(
        init=False, repr=False, eq=False, default=attrs.Factory(_month_lookup, takes_self=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.pricing_currency == self.billing_currency:
            raise InvalidInput(
                "billing_currency",
                "must differ from the pricing currency",
                self.billing_currency,
                code=ErrorCode.INCONSISTENT,
            )

    @property
    def months(self) -> tuple[dt.date, ...]:
        """The months that have a rate, in order (each as its first day)."""
        return tuple(month for month, _ in self.rates)

    def rate_for(self, day: dt.date) -> MonthRate:
        """The rate a charge dated ``day`` gets: its month's, with the day that rate was set.

        Raises:
            InvalidInput: ``MISSING`` on ``day`` when its month has no rate; ``WRONG_TYPE`` when
                ``day`` is not a date.

        >>> rates = ExchangeRates(pricing_currency="USD", billing_currency="EUR", rates={"2022-12": "0.95"})
        >>> rates.rate_for(dt.date(2023, 1, 1))
        Traceback (most recent call last):
        ...
        cspcore.errors.InvalidInput: day: no exchange rate for 2023-01 (got datetime.date(2023, 1, 1))
        """
        month = _first_of_month(_validate.date(day, "day"))
        rate = self._lookup.get(month)
        if rate is None:
            raise InvalidInput(
                "day", f"no exchange rate for {month.isoformat()[:7]}", day, code=ErrorCode.MISSING
            )
        return MonthRate(month=month, rate=rate, rate_date=rate_date(month))
