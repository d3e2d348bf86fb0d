"""Each refusal of a lifecycle change carries one reason: its code, the values its message needs, and the page
and section of Partner Center's documentation the rule comes from (what a program shows, and links to)."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.lifecycle_subscriptions import START, at, trial
from tests.lifecycle_subscriptions import subscription as sub

from cspcore import Money
from cspcore.billing import (
    ChangeQuantity,
    CompleteRenewal,
    ConvertTrial,
    CotermRefused,
    ProductFamily,
    QuantityOutOfRange,
    Reactivate,
    RenewalPending,
    ScheduleChange,
    ScheduledChangeRefused,
    Suspend,
    SuspensionRefused,
    Term,
    TrialRestriction,
    Upgrade,
    UpgradeRefused,
    family_policy,
    lifecycle,
)
from cspcore.billing.families import FamilyRestriction
from cspcore.explain import Reason, Source

D = dt.date
NEW_COMMERCE = "create-a-new-subscription.md"
SUSPEND = Source(document=NEW_COMMERCE, section="Suspend a subscription")
TRIAL = Source(document=NEW_COMMERCE, section="Manage trials for new commerce license-based subscriptions")
UPGRADE = Source(document=NEW_COMMERCE, section="Upgrade for new commerce license-based subscriptions")
SCHEDULE = Source(
    document=NEW_COMMERCE,
    section="Scheduled changes for managing new commerce license-based subscription renewals",
)


def moved(day: dt.date) -> Upgrade:
    return Upgrade(
        on=day,
        product="Microsoft 365 E5",
        unit_price=Money("50.00", "EUR"),
        into_existing=True,
        subscription_id="b",
        subscription="a",
    )


def test_a_change_of_a_suspended_subscription_names_it_and_the_day_to_reactivate_by() -> None:
    events = (Suspend(at=at(D(2024, 1, 12), 9)), ChangeQuantity(on=D(2024, 1, 13), quantity=6))
    with pytest.raises(SuspensionRefused) as refused:
        lifecycle(sub(), events, through=D(2024, 1, 13))
    assert refused.value.reasons == (
        Reason(
            code="billing.suspension.suspended",
            params={"subscription": "a", "reactivate_by": D(2024, 2, 9)},
            source=SUSPEND,
        ),
    )


def test_a_change_while_renewing_names_the_renewal_day_and_the_renewal_section() -> None:
    renewal = D(2024, 2, 10)
    events = (ChangeQuantity(on=renewal, quantity=6), CompleteRenewal(on=renewal, at=at(renewal, 2)))
    with pytest.raises(RenewalPending) as refused:
        lifecycle(sub(), events, through=renewal)
    assert refused.value.reasons == (
        Reason(
            code="billing.renewal.pending",
            params={"subscription": "a", "on": renewal},
            source=Source(document=NEW_COMMERCE, section="Renewal"),
        ),
    )


def test_a_reactivation_while_renewing_is_refused_as_renewing() -> None:
    renewal = D(2024, 2, 10)
    events = (Reactivate(at=at(renewal, 1)), CompleteRenewal(on=renewal, at=at(renewal, 2)))
    with pytest.raises(RenewalPending) as refused:
        lifecycle(sub(), events, through=renewal)
    assert refused.value.reasons[0].code == "billing.renewal.pending"


def test_suspending_a_trial_cites_the_trials_section() -> None:
    with pytest.raises(TrialRestriction) as refused:
        lifecycle(trial("t"), [Suspend(at=at(D(2024, 1, 12)))], through=D(2024, 1, 12))
    assert refused.value.reasons == (Reason(code="billing.trial.status_locked", source=TRIAL),)


def test_reactivating_what_is_not_suspended_names_the_subscription() -> None:
    with pytest.raises(SuspensionRefused) as refused:
        lifecycle(sub(), [Reactivate(at=at(D(2024, 1, 12)))], through=D(2024, 1, 12))
    assert refused.value.reasons == (
        Reason(code="billing.suspension.not_suspended", params={"subscription": "a"}, source=SUSPEND),
    )


def test_reactivating_after_the_terms_end_names_the_day_it_was_due_by() -> None:
    events = (Suspend(at=at(D(2024, 1, 12))), Reactivate(at=at(D(2024, 2, 12))))
    with pytest.raises(SuspensionRefused) as refused:
        lifecycle(sub(), events, through=D(2024, 2, 12))
    assert refused.value.reasons == (
        Reason(
            code="billing.suspension.deadline_passed",
            params={"subscription": "a", "reactivate_by": D(2024, 2, 9)},
            source=SUSPEND,
        ),
    )


def test_scheduling_more_seats_than_the_offer_allows_names_the_range() -> None:
    with pytest.raises(QuantityOutOfRange) as refused:
        lifecycle(
            sub(max_quantity=10), [ScheduleChange(on=D(2024, 1, 12), quantity=11)], through=D(2024, 1, 12)
        )
    assert refused.value.reasons == (
        Reason(
            code="billing.seats.out_of_range",
            params={"quantity": 11, "minimum": 1, "maximum": 10},
            source=Source(document="pricing-and-offers.md"),
        ),
    )


def test_a_custom_end_for_a_family_without_coterminosity_names_the_family() -> None:
    software = sub(family="software subscription", term="P1Y", frequency="annual")
    with pytest.raises(ScheduledChangeRefused) as refused:
        lifecycle(software, [ScheduleChange(on=D(2024, 1, 12), end=D(2025, 3, 31))], through=D(2024, 1, 12))
    assert refused.value.reasons == (
        Reason(
            code="billing.schedule.no_coterm",
            params={"subscription": "a", "family": ProductFamily.SOFTWARE_SUBSCRIPTION},
            source=SCHEDULE,
        ),
    )


def test_a_custom_end_outside_the_next_term_names_the_days_it_may_fall_on() -> None:
    with pytest.raises(ScheduledChangeRefused) as refused:
        lifecycle(sub(), [ScheduleChange(on=D(2024, 1, 12), end=D(2024, 3, 11))], through=D(2024, 1, 12))
    assert refused.value.reasons == (
        Reason(
            code="billing.schedule.end_outside_term",
            params={
                "subscription": "a",
                "end": D(2024, 3, 11),
                "start": D(2024, 2, 10),
                "latest": D(2024, 3, 10),
            },
            source=SCHEDULE,
        ),
    )


def test_a_monthly_end_on_the_28th_that_is_no_month_end_cites_the_coterminosity_page() -> None:
    april = sub(start=D(2024, 3, 10))  # renews April 10; April has 30 days
    with pytest.raises(CotermRefused) as refused:
        lifecycle(april, [ScheduleChange(on=D(2024, 3, 12), end=D(2024, 4, 28))], through=D(2024, 3, 12))
    assert refused.value.reasons == (
        Reason(
            code="billing.coterm.monthly_day",
            params={"day": 28, "end": D(2024, 4, 28)},
            source=Source(
                document="align-subscription-end-dates.md", section="Setting custom term end dates"
            ),
        ),
    )


def test_moving_seats_into_a_subscription_still_in_its_window_names_when_it_closes() -> None:
    with pytest.raises(UpgradeRefused) as refused:
        lifecycle([sub(), sub("b", start=D(2024, 1, 12))], [moved(D(2024, 1, 18))], through=D(2024, 1, 18))
    # bought January 12 at 00:00 UTC: the window closes seven days (168 hours) later
    assert refused.value.reasons == (
        Reason(
            code="billing.upgrade.target_in_window",
            params={"target": "b", "until": at(D(2024, 1, 19))},
            source=UPGRADE,
        ),
    )


def test_moving_seats_into_a_subscription_of_another_term_names_both_terms() -> None:
    target = sub("b", start=D(2024, 1, 2), term="P1Y")
    with pytest.raises(UpgradeRefused) as refused:
        lifecycle([sub(), target], [moved(D(2024, 1, 25))], through=D(2024, 1, 25))
    assert refused.value.reasons == (
        Reason(
            code="billing.upgrade.target_term",
            params={"target": "b", "term": Term.P1Y, "source_term": Term.P1M},
            source=UPGRADE,
        ),
    )


def test_moving_seats_into_a_subscription_that_ends_earlier_names_both_ends() -> None:
    with pytest.raises(UpgradeRefused) as refused:
        lifecycle([sub(), sub("b", start=D(2024, 1, 9))], [moved(D(2024, 1, 25))], through=D(2024, 1, 25))
    assert refused.value.reasons == (
        Reason(
            code="billing.upgrade.target_ends_earlier",
            params={"target": "b", "end": D(2024, 2, 8), "source_end": D(2024, 2, 9)},
            source=UPGRADE,
        ),
    )


@pytest.mark.parametrize(
    ("quantity", "code", "rule"),
    [
        (4, "billing.family.seats_not_reducible", "seat_reduction"),
        (6, "billing.family.seats_not_addable", "quantity_increase"),
    ],
)
def test_a_seat_change_the_family_forbids_cites_the_familys_policy(
    quantity: int, code: str, rule: str
) -> None:
    software = sub(family="software subscription", term="P1Y", frequency="annual")
    with pytest.raises(FamilyRestriction) as refused:
        lifecycle(software, [ChangeQuantity(on=D(2024, 1, 12), quantity=quantity)], through=D(2024, 1, 12))
    policy = family_policy(ProductFamily.SOFTWARE_SUBSCRIPTION, on=START)
    assert refused.value.reasons == (
        Reason(
            code=code,
            params={"subscription": "a", "family": ProductFamily.SOFTWARE_SUBSCRIPTION},
            source=getattr(policy, rule).source,
        ),
    )


def test_converting_a_trial_into_a_subscription_that_ends_earlier_names_both_ends() -> None:
    paid = sub("p", start=D(2024, 1, 9))  # ends February 8; the trial, started January 11, ends February 9
    with pytest.raises(TrialRestriction) as refused:
        lifecycle(
            [trial("t", start=D(2024, 1, 11)), paid],
            [ConvertTrial(on=D(2024, 1, 20), into="p", subscription="t")],
            through=D(2024, 1, 20),
        )
    assert refused.value.reasons == (
        Reason(
            code="billing.trial.target_ends_earlier",
            params={"target": "p", "target_end": D(2024, 2, 8), "trial_end": D(2024, 2, 9)},
            source=TRIAL,
        ),
    )
