"""A refused argument of a lifecycle replay is named by its field and code and carries the value given
(the object, not a copy), and a currency mismatch carries both currencies. The century a replay may span
ends on its last day, and the lines of several subscriptions come in the order they happen."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.lifecycle_subscriptions import START
from tests.lifecycle_subscriptions import subscription as sub
from tests.refusals import raises_invalid

from cspcore import InvalidInput, Money
from cspcore.billing import (
    ChangeQuantity,
    PriceChange,
    Subscription,
    lifecycle,
)
from cspcore.billing.exchange import ExchangeRates
from cspcore.errors import CurrencyMismatch, ErrorCode

D = dt.date
#: The longest replay: a century of days after the first subscription's start.
CENTURY = 36_525


def currencies(refused: InvalidInput) -> tuple[str, str]:
    """The two currencies a mismatch names: the one expected, then the one given."""
    assert isinstance(refused, CurrencyMismatch)
    return refused.left, refused.right


def test_subscriptions_of_the_wrong_kind_are_carried_by_the_refusal() -> None:
    given = 42
    with raises_invalid(field="subscriptions", code=ErrorCode.WRONG_TYPE) as caught:
        lifecycle(given, through=START)  # type: ignore[arg-type]
    assert caught.value.value is given


def test_no_subscription_is_refused_with_the_empty_collection() -> None:
    given: list[Subscription] = []
    with raises_invalid(field="subscriptions", code=ErrorCode.EMPTY) as caught:
        lifecycle(given, through=START)
    assert caught.value.value is given


def test_a_subscription_id_given_twice_carries_the_id() -> None:
    with raises_invalid(field="subscriptions[1].id", code=ErrorCode.DUPLICATE) as caught:
        lifecycle([sub("a"), sub("a")], through=START)
    assert caught.value.value == "a"


def test_subscriptions_in_two_currencies_name_both() -> None:
    other = sub("b", unit_price=Money("30.00", "USD"))
    with raises_invalid(
        field="subscriptions[1].unit_price", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch
    ) as caught:
        lifecycle([sub("a"), other], through=START)
    assert currencies(caught.value) == ("EUR", "USD")


def test_exchange_rates_of_the_wrong_kind_are_named_exchange() -> None:
    with raises_invalid(field="exchange", code=ErrorCode.WRONG_TYPE):
        lifecycle(sub("a"), through=START, exchange={"2024-01": 1})  # type: ignore[arg-type]


def test_exchange_rates_from_another_currency_name_both() -> None:
    rates = ExchangeRates(pricing_currency="USD", billing_currency="GBP", rates={"2024-01": "0.8"})
    with raises_invalid(
        field="exchange.pricing_currency", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch
    ) as caught:
        lifecycle(sub("a"), through=START, exchange=rates)
    assert currencies(caught.value) == ("EUR", "USD")


def test_events_of_the_wrong_kind_are_carried_by_the_refusal() -> None:
    given = 7
    with raises_invalid(field="events", code=ErrorCode.WRONG_TYPE) as caught:
        lifecycle(sub("a"), given, through=START)  # type: ignore[arg-type]
    assert caught.value.value is given


def test_an_item_that_is_no_event_is_carried_by_the_refusal() -> None:
    given = "cancel"
    with raises_invalid(field="events[0]", code=ErrorCode.WRONG_TYPE) as caught:
        lifecycle(sub("a"), [given], through=START)  # type: ignore[list-item]
    assert caught.value.value is given


def test_an_unnamed_event_among_several_subscriptions_says_what_is_missing() -> None:
    with raises_invalid(field="events[0].subscription", code=ErrorCode.MISSING) as caught:
        lifecycle([sub("a"), sub("b")], [ChangeQuantity(on=START, quantity=6)], through=START)
    assert caught.value.value is None
    assert isinstance(caught.value.problem, str)
    assert caught.value.problem


def test_an_event_before_its_own_subscription_starts_is_refused() -> None:
    later = sub("b", start=START + dt.timedelta(days=5))
    event = ChangeQuantity(on=START + dt.timedelta(days=2), quantity=6, subscription="b")
    with raises_invalid(field="events[0]", code=ErrorCode.INCONSISTENT) as caught:
        lifecycle([sub("a"), later], [event], through=START + dt.timedelta(days=5))
    assert caught.value.value is event


def test_an_event_is_dated_against_its_own_subscription_not_the_first() -> None:
    earlier = sub("b", start=START - dt.timedelta(days=5))
    event = ChangeQuantity(on=START - dt.timedelta(days=2), quantity=6, subscription="b")
    replay = lifecycle([sub("a"), earlier], [event], through=START)
    assert replay.states["b"].quantity == 6


def test_a_price_in_another_currency_names_both() -> None:
    price = PriceChange(on=START, unit_price=Money("31.00", "USD"))
    with raises_invalid(
        field="events[0].unit_price", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch
    ) as caught:
        lifecycle(sub("a"), [price], through=START)
    assert currencies(caught.value) == ("EUR", "USD")


def test_a_replay_may_span_a_century_to_the_day() -> None:
    yearly = sub("a", term="P1Y", frequency="annual")
    last = START + dt.timedelta(days=CENTURY)
    assert lifecycle(yearly, through=last).through == last


def test_a_replay_a_day_past_the_century_carries_the_day() -> None:
    beyond = START + dt.timedelta(days=CENTURY + 1)
    with raises_invalid(field="through", code=ErrorCode.OUT_OF_RANGE) as caught:
        lifecycle(sub("a"), through=beyond)
    assert caught.value.value == beyond


def test_the_lines_of_two_subscriptions_come_in_date_order() -> None:
    earlier = sub("b", start=START - dt.timedelta(days=5))
    replay = lifecycle([sub("a"), earlier], through=START)
    assert [(line.subscription_id, line.order_date) for line in replay.lines] == [
        ("b", START - dt.timedelta(days=5)),
        ("a", START),
    ]


@pytest.mark.parametrize("through", [START, START + dt.timedelta(days=10)])
def test_an_active_subscription_has_no_end_reason_and_no_pending_renewal(through: dt.date) -> None:
    state = lifecycle(sub("a"), through=through).states["a"]
    assert state.end_reason is None
    assert state.renewal_pending is False
