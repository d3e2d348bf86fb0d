"""history_from_dict: a subscription's history from plain data, with errors that name the path."""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import (
    Cancel,
    ChangeQuantity,
    PriceChange,
    ProrationRounding,
    Term,
    history_from_dict,
    rate,
)
from cspcore.errors import ErrorCode

TOML = """
through = 2024-07-31
rounding = "line_total"

[subscription]
id = "sub-1"
product = "Microsoft 365 Business Standard"
start = 2024-06-18
term = "P1Y"
frequency = "monthly"
quantity = 10
unit_price = "10.08"
currency = "EUR"

[[events]]
kind = "change_quantity"
on = 2024-06-20
quantity = 12

[[events]]
kind = "price_change"
on = 2025-06-18
unit_price = "11.00"
"""


TOML_DATA = tomllib.loads(TOML)


def data(**changes: Any) -> dict[str, Any]:
    loaded = tomllib.loads(TOML)
    loaded.update(changes)
    return loaded


def test_reads_a_toml_history_into_values() -> None:
    subscription, events, through, rounding = history_from_dict(tomllib.loads(TOML))
    assert subscription.term is Term.P1Y
    assert subscription.unit_price == Money("10.08", "EUR")
    assert events[0] == ChangeQuantity(on=dt.date(2024, 6, 20), quantity=12)
    assert events[1] == PriceChange(on=dt.date(2025, 6, 18), unit_price=Money("11.00", "EUR"))
    assert through == dt.date(2024, 7, 31)
    assert rounding is ProrationRounding.LINE_TOTAL


def test_the_history_rates_to_microsofts_seat_change_figures() -> None:
    subscription, events, through, _ = history_from_dict(tomllib.loads(TOML))
    subtotals = [line.subtotal for line in rate(subscription, events, through=through)]
    assert subtotals[:3] == [Money("100.80", "EUR"), Money("-94.00", "EUR"), Money("112.80", "EUR")]


def test_a_cancel_event_takes_an_aware_instant() -> None:
    loaded = data(events=[{"kind": "cancel", "at": dt.datetime(2024, 6, 19, 10, tzinfo=dt.UTC)}])
    _, events, _, _ = history_from_dict(loaded)
    assert isinstance(events[0], Cancel)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        (
            {"events": [{"kind": "teleport", "on": dt.date(2024, 6, 20)}]},
            "events[0].kind",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            {"events": [{"kind": "change_quantity", "on": dt.date(2024, 6, 20), "quantity": 1.5}]},
            "events[0].quantity",
            None,  # the event's own check
        ),
        (
            {"events": [{"kind": "change_quantity", "on": dt.date(2024, 6, 20), "quantity": 1, "seats": 3}]},
            "events[0].seats",
            ErrorCode.UNKNOWN_VALUE,
        ),
        ({"events": [{"kind": "change_quantity"}]}, "events[0].on", ErrorCode.MISSING),
        (
            {"events": [{"kind": "price_change", "on": dt.date(2025, 6, 18), "unit_price": 1.5}]},
            "events[0].unit_price",
            ErrorCode.WRONG_TYPE,
        ),
        ({"events": "x"}, "events", ErrorCode.WRONG_TYPE),
        ({"events": ["x"]}, "events[0]", ErrorCode.WRONG_TYPE),
        ({"through": "31 July 2024"}, "through", ErrorCode.MALFORMED),
        ({"through": 20240731}, "through", ErrorCode.WRONG_TYPE),
        ({"rounding": "nearest"}, "rounding", ErrorCode.UNKNOWN_VALUE),
        ({"colour": "blue"}, "colour", ErrorCode.UNKNOWN_VALUE),
        ({"subscription": "x"}, "subscription", ErrorCode.WRONG_TYPE),
    ],
)
def test_refusals_name_the_path(changes: dict[str, Any], field: str, code: ErrorCode | None) -> None:
    with pytest.raises(InvalidInput) as caught:
        history_from_dict(data(**changes))
    assert caught.value.field == field
    if code is not None:
        assert caught.value.code == code


@pytest.mark.parametrize(
    ("key", "value", "field", "code"),
    [
        ("term", "P2Y", "subscription.term", ErrorCode.UNKNOWN_VALUE),
        ("quantity", 0, "subscription.quantity", None),  # the subscription's own check
        ("currency", "XXX1", "subscription.currency", ErrorCode.UNKNOWN_VALUE),
        ("unit_price", 10.08, "subscription.unit_price", ErrorCode.WRONG_TYPE),
        ("seats", 3, "subscription.seats", ErrorCode.UNKNOWN_VALUE),
    ],
)
def test_subscription_refusals_name_the_field(
    key: str, value: object, field: str, code: ErrorCode | None
) -> None:
    loaded = data()
    loaded["subscription"] = {**loaded["subscription"], key: value}
    with pytest.raises(InvalidInput) as caught:
        history_from_dict(loaded)
    assert caught.value.field == field
    if code is not None:
        assert caught.value.code == code


@pytest.mark.parametrize("key", ["product", "currency", "unit_price"])
def test_a_missing_subscription_field_is_refused_at_its_path(key: str) -> None:
    loaded = data()
    del loaded["subscription"][key]
    with pytest.raises(InvalidInput) as caught:
        history_from_dict(loaded)
    assert (caught.value.field, caught.value.code) == (f"subscription.{key}", ErrorCode.MISSING)


def test_refuses_non_mappings_and_non_string_keys() -> None:
    for data, field in (
        ([], "history"),
        ({1: 2}, "history"),
        ({**TOML_DATA, "subscription": {1: 2}}, "subscription"),
    ):
        with pytest.raises(InvalidInput) as caught:
            history_from_dict(data)  # type: ignore[arg-type]
        assert (caught.value.field, caught.value.code) == (field, ErrorCode.WRONG_TYPE)
