"""A preview compares the history with and without the proposed change: lines added, lines removed, net.

``create-a-new-subscription.md``: seat changes, cancellations and upgrades show on their day; a
billing-frequency change "takes effect in the next billing cycle" ("Change only billing frequency");
a change saved for renewal shows on the renewal ("Scheduled changes ..."), as does turning auto-renew
off or suspending (no renewal follows).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tests.previews import at, commerce_triennial, e3

from cspcore import Money
from cspcore.billing import (
    Cancel,
    ChangeBillingPlan,
    ChangeQuantity,
    ChargeType,
    ScheduleChange,
    SetAutoRenew,
    Subscription,
    SubscriptionStatus,
    Suspend,
    Upgrade,
    lifecycle,
    preview,
)

D = dt.date


def test_a_seat_increase_adds_the_refund_and_the_recharge_of_its_day() -> None:
    day = D(2024, 1, 20)
    result = preview(e3(), [], ChangeQuantity(on=day, quantity=12), at=at(day))
    made = lifecycle(e3(), [ChangeQuantity(on=day, quantity=12)], through=day).lines
    assert result.is_allowed
    assert made[1:] == result.added
    assert result.removed == ()
    assert [line.charge_type for line in result.added] == [ChargeType.ADD_QUANTITY, ChargeType.ADD_QUANTITY]
    assert result.added[0].subtotal + result.added[1].subtotal == result.net
    assert day == result.through
    assert (result.before.quantity, result.after.quantity) == (10, 12)


def test_a_scheduled_change_shows_the_old_renew_line_removed_and_the_new_one_added() -> None:
    day = D(2024, 6, 3)
    result = preview(e3(), [], ScheduleChange(on=day, quantity=8), at=at(day))
    assert D(2025, 1, 10) == result.through
    (old,) = result.removed
    (new,) = result.added
    assert (old.charge_type, old.quantity) == (ChargeType.RENEW, Decimal(10))
    assert (new.charge_type, new.quantity) == (ChargeType.RENEW, Decimal(8))
    assert new.subtotal - old.subtotal == result.net
    assert Money("-72.00", "USD") == result.net


def test_turning_auto_renew_off_removes_the_renew_line() -> None:
    day = D(2024, 6, 3)
    result = preview(e3(), [], SetAutoRenew(on=day, enabled=False), at=at(day))
    assert result.added == ()
    assert [line.charge_type for line in result.removed] == [ChargeType.RENEW]
    assert -result.removed[0].subtotal == result.net
    assert SubscriptionStatus.ENDED is result.after.status


def test_a_suspension_keeps_billing_but_removes_the_renewal() -> None:
    moment = at(D(2024, 6, 3))
    result = preview(e3(), [], Suspend(at=moment), at=moment)
    assert result.added == ()
    assert [line.charge_type for line in result.removed] == [ChargeType.RENEW]


def test_a_billing_plan_change_is_previewed_through_the_next_cycle_that_shows_it() -> None:
    sub = commerce_triennial()
    day = D(2021, 9, 21)
    change = ChangeBillingPlan(on=day, frequency="annual", unit_price=Money("250", "EUR"))
    result = preview(sub, [], change, at=at(day))
    assert D(2021, 10, 20) == result.through
    assert [line.charge_type for line in result.added] == [ChargeType.CHANGE_BILLING_PLAN]
    assert [line.charge_type for line in result.removed] == [ChargeType.CYCLE_CHARGE]
    assert Money("2291.60", "EUR") == result.added[0].subtotal  # Microsoft's 250 x 11/12 x 10 seats
    assert Money("2091.60", "EUR") == result.net


def test_a_cancellation_in_the_window_adds_its_refund() -> None:
    moment = at(D(2024, 1, 12))
    result = preview(e3(), [], Cancel(at=moment), at=moment)
    assert [line.charge_type for line in result.added] == [ChargeType.CANCEL_IMMEDIATE]
    assert result.net.is_negative()
    assert SubscriptionStatus.ENDED is result.after.status
    assert SubscriptionStatus.ACTIVE is result.before.status


def test_a_partial_upgrade_adds_the_lines_of_both_subscriptions() -> None:
    day = D(2024, 3, 20)
    change = Upgrade(on=day, product="Microsoft 365 E5", unit_price=Money("57.00", "USD"), quantity=3)
    result = preview(e3(), [], change, at=at(day))
    made = lifecycle(e3(), [change], through=day).lines
    assert [line for line in made if line.order_date == day] == list(result.added)
    assert len({line.subscription_id for line in result.added}) == 2
    assert result.after.quantity == 7


def test_a_later_through_compares_more_lines() -> None:
    day = D(2024, 1, 20)
    result = preview(e3(), [], ChangeQuantity(on=day, quantity=12), at=at(day), through=D(2024, 2, 10))
    assert D(2024, 2, 10) == result.through
    assert [line.charge_type for line in result.removed] == [ChargeType.CYCLE_CHARGE]
    assert result.added[-1].quantity == 12


def test_the_change_comes_after_the_events_of_its_day() -> None:
    day = D(2024, 1, 20)
    history = [ChangeQuantity(on=day, quantity=15)]
    result = preview(e3(), history, ChangeQuantity(on=day, quantity=12), at=at(day))
    assert (result.before.quantity, result.after.quantity) == (15, 12)
    assert all(line.charge_type is ChargeType.REMOVE_QUANTITY for line in result.added)


def test_several_subscriptions_are_previewed_on_one_calendar() -> None:
    other = Subscription(
        id="t",
        product="Microsoft 365 E5",
        start=D(2024, 2, 1),
        term="P1Y",
        frequency="monthly",
        quantity=4,
        unit_price=Money("57.00", "USD"),
    )
    day = D(2024, 2, 3)
    result = preview([e3(), other], [], ChangeQuantity(on=day, quantity=6, subscription="t"), at=at(day))
    assert result.subscription == "t"
    assert {"t"} == {line.subscription_id for line in result.added}
