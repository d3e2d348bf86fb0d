"""Reconciliation rows, seats at period end, and reconcile()."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from tests.refusals import raises_invalid

from cspcore import CurrencyMismatch, ErrorCode, InvalidInput, Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.i18n import SUPPORTED_LOCALES, render
from cspcore.interop import (
    RECON_COLUMNS,
    Mismatch,
    check_recon_rows,
    iter_recon_rows,
    parse_recon_rows,
    reconcile,
    seats_at_period_end,
    to_recon_rows,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

FIXTURES = Path(__file__).parents[2] / "fixtures" / "partner_center"
HEADER = "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,Subtotal,Currency,ChargeStartDate,ChargeEndDate"  # noqa: E501
ROW = "2022-03-05,new,M365 BS,s1,12,12.00,10,120,EUR,2022-03-05,2022-04-04"


def line(**changes: Any) -> ChargeLine:
    base = ChargeLine(
        order_date=dt.date(2022, 3, 7),
        charge_type=ChargeType.ADD_QUANTITY,
        product="M365 BS",
        subscription_id="s1",
        unit_price=Money(12, "EUR"),
        effective_unit_price=Money("11.2258064516129", "EUR"),
        quantity=Decimal(15),
        subtotal=Money("168.38", "EUR"),
        charge_start=dt.date(2022, 3, 7),
        charge_end=dt.date(2022, 4, 4),
    )
    if "subtotal" in changes and "total" not in changes:
        changes["total"] = changes["subtotal"] + changes.get("tax", base.tax)
    return attrs.evolve(base, **changes)


def test_seat_change_fixture_parses_every_row() -> None:
    lines = parse_recon_rows((FIXTURES / "recon-seat-changes-march-2022.csv").read_text(encoding="utf-8"))
    assert len(lines) == 11
    assert lines[1].effective_unit_price == Money("-11.23", "EUR")
    assert lines[1].is_refund
    assert lines[1].reference_id == lines[2].reference_id == "12d33e18-061e-4040-ad77-fcd77c1a9943"
    assert sum(item.total.amount for item in lines) == Decimal("275.23")


def test_csv_text_bytes_lines_and_mappings_give_the_same_lines() -> None:
    text = f"{HEADER}\n{ROW}\n"
    from_text = parse_recon_rows(text)
    assert parse_recon_rows(text.encode()) == from_text
    assert parse_recon_rows(io.StringIO(text)) == from_text
    assert parse_recon_rows(list(csv.DictReader(io.StringIO(text)))) == from_text
    lower = [{key.lower(): value for key, value in row.items()} for row in csv.DictReader(io.StringIO(text))]
    assert parse_recon_rows(lower) == from_text


def test_rows_are_streamed_lazily() -> None:
    def rows() -> Iterator[str]:
        yield HEADER + "\n"
        while True:
            yield ROW + "\n"

    stream = iter_recon_rows(rows())
    assert [next(stream).subtotal for _ in range(3)] == [Money(120, "EUR")] * 3


def test_empty_inputs_give_no_lines() -> None:
    assert parse_recon_rows("") == ()
    assert parse_recon_rows([]) == ()
    assert parse_recon_rows(f"{HEADER}\n\n") == ()


def test_sku_name_and_quantity_columns_stand_in_for_missing_ones() -> None:
    text = (
        HEADER.replace("ProductName", "SkuName").replace("BillableQuantity", "Quantity") + "\n" + ROW + "\n"
    )
    (item,) = parse_recon_rows(text)
    assert (item.product, item.quantity) == ("M365 BS", Decimal(10))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert parse_recon_rows(rows) == (item,)


@pytest.mark.parametrize(
    ("text", "field", "code"),
    [
        ("OrderDate,ChargeType\n1,2\n", "header", ErrorCode.MISSING),
        (f"{HEADER}\n2022-03-05,new\n", "rows[1]", ErrorCode.MALFORMED),
        (f"{HEADER}\n{ROW.replace(',120,', ',12O,')}\n", "rows[1].Subtotal", ErrorCode.NOT_A_NUMBER),
        (f"{HEADER}\n{ROW.replace('EUR', 'EURO')}\n", "rows[1].Currency", ErrorCode.UNKNOWN_VALUE),
        (f"{HEADER}\n{ROW.replace(',new,', ',renewal,')}\n", "rows[1].ChargeType", ErrorCode.UNKNOWN_VALUE),
        (
            f"{HEADER}\n{ROW.replace('2022-04-04', '2022-03-01')}\n",
            "rows[1].ChargeEndDate",
            ErrorCode.INCONSISTENT,
        ),
        (f"{HEADER}\n{ROW.replace(',10,120', ', ,120')}\n", "rows[1].BillableQuantity", ErrorCode.MISSING),
        (f'{HEADER}\n{ROW},"\n', "csv", ErrorCode.MALFORMED),
    ],
)
def test_csv_problems_name_row_and_column(text: str, field: str, code: ErrorCode) -> None:
    with raises_invalid(field=field, code=code):
        parse_recon_rows(text)


def test_total_must_equal_subtotal_plus_tax() -> None:
    text = HEADER + ",TaxTotal,Total\n" + ROW + ",25.20,145.21\n"
    with raises_invalid(field="rows[1].Total", code=ErrorCode.INCONSISTENT) as caught:
        parse_recon_rows(text, strict=True)
    assert caught.value.field == "rows[1].Total"
    (read,) = parse_recon_rows(text)  # read, with the total its subtotal and tax give ...
    assert read.total == Money("145.20", "EUR")
    (issue,) = check_recon_rows(text).issues  # ... and the stated total reported
    assert (issue.where, issue.field, issue.stated, issue.expected) == (
        "rows[1]",
        "Total",
        Money("145.21", "EUR"),
        Money("145.20", "EUR"),
    )
    (item,) = parse_recon_rows(HEADER + ",TaxTotal,Total\n" + ROW + ",25.20,145.20\n")
    assert item.total == Money("145.20", "EUR")


def test_mapping_rows_report_missing_values_and_wrong_items() -> None:
    (row,) = list(csv.DictReader(io.StringIO(f"{HEADER}\n{ROW}\n")))
    with raises_invalid(field="rows[0].Subtotal", code=ErrorCode.MISSING):
        parse_recon_rows([{**row, "Subtotal": ""}])
    with raises_invalid(field="rows[0].ProductName", code=ErrorCode.MISSING):
        parse_recon_rows([{**row, "ProductName": " "}])
    with raises_invalid(field="rows[1]", code=ErrorCode.WRONG_TYPE):
        parse_recon_rows([row, 5])  # type: ignore[arg-type]
    with raises_invalid(field="rows[0].ProductName", code=ErrorCode.WRONG_TYPE):
        parse_recon_rows([{**row, "ProductName": 3.5}])
    with raises_invalid(field="rows[0].Subtotal", code=ErrorCode.WRONG_TYPE):
        parse_recon_rows([{**row, "Subtotal": 120.0}])
    (item,) = parse_recon_rows([{**row, "Subtotal": Decimal(120), "SubscriptionId": 77}])
    assert (item.subscription_id, item.subtotal) == ("77", Money(120, "EUR"))


def test_unreadable_inputs_are_refused() -> None:
    with raises_invalid(field="rows", code=ErrorCode.WRONG_TYPE):
        parse_recon_rows(5)  # type: ignore[arg-type]
    with raises_invalid(field="rows", code=ErrorCode.WRONG_TYPE):
        parse_recon_rows({"OrderDate": "x"})
    with raises_invalid(field="rows", code=ErrorCode.MALFORMED):
        parse_recon_rows(b"\xff\xfe")

    def broken() -> Iterator[str]:
        yield from ()
        msg = "disk gone"
        raise OSError(msg)

    with raises_invalid(field="rows", code=ErrorCode.IO_FAILED):
        parse_recon_rows(broken())


def test_to_recon_rows_writes_microsofts_columns_and_refuses_other_items() -> None:
    (row,) = to_recon_rows(
        [line(qualifiers=("Trial",), reference_id="r1", subscription_start=dt.date(2022, 3, 5))]
    )
    assert tuple(row) == RECON_COLUMNS
    assert (row["ProductQualifiers"], row["ReferenceId"], row["SubscriptionStartDate"]) == (
        '["Trial"]',
        "r1",
        "2022-03-05",
    )
    assert row["EffectiveUnitPrice"] == "11.2258064516129"
    with raises_invalid(field="lines[0]", code=ErrorCode.WRONG_TYPE):
        list(to_recon_rows(["x"]))  # type: ignore[list-item]


def test_written_csv_reads_back_to_the_same_lines() -> None:
    lines = (
        line(),
        line(charge_type=ChargeType.NEW, product='Teams "Phone", EU', qualifiers=("Add-on", "Trial")),
    )
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECON_COLUMNS)
    writer.writeheader()
    writer.writerows(to_recon_rows(lines))
    assert parse_recon_rows(buffer.getvalue()) == lines


# -- seats -----------------------------------------------------------------------------------------


def seat_line(day: int, kind: str, price: str, quantity: int, subscription: str = "s1") -> ChargeLine:
    return line(
        order_date=dt.date(2022, 3, day),
        charge_type=kind,
        effective_unit_price=Money(price, "EUR"),
        quantity=Decimal(quantity),
        subtotal=(Money(price, "EUR") * quantity).round(),
        charge_start=dt.date(2022, 3, day),
        subscription_id=subscription,
    )


def test_seats_are_the_last_positive_charge() -> None:
    lines = [
        seat_line(5, "new", "12", 10),
        seat_line(9, "addQuantity", "-10", 10),
        seat_line(9, "addQuantity", "10", 12),
    ]
    assert seats_at_period_end(reversed(lines)) == {"s1": Decimal(12)}


def test_several_changes_on_the_purchase_day_use_microsofts_same_day_sum() -> None:
    lines = [
        seat_line(5, "new", "12", 10),
        seat_line(5, "addQuantity", "-12", 10),
        seat_line(5, "addQuantity", "12", 15),
        seat_line(5, "removeQuantity", "-12", 15),
        seat_line(5, "removeQuantity", "12", 13),
    ]
    assert seats_at_period_end(lines) == {"s1": Decimal(13)}


def test_several_changes_on_a_later_day_sum_from_the_base_charge() -> None:
    lines = [
        seat_line(5, "new", "12", 10),
        seat_line(9, "addQuantity", "-10", 10),
        seat_line(9, "addQuantity", "10", 15),
        seat_line(9, "addQuantity", "-10", 15),
        seat_line(9, "addQuantity", "10", 18),
        seat_line(9, "customerCredit", "10", 99),
    ]
    assert seats_at_period_end(lines) == {"s1": Decimal(18)}


def test_same_day_chain_without_a_base_charge_is_resolved_by_removing_refunded_counts() -> None:
    lines = [
        seat_line(9, "addQuantity", "-10", 10),
        seat_line(9, "addQuantity", "10", 15),
        seat_line(9, "addQuantity", "-10", 15),
        seat_line(9, "addQuantity", "10", 18),
    ]
    assert seats_at_period_end(lines) == {"s1": Decimal(18)}
    ambiguous = [seat_line(9, "addQuantity", "10", 15), seat_line(9, "addQuantity", "10", 18)]
    with raises_invalid(field="lines", code=ErrorCode.INCONSISTENT):
        seats_at_period_end(ambiguous)


def test_subscriptions_without_a_positive_charge_are_left_out_and_zero_lines_count_by_price_sign() -> None:
    lines = [seat_line(9, "cancelImmediate", "-10", 10, "gone"), seat_line(9, "new", "0", 25, "trial")]
    assert seats_at_period_end(lines) == {"trial": Decimal(25)}
    with raises_invalid(field="lines[0]", code=ErrorCode.WRONG_TYPE):
        seats_at_period_end(["x"])  # type: ignore[list-item]


# -- reconcile ---------------------------------------------------------------------------------------


def test_identical_lines_reconcile_and_say_so_in_every_locale() -> None:
    report = reconcile([line()], [line()])
    assert report.is_clean
    assert len(report.matched) == 1
    (reason,) = report.reasons
    assert reason.code == "interop.reconcile.ok"
    assert all(render(reason, locale=locale) for locale in SUPPORTED_LOCALES)


def test_reference_ids_and_display_rounded_prices_are_not_differences() -> None:
    billed = line(effective_unit_price=Money("11.23", "EUR"), reference_id="12d33e18", product="M365  BS")
    assert reconcile([line()], [billed]).is_clean
    truncated = line(effective_unit_price=Money("-9.42", "EUR"), subtotal=Money("-94.20", "EUR"), quantity=10)
    exact = line(
        effective_unit_price=Money("-9.4296774193548", "EUR"), subtotal=Money("-94.20", "EUR"), quantity=10
    )
    assert reconcile([exact], [truncated]).is_clean


def test_a_real_price_difference_is_a_mismatch_with_field_and_amount() -> None:
    report = reconcile([line()], [line(effective_unit_price=Money("11.50", "EUR"))])
    (mismatch,) = report.mismatched
    assert (mismatch.field, mismatch.difference) == ("effective_unit_price", Money("0.2741935483871", "EUR"))
    assert not report.is_clean
    assert report.reasons[0].code == "interop.reconcile.mismatched"
    assert "€11.50" in render(report.reasons[0], locale="en_US")
    assert "EffectiveUnitPrice" in render(report.reasons[0], locale="cs_CZ")


def test_tolerance_accepts_small_differences_only() -> None:
    off_by_a_cent = line(subtotal=Money("168.39", "EUR"))
    assert not reconcile([line()], [off_by_a_cent]).is_clean
    assert reconcile([line()], [off_by_a_cent], tolerance="0.01").is_clean
    assert not reconcile([line()], [line(subtotal=Money("168.40", "EUR"))], tolerance="0.01").is_clean
    with raises_invalid(field="tolerance", code=ErrorCode.OUT_OF_RANGE):
        reconcile([], [], tolerance=-1)
    with raises_invalid(field="tolerance", code=ErrorCode.WRONG_TYPE):
        reconcile([], [], tolerance=0.01)  # type: ignore[arg-type]


def test_missing_unexpected_and_currency_differences_are_reported() -> None:
    refund = line(effective_unit_price=Money("-11.2258064516129", "EUR"), subtotal=Money("-168.38", "EUR"))
    other = line(subscription_id="s2")
    report = reconcile([line(), refund], [line(), other])
    assert report.missing == (refund,)
    assert report.unexpected == (other,)
    codes = [reason.code for reason in report.reasons]
    assert codes == ["interop.reconcile.missing", "interop.reconcile.unexpected"]
    czk = ChargeLine(**{**attrs.asdict(line(), recurse=False), "unit_price": Money(12, "CZK"),
                        "effective_unit_price": Money(12, "CZK"), "subtotal": Money("168.38", "CZK"),
                        "tax": Money(0, "CZK"), "total": Money("168.38", "CZK")})  # fmt: skip
    with pytest.raises(CurrencyMismatch) as caught:
        reconcile([line()], [czk])
    assert (caught.value.field, caught.value.left, caught.value.right) == ("actual[0].currency", "EUR", "CZK")
    mismatch = Mismatch(expected=line(), actual=czk, field="currency", difference=None)  # built by a caller
    assert "CZK" in render(mismatch.reason, locale="cs_CZ")


def test_duplicate_keys_pair_exact_partners_first() -> None:
    cheap = line(subtotal=Money("100.00", "EUR"))
    report = reconcile([cheap, line()], [line(), cheap])
    assert report.is_clean
    report = reconcile([cheap, cheap], [line(), cheap])
    assert [m.field for m in report.mismatched] == ["subtotal", "total"]
    assert len(report.matched) == 1


def test_reconcile_refuses_items_that_are_not_charge_lines() -> None:
    with raises_invalid(field="expected[0]", code=ErrorCode.WRONG_TYPE):
        reconcile(["x"], [])  # type: ignore[list-item]
    with raises_invalid(field="actual[0]", code=ErrorCode.WRONG_TYPE):
        reconcile([], ["x"])  # type: ignore[list-item]


def test_csp_errors_from_the_callers_rows_pass_through() -> None:
    gone = InvalidInput("source", "gone", None, code=ErrorCode.IO_FAILED)

    def rows() -> Iterator[str]:
        yield from ()
        raise gone

    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows(rows())
    assert caught.value is gone


def test_an_unrounded_price_difference_is_shown_with_every_digit() -> None:
    report = reconcile(
        [line()], [line(effective_unit_price=Money("11.5", "EUR"), unit_price=Money("12.005", "EUR"))]
    )
    texts = [render(reason, locale="en_US") for reason in report.reasons]
    assert any("12.005 EUR" in text for text in texts)


def test_a_file_opened_in_binary_mode_is_refused_with_advice() -> None:
    with raises_invalid(field="rows", code=ErrorCode.WRONG_TYPE):
        parse_recon_rows(io.BytesIO(f"{HEADER}\n{ROW}\n".encode()))  # type: ignore[arg-type]


def test_a_whole_number_price_is_not_taken_for_a_display_rounded_one() -> None:
    whole = line(effective_unit_price=Money(36, "EUR"))
    assert not reconcile([whole], [line(effective_unit_price=Money("36.01", "EUR"))]).is_clean
    assert reconcile([whole], [line(effective_unit_price=Money("36.00", "EUR"))]).is_clean
    assert not reconcile([line()], [line(effective_unit_price=Money("11.226", "EUR"))]).is_clean
