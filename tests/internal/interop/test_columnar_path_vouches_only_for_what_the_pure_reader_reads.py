"""What the columnar path vouches for, cell by cell and column by column, and what it leaves to the pure path.

A file it vouches for is read by :func:`read_side` without :class:`Unvouched`; one it does not, raises
it (the caller then reconciles the files by the pure path). Either way a reconcile by the ``arrow``
engine has the ``pure`` engine's outcome: its summary, or its error's type, field and code.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from tests.recon_month import month_files, recon_file

from cspcore.errors import InvalidInput
from cspcore.interop import RECON_COLUMNS
from cspcore.interop import _recon_arrow as columnar
from cspcore.interop.recon_csv import parse_recon_rows
from cspcore.interop.recon_files import reconcile_files

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("pyarrow")


def _vouched(path: Path, *, billed: bool = False) -> bool:
    """Whether the fast path reads the file (as the expected side, or the billed one)."""
    try:
        columnar.read_side(str(path), columnar.Reader(), billed=billed)
    except columnar.Unvouched:
        return False
    return True


def _outcome(mine: Path, theirs: Path, engine: str, **options: Any) -> object:
    try:
        return reconcile_files(expected=mine, billed=theirs, engine=engine, **options)
    except InvalidInput as error:
        return (type(error), error.field, error.code)


def _same_outcome(mine: Path, theirs: Path, **options: Any) -> object:
    """Both engines' outcome, asserted equal."""
    pure = _outcome(mine, theirs, "pure", **options)
    assert _outcome(mine, theirs, "arrow", **options) == pure
    return pure


def _with_header(path: Path, header: str) -> Path:
    """The file with its header line replaced."""
    body = path.read_text(encoding="utf-8").split("\n", 1)[1]
    path.write_text(f"{header}\n{body}", encoding="utf-8", newline="")
    return path


def _original(tmp_path: Path) -> object:
    """The pure outcome of the month's files as :func:`month_files` writes them."""
    folder = tmp_path / "original"
    folder.mkdir()
    return _outcome(*month_files(folder), "pure")


_HEADER = ",".join(RECON_COLUMNS)


# --- the header ---------------------------------------------------------------------------------


def test_a_header_of_microsofts_columns_is_vouched_for(tmp_path: Path) -> None:
    mine, theirs = month_files(tmp_path)
    assert _vouched(mine)
    assert _vouched(theirs, billed=True)


@pytest.mark.parametrize(
    "header",
    [
        "\ufeff" + _HEADER,  # a byte-order mark
        _HEADER + ",Notes",  # a column the reader does not model
        "Notes," + _HEADER,  # ... before the others: every position moves
    ],
)
def test_a_plain_header_is_vouched_for_whatever_else_it_holds(tmp_path: Path, header: str) -> None:
    mine, theirs = month_files(tmp_path)
    body = mine.read_text(encoding="utf-8").splitlines()[1:]
    if header.startswith("Notes,"):  # the cells move with their names
        body = [f"a note,{line}" for line in body]
    elif header.endswith(",Notes"):
        body = [f"{line},a note" for line in body]
    mine.write_text("".join(f"{line}\n" for line in [header, *body]), encoding="utf-8", newline="")
    assert _vouched(mine)
    assert _same_outcome(mine, theirs) == _original(tmp_path)


def test_a_file_without_the_exchange_columns_is_vouched_for(tmp_path: Path) -> None:
    mine, theirs = month_files(tmp_path)
    columns = [column for column in RECON_COLUMNS if column in columnar.FAST_COLUMNS]
    lines = mine.read_text(encoding="utf-8").splitlines()
    kept = [RECON_COLUMNS.index(column) for column in columns]
    mine.write_text(
        "".join(",".join(line.split(",")[i] for i in kept) + "\n" for line in lines), encoding="utf-8"
    )
    assert _vouched(mine)
    assert _same_outcome(mine, theirs) == _original(tmp_path)


