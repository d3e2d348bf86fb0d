from __future__ import annotations

import contextlib
import datetime as dt
from typing import TYPE_CHECKING, Any

from hypothesis import given
from tests.refusals import raises_invalid

from cspcore import ErrorCode, InvalidInput
from cspcore.support import (
    BusinessHours,
    Issue,
    PartnerProfile,
    Pricing,
    SlaClock,
    SupportOffering,
    SupportProfile,
    business_time_between,
    communication_rule,
    customer_can,
    due_at,
    route,
)
from cspcore.testing.strategies import adversarial_values

if TYPE_CHECKING:
    from collections.abc import Callable

HOURS = BusinessHours.from_weekdays("America/New_York", dt.time(9), dt.time(17))
AWARE = dt.datetime(2024, 3, 4, 12, tzinfo=dt.UTC)


@given(adversarial_values())
def test_public_functions_refuse_bad_values_with_invalid_input(value: Any) -> None:
    calls: list[Callable[[], object]] = [
        lambda: due_at(value, dt.timedelta(hours=1), hours=HOURS),
        lambda: due_at(AWARE, value, hours=HOURS),
        lambda: due_at(AWARE, dt.timedelta(hours=1), hours=value),
        lambda: business_time_between(AWARE, value, hours=HOURS),
        lambda: BusinessHours(tz=value, weekly={0: ((dt.time(9), dt.time(17)),)}),
        lambda: BusinessHours(tz="UTC", weekly=value),
        lambda: BusinessHours(tz="UTC", weekly={0: ((dt.time(9), dt.time(17)),)}, holidays=value),
        lambda: BusinessHours(tz="UTC", weekly={0: (value,)}),
        lambda: HOURS.is_open(value),
        lambda: HOURS.ranges_on(value),
        lambda: Issue(kind=value, product="azure"),
        lambda: Issue(kind="technical", product="azure", severity=value),
        lambda: PartnerProfile(type=value),
        lambda: PartnerProfile(type="directBill", plans=value),
        lambda: route(value, partner=PartnerProfile(type="directBill")),
        lambda: customer_can(value),
        lambda: communication_rule(value),
        lambda: SupportProfile(email=value),
        lambda: SupportProfile(telephone=value),
        lambda: SupportProfile(website=value),
        lambda: Pricing(model=value),
        lambda: SupportOffering(
            support_types=value,
            hours=None,
            contact_methods={"email"},
            languages=("en",),
            pricing=Pricing.included(),
        ),
        lambda: SupportOffering(
            support_types={"technical"},
            hours=None,
            contact_methods={"email"},
            languages=value,
            pricing=Pricing.included(),
        ),
        lambda: SupportOffering(
            support_types={"technical"},
            hours=None,
            contact_methods={"email"},
            languages=("en",),
            pricing=Pricing.included(),
            targets=value,
        ),
        lambda: SlaClock.start(dt.timedelta(hours=1), at=value, hours=None),
        lambda: SlaClock.start(dt.timedelta(hours=1), at=AWARE, hours=None).pause(at=value),
    ]
    for call in calls:
        with contextlib.suppress(InvalidInput):
            call()


def test_calendar_ends_are_answered_or_refused_cleanly() -> None:
    first, last = dt.datetime.min.replace(tzinfo=dt.UTC), dt.datetime.max.replace(tzinfo=dt.UTC)
    # 0001-01-01T00:00Z is still year 0 in New York: the desk's hours that day cannot be read.
    with raises_invalid(field="received_at", code=ErrorCode.OUT_OF_RANGE):
        due_at(first, dt.timedelta(days=3), hours=HOURS)
    with raises_invalid(field="at", code=ErrorCode.OUT_OF_RANGE):
        HOURS.is_open(first)
    # The calendar's last instant is 18:59 on a Friday in New York: closed, and nothing is due after it.
    assert not HOURS.is_open(last)
    with raises_invalid(field="target", code=ErrorCode.OUT_OF_RANGE):
        due_at(last, dt.timedelta(days=3), hours=HOURS)
    with raises_invalid(field="end", code=ErrorCode.OUT_OF_RANGE):
        business_time_between(AWARE, last, hours=HOURS)  # some 8000 years: past the span bound


def test_sla_clock_needs_exactly_one_of_running_and_paused() -> None:
    with raises_invalid(field="running_since", code=ErrorCode.INCONSISTENT):
        SlaClock(target=dt.timedelta(hours=1), started_at=AWARE)
    with raises_invalid(field="paused_at", code=ErrorCode.NAIVE_DATETIME):
        SlaClock(target=dt.timedelta(hours=1), started_at=AWARE, paused_at=dt.datetime(2024, 1, 1))  # noqa: DTZ001
