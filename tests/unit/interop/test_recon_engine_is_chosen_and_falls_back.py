"""The file reconcile's engine: named, required when asked for, and the pure path behind the columnar one."""

from __future__ import annotations

import csv
import io
import sys
from typing import TYPE_CHECKING

import pytest

from cspcore import InvalidInput
from cspcore._extras import MissingExtra
from cspcore.errors import ErrorCode
from cspcore.interop import RECON_COLUMNS
from cspcore.interop import _recon_arrow as columnar
from cspcore.interop.recon_files import ENGINES, ReconPart, reconcile_files, reconcile_part

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("pyarrow")


def _row(subscription: str, subtotal: str = "120.00", **cells: str) -> dict[str, str]:
    row = dict.fromkeys(RECON_COLUMNS, "")
    row.update(
        OrderDate="2024-03-01", ProductName="Microsoft 365 E3", ChargeType="new", UnitPrice="12.00",
        EffectiveUnitPrice="12.00", BillableQuantity="10", Quantity="10", Subtotal=subtotal, TaxTotal="0",
        Total=subtotal, Currency="EUR", SubscriptionId=subscription, ChargeStartDate="2024-03-01",
        ChargeEndDate="2024-03-31", ReferenceId="r1",
    )  # fmt: skip
    row.update(cells)
    return row


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, RECON_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return path


def _month(tmp_path: Path, **odd: str) -> tuple[Path, Path]:
    expected = [_row(f"s{n}") for n in range(30)] + [_row("s1")]  # s1 twice: a shared key
    billed = [_row(f"s{n}", "120.01" if n == 7 else "120.00") for n in range(1, 34)]
    billed[3] = _row(billed[3]["SubscriptionId"], **odd)
    return _write(tmp_path / "mine.csv", expected), _write(tmp_path / "billed.csv", billed)


def test_the_engines_are_named() -> None:
    assert ENGINES == ("auto", "pure", "arrow")


@pytest.mark.parametrize("engine", ["fast", "", None, 1])
def test_an_unknown_engine_is_refused(tmp_path: Path, engine: object) -> None:
    mine, theirs = _month(tmp_path)
    with pytest.raises(InvalidInput) as caught:
        reconcile_files(expected=mine, billed=theirs, engine=engine)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("engine", ErrorCode.UNKNOWN_VALUE)
    with pytest.raises(InvalidInput) as caught:
        ReconPart(expected=mine, billed=theirs, engine=engine)
    assert (caught.value.field, caught.value.code) == ("engine", ErrorCode.UNKNOWN_VALUE)


def test_every_engine_gives_the_same_summary(tmp_path: Path) -> None:
    mine, theirs = _month(tmp_path)
    for count in (1, 3):
        summaries = [
            reconcile_files(expected=mine, billed=theirs, partitions=count, workdir=tmp_path, engine=engine)
            for engine in ENGINES
        ]
        assert summaries[0] == summaries[1] == summaries[2]
        assert (summaries[0].matched, len(summaries[0].missing), len(summaries[0].unexpected)) == (28, 2, 4)


def test_the_columnar_path_pairs_in_arrow_what_it_can(tmp_path: Path) -> None:
    mine, theirs = _month(tmp_path)
    reader = columnar.Reader()
    tables = [columnar.read_side(str(path), reader) for path in (mine, theirs)]
    matched, _, _, left_expected, left_billed = columnar.pair(tables[0], tables[1], reader)
    assert matched == 27  # every match but the shared key's (s1, expected twice)
    assert left_expected.count("\n") == 1 + 4  # the header, s0, s1 twice, s7 (a cent off)
    assert left_billed.count("\n") == 1 + 6  # the header, s1, s7, s30 to s33 (unexpected)


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("Subtotal", "12O"),
        ("SubscriptionId", " "),
        ("ChargeEndDate", "2024-02-01"),
        ("Currency", "USD"),
        ("OrderDate", "2024-02-30"),
        ("ProductQualifiers", '["Trial"'),
    ],
)
def test_a_file_the_columnar_path_cannot_vouch_for_gets_the_pure_error(
    tmp_path: Path, cell: str, value: str
) -> None:
    mine, theirs = _month(tmp_path, **{cell: value})
    errors = []
    for engine in ("pure", "arrow"):
        with pytest.raises(InvalidInput) as caught:
            reconcile_files(expected=mine, billed=theirs, partitions=2, workdir=tmp_path, engine=engine)
        errors.append((type(caught.value), caught.value.field, caught.value.code))
    assert errors[0] == errors[1]
    assert errors[0][1].startswith("billed.rows[4]")


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
    mine, theirs = _month(tmp_path, ProductQualifiers='["AddOn", "Trial"]', CustomerId='c"1')
    reader = columnar.Reader()
    table = columnar.read_side(str(theirs), reader)
    assert '["AddOn", "Trial"]' in table["ProductQualifiers"].to_pylist()
    assert 'c"1' in table["CustomerId"].to_pylist()
    assert reconcile_files(expected=mine, billed=theirs, engine="arrow") == reconcile_files(
        expected=mine, billed=theirs, engine="pure"
    )


def test_keep_matched_takes_the_pure_path(tmp_path: Path) -> None:
    mine, theirs = _month(tmp_path)
    summary = reconcile_files(expected=mine, billed=theirs, keep_matched=True, engine="arrow")
    assert summary.report is not None
    assert len(summary.report.matched_expected) == summary.matched


def test_a_part_is_reconciled_by_either_engine_alike(tmp_path: Path) -> None:
    mine, theirs = _month(tmp_path)
    for index in range(3):
        parts = [
            reconcile_part(ReconPart(expected=mine, billed=theirs, index=index, count=3, engine=engine))
            for engine in ENGINES
        ]
        assert parts[0] == parts[1] == parts[2]


def test_without_pyarrow_auto_is_pure_and_arrow_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = _month(tmp_path)
    expected = reconcile_files(expected=mine, billed=theirs, engine="pure")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert not columnar.available()
    assert reconcile_files(expected=mine, billed=theirs) == expected
    with pytest.raises(MissingExtra, match="columnar"):
        reconcile_files(expected=mine, billed=theirs, engine="arrow")


@pytest.mark.parametrize(
    ("cell", "value"),
    [
        ("ReferenceId", "r" * 2001),  # too long: the pure reader refuses it
        ("ReferenceId", "é" * 1500),  # 3,000 bytes, 1,500 characters: taken
        ("ProductName", "Microsoft 365 – Český"),
        ("CustomerId", "c1\u00a0"),  # a no-break space that str.strip strips
        ("TermAndBillingCycle", "\u2003"),  # blank to str.strip
        ("Subtotal", "120.0"),  # the same amount written otherwise
        ("EffectiveUnitPrice", "12.0000"),
        ("BillableQuantity", "010"),
        ("ChargeStartDate", "3/1/2024"),
        ("ChargeType", "New"),
        ("TaxTotal", ""),
    ],
)
def test_odd_cells_give_the_same_outcome_by_either_engine(tmp_path: Path, cell: str, value: str) -> None:
    mine, theirs = _month(tmp_path, **{cell: value})
    outcomes: list[object] = []
    for engine in ("pure", "arrow"):
        try:
            outcomes.append(
                reconcile_files(expected=mine, billed=theirs, partitions=2, workdir=tmp_path, engine=engine)
            )
        except InvalidInput as error:
            outcomes.append((type(error), error.field, error.code))
    assert outcomes[0] == outcomes[1]
