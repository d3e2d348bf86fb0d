"""The columnar fast path's own steps: what it vouches for, how it reads quotes, what it pairs itself."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from tests.property.test_recon_engines_give_one_report import months
from tests.recon_month import month_files

from cspcore.errors import InvalidInput
from cspcore.interop import _recon_arrow as columnar
from cspcore.interop.recon_files import reconcile_files

pa = pytest.importorskip("pyarrow")


def test_the_columnar_path_pairs_in_arrow_what_it_can(tmp_path: Path) -> None:
    mine, theirs = month_files(tmp_path)
    reader = columnar.Reader()
    tables = [columnar.read_side(str(mine), reader), columnar.read_side(str(theirs), reader, billed=True)]
    matched, _, _, left_expected, left_billed = columnar.pair(tables[0], tables[1], reader)
    assert matched == 27  # every match but the shared key's (s1, expected twice)
    assert left_expected.count("\n") == 1 + 4  # the header, s0, s1 twice, s7 (a cent off)
    assert left_billed.count("\n") == 1 + 6  # the header, s1, s7, s30 to s33 (unexpected)


@pytest.mark.parametrize(
    "line",
    [
        'x,"a"b\n',  # text after a closing quote: the csv module refuses it, pyarrow would read "ab"
        'x,"a\n',  # an unclosed quote
        'x,"a\nb"\n',  # a line break in a quoted cell
    ],
)
def test_a_malformed_quote_is_left_to_the_pure_reader(tmp_path: Path, line: str) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("A,B\n1,2\n" + line, encoding="utf-8", newline="")
    with pytest.raises(columnar.Unvouched):
        columnar.check_quotes(str(path))


def test_well_formed_quotes_are_read_as_the_csv_module_reads_them(tmp_path: Path) -> None:
    mine, theirs = month_files(tmp_path, ProductQualifiers='["AddOn", "Trial"]', CustomerId='c"1')
    reader = columnar.Reader()
    table = columnar.read_side(str(theirs), reader, billed=True)
    assert '["AddOn", "Trial"]' in table["ProductQualifiers"].to_pylist()
    assert 'c"1' in table["CustomerId"].to_pylist()
    assert reconcile_files(expected=mine, billed=theirs, engine="arrow") == reconcile_files(
        expected=mine, billed=theirs, engine="pure"
    )


def test_without_pyarrow_the_path_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert not columnar.available()


def _read_month(month: tuple[str, str]) -> tuple[columnar.Reader, Any, Any]:
    """A month's two files, written and read by the fast path (the tables hold their text)."""
    reader = columnar.Reader()
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for name, text in zip(("mine.csv", "billed.csv"), month, strict=True):
            path = Path(folder, name)
            path.write_text(text, encoding="utf-8", newline="")
            paths.append(str(path))
        return reader, columnar.read_side(paths[0], reader), columnar.read_side(paths[1], reader, billed=True)


@settings(max_examples=30, deadline=None)
@given(months(clean=True))
def test_a_clean_month_is_paired_by_the_columnar_path_itself(month: tuple[str, str]) -> None:
    """Files of plain cells are vouched for: the fast path runs, and does not hand them back."""
    reader, expected, billed = _read_month(month)
    matched, _, _, left_expected, _ = columnar.pair(expected, billed, reader)
    assert matched + left_expected.count("\n") - 1 == expected.num_rows


@settings(max_examples=30, deadline=None)
@given(months(clean=True))
def test_a_key_packed_in_one_integer_pairs_as_the_key_in_three(month: tuple[str, str]) -> None:
    """The packed pairing key is a faster form of the same key: the same lines pair, the same are left.

    (With one key column the namesakes are found by a hash lookup, with three by pyarrow's join.)
    """
    reader, expected, billed = _read_month(month)
    packed = columnar.pair(expected, billed, reader)
    assert columnar.pair(expected, billed, reader, packed=False) == packed


def test_the_matched_amounts_add_up_to_the_places_written(tmp_path: Path) -> None:
    """Summed over decimal columns, the matched totals keep the places of the most precise cell."""
    mine, theirs = month_files(tmp_path)
    reader = columnar.Reader()
    tables = [columnar.read_side(str(mine), reader), columnar.read_side(str(theirs), reader, billed=True)]
    matched, subtotal, total, _, _ = columnar.pair(tables[0], tables[1], reader)
    assert (matched, str(subtotal), str(total)) == (27, "3240.00", "3240.00")


#: RFC 4180 on one line: each cell plain or wholly quoted, a quote inside written twice.
_RFC_LINE = re.compile(rb'(?:[^",\r\n]*|"(?:[^"\r\n]|"")*")(?:,(?:[^",\r\n]*|"(?:[^"\r\n]|"")*"))*\r?')


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b'"', b",", b"a", b"\r", b'""', b" "]), min_size=1, max_size=10))
def test_a_line_with_quotes_is_taken_when_it_is_well_formed_csv(pieces: list[bytes]) -> None:
    line = b"".join(pieces)
    assume(b'"' in line)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "odd.csv")
        path.write_bytes(b"A,B\n1,2\n" + line + b"\n")
        if _RFC_LINE.fullmatch(line) is None:
            with pytest.raises(columnar.Unvouched):
                columnar.check_quotes(str(path))
        else:
            columnar.check_quotes(str(path))


