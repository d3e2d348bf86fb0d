"""Lifecycle events refuse a bad field by its name, code and value, and fall on the UTC day of their instant.

A renewal completes within 24 hours of 00:00 UTC (``developer/create-scheduled-changes.md``); a term and
a billing frequency are scheduled together, as one plan Partner Center sells
(``create-a-new-subscription.md``, "Scheduled changes ...").
"""

from __future__ import annotations

import datetime as dt
import os
import time
from typing import TYPE_CHECKING, Any

import pytest

from cspcore import Money
from cspcore.billing import (
    BillingFrequency,
    CompleteRenewal,
    Reactivate,
    ScheduleChange,
    SetAutoRenew,
    Suspend,
    Term,
)
from cspcore.errors import ErrorCode, InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

D = dt.date
ON = D(2024, 5, 2)
PRICE = Money("36.00", "USD")
LAST_MINUTE = dt.datetime.min.replace(tzinfo=dt.timezone(dt.timedelta(hours=1)))  # before year 1 in UTC


def refused(action: Callable[[], object]) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        action()
    assert isinstance(caught.value.problem, str)
    return caught.value


@pytest.fixture
def machine_at_utc_plus_14() -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset to change the local time zone")
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "KIR-14"  # POSIX spelling of UTC+14
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()


@pytest.mark.usefixtures("machine_at_utc_plus_14")
def test_an_instants_event_falls_on_its_utc_day_whatever_the_machines_zone() -> None:
    noon = dt.datetime(2024, 3, 2, 12, tzinfo=dt.UTC)  # already March 3 at UTC+14
    assert Suspend(at=noon).day == D(2024, 3, 2)
    assert Reactivate(at=noon).day == D(2024, 3, 2)


@pytest.mark.parametrize(
    ("action", "field", "code", "value"),
    [
        (
            lambda: SetAutoRenew(on=dt.datetime(2024, 5, 2, tzinfo=dt.UTC), enabled=True),
            "on",
            ErrorCode.WRONG_TYPE,
            dt.datetime(2024, 5, 2, tzinfo=dt.UTC),
        ),
        (lambda: Suspend(at=LAST_MINUTE), "at", ErrorCode.OUT_OF_RANGE, LAST_MINUTE),
        (
            lambda: Suspend(at=dt.datetime(2024, 3, 2, tzinfo=dt.UTC), subscription=""),
            "subscription",
            ErrorCode.EMPTY,
            "",
        ),
        (
            lambda: ScheduleChange(on=ON, term="P2W", frequency="monthly", unit_price=PRICE),  # type: ignore[arg-type]
            "term",
            ErrorCode.UNKNOWN_VALUE,
            "P2W",
        ),
        (
            lambda: ScheduleChange(on=ON, term="P1M", frequency="weekly", unit_price=PRICE),  # type: ignore[arg-type]
            "frequency",
            ErrorCode.UNKNOWN_VALUE,
            "weekly",
        ),
        (lambda: ScheduleChange(on=ON, product="", unit_price=PRICE), "product", ErrorCode.EMPTY, ""),
        (
            lambda: ScheduleChange(on=ON, quantity=3, unit_price="36.00"),  # type: ignore[arg-type]
            "unit_price",
            ErrorCode.WRONG_TYPE,
            "36.00",
        ),
        (
            lambda: ScheduleChange(on=ON, quantity=3, unit_price=Money("-1", "USD")),
            "unit_price",
            ErrorCode.OUT_OF_RANGE,
            Money("-1", "USD"),
        ),
        (
            lambda: ScheduleChange(on=ON, end=dt.datetime(2025, 1, 1, tzinfo=dt.UTC)),
            "end",
            ErrorCode.WRONG_TYPE,
            dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        ),
        (lambda: ScheduleChange(on=ON), "on", ErrorCode.MISSING, ON),
    ],
)
def test_a_bad_field_is_refused_with_its_name_code_and_value(
    action: Callable[[], object], field: str, code: ErrorCode, value: Any
) -> None:
    error = refused(action)
    assert (error.field, error.code, error.value) == (field, code, value)


def test_a_renewal_completing_outside_its_24_hours_is_refused_with_the_instant() -> None:
    late = dt.datetime(2023, 3, 3, 0, 0, 1, tzinfo=dt.UTC)
    assert CompleteRenewal(on=D(2023, 3, 2), at=late - dt.timedelta(seconds=1)).at == late - dt.timedelta(
        seconds=1
    )
    error = refused(lambda: CompleteRenewal(on=D(2023, 3, 2), at=late))
    assert (error.field, error.code, error.value) == ("at", ErrorCode.OUT_OF_RANGE, late)


@pytest.mark.parametrize(
    ("given", "missing"),
    [
        ({"term": "P1Y", "unit_price": PRICE}, "frequency"),
        ({"frequency": "monthly", "unit_price": PRICE}, "term"),
        ({"product": "E5"}, "unit_price"),
        ({"term": "P1Y", "frequency": "annual"}, "unit_price"),
    ],
)
def test_a_plan_is_a_term_and_a_frequency_together_and_a_new_product_or_plan_needs_its_price(
    given: dict[str, Any], missing: str
) -> None:
    error = refused(lambda: ScheduleChange(on=ON, **given))
    assert (error.field, error.code, error.value) == (missing, ErrorCode.MISSING, None)


def test_a_term_and_a_frequency_form_a_plan_partner_center_sells() -> None:
    # a month's term is not billed yearly (terms.VALID_PLANS)
    error = refused(lambda: ScheduleChange(on=ON, term="P1M", frequency="annual", unit_price=PRICE))
    assert (error.field, error.code) == ("frequency", ErrorCode.NOT_ALLOWED)
    plan = ScheduleChange(on=ON, term="P1Y", frequency="annual", unit_price=PRICE)
    assert (plan.term, plan.frequency) == (Term.P1Y, BillingFrequency.ANNUAL)
