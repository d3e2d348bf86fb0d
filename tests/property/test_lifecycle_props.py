"""Laws of ``lifecycle``: order independence, conservation within 24 hours, and agreement with ``rate``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspcore import Money, RuleViolation
from cspcore.billing import (
    Cancel,
    CancelScheduledChange,
    ChangeQuantity,
    CompleteRenewal,
    PriceChange,
    ScheduleChange,
    SetAutoRenew,
    Subscription,
    Suspend,
    Term,
    Upgrade,
    lifecycle,
    rate,
)

if TYPE_CHECKING:
    from tests.lifecycle_events import AnyEvent

START = dt.date(2024, 3, 4)
PRICE = Money("21.30", "EUR")


def at(day: dt.date, hour: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def subscription(name: str, *, term: Term = Term.P1M, quantity: int = 8) -> Subscription:
    return Subscription(
        id=name,
        product="Microsoft 365 E3",
        start=START,
        term=term,
        frequency="monthly",
        quantity=quantity,
        unit_price=PRICE,
    )


def on(day: int) -> dt.date:
    return START + dt.timedelta(days=day)


# One event a day at most, of kinds that Partner Center allows on any day of a running term.
daily_events = st.dictionaries(
    keys=st.integers(min_value=1, max_value=120),
    values=st.sampled_from(["add", "schedule", "unschedule", "auto_renew_on", "price"]),
    max_size=8,
)


def build(day: int, kind: str, seats: int, name: str) -> AnyEvent:
    if kind == "add":
        return ChangeQuantity(on=on(day), quantity=seats, subscription=name)
    if kind == "schedule":
        return ScheduleChange(on=on(day), quantity=seats, subscription=name)
    if kind == "unschedule":
        return CancelScheduledChange(on=on(day), subscription=name)
    if kind == "auto_renew_on":
        return SetAutoRenew(on=on(day), enabled=True, subscription=name)
    return PriceChange(on=on(day), unit_price=Money(f"{20 + day % 7}.00", "EUR"), subscription=name)


@given(plan=daily_events, order=st.randoms(use_true_random=False))
def test_events_of_different_days_give_the_same_lines_and_states_in_any_order(
    plan: dict[int, str], order: object
) -> None:
    subs = [subscription("m"), subscription("y", term=Term.P1Y)]
    events: list[AnyEvent] = []
    for index, (day, kind) in enumerate(sorted(plan.items())):
        name = "my"[index % 2]
        events.append(build(day, kind, 8 + index + 1, name))
    shuffled = list(events)
    order.shuffle(shuffled)  # type: ignore[attr-defined]
    through = on(130)
    expected = lifecycle(subs, events, through=through)
    again = lifecycle(subs, shuffled, through=through)
    assert again.lines == expected.lines
    assert dict(again.states) == dict(expected.states)


@given(
    added=st.lists(st.integers(min_value=1, max_value=40), max_size=3),
    upgraded=st.integers(min_value=1, max_value=7),
    hours=st.integers(min_value=0, max_value=23),
    completion=st.integers(min_value=0, max_value=24 * 60),
)
def test_a_cancellation_within_24_hours_refunds_exactly_what_was_charged_since_the_window_opened(
    added: list[int], upgraded: int, hours: int, completion: int
) -> None:
    # billing-basics.md, "Subscription cancelation": a full refund within 24 hours of purchasing or
    # renewing. The renewal of April 4 completes at a drawn instant; seats are added and a partial
    # upgrade creates a child, all before the cancellation; what the parent was charged since the
    # window opened comes back to the cent, and the child's own cancellation returns its charges.
    renewal = on(31)  # March 4 + one month: April 4
    opened = at(renewal) + dt.timedelta(minutes=completion)
    sub = subscription("p", quantity=8)
    events: list[AnyEvent] = [CompleteRenewal(on=renewal, at=opened)]
    day = opened.date()
    seats = 8
    for extra in added:
        seats += extra
        events.append(ChangeQuantity(on=day, quantity=seats, subscription="p"))
    child = "p/child"
    events.append(
        Upgrade(
            on=day,
            product="Microsoft 365 E5",
            unit_price=Money("38.00", "EUR"),
            quantity=upgraded,
            subscription_id=child,
            subscription="p",
        )
    )
    cancel_at = opened + dt.timedelta(hours=hours, minutes=59)
    events += [Cancel(at=cancel_at, subscription="p"), Cancel(at=cancel_at, subscription=child)]
    result = lifecycle(sub, events, through=cancel_at.date())
    for name in ("p", child):
        lines = [line for line in result.lines if line.subscription_id == name]
        since = [line for line in lines if line.order_date >= renewal][:-1]
        refund = lines[-1]
        assert refund.charge_type.value == "cancelImmediate"
        assert refund.subtotal.amount == -sum((line.subtotal.amount for line in since), Decimal(0))


@given(
    seats=st.lists(st.integers(min_value=1, max_value=30), max_size=4),
    gaps=st.lists(st.integers(min_value=0, max_value=40), min_size=4, max_size=4),
    schedule=st.none() | st.integers(min_value=1, max_value=30),
    suspend=st.booleans(),
)
def test_lifecycle_lines_are_rates_lines_for_one_subscription(
    seats: list[int],
    gaps: list[int],
    schedule: int | None,
    suspend: bool,
) -> None:
    sub = subscription("one", term=Term.P1Y)
    day = START
    events: list[AnyEvent] = []
    for count, gap in zip(seats, gaps, strict=False):
        day += dt.timedelta(days=gap)
        events.append(ChangeQuantity(on=day, quantity=count))
    if schedule is not None:
        events.append(ScheduleChange(on=day, quantity=schedule))
    if suspend:
        events.append(Suspend(at=at(day, 12)))
    through = START + dt.timedelta(days=400)
    try:
        expected = rate(sub, events, through=through)
    except RuleViolation as refused:  # the same refusal from both
        with pytest.raises(type(refused)):
            lifecycle(sub, events, through=through)
        return
    assert lifecycle(sub, events, through=through).lines == expected
