"""Reconciling a streamed reconciliation file gives the report that reconciling its parsed lines gives."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from decimal import Decimal
from typing import Any

import attrs
import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode, Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.interop import (
    RECON_COLUMNS,
    ReconciliationReport,
    iter_recon_rows,
    parse_recon_rows,
    reconcile,
    to_recon_rows,
)
from cspcore.interop._fastcsv import records

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
    billing_frequency="Monthly",
)


def csv_text(lines: list[ChargeLine]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECON_COLUMNS)
    writer.writeheader()
    writer.writerows(to_recon_rows(lines))
    return buffer.getvalue()


def both_ways(expected: list[ChargeLine], billed: list[ChargeLine]) -> ReconciliationReport:
    """Reconcile the billed lines streamed from CSV and parsed first; check that the reports agree."""
    text = csv_text(billed)
    streamed = reconcile(expected, iter_recon_rows(text))
    parsed = reconcile(expected, parse_recon_rows(text))
    assert streamed == parsed
    assert streamed.matched == parsed.matched
    return streamed


def sub(number: int, **changes: object) -> ChargeLine:
    fields: dict[str, Any] = {"subscription_id": f"sub-{number}", "reference_id": f"r-{number}", **changes}
    return attrs.evolve(BASE, **fields)


def test_a_clean_streamed_month_keeps_one_object_per_pair() -> None:
    month = [sub(number) for number in range(50)]
    report = both_ways(month, month)
    assert report.is_clean
    assert report.matched_actual == tuple(month)
    assert all(billed is mine for mine, billed in report.matched)


def test_reference_ids_billed_on_lines_expected_without_them_are_kept() -> None:
    mine = [attrs.evolve(line, reference_id=None) for line in (sub(1), sub(2), sub(3))]
    billed = [sub(1), sub(2), attrs.evolve(sub(3), reference_id=None)]
    report = both_ways(mine, billed)
    assert report.is_clean
    assert [line.reference_id for line in report.matched_actual] == ["r-1", "r-2", None]
    assert report.matched_actual == tuple(billed)


def test_a_billed_line_without_the_expected_reference_id_is_kept_whole() -> None:
    billed = attrs.evolve(sub(1), reference_id=None)
    report = both_ways([sub(1), sub(2)], [billed, sub(2)])
    assert report.matched_actual == (billed, sub(2))
    assert report.matched_actual[0] is not report.matched_expected[0]


def test_differences_that_do_not_count_keep_the_billed_line() -> None:
    billed = [
        sub(1, product="M365 E3"),
        sub(2, customer_id=None),
        sub(3, effective_unit_price=Money("36.00", "EUR")),
        sub(4, order_date=dt.date(2024, 3, 6)),
    ]
    report = both_ways([sub(number) for number in range(1, 5)], billed)
    assert report.is_clean
    assert report.matched_actual == tuple(billed)


def test_streamed_differences_missing_and_unexpected_lines() -> None:
    expected = [sub(1), sub(2), sub(3), sub(4, charge_type=ChargeType.RENEW)]
    billed = [
        sub(1, subtotal=Money(73, "EUR"), total=Money("88.12", "EUR")),
        sub(3),
        sub(5),
        sub(4, charge_type=ChargeType.CYCLE_CHARGE),
    ]
    report = both_ways(expected, billed)
    assert [mismatch.field for mismatch in report.mismatched] == ["subtotal", "total"]
    assert report.missing == (sub(2), sub(4, charge_type=ChargeType.RENEW))
    assert report.unexpected == (sub(5), sub(4, charge_type=ChargeType.CYCLE_CHARGE))
    assert report.matched_actual == (sub(3),)


def test_charge_types_sharing_dates_and_quantity_pair_with_their_own_type() -> None:
    new, renew = sub(1), sub(1, charge_type=ChargeType.RENEW, reference_id="r-9")
    report = both_ways([new, renew, new], [renew, new, new])
    assert report.is_clean
    assert report.matched_actual == (renew, new, new)


def test_rows_the_careful_reader_takes_are_paired_as_lines() -> None:
    text = csv_text([sub(1), sub(2)]).replace("15.12,87.12,EUR,sub-2", ",72,EUR,sub-2")
    free = sub(2, tax=Money(0, "EUR"), total=Money(72, "EUR"))
    report = reconcile([sub(1), free], iter_recon_rows(text))
    assert report.is_clean
    assert report.matched_actual == (sub(1), free)


def test_a_stream_already_started_is_reconciled_line_by_line() -> None:
    stream = iter_recon_rows(csv_text([sub(1), sub(2), sub(3)]))
    assert next(stream) == sub(1)
    report = reconcile([sub(2), sub(3)], stream)
    assert report.is_clean
    assert len(report.matched) == 2
    assert list(stream) == []


def test_one_stream_passed_as_both_sides_is_read_once_as_the_expected_lines() -> None:
    stream = iter_recon_rows(csv_text([sub(1), sub(2)]))
    report = reconcile(stream, stream)
    assert report.missing == (sub(1), sub(2))
    assert report.matched == ()


def test_streamed_rows_from_mappings_and_text_lines_reconcile_too() -> None:
    text = csv_text([sub(1), sub(2)])
    assert reconcile([sub(1), sub(2)], iter_recon_rows(list(csv.DictReader(io.StringIO(text))))).is_clean
    assert reconcile([sub(1), sub(2)], iter_recon_rows(text.splitlines())).is_clean
    assert reconcile([sub(1)], iter_recon_rows([])).missing == (sub(1),)


def test_errors_in_streamed_rows_name_the_row() -> None:
    text = csv_text([sub(1), sub(2)]).replace("72,15.12,87.12,EUR,sub-2", "72,15.12,87.13,EUR,sub-2")
    with raises_invalid(field="rows[2].Total", code=ErrorCode.INCONSISTENT):
        reconcile([sub(1), sub(2)], iter_recon_rows(text, strict=True))


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"subscription_id": " "}, "rows[2].SubscriptionId", ErrorCode.MISSING),  # blank: missing
        ({"customer_id": "c" * 2001}, "rows[2].CustomerId", ErrorCode.TOO_LONG),
        ({"subscription_id": "s" * 2001}, "rows[2].SubscriptionId", ErrorCode.TOO_LONG),
    ],
)
def test_ids_the_row_reader_checks_in_place_are_refused_like_the_careful_reader_refuses_them(
    changes: dict[str, str], field: str, code: ErrorCode
) -> None:
    rows = list(to_recon_rows([sub(1), sub(2)]))
    column = {"subscription_id": "SubscriptionId", "customer_id": "CustomerId"}
    for name, value in changes.items():
        rows[1][column[name]] = value
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECON_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    with raises_invalid(field=field, code=code):
        reconcile([sub(1), sub(2)], iter_recon_rows(buffer.getvalue()))


def test_a_report_can_be_built_from_its_pairs() -> None:
    report = ReconciliationReport(matched_expected=(sub(1),), matched_actual=(sub(1, reference_id=None),))
    assert report.matched == ((sub(1), sub(1, reference_id=None)),)
    assert report == reconcile([sub(1)], [sub(1, reference_id=None)])
    assert hash(report) == hash(reconcile([sub(1)], [sub(1, reference_id=None)]))
    assert repr(report).startswith("ReconciliationReport(matched_expected=(ChargeLine(")
    assert "matched_actual=(ChargeLine(" in repr(report)
    assert "reference_id=None" in repr(report)
    assert report.reasons[0].params["count"] == 1
    assert attrs.evolve(report, missing=(sub(2),)).matched_actual == report.matched_actual
    assert report.__eq__("report") is NotImplemented
    with raises_invalid(field="matched_actual[0]", code=ErrorCode.WRONG_TYPE):
        ReconciliationReport(matched_expected=(sub(1),), matched_actual=("x",))  # type: ignore[arg-type]
    with raises_invalid(field="matched_actual", code=ErrorCode.INCONSISTENT):
        ReconciliationReport(matched_expected=(sub(1),))


@pytest.mark.parametrize(
    "lines",
    [
        ["a,b\r\n", "c,d\n", "e\r", "f"],
        ["a,b\n", "\n", "\r\n", ""],
        ["a,b\n", 'c,"d\ne"\n', "f,g\n"],
        ["a, b ,c\n", "x\x00y,z\n", "a,b\n\n"],
        ["a,b\n", "c\rd\n"],
        ["a,b\n", 'c,"d\n'],
        ["a\n", "x" * (csv.field_size_limit() + 1)],
        ["a\n", b"b\n"],
    ],
)
def test_records_are_the_csv_readers_records(lines: list[object]) -> None:
    try:
        expected = list(csv.reader(lines, strict=True))  # type: ignore[arg-type]
    except csv.Error as error:
        with pytest.raises(csv.Error, match=re.escape(str(error))):
            list(records(iter(lines)))
    else:
        assert list(records(iter(lines))) == expected
