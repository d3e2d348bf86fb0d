"""The lifecycle rules at their edges: the day a limit is reached is allowed, the day after refused; the two
sides of one order share its reference; a full refund returns what was billed; windows follow the family."""

from __future__ import annotations

import datetime as dt
import time
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from tests.lifecycle_subscriptions import START, at, trial
from tests.lifecycle_subscriptions import subscription as sub
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import (
    Cancel,
    ChangeQuantity,
    ChargeType,
    CompleteRenewal,
    ConvertTrial,
    EndReason,
    ScheduleChange,
    ScheduledChangeRefused,
    SubscriptionInactive,
    Upgrade,
    lifecycle,
    rate,
)
from cspcore.billing.exchange import ExchangeRates
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from collections.abc import Iterator

D = dt.date


def moved(day: dt.date, quantity: int | None = None) -> Upgrade:
    return Upgrade(
        on=day,
        product="Microsoft 365 E5",
        unit_price=Money("50.00", "EUR"),
        quantity=quantity,
        into_existing=True,
        subscription_id="b",
        subscription="a",
    )


# -- seats -------------------------------------------------------------------------------------------


def test_an_upgrade_may_name_every_seat_and_upgrades_the_subscription_itself() -> None:
    upgrade = Upgrade(
        on=D(2024, 1, 20), product="Microsoft 365 E5", unit_price=Money("50.00", "EUR"), quantity=5
    )
    result = lifecycle(sub(), [upgrade], through=D(2024, 1, 20))
    assert list(result.states) == ["a"]
    assert (result.states["a"].product, result.states["a"].quantity) == ("Microsoft 365 E5", 5)


def test_restating_the_seat_count_of_a_family_that_cannot_change_seats_is_no_change() -> None:
    software = sub(family="software subscription", term="P1Y", frequency="annual")
    result = lifecycle(software, [ChangeQuantity(on=D(2024, 1, 12), quantity=5)], through=D(2024, 1, 12))
    assert [line.charge_type for line in result.lines] == [ChargeType.NEW]
    assert result.states["a"].quantity == 5


def test_as_many_seats_as_the_offer_allows_may_be_scheduled() -> None:
    result = lifecycle(
        sub(max_quantity=10), [ScheduleChange(on=D(2024, 1, 12), quantity=10)], through=D(2024, 1, 12)
    )
    change = result.states["a"].scheduled_change
    assert change is not None
    assert change.quantity == 10


# -- custom ends of the next term ----------------------------------------------------------------


@pytest.mark.parametrize(
    "end",
    [D(2024, 2, 10), D(2024, 3, 10)],
    ids=["the renewal day", "the day a standard term would renew"],
)
def test_a_custom_end_may_fall_on_either_end_of_the_next_term(end: dt.date) -> None:
    result = lifecycle(sub(), [ScheduleChange(on=D(2024, 1, 12), end=end)], through=D(2024, 1, 12))
    change = result.states["a"].scheduled_change
    assert change is not None
    assert change.end == end


def test_a_custom_end_on_the_current_terms_last_day_is_refused() -> None:
    with pytest.raises(ScheduledChangeRefused) as refused:
        lifecycle(sub(), [ScheduleChange(on=D(2024, 1, 12), end=D(2024, 2, 9))], through=D(2024, 1, 12))
    assert [reason.code for reason in refused.value.reasons] == ["billing.schedule.end_outside_term"]


def test_a_trial_converts_to_a_year_so_its_custom_end_may_be_months_away() -> None:
    paid = trial("t", paid_unit_price=Money("30.00", "EUR"))
    result = lifecycle(paid, [ScheduleChange(on=D(2024, 1, 12), end=D(2024, 7, 31))], through=D(2024, 1, 12))
    change = result.states["t"].scheduled_change
    assert change is not None
    assert change.end == D(2024, 7, 31)


def test_a_monthly_custom_end_in_a_short_february_is_checked_like_any_other() -> None:
    result = lifecycle(
        sub(start=D(2025, 1, 10)),
        [ScheduleChange(on=D(2025, 1, 12), end=D(2025, 2, 15))],
        through=D(2025, 1, 12),
    )
    change = result.states["a"].scheduled_change
    assert change is not None
    assert change.end == D(2025, 2, 15)


# -- moving seats and converting trials into existing subscriptions ------------------------------


def test_seats_may_move_into_a_subscription_the_day_its_window_closes() -> None:
    target = sub("b", start=D(2024, 1, 12))  # its window closes January 19 at 00:00 UTC
    result = lifecycle([sub(), target], [moved(D(2024, 1, 19), quantity=2)], through=D(2024, 1, 19))
    assert (result.states["a"].quantity, result.states["b"].quantity) == (3, 7)


def test_seats_may_move_into_a_subscription_that_ends_the_same_day() -> None:
    target = sub("b", start=START)
    result = lifecycle(
        [sub(start=D(2024, 1, 10)), target], [moved(D(2024, 1, 25), 2)], through=D(2024, 1, 25)
    )
    assert (result.states["a"].quantity, result.states["b"].quantity) == (3, 7)


def test_moving_every_seat_ends_the_source_as_moved_and_both_lines_share_a_reference() -> None:
    target = sub("b", start=D(2024, 1, 12))
    result = lifecycle([sub(), target], [moved(D(2024, 1, 25))], through=D(2024, 1, 25))
    source, destination = (line for line in result.lines if line.charge_type is ChargeType.MOVE_QUANTITY)
    assert (source.subscription_id, destination.subscription_id) == ("a", "b")
    assert source.reference_id is not None
    assert destination.reference_id == source.reference_id
    assert result.states["a"].end_reason is EndReason.MOVED
    assert result.states["b"].quantity == 10


