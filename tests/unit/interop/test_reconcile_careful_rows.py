"""The careful row reader: row mappings of values of any type; each malformed cell named by row and column."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from cspcore import ErrorCode, InvalidInput, Money
from cspcore.billing import ChargeType
from cspcore.interop import parse_recon_rows

ROW: dict[str, Any] = {
    "OrderDate": "2022-03-05",
    "ChargeType": "new",
    "ProductName": "M365 BS",
    "SubscriptionId": "s1",
    "UnitPrice": "12",
    "EffectiveUnitPrice": "12.00",
    "BillableQuantity": "10",
    "Subtotal": "120",
    "Currency": "EUR",
    "ChargeStartDate": "2022-03-05",
    "ChargeEndDate": "2022-04-04",
}
HEADER = ",".join(ROW)


def refusal(**changes: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows([ROW, {**ROW, **changes}])
    return caught.value


def csv_refusal(**changes: str) -> InvalidInput:
    row = {**ROW, **changes}
    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows(f"{','.join(row)}\n{','.join(row.values())}\n")
    return caught.value


def test_values_of_their_own_types_are_read_from_row_mappings() -> None:
    row = {**ROW, "OrderDate": dt.date(2022, 3, 5), "ChargeType": ChargeType.NEW, "Subtotal": Decimal(120),
           "BillableQuantity": 10, "SubscriptionId": 77}  # fmt: skip
    (line,) = parse_recon_rows([row])
    assert (line.order_date, line.charge_type, line.subtotal, line.quantity, line.subscription_id) == (
        dt.date(2022, 3, 5),
        ChargeType.NEW,
        Money(120, "EUR"),
        Decimal(10),
        "77",
    )


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("ChargeType", ["new"]),
        ("ChargeType", 5),
        ("Subtotal", ["120"]),
        ("OrderDate", 5),
        ("ProductName", 3.5),
        ("SubscriptionId", 3.5),
        ("ReferenceId", 3.5),
        ("SubscriptionEndDate", 5),
        ("TermAndBillingCycle", 3.5),
        ("BillingFrequency", 3.5),
        ("CustomerId", True),
    ],
)
def test_a_value_of_the_wrong_type_is_refused_naming_row_and_column(column: str, value: object) -> None:
    error = refusal(**{column: value})
    assert (error.field, error.value) == (f"rows[1].{column}", value)


def test_text_of_the_wrong_type_is_refused_as_not_text() -> None:
    error = refusal(ProductName=3.5)
    assert error.code == ErrorCode.WRONG_TYPE


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("OrderDate", "2022-13-05"),
        ("ChargeType", "renewal"),
        ("UnitPrice", "x"),
        ("EffectiveUnitPrice", "1.2.3"),
        ("BillableQuantity", "ten"),
        ("Subtotal", "NaN"),
        ("Currency", "EURO"),
        ("ChargeStartDate", "2022-03-32"),
        ("ChargeEndDate", "someday"),
        ("TaxTotal", "x"),
        ("Total", "x"),
        ("SubscriptionStartDate", "2022-02-30"),
        ("SubscriptionEndDate", "2023-02-29"),
        ("ProductQualifiers", "[Trial"),
    ],
)
def test_a_malformed_cell_is_refused_naming_row_and_column(column: str, value: str) -> None:
    assert refusal(**{column: value}).field == f"rows[1].{column}"
    assert csv_refusal(**{column: value}).field == f"rows[1].{column}"


def test_a_charge_ending_before_it_starts_is_refused_with_its_end() -> None:
    error = csv_refusal(ChargeEndDate="2022-03-01")
    assert (error.field, error.code, error.value) == (
        "rows[1].ChargeEndDate",
        ErrorCode.INCONSISTENT,
        dt.date(2022, 3, 1),
    )


def test_a_row_without_a_quantity_is_refused_with_the_blank_it_has() -> None:
    error = refusal(BillableQuantity=" ", Quantity="")
    assert (error.field, error.code, error.value) == ("rows[1].BillableQuantity", ErrorCode.MISSING, "")


def test_microsofts_placeholder_date_for_no_subscription_date_reads_as_none() -> None:
    (line,) = parse_recon_rows(
        [{**ROW, "SubscriptionStartDate": "0001-01-01", "SubscriptionEndDate": "0001-01-02"}]
    )
    assert (line.subscription_start, line.subscription_end) == (None, dt.date(1, 1, 2))
    (line,) = parse_recon_rows(
        [{**ROW, "SubscriptionStartDate": "0001-02-01", "SubscriptionEndDate": "0002-01-01"}]
    )
    assert (line.subscription_start, line.subscription_end) == (dt.date(1, 2, 1), dt.date(2, 1, 1))


def fresh(text: str) -> str:
    """An equal string that is a different object (as each row of a file has its own)."""
    return "".join(list(text))


def test_values_that_repeat_from_row_to_row_are_shared_by_the_lines_not_copied() -> None:
    rows = [{column: fresh(value) for column, value in ROW.items()} for _ in range(2)]
    assert rows[0]["ProductName"] is not rows[1]["ProductName"]
    first, second = parse_recon_rows(rows)
    assert first == second
    for name in ("order_date", "charge_start", "charge_end", "product", "subtotal", "unit_price"):
        assert getattr(first, name) is getattr(second, name), name