@pytest.mark.parametrize(
    "header",
    [
        _HEADER.replace("OrderDate", '"OrderDate"', 1),  # a quoted name
        '"Notes, kept",' + _HEADER,  # a quoted name holding a comma: the positions would move
        _HEADER.replace("Subtotal", "subtotal", 1),  # a name spelled in another case
        _HEADER.replace("ReferenceId", "Reference", 1),  # a column of the fast reader missing
        _HEADER.replace("ChargeType", "Charge Type", 1),
        _HEADER + ",currency",  # two names alike but for case
        _HEADER + ",Notes,NOTES",
        "",  # no header at all
        " ",
    ],
)
def test_a_header_that_is_not_plain_is_left_to_the_pure_path(tmp_path: Path, header: str) -> None:
    mine, theirs = month_files(tmp_path)
    _with_header(mine, header)
    assert not _vouched(mine)
    _same_outcome(mine, theirs)


def test_a_file_that_cannot_be_read_is_left_to_the_pure_path(tmp_path: Path) -> None:
    mine, theirs = month_files(tmp_path)
    assert not _vouched(tmp_path / "absent.csv")
    mine.write_bytes(b"\xff" + mine.read_bytes())  # not UTF-8
    assert not _vouched(mine)
    _same_outcome(mine, theirs)


# --- the text cells -----------------------------------------------------------------------------


@pytest.mark.parametrize("column", ["ProductName", "SubscriptionId"])
def test_a_required_text_may_not_be_blank(tmp_path: Path, column: str) -> None:
    mine, theirs = month_files(tmp_path, **{column: ""})
    assert not _vouched(theirs, billed=True)
    _same_outcome(mine, theirs)


@pytest.mark.parametrize("column", ["CustomerId", "TermAndBillingCycle", "BillingFrequency", "ReferenceId"])
def test_an_optional_text_may_be_blank(tmp_path: Path, column: str) -> None:
    mine, theirs = month_files(tmp_path, **{column: "", "CustomerId": "c1"} if column != "CustomerId" else {})
    assert _vouched(theirs, billed=True)
    assert _vouched(mine)
    _same_outcome(mine, theirs)


@pytest.mark.parametrize("column", ["ProductName", "SubscriptionId", "CustomerId", "ReferenceId"])
@pytest.mark.parametrize(
    ("cell", "taken"),
    [
        ("a", True),
        ("a b", True),
        ("Český – 365", True),  # letters, punctuation past ASCII
        ("é" * 2000, True),  # 4,000 bytes: 2,000 characters
        ("a" * 2000, True),
        ("a" * 2001, False),
        ("é" * 2001, False),
        (" a", False),  # what str.strip would strip
        ("a ", False),
        ("a\u00a0", False),
        ("\u2003a", False),
        ("a\tb", True),  # a tab inside: kept as written
        ("\ta", False),
        ("-", True),
        ("€", True),
    ],
)
def test_a_text_is_taken_when_the_reader_keeps_it_as_written(
    tmp_path: Path, column: str, cell: str, taken: bool
) -> None:
    mine, theirs = month_files(tmp_path, **{column: cell})
    assert _vouched(theirs, billed=True) is taken
    _same_outcome(mine, theirs)


# --- the quantities -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("billable", "quantity", "taken"),
    [
        ("10", "10", True),
        ("9" * 12, "1", True),  # twelve digits
        ("1" + "0" * 12, "1", False),  # thirteen
        ("", "10", True),  # the quantity, when the billable one is blank
        ("", "9" * 12, True),
        ("", "1" + "0" * 12, False),
        ("", "", False),
        ("", "x", False),
        ("1.0", "1", False),
        ("-1", "1", False),
        ("١", "1", False),  # a digit, not an ASCII one
        ("10", "x", True),  # the quantity is not read when the billable one is given
    ],
)
def test_a_quantity_is_taken_as_plain_ascii_digits(
    tmp_path: Path, billable: str, quantity: str, taken: bool
) -> None:
    mine, theirs = month_files(tmp_path, BillableQuantity=billable, Quantity=quantity)
    assert _vouched(theirs, billed=True) is taken
    _same_outcome(mine, theirs)


# --- the amounts --------------------------------------------------------------------------------


@pytest.mark.parametrize("column", ["UnitPrice", "EffectiveUnitPrice", "Subtotal", "TaxTotal"])
def test_the_billed_files_compared_amounts_are_not_checked(tmp_path: Path, column: str) -> None:
    """A billed cell pairs here only with an expected one it repeats: an odd one leaves its line to the pure
    path."""
    mine, theirs = month_files(tmp_path, **{column: "1.2.3"})
    assert _vouched(theirs, billed=True)
    assert not _vouched(theirs)
    _same_outcome(mine, theirs)


