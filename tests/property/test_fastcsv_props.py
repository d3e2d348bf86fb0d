"""Laws of the fast CSV path: it reads what the csv reader and the careful reader read, row for row.

The careful reader reads every first row of a file (the fast path has seen nothing yet), so a row read
alone is the oracle: read in a file after other rows, it must give the same line, or the same refusal
naming its own row.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal, InvalidOperation
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import CurrencyMismatch, InvalidInput
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
TEXTS = (["t", " t ", "Teams", LONG, f" {LONG} "], ["", " ", LONG + "y"])
AMOUNTS = (["0", "35", "72", "72.00", " 70 ", "-5", "1e3"], ["", " ", "7x", "NaN", "Infinity", "1e999999"])
DATES = (["2024-03-05", "2024-04-04", "2024-04-05", "3/5/2024", "0001-01-01"], ["", "bad", "2024-02-30"])
#: For each column: values the careful reader accepts (some new to the fast path's caches), and
#: values it may refuse (blank, malformed, too long).
VARIANTS: dict[str, tuple[list[str], list[str]]] = {
    "CustomerId": TEXTS,
    "OrderDate": DATES,
    "ProductName": TEXTS,
    "ChargeType": (["new", "renew", "Renew", "cycleCharge"], ["", "bogus"]),
    "UnitPrice": AMOUNTS,
    "Quantity": (["2", "3"], ["", "two"]),
    "Subtotal": AMOUNTS,
    "TaxTotal": AMOUNTS,
    "Total": AMOUNTS,
    "Currency": (["EUR", "eur", " EUR ", "USD"], ["", "XYZ"]),
    "SubscriptionId": TEXTS,
    "ChargeStartDate": DATES,
    "ChargeEndDate": DATES,
    "TermAndBillingCycle": TEXTS,
    "EffectiveUnitPrice": AMOUNTS,
    "BillableQuantity": (["2", "3", "2.50", "-1"], ["", " ", "two"]),
    "BillingFrequency": TEXTS,
    "SubscriptionStartDate": DATES,
    "SubscriptionEndDate": DATES,
    "ReferenceId": TEXTS,
    "ProductQualifiers": (["", "AddOn", "AddOn,Trial", '["AddOn","Trial"]'], [" ", "[bad", "[1]"]),
    # a line priced in another currency (or, blank, in its billing currency)
    "PricingCurrency": (["", "USD", "EUR", " usd "], ["XYZ"]),
    "PCToBCExchangeRate": (["", "1", "0.846202666", "1.10"], ["0", "-1", "one"]),
    "PCToBCExchangeRateDate": (["", "2022-02-24", "2/24/2022"], ["bogus"]),
}


def number(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip() or "0")
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


@st.composite
def rows(draw: st.DrawFn) -> dict[str, str]:
    """A row of the good values with a few cells changed, mostly to accepted values; its total
    mostly follows its subtotal and tax."""
    changed = draw(st.lists(st.sampled_from(RECON_COLUMNS), max_size=4, unique=True))
    row = dict(GOOD)
    for column in changed:
        accepted, refused = VARIANTS[column]
        row[column] = draw(st.one_of(st.sampled_from(accepted), st.sampled_from(accepted + refused)))
    subtotal, tax = number(row["Subtotal"]), number(row["TaxTotal"])
    if "Total" not in changed and subtotal is not None and tax is not None and draw(st.booleans()):
        row["Total"] = str(subtotal + tax)
    return row


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


def accepted_first(items: list[dict[str, str]]) -> tuple[list[dict[str, str]], list[ChargeLine], list[Any]]:
    """The rows reordered so that the careful reader's accepted rows come first (a refusal stops the
    reading), their lines, and the first refusal with its row number (if a row is refused)."""
    alone_results = [alone(item) for item in items]
    accepted = [
        item for item, result in zip(items, alone_results, strict=True) if isinstance(result, ChargeLine)
    ]
    lines = [result for result in alone_results if isinstance(result, ChargeLine)]
    refused = [
        (item, result) for item, result in zip(items, alone_results, strict=True) if isinstance(result, tuple)
    ]
    first_refusal = [len(accepted) + 1, refused[0][1]] if refused else []
    ordered = [*accepted, *(item for item, _ in refused)]
    # one file, one currency: the first accepted line in another currency than the first line stops
    # the reading, before any refused row
    second = next((n for n, line in enumerate(lines) if line.currency != lines[0].currency), None)
    if second is not None:
        return ordered, lines[:second], [second + 1, ("mismatch", lines[0].currency, lines[second].currency)]
    return ordered, lines, first_refusal


def mismatch(error: CurrencyMismatch, number: int) -> tuple[str, str, str]:
    """A second currency's refusal, as :func:`accepted_first` states it, at row ``number``."""
    assert error.field == f"rows[{number}].Currency"
    return ("mismatch", error.left, error.right)


@given(st.lists(rows(), min_size=2, max_size=6))
def test_a_row_reads_the_same_after_other_rows_as_alone(items: list[dict[str, str]]) -> None:
    ordered, lines, first_refusal = accepted_first(items)
    got: list[Any] = []
    try:
        got.extend(iter_recon_rows(csv_text(ordered)))
    except CurrencyMismatch as error:
        got.extend([len(got) + 1, mismatch(error, len(got) + 1)])
    except InvalidInput as error:
        got.extend([len(got) + 1, refusal(error, len(got) + 1)])
    assert got == [*lines, *first_refusal]
    assert [repr(line) for line in got] == [repr(line) for line in [*lines, *first_refusal]]


@given(st.lists(rows(), min_size=2, max_size=6))
def test_reconcile_reads_the_rows_of_a_file_as_each_row_alone(items: list[dict[str, str]]) -> None:
    ordered, lines, first_refusal = accepted_first(items)
    try:
        got: object = reconcile(lines[:1], iter_recon_rows(csv_text(ordered)))
    except CurrencyMismatch as error:  # one invoice, one currency: the reader refuses the row
        got = [first_refusal[0], mismatch(error, first_refusal[0])]
    except InvalidInput as error:
        got = [first_refusal[0], refusal(error, first_refusal[0])] if first_refusal else error
    expected: object = first_refusal or reconcile(lines[:1], lines)
    assert got == expected
