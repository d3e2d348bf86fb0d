"""Reading the reconciliation file's CSV text: its records, blank lines and refusals, pinned whole."""

from __future__ import annotations

import csv

import pytest

from cspcore import ErrorCode, InvalidInput, Money
from cspcore.interop import iter_recon_rows, parse_recon_rows

HEADER = (
    "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
    "Subtotal,Currency,ChargeStartDate,ChargeEndDate"
)
ROW = "2022-03-05,new,M365 BS,s1,12,12.00,10,120,EUR,2022-03-05,2022-04-04"


def refusal(text: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows(text)
    return caught.value


def test_blank_lines_between_rows_are_skipped_and_the_rows_after_them_read() -> None:
    later = ROW.replace(",10,120,", ",2,24,")
    lines = parse_recon_rows(f"{HEADER}\n{ROW}\n\n{later}\n\n")
    assert [line.subtotal for line in lines] == [Money(120, "EUR"), Money(24, "EUR")]


def test_a_row_one_column_short_is_refused_with_its_cells() -> None:
    short = ROW.rsplit(",", 1)[0]
    error = refusal(f"{HEADER}\n{ROW}\n{short}\n")
    cells = short.split(",")
    assert (error.field, error.code, error.value) == ("rows[2]", ErrorCode.MALFORMED, cells)


def test_a_row_with_every_column_of_the_header_is_read() -> None:
    (line,) = parse_recon_rows(f"{HEADER},Extra\n{ROW},x\n")
    assert line.subtotal == Money(120, "EUR")
    (line,) = parse_recon_rows(f"Extra,{HEADER}\nx,{ROW}\n")
    assert line.subtotal == Money(120, "EUR")


def test_a_header_with_a_stray_quote_is_malformed_csv() -> None:
    error = refusal(f'OrderDate,"ChargeType"x,{HEADER}\n{ROW}\n')
    assert (error.field, error.value) == ("csv", None)
    assert error.code == ErrorCode.MALFORMED


def test_a_row_with_an_unclosed_quote_is_malformed_csv_without_the_value() -> None:
    error = refusal(f'{HEADER}\n{ROW}\n{ROW},"\n')
    assert (error.field, error.value) == ("csv", None)
    assert error.code == ErrorCode.MALFORMED


def test_a_cell_longer_than_the_csv_readers_limit_is_too_long() -> None:
    # The same code as a text cell over its own bound (10,000 characters), never ``malformed``.
    error = refusal(f'{HEADER}\n{ROW}\n{ROW},"{"x" * (csv.field_size_limit() + 1)}"\n')
    assert (error.field, error.code, error.value) == ("csv", ErrorCode.TOO_LONG, None)


def test_streamed_text_reports_the_problem_when_the_row_is_reached() -> None:
    stream = iter_recon_rows(f"{HEADER}\n{ROW}\n2022-03-05,new\n")
    assert next(stream).subtotal == Money(120, "EUR")
    with pytest.raises(InvalidInput) as caught:
        next(stream)
    assert caught.value.code == ErrorCode.MALFORMED


def test_a_line_break_inside_a_quoted_cell_is_kept_as_written() -> None:
    text = (
        f"{HEADER}\r\n{ROW.replace('M365 BS', chr(34) + 'Teams' + chr(13) + chr(10) + 'Phone' + chr(34))}\r\n"
    )
    (line,) = parse_recon_rows(text)
    assert line.product == "Teams\r\nPhone"
    (line,) = parse_recon_rows(text.encode())
    assert line.product == "Teams\r\nPhone"


def test_bytes_that_are_not_utf8_are_refused_naming_the_first_bad_byte() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows(f"{HEADER}\n".encode() + b"\xff")
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "rows",
        ErrorCode.MALFORMED,
        None,
    )
    assert caught.value.code == ErrorCode.MALFORMED


@pytest.mark.parametrize("rows", [5, {"OrderDate": "2022-03-05"}, None])
def test_rows_that_are_neither_text_nor_an_iterable_of_lines_or_rows_are_refused(rows: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        iter_recon_rows(rows)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "rows",
        ErrorCode.WRONG_TYPE,
        rows,
    )


def test_text_with_carriage_returns_alone_as_line_ends_is_read_row_by_row() -> None:
    later = ROW.replace(",10,120,", ",2,24,")
    lines = parse_recon_rows(f"{HEADER}\r{ROW}\r{later}\r")
    assert [line.subtotal for line in lines] == [Money(120, "EUR"), Money(24, "EUR")]