def test_the_billed_files_total_is_checked(tmp_path: Path) -> None:
    mine, theirs = month_files(tmp_path, Total="1.2.3")
    assert not _vouched(theirs, billed=True)
    _same_outcome(mine, theirs)


@pytest.mark.parametrize(
    "cell",
    ["9" * 15, "9" * 15 + "." + "9" * 12, "-" + "9" * 15, "0.000000000001", "1" + "0" * 15, "0." + "0" * 13],
)
def test_an_amount_has_at_most_fifteen_digits_before_the_point_and_twelve_after(
    tmp_path: Path, cell: str
) -> None:
    _, theirs = month_files(tmp_path, Subtotal=cell)
    whole, _, places = cell.lstrip("-").partition(".")
    plain = len(whole) <= 15 and len(places) <= 12
    assert _vouched(theirs) is plain


# --- the dates, the charge types, the currency ------------------------------------------------


@pytest.mark.parametrize("side", ["expected", "billed"])
def test_a_charge_may_not_end_before_it_starts(tmp_path: Path, side: str) -> None:
    """Each date was read in a row of its own (the reader took it): the order is checked row by row."""
    rows = [
        {"SubscriptionId": "s1"},
        {"SubscriptionId": "s2", "ChargeStartDate": "2024-04-01", "ChargeEndDate": "2024-04-30"},
        {"SubscriptionId": "s3", "ChargeStartDate": "2024-03-31", "ChargeEndDate": "2024-03-31"},  # one day
    ]
    mine, theirs = recon_file(tmp_path / "mine.csv", rows), recon_file(tmp_path / "billed.csv", rows)
    reader = columnar.Reader()
    tables = [columnar.read_side(str(mine), reader), columnar.read_side(str(theirs), reader, billed=True)]
    assert columnar.pair(tables[0], tables[1], reader)[0] == 3
    backwards = {"SubscriptionId": "s4", "ChargeStartDate": "2024-04-01", "ChargeEndDate": "2024-03-31"}
    recon_file(mine if side == "expected" else theirs, [*rows, backwards])
    reader = columnar.Reader()
    tables = [columnar.read_side(str(mine), reader), columnar.read_side(str(theirs), reader, billed=True)]
    with pytest.raises(columnar.Unvouched):
        columnar.pair(tables[0], tables[1], reader)
    error = _same_outcome(mine, theirs)
    assert isinstance(error, tuple)
    assert error[1] == f"{side}.rows[4].ChargeEndDate"


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("OrderDate", "2024-02-30"),
        ("ChargeStartDate", "March"),
        ("SubscriptionStartDate", "2024-13-01"),
        ("SubscriptionEndDate", "x"),
        ("ChargeType", "gift"),
        ("ProductQualifiers", "[1"),
        ("Currency", "EURO"),
        ("PCToBCExchangeRate", "zero"),
    ],
)
def test_a_few_valued_cell_the_reader_refuses_is_left_to_the_pure_path(
    tmp_path: Path, column: str, cell: str
) -> None:
    mine, theirs = month_files(tmp_path, **{column: cell})
    if column == "PCToBCExchangeRate":
        mine, theirs = month_files(tmp_path, PricingCurrency="USD", PCToBCExchangeRate=cell)
    assert not _vouched(theirs, billed=True)
    error = _same_outcome(mine, theirs)
    assert isinstance(error, tuple)
    assert error[1].startswith("billed.rows[4]")


def test_the_reader_learns_each_few_valued_text_from_the_row_that_first_holds_it(tmp_path: Path) -> None:
    """A text read once is known to both files; one met again is not read again."""
    mine, theirs = month_files(tmp_path, ChargeType="New", ChargeStartDate="3/1/2024", OrderDate="2024-03-02")
    reader = columnar.Reader()
    columnar.read_side(str(mine), reader)
    assert reader.values["ChargeType"] == {"new": "new"} or set(reader.values["ChargeType"]) == {"new"}
    assert set(reader.values["ChargeStartDate"]) == {"2024-03-01"}
    columnar.read_side(str(theirs), reader, billed=True)
    assert set(reader.values["ChargeType"]) == {"new", "New"}
    assert reader.values["ChargeType"]["New"] == reader.values["ChargeType"]["new"]
    assert reader.values["ChargeStartDate"]["3/1/2024"] == reader.values["ChargeStartDate"]["2024-03-01"]
    assert str(reader.values["OrderDate"]["2024-03-02"]) == "2024-03-02"
    assert reader.currencies == {"EUR"}


