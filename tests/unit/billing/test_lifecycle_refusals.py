"""What ``lifecycle`` refuses: malformed arguments by field and code, forbidden changes by reason code."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import (
    CancelScheduledChange,
    ChangeQuantity,
    CompleteRenewal,
    QuantityOutOfRange,
    Reactivate,
    RenewalPending,
    ScheduleChange,
    ScheduledChangeRefused,
    SetAutoRenew,
    Subscription,
    Suspend,
    SuspensionRefused,
    TrialRestriction,
    lifecycle,
)
from cspcore.errors import CurrencyMismatch, ErrorCode

D = dt.date
START = D(2024, 1, 10)


def at(day: dt.date, hour: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def sub(name: str = "a", currency: str = "EUR", **changes: object) -> Subscription:
    fields: dict[str, object] = {
        "id": name,
        "product": "Microsoft 365 E3",
        "start": START,
        "term": "P1M",
        "frequency": "monthly",
        "quantity": 5,
        "unit_price": Money("30.00", currency),
    }
    fields.update(changes)
    return Subscription(**fields)  # type: ignore[arg-type]


# -- arguments -----------------------------------------------------------------------------------


def test_an_event_naming_an_unknown_subscription_is_an_unknown_reference() -> None:
    with raises_invalid(field="events[0].subscription", code=ErrorCode.UNKNOWN_REFERENCE):
        lifecycle(
            sub(), [ChangeQuantity(on=D(2024, 1, 12), quantity=6, subscription="zz")], through=D(2024, 1, 12)
        )


def test_a_child_is_unknown_before_the_upgrade_that_creates_it() -> None:
    event = ChangeQuantity(on=D(2024, 1, 12), quantity=2, subscription="a/upgrade/2024-01-13")
    with raises_invalid(field="events[0].subscription", code=ErrorCode.UNKNOWN_REFERENCE):
        lifecycle(sub(), [event], through=D(2024, 1, 13))


def test_two_subscriptions_with_one_id_are_a_duplicate() -> None:
    with raises_invalid(field="subscriptions[1].id", code=ErrorCode.DUPLICATE):
        lifecycle([sub(), sub()], through=START)


def test_subscriptions_in_two_currencies_are_a_currency_mismatch() -> None:
    with raises_invalid(
        field="subscriptions[1].unit_price", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch
    ):
        lifecycle([sub(), sub("b", "USD")], through=START)


def test_an_event_price_in_another_currency_is_a_currency_mismatch() -> None:
    change = ScheduleChange(on=D(2024, 1, 12), product="E5", unit_price=Money("50", "USD"))
    with raises_invalid(
        field="events[0].unit_price", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch
    ):
        lifecycle(sub(), [change], through=D(2024, 1, 12))


def test_with_several_subscriptions_every_event_names_one() -> None:
    with raises_invalid(field="events[0].subscription", code=ErrorCode.MISSING):
        lifecycle([sub(), sub("b")], [ChangeQuantity(on=D(2024, 1, 12), quantity=6)], through=D(2024, 1, 12))


def test_no_subscription_at_all_is_empty() -> None:
    with raises_invalid(field="subscriptions", code=ErrorCode.EMPTY):
        lifecycle([], through=START)


def test_something_else_than_a_subscription_is_the_wrong_type() -> None:
    with raises_invalid(field="subscriptions", code=ErrorCode.WRONG_TYPE):
        lifecycle("a", through=START)  # type: ignore[arg-type]
    with raises_invalid(field="subscriptions[0]", code=ErrorCode.WRONG_TYPE):
        lifecycle(["a"], through=START)  # type: ignore[list-item]


def test_an_event_before_its_subscription_starts_is_inconsistent() -> None:
    with raises_invalid(field="events[0]", code=ErrorCode.INCONSISTENT):
        lifecycle(sub(), [SetAutoRenew(on=D(2024, 1, 9), enabled=False)], through=START)


def test_a_completion_of_no_renewal_is_inconsistent() -> None:
    completion = CompleteRenewal(on=D(2024, 1, 20), at=at(D(2024, 1, 20), 3))
    with raises_invalid(field="events[0].on", code=ErrorCode.INCONSISTENT):
        lifecycle(sub(), [completion], through=D(2024, 1, 20))


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"term": "P1Y"}, "frequency"),
        ({"frequency": "annual"}, "term"),
        ({}, "on"),
        ({"product": "E5"}, "unit_price"),
        ({"term": "P1Y", "frequency": "annual"}, "unit_price"),
    ],
)
def test_a_scheduled_change_that_says_too_little_is_missing_a_field(
    fields: dict[str, object], field: str
) -> None:
    with raises_invalid(field=field, code=ErrorCode.MISSING):
        ScheduleChange(on=START, **fields)  # type: ignore[arg-type]


def test_a_scheduled_change_of_zero_seats_is_out_of_range() -> None:
    with raises_invalid(field="quantity", code=ErrorCode.OUT_OF_RANGE):
        ScheduleChange(on=START, quantity=0)


def test_lifecycle_instants_must_be_aware() -> None:
    naive = dt.datetime(2024, 1, 12, 9)  # noqa: DTZ001 - the refusal under test
    with raises_invalid(field="at", code=ErrorCode.NAIVE_DATETIME):
        Suspend(at=naive)
    with raises_invalid(field="at", code=ErrorCode.NAIVE_DATETIME):
        Reactivate(at=naive)
    with raises_invalid(field="at", code=ErrorCode.NAIVE_DATETIME):
        CompleteRenewal(on=D(2024, 1, 12), at=naive)


# -- forbidden changes -----------------------------------------------------------------------------


def test_scheduling_with_auto_renew_off_is_refused_with_its_reason() -> None:
    with pytest.raises(ScheduledChangeRefused) as refused:
        lifecycle(
            sub(auto_renew=False), [ScheduleChange(on=D(2024, 1, 12), quantity=6)], through=D(2024, 1, 12)
        )
    (reason,) = refused.value.reasons
    assert (reason.code, reason.params["subscription"]) == ("billing.schedule.auto_renew_off", "a")
    assert reason.source is not None
    assert (
        reason.source.section
        == "Scheduled changes for managing new commerce license-based subscription renewals"
    )


def test_more_scheduled_seats_than_the_offer_allows_are_out_of_range() -> None:
    with pytest.raises(QuantityOutOfRange):
        lifecycle(
            sub(max_quantity=10), [ScheduleChange(on=D(2024, 1, 12), quantity=11)], through=D(2024, 1, 12)
        )


def test_turning_auto_renew_on_while_suspended_is_refused() -> None:
    events: list[Suspend | SetAutoRenew] = [
        Suspend(at=at(D(2024, 1, 12), 9)),
        SetAutoRenew(on=D(2024, 1, 13), enabled=True),
    ]
    with pytest.raises(SuspensionRefused) as refused:
        lifecycle(sub(), events, through=D(2024, 1, 13))
    assert refused.value.reasons[0].code == "billing.suspension.suspended"


def test_a_trial_cannot_be_suspended() -> None:
    trial = sub(term="P1M", frequency="none", quantity=25, unit_price=Money(0, "EUR"), trial=True)
    with pytest.raises(TrialRestriction):
        lifecycle(trial, [Suspend(at=at(D(2024, 1, 12)))], through=D(2024, 1, 12))


def test_a_trials_scheduled_conversion_needs_a_price() -> None:
    trial = sub(term="P1M", frequency="none", quantity=25, unit_price=Money(0, "EUR"), trial=True)
    with pytest.raises(ScheduledChangeRefused) as refused:
        lifecycle(trial, [ScheduleChange(on=D(2024, 1, 12), quantity=3)], through=D(2024, 1, 12))
    assert refused.value.reasons[0].code == "billing.schedule.conversion_price"


def test_removing_a_scheduled_change_while_renewing_is_refused() -> None:
    renewal = D(2024, 2, 10)
    events: list[CancelScheduledChange | CompleteRenewal] = [
        CancelScheduledChange(on=renewal),
        CompleteRenewal(on=renewal, at=at(renewal, 2)),
    ]
    with pytest.raises(RenewalPending):
        lifecycle(sub(), events, through=renewal)
