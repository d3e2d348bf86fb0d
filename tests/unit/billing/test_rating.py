from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest
from tests.refusals import raises_invalid

from cspcore import CurrencyMismatch, Money
from cspcore.billing import (
    BillingFrequency,
    BillingPlanChangeRefused,
    Cancel,
    CancellationWindowClosed,
    ChangeBillingPlan,
    ChangeQuantity,
    ConvertTrial,
    PriceChange,
    ProrationRounding,
    QuantityOutOfRange,
    SeatReductionWindowClosed,
    Subscription,
    SubscriptionInactive,
    Term,
    TermDowngradeRefused,
    TrialRestriction,
    Upgrade,
    UpgradeRefused,
    rate,
)
from cspcore.errors import ErrorCode
from cspcore.i18n import SUPPORTED_LOCALES, render

if TYPE_CHECKING:
    from cspcore.billing import Event

D = dt.date
UTC = dt.UTC


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


def monthly(start: dt.date = dt.date(2024, 3, 10), quantity: int = 10, **changes: object) -> Subscription:
    sub = Subscription(
        id="sub",
        product="Microsoft 365 E3",
        start=start,
        term=Term.P1Y,
        frequency=BillingFrequency.MONTHLY,
        quantity=quantity,
        unit_price=eur("36.00"),
    )
    return attrs.evolve(sub, **changes)  # type: ignore[arg-type]


def trial() -> Subscription:
    return Subscription(
        id="trial",
        product="Dynamics 365 Guides",
        start=D(2024, 5, 1),
        term=Term.P1M,
        frequency=BillingFrequency.NONE,
        quantity=25,
        unit_price=eur(0),
        trial=True,
    )


def types(lines: tuple[object, ...]) -> list[str]:
    return [line.charge_type.value for line in lines]  # type: ignore[attr-defined]


# -- renewals and prices ------------------------------------------------------------------------


def test_a_renewal_opens_a_new_term_with_a_renew_line_and_keeps_the_price() -> None:
    sub = monthly()
    lines = rate(sub, [], through=D(2025, 3, 10))
    assert types(lines) == ["new"] + ["cycleCharge"] * 11 + ["renew"]
    assert (D(2025, 3, 10), D(2026, 3, 9)) == (lines[-1].subscription_start, lines[-1].subscription_end)
    assert eur("360.00") == lines[-1].total


def test_a_price_change_waits_for_the_renewal() -> None:
    sub = monthly()
    lines = rate(sub, [PriceChange(on=D(2024, 6, 1), unit_price=eur("40.00"))], through=D(2025, 3, 10))
    assert {eur("36.00")} == {line.unit_price for line in lines[:-1]}
    assert eur("40.00") == lines[-1].unit_price
    assert eur("400.00") == lines[-1].total


def test_a_price_change_after_a_renewal_waits_for_the_next_one() -> None:
    sub = attrs.evolve(monthly(), term=Term.P1M)
    events = [
        PriceChange(on=D(2024, 3, 20), unit_price=eur("40.00")),
        PriceChange(on=D(2024, 4, 20), unit_price=eur("44.00")),
    ]
    lines = rate(sub, events, through=D(2024, 5, 10))
    assert [eur("360.00"), eur("400.00"), eur("440.00")] == [line.total for line in lines]


def test_a_partial_upgrade_target_renews_at_its_own_price() -> None:
    sub = attrs.evolve(monthly(), term=Term.P1M)
    events: list[Event] = [
        Upgrade(on=D(2024, 3, 20), product="E5", unit_price=eur("57.00"), quantity=4, subscription_id="e5"),
        PriceChange(on=D(2024, 3, 25), unit_price=eur("40.00")),
    ]
    lines = rate(sub, events, through=D(2024, 4, 10))
    renewals = {line.subscription_id: line.total for line in lines if line.charge_type.value == "renew"}
    assert {"sub": eur("240.00"), "e5": eur("228.00")} == renewals


