"""Law: a CSV row is read only when it holds exactly as many cells as its header names.

Whatever columns a header adds that no reader reads (before, between or after the columns read),
and wherever cells are dropped from a row or added to it, a row of another count of cells is refused
naming its row (code ``malformed``) by every reader of recon and usage rows, text or lines, and a
row of the header's count is read to the line it holds.
"""

from __future__ import annotations

from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.interop import check_recon_rows, iter_recon_rows, parse_recon_rows, parse_usage_rows

RECON = {
    "OrderDate": "2022-03-05", "ChargeType": "new", "ProductName": "M365", "SubscriptionId": "s1",
    "UnitPrice": "12", "EffectiveUnitPrice": "12", "BillableQuantity": "10", "Subtotal": "120",
    "Currency": "EUR", "ChargeStartDate": "2022-03-05", "ChargeEndDate": "2022-04-04",
}  # fmt: skip
USAGE = {
    "UsageDate": "2022-06-03", "SubscriptionId": "s", "MeterId": "m", "Quantity": "2", "UnitPrice": "1.5",
    "BillingPreTaxTotal": "3", "BillingCurrency": "EUR", "PricingPreTaxTotal": "3", "PricingCurrency": "EUR",
}  # fmt: skip
#: Columns no reader reads (``PromotionId`` ends Microsoft's file), with a cell they may hold.
UNREAD = ("PromotionId", "PartnerId", "SubscriptionDescription")


def _read_recon(text: str) -> Any:
    return (
        parse_recon_rows(text),
        check_recon_rows(text).lines,
        tuple(iter_recon_rows(text.splitlines(keepends=True))),
    )


@st.composite
def files(draw: st.DrawFn, cells: dict[str, str]) -> tuple[list[str], list[str], int]:
    """A header (the columns read and some unread, in any order), a row of it, and a change of its cell
    count (a drop of cells where negative, cells added where positive, none at 0)."""
    unread = draw(st.lists(st.sampled_from(UNREAD), unique=True, max_size=3))
    names = draw(st.permutations([*cells, *unread]))
    row = [cells.get(name, "x") for name in names]
    change = draw(st.integers(-len(row) + 1, 3))
    if change < 0:
        for _ in range(-change):
            del row[draw(st.integers(0, len(row) - 1))]
    for _ in range(change):
        row.insert(draw(st.integers(0, len(row))), draw(st.sampled_from(["", "x", "12"])))
    return names, row, change


@given(files(RECON), st.integers(1, 3))
@example((["PromotionId", *RECON], [*RECON.values()], -1), 1)  # the unread cell left off
@example(([*RECON, "PromotionId"], [*RECON.values()], -1), 2)
def test_a_recon_row_is_read_only_with_the_headers_count_of_cells(
    file: tuple[list[str], list[str], int], number: int
) -> None:
    names, row, change = file
    whole = ",".join(RECON.get(name, "x") for name in names) + "\n"
    text = ",".join(names) + "\n" + whole * (number - 1) + ",".join(row) + "\n"
    if change == 0:
        for lines in _read_recon(text):
            assert len(lines) == number
            assert lines[-1] == lines[0]
        return
    for read in (parse_recon_rows, check_recon_rows, lambda t: list(iter_recon_rows(t.splitlines(True)))):
        with raises_invalid(field=f"rows[{number}]", code=ErrorCode.MALFORMED):
            read(text)


@given(files(USAGE))
@example(([*USAGE, "PromotionId"], [*USAGE.values()], -1))
def test_a_usage_row_is_read_only_with_the_headers_count_of_cells(
    file: tuple[list[str], list[str], int],
) -> None:
    names, row, change = file
    text = ",".join(names) + "\n" + ",".join(row) + "\n"
    if change == 0:
        assert len(parse_usage_rows(text)) == 1
        return
    with raises_invalid(field="rows[1]", code=ErrorCode.MALFORMED):
        parse_usage_rows(text)
