"""A subscription's whole life as Partner Center's pages describe it, replayed by ``lifecycle``.

Pages: ``create-a-new-subscription.md``, ``common-billing-scenarios-onetime-recurring.md`` and
``developer/create-scheduled-changes.md`` (kvamseek/partner-center @ 85eb3c4, copies in the
project's page snapshot). Each test cites the page and section whose rule it states; the figures in
its comments are worked by hand from the rule, not read back from cspcore.

Histories dated from 2024 are judged by the seven-day (168-hour) window; Microsoft's 2021 examples
by the 72 hours in force then (see ``docs/billing.md``, "Rules that changed over time").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import (
    Cancel,
    CancellationWindowClosed,
    CancelScheduledChange,
    ChangeQuantity,
    ChargeLine,
    CompleteRenewal,
    ConvertTrial,
    EndReason,
    Lifecycle,
    QuantityOutOfRange,
    Reactivate,
    RenewalPending,
    ScheduleChange,
    ScheduledChangeRefused,
    SeatReductionWindowClosed,
    SetAutoRenew,
    Subscription,
    SubscriptionInactive,
    SubscriptionStatus,
    Suspend,
    SuspensionRefused,
    Term,
    TrialRestriction,
    Upgrade,
    UpgradeRefused,
    lifecycle,
)
from cspcore.billing.subscription import TRIAL_DAYS
from cspcore.errors import ErrorCode, RuleViolation

if TYPE_CHECKING:
    from tests.lifecycle_events import AnyEvent

D = dt.date


def at(day: dt.date, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=dt.UTC)


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


def usd(amount: str | int) -> Money:
    return Money(amount, "USD")


def row(line: ChargeLine) -> tuple[object, ...]:
    """What a reconciliation row shows: order date, type, subscription, seats, total, charge dates."""
    return (
        line.order_date,
        line.charge_type.value,
        line.subscription_id,
        int(line.quantity),
        line.total.amount,
        line.charge_start,
        line.charge_end,
    )


def reason(refusal: pytest.ExceptionInfo[RuleViolation]) -> str:
    return refusal.value.reasons[0].code


# -- subjects ----------------------------------------------------------------------------------------


def guides_trial(**changes: object) -> Subscription:
    """Microsoft's trial: 25 seats of Dynamics 365 Guides from June 25, 2021, paid price EUR 52.61."""
    fields: dict[str, object] = {
        "id": "guides",
        "product": "Dynamics 365 Guides",
        "start": D(2021, 6, 25),
        "term": "P1M",
        "frequency": "none",
        "quantity": 25,
        "unit_price": eur(0),
        "trial": True,
        "paid_unit_price": eur("52.61"),
    }
    fields.update(changes)
    return Subscription(**fields)  # type: ignore[arg-type]


def monthly(**changes: object) -> Subscription:
    """Ten seats of a month-to-month subscription at USD 36 from January 10, 2024 (renews February 10)."""
    fields: dict[str, object] = {
        "id": "m",
        "product": "Microsoft 365 E3",
        "start": D(2024, 1, 10),
        "term": "P1M",
        "frequency": "monthly",
        "quantity": 10,
        "unit_price": usd("36.00"),
    }
    fields.update(changes)
    return Subscription(**fields)  # type: ignore[arg-type]


def annual(**changes: object) -> Subscription:
    """Ten seats of a year billed monthly at USD 36 from January 10, 2024 (term ends January 9, 2025)."""
    return monthly(**{"id": "y", "term": "P1Y", **changes})


RENEWAL = D(2024, 2, 10)  # monthly()'s first renewal: the day after its term ends on February 9


# -- trials: "Manage trials for new commerce license-based subscriptions" ---------------------------


def test_microsofts_trial_converted_on_its_first_day_reproduces_the_published_lines() -> None:
    # common-billing-scenarios-onetime-recurring.md, "How do I reconcile after I convert a trial
    # version to a paid subscription?": new 0 x 25 (Trial), convert 0 x 25 (Trial), convert
    # 52.61 / 30 x 30 = 52.61 x 25 = 1,315.25, all June 25 - July 24, 2021.
    conversion = ConvertTrial(on=D(2021, 6, 25), unit_price=eur("52.61"))
    result = lifecycle(guides_trial(), [conversion], through=D(2021, 6, 30))
    assert [row(line) for line in result.lines] == [
        (D(2021, 6, 25), "new", "guides", 25, Decimal("0.00"), D(2021, 6, 25), D(2021, 7, 24)),
        (D(2021, 6, 25), "convert", "guides", 25, Decimal("0.00"), D(2021, 6, 25), D(2021, 7, 24)),
        (D(2021, 6, 25), "convert", "guides", 25, Decimal("1315.25"), D(2021, 6, 25), D(2021, 7, 24)),
    ]
    assert [line.qualifiers for line in result.lines] == [("Trial",), ("Trial",), ()]
    # "the term duration defaults to Annual, and the billing cycle defaults to Monthly"
    state = result.states["guides"]
    assert (state.term, state.frequency.value, state.is_trial) == (Term.P1Y, "monthly", False)
    assert state.term_end == D(2022, 6, 24)