def test_a_subscription_without_auto_renew_ends_with_its_term() -> None:
    sub = monthly(auto_renew=False)
    lines = rate(sub, [], through=D(2026, 1, 1))
    assert len(lines) == 12
    with pytest.raises(SubscriptionInactive) as caught:
        rate(sub, [ChangeQuantity(on=D(2025, 4, 1), quantity=12)], through=D(2026, 1, 1))
    assert caught.value.reasons[0].code == "billing.subscription.inactive"


def test_lines_after_through_are_not_produced_and_later_events_are_not_examined() -> None:
    sub = monthly()
    lines = rate(sub, [ChangeQuantity(on=D(2024, 9, 1), quantity=1)], through=D(2024, 4, 30))
    assert types(lines) == ["new", "cycleCharge"]
    assert rate(sub, [], through=D(2024, 3, 9)) == ()


def test_line_total_rounding_truncates_the_line_and_unit_price_first_the_price() -> None:
    sub = monthly(quantity=3, unit_price=eur("10.00"))
    event = [ChangeQuantity(on=D(2024, 3, 20), quantity=7)]
    first = rate(sub, event, through=D(2024, 3, 20), rounding=ProrationRounding.UNIT_PRICE_FIRST)
    second = rate(sub, event, through=D(2024, 3, 20), rounding=ProrationRounding.LINE_TOTAL)
    # 10.00 / 31 * 21 = 6.7741...: 6.77 * 7 = 47.39 against ROUNDDOWN(47.419..., 2) = 47.41
    assert eur("47.39") == first[-1].total
    assert eur("47.41") == second[-1].total


def test_currencies_without_minor_units_round_to_whole_units() -> None:
    sub = monthly(unit_price=Money(1000, "JPY"), quantity=1)
    lines = rate(sub, [ChangeQuantity(on=D(2024, 3, 20), quantity=2)], through=D(2024, 3, 20))
    assert Money(677, "JPY") == lines[-1].total / 2


# -- seat changes --------------------------------------------------------------------------------


def test_seats_added_later_can_be_removed_within_their_own_seven_days() -> None:
    sub = monthly()
    events: list[Event] = [
        ChangeQuantity(on=D(2024, 4, 1), quantity=15),
        ChangeQuantity(on=D(2024, 4, 8), quantity=10),
    ]
    lines = rate(sub, events, through=D(2024, 4, 8))
    assert types(lines)[-2:] == ["removeQuantity", "removeQuantity"]


def test_seats_added_more_than_seven_days_ago_cannot_be_removed() -> None:
    sub = monthly()
    events: list[Event] = [
        ChangeQuantity(on=D(2024, 4, 1), quantity=15),
        ChangeQuantity(on=D(2024, 4, 9), quantity=9),
    ]
    with pytest.raises(SeatReductionWindowClosed) as caught:
        rate(sub, events, through=D(2024, 4, 30))
    reason = caught.value.reasons[0]
    assert (reason.params["requested"], reason.params["reducible"]) == (6, 0)
    assert reason.source is not None
    assert reason.source.document == "create-a-new-subscription.md"
    for locale in SUPPORTED_LOCALES:
        assert "6" in render(reason, locale=locale)


@pytest.mark.parametrize("quantity", [0, -1, 301])
def test_seat_counts_outside_one_to_the_maximum_are_refused(quantity: int) -> None:
    sub = monthly(max_quantity=300)
    with pytest.raises(QuantityOutOfRange) as caught:
        rate(sub, [ChangeQuantity(on=D(2024, 3, 11), quantity=quantity)], through=D(2024, 4, 1))
    assert caught.value.reasons[0].code == "billing.seats.out_of_range"


def test_a_trial_cannot_change_its_seat_count_or_be_upgraded() -> None:
    with pytest.raises(TrialRestriction) as caught:
        rate(trial(), [ChangeQuantity(on=D(2024, 5, 2), quantity=30)], through=D(2024, 5, 31))
    assert caught.value.reasons[0].code == "billing.trial.quantity_locked"
    upgrade = Upgrade(on=D(2024, 5, 2), product="X", unit_price=eur(1))
    with pytest.raises(TrialRestriction):
        rate(trial(), [upgrade], through=D(2024, 5, 31))


