"""Support clocks at years 1 and 9999 refuse cleanly; holidays that are not dates are refused, not ignored."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import holidays
import pytest

from cspcore import ErrorCode, InvalidInput
from cspcore.support import BusinessHours, SlaClock, business_time_between, due_at

if TYPE_CHECKING:
    from collections.abc import Callable

EAST = dt.timezone(dt.timedelta(hours=14))
WEST = dt.timezone(dt.timedelta(hours=-12))
START = dt.datetime(2024, 3, 4, 9, tzinfo=dt.UTC)
HOURS = BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17))


def _field(call: Callable[[], object]) -> str:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value.field


@pytest.mark.parametrize("edge", [dt.datetime.min.replace(tzinfo=EAST), dt.datetime.max.replace(tzinfo=WEST)])
def test_instants_outside_the_calendar_in_utc_are_refused(edge: dt.datetime) -> None:
    clock = SlaClock.start(dt.timedelta(hours=4), at=START, hours=HOURS)
    assert _field(lambda: business_time_between(edge, START, hours=None)) == "start"
    assert _field(lambda: business_time_between(START, edge, hours=None)) == "end"
    for reading in (clock.elapsed, clock.remaining, clock.is_breached, clock.pause):
        assert _field(lambda reading=reading: reading(at=edge)) == "at"  # type: ignore[misc]
    assert _field(lambda: SlaClock.start(dt.timedelta(hours=1), at=edge, hours=None)) == "at"
    assert _field(lambda: SlaClock(target=dt.timedelta(hours=1), started_at=edge, running_since=START)) == (
        "started_at"
    )


def test_targets_longer_than_the_calendar_are_refused() -> None:
    too_long = dt.date.max - dt.date.min + dt.timedelta(microseconds=1)
    assert _field(lambda: due_at(START, too_long, hours=None)) == "target"
    assert _field(lambda: SlaClock.start(too_long, at=START, hours=None)) == "target"
    assert (
        _field(lambda: SlaClock(target=START - START, started_at=START, banked=dt.timedelta.max)) == "banked"
    )


def test_a_clock_banked_past_its_target_needs_a_breach_instant() -> None:
    over = {"target": dt.timedelta(hours=1), "started_at": START, "banked": dt.timedelta(hours=2)}
    assert _field(lambda: SlaClock(**over, running_since=START)) == "breached_at"  # type: ignore[arg-type]
    clock = SlaClock(**over, running_since=START, breached_at=START)  # type: ignore[arg-type]
    assert clock.breach_at == START
    assert clock.remaining(at=START) == -dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("given", "item"),
    [
        (["2025-03-10"], "2025-03-10"),
        ((dt.date(2025, 3, 7), 20250310), 20250310),
        ({dt.datetime(2025, 3, 10)}, dt.datetime(2025, 3, 10)),  # noqa: DTZ001 - a datetime is not a date
        ([None], None),
        ({"2025-03-10": "Holiday"}, "2025-03-10"),
    ],
)
def test_holidays_that_are_not_dates_are_refused(given: object, item: object) -> None:
    """The refusal names the parameter (``holidays``) and carries the item that is not a date."""
    with pytest.raises(InvalidInput) as caught:
        BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17), holidays=given)  # type: ignore[arg-type]
    refused = caught.value
    assert (refused.field, refused.code, refused.value) == ("holidays", ErrorCode.WRONG_TYPE, item)


def test_a_date_holiday_moves_the_due_time_a_day_later() -> None:
    monday = dt.datetime(2025, 3, 10, 9, tzinfo=dt.UTC)
    plain = due_at(monday, dt.timedelta(hours=4), hours=HOURS)
    closed = BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17), holidays=[dt.date(2025, 3, 10)])
    assert due_at(monday, dt.timedelta(hours=4), hours=closed) == plain + dt.timedelta(days=1)


def test_a_holidays_package_calendar_keeps_working() -> None:
    czech = holidays.country_holidays("CZ")
    hours = BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17), holidays=czech)
    assert hours.holidays is czech
    assert hours.ranges_on(dt.date(2025, 12, 24)) == ()
    assert hours.ranges_on(dt.date(2025, 12, 23)) != ()


def test_a_calendar_whose_membership_test_fails_later_is_refused_on_use() -> None:
    class Flaky:
        def __contains__(self, day: object) -> bool:
            if isinstance(day, dt.date) and day.year > 2020:
                raise LookupError(day)
            return False

    hours = BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17), holidays=Flaky())
    assert _field(lambda: due_at(START, dt.timedelta(hours=1), hours=hours)) == "holidays"
