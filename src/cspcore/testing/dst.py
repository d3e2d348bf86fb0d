"""Hypothesis strategies for instants next to daylight-saving changes, written in the changing zone.

Bugs that confuse wall-clock time with elapsed time only show within an hour or two of a change,
which uniformly drawn datetimes almost never hit. :func:`instants_near_dst_changes` draws there on
purpose: around a spring-forward gap and inside the hour repeated at a fall-back, where half the
instants carry ``fold=1`` and their wall clocks run backwards.

>>> import datetime as dt
>>> from hypothesis import find
>>> from cspcore.testing.dst import instants_near_dst_changes
>>> second_pass = find(instants_near_dst_changes(), lambda at: at.fold == 1)
>>> second_pass.utcoffset() != second_pass.replace(fold=0).utcoffset()
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import Final
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

__all__ = ["DST_CHANGE_YEARS", "DST_CHANGE_ZONES", "dst_changes", "instants_near_dst_changes"]

#: Zones with daylight saving time: two European, two North American and one southern-hemisphere zone.
DST_CHANGE_ZONES: Final = (
    "Europe/Prague",
    "Europe/Warsaw",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
)
#: 2007, the first year of the current US rules (New York fell back on 4 November), and 2024.
DST_CHANGE_YEARS: Final = (2007, 2024)

_HOUR: Final = dt.timedelta(hours=1)
_MINUTE: Final = dt.timedelta(minutes=1)


@functools.cache
def dst_changes(zone: str, year: int) -> tuple[dt.datetime, ...]:
    """The UTC instants (to the minute) at which ``zone``'s UTC offset changes during ``year``.

    Args:
        zone: An IANA zone name.
        year: The calendar year (UTC).

    Returns:
        The changes, earliest first; empty for a zone without changes that year.

    >>> [c.isoformat() for c in dst_changes("Europe/Prague", 2024)]
    ['2024-03-31T01:00:00+00:00', '2024-10-27T01:00:00+00:00']
    >>> dst_changes("Asia/Tokyo", 2024)
    ()
    """
    tz = ZoneInfo(zone)
    first = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
    hours = (dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC) - first) // _HOUR
    found = []
    offset = first.astimezone(tz).utcoffset()
    for hour in range(1, hours + 1):
        probe = first + hour * _HOUR
        changed = probe.astimezone(tz).utcoffset()
        if changed == offset:
            continue
        # Changes fall on whole minutes: find the first minute of the new offset in the last hour.
        minute = next(
            m for m in range(1, 61) if (probe - _HOUR + m * _MINUTE).astimezone(tz).utcoffset() == changed
        )
        found.append(probe - _HOUR + minute * _MINUTE)
        offset = changed
    return tuple(found)


def instants_near_dst_changes(
    *,
    zones: tuple[str, ...] = DST_CHANGE_ZONES,
    years: tuple[int, ...] = DST_CHANGE_YEARS,
    within: dt.timedelta = dt.timedelta(minutes=90),
) -> st.SearchStrategy[dt.datetime]:
    """Whole-minute instants within ``within`` of a DST change, written in the zone that changes.

    Args:
        zones: IANA zone names to take changes from.
        years: The years whose changes are used.
        within: How far before or after a change the instants may lie (90 minutes by default, so
            that most draws land in or next to the gap or the repeated hour).

    Returns:
        A strategy of aware datetimes with a :class:`~zoneinfo.ZoneInfo` tzinfo; instants in a
        repeated hour carry ``fold=1`` on their second pass.

    >>> import datetime as dt
    >>> from hypothesis import find
    >>> find(
    ...     instants_near_dst_changes(zones=("America/New_York",), years=(2007,)),
    ...     lambda at: at.fold == 1 and at.minute == 10,
    ... ).isoformat()
    '2007-11-04T01:10:00-05:00'
    """
    changes = [
        (ZoneInfo(zone), change) for zone in zones for year in years for change in dst_changes(zone, year)
    ]
    minutes = int(within // _MINUTE)
    return st.builds(
        lambda picked, offset: (picked[1] + offset * _MINUTE).astimezone(picked[0]),
        st.sampled_from(changes),
        st.integers(-minutes, minutes),
    )
