"""A reconciliation line's figures are checked against Microsoft's formulas; no false arithmetic is stated."""

from __future__ import annotations

import io
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import InvalidInput, Money
from cspcore.billing import ProrationRounding
from cspcore.interop import (
    check_recon_rows,
    explain_charge,
    iter_recon_rows,
    parse_invoice,
    parse_recon_rows,
    to_recon_rows,
)
from cspcore.interop.consistency import subtotal_roundings

if TYPE_CHECKING:
    from collections.abc import Iterator

HEADER = (
    "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
    "Subtotal,Currency,ChargeStartDate,ChargeEndDate"
)


def text(*rows: str, header: str = HEADER) -> str:
    return "\n".join((header, *rows)) + "\n"


def row(price: str = "12.00", quantity: str = "10", subtotal: str = "120", start: str = "2022-03-05") -> str:
    return f"{start},new,M365 BS,s1,12,{price},{quantity},{subtotal},EUR,{start},2022-04-04"


def test_quantity_zero_with_a_subtotal_of_120_is_reported_and_never_explained_as_arithmetic() -> None:
    report = check_recon_rows(text(row(), row(quantity="0")))
    assert len(report.lines) == 2
    ((issue),) = report.issues
    assert (issue.where, issue.field, issue.stated) == ("rows[2]", "Subtotal", Money(120, "EUR"))
    assert report.roundings[1] == ()
    explained = explain_charge(report.lines[1], locale="en_US")
    assert "× 0 = " not in explained
    assert "does not give this amount" in explained


def test_strict_mode_refuses_the_inconsistent_row_naming_row_and_column() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows(text(row(), row(quantity="0")), strict=True)
    assert caught.value.field == "rows[2].Subtotal"
    assert len(parse_recon_rows(text(row(), row(quantity="0")))) == 2  # read by default


def test_the_report_says_which_documented_rounding_a_row_matches() -> None:
    report = check_recon_rows(text(row("9.4297", "10", "94.2"), row("11.2258", "15", "168.38")))
    assert report.is_consistent
    assert report.roundings == ((ProrationRounding.UNIT_PRICE_FIRST,), (ProrationRounding.LINE_TOTAL,))


def test_the_exchange_rate_column_is_used_by_the_formulas() -> None:
    header = HEADER + ",PCToBCExchangeRate"
    # license-based: ROUNDDOWN(10 x 1.5, 2) x 3 = 45; at a rate of 1 the row would be inconsistent
    assert check_recon_rows(text(row("10", "3", "45") + ",1.5", header=header)).is_consistent
    assert not check_recon_rows(text(row("10", "3", "45") + ",1", header=header)).is_consistent
    with pytest.raises(InvalidInput) as caught:
        check_recon_rows(text(row() + ",0", header=header))
    assert caught.value.field == "rows[1].PCToBCExchangeRate"


@given(
    price=st.decimals(min_value=Decimal(-1000), max_value=Decimal(1000), places=4),
    quantity=st.integers(min_value=0, max_value=500),
)
@example(price=Decimal("11.2258"), quantity=15)
@example(price=Decimal("-9.4297"), quantity=10)
# here the truncated line total plus 0.01 is exactly the unit-price-first figure
@example(price=Decimal("-326.1740"), quantity=250)
def test_each_documented_rounding_is_recognised_as_itself(price: Decimal, quantity: int) -> None:
    cent = Decimal("0.01")
    first = price.quantize(cent, rounding="ROUND_DOWN") * quantity
    line_total = (price * quantity).quantize(cent, rounding="ROUND_DOWN")
    assert ProrationRounding.UNIT_PRICE_FIRST in subtotal_roundings(price, Decimal(quantity), first)
    assert ProrationRounding.LINE_TOTAL in subtotal_roundings(price, Decimal(quantity), line_total)
    off = line_total + 1  # one unit off the truncated line total; the other rounding may still give it
    expected = (ProrationRounding.UNIT_PRICE_FIRST,) if off == first else ()
    assert subtotal_roundings(price, Decimal(quantity), off) == expected


def test_explanations_of_consistent_lines_state_equations_that_hold() -> None:
    for price, quantity, subtotal in (
        ("9.4297", "10", "94.2"),
        ("11.2258", "15", "168.38"),
        ("12", "10", "120"),
    ):
        (line,) = parse_recon_rows(text(row(price, quantity, subtotal)))
        assert "does not give" not in explain_charge(line, locale="en_US")


def test_a_zero_refund_is_exported_without_a_negative_zero() -> None:
    (line,) = parse_recon_rows(text(row("-0.00", "3", "-0.00")))
    exported = next(to_recon_rows([line]))
    assert not any(value.startswith("-0") and not value.strip("-0.") for value in exported.values())
    assert (exported["Subtotal"], exported["EffectiveUnitPrice"], exported["Total"]) == (
        "0.00",
        "0.00",
        "0.00",
    )


def test_a_closed_file_is_an_invalid_input_naming_the_rows() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "recon.csv"
        path.write_text(text(row()), encoding="utf-8")
        with path.open(encoding="utf-8") as handle:
            pass
    with pytest.raises(InvalidInput) as caught:
        list(iter_recon_rows(handle))
    assert caught.value.field == "rows"


def test_a_file_that_fails_while_read_is_an_invalid_input_naming_the_rows() -> None:
    source = io.StringIO(text(row(), row()))

    def lines() -> Iterator[str]:
        yield next(source)
        source.close()
        yield from source

    with pytest.raises(InvalidInput) as caught:
        list(iter_recon_rows(lines()))
    assert caught.value.field == "rows"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"quantity": "1" * 300}, "rows[1].BillableQuantity"),
        ({"quantity": "10000000000000"}, "rows[1].BillableQuantity"),
        ({"price": "1e40"}, "rows[1].EffectiveUnitPrice"),
        ({"subtotal": "0." + "1" * 120}, "rows[1].Subtotal"),
    ],
)
def test_hostile_numbers_are_refused_naming_row_and_column(changes: dict[str, str], field: str) -> None:
    for strict in (False, True):
        with pytest.raises(InvalidInput) as caught:
            parse_recon_rows(text(row(**changes)), strict=strict)
        assert caught.value.field == field


def test_charges_at_the_edges_of_the_calendar_are_explained_without_error() -> None:
    # 0001-01-01 is Partner Center's "no date", refused as missing in a required date: the 2nd is the edge
    for start in ("0001-01-02", "9999-12-01"):
        (line,) = parse_recon_rows(text(f"{start},new,P,s,12,5,1,5,EUR,{start},{start[:4]}-12-31"))
        assert explain_charge(line, locale="en_US")


def test_amendments_nested_without_end_are_refused_not_a_recursion_error() -> None:
    invoice = {"id": "x", "invoiceDate": "2024-01-01", "totalCharges": 1, "currencyCode": "EUR"}
    current: dict[str, Any] = dict(invoice)
    root = current
    for _ in range(200):
        current["amendments"] = [dict(invoice)]
        current = current["amendments"][0]
    with pytest.raises(InvalidInput) as caught:
        parse_invoice(root)
    assert caught.value.field.endswith(".amendments")


def test_deeply_nested_json_and_qualifiers_are_refused_naming_the_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_invoice("[" * 100_000 + "]" * 100_000)
    assert caught.value.field == "payload"
    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows(text(row() + ',"' + "[" * 5000 + '"', header=HEADER + ",ProductQualifiers"))
    assert caught.value.field == "rows[1].ProductQualifiers"
