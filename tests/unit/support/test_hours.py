from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode, InvalidInput
from cspcore.support import BusinessHours, business_time_between, due_at

H = dt.timedelta(hours=1)
PRAGUE = ZoneInfo("Europe/Prague")
NEW_YORK = ZoneInfo("America/New_York")


def prague(*args: int) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PRAGUE)  # type: ignore[misc,arg-type]


def test_weekend_is_skipped() -> None:
    hours = BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17))
    assert prague(2024, 3, 11, 11) == due_at(prague(2024, 3, 8, 15), 4 * H, hours=hours)


def test_request_received_before_opening_starts_at_opening() -> None:
    hours = BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17))
    assert prague(2024, 3, 11, 11) == due_at(prague(2024, 3, 11, 6), 2 * H, hours=hours)


def test_zero_target_is_due_at_once_even_when_closed() -> None:
    hours = BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17))
    assert prague(2024, 3, 9, 12) == due_at(prague(2024, 3, 9, 12), dt.timedelta(0), hours=hours)


def test_target_ending_at_close_is_due_at_close() -> None:
    hours = BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17))
    assert prague(2024, 3, 11, 17) == due_at(prague(2024, 3, 11, 9), 8 * H, hours=hours)


def test_lunch_break_is_not_counted() -> None:
    hours = BusinessHours(
        tz="Asia/Tokyo", weekly={0: ((dt.time(9), dt.time(12)), (dt.time(13), dt.time(17, 30)))}
    )
    start = dt.datetime(2024, 3, 4, 11, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert dt.datetime(2024, 3, 4, 14, tzinfo=ZoneInfo("Asia/Tokyo")) == due_at(start, 2 * H, hours=hours)


def test_holidays_package_calendar_plugs_in() -> None:
    hours = BusinessHours.from_weekdays(
        "Europe/Prague", dt.time(9), dt.time(17), holidays=holidays.country_holidays("CZ")
    )
    # Easter Monday 2024-04-01 is a Czech public holiday.
    assert prague(2024, 4, 2, 11) == due_at(prague(2024, 3, 29, 16), 2 * H, hours=hours)


def test_partial_day_override_shortens_christmas_eve() -> None:
    hours = BusinessHours.from_weekdays(
        "Europe/Prague",
        dt.time(9),
        dt.time(17),
        holidays={dt.date(2024, 12, 24)},
        overrides={dt.date(2024, 12, 24): ((dt.time(9), dt.time(12)),)},
    )
    assert ((dt.time(9), dt.time(12)),) == hours.ranges_on(dt.date(2024, 12, 24))
    assert prague(2024, 12, 27, 10) == due_at(
        prague(2024, 12, 24, 11),
        2 * H,
        hours=hours.__class__(
            tz="Europe/Prague",
            weekly=hours.weekly,
            holidays={dt.date(2024, 12, 25), dt.date(2024, 12, 26)},
            overrides=hours.overrides,
        ),
    )


@pytest.mark.parametrize(
    ("zone", "day", "length"),
    [
        ("Europe/Prague", dt.date(2024, 3, 31), 23),  # spring forward
        ("Europe/Prague", dt.date(2024, 10, 27), 25),  # fall back
        ("America/New_York", dt.date(2024, 3, 10), 23),
        ("America/New_York", dt.date(2024, 11, 3), 25),
        ("Europe/Prague", dt.date(2024, 7, 7), 24),
        ("America/St_Johns", dt.date(2010, 3, 14), 23),  # changed at 00:01 local time until 2011
        ("America/Santiago", dt.date(2024, 9, 8), 23),  # springs forward at midnight
    ],
)
def test_a_round_the_clock_day_lasts_as_long_as_the_wall_clock_says(
    zone: str, day: dt.date, length: int
) -> None:
    hours = BusinessHours(tz=zone, weekly={d: ((dt.time(0), dt.time(0)),) for d in range(7)})
    start = dt.datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(zone))
    following = day + dt.timedelta(days=1)
    end = dt.datetime(following.year, following.month, following.day, tzinfo=ZoneInfo(zone))
    assert length * H == business_time_between(start, end, hours=hours)