def test_a_trial_lasts_30_days_counted_inclusively_as_microsofts_trial_line_shows() -> None:
    # create-a-new-subscription.md, "Manage trials ...": trials "Last for 30 days". The published
    # trial line runs June 25 - July 24, 2021: 6 days of June (25..30) + 24 of July = 30 days.
    sub = guides_trial()
    assert TRIAL_DAYS == 30
    assert sub.term_end == D(2021, 7, 24)
    assert (sub.term_end - sub.start).days + 1 == TRIAL_DAYS
    (line,) = lifecycle(sub, through=D(2021, 7, 24)).lines
    assert (line.charge_start, line.charge_end, line.qualifiers) == (
        D(2021, 6, 25),
        D(2021, 7, 24),
        ("Trial",),
    )


def test_a_trial_with_auto_renew_on_converts_to_a_year_billed_monthly_the_day_after_it_ends() -> None:
    # create-a-new-subscription.md, "Manage trials ...": "After 30 days, trials autorenew to the paid
    # equivalent subscription"; the converted term defaults to Annual billed Monthly. The trial ends
    # July 24, so July 25, 2021 renews: 52.61 x 25 = 1,315.25 for July 25 - August 24; the year
    # ends July 24, 2022. "Scheduled changes ...": "By default, trial subscriptions convert to the
    # equivalent paid SKU at the end of the trial period."
    result = lifecycle(guides_trial(), through=D(2021, 7, 25))
    assert [row(line) for line in result.lines] == [
        (D(2021, 6, 25), "new", "guides", 25, Decimal("0.00"), D(2021, 6, 25), D(2021, 7, 24)),
        (D(2021, 7, 25), "renew", "guides", 25, Decimal("1315.25"), D(2021, 7, 25), D(2021, 8, 24)),
    ]
    renew = result.lines[-1]
    assert (renew.unit_price, renew.qualifiers) == (eur("52.61"), ())
    assert (renew.subscription_start, renew.subscription_end) == (D(2021, 7, 25), D(2022, 7, 24))
    state = result.states["guides"]
    assert (state.status, state.is_trial, state.term, state.frequency.value) == (
        SubscriptionStatus.ACTIVE,
        False,
        Term.P1Y,
        "monthly",
    )
    # the paid term's window opens with it, under the rules of July 2021 (72 hours; seven days only
    # from March 2022): 00:00 UTC July 25 + 72 h = July 28, 00:00
    assert state.cancellable_until == at(D(2021, 7, 28))


def test_a_trial_with_auto_renew_off_ends_with_only_its_free_line() -> None:
    # create-a-new-subscription.md, "Manage trials ...": "autorenewal can be turned off".
    result = lifecycle(guides_trial(auto_renew=False), through=D(2021, 8, 31))
    assert [line.total.amount for line in result.lines] == [Decimal("0.00")]
    state = result.states["guides"]
    assert (state.status, state.end_reason, state.ended_on) == (
        SubscriptionStatus.ENDED,
        EndReason.TRIAL_ENDED,
        D(2021, 7, 25),
    )


def test_a_scheduled_trial_conversion_may_take_fewer_than_25_seats_and_another_plan() -> None:
    # create-a-new-subscription.md, "Scheduled trial conversion": schedule it "if you want to convert
    # with less than the default of 25 seats"; "The trial will convert with the scheduled changes
    # after the 30 days". 3 seats, a month billed monthly at EUR 60: 60 x 3 = 180.00 on July 25.
    schedule = ScheduleChange(
        on=D(2021, 7, 1), quantity=3, term="P1M", frequency="monthly", unit_price=eur("60.00")
    )
    result = lifecycle(guides_trial(), [schedule], through=D(2021, 7, 25))
    assert row(result.lines[-1]) == (
        D(2021, 7, 25),
        "renew",
        "guides",
        3,
        Decimal("180.00"),
        D(2021, 7, 25),
        D(2021, 8, 24),
    )
    state = result.states["guides"]
    assert (state.quantity, state.term, state.term_end, state.scheduled_change) == (
        3,
        Term.P1M,
        D(2021, 8, 24),
        None,
    )


def test_a_midterm_trial_conversion_keeps_at_least_the_25_seats() -> None:
    # create-a-new-subscription.md, "Midterm trial conversion": "When you convert at midterm, you
    # can't decrease the number of licenses from the default of 25."
    conversion = ConvertTrial(on=D(2021, 7, 1), unit_price=eur("52.61"), quantity=24)
    with pytest.raises(QuantityOutOfRange) as refused:
        lifecycle(guides_trial(), [conversion], through=D(2021, 7, 1))
    assert reason(refused) == "billing.seats.out_of_range"


def test_a_trial_cannot_change_its_seats_or_its_status() -> None:
    # create-a-new-subscription.md, "Manage trials ...": "During a trial, the following actions aren't
    # available: Increasing or reducing quantity; Changing the status of the subscription".
    with pytest.raises(TrialRestriction) as seats:
        lifecycle(guides_trial(), [ChangeQuantity(on=D(2021, 7, 1), quantity=30)], through=D(2021, 7, 1))
    assert reason(seats) == "billing.trial.quantity_locked"
    with pytest.raises(TrialRestriction) as status:
        lifecycle(guides_trial(), [Suspend(at=at(D(2021, 7, 1), 9))], through=D(2021, 7, 1))
    assert reason(status) == "billing.trial.status_locked"


