"""Business hours at their edges: refusals by field and message, split days, clock changes, limits.

Also checks that nothing depends on the machine's local time zone (the library is pure: a
server in Kiritimati, UTC+14, gets the same answers as one in UTC).
"""

from __future__ import annotations

import datetime as dt
import time
from typing import TYPE_CHECKING, Any

import pytest
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode, InvalidInput
from cspcore.support import BusinessHours, business_time_between, due_at

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

T = dt.time
H = dt.timedelta(hours=1)
UTC_9_17 = BusinessHours.from_weekdays("UTC", T(9), T(17))
LUNCH_BREAK = BusinessHours(tz="UTC", weekly={d: ((T(9), T(12)), (T(13), T(17))) for d in range(5)})
ALWAYS = BusinessHours(tz="UTC", weekly={d: ((T(0), T(0)),) for d in range(7)})
PRAGUE_9_17 = BusinessHours.from_weekdays("Europe/Prague", T(9), T(17))
PRAGUE_SUNDAY_NIGHT = BusinessHours(tz="Europe/Prague", weekly={6: ((T(0), T(6)),)})
LONDON_SUNDAY_9_17 = BusinessHours(tz="Europe/London", weekly={6: ((T(9), T(17)),)})
LONDON_SUNDAY_MIDNIGHT = BusinessHours(tz="Europe/London", weekly={6: ((T(0), T(1)),)})


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


class Unusable:
    """A container whose membership test always fails."""

    def __contains__(self, item: object) -> bool:
        raise TypeError("no membership")

    def __repr__(self) -> str:
        return "Unusable()"


def weekly(ranges: Any) -> BusinessHours:
    return BusinessHours(tz="UTC", weekly={0: ranges})