def test_two_currencies_are_left_to_the_pure_path(tmp_path: Path) -> None:
    mine, theirs = month_files(tmp_path, Currency="USD")
    reader = columnar.Reader()
    columnar.read_side(str(mine), reader)
    with pytest.raises(columnar.Unvouched):
        columnar.read_side(str(theirs), reader, billed=True)
    _same_outcome(mine, theirs)


@pytest.mark.parametrize(
    "cells",
    [
        {"PricingCurrency": "USD", "PCToBCExchangeRate": "0.92", "PCToBCExchangeRateDate": "2024-02-29"},
        {"PricingCurrency": "EUR", "PCToBCExchangeRate": "1", "PCToBCExchangeRateDate": ""},
    ],
)
def test_exchange_cells_the_reader_takes_are_vouched_for(tmp_path: Path, cells: dict[str, str]) -> None:
    mine, theirs = month_files(tmp_path, **cells)
    reader = columnar.Reader()
    columnar.read_side(str(theirs), reader, billed=True)
    assert len(reader.exchanges) == 2  # the blank cells of the other rows, and these
    _same_outcome(mine, theirs)


# --- the records --------------------------------------------------------------------------------


@pytest.mark.parametrize("column", ["Subtotal", "CustomerId", "ProductName", "TaxTotal", "Total"])
def test_a_quoted_blank_cell_is_a_blank_cell(tmp_path: Path, column: str) -> None:
    """``""`` is read as blank text, never as a missing value that every comparison would let through."""
    mine, theirs = month_files(tmp_path, **{column: "QUOTED-BLANK"})
    theirs.write_text(theirs.read_text(encoding="utf-8").replace("QUOTED-BLANK", '""'), encoding="utf-8")
    reader = columnar.Reader()
    tables = [columnar.read_side(str(mine), reader)]
    try:
        tables.append(columnar.read_side(str(theirs), reader, billed=True))
    except columnar.Unvouched:
        assert column == "ProductName"  # blank where it may not be
    else:
        assert "" in tables[1][column].to_pylist()
        # s4 billed unlike the expected line: left to the pure path (the total is not compared)
        matched = 27 if column in ("CustomerId", "Total") else 26
        assert columnar.pair(tables[0], tables[1], reader)[0] == matched
    _same_outcome(mine, theirs)


@pytest.mark.parametrize("where", [1, 550])
def test_a_record_with_too_few_cells_is_left_to_the_pure_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: int
) -> None:
    """Whether the reader meets it in its first block or a later one."""
    rows = [{"SubscriptionId": f"s{n}"} for n in range(600)]
    mine, theirs = recon_file(tmp_path / "mine.csv", rows), recon_file(tmp_path / "billed.csv", rows)
    lines = theirs.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[where] = lines[where].rsplit(",", 1)[0] + "\n"
    theirs.write_text("".join(lines), encoding="utf-8", newline="")
    monkeypatch.setattr(columnar, "_BLOCK", 4096)
    assert not _vouched(theirs, billed=True)
    _same_outcome(mine, theirs)


def test_a_file_of_no_rows_is_read_as_a_table_of_its_columns(tmp_path: Path) -> None:
    path = recon_file(tmp_path / "empty.csv", [])
    table = columnar.read_side(str(path), columnar.Reader())
    assert table.num_rows == 0
    assert set(table.column_names) == set(RECON_COLUMNS)


def test_the_texts_of_a_plain_column_are_its_distinct_cells() -> None:
    pa = pytest.importorskip("pyarrow")
    column = pa.chunked_array([["b", "a"], ["b", "c"]])
    assert sorted(columnar._distinct(column).to_pylist()) == ["a", "b", "c"]