def test_a_billed_amount_is_vouched_for_by_the_expected_cell_it_repeats(tmp_path: Path) -> None:
    """The billed file's prices and subtotal are read unchecked: an odd one never pairs here."""
    mine, theirs = month_files(tmp_path, Subtotal="12O")
    reader = columnar.Reader()
    expected = columnar.read_side(str(mine), reader)
    billed = columnar.read_side(str(theirs), reader, billed=True)
    matched, _, _, _, left_billed = columnar.pair(expected, billed, reader)
    assert matched == 26  # s4 no longer
    assert "12O" in left_billed  # for the pure reader, which refuses it
    with pytest.raises(columnar.Unvouched):
        columnar.read_side(str(theirs), columnar.Reader())  # read as an expected file, it is checked


def test_the_columnar_path_loads_neither_pandas_nor_the_query_engine(tmp_path: Path) -> None:
    """A reconcile by the columnar path imports pyarrow's reader and kernels, not pandas nor Acero.

    pyarrow imports pandas (when installed) on any Python value it converts, and its query engine
    on a join: about 50 MiB and a quarter of a second in a fresh process, for nothing here.
    """
    mine, theirs = month_files(tmp_path)
    code = (
        "import json, sys\n"
        "from cspcore.interop.recon_files import reconcile_files\n"
        f"summary = reconcile_files(expected={str(mine)!r}, billed={str(theirs)!r}, engine='arrow')\n"
        "loaded = sorted(name for name in ('pandas', 'pyarrow.acero') if name in sys.modules)\n"
        "print(json.dumps([summary.matched, loaded]))"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(Path(columnar.__file__).parents[2]), "PATH": ""},
    )
    assert json.loads(done.stdout) == [28, []]  # s1 to s29 but s7 (a cent off)


def test_a_file_not_all_ascii_is_read_with_its_utf8_checked(tmp_path: Path) -> None:
    """Only a file of ASCII bytes skips pyarrow's UTF-8 check; a bad byte is the pure path's to name."""
    mine, theirs = month_files(tmp_path)
    assert columnar.check_quotes(str(mine))
    data = theirs.read_bytes().replace(b"Microsoft 365 E3", b"Microsoft 365 \xff", 1)
    theirs.write_bytes(data)
    assert not columnar.check_quotes(str(theirs))
    with pytest.raises(InvalidInput) as arrow:
        reconcile_files(expected=mine, billed=theirs, engine="arrow")
    with pytest.raises(InvalidInput) as pure:
        reconcile_files(expected=mine, billed=theirs, engine="pure")
    assert (arrow.value.field, arrow.value.code) == (pure.value.field, pure.value.code)


def _quotes_line_by_line(data: bytes) -> bool:
    """What :func:`columnar.check_quotes` says of a file's bytes, line by line (no blocks)."""
    lines = data.split(b"\n")[1:]
    return all(_RFC_LINE.fullmatch(line) is not None for line in lines if b'"' in line)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from([b'"', b",", b"a", b"\r", b'""', b"\xc3\xa9", b"bc"]), max_size=6),
        max_size=8,
    ),
    st.booleans(),
    st.integers(min_value=1, max_value=12),
)
def test_quotes_are_checked_the_same_whatever_the_blocks_the_file_is_read_in(
    lines: list[list[bytes]], ends_with_a_line_break: bool, block: int
) -> None:
    """A line cut across blocks, or not ended by a line break, is checked as a whole line."""
    body = b"\n".join(b"".join(line) for line in lines)
    data = b"A,B\n" + body + (b"\n" if ends_with_a_line_break else b"")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "odd.csv")
        path.write_bytes(data)
        if _quotes_line_by_line(data):
            assert columnar.check_quotes(str(path), block) is data.isascii()
        else:
            with pytest.raises(columnar.Unvouched):
                columnar.check_quotes(str(path), block)


_AMOUNT_CELL = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,12})?")


@pytest.mark.parametrize("column", ["UnitPrice", "EffectiveUnitPrice", "Subtotal", "TaxTotal", "Total"])
@pytest.mark.parametrize(
    "cell", ["12.5", "-0.000000000001", "", "1\x1f2", "\x1f", "1e3", " 12", "12.", ".5", "+1"]
)
def test_each_amount_of_an_expected_row_is_checked_on_its_own(tmp_path: Path, column: str, cell: str) -> None:
    """A row's amounts are matched joined: what is vouched for is what matching each cell vouches for."""
    _, theirs = month_files(tmp_path, **{column: cell})
    plain = _AMOUNT_CELL.fullmatch(cell) is not None or (cell == "" and column in ("TaxTotal", "Total"))
    if plain:
        columnar.read_side(str(theirs), columnar.Reader())
    else:
        with pytest.raises(columnar.Unvouched):
            columnar.read_side(str(theirs), columnar.Reader())


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 6), max_size=30), st.lists(st.integers(0, 6), max_size=30))
def test_each_expected_key_finds_the_billed_row_of_its_rank(mine: list[int], theirs: list[int]) -> None:
    """A row's namesake: the billed row of the same key and the same rank in its key, in file order."""

    def ranked(keys: list[int]) -> list[tuple[int, int]]:
        seen: dict[int, int] = {}
        out = []
        for key in keys:
            out.append((key, seen.get(key, 0)))
            seen[key] = seen.get(key, 0) + 1
        return out

    billed_at = {pair: row for row, pair in enumerate(ranked(theirs))}
    wanted = [billed_at.get(pair) for pair in ranked(mine)]
    found = columnar._namesakes(
        pa.chunked_array([columnar._ints(mine)]), pa.chunked_array([columnar._ints(theirs)])
    )
    assert found.to_pylist() == wanted
