"""Seats that leave a subscription without a recharge on it are gone at the end of the period.

``common-billing-scenarios-onetime-recurring.md``: a seat change refunds the old count and charges the
new one on the same subscription, but a partial upgrade's source ("The base subscription seats are
calculated by subtracting the billable quantity of the "convert" charge type from the "new" charge
type"), a move into an existing subscription and a cancellation only refund. A trial's ``convert``
line of zero is its refund ("Since it's a trial, there's no refund"), and a zero ``cancelImmediate``
(a free trial cancelled) refunds too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

from tests.refusals import raises_invalid

from cspcore import ErrorCode, Money
from cspcore.billing import ChargeLine
from cspcore.interop import seats_at_period_end

if TYPE_CHECKING:
    from cspcore.billing.charges import ChargeTypeSpelling


def seat(
    day: int,
    kind: ChargeTypeSpelling,
    price: str,
    quantity: int,
    subscription: str = "base",
    *,
    qualifiers: tuple[str, ...] = (),
) -> ChargeLine:
    """A June 2021 line of ``subscription`` ordered on ``day``; a negative price makes a refund."""
    return ChargeLine(
        order_date=dt.date(2021, 6, day),
        charge_type=kind,
        product="Microsoft 365 Business Standard",
        subscription_id=subscription,
        unit_price=Money("10.08", "EUR"),
        effective_unit_price=Money(price, "EUR"),
        quantity=quantity,
        subtotal=(Money(price, "EUR") * quantity).round(),
        charge_start=dt.date(2021, 6, day),
        charge_end=dt.date(2021, 7, 17),
        qualifiers=qualifiers,
    )


def test_a_partial_upgrades_source_keeps_the_seats_it_did_not_upgrade() -> None:
    lines = [
        seat(25, "convert", "-7.72", 100),
        seat(25, "convert", "4.92", 100, "upgraded"),
        seat(18, "new", "10.08", 300),
    ]
    assert seats_at_period_end(lines) == {"base": Decimal(200), "upgraded": Decimal(100)}


def test_a_partial_upgrade_on_the_purchase_day_leaves_the_rest() -> None:
    lines = [seat(18, "new", "10.08", 300), seat(18, "convert", "-10.08", 100)]
    assert seats_at_period_end(lines) == {"base": Decimal(200)}


def test_a_cancelled_subscription_has_no_seats_left() -> None:
    lines = [seat(18, "new", "10.08", 10), seat(20, "cancelImmediate", "-9.40", 10)]
    assert seats_at_period_end(lines) == {"base": Decimal(0)}


def test_a_subscription_cancelled_on_its_purchase_day_has_no_seats_left() -> None:
    lines = [seat(18, "cancelImmediate", "-10.08", 10), seat(18, "new", "10.08", 10)]
    assert seats_at_period_end(lines) == {"base": Decimal(0)}


def test_seats_moved_into_an_existing_subscription_leave_the_source_and_join_its_count() -> None:
    lines = [
        seat(1, "cycleCharge", "10.08", 300),
        seat(1, "renew", "6.43", 10, "destination"),
        seat(20, "moveQuantity", "-2.35", 100),
        seat(20, "moveQuantity", "1.50", 100, "destination"),
    ]
    assert seats_at_period_end(lines) == {"base": Decimal(200), "destination": Decimal(110)}


def test_without_a_base_charge_a_later_refund_is_taken_off_the_last_count() -> None:
    lines = [
        seat(9, "addQuantity", "-5.00", 10),
        seat(9, "addQuantity", "5.00", 15),
        seat(12, "convert", "-4.00", 5),
    ]
    assert seats_at_period_end(lines) == {"base": Decimal(10)}


def test_a_trials_zero_convert_line_is_its_refund() -> None:
    trial = ("Trial",)
    lines = [
        seat(25, "new", "0", 25, "guides", qualifiers=trial),
        seat(25, "convert", "0", 25, "guides", qualifiers=trial),
        seat(25, "convert", "52.61", 25, "guides"),
    ]
    assert seats_at_period_end(lines) == {"guides": Decimal(25)}


def test_a_free_trial_cancelled_has_no_seats_left() -> None:
    lines = [
        seat(10, "new", "0", 11, "saas", qualifiers=("Trial",)),
        seat(10, "cancelImmediate", "0", 11, "saas"),
    ]
    assert seats_at_period_end(lines) == {"saas": Decimal(0)}


def test_lines_that_refund_more_seats_than_they_charge_are_refused() -> None:
    lines = [seat(18, "new", "10.08", 10), seat(20, "cancelImmediate", "-9.40", 12)]
    with raises_invalid(field="lines", code=ErrorCode.INCONSISTENT) as caught:
        seats_at_period_end(lines)
    assert caught.value.value == Decimal(-2)  # the count the lines would leave


def test_a_line_priced_above_zero_charges_even_when_its_amount_rounds_to_nothing() -> None:
    # three seats added at a tenth of a cent each: 0.003 EUR, billed as 0.00; the price's sign decides
    tiny = seat(20, "addQuantity", "0.001", 3)
    assert tiny.subtotal == Money(0, "EUR")
    assert seats_at_period_end([seat(18, "new", "10.08", 10), tiny]) == {"base": Decimal(13)}


def test_a_cycle_charged_under_a_new_billing_plan_starts_the_count_again() -> None:
    lines = [seat(1, "new", "20", 10), seat(30, "changeBillingPlan", "229.16", 10)]
    assert seats_at_period_end(lines) == {"base": Decimal(10)}


def test_a_longer_trial_period_starts_the_count_again() -> None:
    trial = ("Trial",)
    lines = [seat(1, "new", "0", 25, qualifiers=trial), seat(20, "extendTerm", "0", 25, qualifiers=trial)]
    assert seats_at_period_end(lines) == {"base": Decimal(25)}


def test_a_zero_convert_line_of_a_paid_subscription_charges() -> None:
    # seats upgraded into a product that costs nothing: the new subscription's line has no sign and
    # no trial qualifier, so it is the charge of the seats it received
    lines = [
        seat(18, "new", "10.08", 10),
        seat(25, "convert", "-7.72", 4),
        seat(25, "convert", "0", 4, "free"),
    ]
    assert seats_at_period_end(lines) == {"base": Decimal(6), "free": Decimal(4)}
