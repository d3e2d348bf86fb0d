"""The columnar fast path of the file reconcile gives the pure path's summary, or raises its error.

Files are drawn in all of Microsoft's columns, with few subscriptions and figures (keys shared,
lines repeated, reordered, a cent off, missing, unexpected), and with what the fast path must hand
to the pure one or read as it does: quoted cells (some holding a comma or a quote), cells with
blanks around them, number texts written in other ways (``12.00``, ``02``, ``+12``), US dates,
charge types in other cases, exchange columns present or not, a last column no reader reads, blank
lines, and now and then an invalid cell (a required date of ``0001-01-01`` among them), a row short
of a cell (its last, or one in its middle) or a second currency. Whatever the engine, the summary is
equal (lines, order, counts, totals to the last digit written), and an error has the same type,
field and code.
"""

from __future__ import annotations

import csv
import io
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspcore.errors import InvalidInput
from cspcore.interop import RECON_COLUMNS, recon_files
from cspcore.interop.recon_files import ReconPart, reconcile_files, reconcile_part

pytest.importorskip("pyarrow")

#: Not a column: which cell of a row is left out when the row is written (see :func:`_text`).
DROPPED = "<dropped>"
EXCHANGES = (("", "", ""), ("USD", "0.92", "2022-02-28"), ("EUR", "1", ""))
ODD = {
    "Subtotal": ("abc", "1e400", ""),
    "SubscriptionId": ("", "  "),
    "OrderDate": ("2022-13-45", "0001-01-01"),  # Partner Center's "no date": missing where required
    "ChargeStartDate": ("1/1/0001",),
    "ChargeEndDate": ("2022-02-01", "0001-01-01T00:00:00"),
    "Currency": ("USD", "XXY"),
    "BillableQuantity": ("-1", "x"),
    "ChargeType": ("gift",),
    "ProductQualifiers": ("[",),
    "UnitPrice": ("12,5",),
    "PCToBCExchangeRate": ("zero",),
    DROPPED: ("last", "middle"),
}


def _rows(*, odd: bool) -> st.SearchStrategy[dict[str, Any]]:
    """Rows of a file the fast path takes whole (``odd=False``), or of one with what it may not take."""

    def pick(clean: list[Any], other: list[Any]) -> st.SearchStrategy[Any]:
        return st.sampled_from(clean + other if odd else clean)

    return st.fixed_dictionaries(
        {
            "subscription": pick(["s1", "s2", "s3", 's"5', "sub,5", "s6"], [" s4"]),
            "kind": pick(["new", "addQuantity", "removeQuantity", "New"], []),
            "quantity": pick(["1", "2", "3", "02"], [" 2", "2.0"]),
            "cents": st.integers(-300, 300),
            "subtotal_form": pick(["plain", "plain", "padded"], ["plus"]),
            "price": pick(["12", "12.00", "11.2258", "11.23"], [" 12", "1.2E1"]),
            "day": st.integers(1, 2),
            "us_date": st.booleans(),
            "reference": pick(["", "r1", "r2", "r 3"], [" r1"]),
            "qualifiers": pick(["", "", '["Trial"]', '["AddOn", "Trial"]'], ['[ "Trial"]']),
            "tax": pick(["0", "", "0.00", "0.21"], []),
            "total": pick(["sum", "sum", "blank", "other"], []),
            "customer": pick(["", "c1", 'c"3', "c,2"], []),
            "exchange": st.sampled_from(range(len(EXCHANGES))),
            "odd": st.one_of(
                *[st.none()] * 8,
                st.sampled_from([(column, value) for column, values in ODD.items() for value in values]),
            )
            if odd
            else st.none(),
        }
    )


CLEAN, ODD_ROWS = _rows(odd=False), _rows(odd=True)