def test_a_trial_converting_at_its_end_needs_its_paid_price() -> None:
    # The paid equivalent's price is not on the trial's lines (they are all zero): rating past the
    # conversion day needs it, from the subscription or from a scheduled conversion.
    trial = guides_trial(paid_unit_price=None)
    assert len(lifecycle(trial, through=D(2021, 7, 24)).lines) == 1  # before the conversion: fine
    with raises_invalid(field="paid_unit_price", code=ErrorCode.MISSING):
        lifecycle(trial, through=D(2021, 7, 25))


# -- renewals: "Subscription renewals", "Applying changes to new commerce ..." ----------------------


def test_a_renewal_window_opens_at_00_00_utc_of_the_renewal_day_by_default() -> None:
    # create-a-new-subscription.md, "Subscription renewals": "The renewal will start after the term
    # ends (2023-03-02T00:00:00Z UTC)"; without a completion instant cspcore takes the earliest one.
    # February 10, 00:00 + 168 h = February 17, 00:00; full refund until February 11, 00:00.
    state = lifecycle(monthly(), through=D(2024, 2, 12)).states["m"]
    assert (state.term_start, state.window_opened_at) == (RENEWAL, at(RENEWAL))
    assert state.full_refund_until == at(D(2024, 2, 11))
    assert state.cancellable_until == at(D(2024, 2, 17))


def test_a_renewal_completed_at_07_30_moves_the_168_hour_window_to_that_instant() -> None:
    # create-a-new-subscription.md, "Subscription renewals": the renewal "may take up to 24 hours ...
    # The seven day window starts precisely at this datetime of renewal completion."
    # 07:30 February 10 + 24 h = 07:30 February 11; + 168 h = 07:30 February 17.
    done = CompleteRenewal(on=RENEWAL, at=at(RENEWAL, 7, 30))
    result = lifecycle(monthly(), [done], through=D(2024, 2, 12))
    state = result.states["m"]
    assert state.window_opened_at == at(RENEWAL, 7, 30)
    assert state.full_refund_until == at(D(2024, 2, 11), 7, 30)
    assert state.cancellable_until == at(D(2024, 2, 17), 7, 30)
    assert state.renewal_pending is False
    # the renew line itself is the same: 36.00 x 10 = 360.00 for February 10 - March 9
    assert row(result.lines[-1]) == (RENEWAL, "renew", "m", 10, Decimal("360.00"), RENEWAL, D(2024, 3, 9))


def test_a_cancellation_170_hours_after_midnight_but_165_after_completion_is_allowed() -> None:
    # create-a-new-subscription.md, "Subscription renewals" (window from completion) and
    # "Cancel new commerce license-based subscriptions" (prorated refund within seven days).
    # Completed 05:00 February 10; cancelled 02:00 February 17 = 170 h after 00:00, 165 h after
    # completion: allowed. Refund of the unused days February 17 - March 9 of the 29-day cycle
    # (February 10 - March 9, 2024 is a leap February: 20 + 9 = 29 days): 13 + 9 = 22 days,
    # 36.00 / 29 x 22 = 27.3103... -> 27.31 per seat (cut to cents first, the default
    # ProrationRounding.UNIT_PRICE_FIRST), x 10 = 273.10.
    done = CompleteRenewal(on=RENEWAL, at=at(RENEWAL, 5))
    cancel = Cancel(at=at(D(2024, 2, 17), 2))
    result = lifecycle(monthly(), [done, cancel], through=D(2024, 2, 20))
    assert row(result.lines[-1]) == (
        D(2024, 2, 17),
        "cancelImmediate",
        "m",
        10,
        Decimal("-273.10"),
        D(2024, 2, 17),
        D(2024, 3, 9),
    )
    assert result.states["m"].end_reason is EndReason.CANCELLED
    # without the completion instant the window counts from 00:00: 170 h is too late
    with pytest.raises(CancellationWindowClosed):
        lifecycle(monthly(), [cancel], through=D(2024, 2, 20))


def test_a_full_refund_within_24_hours_counts_from_the_renewal_completion() -> None:
    # billing-basics.md, "Subscription cancelation": a full refund "within 24 hours of purchasing or
    # renewing"; create-a-new-subscription.md, "Subscription renewals": from the completion.
    # Completed 07:30 February 10, cancelled 06:00 February 11 = 22.5 h: the whole renew line
    # (360.00) comes back. Counted from 00:00 it would be 30 h: a prorated refund of February 11 -
    # March 9, 28 of 29 days: 36 / 29 x 28 = 34.7586... -> 34.75, x 10 = 347.50.
    cancel = Cancel(at=at(D(2024, 2, 11), 6))
    completed = lifecycle(
        monthly(), [CompleteRenewal(on=RENEWAL, at=at(RENEWAL, 7, 30)), cancel], through=D(2024, 2, 11)
    )
    assert completed.lines[-1].total.amount == Decimal("-360.00")
    default = lifecycle(monthly(), [cancel], through=D(2024, 2, 11))
    assert default.lines[-1].total.amount == Decimal("-347.50")


def test_a_renewal_completes_within_24_hours_of_its_start() -> None:
    # developer/create-scheduled-changes.md: renewals start "at 12:00 AM UTC the following day" and
    # "may take up to 24-hours to be processed".
    CompleteRenewal(on=RENEWAL, at=at(D(2024, 2, 11)))  # exactly 24 h: accepted
    with raises_invalid(field="at", code=ErrorCode.OUT_OF_RANGE):
        CompleteRenewal(on=RENEWAL, at=at(D(2024, 2, 11), 0, 1))
    with raises_invalid(field="at", code=ErrorCode.OUT_OF_RANGE):
        CompleteRenewal(on=RENEWAL, at=at(D(2024, 2, 9), 23, 59))