def test_each_few_valued_text_is_read_as_the_reader_reads_it(tmp_path: Path) -> None:
    """Texts met in any order, again and again: each one's value is the reader's value of that text."""
    days = ["2024-03-05", "2024-03-01", "3/3/2024", "2024-03-02", "2024-03-05", "3/3/2024"]
    kinds = ["renew", "new", "cycleCharge", "New", "new", "renew"]
    qualifiers = ["", '["Trial"]', "", '["AddOn", "Trial"]', '["Trial"]', ""]
    rows = [
        {"SubscriptionId": f"s{n}", "OrderDate": day, "ChargeType": kind, "ProductQualifiers": qualifier}
        for n, (day, kind, qualifier) in enumerate(zip(days, kinds, qualifiers, strict=True))
    ]
    path = recon_file(tmp_path / "month.csv", rows)
    reader = columnar.Reader()
    columnar.read_side(str(path), reader)
    lines = parse_recon_rows(path.read_text(encoding="utf-8"))
    assert reader.values["OrderDate"] == {day: line.order_date for day, line in zip(days, lines, strict=True)}
    assert reader.values["ChargeType"] == {
        kind: line.charge_type for kind, line in zip(kinds, lines, strict=True)
    }
    assert reader.values["ProductQualifiers"] == {
        text: line.qualifiers for text, line in zip(qualifiers, lines, strict=True)
    }
    assert len(set(reader.values["OrderDate"].values())) == 4


@pytest.mark.parametrize("column", ["UnitPrice", "Subtotal"])
def test_a_file_cut_into_partitions_is_checked_as_its_side(tmp_path: Path, column: str) -> None:
    """Cut into partitions too, the billed file has its compared amounts unchecked, the expected one not."""
    _, theirs = month_files(tmp_path, **{column: "1.2.3"})
    cut = columnar.split_side(str(theirs), columnar.Reader(), count=2, folder=str(tmp_path), side="billed")
    assert sum(columnar.load(part).num_rows for part in cut) == 33
    with pytest.raises(columnar.Unvouched):
        columnar.split_side(str(theirs), columnar.Reader(), count=2, folder=str(tmp_path), side="expected")


@pytest.mark.parametrize(
    ("line", "taken"),
    [
        (b'x,"a",b', True),
        (b'"a","b"', True),
        (b'"a",,"b"', True),
        (b'"a""b",c', True),
        (b'x,"a",b"c"', False),  # text, then a quote, in one cell after a quoted one
        (b'"a"b,"c"', False),  # text after a closing quote, before the next quoted cell
        (b'"a",b,c"d"', False),
        (b'"a"x"b"', False),
    ],
)
def test_between_two_quoted_cells_only_whole_cells_may_stand(
    tmp_path: Path, line: bytes, taken: bool
) -> None:
    path = tmp_path / "quotes.csv"
    path.write_bytes(b"A,B,C\n1,2,3\n" + line + b"\n")
    if taken:
        assert columnar.check_quotes(str(path))
    else:
        with pytest.raises(columnar.Unvouched):
            columnar.check_quotes(str(path))


@pytest.mark.parametrize(
    ("day", "odd", "field"),
    [
        # two texts in each column, a pricing currency without its rate
        ("2024-02-29", {"PricingCurrency": "GBP"}, "PCToBCExchangeRate"),
        # cells that, run together, read as the first row's
        ("", {"PricingCurrency": "USD0", "PCToBCExchangeRate": ".9"}, "PricingCurrency"),
    ],
)
def test_each_distinct_set_of_exchange_cells_is_read_with_its_currency(
    tmp_path: Path, day: str, odd: dict[str, str], field: str
) -> None:
    """Every column holds texts read before, but not together: the row is read, and refused."""
    usd = {"PricingCurrency": "USD", "PCToBCExchangeRate": "0.9", "PCToBCExchangeRateDate": day}
    rows = [
        {"SubscriptionId": "s1"} | usd,
        {"SubscriptionId": "s2", "Currency": "eur"} | usd,
        {"SubscriptionId": "s3"} | odd,
    ]
    mine = recon_file(tmp_path / "mine.csv", rows[:2])
    theirs = recon_file(tmp_path / "billed.csv", rows)
    assert _vouched(mine)
    assert not _vouched(theirs, billed=True)
    error = _same_outcome(mine, theirs)
    assert isinstance(error, tuple)
    assert error[1] == f"billed.rows[3].{field}"