def test_a_trial_with_auto_renew_off_ends_after_thirty_days() -> None:
    lines = rate(attrs.evolve(trial(), auto_renew=False), [], through=D(2024, 8, 1))
    assert types(lines) == ["new"]
    assert D(2024, 5, 30) == lines[0].charge_end


def test_a_trial_with_auto_renew_on_becomes_paid_the_day_after_it_ends() -> None:
    sub = attrs.evolve(trial(), paid_unit_price=eur("52.61"))
    lines = rate(sub, [], through=D(2024, 7, 1))
    assert types(lines) == ["new", "renew", "cycleCharge"]
    renewal = lines[1]
    # a cycle that starts on the 31st ends on the 29th of a 30-day month (the month-end rule)
    assert (renewal.charge_start, renewal.charge_end) == (D(2024, 5, 31), D(2024, 6, 29))
    assert (renewal.subtotal.amount, renewal.quantity, renewal.qualifiers) == (
        Decimal("1315.25"),
        Decimal(25),
        (),
    )
    assert renewal.subscription_end == D(2025, 5, 30)  # a year billed monthly by default


def test_a_trial_that_would_become_paid_needs_its_paid_price() -> None:
    rate(trial(), [], through=D(2024, 5, 30))  # still a trial: nothing needed
    with raises_invalid(field="paid_unit_price", code=ErrorCode.MISSING):
        rate(trial(), [], through=D(2024, 5, 31))


def test_a_trial_converts_with_at_least_its_seats() -> None:
    lines = rate(
        trial(), [ConvertTrial(on=D(2024, 5, 2), unit_price=eur("10.00"), quantity=30)], through=D(2024, 5, 2)
    )
    assert [Decimal(25), Decimal(25), Decimal(30)] == [line.quantity for line in lines]
    with pytest.raises(QuantityOutOfRange):
        rate(
            trial(),
            [ConvertTrial(on=D(2024, 5, 2), unit_price=eur("10.00"), quantity=20)],
            through=D(2024, 5, 2),
        )


def test_only_a_trial_can_be_converted() -> None:
    with pytest.raises(TrialRestriction) as caught:
        rate(monthly(), [ConvertTrial(on=D(2024, 3, 12), unit_price=eur(50))], through=D(2024, 4, 1))
    assert caught.value.reasons[0].code == "billing.trial.not_a_trial"


def test_a_converted_trial_opens_a_cancellation_window_at_conversion() -> None:
    events: list[Event] = [
        ConvertTrial(on=D(2024, 5, 10), unit_price=eur("30.00")),
        Cancel(at=dt.datetime(2024, 5, 12, tzinfo=UTC)),
    ]
    lines = rate(trial(), events, through=D(2024, 5, 31))
    assert types(lines) == ["new", "convert", "convert", "cancelImmediate"]
    assert D(2024, 6, 9) == lines[-1].charge_end


# -- cancellation --------------------------------------------------------------------------------


def test_a_cancellation_within_24_hours_refunds_everything_charged() -> None:
    sub = monthly(purchased_at=dt.datetime(2024, 3, 10, 20, tzinfo=UTC))
    events: list[Event] = [
        ChangeQuantity(on=D(2024, 3, 11), quantity=12),
        Cancel(at=dt.datetime(2024, 3, 11, 10, tzinfo=UTC)),
    ]
    lines = rate(sub, events, through=D(2024, 3, 31))
    assert Decimal(0) == sum(line.subtotal.amount for line in lines)
    assert (D(2024, 3, 10), D(2024, 4, 9)) == (lines[-1].charge_start, lines[-1].charge_end)


