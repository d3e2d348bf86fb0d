"""The fast reconciliation-row path gives exactly what the careful path gives, and refuses the same rows."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode, Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.interop import RECON_COLUMNS, parse_recon_rows, to_recon_rows

BASE = ChargeLine(
    order_date=dt.date(2024, 3, 5),
    charge_type=ChargeType.NEW,
    product="Microsoft 365 E3",
    subscription_id="sub-1",
    unit_price=Money(36, "EUR"),
    effective_unit_price=Money(36, "EUR"),
    quantity=Decimal(2),
    subtotal=Money(72, "EUR"),
    tax=Money("15.12", "EUR"),
    charge_start=dt.date(2024, 3, 5),
    charge_end=dt.date(2024, 4, 4),
    customer_id="c-1",
    reference_id="r-1",
    subscription_start=dt.date(2024, 3, 5),
    billing_frequency="Monthly",
)


def csv_text(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECON_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def row(**changes: str) -> dict[str, str]:
    (written,) = to_recon_rows([BASE])
    return {**written, **changes}


def test_repeated_rows_come_out_equal_to_the_first() -> None:
    lines = parse_recon_rows(csv_text([row()] * 5))
    assert lines == (BASE,) * 5


def test_new_values_on_later_rows_are_parsed_without_the_careful_path() -> None:
    rows = [
        row(),
        row(Subtotal="70", Total="85.12", Quantity="3", BillableQuantity="3", SubscriptionId=" sub-2 "),
        row(CustomerId="", TermAndBillingCycle="1 Year", ReferenceId=""),
        row(CustomerId="c-9"),
        row(CustomerId="   "),
    ]
    first, second, third, fourth, fifth = parse_recon_rows(csv_text(rows))
    assert first == BASE
    assert (second.subtotal, second.quantity, second.subscription_id) == (
        Money(70, "EUR"),
        Decimal(3),
        "sub-2",
    )
    assert (third.customer_id, third.term_and_billing_cycle, third.reference_id) == (None, "1 Year", None)
    assert (fourth.customer_id, fifth.customer_id) == ("c-9", None)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"Subtotal": "7x"}, "Subtotal", ErrorCode.NOT_A_NUMBER),
        ({"BillableQuantity": "two"}, "BillableQuantity", ErrorCode.NOT_A_NUMBER),
        ({"SubscriptionId": "  "}, "SubscriptionId", ErrorCode.MISSING),  # blank: missing, as in a mapping
        ({"CustomerId": "x" * 2001}, "CustomerId", ErrorCode.TOO_LONG),
        ({"ProductName": "x" * 2001}, "ProductName", ErrorCode.TOO_LONG),
        ({"ReferenceId": "x" * 2001}, "ReferenceId", ErrorCode.TOO_LONG),
        ({"TaxTotal": "72", "Total": "72"}, "Total", ErrorCode.INCONSISTENT),
        (
            {"ChargeStartDate": "2024-04-04", "ChargeEndDate": "2024-03-05"},
            "ChargeEndDate",
            ErrorCode.INCONSISTENT,
        ),
    ],
)
def test_a_bad_cell_after_good_rows_is_named_like_the_first_row_would_be(
    changes: dict[str, str], field: str, code: ErrorCode
) -> None:
    with raises_invalid(field=f"rows[2].{field}", code=code):
        parse_recon_rows(csv_text([row(), row(**changes)]), strict=True)


def test_blank_tax_and_bare_quantity_fall_back_to_the_careful_reading() -> None:
    rows = [row(), row(TaxTotal="", Total="72", BillableQuantity="", Quantity="2")]
    _, second = parse_recon_rows(csv_text(rows))
    assert (second.tax, second.total, second.quantity) == (Money(0, "EUR"), Money(72, "EUR"), Decimal(2))


def test_full_caches_still_give_the_same_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    from cspcore.interop import _fastcsv

    monkeypatch.setattr(_fastcsv, "_LIMIT", 0)
    rows = [row(), row(Subtotal="70", Total="85.12", SubscriptionId="s-2", CustomerId="c-2"), row()]
    lines = parse_recon_rows(csv_text(rows))
    assert lines[0] == lines[2] == BASE
    assert (lines[1].subtotal, lines[1].subscription_id, lines[1].customer_id) == (
        Money(70, "EUR"),
        "s-2",
        "c-2",
    )


def test_new_and_blank_optional_texts_on_later_rows() -> None:
    rows = [row(), row(BillingFrequency="Annual", TermAndBillingCycle="  ")]
    _, second = parse_recon_rows(csv_text(rows))
    assert (second.billing_frequency, second.term_and_billing_cycle) == ("Annual", None)
