"""The fast ChargeLine constructor keeps ChargeLine's invariants; charge types in every spelling."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.interop._lines import LEGACY_CHARGE_TYPES, charge_type, trusted_charge_line


def fields(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "order_date": dt.date(2024, 1, 1),
        "charge_type": ChargeType.NEW,
        "product": "P",
        "subscription_id": "s",
        "unit_price": Money(1, "EUR"),
        "effective_unit_price": Money(1, "EUR"),
        "quantity": Decimal(2),
        "subtotal": Money(2, "EUR"),
        "charge_start": dt.date(2024, 1, 1),
        "charge_end": dt.date(2024, 1, 31),
    }
    values.update(changes)
    return values


def test_trusted_lines_equal_validated_lines_with_derived_tax_and_total() -> None:
    assert trusted_charge_line(**fields()) == ChargeLine(**fields())


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"total": Money(3, "EUR")}, "total"),
        ({"unit_price": Money(1, "USD")}, "unit_price"),
        ({"tax": Money(0, "USD"), "total": None}, None),
        ({"charge_end": dt.date(2023, 12, 31)}, "charge_end"),
    ],
)
def test_trusted_lines_refuse_what_charge_line_refuses(changes: dict[str, Any], field: str | None) -> None:
    with pytest.raises(InvalidInput) as caught:
        trusted_charge_line(**fields(**changes))
    with pytest.raises(InvalidInput):
        ChargeLine(**{k: v for k, v in fields(**changes).items() if v is not None})
    if field is not None:
        assert caught.value.field == field


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        (ChargeType.RENEW, ChargeType.RENEW),
        ("New", ChargeType.NEW),
        ("CYCLECHARGE", ChargeType.CYCLE_CHARGE),
        ("cycle_charge", ChargeType.CYCLE_CHARGE),
        ("Add Quantity", ChargeType.ADD_QUANTITY),
        (" Prorate  fees when convert to a new offering ", ChargeType.CONVERT),
        ("Offset a line item", ChargeType.CUSTOMER_CREDIT),
    ],
)
def test_charge_types_are_read_in_partner_center_spellings(spelling: object, expected: ChargeType) -> None:
    assert charge_type(spelling, "chargeType") is expected


def test_every_legacy_description_maps_to_a_charge_type() -> None:
    assert all(charge_type(text, "chargeType") is kind for text, kind in LEGACY_CHARGE_TYPES.items())