def test_a_cancellation_after_seven_days_is_refused_with_its_reason() -> None:
    with pytest.raises(CancellationWindowClosed) as caught:
        rate(monthly(), [Cancel(at=dt.datetime(2024, 3, 17, tzinfo=UTC))], through=D(2024, 3, 31))
    assert caught.value.reasons[0].code == "billing.cancel.window_closed"


def test_a_renewal_reopens_the_cancellation_window() -> None:
    sub = monthly()
    lines = rate(sub, [Cancel(at=dt.datetime(2025, 3, 12, tzinfo=UTC))], through=D(2025, 3, 31))
    assert types(lines)[-2:] == ["renew", "cancelImmediate"]
    assert eur("-336.70") == lines[-1].total  # 36.00 / 31 * 29 = 33.677...: 33.67 * 10


def test_nothing_happens_to_a_cancelled_subscription() -> None:
    events: list[Event] = [
        Cancel(at=dt.datetime(2024, 3, 12, tzinfo=UTC)),
        ChangeQuantity(on=D(2024, 3, 13), quantity=11),
    ]
    with pytest.raises(SubscriptionInactive):
        rate(monthly(), events, through=D(2024, 3, 31))
    lines = rate(monthly(), events[:1], through=D(2025, 6, 1))
    assert types(lines) == ["new", "cancelImmediate"]


# -- upgrades ------------------------------------------------------------------------------------


def test_an_upgrade_into_an_existing_subscription_moves_quantity() -> None:
    event = Upgrade(
        on=D(2024, 3, 20),
        product="Microsoft 365 E5",
        unit_price=eur("57.00"),
        quantity=4,
        subscription_id="e5",
        into_existing=True,
    )
    lines = rate(monthly(), [event], through=D(2024, 4, 30))
    assert types(lines)[1:3] == ["moveQuantity", "moveQuantity"]
    assert [line.subscription_id for line in lines[1:3]] == ["sub", "e5"]
    assert Decimal(6) == lines[-1].quantity  # the next cycle charges the 6 seats left


def test_moving_every_seat_into_an_existing_subscription_leaves_nothing_to_charge() -> None:
    event = Upgrade(
        on=D(2024, 3, 20),
        product="Microsoft 365 E5",
        unit_price=eur("57.00"),
        subscription_id="e5",
        into_existing=True,
    )
    lines = rate(monthly(), [event], through=D(2025, 6, 1))
    assert types(lines) == ["new", "moveQuantity", "moveQuantity"]
    assert [line.subscription_id for line in lines] == ["sub", "sub", "e5"]
    with pytest.raises(SubscriptionInactive):
        rate(monthly(), [event, ChangeQuantity(on=D(2024, 3, 21), quantity=3)], through=D(2024, 4, 1))


def test_a_partial_upgrade_without_an_id_gets_a_derived_one() -> None:
    event = Upgrade(on=D(2024, 3, 20), product="Microsoft 365 E5", unit_price=eur("57.00"), quantity=4)
    lines = rate(monthly(), [event], through=D(2024, 3, 20))
    assert lines[-1].subscription_id == "sub/upgrade/2024-03-20"


def test_an_upgrade_to_a_longer_term_starts_a_new_term() -> None:
    sub = Subscription(
        id="m",
        product="Microsoft 365 E3",
        start=D(2024, 3, 10),
        term=Term.P1M,
        frequency=BillingFrequency.MONTHLY,
        quantity=2,
        unit_price=eur("43.20"),
    )
    event = Upgrade(on=D(2024, 3, 20), product="Microsoft 365 E3", unit_price=eur("36.00"), term=Term.P1Y)
    lines = rate(sub, [event], through=D(2024, 4, 20))
    assert types(lines) == ["new", "convert", "convert", "cycleCharge"]
    annual = attrs.evolve(event, frequency=BillingFrequency.ANNUAL, unit_price=eur("432.00"))
    upfront = rate(sub, [annual], through=D(2024, 4, 20))
    assert types(upfront) == ["new", "convert", "convert"]
    assert (eur("864.00"), D(2025, 3, 19)) == (upfront[-1].total, upfront[-1].charge_end)
    assert (D(2024, 3, 20), D(2025, 3, 19)) == (lines[-1].subscription_start, lines[-1].subscription_end)
    assert eur("72.00") == lines[2].total


