"""The instant of a preview and its proposed event agree, and the history comes before it."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.previews import e3

from cspcore import InvalidInput, Money
from cspcore.billing import (
    Cancel,
    ChangeQuantity,
    CompleteRenewal,
    PriceChange,
    Suspend,
    preview,
)
from cspcore.errors import ErrorCode

D = dt.date
MOMENT = dt.datetime(2024, 1, 20, 9, tzinfo=dt.UTC)


def refusal(**kwargs: object) -> InvalidInput:
    arguments: dict[str, object] = {
        "history": [],
        "proposed": ChangeQuantity(on=MOMENT.date(), quantity=12),
        "at": MOMENT,
    }
    arguments.update(kwargs)
    with pytest.raises(InvalidInput) as caught:
        preview(e3(), **arguments)  # type: ignore[arg-type]
    return caught.value


def test_a_dated_change_on_another_day_is_inconsistent() -> None:
    error = refusal(proposed=ChangeQuantity(on=D(2024, 1, 21), quantity=12))
    assert (error.field, error.code) == ("proposed.on", ErrorCode.INCONSISTENT)


def test_the_day_is_the_utc_day_of_the_instant() -> None:
    late_evening = dt.datetime(2024, 1, 20, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5)))  # Jan 21 UTC
    error = refusal(at=late_evening)
    assert (error.field, error.code) == ("proposed.on", ErrorCode.INCONSISTENT)


def test_an_instant_change_at_another_instant_is_inconsistent() -> None:
    error = refusal(proposed=Cancel(at=MOMENT + dt.timedelta(minutes=1)))
    assert (error.field, error.code) == ("proposed.at", ErrorCode.INCONSISTENT)


def test_an_instant_change_given_in_another_zone_is_the_same_instant() -> None:
    zone = dt.timezone(dt.timedelta(hours=2))
    result = preview(e3(), [], Suspend(at=MOMENT.astimezone(zone)), at=MOMENT)
    assert result.is_allowed
    assert result.at == MOMENT


@pytest.mark.parametrize(
    "proposed",
    [
        PriceChange(on=MOMENT.date(), unit_price=Money("40", "USD")),
        CompleteRenewal(on=MOMENT.date(), at=MOMENT),
    ],
)
def test_events_a_partner_does_not_make_are_not_previewed(proposed: object) -> None:
    error = refusal(proposed=proposed)
    assert (error.field, error.code) == ("proposed", ErrorCode.NOT_ALLOWED)


def test_a_proposal_that_is_no_event_is_refused() -> None:
    error = refusal(proposed="add two seats")
    assert (error.field, error.code) == ("proposed", ErrorCode.WRONG_TYPE)


def test_a_naive_instant_is_refused() -> None:
    error = refusal(at=MOMENT.replace(tzinfo=None))
    assert (error.field, error.code) == ("at", ErrorCode.NAIVE_DATETIME)


@pytest.mark.parametrize(
    "event",
    [ChangeQuantity(on=D(2024, 1, 21), quantity=11), Suspend(at=MOMENT + dt.timedelta(hours=1))],
)
def test_history_after_the_instant_is_out_of_order(event: object) -> None:
    error = refusal(history=[event])
    assert (error.field, error.code) == ("history[0]", ErrorCode.OUT_OF_ORDER)


def test_history_that_is_no_event_is_refused() -> None:
    error = refusal(history=[ChangeQuantity(on=D(2024, 1, 12), quantity=11), "x"])
    assert (error.field, error.code) == ("history[1]", ErrorCode.WRONG_TYPE)


def test_through_before_the_change_is_refused() -> None:
    error = refusal(through=D(2024, 1, 19))
    assert (error.field, error.code) == ("through", ErrorCode.OUT_OF_RANGE)


def test_an_unknown_subscription_is_named_on_the_proposal() -> None:
    error = refusal(proposed=ChangeQuantity(on=MOMENT.date(), quantity=12, subscription="nope"))
    assert (error.field, error.code) == ("proposed.subscription", ErrorCode.UNKNOWN_REFERENCE)


def test_an_error_in_the_history_is_named_on_the_history() -> None:
    error = refusal(history=[ChangeQuantity(on=D(2024, 1, 12), quantity=11, subscription="nope")])
    assert (error.field, error.code) == ("history[0].subscription", ErrorCode.UNKNOWN_REFERENCE)


def test_an_event_before_the_subscription_starts_is_named_on_the_history() -> None:
    error = refusal(history=[ChangeQuantity(on=D(2024, 1, 2), quantity=11)])
    assert (error.field, error.code) == ("history[0]", ErrorCode.INCONSISTENT)


def test_the_replays_own_refusals_keep_their_field() -> None:
    error = refusal(through=D(2200, 1, 1))
    assert (error.field, error.code) == ("through", ErrorCode.OUT_OF_RANGE)
