"""``reversible_until``: until when a previewed change can be undone (``create-a-new-subscription.md``).

* "Increase or decrease licenses ...": seats can be removed within seven days of being added;
* "Cancel new commerce license-based subscriptions": "The service can't be restored";
* "Upgrade for new commerce ...": "Cancellation windows are not applied to upgrades, so changes can't
  be made after they're submitted";
* "Scheduled changes ...": Manage Renewal updates or removes a saved change until the renewal starts
  (00:00 UTC the day after the term ends, "Subscription renewals");
* "Change only billing frequency (scheduled change)": it takes effect in the next billing cycle;
* "Suspend a subscription": reactivation until the end of the term.
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.previews import at, commerce_triennial, e3

from cspcore import Money
from cspcore.billing import (
    Cancel,
    CancelScheduledChange,
    ChangeBillingPlan,
    ChangeQuantity,
    ConvertTrial,
    Reactivate,
    ScheduleChange,
    SetAutoRenew,
    Suspend,
    Upgrade,
    preview,
)

D = dt.date
UTC = dt.UTC


def codes(result: object) -> list[str]:
    return [reason.code for reason in getattr(result, "reasons", ())]


def test_added_seats_can_be_removed_until_the_end_of_their_seventh_day() -> None:
    day = D(2024, 1, 20)
    result = preview(e3(), [], ChangeQuantity(on=day, quantity=12), at=at(day))
    assert dt.datetime(2024, 1, 28, tzinfo=UTC) == result.reversible_until
    assert "billing.preview.reversible_seats" in codes(result)


def test_seats_added_before_march_2022_had_three_days() -> None:
    day = D(2021, 12, 20)
    result = preview(e3(start=D(2021, 12, 1)), [], ChangeQuantity(on=day, quantity=12), at=at(day))
    assert dt.datetime(2021, 12, 24, tzinfo=UTC) == result.reversible_until


def test_a_seat_reduction_cannot_be_undone() -> None:
    day = D(2024, 1, 12)
    result = preview(e3(), [], ChangeQuantity(on=day, quantity=8), at=at(day))
    assert result.is_allowed
    assert result.reversible_until is None
    assert "billing.preview.irreversible_reduction" in codes(result)


def test_a_cancellation_cannot_be_undone() -> None:
    moment = at(D(2024, 1, 12))
    result = preview(e3(), [], Cancel(at=moment), at=moment)
    assert result.reversible_until is None
    assert "billing.preview.irreversible_cancellation" in codes(result)


def test_an_upgrade_cannot_be_undone() -> None:
    day = D(2024, 3, 20)
    change = Upgrade(on=day, product="Microsoft 365 E5", unit_price=Money("57.00", "USD"))
    result = preview(e3(), [], change, at=at(day))
    assert result.reversible_until is None
    assert "billing.preview.irreversible_upgrade" in codes(result)


def test_a_trial_conversion_cannot_be_undone_but_the_paid_term_has_its_window() -> None:
    day = D(2024, 1, 15)
    change = ConvertTrial(on=day, unit_price=Money("36.00", "USD"))
    result = preview(e3(trial=True), [], change, at=at(day))
    assert result.reversible_until is None
    (reason,) = [r for r in result.reasons if r.code == "billing.preview.irreversible_conversion"]
    assert result.after.cancellable_until == reason.params["until"]


@pytest.mark.parametrize(
    "change",
    [
        ScheduleChange(on=D(2024, 6, 3), quantity=8),
        SetAutoRenew(on=D(2024, 6, 3), enabled=False),
        Suspend(at=at(D(2024, 6, 3))),
    ],
)
def test_changes_for_the_renewal_can_be_undone_until_it_starts(
    change: ScheduleChange | SetAutoRenew | Suspend,
) -> None:
    result = preview(e3(), [], change, at=at(D(2024, 6, 3)))
    assert dt.datetime(2025, 1, 10, tzinfo=UTC) == result.reversible_until


def test_removing_a_saved_change_can_be_undone_until_the_renewal_starts() -> None:
    history = [ScheduleChange(on=D(2024, 5, 1), quantity=8)]
    result = preview(e3(), history, CancelScheduledChange(on=D(2024, 6, 3)), at=at(D(2024, 6, 3)))
    assert dt.datetime(2025, 1, 10, tzinfo=UTC) == result.reversible_until
    assert "billing.preview.deletes_scheduled_change" in codes(result)


def test_a_quantity_change_reports_that_it_deletes_the_saved_change() -> None:
    history = [ScheduleChange(on=D(2024, 1, 11), quantity=8)]
    result = preview(e3(), history, ChangeQuantity(on=D(2024, 1, 12), quantity=12), at=at(D(2024, 1, 12)))
    assert "billing.preview.deletes_scheduled_change" in codes(result)
    assert result.before.scheduled_change is not None
    assert result.after.scheduled_change is None


def test_a_billing_plan_change_can_be_undone_until_the_next_cycle_starts() -> None:
    sub = commerce_triennial()
    day = D(2021, 9, 21)
    change = ChangeBillingPlan(on=day, frequency="annual", unit_price=Money("250", "EUR"))
    result = preview(sub, [], change, at=at(day))
    assert dt.datetime(2021, 10, 20, tzinfo=UTC) == result.reversible_until


def test_a_reactivation_can_be_followed_by_a_suspension_until_the_term_ends() -> None:
    history = [Suspend(at=at(D(2024, 6, 1)))]
    moment = at(D(2024, 6, 3))
    result = preview(e3(), history, Reactivate(at=moment), at=moment)
    assert dt.datetime(2025, 1, 10, tzinfo=UTC) == result.reversible_until
    assert "billing.preview.reversible_reactivation" in codes(result)
