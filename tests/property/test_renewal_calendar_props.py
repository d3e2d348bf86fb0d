"""Laws of the renewal calendar, checked against the replay it projects."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cspcore.billing import (
    CalendarKind,
    ChargeType,
    ScheduleChange,
    SetAutoRenew,
    Subscription,
    lifecycle,
    renewal_calendar,
)
from cspcore.testing.billing import histories, subscriptions

RENEWALS = {CalendarKind.RENEWAL, CalendarKind.TRIAL_CONVERSION}


@st.composite
def portfolios(draw: st.DrawFn) -> tuple[Subscription, list[Any], dt.date]:
    """One subscription, maybe a change saved for renewal or auto-renew off, and a replay day in term."""
    sub = draw(subscriptions())
    through = sub.start + dt.timedelta(days=draw(st.integers(0, (sub.term_end - sub.start).days)))
    events: list[Any] = []
    action = draw(st.sampled_from(["none", "schedule", "auto_renew_off"]))
    if action == "schedule":
        events.append(ScheduleChange(on=through, quantity=draw(st.integers(1, 90))))
    elif action == "auto_renew_off":
        events.append(SetAutoRenew(on=through, enabled=False))
    return sub, events, through


@given(portfolios(), st.integers(0, 3 * 366), st.integers(0, 60))
def test_entries_are_sorted_and_all_within_the_range(
    case: tuple[Subscription, list[Any], dt.date], span: int, lead: int
) -> None:
    sub, events, through = case
    states = lifecycle(sub, events, through=through).states
    start = through + dt.timedelta(days=lead)
    calendar = renewal_calendar(states, start=start, end=start + dt.timedelta(days=span))
    keys = [entry.sort_key() for entry in calendar.entries]
    assert sorted(keys) == keys
    assert all(calendar.start <= entry.on <= calendar.end for entry in calendar.entries)
    assert all(
        (entry.on, entry.subscription) >= (prev.on, prev.subscription)
        for prev, entry in zip(calendar.entries, calendar.entries[1:], strict=False)
    )


@given(portfolios(), st.integers(0, 3 * 366))
def test_an_auto_renewing_subscription_has_one_renewal_entry_per_term_the_replay_starts(
    case: tuple[Subscription, list[Any], dt.date], span: int
) -> None:
    sub, events, through = case
    states = lifecycle(sub, events, through=through).states
    start = through + dt.timedelta(days=1)
    end = start + dt.timedelta(days=span)
    calendar = renewal_calendar(states, start=start, end=end)
    renewals = [entry for entry in calendar.entries if entry.kind in RENEWALS]
    replayed = [
        line
        for line in lifecycle(sub, events, through=end).lines
        if line.charge_type is ChargeType.RENEW and start <= line.charge_start
    ]
    assert [line.charge_start for line in replayed] == [entry.on for entry in renewals]
    assert [line.subtotal for line in replayed] == [entry.amount for entry in renewals]
    assert [int(line.quantity) for line in replayed] == [entry.quantity for entry in renewals]
    assert all(entry.is_commitment is (entry.term.months >= 12) for entry in renewals)


@given(histories(cancel=True), st.integers(0, 400))
def test_a_cancelled_subscription_has_no_entry_after_its_end(
    case: tuple[Subscription, list[Any]], span: int
) -> None:
    sub, events = case
    last_event = max(event.day for event in events)
    result = lifecycle(sub, events, through=last_event)
    (state,) = result.states.values()
    assert state.ended_on is not None
    calendar = renewal_calendar(
        result, start=state.ended_on - dt.timedelta(days=30), end=state.ended_on + dt.timedelta(days=span)
    )
    assert [entry for entry in calendar.entries if entry.on >= state.ended_on] == []