def test_a_blank_billable_quantity_reads_the_quantity_of_its_own_row_only(tmp_path: Path) -> None:
    rows = [
        {"SubscriptionId": "s1", "BillableQuantity": "", "Quantity": "7"},
        {"SubscriptionId": "s2", "BillableQuantity": "8", "Quantity": "1"},
        {"SubscriptionId": "s3", "BillableQuantity": "9", "Quantity": ""},
    ]
    path = recon_file(tmp_path / "month.csv", rows)
    reader = columnar.Reader()
    table = columnar.read_side(str(path), reader)
    assert columnar._quantity_text(table).to_pylist() == ["7", "8", "9"]
    assert columnar.pair(table, columnar.read_side(str(path), reader, billed=True), reader)[0] == 3


def test_exchange_cells_new_to_the_reconcile_are_read_though_every_other_text_is_known(
    tmp_path: Path,
) -> None:
    """The billed file repeats the expected one's few-valued texts, with other exchange cells on each row."""
    rows = [{"SubscriptionId": f"s{n}"} for n in range(3)]
    mine = recon_file(tmp_path / "mine.csv", rows)
    theirs = recon_file(
        tmp_path / "billed.csv", [row | {"PricingCurrency": "GBP"} for row in rows]
    )  # no rate
    reader = columnar.Reader()
    columnar.read_side(str(mine), reader)
    with pytest.raises(columnar.Unvouched):
        columnar.read_side(str(theirs), reader, billed=True)
    columnar.read_side(str(mine), reader)  # known cells are not read again
    error = _same_outcome(mine, theirs)
    assert isinstance(error, tuple)
    assert error[1] == "billed.rows[1].PCToBCExchangeRate"


@pytest.mark.parametrize("column", ["ProductName", "CustomerId", "ChargeType", "Subtotal", "UnitPrice"])
def test_a_cell_that_is_not_utf8_is_left_to_the_pure_path(tmp_path: Path, column: str) -> None:
    """Far into the file (past what the header's reading decodes), whatever column holds it."""
    rows = [{"SubscriptionId": f"s{n}"} for n in range(200)]
    mine = recon_file(tmp_path / "mine.csv", rows)
    theirs = recon_file(
        tmp_path / "billed.csv", [*rows[:150], rows[150] | {column: "ODD-BYTES"}, *rows[151:]]
    )
    theirs.write_bytes(theirs.read_bytes().replace(b"ODD-BYTES", b"a\xff\xfeb"))
    assert not _vouched(theirs, billed=True)
    error = _same_outcome(mine, theirs)
    assert isinstance(error, tuple)


@pytest.mark.parametrize(
    "spelling",
    [
        "PCToBCExchangeRateDate ",
        " PCToBCExchangeRateDate",
        "\ufeffPCToBCExchangeRateDate",
        "PricingCurrency\t",
    ],
)
def test_a_column_name_the_pure_reader_strips_is_left_to_it(tmp_path: Path, spelling: str) -> None:
    """An exchange column named with blanks around it is still the pure reader's column: its cells are
    read."""
    column = spelling.strip().removeprefix("\ufeff")
    cells = {"PricingCurrency": "USD", "PCToBCExchangeRate": "0.9", "PCToBCExchangeRateDate": "2024-02-29"}
    mine, theirs = month_files(tmp_path, **(cells | {column: "not a date" if "Date" in column else "XXX1"}))
    text = theirs.read_text(encoding="utf-8")
    theirs.write_text(text.replace(column, spelling, 1), encoding="utf-8", newline="")
    assert not _vouched(theirs, billed=True)
    error = _same_outcome(mine, theirs)
    assert isinstance(error, tuple)
    assert error[1] == f"billed.rows[4].{column}"


def test_a_quoted_header_name_holding_a_comma_is_left_to_the_pure_path(tmp_path: Path) -> None:
    """Split at its commas, the header names the columns otherwise than the csv module reads it."""
    mine, theirs = month_files(tmp_path)
    lines = theirs.read_text(encoding="utf-8").splitlines()
    body = [f"n1,n2,{line}" for line in lines[1:]]
    theirs.write_text("\n".join(['"Notes,kept",' + lines[0], *body]) + "\n", encoding="utf-8", newline="")
    assert not _vouched(theirs, billed=True)
    _same_outcome(mine, theirs)


def test_every_line_with_a_quote_is_checked_not_only_the_last(tmp_path: Path) -> None:
    path = tmp_path / "quotes.csv"
    path.write_bytes(b'A,B\n1,2\n"a"b,1\n"c",2\n3,4\n')
    with pytest.raises(columnar.Unvouched):
        columnar.check_quotes(str(path))