def test_an_upgrade_to_a_shorter_term_is_refused() -> None:
    event = Upgrade(on=D(2024, 3, 20), product="X", unit_price=eur(1), term=Term.P1M)
    with pytest.raises(TermDowngradeRefused) as caught:
        rate(monthly(), [event], through=D(2024, 4, 1))
    assert caught.value.reasons[0].code == "billing.term.downgrade"


def test_upgrading_more_seats_than_the_subscription_has_is_refused() -> None:
    event = Upgrade(on=D(2024, 3, 20), product="X", unit_price=eur(1), quantity=11)
    with pytest.raises(UpgradeRefused):
        rate(monthly(), [event], through=D(2024, 4, 1))


# -- billing plan changes ------------------------------------------------------------------------


def test_billing_plan_changes_are_refused_where_partner_center_refuses_them() -> None:
    with pytest.raises(BillingPlanChangeRefused) as caught:
        rate(
            monthly(),
            [ChangeBillingPlan(on=D(2024, 4, 1), frequency="annual", unit_price=eur(400))],
            through=D(2024, 5, 1),
        )
    assert caught.value.reasons[0].params["term"] is Term.P1Y


def test_a_billing_plan_change_in_the_last_cycle_applies_at_renewal() -> None:
    sub = Subscription(
        id="c",
        product="Dynamics 365 Commerce",
        start=D(2021, 9, 20),
        term=Term.P3Y,
        frequency=BillingFrequency.ANNUAL,
        quantity=1,
        unit_price=eur(250),
    )
    lines = rate(
        sub,
        [ChangeBillingPlan(on=D(2023, 10, 1), frequency="monthly", unit_price=eur(20))],
        through=D(2024, 9, 20),
    )
    assert types(lines) == ["new", "cycleCharge", "cycleCharge", "renew"]
    assert (eur(20), "Monthly") == (lines[-1].total, lines[-1].billing_frequency)


def test_seat_changes_after_a_monthly_to_annual_change_prorate_what_was_charged() -> None:
    sub = Subscription(
        id="c",
        product="Dynamics 365 Commerce",
        start=D(2021, 9, 20),
        term=Term.P3Y,
        frequency=BillingFrequency.MONTHLY,
        quantity=10,
        unit_price=eur(20),
    )
    events: list[Event] = [
        ChangeBillingPlan(on=D(2021, 9, 21), frequency="annual", unit_price=eur(250)),
        ChangeQuantity(on=D(2021, 10, 20), quantity=11),
        ChangeQuantity(on=D(2022, 3, 1), quantity=12),
    ]
    lines = rate(sub, events, through=D(2022, 3, 1))
    charged, refund, recharge = lines[1:4]
    assert eur("2291.60") == charged.total  # 10 seats at 250 * 11/12 = 229.16
    assert -charged.total == refund.total  # a refund from the first day returns exactly the charge
    assert eur("2520.76") == recharge.total  # 11 seats at 229.16
    # March 1 - September 19, 2022 is 203 of the 335 days: 250 * 11/12 * 203/335 = 138.86...
    assert [eur("-1527.46"), eur("1666.32")] == [line.total for line in lines[4:]]


def test_setting_the_seat_count_it_already_has_makes_no_lines() -> None:
    # Partner Center creates no order when the quantity does not change, so nothing is charged or refunded.
    sub = Subscription(
        id="c",
        product="Dynamics 365 Commerce",
        start=D(2021, 9, 20),
        term=Term.P1Y,
        frequency=BillingFrequency.MONTHLY,
        quantity=10,
        unit_price=eur(20),
    )
    unchanged = rate(sub, [ChangeQuantity(on=D(2021, 10, 1), quantity=10)], through=D(2021, 11, 1))
    assert rate(sub, [], through=D(2021, 11, 1)) == unchanged


