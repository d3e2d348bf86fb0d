"""Business hours and business-time arithmetic for support targets.

A :class:`BusinessHours` is a weekly schedule in one IANA time zone: for each weekday (0 = Monday)
one or more ``(open, close)`` ranges of wall-clock time, plus holidays (any container of dates, so
a calendar from the ``holidays`` package plugs straight in) and per-date overrides for partial-day
closures (a half day on 24 December). Partner Center itself publishes such schedules: Partner
Support answers "Mon-Fri 9am-5.30pm JST" in Japanese and "Mon-Fri 8am-6pm WET (UTC)" in English
for EMEA, and notes that "coverage days and times may vary based on national/regional holidays"
(``support-hours.md``).

The schedule is wall-clock time: the desk is open at every instant whose local time, in the
schedule's zone, lies inside a range of that local date. On the day clocks spring forward a range
across the gap is an hour shorter; on the day they fall back, a range across the repeated hour is
an hour longer. Everything else (``due_at``, ``business_time_between``, :class:`SlaClock`) measures
real elapsed time inside those instants, so results are exact to the microsecond.

This module gathers the names; the schedule value lives in :mod:`cspcore.support.business_hours`
and the arithmetic over it in :mod:`cspcore.support.business_time`.

>>> import datetime as dt
>>> from cspcore.support import BusinessHours, due_at
>>> prague = BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17))
>>> friday_4pm = dt.datetime(2024, 3, 8, 16, 0, tzinfo=dt.timezone.utc)  # 17:00 in Prague
>>> due_at(friday_4pm, dt.timedelta(hours=4), hours=prague).isoformat()
'2024-03-11T12:00:00+00:00'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from cspcore.support.business_hours import BusinessHours
from cspcore.support.business_time import business_time_between, due_at

__all__ = ["BusinessHours", "business_time_between", "due_at"]
