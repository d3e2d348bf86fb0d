"""Laws of the partitioned reconcile: any partition count gives reconcile's report on the whole files.

Files are drawn with few subscriptions and few distinct figures, so keys are shared, lines repeat,
rows are reordered and some differ by a cent or in their reference id; some rows carry a quoted
qualifier and some files blank lines. The oracle is :func:`reconcile` of the whole expected file
(parsed) against the whole billed file (streamed).
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cspcore.interop import iter_recon_rows, parse_recon_rows, reconcile
from cspcore.interop.recon_files import ReconPart, combine, reconcile_files, reconcile_part

COLUMNS = (
    "OrderDate", "ChargeType", "ProductName", "SubscriptionId", "UnitPrice", "EffectiveUnitPrice",
    "BillableQuantity", "Subtotal", "TaxTotal", "Total", "Currency", "ChargeStartDate", "ChargeEndDate",
    "ReferenceId", "ProductQualifiers",
)  # fmt: skip

ROW = st.fixed_dictionaries(
    {
        "subscription": st.sampled_from(["s1", "s2", "s3", " s4", "sub,5"]),
        "kind": st.sampled_from(["new", "addQuantity", "removeQuantity"]),
        "quantity": st.integers(1, 3),
        "cents": st.integers(-300, 300),
        "price": st.sampled_from(["12", "12.00", "11.2258", "11.23"]),
        "day": st.integers(1, 2),
        "reference": st.sampled_from(["", "r1", "r2"]),
        "qualifiers": st.sampled_from(["", '["Trial"]']),
    }
)


def _cells(row: dict[str, Any]) -> list[str]:
    subtotal = Decimal(row["cents"]).scaleb(-2)
    return [
        "2022-03-05", row["kind"], "M365 BS", row["subscription"], "12", row["price"], str(row["quantity"]),
        str(subtotal), "0", str(subtotal), "EUR", f"2022-03-0{row['day']}", "2022-04-04", row["reference"],
        row["qualifiers"],
    ]  # fmt: skip


def _text(rows: list[list[str]], blanks: int) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for index, row in enumerate(rows):
        writer.writerow(row)
        if index < blanks:
            buffer.write("\r\n")
    return buffer.getvalue()


def _key(line: Any) -> str:
    return repr(line)


def _mismatch_key(mismatch: Any) -> str:
    return repr((mismatch.expected, mismatch.actual, mismatch.field, mismatch.difference))


@st.composite
def months(draw: st.DrawFn) -> tuple[str, str]:
    expected = [_cells(row) for row in draw(st.lists(ROW, max_size=25))]
    billed = list(expected)
    billed = draw(st.permutations(billed))
    billed = [row for row in billed if not draw(st.booleans()) or row[3] != "s2"]
    extra = [_cells(row) for row in draw(st.lists(ROW, max_size=8))]
    changed = []
    for row in [*billed, *extra]:
        copy = list(row)
        if draw(st.integers(0, 5)) == 0:
            cents = Decimal(copy[7]) + Decimal("0.01")
            copy[7] = copy[9] = str(cents)
        changed.append(copy)
    return _text(expected, draw(st.integers(0, 2))), _text(changed, draw(st.integers(0, 2)))


@settings(max_examples=60, deadline=None)
@given(months(), st.integers(1, 6), st.sampled_from(["0", "0.01"]))
def test_any_partition_count_gives_the_report_of_one_reconcile(
    month: tuple[str, str], count: int, tolerance: str
) -> None:
    expected_text, billed_text = month
    whole = reconcile(
        parse_recon_rows(expected_text),
        iter_recon_rows(io.StringIO(billed_text, newline="")),
        tolerance=tolerance,
    )
    with tempfile.TemporaryDirectory() as folder:
        mine, theirs = Path(folder, "mine.csv"), Path(folder, "billed.csv")
        mine.write_text(expected_text, encoding="utf-8", newline="")
        theirs.write_text(billed_text, encoding="utf-8", newline="")
        summary = reconcile_files(
            expected=mine, billed=theirs, partitions=count, tolerance=tolerance, keep_matched=True,
            workdir=folder,
        )  # fmt: skip
        parts = combine(
            [
                reconcile_part(
                    ReconPart(expected=mine, billed=theirs, index=i, count=count, tolerance=tolerance)
                )
                for i in range(count)
            ]
        )
    assert summary.matched == parts.matched == len(whole.matched_expected)
    assert Counter(map(_key, summary.missing)) == Counter(map(_key, whole.missing))
    assert Counter(map(_key, summary.unexpected)) == Counter(map(_key, whole.unexpected))
    assert Counter(map(_mismatch_key, summary.mismatched)) == Counter(map(_mismatch_key, whole.mismatched))
    assert summary.report is not None
    assert Counter(map(_key, summary.report.matched)) == Counter(map(_key, whole.matched))
    if whole.matched_expected:
        assert summary.matched_total is not None
        assert summary.matched_total.amount == sum(line.total.amount for line in whole.matched_expected)
    assert parts == summary
