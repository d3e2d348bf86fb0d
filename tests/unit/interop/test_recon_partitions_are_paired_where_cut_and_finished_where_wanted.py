"""A cut partition is paired where its files are and finished where the summary is wanted.

:func:`~cspcore.interop.recon_files.reconcile_cut` is :func:`~cspcore.interop.recon_files.pair_cut`
then :func:`~cspcore.interop.recon_files.finish_cut`. A columnar partition's pairing is a
:class:`~cspcore.interop.recon_files.PairedCut`: the lines it paired as a count and two sums, the rows
it left as CSV text (what a Dask task sends back, so no line value crosses the wire). Finishing it
gives the partition's summary, the one the pure path gives; any other partition is reconciled at
once, and finishing its summary gives it back.
"""

from __future__ import annotations

import pickle
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest
from tests.recon_month import month_files
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode, InvalidInput
from cspcore.interop.recon_files import (
    CutFile,
    CutPart,
    PairedCut,
    ReconciliationSummary,
    ReconPart,
    cut_file,
    cut_parts,
    finish_cut,
    pair_cut,
    reconcile_cut,
    reconcile_files,
    reconcile_part,
)

if TYPE_CHECKING:
    import pathlib

pytest.importorskip("pyarrow")


def _parts(
    tmp_path: pathlib.Path, count: int, *, arrow: bool = True
) -> tuple[tuple[CutPart, ...], ReconPart]:
    tmp_path.mkdir(exist_ok=True)
    mine, billed = month_files(tmp_path)
    cuts: list[CutFile] = []
    for path, side in ((mine, "expected"), (billed, "billed")):
        folder = tmp_path / f"cut-{side}"
        folder.mkdir()
        cuts.append(cut_file(path, side=side, count=count, folder=folder, arrow=arrow))
    parts = cut_parts(cuts[0], cuts[1], origin=(str(mine), str(billed)), tolerance="0.001")
    assert parts is not None
    return parts, ReconPart(expected=mine, billed=billed, count=count, tolerance="0.001", engine="pure")


def test_a_columnar_partition_is_paired_then_finished_into_its_summary(tmp_path: pathlib.Path) -> None:
    parts, whole = _parts(tmp_path, 3)
    for index, part in enumerate(parts):
        paired = pair_cut(part)
        assert isinstance(paired, PairedCut)
        wire = pickle.dumps(paired)
        assert b"ChargeLine" not in wire  # the rows left travel as text
        back = pickle.loads(wire)  # noqa: S301 - our own bytes
        assert back == paired
        expected = reconcile_part(attrs.evolve(whole, index=index))
        finished = finish_cut(back)
        assert finished == expected
        assert finished.report is None  # (the columnar path keeps no matched line)
        assert paired.expected_rows == expected.expected_rows
        assert paired.billed_rows == expected.billed_rows
        assert paired.matched <= expected.matched


def test_pairing_and_finishing_is_reconcile_cut(tmp_path: pathlib.Path) -> None:
    parts, _ = _parts(tmp_path, 2)
    assert [finish_cut(pair_cut(part)) for part in parts] == [reconcile_cut(part) for part in parts]


def test_any_other_partition_is_reconciled_at_once(tmp_path: pathlib.Path) -> None:
    parts, whole = _parts(tmp_path, 2, arrow=False)  # CSV partition files
    summary = pair_cut(parts[0])
    assert isinstance(summary, ReconciliationSummary)
    assert finish_cut(summary) is summary
    assert summary == reconcile_part(attrs.evolve(whole, index=0))
    columnar, _ = _parts(tmp_path / "kept", 2)
    keeping = attrs.evolve(columnar[0], whole=attrs.evolve(columnar[0].whole, keep_matched=True))
    assert isinstance(pair_cut(keeping), ReconciliationSummary)  # the columnar path keeps no line


