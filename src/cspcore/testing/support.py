"""Hypothesis strategies for cspcore's support values (issues, partners, schedules, instants).

>>> from hypothesis import given
>>> from cspcore.support import route
>>> from cspcore.testing.support import issues, partners
>>> @given(issues(), partners())
... def test_every_issue_has_a_route(issue, partner):
...     assert route(issue, partner=partner).reasons
>>> test_every_issue_has_a_route()

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from cspcore.support import (
    BusinessHours,
    Issue,
    IssueCategory,
    IssueKind,
    PartnerProfile,
    PartnerType,
    Product,
    Severity,
    SupportPlan,
)

__all__ = [
    "DST_ZONES",
    "business_hours",
    "day_ranges",
    "issues",
    "partners",
    "quarter_hour_instants",
    "targets",
]

#: Zones whose clocks change (Europe, the US, the southern hemisphere) and a few that do not.
DST_ZONES = (
    "Europe/Prague",
    "Europe/Warsaw",
    "Europe/Budapest",
    "America/New_York",
    "America/Los_Angeles",
    "Australia/Sydney",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "UTC",
)

_QUARTER = dt.timedelta(minutes=15)


def issues() -> st.SearchStrategy[Issue]:
    """Every combination of kind, product, category, severity and escalation.

    >>> from hypothesis import find
    >>> find(issues(), lambda issue: issue.category is not None).needs_microsoft
    True
    """
    return st.builds(
        Issue,
        kind=st.sampled_from(IssueKind),
        product=st.sampled_from(Product),
        category=st.none() | st.sampled_from(IssueCategory),
        severity=st.none() | st.sampled_from(Severity),
        escalate=st.booleans(),
    )


def partners() -> st.SearchStrategy[PartnerProfile]:
    """Every partner type with any set of support plans.

    >>> from hypothesis import find
    >>> find(partners(), lambda partner: len(partner.plans) == 2).entitlements >= {SupportPlan.COMMERCIAL}
    True
    """
    return st.builds(
        PartnerProfile,
        type=st.sampled_from(PartnerType),
        plans=st.frozensets(st.sampled_from(SupportPlan)),
    )


def _at(quarter: int) -> dt.time:
    return dt.time(0) if quarter == 96 else dt.time(quarter // 4, quarter % 4 * 15)


def _pairs(points: list[int]) -> tuple[tuple[dt.time, dt.time], ...]:
    ordered = sorted(points)
    return tuple((_at(ordered[i]), _at(ordered[i + 1])) for i in range(0, len(ordered) - 1, 2))


def day_ranges(*, max_ranges: int = 3) -> st.SearchStrategy[tuple[tuple[dt.time, dt.time], ...]]:
    """One day's ranges on quarter-hour boundaries (a close of 00:00 is midnight), maybe none.

    >>> from hypothesis import find
    >>> ranges = find(day_ranges(), lambda ranges: len(ranges) == 2)
    >>> ranges[0][1] < ranges[1][0] or ranges[0][1] == ranges[1][0]
    True
    """
    return st.lists(st.integers(0, 96), max_size=2 * max_ranges, unique=True).map(_pairs)


_DAY = day_ranges()
_HALF_DAY = day_ranges(max_ranges=1)
_DATES = st.dates(dt.date(2024, 1, 1), dt.date(2025, 12, 31))
_HOLIDAYS = st.frozensets(_DATES, max_size=8)
_OVERRIDES = st.dictionaries(_DATES, _HALF_DAY, max_size=3)


def _schedule(
    zone: str,
    week: tuple[tuple[tuple[dt.time, dt.time], ...], ...],
    holidays: frozenset[dt.date],
    overrides: dict[dt.date, tuple[tuple[dt.time, dt.time], ...]],
) -> BusinessHours:
    weekly = dict(enumerate(week))
    if not any(week):
        weekly[0] = ((dt.time(9), dt.time(17)),)
    return BusinessHours(tz=zone, weekly=weekly, holidays=holidays, overrides=overrides)


def business_hours(
    *, zones: tuple[str, ...] = DST_ZONES, with_holidays: bool = True
) -> st.SearchStrategy[BusinessHours]:
    """Schedules on quarter-hour boundaries in zones with and without DST, with holidays and half days.

    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5)
    ... @given(business_hours(zones=("Asia/Tokyo",)))
    ... def test_zone_is_kept(hours):
    ...     assert hours.tz == "Asia/Tokyo"
    >>> test_zone_is_kept()
    """
    return st.builds(
        _schedule,
        st.sampled_from(zones),
        st.tuples(*[_DAY] * 7),
        _HOLIDAYS if with_holidays else st.just(frozenset()),
        _OVERRIDES if with_holidays else st.just({}),
    )


def quarter_hour_instants(
    *, start: dt.datetime = dt.datetime(2024, 1, 1, tzinfo=dt.UTC), days: int = 700
) -> st.SearchStrategy[dt.datetime]:
    """UTC instants on quarter hours, shown in a random zone (same instant, different offsets).

    >>> from hypothesis import find
    >>> find(quarter_hour_instants(), lambda at: at.minute % 15 == 0).tzinfo is not None
    True
    """
    from zoneinfo import ZoneInfo  # noqa: PLC0415 - keep module import light

    return st.builds(
        lambda n, zone: (start + n * _QUARTER).astimezone(ZoneInfo(zone)),
        st.integers(0, days * 96),
        st.sampled_from(DST_ZONES),
    )


def targets(*, max_hours: int = 120) -> st.SearchStrategy[dt.timedelta]:
    """Targets from zero to ``max_hours`` hours, in whole minutes.

    >>> from hypothesis import find
    >>> find(targets(max_hours=1), lambda target: target.total_seconds() > 3000)
    datetime.timedelta(seconds=3060)
    """
    return st.integers(0, max_hours * 60).map(lambda minutes: dt.timedelta(minutes=minutes))
