"""A refusal raised reading one side's file is named on that side, everything else about it kept.

The file itself (field ``path``: it cannot be opened) becomes the side (``billed``); any other field
goes under it (``billed.rows[4].Subtotal``), and the refusal keeps its class, code and value. Rows that
cannot be read at all (a closed file, bytes that are not UTF-8) are one refusal, ``rows`` with code
``io_failed``, which shows no value (it may hold the file's bytes).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.recon_month import month_files
from tests.refusals import raises_invalid

from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.interop.recon_files import reconcile_files
from cspcore.interop.recon_split import on_side, unreadable

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize("side", ["expected", "billed"])
def test_the_file_becomes_the_side(side: str) -> None:
    moved = on_side(InvalidInput("path", "could not be opened", "x.csv", code=ErrorCode.IO_FAILED), side)
    assert (moved.field, moved.code, moved.value) == (side, ErrorCode.IO_FAILED, "x.csv")


@pytest.mark.parametrize("field", ["rows[4].Subtotal", "header", "rows", "paths", "path.x"])
def test_any_other_field_goes_under_the_side(field: str) -> None:
    moved = on_side(InvalidInput(field, "is bad", "12,5", code=ErrorCode.NOT_A_NUMBER), "billed")
    assert (moved.field, moved.code, moved.value) == (f"billed.{field}", ErrorCode.NOT_A_NUMBER, "12,5")


def test_a_currency_mismatch_stays_one() -> None:
    moved = on_side(CurrencyMismatch("rows[2].Currency", "EUR", "USD"), "expected")
    assert isinstance(moved, CurrencyMismatch)
    assert (moved.field, moved.left, moved.right) == ("expected.rows[2].Currency", "EUR", "USD")


def test_rows_that_cannot_be_read_are_refused_as_rows_showing_no_value() -> None:
    refusal = unreadable(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"))
    assert (refusal.field, refusal.code, refusal.value, refusal.shown_value) == (
        "rows",
        ErrorCode.IO_FAILED,
        None,
        None,
    )


@pytest.mark.parametrize("partitions", [1, 2])
def test_a_file_that_cannot_be_opened_is_refused_as_its_side(tmp_path: Path, partitions: int) -> None:
    mine, theirs = month_files(tmp_path)
    with raises_invalid(field="billed", code=ErrorCode.IO_FAILED):
        reconcile_files(expected=mine, billed=tmp_path / "none.csv", partitions=partitions, workdir=tmp_path)
    with raises_invalid(field="expected", code=ErrorCode.IO_FAILED):
        reconcile_files(
            expected=tmp_path / "none.csv", billed=theirs, partitions=partitions, workdir=tmp_path
        )
