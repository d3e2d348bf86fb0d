"""A refusal of ``due_at`` or ``business_time_between`` names the caller's argument, with its code,
and carries the value given.

A program that shows the refusal next to the offending input (or logs it) reads the error's ``value``:
it is the argument as the caller passed it, the ``target`` when the answer cannot be given, the
``received_at`` (or ``start``, ``end``) when the instant or its tzinfo is what fails.
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.support import BusinessHours, business_time_between, due_at

T = dt.time
H = dt.timedelta(hours=1)
UTC_ALWAYS = BusinessHours(tz="UTC", weekly={d: ((T(0), T(0)),) for d in range(7)})
PRAGUE = BusinessHours.from_weekdays("Europe/Prague", T(9), T(17), days=range(7))
NEW_YORK = BusinessHours.from_weekdays("America/New_York", T(9), T(17), days=range(7))
#: Fourteen hours ahead of UTC: the last hours of the calendar in UTC are year 10000 on its wall clock.
KIRITIMATI = dt.timezone(14 * H)
ONE_DAY = dt.timedelta(days=1)


class _UntilNextYear(dt.tzinfo):
    """A zone that knows 2024 only: any later instant raises."""

    def utcoffset(self, moment: dt.datetime | None) -> dt.timedelta:
        if moment is not None and moment.year > 2024:
            raise KeyError(moment.year)
        return H

    def dst(self, _moment: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)

    def tzname(self, _moment: dt.datetime | None) -> str:
        return "+01"


@pytest.mark.parametrize("hours", [None, UTC_ALWAYS], ids=["round the clock", "schedule"])
def test_a_due_date_past_the_calendar_in_utc_carries_the_target(hours: BusinessHours | None) -> None:
    target = 5 * H
    with raises_invalid(field="target", code=ErrorCode.OUT_OF_RANGE) as caught:
        due_at(dt.datetime(9999, 12, 31, 20, tzinfo=dt.UTC), target, hours=hours)
    assert caught.value.value is target


def test_a_due_date_past_the_last_day_of_the_schedule_carries_the_target() -> None:
    target = 9 * H  # 9999-12-31 has eight open hours in Prague
    with raises_invalid(field="target", code=ErrorCode.OUT_OF_RANGE) as caught:
        due_at(dt.datetime(9999, 12, 31, tzinfo=dt.UTC), target, hours=PRAGUE)
    assert caught.value.value is target


@pytest.mark.parametrize("hours", [None, UTC_ALWAYS], ids=["round the clock", "schedule"])
def test_a_due_date_past_the_calendar_on_the_callers_wall_clock_carries_the_target(
    hours: BusinessHours | None,
) -> None:
    target = 20 * H  # due at 9999-12-31T15:00Z, which is 10000-01-01 at UTC+14
    with raises_invalid(field="target", code=ErrorCode.OUT_OF_RANGE) as caught:
        due_at(dt.datetime(9999, 12, 31, 9, tzinfo=KIRITIMATI), target, hours=hours)
    assert caught.value.value is target


def test_a_target_not_reached_within_the_span_limit_carries_the_target() -> None:
    target = dt.timedelta(days=73_052)  # the walk reads 73,051 days: the start day and 73,050 more
    with raises_invalid(field="target", code=ErrorCode.OUT_OF_RANGE) as caught:
        due_at(dt.datetime(2000, 1, 1, tzinfo=dt.UTC), target, hours=UTC_ALWAYS)
    assert caught.value.value is target
    assert due_at(dt.datetime(2000, 1, 1, tzinfo=dt.UTC), target - ONE_DAY, hours=UTC_ALWAYS) == dt.datetime(
        2200, 1, 3, tzinfo=dt.UTC
    )


@pytest.mark.parametrize("hours", [None, UTC_ALWAYS], ids=["round the clock", "schedule"])
def test_a_request_before_the_calendar_in_utc_is_refused_under_received_at(
    hours: BusinessHours | None,
) -> None:
    received = dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(H))  # year 0 in UTC
    with raises_invalid(field="received_at", code=ErrorCode.OUT_OF_RANGE) as caught:
        due_at(received, H, hours=hours)
    assert caught.value.value is received


def test_a_tzinfo_that_fails_for_the_due_instant_carries_received_at() -> None:
    received = dt.datetime(2024, 12, 31, 22, tzinfo=_UntilNextYear())
    with raises_invalid(field="received_at", code=ErrorCode.NAIVE_DATETIME) as caught:
        due_at(received, dt.timedelta(days=2), hours=None)
    assert caught.value.value is received


def test_an_instant_whose_local_date_is_before_the_calendar_carries_the_instant() -> None:
    """At 0001-01-01T00:00Z it is still year 0 in New York."""
    first, second = dt.datetime(1, 1, 1, tzinfo=dt.UTC), dt.datetime(1, 1, 2, tzinfo=dt.UTC)
    with raises_invalid(field="start", code=ErrorCode.OUT_OF_RANGE) as caught:
        business_time_between(first, second, hours=NEW_YORK)
    assert caught.value.value is first
    with raises_invalid(field="end", code=ErrorCode.OUT_OF_RANGE) as caught:
        business_time_between(second, first, hours=NEW_YORK)
    assert caught.value.value is first


def test_a_request_whose_local_date_is_before_the_calendar_carries_received_at() -> None:
    received = dt.datetime(1, 1, 1, tzinfo=dt.UTC)  # still year 0 in New York
    with raises_invalid(field="received_at", code=ErrorCode.OUT_OF_RANGE) as caught:
        due_at(received, H, hours=NEW_YORK)
    assert caught.value.value is received
