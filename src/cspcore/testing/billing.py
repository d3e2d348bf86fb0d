"""Hypothesis strategies for cspcore's billing values: subscriptions and their event histories.

Every strategy draws values that :func:`cspcore.billing.rate` accepts without refusing: seat
reductions happen only while every seat is still within its seven-day window, seat counts stay
at 1 or more, and at most one cancellation comes, inside its window, last.

>>> import datetime as dt
>>> from hypothesis import given, settings
>>> from cspcore.billing import rate
>>> from cspcore.testing.billing import histories
>>> @settings(max_examples=5)
... @given(histories())
... def test_rates(history):
...     sub, events = history
...     assert rate(sub, events, through=sub.term_end)
>>> test_rates()

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from cspcore import _decimal
from cspcore.billing.plan_rules import TRIENNIAL_MIDTERM_BLOCKED_FROM
from cspcore.billing.rating import (
    Cancel,
    ChangeBillingPlan,
    ChangeQuantity,
    Event,
    PriceChange,
    Upgrade,
)
from cspcore.billing.subscription import Subscription
from cspcore.billing.terms import VALID_PLANS, BillingFrequency, Term, calendar_aligned_end
from cspcore.billing.windows import CANCELLATION_WINDOW_RULE, SEAT_REDUCTION_RULE
from cspcore.money import Money

__all__ = [
    "MONTH_END_STARTS",
    "change_quantities",
    "event_histories",
    "histories",
    "plans",
    "start_dates",
    "subscriptions",
]

#: Minor units as an amount, exactly: ``Decimal.scaleb`` alone rounds in the ambient context.
_scaleb = _decimal.EXACT.scaleb
#: Start dates where the month-end rules bite: the 28th-31st, February in and out of leap years.
MONTH_END_STARTS = (
    dt.date(2021, 1, 31),
    dt.date(2021, 1, 30),
    dt.date(2021, 1, 29),
    dt.date(2021, 2, 28),
    dt.date(2021, 2, 27),
    dt.date(2024, 2, 29),
    dt.date(2024, 2, 28),
    dt.date(2023, 2, 28),
    dt.date(2024, 1, 31),
    dt.date(2021, 3, 30),
    dt.date(2021, 3, 31),
    dt.date(2021, 4, 30),
    dt.date(2021, 12, 31),
)


def start_dates() -> st.SearchStrategy[dt.date]:
    """Purchase dates in 2020-2030, with the month-end dates drawn often."""
    return st.one_of(
        st.sampled_from(MONTH_END_STARTS),
        st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2030, 12, 31)),
    )


def plans() -> st.SearchStrategy[tuple[Term, BillingFrequency]]:
    """Valid (term, billing plan) pairs of paid subscriptions."""
    pairs = sorted(
        ((t, f) for t, fs in VALID_PLANS.items() for f in fs), key=lambda p: (p[0].months, p[1].value)
    )
    return st.sampled_from(pairs)


@st.composite
def subscriptions(
    draw: st.DrawFn,
    *,
    currency: str = "EUR",
    aligned: bool | None = None,
    plan: tuple[Term, BillingFrequency] | None = None,
) -> Subscription:
    """Paid subscriptions; ``aligned`` forces (True) or forbids (False) a calendar-aligned end."""
    term, frequency = plan if plan is not None else draw(plans())
    start = draw(start_dates())
    quantity = draw(st.integers(min_value=1, max_value=60))
    cents = draw(st.integers(min_value=1, max_value=100_000))
    align = draw(st.booleans()) if aligned is None else aligned
    return Subscription(
        id=f"sub-{draw(st.integers(min_value=1, max_value=999))}",
        product="Microsoft 365 E3",
        start=start,
        term=term,
        frequency=frequency,
        quantity=quantity,
        unit_price=Money(_scaleb(Decimal(cents), -2), currency),
        end=calendar_aligned_end(start, term) if align else None,
    )


@st.composite
def change_quantities(
    draw: st.DrawFn, subscription: Subscription, *, within_days: int | None = None
) -> list[ChangeQuantity]:
    """Seat changes within the first term (or its first ``within_days`` days).

    Reductions come only in the first seven days (three before March 2022: the
    :data:`~cspcore.billing.windows.SEAT_REDUCTION_RULE` of the start day), when every seat can
    still be removed; additions come any day.
    """
    reducible = SEAT_REDUCTION_RULE.at(subscription.start).value
    last = (subscription.term_end - subscription.start).days
    if within_days is not None:
        last = min(last, within_days)
    days = sorted(draw(st.lists(st.integers(min_value=0, max_value=last), max_size=5)))
    quantity = subscription.quantity
    events: list[ChangeQuantity] = []
    for offset in days:
        if offset <= reducible:
            quantity = draw(st.integers(min_value=1, max_value=80))
        else:
            quantity += draw(st.integers(min_value=0, max_value=10))
        events.append(ChangeQuantity(on=subscription.start + dt.timedelta(days=offset), quantity=quantity))
    return events


@st.composite
def histories(draw: st.DrawFn, *, cancel: bool | None = None) -> tuple[Subscription, list[Event]]:
    """A subscription and a valid history of seat changes, maybe ending in a cancellation.

    With a cancellation, the seat changes all come before it, in the window's days but its last
    (the first six days; two before March 2022, when the window was 72 hours).
    """
    sub = draw(subscriptions())
    cancelled = cancel if cancel is not None else draw(st.booleans())
    opened = sub.purchased_at
    hours = CANCELLATION_WINDOW_RULE.at(opened.astimezone(dt.UTC).date()).value
    within = min(hours // 24, SEAT_REDUCTION_RULE.at(sub.start).value) - 1
    events: list[Event] = list(draw(change_quantities(sub, within_days=within if cancelled else None)))
    if cancelled:
        latest = max([sub.start, *(e.on for e in events if isinstance(e, ChangeQuantity))])
        closes = opened + dt.timedelta(hours=hours) - dt.timedelta(seconds=1)
        earliest = max(opened, dt.datetime(latest.year, latest.month, latest.day, tzinfo=dt.UTC))
        at = draw(
            st.datetimes(min_value=earliest.replace(tzinfo=None), max_value=closes.replace(tzinfo=None))
        )
        events.append(Cancel(at=at.replace(tzinfo=dt.UTC)))
    return sub, events


@st.composite
def event_histories(draw: st.DrawFn) -> tuple[Subscription, list[Event]]:
    """A subscription with seat changes, then maybe an upgrade, a billing-plan change, a new price.

    Every event is one Partner Center accepts: the upgrade comes after the seat changes and moves
    some or all seats; the billing-plan change is drawn only for triennial terms billed monthly or
    annually.
    """
    sub = draw(subscriptions())
    changes = draw(change_quantities(sub))
    events: list[Event] = list(changes)
    last = max([sub.start, *(event.on for event in changes)])
    span = (sub.term_end - sub.start).days
    quantity = changes[-1].quantity if changes else sub.quantity
    price = Money(_scaleb(Decimal(draw(st.integers(min_value=1, max_value=100_000))), -2), sub.currency)
    if draw(st.booleans()) and last < sub.term_end:
        on = last + dt.timedelta(days=draw(st.integers(min_value=0, max_value=(sub.term_end - last).days)))
        moved = draw(st.one_of(st.none(), st.integers(min_value=1, max_value=quantity)))
        events.append(Upgrade(on=on, product="Microsoft 365 E5", unit_price=price, quantity=moved))
    plan_change = {
        BillingFrequency.MONTHLY: BillingFrequency.ANNUAL,
        BillingFrequency.ANNUAL: BillingFrequency.MONTHLY,
    }.get(sub.frequency)
    # mid-term plan changes are offered to triennial terms only, and only before April 2025
    latest = min(span, (TRIENNIAL_MIDTERM_BLOCKED_FROM - sub.start).days - 1)
    if sub.term is Term.P3Y and plan_change is not None and latest >= 0 and draw(st.booleans()):
        on = sub.start + dt.timedelta(days=draw(st.integers(min_value=0, max_value=latest)))
        events.append(ChangeBillingPlan(on=on, frequency=plan_change, unit_price=price))
    if draw(st.booleans()):
        on = sub.start + dt.timedelta(days=draw(st.integers(min_value=0, max_value=span)))
        events.append(PriceChange(on=on, unit_price=price))
    return sub, events