@pytest.mark.parametrize(
    "change",
    [
        ChangeQuantity(on=RENEWAL, quantity=12),
        SetAutoRenew(on=RENEWAL, enabled=False),
        Suspend(at=at(RENEWAL, 1)),
        ScheduleChange(on=RENEWAL, quantity=3),
        CancelScheduledChange(on=RENEWAL),
    ],
    ids=["seats", "auto-renew", "suspend", "schedule", "unschedule"],
)
def test_changes_while_a_renewal_is_processed_are_refused(change: AnyEvent) -> None:
    # create-a-new-subscription.md, "Applying changes to new commerce license-based subscriptions":
    # until the renewal completes, "Auto renew, scheduled changes next term instructions, and suspend
    # or reactivate" are read-only, and updates to license counts get "409: Conflict".
    # The change comes before the completion of 07:30 in the day's events: refused.
    done = CompleteRenewal(on=RENEWAL, at=at(RENEWAL, 7, 30))
    with pytest.raises(RenewalPending) as refused:
        lifecycle(monthly(), [change, done], through=RENEWAL)
    assert reason(refused) == "billing.renewal.pending"
    assert refused.value.reasons[0].params["on"] == RENEWAL


def test_a_change_after_the_renewal_completed_goes_through() -> None:
    # create-a-new-subscription.md, "Applying changes ...": "Partners can resubmit the request after
    # waiting ... and the changes should then be accepted." 12 seats from February 10: a whole cycle
    # refunded (-360.00) and recharged for 12 (432.00).
    done = CompleteRenewal(on=RENEWAL, at=at(RENEWAL, 7, 30))
    result = lifecycle(monthly(), [done, ChangeQuantity(on=RENEWAL, quantity=12)], through=RENEWAL)
    assert [line.total.amount for line in result.lines[-2:]] == [Decimal("-360.00"), Decimal("432.00")]


def test_a_cancellation_dated_before_the_renewal_completed_is_refused() -> None:
    # create-a-new-subscription.md, "Applying changes ...": a cancellation "If the subscription is
    # still waiting to be processed" gets "409: Conflict". 06:00 is before the 07:30 completion.
    done = CompleteRenewal(on=RENEWAL, at=at(RENEWAL, 7, 30))
    with pytest.raises(RenewalPending):
        lifecycle(monthly(), [done, Cancel(at=at(RENEWAL, 6))], through=RENEWAL)
    lines = lifecycle(monthly(), [done, Cancel(at=at(RENEWAL, 8))], through=RENEWAL).lines
    assert lines[-1].total.amount == Decimal("-360.00")  # 30 minutes after completion: full refund


def test_a_completion_names_a_day_a_renewal_starts() -> None:
    # "Subscription renewals": the renewal is "processed the day after the subscription term end date".
    with raises_invalid(field="events[0].on", code=ErrorCode.INCONSISTENT):
        lifecycle(
            monthly(), [CompleteRenewal(on=D(2024, 2, 11), at=at(D(2024, 2, 11), 1))], through=D(2024, 2, 11)
        )


# -- scheduled changes: "Scheduled changes for managing ... renewals" --------------------------------


def test_a_scheduled_quantity_shows_on_the_renew_line() -> None:
    # create-a-new-subscription.md, "Scheduled changes ...": "License increases or reductions" at
    # renewal. 12 seats x 36.00 = 432.00 for February 10 - March 9, 2024.
    result = lifecycle(monthly(), [ScheduleChange(on=D(2024, 1, 20), quantity=12)], through=RENEWAL)
    assert row(result.lines[-1]) == (RENEWAL, "renew", "m", 12, Decimal("432.00"), RENEWAL, D(2024, 3, 9))
    state = result.states["m"]
    assert (state.quantity, state.scheduled_change, state.seat_lots[0].quantity) == (12, None, 12)


def test_a_scheduled_quantity_is_reported_until_the_renewal() -> None:
    result = lifecycle(monthly(), [ScheduleChange(on=D(2024, 1, 20), quantity=12)], through=D(2024, 2, 9))
    ((name, change),) = result.scheduled_changes
    assert (name, change.saved_on, change.renews_on, change.quantity) == ("m", D(2024, 1, 20), RENEWAL, 12)


def test_a_scheduled_term_and_billing_frequency_start_a_new_kind_of_term() -> None:
    # "Scheduled changes ...": "Changes to billing term", "Changes to billing frequency". The
    # month-to-month subscription renews into a year billed monthly at USD 34.20: 34.20 x 10 =
    # 342.00 for February 10 - March 9, 2024; the year ends February 9, 2025.
    schedule = ScheduleChange(on=D(2024, 1, 20), term="P1Y", frequency="monthly", unit_price=usd("34.20"))
    result = lifecycle(monthly(), [schedule], through=RENEWAL)
    renew = result.lines[-1]
    assert row(renew) == (RENEWAL, "renew", "m", 10, Decimal("342.00"), RENEWAL, D(2024, 3, 9))
    assert renew.subscription_end == D(2025, 2, 9)
    state = result.states["m"]
    assert (state.term, state.term_end, state.is_monthly_rollover) == (Term.P1Y, D(2025, 2, 9), False)