def test_no_seats_move_into_a_cancelled_subscription() -> None:
    target = sub("b", start=D(2024, 1, 12))
    events = (Cancel(at=at(D(2024, 1, 12), 5), subscription="b"), moved(D(2024, 1, 25)))
    with pytest.raises(SubscriptionInactive):
        lifecycle([sub(), target], events, through=D(2024, 1, 25))


def test_a_trial_may_convert_into_a_subscription_that_ends_the_same_day() -> None:
    paid = sub("p", start=START)  # both end February 9
    result = lifecycle(
        [trial("t", start=D(2024, 1, 11)), paid],
        [ConvertTrial(on=D(2024, 1, 20), into="p", subscription="t")],
        through=D(2024, 1, 20),
    )
    assert result.states["t"].term_end == result.states["p"].term_end
    refund, charge = (line for line in result.lines if line.charge_type is ChargeType.CONVERT)
    assert (refund.subscription_id, charge.subscription_id) == ("t", "p")
    assert refund.reference_id is not None
    assert charge.reference_id == refund.reference_id
    assert result.states["p"].quantity == 30


def test_a_trial_does_not_convert_into_a_cancelled_subscription() -> None:
    events = (
        Cancel(at=at(D(2024, 1, 12)), subscription="p"),
        ConvertTrial(on=D(2024, 1, 20), into="p", subscription="t"),
    )
    with pytest.raises(SubscriptionInactive):
        lifecycle([trial("t", start=D(2024, 1, 11)), sub("p")], events, through=D(2024, 1, 20))


def test_a_partial_upgrade_into_a_new_id_that_is_taken_is_a_duplicate() -> None:
    upgrade = Upgrade(
        on=D(2024, 1, 20),
        product="Microsoft 365 E5",
        unit_price=Money("50.00", "EUR"),
        quantity=2,
        subscription_id="b",
        subscription="a",
    )
    with raises_invalid(field="events[0].subscription_id", code=ErrorCode.DUPLICATE):
        lifecycle([sub(), sub("b")], [upgrade], through=D(2024, 1, 20))


# -- renewals --------------------------------------------------------------------------------------


def test_a_completion_on_the_purchase_day_is_of_no_renewal() -> None:
    completion = CompleteRenewal(on=START, at=at(START, 3))
    with raises_invalid(field="events[0].on", code=ErrorCode.INCONSISTENT):
        lifecycle(sub(), [completion], through=START)


# -- refunds and windows ---------------------------------------------------------------------------


def test_a_full_refund_returns_the_billed_subtotals_shown_per_seat() -> None:
    # bought at 23:00 UTC, so the full refund still runs the next day, after 2 seats were added
    bought = sub(purchased_at=at(START, 23))
    events = (ChangeQuantity(on=D(2024, 1, 11), quantity=7), Cancel(at=at(D(2024, 1, 11), 12)))
    lines = lifecycle(bought, events, through=D(2024, 1, 11)).lines
    # billed: 150.00 for January 10 - February 9, then -145.15 and +203.21 for 30 of its 31 days
    refund = lines[-1]
    assert (refund.charge_type, refund.quantity, refund.subtotal) == (
        ChargeType.CANCEL_IMMEDIATE,
        Decimal(7),
        Money("-208.06", "EUR"),
    )
    # the billed cents, not the unrounded prices: -208.06 / 7, not -208.0645... / 7
    assert refund.effective_unit_price.amount.quantize(Decimal("0.000001")) == Decimal("-29.722857")


def test_a_full_refund_in_a_billing_currency_is_priced_per_seat_in_the_pricing_currency() -> None:
    rates = ExchangeRates(pricing_currency="EUR", billing_currency="USD", rates={"2024-01": "1.1"})
    lines = rate(sub(), [Cancel(at=at(START, 12))], through=START, exchange=rates)
    new, refund = lines
    # 5 seats at 30.00 EUR are billed ROUNDDOWN(30.00 x 1.1, 2) x 5 = 165.00 USD
    assert (new.subtotal, refund.subtotal) == (Money("165.00", "USD"), Money("-165.00", "USD"))
    assert refund.effective_unit_price == Money("-30.00", "EUR")


def test_a_yearly_marketplace_saas_term_gets_the_yearly_full_refund_window() -> None:
    # until the 72-hour rule: 24 hours for a monthly term, 14 days for a yearly one
    saas = sub(family="marketplace saas", term="P1Y", frequency="annual", start=D(2022, 6, 1))
    state = lifecycle(saas, through=D(2022, 6, 1)).states["a"]
    assert (state.full_refund_until, state.cancellable_until) == (at(D(2022, 6, 15)), at(D(2022, 6, 15)))


@pytest.fixture
def far_west_clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The process's local time zone is five hours behind UTC (restored afterwards)."""
    monkeypatch.setenv("TZ", "EST+05")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("far_west_clock")
def test_the_family_policy_is_the_one_of_the_utc_day_the_window_opened() -> None:
    # bought 00:30 UTC on the first day of the 72-hour SaaS rule (still July 27 on a clock 5 hours behind)
    saas = sub(
        family="marketplace saas",
        term="P1Y",
        frequency="annual",
        start=D(2023, 7, 28),
        purchased_at=dt.datetime(2023, 7, 28, 0, 30, tzinfo=dt.UTC),
    )
    state = lifecycle(saas, through=D(2023, 7, 28)).states["a"]
    assert state.full_refund_until == dt.datetime(2023, 7, 31, 0, 30, tzinfo=dt.UTC)
