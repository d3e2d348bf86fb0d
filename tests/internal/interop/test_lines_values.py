"""Charge types in every spelling Partner Center uses, and the fast line constructor, value by value.

``charge_type`` reads the ``ChargeType`` column (``recon-file-charge-types.md``) in any case, with
or without separators, and maps the legacy (pre-2022) descriptions to the nearest new-commerce type;
``trusted_charge_line`` builds a ``ChargeLine`` that equals the one the public constructor builds,
and refuses what the public constructor refuses, with the same field and message.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

from cspcore import CurrencyMismatch, InvalidInput, Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.errors import ErrorCode
from cspcore.interop._lines import charge_type, trusted_charge_line, with_reference

ALLOWED = (
    "new, renew, cycleCharge, addQuantity, removeQuantity, cancelImmediate, convert, changeBillingPlan,"
    " moveQuantity, customerCredit, extendTerm"
)


def refusal(error: pytest.ExceptionInfo[InvalidInput]) -> tuple[str, object, ErrorCode]:
    """The field, value and code of a caught refusal."""
    return error.value.field, error.value.value, error.value.code


# -- charge types ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("new", ChargeType.NEW),
        ("New", ChargeType.NEW),
        (" NEW ", ChargeType.NEW),
        ("renew", ChargeType.RENEW),
        ("cycleCharge", ChargeType.CYCLE_CHARGE),
        ("CycleCharge", ChargeType.CYCLE_CHARGE),
        ("CYCLE_CHARGE", ChargeType.CYCLE_CHARGE),
        ("Cycle Charge", ChargeType.CYCLE_CHARGE),
        ("addQuantity", ChargeType.ADD_QUANTITY),
        ("add quantity", ChargeType.ADD_QUANTITY),
        ("removeQuantity", ChargeType.REMOVE_QUANTITY),
        ("Remove_Quantity", ChargeType.REMOVE_QUANTITY),
        ("cancelImmediate", ChargeType.CANCEL_IMMEDIATE),
        ("Cancel Immediate", ChargeType.CANCEL_IMMEDIATE),
        ("convert", ChargeType.CONVERT),
        ("changeBillingPlan", ChargeType.CHANGE_BILLING_PLAN),
        ("Change_Billing Plan", ChargeType.CHANGE_BILLING_PLAN),
        ("change billing_plan", ChargeType.CHANGE_BILLING_PLAN),
        ("moveQuantity", ChargeType.MOVE_QUANTITY),
        ("customerCredit", ChargeType.CUSTOMER_CREDIT),
        ("Customer Credit", ChargeType.CUSTOMER_CREDIT),
        ("extendTerm", ChargeType.EXTEND_TERM),
        ("EXTEND_TERM", ChargeType.EXTEND_TERM),
    ],
)
def test_new_commerce_charge_types_are_read_in_any_case_and_with_any_separator(
    spelling: str, expected: ChargeType
) -> None:
    assert charge_type(spelling, "ChargeType") is expected


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        # recon-file-charge-types.md, legacy license-based, usage and credit tables.
        ("Purchase", ChargeType.NEW),
        ("Activation fee", ChargeType.NEW),
        ("Cycle fee", ChargeType.CYCLE_CHARGE),
        ("Cycle  fee", ChargeType.CYCLE_CHARGE),
        ("cycle\tfees", ChargeType.CYCLE_CHARGE),
        ("  Assess usage fee for current cycle  ", ChargeType.CYCLE_CHARGE),
        ("Prorate fee when renew", ChargeType.RENEW),
        ("Cycle instance prorate", ChargeType.ADD_QUANTITY),
        ("Cancel fee", ChargeType.REMOVE_QUANTITY),
        ("CANCEL", ChargeType.CANCEL_IMMEDIATE),
        # developer/get-invoiceline-items.md: "Refund is mapped to Cancel".
        ("Refund", ChargeType.CANCEL_IMMEDIATE),
        ("Prorate fees when cancel", ChargeType.CANCEL_IMMEDIATE),
        ("Prorate fees when convert to a new offering", ChargeType.CONVERT),
        ("Offset a line item", ChargeType.CUSTOMER_CREDIT),
    ],
)
def test_legacy_descriptions_are_read_as_the_nearest_new_commerce_type(
    description: str, expected: ChargeType
) -> None:
    assert charge_type(description, "ChargeType") is expected


def test_a_charge_type_value_is_returned_as_it_is() -> None:
    assert charge_type(ChargeType.MOVE_QUANTITY, "ChargeType") is ChargeType.MOVE_QUANTITY


@pytest.mark.parametrize(
    "value",
    [
        "teleport",
        "",
        "   ",
        "new purchase",
        "cyclefee",
        "Cycle-Charge",
        "cycle_fee",
        5,
        None,
        b"new",
        ["new"],
    ],
)
def test_unknown_charge_types_are_refused_listing_every_known_one(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        charge_type(value, "items[3].chargeType")
    assert refusal(caught) == (
        "items[3].chargeType",
        value,
        ErrorCode.UNKNOWN_VALUE,
    )


# -- trusted charge lines -------------------------------------------------------------------------------


def fields(**changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "order_date": dt.date(2024, 3, 5),
        "charge_type": ChargeType.NEW,
        "product": "Microsoft 365 E3",
        "subscription_id": "s1",
        "unit_price": Money(36, "USD"),
        "effective_unit_price": Money(36, "USD"),
        "quantity": Decimal(2),
        "subtotal": Money(72, "USD"),
        "charge_start": dt.date(2024, 3, 5),
        "charge_end": dt.date(2024, 4, 4),
    }
    for key, value in changes.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    return values


def test_without_tax_and_total_the_tax_is_zero_and_the_total_is_the_subtotal() -> None:
    line = trusted_charge_line(**fields())
    assert line == ChargeLine(**fields())
    assert (line.tax, line.total) == (Money(0, "USD"), Money(72, "USD"))
    assert attrs.asdict(line, recurse=False) == attrs.asdict(ChargeLine(**fields()), recurse=False)


def test_a_given_tax_is_added_to_the_subtotal_for_the_total() -> None:
    line = trusted_charge_line(**fields(tax=Money("7.20", "USD")))
    assert line == ChargeLine(**fields(tax=Money("7.20", "USD")))
    assert (line.tax, line.total) == (Money("7.20", "USD"), Money("79.20", "USD"))


def test_a_given_total_equal_to_subtotal_plus_tax_is_kept() -> None:
    values = fields(tax=Money("7.20", "USD"), total=Money("79.2", "USD"))
    line = trusted_charge_line(**values)
    assert line == ChargeLine(**values)
    assert str(line.total.amount) == "79.2"


def test_optional_fields_are_kept_and_the_missing_ones_take_their_defaults() -> None:
    given = fields(
        reference_id="ref-1",
        qualifiers=("Trial",),
        customer_id="c1",
        subscription_start=dt.date(2024, 3, 5),
        subscription_end=dt.date(2025, 3, 4),
        term_and_billing_cycle="One-Year commitment for monthly billing",
        billing_frequency="Monthly",
    )
    assert attrs.asdict(trusted_charge_line(**given), recurse=False) == attrs.asdict(
        ChargeLine(**given), recurse=False
    )
    bare = attrs.asdict(trusted_charge_line(**fields()), recurse=False)
    assert {
        name: bare[name] for name in ("reference_id", "qualifiers", "customer_id", "billing_frequency")
    } == {
        "reference_id": None,
        "qualifiers": (),
        "customer_id": None,
        "billing_frequency": None,
    }


def test_a_one_day_charge_ends_the_day_it_starts() -> None:
    values = fields(charge_end=dt.date(2024, 3, 5))
    assert trusted_charge_line(**values) == ChargeLine(**values)


def test_a_total_other_than_subtotal_plus_tax_is_refused_as_the_constructor_refuses_it() -> None:
    values = fields(tax=Money("7.20", "USD"), total=Money("79.21", "USD"))
    with pytest.raises(InvalidInput) as caught:
        trusted_charge_line(**values)
    assert refusal(caught)[:2] == ("total", Money("79.21", "USD"))
    with pytest.raises(InvalidInput) as public:
        ChargeLine(**values)
    assert refusal(public) == refusal(caught)  # the same field, value and code as the constructor's


@pytest.mark.parametrize("name", ["unit_price", "effective_unit_price"])
def test_a_price_in_another_currency_is_refused_naming_the_price(name: str) -> None:
    values = fields(**{name: Money(36, "EUR")})
    with pytest.raises(CurrencyMismatch) as caught:
        trusted_charge_line(**values)
    expected = (name, "USD", "EUR")
    assert (caught.value.field, caught.value.left, caught.value.right) == expected
    with pytest.raises(CurrencyMismatch) as public:
        ChargeLine(**values)
    assert (public.value.field, public.value.left, public.value.right) == expected


def test_a_tax_in_another_currency_is_refused_naming_the_tax_as_the_constructor_does() -> None:
    # Checked before tax is added to the subtotal, which would refuse it as a bare "operand".
    values = fields(tax=Money(0, "EUR"))
    with pytest.raises(CurrencyMismatch) as caught:
        trusted_charge_line(**values)
    assert (caught.value.field, caught.value.left, caught.value.right) == ("tax", "USD", "EUR")
    with pytest.raises(CurrencyMismatch) as public:
        ChargeLine(**values)
    assert (public.value.field, public.value.left, public.value.right) == ("tax", "USD", "EUR")


def test_a_charge_ending_before_it_starts_is_refused_with_the_start_date() -> None:
    values = fields(charge_end=dt.date(2024, 3, 4))
    with pytest.raises(InvalidInput) as caught:
        trusted_charge_line(**values)
    assert refusal(caught)[:2] == ("charge_end", dt.date(2024, 3, 4))
    with pytest.raises(InvalidInput) as public:
        ChargeLine(**values)
    assert refusal(public) == refusal(caught)  # the same field, value and code as the constructor's


def test_a_refund_line_keeps_its_signs() -> None:
    values = fields(
        charge_type=ChargeType.CANCEL_IMMEDIATE,
        effective_unit_price=Money("-11.23", "USD"),
        subtotal=Money("-22.46", "USD"),
        tax=Money("-2.25", "USD"),
    )
    line = trusted_charge_line(**values)
    assert line == ChargeLine(**values)
    assert line.total == Money("-24.71", "USD")


def test_a_copy_with_another_reference_differs_only_in_the_reference() -> None:
    line = trusted_charge_line(**fields(reference_id="old", qualifiers=("Trial",)))
    copy = with_reference(line, "new")
    assert attrs.asdict(copy, recurse=False) == {**attrs.asdict(line, recurse=False), "reference_id": "new"}
    assert line.reference_id == "old"


@pytest.mark.parametrize("name", ["order_date", "charge_type", "product", "subscription_id", "quantity"])
def test_a_required_field_left_out_is_refused_by_name(name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        trusted_charge_line(**fields(**{name: None}))
    assert refusal(caught)[:2] == (name, None)  # its code is the charge line's own (billing.charges)