def test_a_billing_plan_change_forgets_the_old_plan_list_price() -> None:
    sub = Subscription(
        id="c",
        product="Dynamics 365 Commerce",
        start=D(2021, 9, 20),
        term=Term.P3Y,
        frequency=BillingFrequency.ANNUAL,
        quantity=1,
        unit_price=eur(250),
    )
    events: list[Event] = [
        PriceChange(on=D(2022, 1, 1), unit_price=eur(260)),
        ChangeBillingPlan(on=D(2024, 9, 1), frequency="monthly", unit_price=eur(21)),
    ]
    lines = rate(sub, events, through=D(2024, 9, 20))
    assert eur(21) == lines[-1].total


# -- bad input -----------------------------------------------------------------------------------


def test_bad_arguments_are_refused_naming_the_field() -> None:
    with raises_invalid(field="subscription", code=ErrorCode.WRONG_TYPE):
        rate("sub", [], through=D(2024, 1, 1))  # type: ignore[arg-type]
    with raises_invalid(field="events", code=ErrorCode.WRONG_TYPE):
        rate(monthly(), "events", through=D(2024, 1, 1))  # type: ignore[arg-type]
    with raises_invalid(field="events[0]", code=ErrorCode.WRONG_TYPE):
        rate(monthly(), [object()], through=D(2024, 1, 1))  # type: ignore[list-item]
    with raises_invalid(field="events[0]", code=ErrorCode.INCONSISTENT):
        rate(monthly(), [ChangeQuantity(on=D(2024, 1, 1), quantity=3)], through=D(2024, 6, 1))
    with raises_invalid(
        field="events[0].unit_price", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch
    ) as caught:
        rate(monthly(), [PriceChange(on=D(2024, 4, 1), unit_price=Money(1, "USD"))], through=D(2024, 6, 1))
    assert caught.value.field == "events[0].unit_price"
    with raises_invalid(field="through", code=ErrorCode.WRONG_TYPE):
        rate(monthly(), [], through=dt.datetime(2024, 1, 1, tzinfo=UTC))
    with raises_invalid(field="rounding", code=ErrorCode.UNKNOWN_VALUE):
        rate(monthly(), [], through=D(2024, 6, 1), rounding="nearest")  # type: ignore[arg-type]


def test_events_refuse_bad_values() -> None:
    with raises_invalid(field="on", code=ErrorCode.WRONG_TYPE):
        ChangeQuantity(on=dt.datetime(2024, 1, 1, tzinfo=UTC), quantity=3)
    with raises_invalid(field="quantity", code=ErrorCode.WRONG_TYPE):
        ChangeQuantity(on=D(2024, 1, 1), quantity=1.5)  # type: ignore[arg-type]
    with raises_invalid(field="at", code=ErrorCode.NAIVE_DATETIME):
        Cancel(at=dt.datetime(2024, 1, 1))  # noqa: DTZ001 - a naive datetime, refused
    with raises_invalid(field="unit_price", code=ErrorCode.OUT_OF_RANGE):
        PriceChange(on=D(2024, 1, 1), unit_price=eur(-1))
    with raises_invalid(field="frequency", code=ErrorCode.NOT_ALLOWED):
        ConvertTrial(on=D(2024, 1, 1), unit_price=eur(1), term=Term.P1M, frequency=BillingFrequency.ANNUAL)
    with raises_invalid(field="unit_price", code=ErrorCode.WRONG_TYPE):
        ChangeBillingPlan(on=D(2024, 1, 1), frequency="monthly", unit_price=20)  # type: ignore[arg-type]
    with raises_invalid(field="frequency", code=ErrorCode.MISSING):
        Upgrade(on=D(2024, 1, 1), product="X", unit_price=eur(1), frequency="annual")
    with raises_invalid(field="frequency", code=ErrorCode.NOT_ALLOWED):
        Upgrade(on=D(2024, 1, 1), product="X", unit_price=eur(1), term="P1M", frequency="annual")
