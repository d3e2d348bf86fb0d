"""The SLA clock across closed hours, breaches in later spans, and how it refuses misuse."""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.support import BusinessHours, ClockNotPaused, ClockPaused, SlaClock

H = dt.timedelta(hours=1)
UTC_9_17 = BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17))
SLA_CLOCKS = Source(document="anchors.md", section="SLA clocks", publisher="cspcore")


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """An instant in March 2024 (the 4th is a Monday)."""
    return dt.datetime(2024, 3, day, hour, minute, tzinfo=dt.UTC)


def test_a_running_clock_counts_only_business_time_overnight() -> None:
    clock = SlaClock.start(2 * H, at=at(4, 16), hours=UTC_9_17)
    assert clock.elapsed(at=at(5, 10)) == 2 * H


def test_pausing_banks_only_business_time_and_keeps_the_breach_instant_in_business_hours() -> None:
    paused = SlaClock.start(2 * H, at=at(4, 16), hours=UTC_9_17).pause(at=at(5, 10, 30))
    assert (dt.timedelta(hours=2, minutes=30), at(5, 10)) == (paused.elapsed(at=at(6, 12)), paused.breach_at)


def test_a_breach_in_a_later_span_counts_the_time_banked_before_it() -> None:
    clock = SlaClock.start(2 * H, at=at(4, 9), hours=None).pause(at=at(4, 10)).resume(at=at(4, 11))
    assert at(4, 12) == clock.pause(at=at(4, 13)).breach_at


def test_a_breach_is_remembered_across_a_second_pause() -> None:
    clock = SlaClock.start(2 * H, at=at(4, 9), hours=None).pause(at=at(4, 12)).resume(at=at(4, 13))
    assert at(4, 11) == clock.pause(at=at(4, 14)).breach_at


def test_pausing_a_paused_clock_is_refused_with_its_reason() -> None:
    paused = SlaClock.start(2 * H, at=at(4, 9), hours=None).pause(at=at(4, 10))
    with pytest.raises(ClockPaused) as caught:
        paused.pause(at=at(4, 11))
    expected = ("clock_paused", (Reason(code="support.sla.already_paused", source=SLA_CLOCKS),))
    assert expected == (caught.value.code, caught.value.reasons)


def test_resuming_a_running_clock_is_refused_with_its_reason() -> None:
    clock = SlaClock.start(2 * H, at=at(4, 9), hours=None)
    with pytest.raises(ClockNotPaused) as caught:
        clock.resume(at=at(4, 11))
    expected = ("clock_not_paused", (Reason(code="support.sla.not_paused", source=SLA_CLOCKS),))
    assert expected == (caught.value.code, caught.value.reasons)


NAIVE = dt.datetime(2024, 3, 4, 9)  # noqa: DTZ001 - the naive instant under test


@pytest.mark.parametrize(
    ("read", "field", "code"),
    [
        (
            lambda: SlaClock.start(H, at=NAIVE, hours=None),
            "at",
            ErrorCode.NAIVE_DATETIME,
        ),
        (
            lambda: SlaClock.start(H, at=at(4, 9), hours=None).elapsed(at=NAIVE),
            "at",
            ErrorCode.NAIVE_DATETIME,
        ),
        (
            lambda: SlaClock.start(H, at=at(4, 9), hours=None).pause(at=at(4, 8)),
            "at",
            ErrorCode.OUT_OF_ORDER,
        ),
        (
            lambda: SlaClock(target=H, started_at=at(4, 9), running_since=at(4, 9), paused_at=at(4, 9)),
            "running_since",
            ErrorCode.INCONSISTENT,
        ),
        (
            lambda: SlaClock(target=H, started_at=at(4, 9)),
            "running_since",
            ErrorCode.INCONSISTENT,
        ),
    ],
    ids=["naive start", "naive reading", "reading before the last event", "both set", "neither set"],
)
def test_misuse_of_the_clock_names_the_field_and_value(read: object, field: str, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        read()  # type: ignore[operator]
    assert (field, code) == (caught.value.field, caught.value.code)
