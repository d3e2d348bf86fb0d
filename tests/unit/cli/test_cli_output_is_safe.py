"""What the shell prints or writes never carries terminal controls or spreadsheet formulas from a file."""

from __future__ import annotations

import csv
import io
import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore.cli import FORMULA_STARTS, csv_cell, main, terminal_text

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    import pytest

BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
SEPARATORS = {"\u2028", "\u2029"}


def _unsafe(char: str, *, newlines: bool = False) -> bool:
    if newlines and char == "\n":
        return False
    return unicodedata.category(char) == "Cc" or char in BIDI or char in SEPARATORS


# -- the helpers, as laws --------------------------------------------------------------------------


@given(st.text(), st.booleans())
@example("\x1b]0;owned\x07\x9b31m\u202etxt.exe\u2066", False)
@example("line one\nline two\r\n", True)
def test_no_printed_text_holds_a_control_or_bidi_character(text: str, newlines: bool) -> None:
    shown = terminal_text(text, newlines=newlines)
    assert not any(_unsafe(char, newlines=newlines) for char in shown)
    assert terminal_text(shown, newlines=newlines) == shown  # idempotent: safe text stays as it is
    assert shown.count("\n") == (text.count("\n") if newlines else 0)


@given(st.text().filter(lambda text: not any(_unsafe(char) for char in text)))
def test_safe_text_is_printed_unchanged(text: str) -> None:
    assert terminal_text(text) == text


@given(st.text())
@example("=cmd|' /C calc'!A0")
@example("+1+1")
@example("-2+3")
@example("@SUM(A1)")
@example("\t=1")
@example("\r=1")
def test_no_text_cell_starts_a_formula(text: str) -> None:
    cell = csv_cell(text)
    assert not any(_unsafe(char) for char in cell)
    if cell.startswith(FORMULA_STARTS):
        assert Decimal(cell).is_finite()  # only a plain number may start with a sign


@given(st.decimals(allow_nan=False, allow_infinity=False))
@example(Decimal("-12.50"))
@example(Decimal("-1E+5"))
def test_numeric_cells_stay_numbers(number: Decimal) -> None:
    assert csv_cell(str(number)) == str(number)


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_a_row_of_safe_cells_is_one_csv_line_that_reads_back(cells: list[str]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([csv_cell(cell) for cell in cells])
    assert out.getvalue().count("\n") == 1
    assert next(csv.reader(io.StringIO(out.getvalue()))) == [csv_cell(cell) for cell in cells]


# -- the commands ----------------------------------------------------------------------------------


def test_rate_neutralises_a_formula_product_but_keeps_negative_amounts(rated: Callable[[str], str]) -> None:
    rows = list(csv.DictReader(io.StringIO(rated("\"=cmd|' /C calc'!A0\""))))
    assert {row["ProductName"] for row in rows} == {"'=cmd|' /C calc'!A0"}
    refund = next(row for row in rows if row["Subtotal"].startswith("-"))
    assert Decimal(refund["Subtotal"]) == Decimal("-94.00")
    assert Decimal(refund["EffectiveUnitPrice"]) < 0


def test_explain_charge_escapes_controls_and_bidi_overrides_from_the_file(
    rated: Callable[[str], str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = rated('"M365"').replace("M365", "M365\x1b[2J\x9b\u202e\u2067")
    path = tmp_path / "lines.csv"
    path.write_text(text, encoding="utf-8")
    assert main(["explain-charge", str(path)]) == 0
    out = capsys.readouterr().out
    assert not any(_unsafe(char, newlines=True) for char in out)
    assert "M365\\x1b[2J\\x9b\\u202e\\u2067" in out


def test_reconcile_escapes_controls_in_ids_it_prints(
    rated: Callable[[str], str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = rated('"M365"').replace("sub-1", "sub\x1b[31m-1")
    actual = expected.replace(",112.80,0,112.80,", ",112.81,0,112.81,")
    (tmp_path / "e.csv").write_text(expected, encoding="utf-8")
    (tmp_path / "a.csv").write_text(actual, encoding="utf-8")
    assert main(["reconcile", str(tmp_path / "e.csv"), str(tmp_path / "a.csv")]) == 1
    out = capsys.readouterr().out
    assert "sub\\x1b[31m-1" in out
    assert not any(_unsafe(char, newlines=True) for char in out)


def test_reconcile_splits_the_billed_file_only_at_csv_line_ends(
    rated: Callable[[str], str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = rated('"M365"').replace("M365", "M365\u2028Business\x85Standard\x0c\x1c")
    for ending in ("\n", "\r\n", "\r"):
        path = tmp_path / "billed.csv"
        path.write_bytes(text.replace("\n", ending).encode("utf-8"))
        assert main(["reconcile", str(path), str(path)]) == 0, ending
        assert capsys.readouterr().out == "All 5 charges agree with the expected ones.\n"
