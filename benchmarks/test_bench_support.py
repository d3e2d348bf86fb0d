"""due_at against a plain stdlib loop over the same schedule (issue 7: at most 3x)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import pytest

from cspcore.support import BusinessHours, due_at

if TYPE_CHECKING:
    from pytest_benchmark.fixture import BenchmarkFixture

ZONE = ZoneInfo("Europe/Prague")
WEEKLY = {d: ((dt.time(9), dt.time(12)), (dt.time(13), dt.time(17))) for d in range(5)}
HOLIDAYS = frozenset(
    dt.date(2024, m, d) for m, d in [(1, 1), (3, 29), (4, 1), (5, 1), (5, 8), (7, 5), (7, 6)]
)
HOURS = BusinessHours(tz="Europe/Prague", weekly=WEEKLY, holidays=HOLIDAYS)
START = dt.datetime(2024, 3, 27, 15, 30, tzinfo=ZONE)
TARGETS = {"8h": dt.timedelta(hours=8), "40h": dt.timedelta(hours=40), "200h": dt.timedelta(hours=200)}


def stdlib_due(start: dt.datetime, target: dt.timedelta) -> dt.datetime:
    """A plain loop: walk the local days, skip holidays, consume each range (wall clock, no DST care)."""
    local = start.astimezone(ZONE).replace(tzinfo=None)
    remaining = target
    day = local.date()
    while True:
        if day not in HOLIDAYS:
            for opens, closes in WEEKLY.get(day.weekday(), ()):
                begin = dt.datetime.combine(day, opens)
                end = dt.datetime.combine(day, closes)
                if end <= local:
                    continue
                begin = max(begin, local)
                if remaining <= end - begin:
                    return (begin + remaining).replace(tzinfo=ZONE)
                remaining -= end - begin
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("name", list(TARGETS))
def test_due_at_baseline(benchmark: BenchmarkFixture, name: str) -> None:
    benchmark.group = f"support.due_at[{name}]"
    result = benchmark(stdlib_due, START, TARGETS[name])
    assert due_at(START, TARGETS[name], hours=HOURS) == result


@pytest.mark.parametrize("name", list(TARGETS))
def test_due_at(benchmark: BenchmarkFixture, name: str) -> None:
    benchmark.group = f"support.due_at[{name}]"
    benchmark.extra_info["limit"] = 3
    result = benchmark(due_at, START, TARGETS[name], hours=HOURS)
    assert stdlib_due(START, TARGETS[name]) == result