def _cells(row: dict[str, Any]) -> dict[str, str]:
    subtotal = Decimal(row["cents"]).scaleb(-2)
    text = str(subtotal)
    if row["subtotal_form"] == "padded":
        text = f"{subtotal:.3f}"
    elif row["subtotal_form"] == "plus" and subtotal > 0:
        text = f"+{subtotal}"
    tax = Decimal(row["tax"] or 0)
    total = {"sum": str(subtotal + tax), "blank": "", "other": str(subtotal + tax + 1)}[row["total"]]
    day = f"3/{row['day']}/2022" if row["us_date"] else f"2022-03-0{row['day']}"
    pricing, rate, rate_date = EXCHANGES[row["exchange"]]
    cells = {
        "CustomerId": row["customer"],
        "OrderDate": "2022-03-05",
        "ProductName": "M365 BS",
        "ChargeType": row["kind"],
        "UnitPrice": "12",
        "Quantity": row["quantity"].lstrip("0"),
        "Subtotal": text,
        "TaxTotal": row["tax"],
        "Total": total,
        "Currency": "EUR",
        "SubscriptionId": row["subscription"],
        "ChargeStartDate": day,
        "ChargeEndDate": "2022-04-04",
        "TermAndBillingCycle": "One-Year commitment",
        "EffectiveUnitPrice": row["price"],
        "BillableQuantity": row["quantity"],
        "BillingFrequency": "Monthly",
        "SubscriptionStartDate": "2022-03-01",
        "SubscriptionEndDate": "0001-01-01",
        "ReferenceId": row["reference"],
        "ProductQualifiers": row["qualifiers"],
        "PricingCurrency": pricing,
        "PCToBCExchangeRate": rate,
        "PCToBCExchangeRateDate": rate_date,
    }
    if row["odd"] is not None:
        column, value = row["odd"]
        cells[column] = value
    return cells


def _text(rows: list[dict[str, str]], columns: tuple[str, ...], blanks: int) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for index, row in enumerate(rows):
        values = [row.get(column, "") for column in columns]
        if row.get(DROPPED) == "last":
            values.pop()
        elif row.get(DROPPED) == "middle":
            del values[len(values) // 2]
        writer.writerow(values)
        if index < blanks:
            buffer.write("\r\n")
    return buffer.getvalue()


@st.composite
def months(draw: st.DrawFn, *, clean: bool = False) -> tuple[str, str]:
    rows = ODD_ROWS if not clean and draw(st.integers(0, 3)) == 0 else CLEAN
    expected = [_cells(row) for row in draw(st.lists(rows, max_size=25))]
    billed = draw(st.permutations(expected))
    billed = [row for row in billed if not draw(st.booleans()) or row["SubscriptionId"] != "s2"]
    extra = [_cells(row) for row in draw(st.lists(rows, max_size=6))]
    changed = []
    for row in [*billed, *extra]:
        copy = dict(row)
        pick = draw(st.integers(0, 7))
        if pick == 0 and copy["Subtotal"] == copy["Total"]:
            cents = str(Decimal(copy["Subtotal"]) + Decimal("0.01")) if copy["Subtotal"] else "1"
            copy["Subtotal"] = copy["Total"] = cents
        elif pick == 1:
            copy["ReferenceId"] = "ms-1"
        changed.append(copy)
    columns = draw(
        st.sampled_from(
            [
                RECON_COLUMNS,
                RECON_COLUMNS[:-3],
                tuple(reversed(RECON_COLUMNS)),
                (*RECON_COLUMNS, "PromotionId"),
            ]
        )
    )
    billed_columns = draw(st.sampled_from([columns, RECON_COLUMNS]))
    if columns == RECON_COLUMNS[:-3]:
        expected = [row for row in expected if row["PricingCurrency"] == ""]
    return (
        _text(expected, columns, draw(st.integers(0, 2))),
        _text(changed, billed_columns, draw(st.integers(0, 2))),
    )


def _outcome(run: Any) -> tuple[Any, ...]:
    try:
        summary = run()
    except InvalidInput as error:
        return ("error", type(error), error.field, error.code)
    amounts = [
        None if money is None else (str(money.amount), money.currency)
        for money in (summary.matched_subtotal, summary.matched_total)
    ]
    return ("summary", summary, amounts)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(months(), st.integers(1, 4), st.sampled_from(["0", "0.01"]), st.booleans())
def test_the_columnar_path_gives_the_pure_summary_or_error(
    month: tuple[str, str], count: int, tolerance: str, whole: bool
) -> None:
    """Files read whole (partitions taken in memory) or cut into partition files: the pure outcome."""
    expected_text, billed_text = month
    with tempfile.TemporaryDirectory() as folder:
        mine, theirs = Path(folder, "mine.csv"), Path(folder, "billed.csv")
        mine.write_text(expected_text, encoding="utf-8", newline="")
        theirs.write_text(billed_text, encoding="utf-8", newline="")

        def files(engine: str) -> Any:
            return reconcile_files(
                expected=mine,
                billed=theirs,
                partitions=count,
                tolerance=tolerance,
                workdir=folder,
                engine=engine,
            )

        def part(engine: str) -> Any:
            last = ReconPart(
                expected=mine, billed=theirs, index=count - 1, count=count, tolerance=tolerance, engine=engine
            )
            return reconcile_part(last)

        with patch.object(recon_files, "COLUMNAR_WHOLE_BYTES", 2**40 if whole else -1):
            for run in (files, part):
                assert _outcome(lambda run=run: run("arrow")) == _outcome(lambda run=run: run("pure"))
