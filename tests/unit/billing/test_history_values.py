"""history_from_dict, pinned: each refusal's field, problem, value and message, and the defaults."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cspcore import InvalidInput
from cspcore.billing import ProrationRounding, history_from_dict

SUBSCRIPTION = {
    "id": "sub-1",
    "product": "Microsoft 365 Business Standard",
    "start": dt.date(2024, 6, 18),
    "term": "P1Y",
    "frequency": "monthly",
    "quantity": 10,
    "unit_price": "10.08",
    "currency": "EUR",
}
KINDS = "change_quantity, cancel, upgrade, change_billing_plan, convert_trial, price_change"


def history(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"through": dt.date(2024, 7, 31), "subscription": dict(SUBSCRIPTION)}
    data.update(changes)
    return data


def refusal(data: object) -> tuple[str, str, object, str]:
    with pytest.raises(InvalidInput) as caught:
        history_from_dict(data)  # type: ignore[arg-type]
    error = caught.value
    return error.field, error.problem, error.value, str(error)


def test_a_history_without_events_has_none_and_rounds_the_unit_price_first() -> None:
    subscription, events, through, rounding = history_from_dict(history())
    assert (subscription.id, events, through) == ("sub-1", (), dt.date(2024, 7, 31))
    assert rounding is ProrationRounding.UNIT_PRICE_FIRST


def test_a_history_that_is_not_a_table_is_refused_as_history() -> None:
    assert refusal([]) == (
        "history",
        "expected a table (mapping)",
        [],
        "history: expected a table (mapping) (got [])",
    )


def test_a_missing_currency_is_refused_as_the_subscriptions_currency() -> None:
    subscription = {key: value for key, value in SUBSCRIPTION.items() if key != "currency"}
    assert refusal(history(subscription=subscription)) == (
        "subscription.currency",
        "expected a str",
        None,
        "subscription.currency: expected a str (got None)",
    )


def test_a_float_unit_price_is_refused_with_moneys_own_problem_under_the_subscriptions_path() -> None:
    assert refusal(history(subscription={**SUBSCRIPTION, "unit_price": 10.08})) == (
        "subscription.unit_price",
        "floats are refused, pass a Decimal, int or str",
        10.08,
        "subscription.unit_price: floats are refused, pass a Decimal, int or str (got 10.08)",
    )


def test_a_float_price_in_an_event_is_refused_under_the_events_path() -> None:
    event = {"kind": "price_change", "on": dt.date(2025, 6, 18), "unit_price": 1.5}
    assert refusal(history(events=[event])) == (
        "events[0].unit_price",
        "floats are refused, pass a Decimal, int or str",
        1.5,
        "events[0].unit_price: floats are refused, pass a Decimal, int or str (got 1.5)",
    )


def test_events_that_are_not_a_list_are_refused_naming_the_value() -> None:
    assert refusal(history(events="x")) == (
        "events",
        "expected a list of tables",
        "x",
        "events: expected a list of tables (got 'x')",
    )


@pytest.mark.parametrize(
    ("event", "shown"),
    [
        ({"kind": "teleport", "on": dt.date(2024, 6, 20)}, "'teleport'"),
        ({"on": dt.date(2024, 6, 20)}, "None"),
    ],
)
def test_an_unknown_or_missing_event_kind_is_refused_listing_every_kind(
    event: dict[str, Any], shown: str
) -> None:
    later = {"kind": "change_quantity", "on": dt.date(2024, 6, 21), "quantity": 11}
    assert refusal(history(events=[later, event])) == (
        "events[1].kind",
        f"expected one of {KINDS}",
        event.get("kind"),
        f"events[1].kind: expected one of {KINDS} (got {shown})",
    )


def test_the_rounding_may_be_named_in_partner_center_spelling_or_by_member_name() -> None:
    assert history_from_dict(history(rounding="lineTotal"))[3] is ProrationRounding.LINE_TOTAL
    assert history_from_dict(history(rounding="unit_price_first"))[3] is ProrationRounding.UNIT_PRICE_FIRST
