"""A trial's seats can join an existing subscription (``create-a-new-subscription.md``, "Manage trials for
new commerce license-based subscriptions" and "Midterm trial conversion"): the existing subscription keeps
its term, billing frequency and price, and must end on or after the trial's end date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import (
    ConvertTrial,
    CotermRefused,
    EndReason,
    ScheduleChange,
    Subscription,
    TrialRestriction,
    lifecycle,
)
from cspcore.errors import ErrorCode

D = dt.date
JANUARY_10 = D(2024, 1, 10)


def trial() -> Subscription:
    return Subscription(
        id="trial",
        product="Dynamics 365 Guides",
        start=D(2024, 5, 1),
        term="P1M",
        frequency="none",
        quantity=25,
        unit_price=Money(0, "EUR"),
        trial=True,
    )


def paid(start: dt.date = JANUARY_10, term: str = "P1Y") -> Subscription:
    return Subscription(
        id="paid",
        product="Dynamics 365 Guides",
        start=start,
        term=term,  # type: ignore[arg-type]
        frequency="monthly",
        quantity=10,
        unit_price=Money("65.00", "EUR"),
    )


def test_the_trials_seats_join_the_existing_subscription_at_its_price_to_its_cycle_end() -> None:
    result = lifecycle(
        [trial(), paid()],
        [ConvertTrial(on=D(2024, 5, 20), into="paid", subscription="trial")],
        through=D(2024, 5, 31),
    )
    joined = [line for line in result.lines if line.charge_type.value == "convert"]
    refund, charge = joined
    assert (refund.subscription_id, refund.subtotal.amount) == ("trial", Decimal(0))
    # the existing subscription's cycle runs May 10 - June 9 (31 days); 21 days from May 20
    assert (charge.subscription_id, charge.charge_start, charge.charge_end) == (
        "paid",
        D(2024, 5, 20),
        D(2024, 6, 9),
    )
    assert charge.effective_unit_price.amount.quantize(Decimal("0.0001")) == Decimal(
        "44.0323"
    )  # 65 / 31 x 21
    assert (charge.quantity, charge.subtotal.amount) == (Decimal(25), Decimal("1100.75"))  # 44.03 x 25
    assert result.states["paid"].quantity == 35
    assert result.states["trial"].end_reason is EndReason.MOVED


def test_a_subscription_that_ends_before_the_trial_cannot_take_its_seats() -> None:
    ending = paid(start=D(2024, 5, 3), term="P1M")  # ends June 2; the trial ends May 30 - fine
    lifecycle(
        [trial(), ending],
        [ConvertTrial(on=D(2024, 5, 4), into="paid", subscription="trial")],
        through=D(2024, 5, 4),
    )
    early = paid(start=D(2024, 4, 20), term="P1M")  # ends May 19, before the trial's May 30
    with pytest.raises(TrialRestriction) as caught:
        lifecycle(
            [trial(), early],
            [ConvertTrial(on=D(2024, 5, 4), into="paid", subscription="trial")],
            through=D(2024, 5, 4),
        )
    assert [reason.code for reason in caught.value.reasons] == ["billing.trial.target_ends_earlier"]


def test_a_conversion_names_either_a_price_or_an_existing_subscription() -> None:
    with raises_invalid(field="unit_price", code=ErrorCode.MISSING):
        ConvertTrial(on=D(2024, 5, 4))
    with raises_invalid(field="unit_price", code=ErrorCode.NOT_ALLOWED):
        ConvertTrial(on=D(2024, 5, 4), unit_price=Money(1, "EUR"), into="paid")


def test_the_existing_subscription_must_be_replayed_with_the_trial() -> None:
    with raises_invalid(field="events[0].into", code=ErrorCode.UNKNOWN_REFERENCE):
        lifecycle(trial(), [ConvertTrial(on=D(2024, 5, 4), into="elsewhere")], through=D(2024, 5, 4))


def test_a_monthly_next_term_cannot_end_on_the_28th_to_30th_unless_the_month_ends_there() -> None:
    sub = Subscription(
        id="m",
        product="Microsoft 365 E3",
        start=D(2024, 5, 10),
        term="P1M",
        frequency="monthly",
        quantity=1,
        unit_price=Money("36.00", "EUR"),
    )
    with pytest.raises(CotermRefused) as caught:
        lifecycle(sub, [ScheduleChange(on=D(2024, 5, 12), end=D(2024, 6, 29))], through=D(2024, 5, 31))
    assert [reason.code for reason in caught.value.reasons] == ["billing.coterm.monthly_day"]
    ok = lifecycle(sub, [ScheduleChange(on=D(2024, 5, 12), end=D(2024, 6, 30))], through=D(2024, 6, 10))
    assert ok.states["m"].term_end == D(2024, 6, 30)
