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
    """Every combination of kind, product, category, severity and escalation."""
    return st.builds(
        Issue,
        kind=st.sampled_from(IssueKind),
        product=st.sampled_from(Product),
        category=st.none() | st.sampled_from(IssueCategory),
        severity=st.none() | st.sampled_from(Severity),
        escalate=st.booleans(),
    )


def partners() -> st.SearchStrategy[PartnerProfile]:
    """Every partner type with any set of support plans."""
    return st.builds(
        PartnerProfile,
        type=st.sampled_from(PartnerType),
        plans=st.frozensets(st.sampled_from(SupportPlan)),
    )


@st.composite
def day_ranges(draw: st.DrawFn, *, max_ranges: int = 3) -> tuple[tuple[dt.time, dt.time], ...]:
    """One day's ranges on quarter-hour boundaries (a close of 00:00 is midnight), maybe none."""
    count = draw(st.integers(0, max_ranges))
    points = sorted(draw(st.sets(st.integers(0, 96), min_size=2 * count, max_size=2 * count)))

    def at(quarter: int) -> dt.time:
        return dt.time(0) if quarter == 96 else dt.time(quarter // 4, quarter % 4 * 15)

    return tuple((at(points[i]), at(points[i + 1])) for i in range(0, len(points), 2))


@st.composite
def business_hours(
    draw: st.DrawFn, *, zones: tuple[str, ...] = DST_ZONES, with_holidays: bool = True
) -> BusinessHours:
    """Schedules on quarter-hour boundaries in zones with and without DST, with holidays and half days."""
    weekly = {day: draw(day_ranges()) for day in range(7)}
    if not any(weekly.values()):
        weekly[draw(st.integers(0, 6))] = ((dt.time(9), dt.time(17)),)
    dates = st.dates(dt.date(2024, 1, 1), dt.date(2025, 12, 31))
    holidays = draw(st.frozensets(dates, max_size=8)) if with_holidays else frozenset()
    overrides = draw(st.dictionaries(dates, day_ranges(max_ranges=1), max_size=3)) if with_holidays else {}
    return BusinessHours(
        tz=draw(st.sampled_from(zones)), weekly=weekly, holidays=holidays, overrides=overrides
    )


def quarter_hour_instants(
    *, start: dt.datetime = dt.datetime(2024, 1, 1, tzinfo=dt.UTC), days: int = 700
) -> st.SearchStrategy[dt.datetime]:
    """UTC instants on quarter hours, shown in a random zone (same instant, different offsets)."""
    from zoneinfo import ZoneInfo  # noqa: PLC0415 - keep module import light

    return st.builds(
        lambda n, zone: (start + n * _QUARTER).astimezone(ZoneInfo(zone)),
        st.integers(0, days * 96),
        st.sampled_from(DST_ZONES),
    )


def targets(*, max_hours: int = 120) -> st.SearchStrategy[dt.timedelta]:
    """Targets from zero to ``max_hours`` hours, in whole minutes."""
    return st.integers(0, max_hours * 60).map(lambda minutes: dt.timedelta(minutes=minutes))
