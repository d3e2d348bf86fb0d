"""An SLA clock cannot be built in a state that contradicts itself: nothing happens before it starts."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import ErrorCode
from cspcore.support import SlaClock

_START = dt.datetime(2024, 3, 4, 9, tzinfo=dt.UTC)
_HOUR = dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"running_since": _START, "breached_at": _START - dt.timedelta(days=5)}, "breached_at"),
        ({"running_since": _START - dt.timedelta(days=1)}, "running_since"),
        ({"paused_at": _START - dt.timedelta(microseconds=1)}, "paused_at"),
    ],
)
def test_an_event_before_the_start_is_refused(fields: dict[str, Any], field: str) -> None:
    with raises_invalid(field=field, code=ErrorCode.INCONSISTENT):
        SlaClock(target=_HOUR, started_at=_START, **fields)


def test_events_are_compared_as_instants_not_wall_clocks() -> None:
    new_york = ZoneInfo("America/New_York")
    # 01:50 EDT is 05:50 UTC; 01:10 EST (the repeated hour, fold=1) is 06:10 UTC: later, though its
    # wall clock reads earlier.
    started = dt.datetime(2024, 11, 3, 1, 50, tzinfo=new_york)
    later = dt.datetime(2024, 11, 3, 1, 10, fold=1, tzinfo=new_york)

    clock = SlaClock(target=_HOUR, started_at=started, running_since=later)

    assert clock.elapsed(at=later) == dt.timedelta(0)
    with raises_invalid(field="running_since", code=ErrorCode.INCONSISTENT):
        SlaClock(target=_HOUR, started_at=later, running_since=started)


@given(before=st.timedeltas(min_value=dt.timedelta(microseconds=1), max_value=dt.timedelta(days=3650)))
@example(before=dt.timedelta(microseconds=1))
def test_a_running_span_never_begins_before_the_start(before: dt.timedelta) -> None:
    with raises_invalid(field="running_since", code=ErrorCode.INCONSISTENT):
        SlaClock(target=_HOUR, started_at=_START, running_since=_START - before)


@given(
    after=st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=3650)),
    more=st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=3650)),
)
@example(after=dt.timedelta(0), more=dt.timedelta(0))
def test_a_fresh_clock_never_counts_more_than_the_time_since_its_start(
    after: dt.timedelta, more: dt.timedelta
) -> None:
    clock = SlaClock(target=_HOUR, started_at=_START, running_since=_START + after)
    at = _START + after + more

    assert clock.elapsed(at=at) <= at - _START
