"""Business time near years 1 and 9999 gives its answer; only an answer outside the calendar is refused.

A schedule's arithmetic steps past the calendar on valid input (local midnight of 0001-01-01 in
Prague is an instant of year 0 in UTC; the end of 9999-12-31 in New York one of year 10000). That
is no reason to refuse: a refusal names the caller's argument, with ``out_of_range``, only when the
answer itself (or the local date it depends on) lies outside years 1 to 9999.
"""

from __future__ import annotations

import datetime as dt

from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.support import BusinessHours, SlaClock, business_time_between, due_at

T = dt.time
H = dt.timedelta(hours=1)
PRAGUE = BusinessHours.from_weekdays("Europe/Prague", T(9), T(17), days=range(7))
NEW_YORK = BusinessHours.from_weekdays("America/New_York", T(9), T(17), days=range(7))
NEW_YORK_ALWAYS = BusinessHours(tz="America/New_York", weekly={d: ((T(0), T(0)),) for d in range(7)})
UTC_ALWAYS = BusinessHours(tz="UTC", weekly={d: ((T(0), T(0)),) for d in range(7)})
UTC_9_17 = BusinessHours.from_weekdays("UTC", T(9), T(17))
#: Prague kept local mean time, 57 min 44 s ahead of UTC, until 1891.
PRAGUE_LMT = dt.timedelta(minutes=57, seconds=44)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


def test_a_request_on_the_first_day_is_due_within_it_east_of_greenwich() -> None:
    opening = utc(1, 1, 1, 9) - PRAGUE_LMT
    assert due_at(utc(1, 1, 1), H, hours=PRAGUE) == opening + H
    assert business_time_between(utc(1, 1, 1), utc(1, 1, 1, 12), hours=PRAGUE) == utc(1, 1, 1, 12) - opening


def test_a_request_on_the_last_day_is_due_within_it_west_of_greenwich() -> None:
    assert due_at(utc(9999, 12, 31), H, hours=NEW_YORK) == utc(9999, 12, 31, 15)  # 10:00 EST
    assert due_at(utc(9999, 12, 31, 20), H, hours=NEW_YORK_ALWAYS) == utc(9999, 12, 31, 21)
    assert business_time_between(utc(9999, 12, 31), utc(9999, 12, 31, 23), hours=NEW_YORK) == 8 * H


def test_business_hours_answer_on_the_first_and_last_days() -> None:
    assert UTC_ALWAYS.is_open(utc(9999, 12, 31, 12))
    assert PRAGUE.is_open(utc(1, 1, 1, 9))
    assert business_time_between(utc(9999, 12, 31), utc(9999, 12, 31, 12), hours=UTC_9_17) == 3 * H
    assert PRAGUE.utc_intervals(dt.date.min) == [
        (utc(1, 1, 1, 9) - PRAGUE_LMT, utc(1, 1, 1, 17) - PRAGUE_LMT)
    ]
    assert NEW_YORK.utc_intervals(dt.date.max) == [(utc(9999, 12, 31, 14), utc(9999, 12, 31, 22))]


def test_an_sla_clock_runs_on_the_first_and_last_days() -> None:
    first = SlaClock.start(H, at=utc(1, 1, 1), hours=PRAGUE)
    assert first.breach_at == utc(1, 1, 1, 10) - PRAGUE_LMT
    assert first.elapsed(at=utc(1, 1, 1, 12)) == utc(1, 1, 1, 12) - (utc(1, 1, 1, 9) - PRAGUE_LMT)
    last = SlaClock.start(H, at=utc(9999, 12, 31), hours=NEW_YORK)
    assert last.breach_at == utc(9999, 12, 31, 15)
    assert last.pause(at=utc(9999, 12, 31, 23)).banked == 8 * H


def test_a_due_date_past_year_9999_is_refused_under_target() -> None:
    with raises_invalid(field="target", code=ErrorCode.OUT_OF_RANGE):
        due_at(utc(9999, 12, 31, 20), 5 * H, hours=UTC_ALWAYS)
    with raises_invalid(field="target", code=ErrorCode.OUT_OF_RANGE):
        due_at(utc(9999, 12, 31), 9 * H, hours=PRAGUE)
    with raises_invalid(field="target", code=ErrorCode.OUT_OF_RANGE):
        due_at(utc(9999, 12, 31, 20), 5 * H, hours=None)


def test_an_instant_whose_local_date_is_outside_the_calendar_is_refused_under_its_argument() -> None:
    """At 0001-01-01T00:00Z it is still year 0 in New York: the desk's hours that day are unknown."""
    with raises_invalid(field="received_at", code=ErrorCode.OUT_OF_RANGE):
        due_at(utc(1, 1, 1), H, hours=NEW_YORK)
    with raises_invalid(field="start", code=ErrorCode.OUT_OF_RANGE):
        business_time_between(utc(1, 1, 1), utc(1, 1, 2), hours=NEW_YORK)
    with raises_invalid(field="end", code=ErrorCode.OUT_OF_RANGE):
        business_time_between(utc(1, 1, 2), utc(1, 1, 1), hours=NEW_YORK)
    with raises_invalid(field="at", code=ErrorCode.OUT_OF_RANGE):
        NEW_YORK.is_open(utc(1, 1, 1))


def test_open_hours_outside_the_calendar_in_utc_are_refused_under_day() -> None:
    with raises_invalid(field="day", code=ErrorCode.OUT_OF_RANGE):
        NEW_YORK_ALWAYS.utc_intervals(dt.date.max)  # open until 05:00 on 10000-01-01 in UTC


def test_an_sla_clock_names_its_own_fields_when_the_local_date_is_outside_the_calendar() -> None:
    clock = SlaClock.start(H, at=utc(1, 1, 1), hours=NEW_YORK)
    with raises_invalid(field="running_since", code=ErrorCode.OUT_OF_RANGE):
        _ = clock.breach_at
    with raises_invalid(field="running_since", code=ErrorCode.OUT_OF_RANGE):
        clock.elapsed(at=utc(1, 1, 2))
    late = SlaClock.start(H, at=utc(9999, 12, 31, 23), hours=NEW_YORK_ALWAYS)
    with raises_invalid(field="target", code=ErrorCode.OUT_OF_RANGE):
        _ = late.breach_at
