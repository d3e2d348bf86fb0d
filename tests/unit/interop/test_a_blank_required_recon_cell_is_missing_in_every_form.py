"""A blank required cell of a reconciliation row is a cell missing, whatever form the row came in.

``docs/reconciliation.md``: ``missing`` is "a required key, cell or header column is absent or blank".
A row given as a mapping always said so; the same row as CSV text said ``malformed`` (a blank date),
``unknown_value`` (a blank currency or charge type), ``not_a_number`` (a blank price) or ``empty``
(a blank product), so a program matching on the code treated one blank cell four ways.
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import ErrorCode, InvalidInput
from cspcore.interop import check_recon_rows, iter_recon_rows, parse_recon_rows
from cspcore.interop.recon_files import reconcile_files

if TYPE_CHECKING:
    from pathlib import Path

COLUMNS = (
    "OrderDate",
    "ChargeType",
    "ProductName",
    "SubscriptionId",
    "UnitPrice",
    "EffectiveUnitPrice",
    "BillableQuantity",
    "Subtotal",
    "Currency",
    "ChargeStartDate",
    "ChargeEndDate",
)
ROW = dict(
    zip(
        COLUMNS,
        ("2022-03-05", "new", "M365 BS", "s1", "12", "12.00", "10", "120", "EUR", "2022-03-05", "2022-04-04"),
        strict=True,
    )
)


def as_csv(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def blanked(column: str, blank: str = "") -> dict[str, str]:
    return {**ROW, column: blank}


@pytest.mark.parametrize("column", COLUMNS)
def test_a_blank_required_cell_in_csv_text_is_missing(column: str) -> None:
    with raises_invalid(field=f"rows[2].{column}", code=ErrorCode.MISSING):
        parse_recon_rows(as_csv([ROW, blanked(column)]))


@pytest.mark.parametrize("column", COLUMNS)
def test_a_blank_required_cell_is_missing_in_bytes_an_open_file_and_the_checking_reader(column: str) -> None:
    text = as_csv([blanked(column, "  ")])
    with raises_invalid(field=f"rows[1].{column}", code=ErrorCode.MISSING):
        parse_recon_rows(text.encode())
    with raises_invalid(field=f"rows[1].{column}", code=ErrorCode.MISSING):
        list(iter_recon_rows(io.StringIO(text, newline="")))
    with raises_invalid(field=f"rows[1].{column}", code=ErrorCode.MISSING):
        check_recon_rows(text)


def test_the_first_blank_required_cell_is_named_before_any_other_problem_of_the_row() -> None:
    row = {**ROW, "OrderDate": "not a date", "Currency": "", "UnitPrice": " "}
    with raises_invalid(field="rows[1].UnitPrice", code=ErrorCode.MISSING):
        parse_recon_rows(as_csv([row]))
    with raises_invalid(field="rows[0].UnitPrice", code=ErrorCode.MISSING):
        parse_recon_rows([row])


def test_a_file_given_by_path_names_the_blank_cell_as_missing_too(tmp_path: Path) -> None:
    expected, billed = tmp_path / "expected.csv", tmp_path / "billed.csv"
    expected.write_text(as_csv([ROW]), encoding="utf-8")
    billed.write_text(as_csv([ROW, blanked("Currency")]), encoding="utf-8")
    with raises_invalid(field="billed.rows[2].Currency", code=ErrorCode.MISSING):
        reconcile_files(expected=expected, billed=billed, engine="pure", workdir=tmp_path)


@given(
    blanks=st.sets(st.sampled_from(COLUMNS), min_size=1),
    spaces=st.sampled_from(["", " ", "\t", "  "]),
)
def test_csv_text_and_mappings_refuse_the_same_cell_with_the_same_code(blanks: set[str], spaces: str) -> None:
    row = {**ROW, **dict.fromkeys(blanks, spaces)}
    with pytest.raises(InvalidInput) as from_text:
        parse_recon_rows(as_csv([row]))
    with pytest.raises(InvalidInput) as from_mapping:
        parse_recon_rows([row])
    column = from_text.value.field.removeprefix("rows[1].")
    assert column in blanks
    assert (from_text.value.code, from_mapping.value.field, from_mapping.value.code) == (
        ErrorCode.MISSING,
        f"rows[0].{column}",
        ErrorCode.MISSING,
    )