def test_a_scheduled_product_is_an_upgrade_at_renewal() -> None:
    # "Scheduled changes ...": "Subscription upgrades"; create-a-new-subscription.md, "Upgrade ...":
    # "You can schedule an upgrade for the end of a term". E5 at 57.00 x 10 = 570.00.
    schedule = ScheduleChange(on=D(2024, 1, 20), product="Microsoft 365 E5", unit_price=usd("57.00"))
    result = lifecycle(monthly(), [schedule], through=RENEWAL)
    renew = result.lines[-1]
    assert (renew.product, renew.unit_price, renew.total) == ("Microsoft 365 E5", usd("57.00"), usd("570.00"))
    assert result.states["m"].product == "Microsoft 365 E5"
    assert result.lines[0].product == "Microsoft 365 E3"  # the current term keeps its product


def test_a_scheduled_coterminous_date_ends_the_next_term() -> None:
    # "Scheduled changes ...": "Changes to coterminous date"; align-subscription-end-dates.md. The
    # year from January 10, 2025 ends on June 30, 2025 instead of January 9, 2026. A term with a
    # custom end is cut from its end backwards (billing-basics.md: "the first charge cycle may be
    # prorated if you co-terminate"): the renew line is January 10 - 31, 22 of the 31 days of
    # January: 36.00 / 31 x 22 = 25.548... -> 25.54 (the effective unit price is cut to cents first,
    # ProrationRounding.UNIT_PRICE_FIRST), x 10 = 255.40.
    schedule = ScheduleChange(on=D(2024, 6, 1), end=D(2025, 6, 30))
    result = lifecycle(annual(), [schedule], through=D(2025, 1, 10))
    renew = result.lines[-1]
    assert row(renew) == (D(2025, 1, 10), "renew", "y", 10, Decimal("255.40"), D(2025, 1, 10), D(2025, 1, 31))
    assert renew.subscription_end == D(2025, 6, 30)
    assert result.states["y"].term_end == D(2025, 6, 30)


def test_a_coterminous_date_outside_the_next_term_is_refused() -> None:
    # A coterminous date ends the *next* term: it cannot precede it or outlast a standard year.
    schedule = ScheduleChange(on=D(2024, 6, 1), end=D(2026, 1, 11))
    with pytest.raises(ScheduledChangeRefused) as refused:
        lifecycle(annual(), [schedule], through=D(2024, 6, 1))
    assert reason(refused) == "billing.schedule.end_outside_term"


def test_changes_can_be_scheduled_only_with_auto_renew_on() -> None:
    # "Scheduled changes ...": "You can only schedule changes if: A subscription is active;
    # Auto-renew is on". Scheduled trial conversion: "To schedule a conversion, autorenew must be on."
    schedule = ScheduleChange(on=D(2024, 1, 20), quantity=12)
    with pytest.raises(ScheduledChangeRefused) as refused:
        lifecycle(monthly(auto_renew=False), [schedule], through=D(2024, 1, 20))
    assert reason(refused) == "billing.schedule.auto_renew_off"


def test_changes_can_be_scheduled_only_for_an_active_subscription() -> None:
    cancelled: list[AnyEvent] = [
        Cancel(at=at(D(2024, 1, 11), 9)),
        ScheduleChange(on=D(2024, 1, 20), quantity=12),
    ]
    with pytest.raises(SubscriptionInactive):
        lifecycle(monthly(), cancelled, through=D(2024, 1, 20))
    suspended: list[AnyEvent] = [
        Suspend(at=at(D(2024, 1, 15), 9)),
        ScheduleChange(on=D(2024, 1, 20), quantity=12),
    ]
    with pytest.raises(SuspensionRefused):
        lifecycle(monthly(), suspended, through=D(2024, 1, 20))


def test_a_removed_scheduled_change_does_not_apply() -> None:
    # "Scheduled changes ...": "You can access Manage Renewal to view, update, or remove an existing
    # scheduled change." Removed: the renewal keeps 10 seats, 360.00.
    events: list[AnyEvent] = [
        ScheduleChange(on=D(2024, 1, 20), quantity=12),
        CancelScheduledChange(on=D(2024, 1, 25)),
    ]
    result = lifecycle(monthly(), events, through=RENEWAL)
    assert result.lines[-1].total == usd("360.00")
    assert result.scheduled_changes == ()


def test_scheduling_again_replaces_the_saved_change() -> None:
    events = [ScheduleChange(on=D(2024, 1, 20), quantity=12), ScheduleChange(on=D(2024, 1, 25), quantity=8)]
    assert lifecycle(monthly(), events, through=RENEWAL).lines[-1].total == usd("288.00")  # 36 x 8


DELETING = {
    # the midterm changes that delete saved scheduled changes, by name
    "cancel": Cancel(at=at(D(2024, 6, 1), 9)),
    "auto-renew off": SetAutoRenew(on=D(2024, 6, 1), enabled=False),
    "quantity": ChangeQuantity(on=D(2024, 6, 1), quantity=11),
    "upgrade": Upgrade(on=D(2024, 6, 1), product="Microsoft 365 E5", unit_price=usd("57.00")),
    # create-a-new-subscription.md, "Suspend a subscription": suspending turns auto-renew off
    "suspend": Suspend(at=at(D(2024, 6, 1), 9)),
}


