"""Where a subscription stands after a replay: the change saved for its renewal, field by field, the next
term it starts, and until when a suspended one can be reactivated.

``create-a-new-subscription.md``: "Scheduled changes for managing new commerce license-based subscription
renewals" (product, term, billing frequency, seats and a custom end date apply at renewal) and "Suspend a
subscription" (suspending turns auto-renew off; it can be reactivated until the last day of its term).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from cspcore import Money
from cspcore.billing import (
    BillingFrequency,
    EndReason,
    Lifecycle,
    NextTerm,
    ScheduleChange,
    ScheduledChange,
    SetAutoRenew,
    Subscription,
    SubscriptionState,
    SubscriptionStatus,
    Suspend,
    Term,
    lifecycle,
)
from cspcore.errors import ErrorCode, InvalidInput

D = dt.date
MAY_10 = D(2024, 5, 10)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def subscription(term: str = "P1M", start: dt.date = MAY_10) -> Subscription:
    return Subscription(
        id="s",
        product="Microsoft 365 E3",
        start=start,
        term=term,  # type: ignore[arg-type]
        frequency="monthly",
        quantity=10,
        unit_price=eur("36.00"),
    )


def test_the_saved_change_and_the_next_term_carry_every_field_scheduled() -> None:
    change = ScheduleChange(
        on=D(2024, 5, 1),
        quantity=8,
        term="P1M",
        frequency="monthly",
        product="Microsoft 365 E5",
        unit_price=eur("57.00"),
    )
    state = lifecycle(subscription("P1Y", D(2024, 1, 10)), [change], through=D(2024, 5, 31)).states["s"]
    renewal = D(2025, 1, 10)
    assert state.scheduled_change == ScheduledChange(
        saved_on=D(2024, 5, 1),
        renews_on=renewal,
        quantity=8,
        term=Term.P1M,
        frequency=BillingFrequency.MONTHLY,
        product="Microsoft 365 E5",
        unit_price=eur("57.00"),
    )
    assert state.next_term == NextTerm(
        starts_on=renewal,
        product="Microsoft 365 E5",
        unit_price=eur("57.00"),
        quantity=8,
        term=Term.P1M,
        frequency=BillingFrequency.MONTHLY,
    )
    assert (state.renews_on, state.reactivate_by) == (renewal, None)


def test_a_scheduled_end_date_is_saved_and_ends_the_next_term() -> None:
    # a month's term renewing June 10 may end on June 30, the month's last day
    state = lifecycle(
        subscription(), [ScheduleChange(on=D(2024, 5, 12), end=D(2024, 6, 30))], through=D(2024, 5, 31)
    )
    saved = state.states["s"].scheduled_change
    upcoming = state.states["s"].next_term
    assert saved is not None
    assert upcoming is not None
    assert (saved.end, upcoming.end, upcoming.starts_on) == (D(2024, 6, 30), D(2024, 6, 30), D(2024, 6, 10))


def test_a_suspended_subscription_can_be_reactivated_until_its_term_ends_and_will_not_renew() -> None:
    suspend = Suspend(at=dt.datetime(2024, 5, 20, 9, tzinfo=dt.UTC))
    state = lifecycle(subscription(), [suspend], through=D(2024, 5, 31)).states["s"]
    assert (state.status, state.reactivate_by, state.renews_on, state.next_term) == (
        SubscriptionStatus.SUSPENDED,
        D(2024, 6, 9),
        None,
        None,
    )
    ended = lifecycle(subscription(), [suspend], through=D(2024, 6, 15)).states["s"]
    assert (ended.status, ended.end_reason, ended.reactivate_by, ended.next_term) == (
        SubscriptionStatus.ENDED,
        EndReason.NOT_REACTIVATED,
        None,
        None,
    )


def test_an_active_subscription_has_nothing_to_reactivate_and_without_auto_renew_no_next_term() -> None:
    state = lifecycle(
        subscription(), [SetAutoRenew(on=D(2024, 5, 12), enabled=False)], through=D(2024, 5, 31)
    )
    current = state.states["s"]
    assert (current.status, current.reactivate_by, current.renews_on, current.next_term) == (
        SubscriptionStatus.ACTIVE,
        None,
        None,
        None,
    )


def a_state(name: str = "s") -> SubscriptionState:
    return lifecycle(subscription(), through=D(2024, 5, 10)).states[name]


class EndlessStates(Mapping[str, SubscriptionState]):
    """A mapping that names the same subscription for ever."""

    def __init__(self, state: SubscriptionState) -> None:
        self.state = state

    def __len__(self) -> int:
        return 1

    def __iter__(self) -> Iterator[str]:
        while True:
            yield self.state.id

    def __getitem__(self, key: str) -> SubscriptionState:
        return self.state


@pytest.mark.parametrize(
    ("states", "field", "code", "value"),
    [
        ([("s", "state")], "states", ErrorCode.WRONG_TYPE, [("s", "state")]),
        ({"s": "state"}, "states['s']", ErrorCode.WRONG_TYPE, "state"),
        ({"t": a_state()}, "states['t']", ErrorCode.INCONSISTENT, "s"),
    ],
)
def test_a_lifecycle_holds_each_subscriptions_own_state(
    states: Any, field: str, code: ErrorCode, value: Any
) -> None:
    with pytest.raises(InvalidInput) as caught:
        Lifecycle(lines=(), states=states, through=D(2024, 5, 10))
    assert (caught.value.field, caught.value.code, caught.value.value) == (field, code, value)
    assert isinstance(caught.value.problem, str)


def test_a_lifecycle_holds_no_more_states_than_any_collection() -> None:
    with pytest.raises(InvalidInput) as caught:
        Lifecycle(lines=(), states=EndlessStates(a_state()), through=D(2024, 5, 10))
    assert (caught.value.field, caught.value.code) == ("states", ErrorCode.TOO_LONG)