def test_a_pairing_that_matched_nothing_finishes_as_the_pure_reconcile(tmp_path: pathlib.Path) -> None:
    mine, billed = month_files(tmp_path)
    one = reconcile_files(expected=mine, billed=billed, partitions=1, engine="pure")
    paired = PairedCut(
        matched=0,
        matched_subtotal=Decimal(0),
        matched_total=Decimal(0),
        expected_left=mine.read_text(encoding="utf-8"),
        billed_left=billed.read_text(encoding="utf-8"),
        expected_rows=one.expected_rows,
        billed_rows=one.billed_rows,
        currency=one.currency,
    )
    assert finish_cut(paired) == one


def _paired(**change: object) -> PairedCut:
    fields: dict[str, object] = {
        "matched": 1,
        "matched_subtotal": "10.00",
        "matched_total": "12.10",
        "expected_left": "",
        "billed_left": "",
        "expected_rows": 1,
        "billed_rows": 2,
        "currency": "EUR",
    }
    fields.update(change)
    return PairedCut(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"matched": 2}, "matched", ErrorCode.OUT_OF_RANGE),  # more than the expected side read
        ({"matched": -1}, "matched", ErrorCode.OUT_OF_RANGE),
        ({"matched": True}, "matched", ErrorCode.WRONG_TYPE),
        ({"expected_rows": 1.0}, "expected_rows", ErrorCode.WRONG_TYPE),
        ({"billed_rows": -3}, "billed_rows", ErrorCode.OUT_OF_RANGE),
        ({"billed_rows": 2**63}, "billed_rows", ErrorCode.OUT_OF_RANGE),
        ({"matched_subtotal": 10.0}, "matched_subtotal", ErrorCode.WRONG_TYPE),
        ({"matched_total": "NaN"}, "matched_total", ErrorCode.NOT_FINITE),
        ({"expected_left": b"SubscriptionId"}, "expected_left", ErrorCode.WRONG_TYPE),
        ({"billed_left": None}, "billed_left", ErrorCode.WRONG_TYPE),
        ({"currency": "eur"}, "currency", ErrorCode.UNKNOWN_VALUE),
        ({"tolerance": "-0.01"}, "tolerance", ErrorCode.OUT_OF_RANGE),
    ],
)
def test_a_pairing_refuses_what_it_cannot_hold(
    change: dict[str, object], field: str, code: ErrorCode
) -> None:
    assert _paired().matched == 1
    with raises_invalid(field=field, code=code):
        _paired(**change)


def test_a_pairing_holds_any_partition_a_file_can_have() -> None:
    assert _paired(matched=5_000_000, expected_rows=5_000_000, billed_rows=5_000_001).matched == 5_000_000
    assert _paired(billed_rows=2**63 - 1).billed_rows == 2**63 - 1
    empty = _paired(
        matched=0, matched_subtotal=0, matched_total=0, expected_rows=0, billed_rows=0, currency=None
    )
    assert empty.currency is None  # a partition with no row has no currency


def test_finishing_refuses_anything_else() -> None:
    with raises_invalid(field="paired", code=ErrorCode.WRONG_TYPE):
        finish_cut("a summary")  # type: ignore[arg-type]
    with raises_invalid(field="part", code=ErrorCode.WRONG_TYPE):
        pair_cut(ReconPart(expected="a", billed="b"))  # type: ignore[arg-type]


def test_rows_left_that_do_not_read_are_refused_as_numbered_in_their_file(tmp_path: pathlib.Path) -> None:
    mine, billed = month_files(tmp_path, Subtotal="12O")  # billed s4: a cell only a differing line reads
    cuts = []
    for path, side in ((mine, "expected"), (billed, "billed")):
        (tmp_path / side).mkdir()
        cuts.append(cut_file(path, side=side, count=1, folder=tmp_path / side))
    (part,) = cut_parts(cuts[0], cuts[1], origin=(str(mine), str(billed))) or ()
    paired = pair_cut(part)
    assert isinstance(paired, PairedCut)
    with raises_invalid(field="billed.rows[4].Subtotal", code=ErrorCode.NOT_A_NUMBER):
        finish_cut(paired)  # the pure path, from the files as named
    with pytest.raises(InvalidInput) as caught:
        finish_cut(attrs.evolve(paired, whole=None))  # nothing to go back to: refused as read
    assert caught.value.code == ErrorCode.NOT_A_NUMBER
