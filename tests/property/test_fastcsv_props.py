"""Laws of the fast CSV path: it reads what the csv reader and the careful reader read, row for row.

The careful reader reads every first row of a file (the fast path has seen nothing yet), so a row read
alone is the oracle: read in a file after other rows, it must give the same line, or the same refusal
naming its own row.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import InvalidInput
from cspcore.billing import ChargeLine
from cspcore.interop import RECON_COLUMNS, iter_recon_rows, reconcile
from cspcore.interop._fastcsv import records

# --- records -----------------------------------------------------------------------------------------

PLAIN = st.lists(st.sampled_from(["a", "bc", ",", " ", "\ufeff", "\x00", "x,y"]), max_size=4).map("".join)
ENDINGS = st.sampled_from(["", "\n", "\r\n", "\r"])
ANY_PIECE = st.sampled_from(["a", "bc", ",", '"', "\r", "\n", "\r\n", " ", "\ufeff", "\x00", '""'])
PLAIN_LINE = st.builds(str.__add__, PLAIN, ENDINGS)
ANY_LINE = st.lists(ANY_PIECE, max_size=6).map("".join)


def read(lines: list[str], reader: Any) -> list[list[str]] | str:
    try:
        return list(reader(lines))
    except csv.Error as error:
        return f"csv.Error: {error}"


@given(st.lists(PLAIN_LINE, max_size=4), st.lists(ANY_LINE, max_size=3), st.lists(PLAIN_LINE, max_size=3))
@example(["a,b\n"], ["ab,c\r", "c\rd\n"], [])
@example([], ["a,bc\r"], ["x\n"])
@example(["\ufeffa,b\r\n"], ['a,"b\r\nc"\r\n'], ["d,\n"])
def test_records_are_the_csv_readers_records(before: list[str], middle: list[str], after: list[str]) -> None:
    lines = [*before, *middle, *after]
    expected = read(lines, lambda items: csv.reader(items, strict=True))
    assert read(lines, lambda items: records(iter(items))) == expected


# --- rows --------------------------------------------------------------------------------------------

GOOD = {
    "CustomerId": "c-1",
    "OrderDate": "2024-03-05",
    "ProductName": "Microsoft 365 E3",
    "ChargeType": "new",
    "UnitPrice": "36",
    "Quantity": "2",
    "Subtotal": "72",
    "TaxTotal": "15.12",
    "Total": "87.12",
    "Currency": "EUR",
    "SubscriptionId": "sub-1",
    "ChargeStartDate": "2024-03-05",
    "ChargeEndDate": "2024-04-04",
    "TermAndBillingCycle": "1 Year",
    "EffectiveUnitPrice": "36",
    "BillableQuantity": "2",
    "BillingFrequency": "Monthly",
    "SubscriptionStartDate": "2024-03-05",
    "SubscriptionEndDate": "2025-03-04",
    "ReferenceId": "r-1",
    "ProductQualifiers": "AddOn",
}
LONG = "x" * 2000
TEXTS = ["", " ", "t", " t ", LONG, LONG + "y", f" {LONG} "]
AMOUNTS = ["", " ", "0", "72", "72.00", " 70 ", "-5", "1e3", "7x", "NaN", "Infinity", "1e999999"]
DATES = ["", "2024-03-05", "2024-04-04", "2024-04-05", "3/5/2024", "0001-01-01", "bad", "2024-02-30"]
VARIANTS: dict[str, list[str]] = {
    "CustomerId": TEXTS,
    "OrderDate": DATES,
    "ProductName": TEXTS,
    "ChargeType": ["", "new", "renew", "Renew", "bogus"],
    "UnitPrice": AMOUNTS,
    "Quantity": ["", "2", "3", "two"],
    "Subtotal": AMOUNTS,
    "TaxTotal": AMOUNTS,
    "Total": [*AMOUNTS, "87.12", "85.12", "72.00"],
    "Currency": ["", "EUR", "eur", " EUR ", "USD", "XYZ"],
    "SubscriptionId": TEXTS,
    "ChargeStartDate": DATES,
    "ChargeEndDate": DATES,
    "TermAndBillingCycle": TEXTS,
    "EffectiveUnitPrice": AMOUNTS,
    "BillableQuantity": ["", " ", "2", "3", "2.50", "two", "-1"],
    "BillingFrequency": TEXTS,
    "SubscriptionStartDate": DATES,
    "SubscriptionEndDate": DATES,
    "ReferenceId": TEXTS,
    "ProductQualifiers": ["", " ", "AddOn", "AddOn,Trial", '["AddOn","Trial"]', "[bad", "[1]"],
}


@st.composite
def rows(draw: st.DrawFn) -> dict[str, str]:
    """A row of the good values with a few cells changed to good, odd or bad ones."""
    changed = draw(st.lists(st.sampled_from(RECON_COLUMNS), max_size=3, unique=True))
    return {**GOOD, **{column: draw(st.sampled_from(VARIANTS[column])) for column in changed}}


def csv_text(items: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECON_COLUMNS)
    writer.writeheader()
    writer.writerows(items)
    return buffer.getvalue()


def refusal(error: InvalidInput, number: int) -> tuple[str, str, str]:
    """What a refusal says, with its row number taken out."""
    prefix = f"rows[{number}]"
    assert error.field.startswith(prefix)
    return (error.field.removeprefix(prefix), error.problem, repr(error.value))


def alone(row: dict[str, str]) -> ChargeLine | tuple[str, str, str]:
    """The row read as the only row of a file: by the careful reader."""
    try:
        (line,) = iter_recon_rows(csv_text([row]))
    except InvalidInput as error:
        return refusal(error, 1)
    return line


@given(st.lists(rows(), min_size=1, max_size=4))
def test_a_row_reads_the_same_after_other_rows_as_alone(items: list[dict[str, str]]) -> None:
    expected = [alone(item) for item in items]
    got: list[ChargeLine | tuple[str, str, str]] = []
    try:
        got.extend(iter_recon_rows(csv_text(items)))
    except InvalidInput as error:
        got.append(refusal(error, len(got) + 1))
    assert got == expected[: len(got)]
    assert [repr(line) for line in got] == [repr(line) for line in expected[: len(got)]]
    assert len(got) == len(expected) or isinstance(got[-1], tuple)


@given(st.lists(rows(), min_size=1, max_size=4))
def test_reconcile_reads_the_rows_of_a_file_as_each_row_alone(items: list[dict[str, str]]) -> None:
    expected = [alone(item) for item in items]
    lines = [item for item in expected if isinstance(item, ChargeLine)]
    refused = [(number, item) for number, item in enumerate(expected, start=1) if isinstance(item, tuple)]
    try:
        got: object = reconcile(lines[:1], iter_recon_rows(csv_text(items)))
    except InvalidInput as error:
        got = (refused[0][0], refusal(error, refused[0][0])) if refused else error
    assert got == (refused[0] if refused else reconcile(lines[:1], lines))
