"""An exchange rate's bounds are inclusive, months start in year 2, and a refusal carries the value refused.

``developer_get-foreign-exchange-rates.md``: a month's rate "holds true for the entire month"; the
limits (:data:`~cspcore.billing.exchange.MAX_RATE`, :data:`~cspcore.billing.exchange.MAX_RATE_DIGITS`,
year 2 as the first month) are cspcore's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import pytest

from cspcore import _validate
from cspcore.billing.exchange import (
    MAX_RATE,
    MAX_RATE_DIGITS,
    ExchangeRates,
    MonthRate,
    exchange_rate,
    rate_date,
)
from cspcore.errors import ErrorCode, InvalidInput

USD_EUR: dict[str, Any] = {"pricing_currency": "USD", "billing_currency": "EUR"}


def refused(action: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        action()
    assert isinstance(caught.value.problem, str)
    return caught.value


class ClaimsManyMonths(Mapping[str, str]):
    """A mapping that reports ``size`` months (only its length is looked at before the refusal)."""

    def __init__(self, size: int) -> None:
        self.size = size

    def __len__(self) -> int:
        return self.size

    def __iter__(self) -> Iterator[str]:
        yield "2022-12"

    def __getitem__(self, key: str) -> str:
        return "0.95"


def test_the_largest_rate_and_the_most_digits_are_accepted() -> None:
    assert exchange_rate(MAX_RATE, "rate") == MAX_RATE
    most = "1." + "2" * (MAX_RATE_DIGITS - 1)
    assert exchange_rate(most, "rate") == Decimal(most)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("0", ErrorCode.OUT_OF_RANGE),
        (MAX_RATE + 1, ErrorCode.OUT_OF_RANGE),
        ("1." + "2" * MAX_RATE_DIGITS, ErrorCode.TOO_MANY_DIGITS),
    ],
)
def test_a_rate_out_of_bounds_is_refused_with_its_value(value: object, code: ErrorCode) -> None:
    error = refused(lambda: exchange_rate(value, "rate"))
    assert (error.field, error.code, error.value) == ("rate", code, value)


def test_rates_are_set_from_year_2_on() -> None:
    # the first month with a rate needs a month before it to count back in
    assert rate_date(dt.date(2, 1, 15)) == dt.date(1, 12, 28)  # Dec 31, year 1 is a Monday
    day = dt.date(1, 6, 1)
    error = refused(lambda: rate_date(day))
    assert (error.field, error.code, error.value) == ("day", ErrorCode.OUT_OF_RANGE, day)
    moment = dt.datetime(2022, 12, 1, tzinfo=dt.UTC)
    error = refused(lambda: rate_date(moment))
    assert (error.field, error.code, error.value) == ("day", ErrorCode.WRONG_TYPE, moment)


@pytest.mark.parametrize(
    ("key", "code"),
    [
        ("0001-12", ErrorCode.OUT_OF_RANGE),
        (dt.date(1, 12, 1), ErrorCode.OUT_OF_RANGE),
        ("2022-13", ErrorCode.MALFORMED),
        (dt.date(2022, 12, 2), ErrorCode.MALFORMED),
        (dt.datetime(2022, 12, 1, tzinfo=dt.UTC), ErrorCode.WRONG_TYPE),
    ],
)
def test_a_bad_month_key_is_refused_with_the_key(key: object, code: ErrorCode) -> None:
    error = refused(lambda: ExchangeRates(**USD_EUR, rates={key: "1"}))
    assert (error.field, error.code, error.value) == ("rates[]", code, key)


def test_the_first_month_of_year_2_has_a_rate() -> None:
    for key in ("0002-01", dt.date(2, 1, 1)):
        assert ExchangeRates(**USD_EUR, rates={key: "1"}).months == (dt.date(2, 1, 1),)


def test_bad_rate_tables_are_refused_with_what_was_given() -> None:
    given: Any = [("2022-12", "0.95")]
    error = refused(lambda: ExchangeRates(**USD_EUR, rates=given))
    assert (error.field, error.code, error.value) == ("rates", ErrorCode.WRONG_TYPE, given)
    error = refused(lambda: ExchangeRates(**USD_EUR, rates={}))
    assert (error.field, error.code, error.value) == ("rates", ErrorCode.EMPTY, {})
    twice = {"2022-12": "1", dt.date(2022, 12, 1): "1"}
    error = refused(lambda: ExchangeRates(**USD_EUR, rates=twice))
    assert (error.field, error.code, error.value) == (
        "rates[2022-12-01]",
        ErrorCode.DUPLICATE,
        dt.date(2022, 12, 1),
    )
    error = refused(
        lambda: ExchangeRates(pricing_currency="EUR", billing_currency="EUR", rates={"2022-12": 1})
    )
    assert (error.field, error.code, error.value) == ("billing_currency", ErrorCode.INCONSISTENT, "EUR")


def test_a_table_may_hold_as_many_months_as_any_collection_and_no_more() -> None:
    assert ExchangeRates(**USD_EUR, rates=ClaimsManyMonths(_validate.MAX_ITEMS)).months == (
        dt.date(2022, 12, 1),
    )
    too_many = _validate.MAX_ITEMS + 1
    error = refused(lambda: ExchangeRates(**USD_EUR, rates=ClaimsManyMonths(too_many)))
    assert (error.field, error.code, error.value) == ("rates", ErrorCode.TOO_LONG, too_many)


def test_a_charge_gets_its_own_months_rate_and_a_missing_month_is_refused_with_the_day() -> None:
    rates = ExchangeRates(**USD_EUR, rates={"2022-12": "0.946"})
    assert rates.rate_for(dt.date(2022, 12, 31)) == MonthRate(
        month=dt.date(2022, 12, 1), rate=Decimal("0.946"), rate_date=dt.date(2022, 11, 29)
    )
    day = dt.date(2023, 1, 2)
    error = refused(lambda: rates.rate_for(day))
    assert (error.field, error.code, error.value) == ("day", ErrorCode.MISSING, day)