BAD: list[tuple[str, Callable[[], object], str, ErrorCode]] = [
    (
        "a day's ranges given as a string",
        lambda: weekly("9-17"),
        "weekly[0]",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a range with one time",
        lambda: weekly([(T(9),)]),
        "weekly[0][0]",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "an opening that is not a time",
        lambda: weekly([("9", T(17))]),
        "weekly[0][0].open",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a closing that is not a time",
        lambda: weekly([(T(9), 17)]),
        "weekly[0][0].close",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a closing with a time zone",
        lambda: weekly([(T(9), T(17, tzinfo=dt.UTC))]),
        "weekly[0][0].close",
        ErrorCode.NOT_ALLOWED,
    ),
    (
        "overrides that are not a mapping",
        lambda: BusinessHours(tz="UTC", weekly={0: ((T(9), T(17)),)}, overrides=[1]),  # type: ignore[arg-type]
        "overrides",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "an override keyed by a string",
        lambda: BusinessHours(tz="UTC", weekly={0: ((T(9), T(17)),)}, overrides={"2024-01-01": ()}),  # type: ignore[dict-item]
        "overrides (date key)",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "an override whose ranges are a string",
        lambda: BusinessHours(tz="UTC", weekly={0: ((T(9), T(17)),)}, overrides={dt.date(2024, 1, 1): "x"}),  # type: ignore[dict-item]
        "overrides[2024-01-01]",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "holidays given as a string",
        lambda: BusinessHours(tz="UTC", weekly={0: ((T(9), T(17)),)}, holidays="2024-01-01"),  # type: ignore[arg-type]
        "holidays",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "holidays given as a number",
        lambda: BusinessHours(tz="UTC", weekly={0: ((T(9), T(17)),)}, holidays=3),  # type: ignore[arg-type]
        "holidays",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "holidays whose membership test fails",
        lambda: BusinessHours(tz="UTC", weekly={0: ((T(9), T(17)),)}, holidays=Unusable()),
        "holidays",
        ErrorCode.IO_FAILED,
    ),
    (
        "weekdays given as a string",
        lambda: BusinessHours.from_weekdays("UTC", T(9), T(17), days="01234"),  # type: ignore[arg-type]
        "days",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a day to look up given as a string",
        lambda: UTC_9_17.ranges_on("2024-01-01"),  # type: ignore[arg-type]
        "day",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a naive instant to test",
        lambda: UTC_9_17.is_open(dt.datetime(2024, 1, 1)),  # noqa: DTZ001
        "at",
        ErrorCode.NAIVE_DATETIME,
    ),
    (
        "an instant after the calendar's end on the schedule's wall clock",
        lambda: PRAGUE_9_17.is_open(utc(9999, 12, 31, 23, 30)),
        "at",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "a span that ends after the calendar's end on the schedule's wall clock",
        lambda: business_time_between(utc(9999, 12, 31), utc(9999, 12, 31, 23, 30), hours=PRAGUE_9_17),
        "end",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "a naive start to measure from",
        lambda: business_time_between(dt.datetime(2024, 1, 1), utc(2024, 1, 1), hours=UTC_9_17),  # noqa: DTZ001
        "start",
        ErrorCode.NAIVE_DATETIME,
    ),
    (
        "a naive end to measure to",
        lambda: business_time_between(utc(2024, 1, 1), dt.datetime(2024, 1, 1), hours=UTC_9_17),  # noqa: DTZ001
        "end",
        ErrorCode.NAIVE_DATETIME,
    ),
    (
        "hours that are not BusinessHours",
        lambda: due_at(utc(2024, 1, 1), H, hours="x"),  # type: ignore[arg-type]
        "hours",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a target that is not a timedelta",
        lambda: due_at(utc(2024, 1, 1), 3, hours=None),  # type: ignore[arg-type]
        "target",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a negative target",
        lambda: due_at(utc(2024, 1, 1), -H, hours=None),
        "target",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "a naive received_at",
        lambda: due_at(dt.datetime(2024, 1, 1), H, hours=None),  # noqa: DTZ001
        "received_at",
        ErrorCode.NAIVE_DATETIME,
    ),
    (
        "a due date beyond the calendar",
        lambda: due_at(utc(9999, 12, 31), dt.timedelta(days=2), hours=None),
        "target",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "a range that closes when it opens",
        lambda: weekly([(T(9), T(9))]),
        "weekly[0][0]",
        ErrorCode.INCONSISTENT,
    ),
    (
        "a range inside one that runs to midnight",
        lambda: weekly(((T(9), T(0)), (T(11), T(13)))),
        "weekly[0]",
        ErrorCode.INCONSISTENT,
    ),
    (
        "a weekday key below Monday",
        lambda: BusinessHours(tz="UTC", weekly={-1: ((T(9), T(12)),)}),
        "weekly (weekday key)",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "a bad day in a week given as seven days",
        lambda: BusinessHours(tz="UTC", weekly=[((T(9), T(12)),), (), (), (), (), (), "x"]),  # type: ignore[list-item]
        "weekly[6]",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a week of six days",
        lambda: BusinessHours(tz="UTC", weekly=[()] * 6),
        "weekly",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a week without an open range",
        lambda: BusinessHours(tz="UTC", weekly={0: ()}),
        "weekly",
        ErrorCode.EMPTY,
    ),
    (
        "an unknown time zone",
        lambda: BusinessHours(tz="Mars/Olympus", weekly={0: ((T(9), T(12)),)}),
        "tz",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "a time zone that is not a string",
        lambda: BusinessHours(tz=3, weekly={0: ((T(9), T(12)),)}),  # type: ignore[arg-type]
        "tz",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a time zone name longer than 64 characters",
        lambda: BusinessHours(tz="A" * 65, weekly={0: ((T(9), T(12)),)}),
        "tz",
        ErrorCode.TOO_LONG,
    ),
    (
        "an unknown time zone name of 64 characters",
        lambda: BusinessHours(tz="A" * 64, weekly={0: ((T(9), T(12)),)}),
        "tz",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "a span of one day more than the limit",
        lambda: business_time_between(
            utc(2000, 1, 1), utc(2000, 1, 1) + dt.timedelta(days=73_051), hours=ALWAYS
        ),
        "end",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "a target not reached within the limit",
        lambda: due_at(utc(2000, 1, 1), dt.timedelta(days=73_051, hours=1), hours=ALWAYS),
        "target",
        ErrorCode.OUT_OF_RANGE,
    ),
]