@pytest.mark.parametrize("change", DELETING.values(), ids=DELETING.keys())
def test_a_midterm_change_deletes_the_saved_scheduled_change(change: AnyEvent) -> None:
    # create-a-new-subscription.md, "Scheduled changes ...": "Saved scheduled changes are deleted if
    # you make any of the following midterm changes: Cancel a subscription; Turn off autorenew;
    # Change a quantity; Upgrade a SKU; Convert a trial".
    start = D(2024, 5, 28)  # a cancellation on June 1 at 09:00 is within its 168 hours
    sub = annual(start=start)
    saved = ScheduleChange(on=D(2024, 5, 30), quantity=12)
    before = lifecycle(sub, [saved], through=D(2024, 5, 31))
    assert before.states["y"].scheduled_change is not None
    after = lifecycle(sub, [saved, change], through=D(2024, 6, 1))
    assert after.states["y"].scheduled_change is None
    assert after.scheduled_changes == ()


def test_a_midterm_trial_conversion_deletes_the_scheduled_conversion() -> None:
    # "Scheduled changes ...": deleted by "Convert a trial". The midterm conversion's 25 seats carry
    # over, not the 3 scheduled; at the end of its first month the year goes on billing 25.
    schedule = ScheduleChange(on=D(2021, 6, 28), quantity=3)
    convert = ConvertTrial(on=D(2021, 7, 1), unit_price=eur("52.61"))
    result = lifecycle(guides_trial(), [schedule, convert], through=D(2021, 8, 1))
    state = result.states["guides"]
    assert (state.scheduled_change, state.quantity) == (None, 25)
    assert result.lines[-1].charge_type.value == "cycleCharge"
    assert int(result.lines[-1].quantity) == 25


# -- suspension: "Suspend a subscription" -------------------------------------------------------------


def test_a_suspended_subscription_is_still_billed() -> None:
    # create-a-new-subscription.md, "Suspend a subscription": "The partner continues to be billed
    # during suspension". Suspended March 1: the April 10 and May 10 cycles still charge 360.00 each.
    result = lifecycle(annual(), [Suspend(at=at(D(2024, 3, 1), 9))], through=D(2024, 5, 10))
    cycles = [(line.order_date, line.total.amount) for line in result.lines[-2:]]
    assert cycles == [(D(2024, 4, 10), Decimal("360.00")), (D(2024, 5, 10), Decimal("360.00"))]
    state = result.states["y"]
    # "Suspending a new commerce subscription will turn off auto-renew"; reactivate by the term end
    assert (state.status, state.auto_renew, state.renews_on) == (SubscriptionStatus.SUSPENDED, False, None)
    assert state.reactivate_by == D(2025, 1, 9)


def test_a_suspended_subscription_takes_no_changes_until_reactivated() -> None:
    suspended = [Suspend(at=at(D(2024, 3, 1), 9))]
    with pytest.raises(SuspensionRefused) as refused:
        lifecycle(
            annual(), [*suspended, ChangeQuantity(on=D(2024, 3, 2), quantity=12)], through=D(2024, 3, 2)
        )
    assert reason(refused) == "billing.suspension.suspended"
    with pytest.raises(SuspensionRefused):
        lifecycle(annual(), [*suspended, Suspend(at=at(D(2024, 3, 2)))], through=D(2024, 3, 2))


def test_a_suspended_subscription_can_still_be_cancelled_within_its_window() -> None:
    # create-a-new-subscription.md: suspension is reversible "without a cancellation", cancelling is a
    # separate action; inside the window it still refunds the unused days. Suspended January 11,
    # cancelled January 12 09:00 (57 h): January 12 - February 9 = 29 of 31 days: 36 / 31 x 29 =
    # 33.677... -> 33.67, x 10 = 336.70.
    events: list[AnyEvent] = [Suspend(at=at(D(2024, 1, 11), 9)), Cancel(at=at(D(2024, 1, 12), 9))]
    result = lifecycle(annual(), events, through=D(2024, 1, 12))
    assert result.lines[-1].total == usd("-336.70")
    assert result.states["y"].end_reason is EndReason.CANCELLED


def test_a_subscription_reactivated_on_its_last_day_keeps_running() -> None:
    # "Suspend a subscription": "as long as the subscription is reactivated by the end the
    # subscription's term"; "Partners that remove a suspension should be sure to turn auto-renew back
    # on if desired". Reactivated January 9, 2025 (the last day) with auto-renew on again: it renews.
    events: list[AnyEvent] = [
        Suspend(at=at(D(2024, 3, 1), 9)),
        Reactivate(at=at(D(2025, 1, 9), 23)),
        SetAutoRenew(on=D(2025, 1, 9), enabled=True),
    ]
    result = lifecycle(annual(), events, through=D(2025, 1, 10))
    assert row(result.lines[-1])[:2] == (D(2025, 1, 10), "renew")
    assert result.states["y"].status is SubscriptionStatus.ACTIVE


def test_a_reactivated_subscription_keeps_auto_renew_off() -> None:
    events: list[AnyEvent] = [Suspend(at=at(D(2024, 3, 1), 9)), Reactivate(at=at(D(2024, 3, 5), 9))]
    result = lifecycle(annual(), events, through=D(2025, 1, 10))
    state = result.states["y"]
    assert (state.auto_renew, state.end_reason, state.ended_on) == (False, EndReason.EXPIRED, D(2025, 1, 10))