def test_lord_howe_half_hour_fall_back_makes_a_longer_day() -> None:
    hours = BusinessHours(tz="Australia/Lord_Howe", weekly={d: ((dt.time(0), dt.time(0)),) for d in range(7)})
    zone = ZoneInfo("Australia/Lord_Howe")
    start = dt.datetime(2024, 4, 7, tzinfo=zone)
    end = dt.datetime(2024, 4, 8, tzinfo=zone)
    assert dt.timedelta(hours=24, minutes=30) == business_time_between(start, end, hours=hours)


def test_range_across_the_spring_forward_gap_loses_an_hour() -> None:
    hours = BusinessHours(tz="Europe/Prague", weekly={6: ((dt.time(1), dt.time(4)),)})
    start = prague(2024, 3, 31, 0)
    assert prague(2024, 3, 31, 4) == due_at(start, 2 * H, hours=hours)
    assert business_time_between(start, prague(2024, 3, 31, 5), hours=hours) == 2 * H


def test_range_across_the_repeated_hour_counts_both_passes() -> None:
    hours = BusinessHours(tz="America/New_York", weekly={6: ((dt.time(0, 30), dt.time(2, 30)),)})
    start = dt.datetime(2024, 11, 3, 0, tzinfo=NEW_YORK)
    assert business_time_between(start, start + 5 * H, hours=hours) == 3 * H
    due = due_at(start, 3 * H, hours=hours)
    assert dt.datetime(2024, 11, 3, 7, 30, tzinfo=dt.UTC) == due


def test_round_the_clock_adds_real_time_across_dst() -> None:
    start = prague(2024, 3, 30, 12)
    assert prague(2024, 3, 31, 13) == due_at(start, 24 * H, hours=None)
    assert business_time_between(start, prague(2024, 3, 31, 13), hours=None) == 24 * H


def test_business_time_between_is_antisymmetric() -> None:
    hours = BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17))
    a = dt.datetime(2024, 3, 4, 10, tzinfo=dt.UTC)
    b = dt.datetime(2024, 3, 5, 10, tzinfo=dt.UTC)
    assert -business_time_between(a, b, hours=hours) == business_time_between(b, a, hours=hours)


def test_business_time_between_orders_the_repeated_hour_by_instant() -> None:
    # New York fell back on 2007-11-04: 01:10 EST (fold=1, 06:10 UTC) is 20 minutes after 01:50 EDT.
    hours = BusinessHours(tz="America/New_York", weekly={d: ((dt.time(0), dt.time(0)),) for d in range(7)})
    first_pass = dt.datetime(2007, 11, 4, 1, 50, tzinfo=NEW_YORK)
    second_pass = dt.datetime(2007, 11, 4, 1, 10, fold=1, tzinfo=NEW_YORK)
    assert dt.timedelta(minutes=20) == business_time_between(first_pass, second_pass, hours=hours)
    assert dt.timedelta(minutes=-20) == business_time_between(second_pass, first_pass, hours=hours)


def test_the_schedule_is_wall_clock_so_the_fall_back_day_gets_the_repeated_hour_twice() -> None:
    # Intended wall-clock semantics: "open 01:00-04:00" means those local times, and on 2024-10-27
    # Prague's 02:00-03:00 happens twice, so the desk is open four elapsed hours that night.
    hours = BusinessHours(tz="Europe/Prague", weekly={6: ((dt.time(1), dt.time(4)),)})
    night = prague(2024, 10, 27, 0)
    assert business_time_between(night, prague(2024, 10, 27, 5), hours=hours) == 4 * H
    assert hours.is_open(dt.datetime(2024, 10, 27, 2, 30, fold=0, tzinfo=PRAGUE))
    assert hours.is_open(dt.datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=PRAGUE))
    due = due_at(night, 2.5 * H, hours=hours)  # 02:30 in the second pass: 01:30 UTC
    assert (dt.datetime(2024, 10, 27, 1, 30, tzinfo=dt.UTC), 1) == (due.astimezone(dt.UTC), due.fold)