@pytest.mark.parametrize(("build", "field", "code"), [c[1:] for c in BAD], ids=[c[0] for c in BAD])
def test_bad_input_is_refused_naming_its_field_and_value(
    build: Callable[[], object], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        build()
    assert (field, code) == (caught.value.field, caught.value.code)


def test_opening_times_keep_their_seconds_and_microseconds() -> None:
    hours = weekly(((T(9, 0, 30, 500), T(17)),))
    opening = dt.datetime(2024, 3, 4, 9, 0, 30, 500, tzinfo=dt.UTC)
    assert (hours.is_open(opening - dt.timedelta(microseconds=1)), hours.is_open(opening)) == (False, True)


@pytest.mark.parametrize(
    ("hours", "received", "target", "expected"),
    [
        (UTC_9_17, utc(2024, 3, 4, 8), 10 * H, utc(2024, 3, 5, 11)),
        (LUNCH_BREAK, utc(2024, 3, 4, 10), 10 * H, utc(2024, 3, 5, 14)),
        (LUNCH_BREAK, utc(2024, 3, 4, 12, 30), H, utc(2024, 3, 4, 14)),
        (PRAGUE_SUNDAY_NIGHT, utc(2024, 3, 30, 23), 2 * H, utc(2024, 3, 31, 1)),
        (PRAGUE_SUNDAY_NIGHT, utc(2024, 3, 30, 23), 5 * H, utc(2024, 3, 31, 4)),
        (PRAGUE_SUNDAY_NIGHT, utc(2024, 10, 26, 22), 3 * H, utc(2024, 10, 27, 1)),
        (PRAGUE_SUNDAY_NIGHT, utc(2024, 10, 26, 22), 7 * H, utc(2024, 10, 27, 5)),
        (ALWAYS, utc(2000, 1, 1), dt.timedelta(days=73_051), utc(2200, 1, 3)),
        (ALWAYS, utc(9700, 1, 1), dt.timedelta(days=80_000), utc(9700, 1, 1) + dt.timedelta(days=80_000)),
    ],
    ids=[
        "over a night",
        "from inside the morning range past the lunch break, over a night",
        "from the lunch break",
        "up to the spring-forward gap",
        "through the spring-forward gap",
        "up to the fall-back repeat",
        "through the fall-back repeat",
        "at the span limit",
        "past the span limit near the end of the calendar",
    ],
)
def test_due_at_counts_business_time_exactly(
    hours: BusinessHours, received: dt.datetime, target: dt.timedelta, expected: dt.datetime
) -> None:
    assert expected == due_at(received, target, hours=hours)


def closed_for(days: int, after: dt.date) -> BusinessHours:
    holidays = frozenset(after + dt.timedelta(days=n) for n in range(1, days + 1))
    return BusinessHours(tz="UTC", weekly={d: ((T(9), T(17)),) for d in range(7)}, holidays=holidays)


FIRST_OPEN_AGAIN = utc(2000, 1, 1, 10) + dt.timedelta(days=3_701)


def test_due_at_waits_out_3700_closed_days_from_a_closed_start() -> None:
    hours = closed_for(3_700, dt.date(2000, 1, 1))
    assert due_at(utc(2000, 1, 2, 12), H, hours=hours) == FIRST_OPEN_AGAIN


def test_due_at_waits_out_3700_closed_days_after_an_open_day() -> None:
    hours = closed_for(3_700, dt.date(2000, 1, 1))
    assert due_at(utc(2000, 1, 1, 9), 9 * H, hours=hours) == FIRST_OPEN_AGAIN


def test_due_at_refuses_a_schedule_closed_for_3701_days_in_a_row() -> None:
    hours = closed_for(3_701, dt.date(2000, 1, 1))
    with raises_invalid(field="hours", code=ErrorCode.OUT_OF_RANGE) as caught:
        due_at(utc(2000, 1, 2, 12), H, hours=hours)
    assert caught.value.value is hours


@pytest.mark.parametrize(
    ("hours", "start", "end", "expected"),
    [
        (UTC_9_17, utc(2024, 3, 4, 10), utc(2024, 3, 4, 18), 7 * H),
        (PRAGUE_9_17, utc(2024, 3, 4, 9), utc(2024, 3, 4, 18), 7 * H),
        (
            LONDON_SUNDAY_9_17,
            utc(2024, 3, 31, 8, 30),
            utc(2024, 3, 31, 17),
            dt.timedelta(hours=7, minutes=30),
        ),
        (
            LONDON_SUNDAY_MIDNIGHT,
            utc(2024, 10, 26, 23, 30),
            utc(2024, 10, 27, 1, 30),
            dt.timedelta(minutes=30),
        ),
        (PRAGUE_SUNDAY_NIGHT, utc(2024, 3, 30), utc(2024, 4, 1), 5 * H),
        (PRAGUE_SUNDAY_NIGHT, utc(2024, 10, 26), utc(2024, 10, 28), 7 * H),
        (UTC_9_17, utc(2024, 3, 4), utc(2024, 3, 11), 40 * H),
        (UTC_9_17, utc(2024, 3, 11), utc(2024, 3, 4), -40 * H),
        (ALWAYS, utc(2000, 1, 1), utc(2000, 1, 1) + dt.timedelta(days=73_050), dt.timedelta(days=73_050)),
    ],
    ids=[
        "from inside the day's range",
        "in a zone ahead of UTC",
        "on the day London springs forward",
        "on the day London falls back",
        "across the spring-forward gap",
        "across the fall-back repeat",
        "over a week",
        "backwards over a week",
        "at the span limit",
    ],
)
def test_business_time_between_counts_only_open_time(
    hours: BusinessHours, start: dt.datetime, end: dt.datetime, expected: dt.timedelta
) -> None:
    assert expected == business_time_between(start, end, hours=hours)


@pytest.mark.parametrize(
    ("instant", "expected"),
    [
        (utc(2024, 3, 30, 23) - dt.timedelta(microseconds=1), False),
        (utc(2024, 3, 30, 23), True),
        (utc(2024, 3, 31, 1), True),
        (utc(2024, 3, 31, 4) - dt.timedelta(microseconds=1), True),
        (utc(2024, 3, 31, 4), False),
        (utc(2024, 10, 26, 22), True),
        (utc(2024, 10, 27, 5) - dt.timedelta(microseconds=1), True),
        (utc(2024, 10, 27, 5), False),
    ],
)
def test_is_open_follows_wall_clock_time_across_clock_changes(instant: dt.datetime, expected: bool) -> None:
    assert expected == PRAGUE_SUNDAY_NIGHT.is_open(instant)


@pytest.fixture
def machine_in_kiritimati(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run a test on a machine whose local time zone is UTC+14."""
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("machine_in_kiritimati")
def test_answers_do_not_depend_on_the_machines_time_zone() -> None:
    received = utc(2024, 3, 4, 16)
    assert (
        True,
        False,
        utc(2024, 3, 5, 11),
        3 * H,
        -3 * H,
        dt.timedelta(hours=3, minutes=30),
        utc(2024, 3, 31, 4),
        5 * H,
    ) == (
        UTC_9_17.is_open(received),
        UTC_9_17.is_open(utc(2024, 3, 4, 17)),
        due_at(received, 3 * H, hours=UTC_9_17),
        business_time_between(received, utc(2024, 3, 5, 11), hours=UTC_9_17),
        business_time_between(utc(2024, 3, 5, 11), received, hours=UTC_9_17),
        business_time_between(received, received + dt.timedelta(hours=3, minutes=30), hours=None),
        due_at(utc(2024, 3, 30, 23), 5 * H, hours=PRAGUE_SUNDAY_NIGHT),
        business_time_between(utc(2024, 3, 30), utc(2024, 4, 1), hours=PRAGUE_SUNDAY_NIGHT),
    )


@pytest.mark.usefixtures("machine_in_kiritimati")
def test_the_span_limit_counts_days_in_the_schedules_zone_not_the_machines() -> None:
    span = dt.timedelta(days=73_050, hours=12)
    assert span == business_time_between(utc(2000, 1, 1), utc(2000, 1, 1) + span, hours=ALWAYS)


@pytest.mark.parametrize(
    ("ranges", "expected"),
    [
        (((T(13), T(0)), (T(9), T(12))), ((T(9), T(12)), (T(13), T(0)))),
        (((T(9), T(12)), (T(12), T(13)), (T(14), T(17))), ((T(9), T(13)), (T(14), T(17)))),
        (((T(9, fold=1), T(12, fold=1)),), ((T(9), T(12)),)),
    ],
    ids=["sorted, with a range to midnight", "touching ranges merged", "fold dropped"],
)
def test_a_days_ranges_are_stored_sorted_merged_and_without_fold(
    ranges: tuple[tuple[dt.time, dt.time], ...], expected: tuple[tuple[dt.time, dt.time], ...]
) -> None:
    stored = weekly(ranges).weekly[0]
    assert (expected, [0] * 2 * len(expected)) == (stored, [t.fold for pair in stored for t in pair])
