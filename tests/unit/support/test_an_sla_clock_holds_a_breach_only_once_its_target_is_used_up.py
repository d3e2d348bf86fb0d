"""An SLA clock's recorded breach lies in an earlier running span: the banked time reached the target by then.

``breached_at`` is what ``breach_at`` reports for a clock breached in an earlier span, so a clock
holding one while its banked time is short of the target (or one dated after the clock's last event)
would report a deadline that its own ``is_breached`` contradicts. Such a clock is refused; every clock
``start``, ``pause`` and ``resume`` make is still accepted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import ErrorCode
from cspcore.support import BusinessHours, SlaClock

_START = dt.datetime(2024, 3, 4, 9, tzinfo=dt.UTC)
_HOUR = dt.timedelta(hours=1)
_TARGET = 4 * _HOUR
_PRAGUE = BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17))


@pytest.mark.parametrize(
    "fields",
    [
        # Nothing banked, yet a breach recorded at the start.
        {"running_since": _START, "breached_at": _START},
        # Three of four hours banked.
        {"banked": 3 * _HOUR, "paused_at": _START + 3 * _HOUR, "breached_at": _START + 3 * _HOUR},
        # The target used up, but the breach dated after the pause that ended the span.
        {"banked": _TARGET, "paused_at": _START + _TARGET, "breached_at": _START + dt.timedelta(days=30)},
        # Running again, with a breach dated after the span began.
        {
            "banked": _TARGET + _HOUR,
            "running_since": _START + 6 * _HOUR,
            "breached_at": dt.datetime(9999, 1, 1, tzinfo=dt.UTC),
        },
    ],
)
def test_a_breach_the_banked_time_does_not_support_is_refused(fields: dict[str, Any]) -> None:
    with raises_invalid(field="breached_at", code=ErrorCode.INCONSISTENT):
        SlaClock(target=_TARGET, started_at=_START, **fields)


def test_a_breach_at_the_pause_that_used_up_the_target_is_kept() -> None:
    paused = SlaClock(
        target=_TARGET,
        started_at=_START,
        banked=_TARGET,
        paused_at=_START + _TARGET,
        breached_at=_START + _TARGET,
    )

    assert paused.breach_at == dt.datetime(2024, 3, 4, 13, tzinfo=dt.UTC)
    assert not paused.is_breached(at=_START + dt.timedelta(days=1))


@given(
    steps=st.lists(st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=4)), max_size=6),
    target=st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(hours=20)),
)
@example(steps=[_TARGET], target=_TARGET)  # paused exactly at the deadline
@example(steps=[dt.timedelta(days=1), _HOUR], target=_HOUR)  # breached over the weekend's Monday
def test_every_clock_pause_and_resume_make_is_accepted_again(
    steps: list[dt.timedelta], target: dt.timedelta
) -> None:
    clock = SlaClock.start(target, at=_START, hours=_PRAGUE)
    at = _START
    for step in steps:
        at += step
        clock = clock.resume(at=at) if clock.is_paused else clock.pause(at=at)
        rebuilt = attrs.evolve(clock)

        assert rebuilt == clock
        if clock.breached_at is not None:
            assert clock.banked >= target
            assert clock.breached_at <= at