def test_a_subscription_still_suspended_at_its_term_end_ends_and_cannot_be_reactivated() -> None:
    # "Suspend a subscription": "All data related to the subscription is deleted if the subscription
    # isn't reactivated by the end of the subscription's term."
    suspended = [Suspend(at=at(D(2024, 3, 1), 9))]
    state = lifecycle(annual(), suspended, through=D(2025, 1, 10)).states["y"]
    assert (state.status, state.end_reason, state.ended_on) == (
        SubscriptionStatus.ENDED,
        EndReason.NOT_REACTIVATED,
        D(2025, 1, 10),
    )
    with pytest.raises(SuspensionRefused) as refused:
        lifecycle(annual(), [*suspended, Reactivate(at=at(D(2025, 1, 10), 1))], through=D(2025, 1, 10))
    assert reason(refused) == "billing.suspension.deadline_passed"
    assert refused.value.reasons[0].params["reactivate_by"] == D(2025, 1, 9)


def test_only_a_suspended_subscription_can_be_reactivated() -> None:
    with pytest.raises(SuspensionRefused) as refused:
        lifecycle(annual(), [Reactivate(at=at(D(2024, 3, 1), 9))], through=D(2024, 3, 1))
    assert reason(refused) == "billing.suspension.not_suspended"


# -- upgrades and child subscriptions: "Partial upgrades", cancellation policy -----------------------

PARENT_2024 = Subscription(
    id="p",
    product="Microsoft 365 Business Standard",
    start=D(2024, 6, 18),
    term="P1M",
    frequency="monthly",
    quantity=300,
    unit_price=eur("10.08"),
)
CHILD = "p/upgrade/2024-06-20"
PARTIAL = Upgrade(on=D(2024, 6, 20), product="Office 365 E1", unit_price=eur("6.43"), quantity=100)


def test_a_partial_upgrade_creates_a_coterminous_child_with_the_parents_window() -> None:
    # create-a-new-subscription.md, "Partial upgrades": "A new subscription that is created during a
    # partial upgrade has the same term end dates ... (coterminous)". new-commerce-cancellation-policy
    # (learn.microsoft.com, 2024): subscriptions created by a partial upgrade "inherit the cancellation
    # window from the parent"; it "doesn't reopen until the subscription itself renews".
    result = lifecycle(PARENT_2024, [PARTIAL], through=D(2024, 6, 20))
    parent, child = result.states["p"], result.states[CHILD]
    assert (child.parent, child.quantity, child.product) == ("p", 100, "Office 365 E1")
    assert (parent.quantity, child.term_end) == (200, parent.term_end)
    assert child.window_opened_at == parent.window_opened_at == at(D(2024, 6, 18))
    assert child.cancellable_until == at(D(2024, 6, 25))
    # The upgrade's pair of convert lines (June 20 - July 17: 11 + 17 = 28 of 30 days) is linked
    # by one reference; its amounts follow Microsoft's partial-upgrade example (test_ms_billing_examples).
    pair = [line for line in result.lines if line.charge_type.value == "convert"]
    assert [line.subscription_id for line in pair] == ["p", CHILD]
    assert pair[0].reference_id == pair[1].reference_id


def test_the_child_takes_a_seat_change_and_a_cancellation_inside_the_parents_window() -> None:
    # The child's seats count as added when the parent's window opened (June 18): a reduction on
    # June 22 and a cancellation on June 24 are within the 7 days. June 22 - July 17 is 26 of 30
    # days: 6.43 / 30 x 26 = 5.5726... per seat; June 24 - July 17 is 24 days: 6.43 / 30 x 24 =
    # 5.144 -> 5.14 (cut to cents first) x 90 = 462.60.
    events: list[AnyEvent] = [
        PARTIAL,
        ChangeQuantity(on=D(2024, 6, 22), quantity=90, subscription=CHILD),
        Cancel(at=at(D(2024, 6, 24), 10), subscription=CHILD),
    ]
    result = lifecycle(PARENT_2024, events, through=D(2024, 6, 30))
    child_lines = [row(line)[1:5] for line in result.lines if line.subscription_id == CHILD]
    assert [kind for kind, *_ in child_lines] == [
        "convert",
        "removeQuantity",
        "removeQuantity",
        "cancelImmediate",
    ]
    assert child_lines[-1] == ("cancelImmediate", CHILD, 90, Decimal("-462.60"))
    assert result.states[CHILD].end_reason is EndReason.CANCELLED
    assert result.states["p"].status is SubscriptionStatus.ACTIVE


def test_the_child_is_refused_a_seat_reduction_or_cancellation_after_the_parents_window() -> None:
    # The child's window is the parent's: June 18, 00:00 + 168 h = June 25, 00:00.
    late_seats = ChangeQuantity(on=D(2024, 6, 26), quantity=90, subscription=CHILD)
    with pytest.raises(SeatReductionWindowClosed):
        lifecycle(PARENT_2024, [PARTIAL, late_seats], through=D(2024, 6, 26))
    late_cancel = Cancel(at=at(D(2024, 6, 25)), subscription=CHILD)
    with pytest.raises(CancellationWindowClosed):
        lifecycle(PARENT_2024, [PARTIAL, late_cancel], through=D(2024, 6, 25))


def test_an_upgrade_takes_no_more_seats_than_the_subscription_has() -> None:
    too_many = Upgrade(on=D(2024, 6, 20), product="Office 365 E1", unit_price=eur("6.43"), quantity=301)
    with pytest.raises(UpgradeRefused):
        lifecycle(PARENT_2024, [too_many], through=D(2024, 6, 20))


