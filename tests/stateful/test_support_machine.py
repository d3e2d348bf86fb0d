from __future__ import annotations

import datetime as dt

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from cspcore.support import BusinessHours, SlaClock
from cspcore.testing.support import business_hours

QUARTER = dt.timedelta(minutes=15)
START = dt.datetime(2024, 3, 29, 8, 0, tzinfo=dt.UTC)  # two days before Europe's spring change


def _open(hours: BusinessHours | None, instant: dt.datetime) -> bool:
    if hours is None:
        return True
    local = instant.astimezone(hours.zone)
    now = local.time().replace(tzinfo=None, fold=0)
    return any(o <= now and (c == dt.time(0) or now < c) for o, c in hours.ranges_on(local.date()))


class SlaClockMachine(RuleBasedStateMachine):
    """Drive an SLA clock with pauses and resumes against a quarter-hour counting model."""

    def __init__(self) -> None:
        super().__init__()
        self.hours: BusinessHours | None = None
        self.clock: SlaClock
        self.now = START
        self.running = True
        self.elapsed = dt.timedelta(0)
        self.target = dt.timedelta(0)

    @initialize(
        hours=st.none()
        | business_hours(zones=("Europe/Prague", "America/New_York", "UTC"), with_holidays=False),
        quarters=st.integers(1, 64),
    )
    def start(self, hours: BusinessHours | None, quarters: int) -> None:
        self.hours = hours
        self.target = quarters * QUARTER
        self.clock = SlaClock.start(self.target, at=self.now, hours=hours)

    @rule(quarters=st.integers(0, 48))
    def advance(self, quarters: int) -> None:
        for _ in range(quarters):
            if self.running and _open(self.hours, self.now):
                self.elapsed += QUARTER
            self.now += QUARTER

    @precondition(lambda self: self.running)
    @rule()
    def pause(self) -> None:
        self.clock = self.clock.pause(at=self.now)
        self.running = False

    @precondition(lambda self: not self.running)
    @rule()
    def resume(self) -> None:
        self.clock = self.clock.resume(at=self.now)
        self.running = True

    @invariant()
    def matches_the_model(self) -> None:
        assert self.elapsed == self.clock.elapsed(at=self.now)
        assert self.target - self.elapsed == self.clock.remaining(at=self.now)
        assert (self.elapsed > self.target) == self.clock.is_breached(at=self.now)
        assert self.clock.is_paused is not self.running

    @invariant()
    def breach_time_is_when_the_target_ran_out(self) -> None:
        deadline = self.clock.breach_at
        if deadline is None:
            assert not self.running
            assert self.elapsed < self.target
        elif self.elapsed > self.target:
            assert deadline <= self.now


TestSlaClock = SlaClockMachine.TestCase
TestSlaClock.settings = settings(stateful_step_count=15)
