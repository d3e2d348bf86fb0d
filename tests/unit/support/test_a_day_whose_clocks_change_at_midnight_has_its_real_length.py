"""A day whose clocks change at local midnight keeps its real length, and so does the day before it.

Beirut springs forward at 00:00 on the last Sunday of March (00:00 becomes 01:00): 2024-03-31 has 23
hours, from 22:00 UTC the evening before, and Saturday 2024-03-30 ends at that same instant, after 24
hours. The offset that starts a day is the one at its local midnight, and the offset that ends it the
one at the next local midnight (not an hour later, when the change has already happened).
"""

from __future__ import annotations

import datetime as dt

from cspcore.support import BusinessHours, business_time_between

T = dt.time
H = dt.timedelta(hours=1)
BEIRUT_ALWAYS = BusinessHours(tz="Asia/Beirut", weekly={d: ((T(0), T(0)),) for d in range(7)})


def utc(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2024, 3, day, hour, tzinfo=dt.UTC)


def test_the_day_before_the_change_is_open_all_its_24_hours() -> None:
    assert BEIRUT_ALWAYS.utc_intervals(dt.date(2024, 3, 30)) == [(utc(29, 22), utc(30, 22))]


def test_the_day_of_the_change_is_open_its_23_hours() -> None:
    assert BEIRUT_ALWAYS.utc_intervals(dt.date(2024, 3, 31)) == [(utc(30, 22), utc(31, 21))]


def test_business_time_across_both_days_is_the_elapsed_time() -> None:
    assert business_time_between(utc(29, 22), utc(31, 21), hours=BEIRUT_ALWAYS) == 47 * H