SOURCE = Subscription(
    id="a",
    product="Microsoft 365 Business Standard",
    start=D(2024, 6, 18),
    term="P1M",
    frequency="monthly",
    quantity=300,
    unit_price=eur("10.08"),
)
DESTINATION = Subscription(
    id="b",
    product="Office 365 E1",
    start=D(2024, 6, 20),
    term="P1M",
    frequency="monthly",
    quantity=10,
    unit_price=eur("6.43"),
)


MOVE_DAY = D(2024, 7, 1)


def move(on: dt.date = MOVE_DAY) -> Upgrade:
    return Upgrade(
        on=on,
        product="Office 365 E1",
        unit_price=eur("6.43"),
        quantity=100,
        subscription_id="b",
        into_existing=True,
        subscription="a",
    )


def test_moving_seats_into_an_existing_subscription_rates_both_sides() -> None:
    # common-billing-scenarios-onetime-recurring.md, partial upgrade note: "moveQuantity is used when
    # the advanced subscription already exists"; create-a-new-subscription.md, "Upgrade ...": the
    # destination's term ends on or after the source's (b ends July 19, a July 17).
    # July 1: a refunds July 1 - 17 of its 30-day cycle (June 18 - July 17): 10.08 / 30 x 17 =
    # 5.712 -> 5.71 (cut to cents first) x 100 = -571.00; b charges July 1 - 19 of its 30-day cycle
    # (June 20 - July 19) at its own price: 6.43 / 30 x 19 = 4.0723... -> 4.07 x 100 = 407.00.
    # b renews July 20 with 110 seats:
    # 6.43 x 110 = 707.30.
    result = lifecycle([SOURCE, DESTINATION], [move()], through=D(2024, 7, 20))
    moved = [row(line) for line in result.lines if line.charge_type.value == "moveQuantity"]
    assert moved == [
        (D(2024, 7, 1), "moveQuantity", "a", 100, Decimal("-571.00"), D(2024, 7, 1), D(2024, 7, 17)),
        (D(2024, 7, 1), "moveQuantity", "b", 100, Decimal("407.00"), D(2024, 7, 1), D(2024, 7, 19)),
    ]
    assert row(result.lines[-1]) == (
        D(2024, 7, 20),
        "renew",
        "b",
        110,
        Decimal("707.30"),
        D(2024, 7, 20),
        D(2024, 8, 19),
    )
    assert (result.states["a"].quantity, result.states["b"].quantity) == (200, 110)


def test_moved_seats_cannot_be_removed_from_the_destination() -> None:
    # create-a-new-subscription.md, "Upgrade ...": "Cancellation windows are not applied to upgrades,
    # so changes can't be made after they're submitted." b's own window closed June 27.
    reduce = ChangeQuantity(on=D(2024, 7, 2), quantity=10, subscription="b")
    with pytest.raises(SeatReductionWindowClosed):
        lifecycle([SOURCE, DESTINATION], [move(), reduce], through=D(2024, 7, 2))


def test_a_destination_ending_before_the_source_is_refused() -> None:
    # create-a-new-subscription.md, "Upgrade ...", step 4: "You won't be able to select a destination
    # subscription if ... the term end date is before the current term end date." A destination from
    # June 1 ends June 30, before a's July 17.
    early = Subscription(
        id="b",
        product="Office 365 E1",
        start=D(2024, 6, 1),
        term="P1M",
        frequency="monthly",
        quantity=10,
        unit_price=eur("6.43"),
    )
    with pytest.raises(UpgradeRefused) as caught:
        lifecycle([SOURCE, early], [move(D(2024, 6, 25))], through=D(2024, 6, 25))
    assert [reason.code for reason in caught.value.reasons] == ["billing.upgrade.target_ends_earlier"]


def test_a_destination_of_another_term_duration_is_refused() -> None:
    # same page and step: "... term durations don't match"
    annual = Subscription(
        id="b",
        product="Office 365 E1",
        start=D(2024, 5, 1),
        term="P1Y",
        frequency="monthly",
        quantity=10,
        unit_price=eur("6.43"),
    )
    with pytest.raises(UpgradeRefused) as caught:
        lifecycle([SOURCE, annual], [move(D(2024, 6, 25))], through=D(2024, 6, 25))
    assert [reason.code for reason in caught.value.reasons] == ["billing.upgrade.target_term"]


def test_a_destination_inside_its_cancellation_window_is_refused() -> None:
    # create-a-new-subscription.md, "Upgrade ...", step 4: "You won't be able to select a destination
    # subscription if the subscription is within cancellation window". b was bought June 20; on
    # June 25 its window (to June 27) is open.
    with pytest.raises(UpgradeRefused) as caught:
        lifecycle([SOURCE, DESTINATION], [move(D(2024, 6, 25))], through=D(2024, 6, 25))
    assert [reason.code for reason in caught.value.reasons] == ["billing.upgrade.target_in_window"]


def test_lifecycle_returns_a_lifecycle_of_every_subscription_it_saw() -> None:
    result = lifecycle([SOURCE, DESTINATION], [move()], through=D(2024, 7, 1))
    assert isinstance(result, Lifecycle)
    assert list(result.states) == ["a", "b"]
    assert result.through == D(2024, 7, 1)