def test_is_open_follows_the_schedule() -> None:
    hours = BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17))
    assert hours.is_open(prague(2024, 3, 11, 9))
    assert not hours.is_open(prague(2024, 3, 11, 17))
    assert not hours.is_open(prague(2024, 3, 9, 12))


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"tz": "Mars/Olympus", "weekly": {0: ((dt.time(9), dt.time(17)),)}}, "tz"),
        ({"tz": "UTC", "weekly": {}}, "weekly"),
        ({"tz": "UTC", "weekly": {7: ((dt.time(9), dt.time(17)),)}}, "weekly (weekday key)"),
        ({"tz": "UTC", "weekly": {0: ((dt.time(17), dt.time(9)),)}}, "weekly[0][0]"),
        ({"tz": "UTC", "weekly": {0: ((dt.time(9), dt.time(13)), (dt.time(12), dt.time(17)))}}, "weekly[0]"),
        ({"tz": "UTC", "weekly": {0: ((dt.time(9, tzinfo=dt.UTC), dt.time(17)),)}}, "weekly[0][0].open"),
        ({"tz": "UTC", "weekly": {0: ("9-17",)}}, "weekly[0][0]"),
        ({"tz": "UTC", "weekly": {0: "9-17"}}, "weekly[0]"),
        ({"tz": "UTC", "weekly": {0: (("9", dt.time(17)),)}}, "weekly[0][0].open"),
        ({"tz": "UTC", "weekly": "weekdays"}, "weekly"),
        ({"tz": "UTC", "weekly": {0: ((dt.time(9), dt.time(17)),)}, "holidays": 5}, "holidays"),
        ({"tz": "UTC", "weekly": {0: ((dt.time(9), dt.time(17)),)}, "holidays": "2024-01-01"}, "holidays"),
        ({"tz": "UTC", "weekly": {0: ((dt.time(9), dt.time(17)),)}, "overrides": [1]}, "overrides"),
    ],
)
def test_bad_schedules_are_refused(kwargs: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as error:
        BusinessHours(**kwargs)
    assert field == error.value.field


def test_touching_ranges_merge_and_seven_day_sequences_are_accepted() -> None:
    day = ((dt.time(13), dt.time(17)), (dt.time(9), dt.time(13)))
    hours = BusinessHours(tz="UTC", weekly=[day, (), (), (), (), (), ()])
    assert ((dt.time(9), dt.time(17)),) == hours.weekly[0]


def test_bad_arguments_are_refused() -> None:
    hours = BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17))
    naive = dt.datetime(2024, 3, 4, 10)  # noqa: DTZ001
    aware = dt.datetime(2024, 3, 4, 10, tzinfo=dt.UTC)
    with raises_invalid(field="received_at", code=ErrorCode.NAIVE_DATETIME):
        due_at(naive, H, hours=hours)
    with raises_invalid(field="target", code=ErrorCode.OUT_OF_RANGE):
        due_at(aware, -H, hours=hours)
    with raises_invalid(field="target", code=ErrorCode.WRONG_TYPE):
        due_at(aware, 3600, hours=hours)  # type: ignore[arg-type]
    with raises_invalid(field="hours", code=ErrorCode.WRONG_TYPE):
        due_at(aware, H, hours="9-17")  # type: ignore[arg-type]
    with raises_invalid(field="target", code=ErrorCode.OUT_OF_RANGE):
        due_at(aware, dt.timedelta(days=999_999_999), hours=None)
    with raises_invalid(field="days", code=ErrorCode.WRONG_TYPE):
        BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17), days=5)  # type: ignore[arg-type]


def test_a_schedule_closed_for_years_is_refused_instead_of_looping() -> None:
    class Everything:
        def __contains__(self, item: object) -> bool:
            return True

    hours = BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17), holidays=Everything())
    with raises_invalid(field="hours", code=ErrorCode.OUT_OF_RANGE):
        due_at(dt.datetime(2024, 3, 4, tzinfo=dt.UTC), H, hours=hours)


def test_a_broken_holiday_container_is_refused() -> None:
    class Broken:
        def __contains__(self, item: object) -> bool:
            raise TypeError(item)

    with raises_invalid(field="holidays", code=ErrorCode.IO_FAILED):
        BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17), holidays=Broken())


def test_targets_and_spans_beyond_two_centuries_are_refused() -> None:
    sparse = BusinessHours(tz="UTC", weekly={0: ((dt.time(9), dt.time(9, 15)),)})
    start = dt.datetime(2024, 3, 4, tzinfo=dt.UTC)
    with raises_invalid(field="target", code=ErrorCode.OUT_OF_RANGE):
        due_at(start, dt.timedelta(days=200), hours=sparse)
    with raises_invalid(field="end", code=ErrorCode.OUT_OF_RANGE):
        business_time_between(start, start.replace(year=2300), hours=sparse)
