"""A reconciliation or daily-rated usage file reads the same lines whatever its layout.

What real downloads and spreadsheets do to a file without changing what it says: a UTF-8 byte-order
mark, CRLF line ends, blank lines at the end, the columns in another order, and columns cspcore does
not read (``PartnerId``, ``Tags``, quoted text with commas). None changes a line (``docs/
reconciliation.md``: columns are found by name, in any case, blanks and a byte-order mark around a
name do not count; a blank line is no row). A number written with a thousands separator is refused
(``not_a_number``, naming the row and column), never read as another number.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import ErrorCode
from cspcore.interop import RECON_COLUMNS, parse_recon_rows, to_recon_rows
from cspcore.interop.usage import parse_usage_rows, to_usage_rows
from cspcore.testing.interop import charge_lines
from cspcore.testing.strategies import currencies

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cspcore.billing import ChargeLine

LINES = currencies().flatmap(
    lambda code: st.lists(
        charge_lines(currency=code, subscription_ids=st.sampled_from(["s1", "s2"])), min_size=1, max_size=4
    )
)
EXTRA = ("PartnerId", "Tags", "AdditionalInfo")
EXTRA_CELLS = ("0e195b37-4574-4539-bc42-0e539b9684c0", '{"env": "prod, eu"}', "")


@st.composite
def layouts(draw: st.DrawFn, columns: Sequence[str]) -> tuple[list[str], str, str, int, bool]:
    """A column order (with unknown columns mixed in), a line end, a name case, trailing blanks, a BOM."""
    names = draw(st.permutations([*columns, *draw(st.lists(st.sampled_from(EXTRA), unique=True))]))
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    case = draw(st.sampled_from(["as is", "lower", "upper"]))
    return names, ending, case, draw(st.integers(0, 2)), draw(st.booleans())


def write(rows: list[dict[str, str]], layout: tuple[list[str], str, str, int, bool]) -> bytes:
    names, ending, case, trailing, bom = layout
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=ending)
    header = [
        name.lower() if case == "lower" else name.upper() if case == "upper" else name for name in names
    ]
    writer.writerow(header)
    for row in rows:
        writer.writerow(
            [row.get(name, EXTRA_CELLS[EXTRA.index(name)] if name in EXTRA else "") for name in names]
        )
    text = ("\ufeff" if bom else "") + buffer.getvalue() + ending * trailing
    return text.encode("utf-8")


@given(lines=LINES, layout=layouts(RECON_COLUMNS))
def test_a_recon_file_reads_the_same_lines_in_any_layout(
    lines: list[ChargeLine], layout: tuple[list[str], str, str, int, bool]
) -> None:
    data = write(list(to_recon_rows(lines)), layout)
    assert parse_recon_rows(data) == tuple(lines)
    assert parse_recon_rows(data.decode("utf-8")) == tuple(lines)
    assert parse_recon_rows(io.StringIO(data.decode("utf-8-sig"), newline="")) == tuple(lines)


USAGE_ROW = {
    "UsageDate": "2022-06-01T00:00:00.0000000Z",
    "SubscriptionId": "sub-1",
    "MeterId": "vm-d2",
    "Quantity": "24",
    "UnitPrice": "0.096",
    "EffectiveUnitPrice": "0.0816",
    "BillingPreTaxTotal": "1.801728",
    "BillingCurrency": "EUR",
    "PricingPreTaxTotal": "2.304",
    "PricingCurrency": "USD",
    "PCToBCExchangeRate": "0.92",
    "PartnerEarnedCreditPercentage": "15",
}


@given(layout=layouts(tuple(USAGE_ROW)))
def test_a_daily_rated_usage_file_reads_the_same_lines_in_any_layout(
    layout: tuple[list[str], str, str, int, bool],
) -> None:
    expected = parse_usage_rows([USAGE_ROW])
    assert parse_usage_rows(write([USAGE_ROW], layout)) == expected
    assert to_usage_rows(expected)[0]["Quantity"] == "24"


@given(layout=layouts(RECON_COLUMNS), amount=st.sampled_from(["1,200.00", "1.200,00", "1 200", "1,2"]))
@example(layout=(list(RECON_COLUMNS), "\r\n", "as is", 1, True), amount="1,200.00")
def test_a_number_with_a_thousands_separator_is_refused_whatever_the_layout(
    layout: tuple[list[str], str, str, int, bool], amount: str
) -> None:
    row = {
        "OrderDate": "3/5/2022",
        "ChargeType": "new",
        "ProductName": "M365 BS",
        "SubscriptionId": "s1",
        "UnitPrice": "12",
        "EffectiveUnitPrice": "12",
        "BillableQuantity": "100",
        "Subtotal": amount,
        "Currency": "EUR",
        "ChargeStartDate": "3/5/2022",
        "ChargeEndDate": "4/4/2022",
    }
    names = [name for name in layout[0] if name in row or name in EXTRA]
    with raises_invalid(field="rows[1].Subtotal", code=ErrorCode.NOT_A_NUMBER):
        parse_recon_rows(write([row], (names, *layout[1:])))


def test_a_usage_quantity_with_a_thousands_separator_is_refused() -> None:
    data = write([{**USAGE_ROW, "Quantity": "1,024"}], (list(USAGE_ROW), "\r\n", "as is", 0, True))
    assert b'"1,024"' in data  # quoted, as a spreadsheet writes it
    with raises_invalid(field="rows[1].Quantity", code=ErrorCode.NOT_A_NUMBER):
        parse_usage_rows(data)
