"""Rating's refusals: bad events and arguments by field and message, forbidden actions by whole reason."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
import pytest

from cspcore import InvalidInput, Money, RuleViolation
from cspcore.billing import (
    BillingFrequency,
    BillingPlanChangeRefused,
    Cancel,
    ChangeBillingPlan,
    ChangeQuantity,
    ConvertTrial,
    PriceChange,
    QuantityOutOfRange,
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
from cspcore.explain import Reason, Source

if TYPE_CHECKING:
    from collections.abc import Callable

    from cspcore.billing import Event

D = dt.date
UTC = dt.UTC
FREQUENCIES = "monthly, annual, triennial, none"
TRIALS = Source(
    document="create-a-new-subscription.md",
    section="Manage trials for new commerce license-based subscriptions",
)


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


def annual_term(**changes: object) -> Subscription:
    fields: dict[str, object] = {
        "id": "sub",
        "product": "Microsoft 365 E3",
        "start": D(2024, 3, 10),
        "term": Term.P1Y,
        "frequency": BillingFrequency.MONTHLY,
        "quantity": 10,
        "unit_price": eur("36.00"),
    }
    fields.update(changes)
    return Subscription(**fields)  # type: ignore[arg-type]


def trial(**changes: object) -> Subscription:
    fields: dict[str, object] = {
        "id": "trial",
        "product": "Dynamics 365 Guides",
        "start": D(2024, 5, 1),
        "term": Term.P1M,
        "frequency": BillingFrequency.NONE,
        "quantity": 25,
        "unit_price": eur(0),
        "trial": True,
    }
    fields.update(changes)
    return Subscription(**fields)  # type: ignore[arg-type]


def upgrade(**changes: object) -> Upgrade:
    fields: dict[str, object] = {
        "on": D(2024, 3, 20),
        "product": "Microsoft 365 E5",
        "unit_price": eur("57.00"),
    }
    fields.update(changes)
    return Upgrade(**fields)  # type: ignore[arg-type]


# -- events --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "field", "code"),
    [
        (
            lambda: ChangeQuantity(on="2024-01-01", quantity=3),  # type: ignore[arg-type]
            "on",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: ChangeQuantity(on=D(2024, 1, 1), quantity="3"), "quantity", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
        (
            lambda: ChangeBillingPlan(on=D(2024, 1, 1), frequency="weekly", unit_price=eur(1)),  # type: ignore[arg-type]
            "frequency",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: ConvertTrial(on=D(2024, 1, 1), unit_price=eur(1), term="P2Y"),  # type: ignore[arg-type]
            "term",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: ConvertTrial(on=D(2024, 1, 1), unit_price=eur(1), frequency="weekly"),  # type: ignore[arg-type]
            "frequency",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: PriceChange(on=D(2024, 1, 1), unit_price=5),  # type: ignore[arg-type]
            "unit_price",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: PriceChange(on=D(2024, 1, 1), unit_price=eur(-1)),
            "unit_price",
            ErrorCode.OUT_OF_RANGE,
        ),
        (lambda: upgrade(quantity=0), "quantity", ErrorCode.OUT_OF_RANGE),
        (
            lambda: upgrade(term="P2Y"),
            "term",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: upgrade(term="P3Y", frequency="weekly"),
            "frequency",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: upgrade(subscription_id=""),
            "subscription_id",
            ErrorCode.EMPTY,
        ),
        (
            lambda: upgrade(frequency="annual"),
            "frequency",
            ErrorCode.MISSING,
        ),
        (
            lambda: upgrade(quantity=2, into_existing=True),
            "subscription_id",
            ErrorCode.MISSING,
        ),
    ],
)
def test_events_refuse_bad_values_naming_the_field_and_the_value(
    build: Callable[[], object], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as refused:
        build()
    assert (field, code) == (refused.value.field, refused.value.code)


def test_an_upgrade_of_every_seat_may_name_no_count_but_not_zero_seats() -> None:
    assert upgrade().quantity is None
    assert upgrade(quantity=1).quantity == 1


# -- rate's arguments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (
            lambda: rate("sub", [], through=D(2024, 4, 1)),  # type: ignore[arg-type]
            "subscription",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: rate(annual_term(), [], through="2024-04-01"),  # type: ignore[arg-type]
            "through",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: rate(annual_term(), [], through=D(2024, 4, 1), rounding="nearest"),  # type: ignore[arg-type]
            "rounding",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: rate(annual_term(), "events", through=D(2024, 4, 1)),  # type: ignore[arg-type]
            "events",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: rate(annual_term(), 5, through=D(2024, 4, 1)),  # type: ignore[arg-type]
            "events",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: rate(
                annual_term(),
                [PriceChange(on=D(2024, 4, 1), unit_price=eur(40)), "x"],  # type: ignore[list-item]
                through=D(2024, 4, 1),
            ),
            "events[1]",
            (ErrorCode.WRONG_TYPE),
        ),
        (
            lambda: rate(
                annual_term(), [ChangeQuantity(on=D(2024, 3, 9), quantity=3)], through=D(2024, 4, 1)
            ),
            "events[0]",
            (ErrorCode.INCONSISTENT),
        ),
        (
            lambda: rate(
                annual_term(),
                [PriceChange(on=D(2024, 4, 1), unit_price=Money(40, "USD"))],
                through=D(2024, 4, 1),
            ),
            "events[0].unit_price",
            ErrorCode.CURRENCY_MISMATCH,
        ),
    ],
)
def test_rate_refuses_bad_arguments_naming_the_field_and_the_value(
    call: Callable[[], object], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as refused:
        call()
    assert (field, code) == (refused.value.field, refused.value.code)


def test_an_event_on_the_first_day_of_the_subscription_is_accepted() -> None:
    lines = rate(annual_term(), [ChangeQuantity(on=D(2024, 3, 10), quantity=12)], through=D(2024, 3, 10))
    assert [line.charge_type.value for line in lines] == ["new", "addQuantity", "addQuantity"]


# -- forbidden actions ---------------------------------------------------------------------------


def refusal(subscription: Subscription, events: list[Event], *, through: dt.date) -> RuleViolation:
    with pytest.raises(RuleViolation) as refused:
        rate(subscription, events, through=through)
    return refused.value


CANCELLED = Cancel(at=dt.datetime(2024, 3, 12, 9, tzinfo=UTC))


@pytest.mark.parametrize(
    "event",
    [
        ChangeQuantity(on=D(2024, 3, 13), quantity=11),
        Cancel(at=dt.datetime(2024, 3, 13, 9, tzinfo=UTC)),
        upgrade(on=D(2024, 3, 13)),
        ChangeBillingPlan(on=D(2024, 3, 13), frequency="annual", unit_price=eur(400)),
    ],
    ids=["seats", "cancel", "upgrade", "plan"],
)
def test_every_change_to_a_cancelled_subscription_is_refused_naming_the_day(event: Event) -> None:
    refused = refusal(annual_term(), [CANCELLED, event], through=D(2024, 3, 31))
    assert isinstance(refused, SubscriptionInactive)
    assert (refused.code, tuple(r.code for r in refused.reasons)) == (
        "subscription_inactive",
        ("billing.subscription.inactive",),
    )
    assert (
        Reason(
            code="billing.subscription.inactive",
            params={"subscription": "sub", "on": D(2024, 3, 13)},
            source=Source(
                document="create-a-new-subscription.md",
                section="Cancel new commerce license-based subscriptions",
            ),
        ),
    ) == refused.reasons


def test_a_trial_cannot_be_converted_after_its_thirty_days_have_ended() -> None:
    # The trial runs May 1-30 and, with auto-renew off, does not become paid by itself.
    refused = refusal(
        attrs.evolve(trial(), auto_renew=False),
        [ConvertTrial(on=D(2024, 5, 31), unit_price=eur("10.00"))],
        through=D(2024, 6, 30),
    )
    assert isinstance(refused, SubscriptionInactive)
    assert (refused.code, tuple(r.code for r in refused.reasons)) == (
        "subscription_inactive",
        ("billing.subscription.inactive",),
    )
    assert {"subscription": "trial", "on": D(2024, 5, 31)} == refused.reasons[0].params


def test_a_trial_that_became_paid_at_its_end_is_no_longer_a_trial_to_convert() -> None:
    refused = refusal(
        attrs.evolve(trial(), paid_unit_price=eur("10.00")),
        [ConvertTrial(on=D(2024, 5, 31), unit_price=eur("10.00"))],
        through=D(2024, 6, 30),
    )
    assert isinstance(refused, TrialRestriction)
    assert [r.code for r in refused.reasons] == ["billing.trial.not_a_trial"]


def test_a_trial_may_still_be_converted_on_its_last_day() -> None:
    lines = rate(trial(), [ConvertTrial(on=D(2024, 5, 30), unit_price=eur("10.00"))], through=D(2024, 5, 30))
    assert [line.charge_type.value for line in lines] == ["new", "convert", "convert"]


def test_a_trials_seat_count_is_locked() -> None:
    refused = refusal(trial(), [ChangeQuantity(on=D(2024, 5, 2), quantity=30)], through=D(2024, 5, 31))
    assert isinstance(refused, TrialRestriction)
    assert (refused.code, tuple(r.code for r in refused.reasons)) == (
        "trial_restriction",
        ("billing.trial.quantity_locked",),
    )
    assert (
        Reason(code="billing.trial.quantity_locked", params={"quantity": 25}, source=TRIALS),
    ) == refused.reasons


def test_a_trial_is_converted_not_upgraded() -> None:
    refused = refusal(trial(), [upgrade(on=D(2024, 5, 2))], through=D(2024, 5, 31))
    assert isinstance(refused, TrialRestriction)
    assert (refused.code, tuple(r.code for r in refused.reasons)) == (
        "trial_restriction",
        ("billing.trial.convert_instead",),
    )
    assert (Reason(code="billing.trial.convert_instead", params={}, source=TRIALS),) == refused.reasons


def test_only_a_trial_can_be_converted_naming_the_subscription() -> None:
    refused = refusal(
        annual_term(), [ConvertTrial(on=D(2024, 3, 12), unit_price=eur(50))], through=D(2024, 4, 1)
    )
    assert isinstance(refused, TrialRestriction)
    assert (refused.code, tuple(r.code for r in refused.reasons)) == (
        "trial_restriction",
        ("billing.trial.not_a_trial",),
    )
    assert (
        Reason(code="billing.trial.not_a_trial", params={"subscription": "sub"}, source=TRIALS),
    ) == refused.reasons


def test_a_trial_converting_with_fewer_seats_is_refused_with_its_bounds() -> None:
    # create-a-new-subscription.md: a midterm conversion cannot go below the trial's 25 licenses.
    refused = refusal(
        trial(max_quantity=300),
        [ConvertTrial(on=D(2024, 5, 2), unit_price=eur("10.00"), quantity=24)],
        through=D(2024, 5, 2),
    )
    assert isinstance(refused, QuantityOutOfRange)
    assert (refused.code, tuple(r.code for r in refused.reasons)) == (
        "quantity_out_of_range",
        ("billing.seats.out_of_range",),
    )
    assert (
        Reason(
            code="billing.seats.out_of_range",
            params={"quantity": 24, "minimum": 25, "maximum": 300},
            source=TRIALS,
        ),
    ) == refused.reasons


@pytest.mark.parametrize(("quantity", "maximum"), [(0, 300), (301, 300), (0, None)])
def test_a_seat_count_outside_the_offer_is_refused_with_its_bounds(
    quantity: int, maximum: int | None
) -> None:
    refused = refusal(
        annual_term(max_quantity=maximum),
        [ChangeQuantity(on=D(2024, 3, 11), quantity=quantity)],
        through=D(2024, 4, 1),
    )
    assert isinstance(refused, QuantityOutOfRange)
    assert (refused.code, tuple(r.code for r in refused.reasons)) == (
        "quantity_out_of_range",
        ("billing.seats.out_of_range",),
    )
    assert (
        Reason(
            code="billing.seats.out_of_range",
            params={"quantity": quantity, "minimum": 1, "maximum": maximum},
            source=Source(document="pricing-and-offers.md"),
        ),
    ) == refused.reasons


@pytest.mark.parametrize("quantity", [1, 300])
def test_the_offers_minimum_and_maximum_seat_counts_are_accepted(quantity: int) -> None:
    lines = rate(
        annual_term(max_quantity=300),
        [ChangeQuantity(on=D(2024, 3, 11), quantity=quantity)],
        through=D(2024, 3, 11),
    )
    assert quantity == lines[-1].quantity


def test_an_upgrade_to_a_shorter_term_is_refused_naming_both_terms() -> None:
    refused = refusal(annual_term(), [upgrade(term=Term.P1M)], through=D(2024, 4, 1))
    assert isinstance(refused, TermDowngradeRefused)
    assert (refused.code, tuple(r.code for r in refused.reasons)) == (
        "term_downgrade_refused",
        ("billing.term.downgrade",),
    )
    assert (
        Reason(
            code="billing.term.downgrade",
            params={"current": Term.P1Y, "requested": Term.P1M},
            source=Source(
                document="create-a-new-subscription.md",
                section=(
                    "Change billing frequency along with billing term and other fields (immediate change)"
                ),
            ),
        ),
    ) == refused.reasons


def test_upgrading_more_seats_than_there_are_is_refused_naming_both_counts() -> None:
    refused = refusal(annual_term(), [upgrade(quantity=11)], through=D(2024, 4, 1))
    assert isinstance(refused, UpgradeRefused)
    assert (refused.code, tuple(r.code for r in refused.reasons)) == (
        "upgrade_refused",
        ("billing.upgrade.quantity",),
    )
    assert (
        Reason(
            code="billing.upgrade.quantity",
            params={"quantity": 11, "available": 10},
            source=Source(
                document="create-a-new-subscription.md",
                section="Upgrade for new commerce license-based subscriptions",
            ),
        ),
    ) == refused.reasons


def test_a_billing_plan_change_partner_center_does_not_offer_is_refused_naming_the_plans() -> None:
    refused = refusal(
        annual_term(),
        [ChangeBillingPlan(on=D(2024, 4, 1), frequency="annual", unit_price=eur(400))],
        through=D(2024, 5, 1),
    )
    assert isinstance(refused, BillingPlanChangeRefused)
    assert (refused.code, tuple(r.code for r in refused.reasons)) == (
        "billing_plan_change_refused",
        ("billing.plan.change_refused",),
    )
    assert (
        Reason(
            code="billing.plan.change_refused",
            params={
                "term": Term.P1Y,
                "current": BillingFrequency.MONTHLY,
                "requested": BillingFrequency.ANNUAL,
            },
            source=Source(
                document="create-a-new-subscription.md",
                section="Change only billing frequency (scheduled change)",
            ),
        ),
    ) == refused.reasons
