"""Near years 1 and 9999, business time keeps its laws: the 400-year cycle and the round trip.

The Gregorian calendar repeats every 400 years (146 097 days, a whole number of weeks), and so do
the schedule's zones there: Prague and New York kept local mean time before 1850, and from 2038 on
their clocks change by one fixed rule. So a request near either end is due exactly 146 097 days
from where the same request 400 years inwards is due, and an answer that would fall past
9999-12-31 is refused under ``target``. What ``due_at`` gives, ``business_time_between`` measures
back as the target.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import example, given, reject
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode, InvalidInput
from cspcore.support import BusinessHours, business_time_between, due_at

T = dt.time
CYCLE = dt.timedelta(days=146_097)
LAST = dt.datetime.max.replace(tzinfo=dt.UTC)
#: Weekdays nine to five, and a Sunday night across the hour clocks change on in spring and autumn.
WEEKLY = {**{d: ((T(9), T(17)),) for d in range(5)}, 6: ((T(0), T(6)),)}
SCHEDULES = {zone: BusinessHours(tz=zone, weekly=WEEKLY) for zone in ("Europe/Prague", "America/New_York")}


def _first_local_instant(zone: str) -> dt.datetime:
    """The first instant both in the calendar in UTC and on the zone's wall clock."""
    offset = ZoneInfo(zone).utcoffset(dt.datetime.combine(dt.date.min, dt.time.min)) or dt.timedelta(0)
    return dt.datetime.min.replace(tzinfo=dt.UTC) + max(-offset, dt.timedelta(0))


def _last_local_instant(zone: str) -> dt.datetime:
    """The last instant both in the calendar in UTC and on the zone's wall clock."""
    offset = ZoneInfo(zone).utcoffset(dt.datetime.combine(dt.date.max, dt.time.max)) or dt.timedelta(0)
    return LAST - max(offset, dt.timedelta(0))


def _instants(zone: str) -> st.SearchStrategy[dt.datetime]:
    first, last = _first_local_instant(zone), _last_local_instant(zone)
    two_years = dt.timedelta(days=731)
    early = st.timedeltas(dt.timedelta(0), two_years).map(lambda span: first + span)
    late = st.timedeltas(dt.timedelta(0), two_years).map(lambda span: last - span)
    return st.one_of(early, late)


ZONES = st.sampled_from(sorted(SCHEDULES))
CASES = ZONES.flatmap(lambda zone: st.tuples(st.just(zone), _instants(zone)))
TARGETS = st.timedeltas(dt.timedelta(0), dt.timedelta(hours=60))


def _utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


@given(CASES, TARGETS)
@example(("Europe/Prague", _utc(1, 1, 1)), dt.timedelta(hours=3))  # year 1, January 1
@example(("America/New_York", _first_local_instant("America/New_York")), dt.timedelta(hours=3))
@example(("Europe/Prague", _utc(9999, 12, 31, 12)), dt.timedelta(hours=3))  # year 9999, December 31
@example(("America/New_York", _utc(9999, 12, 31, 12)), dt.timedelta(hours=4))
@example(("America/New_York", _utc(9999, 12, 31, 12)), dt.timedelta(hours=9))  # past the calendar
@example(("Europe/Prague", _utc(9999, 3, 27, 22, 30)), dt.timedelta(hours=8))  # clocks spring forward
@example(("Europe/Prague", _utc(9999, 10, 30, 22, 30)), dt.timedelta(hours=8))  # clocks fall back
@example(("America/New_York", _utc(9999, 11, 7, 3)), dt.timedelta(hours=8))  # clocks fall back
def test_a_due_date_near_the_ends_repeats_the_400_year_cycle(
    case: tuple[str, dt.datetime], target: dt.timedelta
) -> None:
    zone, received = case
    hours = SCHEDULES[zone]
    inwards = CYCLE if received.year < 5000 else -CYCLE
    shifted = due_at(received + inwards, target, hours=hours)
    if shifted - LAST > inwards:  # 400 years on, it would fall past 9999-12-31
        with raises_invalid(field="target", code=ErrorCode.OUT_OF_RANGE):
            due_at(received, target, hours=hours)
        return
    assert due_at(received, target, hours=hours) == shifted - inwards


@given(CASES, TARGETS)
@example(("Europe/Prague", _utc(1, 1, 1)), dt.timedelta(hours=3))
@example(("America/New_York", _utc(9999, 12, 31, 12)), dt.timedelta(hours=4))
@example(("Europe/Prague", _utc(9999, 3, 27, 22, 30)), dt.timedelta(hours=8))
@example(("Europe/Prague", _utc(9999, 10, 30, 22, 30)), dt.timedelta(hours=8))
def test_business_time_up_to_a_due_date_near_the_ends_is_its_target(
    case: tuple[str, dt.datetime], target: dt.timedelta
) -> None:
    zone, received = case
    hours = SCHEDULES[zone]
    try:
        due = due_at(received, target, hours=hours)
    except InvalidInput:  # past 9999-12-31: the law above says exactly when, and how it is refused
        reject()
    assert business_time_between(received, due, hours=hours) == target
