"""history_from_dict, pinned: each refusal's field, code and value, and the defaults."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cspcore import InvalidInput
from cspcore.billing import ProrationRounding, history_from_dict
from cspcore.errors import ErrorCode

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


def history(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {"through": dt.date(2024, 7, 31), "subscription": dict(SUBSCRIPTION)}
    data.update(changes)
    return data


def refusal(data: object) -> tuple[str, ErrorCode, object]:
    with pytest.raises(InvalidInput) as caught:
        history_from_dict(data)  # type: ignore[arg-type]
    error = caught.value
    return error.field, error.code, error.value


def test_a_history_without_events_has_none_and_rounds_the_unit_price_first() -> None:
    subscription, events, through, rounding = history_from_dict(history())
    assert (subscription.id, events, through) == ("sub-1", (), dt.date(2024, 7, 31))
    assert rounding is ProrationRounding.UNIT_PRICE_FIRST


def test_a_history_that_is_not_a_table_is_refused_as_history() -> None:
    assert refusal([]) == ("history", ErrorCode.WRONG_TYPE, [])


def test_a_missing_currency_is_refused_as_the_subscriptions_currency() -> None:
    subscription = {key: value for key, value in SUBSCRIPTION.items() if key != "currency"}
    assert refusal(history(subscription=subscription)) == ("subscription.currency", ErrorCode.MISSING, None)


def test_a_float_unit_price_is_refused_with_moneys_own_code_under_the_subscriptions_path() -> None:
    assert refusal(history(subscription={**SUBSCRIPTION, "unit_price": 10.08})) == (
        "subscription.unit_price",
        ErrorCode.WRONG_TYPE,
        10.08,
    )


def test_a_float_price_in_an_event_is_refused_under_the_events_path() -> None:
    event = {"kind": "price_change", "on": dt.date(2025, 6, 18), "unit_price": 1.5}
    assert refusal(history(events=[event])) == ("events[0].unit_price", ErrorCode.WRONG_TYPE, 1.5)


def test_events_that_are_not_a_list_are_refused_naming_the_value() -> None:
    assert refusal(history(events="x")) == ("events", ErrorCode.WRONG_TYPE, "x")


def test_an_unknown_event_kind_is_refused_naming_the_kind() -> None:
    later = {"kind": "change_quantity", "on": dt.date(2024, 6, 21), "quantity": 11}
    event = {"kind": "teleport", "on": dt.date(2024, 6, 20)}
    assert refusal(history(events=[later, event])) == ("events[1].kind", ErrorCode.UNKNOWN_VALUE, "teleport")


def test_a_missing_event_kind_is_refused_as_missing() -> None:
    event = {"on": dt.date(2024, 6, 20)}
    assert refusal(history(events=[event])) == ("events[0].kind", ErrorCode.MISSING, None)


def test_an_events_own_refusal_is_named_under_its_path() -> None:
    event = {"kind": "change_quantity", "on": dt.date(2024, 6, 20), "quantity": "3"}
    field, _, value = refusal(history(events=[event]))
    assert (field, value) == ("events[0].quantity", "3")


def test_the_rounding_may_be_named_in_partner_center_spelling_or_by_member_name() -> None:
    assert history_from_dict(history(rounding="lineTotal"))[3] is ProrationRounding.LINE_TOTAL
    assert history_from_dict(history(rounding="unit_price_first"))[3] is ProrationRounding.UNIT_PRICE_FIRST
