"""On Dask, the split tasks cut large files on the columnar path, as one process does: the same summary.

Each split task cuts its file with :func:`~cspcore.interop.recon_files.cut_file`: columnar partition
files when pyarrow is installed and the columnar reader vouches for the file, else CSV ones. The two
cuts are paired into units of work by :func:`~cspcore.interop.recon_files.cut_parts` (or cut again
as CSV when they cannot be paired as they are), and each is reconciled by
:func:`~cspcore.interop.recon_files.reconcile_cut`. Whatever the path, the summary and the refusals
are those of :func:`~cspcore.interop.recon_files.reconcile_files` in one process.
"""

from __future__ import annotations

import pathlib
import pickle
from functools import partial
from typing import TYPE_CHECKING

import attrs
import pytest
from tests.recon_month import month_files
from tests.refusals import raises_invalid

from cspcore.errors import CurrencyMismatch, ErrorCode
from cspcore.interop.recon_dask import reconcile_files_on_dask
from cspcore.interop.recon_files import (
    CutFile,
    CutPart,
    ReconPart,
    cut_file,
    cut_parts,
    reconcile_cut,
    reconcile_files,
    reconcile_part,
    uses_columnar,
)

if TYPE_CHECKING:
    from collections.abc import Callable

pytest.importorskip("pyarrow")
pytest.importorskip("distributed")


def _cuts(tmp_path: pathlib.Path, files: tuple[pathlib.Path, pathlib.Path], count: int) -> list[CutFile]:
    cuts = []
    for path, side in zip(files, ("expected", "billed"), strict=True):
        folder = tmp_path / f"cut-{side}"
        folder.mkdir()
        cuts.append(cut_file(path, side=side, count=count, folder=folder))
    return cuts


