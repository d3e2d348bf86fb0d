"""Subscription: each refusal pinned whole, and the first term's end at its boundaries."""

from __future__ import annotations

import datetime as dt
import os
import time
from typing import Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import BillingFrequency, Subscription, Term
from cspcore.errors import ErrorCode

D = dt.date


def subscription(**changes: Any) -> Subscription:
    fields: dict[str, Any] = {
        "id": "sub-1",
        "product": "Microsoft 365 E3",
        "start": D(2024, 1, 31),
        "term": "P1Y",
        "frequency": "monthly",
        "quantity": 5,
        "unit_price": Money("36.00", "EUR"),
    }
    fields.update(changes)
    return Subscription(**fields)


def trial(**changes: Any) -> Subscription:
    return subscription(term="P1M", frequency="none", unit_price=Money(0, "EUR"), trial=True, **changes)


def refusal(**changes: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        subscription(**changes)
    return caught.value


MINUS_ONE_HOUR = dt.timezone(dt.timedelta(hours=-1))
PLUS_ONE_HOUR = dt.timezone(dt.timedelta(hours=1))


@pytest.mark.parametrize(
    ("changes", "field", "code", "value"),
    [
        ({"term": "P2Y"}, "term", ErrorCode.UNKNOWN_VALUE, "P2Y"),
        (
            {"frequency": "weekly"},
            "frequency",
            ErrorCode.UNKNOWN_VALUE,
            "weekly",
        ),
        ({"quantity": 0}, "quantity", ErrorCode.OUT_OF_RANGE, 0),
        ({"quantity": True}, "quantity", ErrorCode.WRONG_TYPE, True),
        ({"quantity": "5"}, "quantity", ErrorCode.WRONG_TYPE, "5"),
        ({"max_quantity": 0}, "max_quantity", ErrorCode.OUT_OF_RANGE, 0),
        ({"max_quantity": 2.0}, "max_quantity", ErrorCode.WRONG_TYPE, 2.0),
        ({"quantity": 6, "max_quantity": 5}, "quantity", ErrorCode.OUT_OF_RANGE, 6),
        ({"unit_price": Money("-0.01", "EUR")}, "unit_price", ErrorCode.OUT_OF_RANGE, Money("-0.01", "EUR")),
        ({"unit_price": "36.00"}, "unit_price", ErrorCode.WRONG_TYPE, "36.00"),
        ({"end": "2024-06-30"}, "end", ErrorCode.WRONG_TYPE, "2024-06-30"),
        (
            {"end": D(2024, 1, 30)},
            "end",
            ErrorCode.OUT_OF_RANGE,
            D(2024, 1, 30),
        ),
        (
            {"end": D(2025, 2, 1)},
            "end",
            ErrorCode.OUT_OF_RANGE,
            D(2025, 2, 1),
        ),
        (
            {"purchased_at": dt.datetime(2024, 1, 31, 10)},  # noqa: DTZ001 - the naive value refused
            "purchased_at",
            ErrorCode.NAIVE_DATETIME,
            dt.datetime(2024, 1, 31, 10),  # noqa: DTZ001
        ),
        (
            {"purchased_at": "2024-01-31T00:00Z"},
            "purchased_at",
            ErrorCode.WRONG_TYPE,
            "2024-01-31T00:00Z",
        ),
        (
            {"purchased_at": dt.datetime(2024, 1, 30, 23, 59, tzinfo=dt.UTC)},
            "purchased_at",
            ErrorCode.INCONSISTENT,
            dt.datetime(2024, 1, 30, 23, 59, tzinfo=dt.UTC),
        ),
        (
            {"purchased_at": dt.datetime(2024, 1, 31, 0, 30, tzinfo=PLUS_ONE_HOUR)},
            "purchased_at",
            ErrorCode.INCONSISTENT,
            dt.datetime(2024, 1, 31, 0, 30, tzinfo=PLUS_ONE_HOUR),
        ),
        ({"trial": 1}, "trial", ErrorCode.WRONG_TYPE, 1),
        ({"auto_renew": "yes"}, "auto_renew", ErrorCode.WRONG_TYPE, "yes"),
        (
            {"term": "P1M", "frequency": "annual"},
            "frequency",
            ErrorCode.NOT_ALLOWED,
            BillingFrequency.ANNUAL,
        ),
        (
            {"frequency": "none"},
            "frequency",
            ErrorCode.NOT_ALLOWED,
            BillingFrequency.NONE,
        ),
    ],
)
def test_a_bad_field_is_refused_naming_it_and_its_value(
    changes: dict[str, Any], field: str, code: ErrorCode, value: object
) -> None:
    error = refusal(**changes)
    assert (error.field, error.code, error.value) == (field, code, value)


def test_a_paid_trial_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        subscription(term="P1M", frequency="none", unit_price=Money("0.01", "EUR"), trial=True)
    error = caught.value
    assert (error.field, error.code, error.value) == (
        "unit_price",
        ErrorCode.NOT_ALLOWED,
        Money("0.01", "EUR"),
    )


def test_a_trial_with_a_custom_end_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        trial(end=D(2024, 2, 10))
    error = caught.value
    assert (error.field, error.code, error.value) == (
        "end",
        ErrorCode.NOT_ALLOWED,
        D(2024, 2, 10),
    )


def test_a_monthly_plan_cannot_be_a_trial() -> None:
    with pytest.raises(InvalidInput) as caught:
        subscription(term="P1M", unit_price=Money(0, "EUR"), trial=True)
    assert (caught.value.field, caught.value.code) == ("frequency", ErrorCode.NOT_ALLOWED)


def test_a_trial_lasts_thirty_days_including_the_start() -> None:
    assert trial().term_end == D(2024, 2, 29)
    assert trial(start=D(2023, 1, 31)).term_end == D(2023, 3, 1)


def test_a_standard_term_ends_the_day_before_its_anniversary() -> None:
    assert subscription().term_end == D(2025, 1, 30)
    assert subscription(term="P3Y", frequency="annual").term_end == D(2027, 1, 30)
    assert subscription(term="P1M", start=D(2024, 1, 31)).term_end == D(2024, 2, 28)


def test_a_custom_end_may_fall_anywhere_from_the_start_to_the_renewal_day() -> None:
    assert subscription(end=D(2024, 1, 31)).term_end == D(2024, 1, 31)
    assert subscription(end=D(2024, 6, 30)).term_end == D(2024, 6, 30)
    assert subscription(end=D(2025, 1, 31)).term_end == D(2025, 1, 31)


def test_the_quantity_may_equal_the_maximum() -> None:
    assert subscription(quantity=5, max_quantity=5).quantity == 5
    assert subscription(quantity=1).quantity == 1


def test_a_free_subscription_that_is_not_a_trial_is_allowed() -> None:
    assert subscription(unit_price=Money(0, "EUR")).unit_price == Money(0, "EUR")


def test_the_purchase_defaults_to_midnight_utc_on_the_start_date() -> None:
    assert subscription().purchased_at == dt.datetime(2024, 1, 31, tzinfo=dt.UTC)


def test_a_purchase_in_any_timezone_is_accepted_when_it_falls_on_the_start_date_in_utc() -> None:
    evening = dt.datetime(2024, 1, 30, 23, 30, tzinfo=MINUS_ONE_HOUR)
    assert subscription(purchased_at=evening).purchased_at == evening


def test_the_converters_normalise_codes_to_enums() -> None:
    sub = subscription(term="P3Y", frequency="triennial", max_quantity=None)
    assert (sub.term, sub.frequency, sub.max_quantity, sub.end) == (
        Term.P3Y,
        BillingFrequency.TRIENNIAL,
        None,
        None,
    )
    assert sub.is_upfront
    assert not subscription().is_upfront
    assert sub.currency == "EUR"


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="needs time.tzset to change the local timezone")
def test_the_purchase_day_is_judged_in_utc_whatever_the_machines_timezone() -> None:
    late = dt.datetime(2024, 1, 31, 23, 0, tzinfo=dt.UTC)
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "KIR-14"  # POSIX spelling of UTC+14: local time is already the next day
    time.tzset()
    try:
        assert subscription(purchased_at=late).purchased_at == late
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()
