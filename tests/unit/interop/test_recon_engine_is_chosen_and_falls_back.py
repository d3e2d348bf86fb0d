"""The file reconcile's engine: named, required when asked for, and the pure path behind the columnar one."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest
from tests.recon_month import month_files

from cspcore import InvalidInput
from cspcore._extras import MissingExtra
from cspcore.errors import ErrorCode
from cspcore.interop import recon_files
from cspcore.interop.recon_files import (
    ENGINES,
    ReconPart,
    combine,
    iter_reconcile_files,
    reconcile_files,
    reconcile_part,
)

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("pyarrow")


def test_the_engines_are_named() -> None:
    assert ENGINES == ("auto", "pure", "arrow")


@pytest.mark.parametrize("engine", ["fast", "", None, 1])
def test_an_unknown_engine_is_refused(tmp_path: Path, engine: object) -> None:
    mine, theirs = month_files(tmp_path)
    with pytest.raises(InvalidInput) as caught:
        reconcile_files(expected=mine, billed=theirs, engine=engine)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("engine", ErrorCode.UNKNOWN_VALUE)
    with pytest.raises(InvalidInput) as caught:
        ReconPart(expected=mine, billed=theirs, engine=engine)
    assert (caught.value.field, caught.value.code) == ("engine", ErrorCode.UNKNOWN_VALUE)


def test_every_engine_gives_the_same_summary(tmp_path: Path) -> None:
    mine, theirs = month_files(tmp_path)
    for count in (1, 3):
        summaries = [
            reconcile_files(expected=mine, billed=theirs, partitions=count, workdir=tmp_path, engine=engine)
            for engine in ENGINES
        ]
        assert summaries[0] == summaries[1] == summaries[2]
        assert (summaries[0].matched, len(summaries[0].missing), len(summaries[0].unexpected)) == (28, 2, 4)


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
    mine, theirs = month_files(tmp_path, **{cell: value})
    errors = []
    for engine in ("pure", "arrow"):
        with pytest.raises(InvalidInput) as caught:
            reconcile_files(expected=mine, billed=theirs, partitions=2, workdir=tmp_path, engine=engine)
        errors.append((type(caught.value), caught.value.field, caught.value.code))
    assert errors[0] == errors[1]
    assert errors[0][1].startswith("billed.rows[4]")


def test_keep_matched_takes_the_pure_path(tmp_path: Path) -> None:
    mine, theirs = month_files(tmp_path)
    summary = reconcile_files(expected=mine, billed=theirs, keep_matched=True, engine="arrow")
    assert summary.report is not None
    assert len(summary.report.matched_expected) == summary.matched


def test_a_part_is_reconciled_by_either_engine_alike(tmp_path: Path) -> None:
    mine, theirs = month_files(tmp_path)
    for index in range(3):
        parts = [
            reconcile_part(ReconPart(expected=mine, billed=theirs, index=index, count=3, engine=engine))
            for engine in ENGINES
        ]
        assert parts[0] == parts[1] == parts[2]


def test_without_pyarrow_auto_is_pure_and_arrow_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = month_files(tmp_path)
    expected = reconcile_files(expected=mine, billed=theirs, engine="pure")
    monkeypatch.setitem(sys.modules, "pyarrow", None)
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
    mine, theirs = month_files(tmp_path, **{cell: value})
    outcomes: list[object] = []
    for engine in ("pure", "arrow"):
        try:
            outcomes.append(
                reconcile_files(expected=mine, billed=theirs, partitions=2, workdir=tmp_path, engine=engine)
            )
        except InvalidInput as error:
            outcomes.append((type(error), error.field, error.code))
    assert outcomes[0] == outcomes[1]


def test_the_columnar_path_cuts_small_files_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files under COLUMNAR_WHOLE_BYTES are read once, whole: nothing written, the pure path's partitions."""
    mine, theirs = month_files(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setattr(recon_files, "PARTITION_BYTES", 1024)  # these small files make several partitions
    arrow = iter_reconcile_files(expected=mine, billed=theirs, workdir=work, engine="arrow")
    first = next(arrow)
    assert not any(work.iterdir())  # no partition file written
    parts = [first, *arrow]
    pure = list(iter_reconcile_files(expected=mine, billed=theirs, workdir=work, engine="pure"))
    assert len(parts) == len(pure) > 1
    assert parts == pure
    assert combine(parts) == reconcile_files(expected=mine, billed=theirs, engine="arrow")