@pytest.mark.parametrize("scheduler", ["sync", "threads", "processes"])
def test_the_columnar_cut_gives_the_summary_of_one_process(tmp_path: pathlib.Path, scheduler: str) -> None:
    mine, billed = month_files(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    one = reconcile_files(expected=mine, billed=billed, partitions=3, engine="pure")
    assert not one.is_clean
    for engine in ("arrow", "auto", "pure"):
        many = reconcile_files_on_dask(
            expected=mine, billed=billed, partitions=3, engine=engine, workdir=work, scheduler=scheduler
        )
        assert many == one
        assert not list(work.iterdir())  # every partition file, and the folder, removed


def test_a_split_task_cuts_a_vouched_file_into_columnar_partitions(tmp_path: pathlib.Path) -> None:
    mine, billed = month_files(tmp_path)
    cuts = _cuts(tmp_path, (mine, billed), 3)
    assert all(cut.learnt is not None for cut in cuts)
    assert [len(cut.paths) for cut in cuts] == [3, 3]
    parts = cut_parts(cuts[0], cuts[1], origin=(str(mine), str(billed)))
    assert parts is not None
    summaries = [reconcile_cut(part) for part in parts]
    assert summaries == [
        reconcile_part(ReconPart(expected=mine, billed=billed, index=index, count=3, engine="pure"))
        for index in range(3)
    ]


def test_a_file_it_cannot_vouch_for_is_cut_as_csv(tmp_path: pathlib.Path) -> None:
    mine, billed = month_files(tmp_path, ProductName="Microsoft 365 E3 ")  # the pure reader strips it
    cuts = _cuts(tmp_path, (mine, billed), 2)
    assert (cuts[0].learnt is None, cuts[1].learnt is None) == (False, True)
    assert all(path.endswith(".csv") for path in cuts[1].paths)
    # one side columnar, the other CSV: they are not paired as they are, whichever side is which
    assert cut_parts(cuts[0], cuts[1], origin=(str(mine), str(billed))) is None
    assert cut_parts(cuts[1], cuts[0], origin=(str(billed), str(mine))) is None
    one = reconcile_files(expected=mine, billed=billed, partitions=2, engine="pure")
    for scheduler in ("sync", "threads"):
        assert (
            reconcile_files_on_dask(
                expected=mine, billed=billed, partitions=2, engine="arrow", scheduler=scheduler
            )
            == one
        )


def test_without_arrow_a_split_task_cuts_csv(tmp_path: pathlib.Path) -> None:
    mine, _ = month_files(tmp_path)
    cut = cut_file(mine, side="expected", count=2, folder=tmp_path, arrow=False)
    assert cut.learnt is None
    assert all(path.endswith(".csv") for path in cut.paths)


@pytest.mark.parametrize("scheduler", ["sync", "processes"])
def test_a_bad_cell_is_refused_naming_its_row_in_its_own_file(tmp_path: pathlib.Path, scheduler: str) -> None:
    mine, billed = month_files(tmp_path, Subtotal="12O")
    with raises_invalid(field="billed.rows[4].Subtotal", code=ErrorCode.NOT_A_NUMBER):
        reconcile_files(expected=mine, billed=billed, partitions=3, engine="arrow")
    with raises_invalid(field="billed.rows[4].Subtotal", code=ErrorCode.NOT_A_NUMBER):
        reconcile_files_on_dask(
            expected=mine, billed=billed, partitions=3, engine="arrow", scheduler=scheduler
        )


def _refusal(run: Callable[[], object]) -> tuple[type[Exception], str, ErrorCode]:
    with pytest.raises(CurrencyMismatch) as caught:
        run()
    return type(caught.value), caught.value.field, caught.value.code


def test_two_currencies_are_refused_as_one_process_refuses_them(tmp_path: pathlib.Path) -> None:
    mine, billed = month_files(tmp_path, Currency="USD")
    for count in (1, 2, 7):
        one = _refusal(
            partial(reconcile_files, expected=mine, billed=billed, partitions=count, engine="pure")
        )
        assert one[2] is ErrorCode.CURRENCY_MISMATCH
        assert one == _refusal(
            partial(
                reconcile_files_on_dask,
                expected=mine,
                billed=billed,
                partitions=count,
                engine="arrow",
                scheduler="threads",
            )
        )


def test_two_files_each_of_one_currency_but_not_the_same_are_not_paired_as_cut(
    tmp_path: pathlib.Path,
) -> None:
    mine, billed = month_files(tmp_path)
    dollars = tmp_path / "dollars.csv"
    dollars.write_text(billed.read_text(encoding="utf-8").replace(",EUR,", ",USD,"), encoding="utf-8")
    cuts = _cuts(tmp_path, (mine, dollars), 2)
    assert all(cut.learnt is not None for cut in cuts)
    assert cut_parts(cuts[0], cuts[1], origin=(str(mine), str(dollars))) is None
    one = _refusal(lambda: reconcile_files(expected=mine, billed=dollars, partitions=2, engine="pure"))
    assert one == _refusal(
        lambda: reconcile_files_on_dask(
            expected=mine, billed=dollars, partitions=2, engine="arrow", scheduler="sync"
        )
    )


def test_a_partition_file_the_columnar_path_cannot_read_is_reconciled_from_the_whole_files(
    tmp_path: pathlib.Path,
) -> None:
    mine, billed = month_files(tmp_path)
    cuts = _cuts(tmp_path, (mine, billed), 2)
    parts = cut_parts(cuts[0], cuts[1], origin=(str(mine), str(billed)), tolerance="0.01")
    assert parts is not None
    pathlib.Path(parts[1].billed).write_bytes(b"not an Arrow stream")
    assert reconcile_cut(parts[1]) == reconcile_part(
        ReconPart(expected=mine, billed=billed, index=1, count=2, tolerance="0.01", engine="pure")
    )


def test_columnar_cuts_are_not_paired_to_keep_every_matched_line(tmp_path: pathlib.Path) -> None:
    mine, billed = month_files(tmp_path)
    cuts = _cuts(tmp_path, (mine, billed), 2)
    origin = (str(mine), str(billed))
    assert cut_parts(cuts[0], cuts[1], origin=origin, keep_matched=True) is None
    parts = cut_parts(cuts[0], cuts[1], origin=origin)
    assert parts is not None
    keeping = CutPart(
        expected=parts[0].expected,
        billed=parts[0].billed,
        learnt=parts[0].learnt,
        whole=attrs.evolve(parts[0].whole, keep_matched=True),
    )
    kept = reconcile_cut(keeping)  # made by hand: read from the whole files, every line kept
    assert kept == reconcile_part(
        ReconPart(expected=mine, billed=billed, index=0, count=2, keep_matched=True, engine="pure")
    )
    assert kept.report is not None


def test_a_unit_of_work_is_small(tmp_path: pathlib.Path) -> None:
    mine, billed = month_files(tmp_path)
    parts = cut_parts(*_cuts(tmp_path, (mine, billed), 2), origin=(str(mine), str(billed)))
    assert parts is not None
    assert len(pickle.dumps(parts[0])) < 8_000
    assert pickle.loads(pickle.dumps(parts[0])).whole == parts[0].whole  # noqa: S301 - our own bytes


def test_cuts_of_different_partition_counts_are_refused(tmp_path: pathlib.Path) -> None:
    mine, billed = month_files(tmp_path)
    with raises_invalid(field="billed.paths", code=ErrorCode.INCONSISTENT):
        cut_parts(CutFile(paths=("a", "b")), CutFile(paths=("c",)), origin=(str(mine), str(billed)))
    with raises_invalid(field="origin", code=ErrorCode.OUT_OF_RANGE):
        cut_parts(CutFile(paths=("a",)), CutFile(paths=("c",)), origin=(str(mine),))  # type: ignore[arg-type]
    with raises_invalid(field="expected", code=ErrorCode.WRONG_TYPE):
        cut_parts(("a",), CutFile(paths=("c",)), origin=(str(mine), str(billed)))  # type: ignore[arg-type]
    one_columnar_one_csv = (CutFile(paths=("a",), learnt=None), _cuts(tmp_path, (mine, billed), 1)[1])
    with raises_invalid(field="tolerance", code=ErrorCode.OUT_OF_RANGE):  # refused, whatever the forms
        cut_parts(*one_columnar_one_csv, origin=(str(mine), str(billed)), tolerance="-1")


def test_the_values_refuse_what_they_cannot_hold(tmp_path: pathlib.Path) -> None:
    with raises_invalid(field="paths", code=ErrorCode.OUT_OF_RANGE):
        CutFile(paths=())
    with raises_invalid(field="paths[1]", code=ErrorCode.WRONG_TYPE):
        CutFile(paths=("a", 2))
    with raises_invalid(field="learnt", code=ErrorCode.WRONG_TYPE):
        CutFile(paths=("a",), learnt={"ChargeType": {}})
    with raises_invalid(field="side", code=ErrorCode.UNKNOWN_VALUE):
        cut_file(tmp_path / "x.csv", side="theirs", count=2, folder=tmp_path)
    with raises_invalid(field="count", code=ErrorCode.OUT_OF_RANGE):
        cut_file(tmp_path / "x.csv", side="billed", count=0, folder=tmp_path)
    with raises_invalid(field="path", code=ErrorCode.IO_FAILED):
        cut_file(tmp_path / "x.csv", side="billed", count=2, folder=tmp_path)
    with raises_invalid(field="part", code=ErrorCode.WRONG_TYPE):
        reconcile_cut(ReconPart(expected="a", billed="b"))  # type: ignore[arg-type]
    with raises_invalid(field="whole", code=ErrorCode.WRONG_TYPE):
        CutPart(expected="a", billed="b", learnt=None, whole="a")  # type: ignore[arg-type]


def test_which_path_a_reconcile_tries(tmp_path: pathlib.Path) -> None:
    mine, billed = month_files(tmp_path)
    assert uses_columnar(mine, billed, engine="arrow")
    assert not uses_columnar(mine, billed, engine="arrow", keep_matched=True)
    assert not uses_columnar(mine, billed, engine="pure")
    assert not uses_columnar(mine, billed)  # "auto": files this small are read by the pure path
    with raises_invalid(field="engine", code=ErrorCode.UNKNOWN_VALUE):
        uses_columnar(mine, billed, engine="fast")
    with raises_invalid(field="engine", code=ErrorCode.UNKNOWN_VALUE):
        reconcile_files_on_dask(expected=mine, billed=billed, engine="fast", scheduler="sync")


def test_cut_again_as_csv_the_partitions_keep_the_tolerance(tmp_path: pathlib.Path) -> None:
    # the billed file cannot be vouched for: cut as CSV, the expected one columnar, then cut again as CSV
    mine, billed = month_files(tmp_path, ProductName="Microsoft 365 E3 ")
    strict = reconcile_files(expected=mine, billed=billed, partitions=2, engine="pure")
    loose = reconcile_files(expected=mine, billed=billed, partitions=2, engine="pure", tolerance="1000")
    assert loose != strict  # the tolerance matters here
    many = reconcile_files_on_dask(
        expected=mine, billed=billed, partitions=2, engine="arrow", tolerance="1000", scheduler="sync"
    )
    assert many == loose


def test_cut_parts_refuses_its_arguments_on_their_own_names(tmp_path: pathlib.Path) -> None:
    mine, billed = month_files(tmp_path)
    cuts = _cuts(tmp_path, (mine, billed), 2)
    origin = (str(mine), str(billed))
    with raises_invalid(field="origin", code=ErrorCode.WRONG_TYPE):
        cut_parts(cuts[0], cuts[1], origin=5)  # type: ignore[arg-type]
    with raises_invalid(field="origin", code=ErrorCode.OUT_OF_RANGE):
        cut_parts(cuts[0], cuts[1], origin=(str(mine),))  # type: ignore[arg-type]
    with raises_invalid(field="keep_matched", code=ErrorCode.WRONG_TYPE):
        cut_parts(cuts[0], cuts[1], origin=origin, keep_matched="yes")  # type: ignore[arg-type]
    with raises_invalid(field="billed.paths", code=ErrorCode.INCONSISTENT) as refused:
        cut_parts(cuts[0], attrs.evolve(cuts[1], paths=cuts[1].paths[:1]), origin=origin)
    assert refused.value.value == 1
