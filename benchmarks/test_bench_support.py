"""``due_at`` against a plain stdlib loop over the same schedule (issue 7: at most 3x).

The questions are drawn like a support desk's: requests received at any minute of 2024 and 2025
(nights, weekends, Czech public holidays, both DST changes), with response targets from 30 minutes to
200 business hours. The schedule (two ranges a weekday, the holidays) is the same on both sides; each
round builds a fresh ``BusinessHours`` value.

A second case asks the question of issue 19's table: each request's response due eight business
hours after it arrived (most answers land on the next open day, many after a weekend or holiday);
limit 2.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from cspcore.support import BusinessHours, due_at
from paired import Case, bench

if TYPE_CHECKING:
    import random

ZONE = ZoneInfo("Europe/Prague")
WEEKLY = {d: ((dt.time(9), dt.time(12)), (dt.time(13), dt.time(17))) for d in range(5)}
#: Czech public holidays of 2024 and 2025.
HOLIDAYS = frozenset(
    dt.date(year, month, day)
    for year, easter_friday, easter_monday in ((2024, (3, 29), (4, 1)), (2025, (4, 18), (4, 21)))
    for month, day in (
        (1, 1), easter_friday, easter_monday, (5, 1), (5, 8), (7, 5), (7, 6), (9, 28), (10, 28),
        (11, 17), (12, 24), (12, 25), (12, 26),
    )
)  # fmt: skip
Question = tuple[dt.datetime, dt.timedelta]


def stdlib_due(start: dt.datetime, target: dt.timedelta) -> dt.datetime:
    """A plain loop: walk the local days, skip holidays, consume each range in wall-clock time."""
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


def build(rng: random.Random, size: int) -> tuple[tuple[BusinessHours, list[Question]], list[Question]]:
    first = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    asked = [
        (
            (first + dt.timedelta(minutes=rng.randrange(2 * 365 * 24 * 60))).astimezone(ZONE),
            dt.timedelta(minutes=rng.randint(30, 200 * 60)),
        )
        for _ in range(size)
    ]
    hours = BusinessHours(tz="Europe/Prague", weekly=WEEKLY, holidays=HOLIDAYS)
    return (hours, asked), list(asked)


def due(data: tuple[BusinessHours, list[Question]]) -> list[dt.datetime]:
    hours, asked = data
    return [due_at(start, target, hours=hours) for start, target in asked]


def baseline(asked: list[Question]) -> list[dt.datetime]:
    return [stdlib_due(start, target) for start, target in asked]


DUE_AT = Case(
    name="support: due_at of requests",
    build=build,
    case=due,
    baseline=baseline,
    size=500,
    limit=3,
)

EIGHT_HOURS = dt.timedelta(hours=8)


def build_eight_hours(
    rng: random.Random, size: int
) -> tuple[tuple[BusinessHours, list[Question]], list[Question]]:
    (hours, asked), _ = build(rng, size)
    questions = [(start, EIGHT_HOURS) for start, _ in asked]
    return (hours, questions), list(questions)


DUE_IN_EIGHT_HOURS = Case(
    name="support: due_at + 8 business hours (Prague, holidays)",
    build=build_eight_hours,
    case=due,
    baseline=baseline,
    size=2_000,
    limit=2,
)

CASES = (DUE_AT, DUE_IN_EIGHT_HOURS)


def test_due_at(benchmark: Any) -> None:
    bench(benchmark, DUE_AT)


def test_due_at_eight_business_hours(benchmark: Any) -> None:
    bench(benchmark, DUE_IN_EIGHT_HOURS)
