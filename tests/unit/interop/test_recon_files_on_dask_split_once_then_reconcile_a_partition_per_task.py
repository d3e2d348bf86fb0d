"""On Dask, both recon files are split once and a task reconciles each partition: one process's summary.

One process here is :func:`~cspcore.interop.recon_files.reconcile_files` over the same partitions:
the same counts, totals and lines, and the same refusals (a row named as numbered in its own file).
"""

from __future__ import annotations

import pathlib
import pickle
import sys

import pytest
from tests.clusters import small_cluster
from tests.refusals import raises_invalid

from cspcore._extras import MissingExtra
from cspcore.errors import CurrencyMismatch, ErrorCode
from cspcore.interop.recon_dask import reconcile_files_on_dask, reconcile_on_dask
from cspcore.interop.recon_files import ReconPart, iter_reconcile_files, reconcile_files

pytest.importorskip("distributed")

HEADER = (
    "SubscriptionId,ChargeType,ChargeStartDate,ChargeEndDate,BillableQuantity,UnitPrice,"
    "EffectiveUnitPrice,Subtotal,Currency,OrderDate,ProductName\n"
)


def _row(subscription: str, quantity: int, subtotal: str, currency: str = "EUR") -> str:
    return (
        f"{subscription},new,2024-01-01,2024-01-31,{quantity},10,10,{subtotal},{currency},2024-01-01,M365\n"
    )


def _files(folder: pathlib.Path, *, billed_extra: str = "", expected_extra: str = "") -> tuple[str, str]:
    mine = folder / "expected.csv"
    billed = folder / "billed.csv"
    expected_rows = [_row(f"sub-{n % 7}", n % 3 + 1, str(10 * (n % 3 + 1))) for n in range(40)]
    billed_rows = [_row(f"sub-{n % 8}", n % 3 + 1, str(10 * (n % 3 + 1) + (n % 5 == 0))) for n in range(45)]
    mine.write_text(HEADER + "".join(expected_rows) + expected_extra, encoding="utf-8")
    billed.write_text(HEADER + "\n" + "".join(reversed(billed_rows)) + billed_extra, encoding="utf-8")
    return str(mine), str(billed)


@pytest.fixture
def files(tmp_path: pathlib.Path) -> tuple[str, str]:
    return _files(tmp_path)


@pytest.mark.parametrize("scheduler", ["sync", "threads", "processes"])
def test_the_partitions_give_the_summary_of_one_process(files: tuple[str, str], scheduler: str) -> None:
    one = reconcile_files(expected=files[0], billed=files[1], partitions=3, keep_matched=True)
    assert not one.is_clean
    many = reconcile_files_on_dask(
        expected=files[0], billed=files[1], partitions=3, keep_matched=True, scheduler=scheduler
    )
    assert many == one
    assert many.report == one.report


def test_by_default_each_worker_thread_gets_a_partition(files: tuple[str, str]) -> None:
    with small_cluster(threads=2) as client:
        many = reconcile_files_on_dask(expected=files[0], billed=files[1], client=client)
        running = reconcile_files_on_dask(expected=files[0], billed=files[1], scheduler="distributed")
    assert many == running == reconcile_files(expected=files[0], billed=files[1], partitions=2)
    assert reconcile_files_on_dask(expected=files[0], billed=files[1], scheduler="sync") == reconcile_files(
        expected=files[0], billed=files[1]
    )


def test_the_tasks_run_on_the_client_given_though_another_is_dasks_default(files: tuple[str, str]) -> None:
    distributed = pytest.importorskip("distributed")
    with small_cluster(threads=2) as given, small_cluster(threads=1) as default:
        assert distributed.get_client() is default  # the latest client is Dask's default
        with (
            distributed.get_task_stream(client=given) as on_given,
            distributed.get_task_stream(client=default) as on_default,
        ):
            many = reconcile_files_on_dask(expected=files[0], billed=files[1], client=given)
    # A partition per thread of the client given (two), split and reconciled on its worker.
    assert many == reconcile_files(expected=files[0], billed=files[1], partitions=2)
    assert on_given.data
    assert on_default.data == []


def test_files_of_the_same_name_in_two_folders_are_split_apart(tmp_path: pathlib.Path) -> None:
    mine, billed = _files(tmp_path)
    apart = reconcile_files(expected=mine, billed=billed, partitions=3)
    (tmp_path / "ours").mkdir()
    (tmp_path / "theirs").mkdir()
    same = (tmp_path / "ours" / "month.csv", tmp_path / "theirs" / "month.csv")
    pathlib.Path(mine).rename(same[0])
    pathlib.Path(billed).rename(same[1])
    many = reconcile_files_on_dask(expected=same[0], billed=same[1], partitions=3, scheduler="sync")
    assert many == apart


def test_the_partition_files_are_removed(tmp_path: pathlib.Path, files: tuple[str, str]) -> None:
    work = tmp_path / "work"
    work.mkdir()
    reconcile_files_on_dask(
        expected=files[0], billed=files[1], partitions=4, workdir=work, scheduler="threads"
    )
    assert not list(work.iterdir())


@pytest.mark.parametrize("scheduler", ["sync", "processes"])
def test_a_bad_cell_is_refused_naming_its_row_in_its_own_file(tmp_path: pathlib.Path, scheduler: str) -> None:
    mine, billed = _files(tmp_path, billed_extra=_row("sub-3", 1, "ten"))
    with raises_invalid(field="billed.rows[47].Subtotal", code=ErrorCode.NOT_A_NUMBER):
        reconcile_files(expected=mine, billed=billed, partitions=3)
    with raises_invalid(field="billed.rows[47].Subtotal", code=ErrorCode.NOT_A_NUMBER):
        reconcile_files_on_dask(expected=mine, billed=billed, partitions=3, scheduler=scheduler)


def test_a_second_currency_is_refused_as_one_process_refuses_it(tmp_path: pathlib.Path) -> None:
    mine, billed = _files(tmp_path, expected_extra=_row("sub-9", 1, "10", currency="USD"))
    # In 13 partitions, sub-9 has one of its own: two partitions, each of one currency, disagree.
    with raises_invalid(field="expected.rows[41].Currency", code=ErrorCode.CURRENCY_MISMATCH):
        reconcile_files(expected=mine, billed=billed, partitions=13)
    with raises_invalid(
        field="expected.rows[41].Currency", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch
    ):
        reconcile_files_on_dask(expected=mine, billed=billed, partitions=13, scheduler="threads")
    with raises_invalid(field="expected.rows[41].Currency", code=ErrorCode.CURRENCY_MISMATCH):
        reconcile_files_on_dask(
            expected=mine, billed=billed, partitions=3, scheduler="threads"
        )  # in a partition


def test_a_file_that_cannot_be_opened_is_refused_naming_its_side(
    tmp_path: pathlib.Path, files: tuple[str, str]
) -> None:
    gone = str(tmp_path / "gone.csv")
    with raises_invalid(field="expected", code=ErrorCode.IO_FAILED):
        reconcile_files_on_dask(expected=gone, billed=files[1], scheduler="sync")
    with raises_invalid(field="billed", code=ErrorCode.IO_FAILED) as refused:  # by the split task
        reconcile_files_on_dask(expected=files[0], billed=gone, partitions=2, scheduler="sync")
    assert refused.value.value == gone
    assert refused.value.shown_value is not None  # the path the task could not open is shown
    with raises_invalid(field="expected", code=ErrorCode.IO_FAILED):  # the expected side's first
        reconcile_files_on_dask(expected=gone, billed=gone, partitions=2, scheduler="threads")
    with raises_invalid(field="workdir", code=ErrorCode.IO_FAILED):
        reconcile_files_on_dask(
            expected=files[0],
            billed=files[1],
            partitions=2,
            workdir=tmp_path / "no" / "such",
            scheduler="sync",
        )


def test_a_run_refuses_bad_arguments_before_any_task(files: tuple[str, str]) -> None:
    mine, billed = files
    with raises_invalid(field="partitions", code=ErrorCode.OUT_OF_RANGE):
        reconcile_files_on_dask(expected=mine, billed=billed, partitions=0)
    with raises_invalid(field="tolerance", code=ErrorCode.OUT_OF_RANGE):
        reconcile_files_on_dask(expected=mine, billed=billed, tolerance="-1")
    with raises_invalid(field="scheduler", code=ErrorCode.UNKNOWN_VALUE):
        reconcile_files_on_dask(expected=mine, billed=billed, scheduler="gpu")
    with raises_invalid(field="scheduler", code=ErrorCode.INCONSISTENT):
        reconcile_files_on_dask(expected=mine, billed=billed, scheduler="sync", client=object())
    with raises_invalid(field="expected", code=ErrorCode.WRONG_TYPE):
        reconcile_files_on_dask(expected=3, billed=files[1])  # type: ignore[arg-type]


def test_a_task_is_sent_paths_not_lines(files: tuple[str, str]) -> None:
    assert len(pickle.dumps(ReconPart(expected=files[0], billed=files[1], index=2, count=3))) < 1_000


def test_the_older_whole_file_tasks_warn_that_they_go(files: tuple[str, str]) -> None:
    with pytest.warns(DeprecationWarning, match="reconcile_files_on_dask"):
        reconcile_on_dask(files[0], files[1], partitions=2, scheduler="sync")


@pytest.mark.parametrize("partitions", [1, 3])
def test_the_tolerance_and_the_matched_lines_reach_every_partition(
    files: tuple[str, str], partitions: int
) -> None:
    loose = reconcile_files(expected=files[0], billed=files[1], partitions=partitions, tolerance="1")
    assert loose != reconcile_files(expected=files[0], billed=files[1], partitions=partitions)  # it matters
    for keep in (False, True):
        one = reconcile_files(
            expected=files[0], billed=files[1], partitions=partitions, tolerance="1", keep_matched=keep
        )
        many = reconcile_files_on_dask(
            expected=files[0],
            billed=files[1],
            partitions=partitions,
            tolerance="1",
            keep_matched=keep,
            scheduler="sync",
        )
        assert many == one
        assert many.report == one.report
        assert (many.report is None) is not keep
    assert reconcile_files_on_dask(expected=files[0], billed=files[1], scheduler="sync").report is None


def test_a_second_currency_in_the_billed_file_is_refused_naming_its_row(tmp_path: pathlib.Path) -> None:
    mine, billed = _files(tmp_path, billed_extra=_row("sub-9", 1, "10", currency="USD"))
    with raises_invalid(field="billed.rows[47].Currency", code=ErrorCode.CURRENCY_MISMATCH) as one:
        reconcile_files(expected=mine, billed=billed, partitions=13)
    with raises_invalid(
        field="billed.rows[47].Currency", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch
    ) as many:
        reconcile_files_on_dask(expected=mine, billed=billed, partitions=13, scheduler="sync")
    assert isinstance(one.value, CurrencyMismatch)
    assert isinstance(many.value, CurrencyMismatch)
    assert (many.value.left, many.value.right) == (one.value.left, one.value.right) == ("EUR", "USD")


def test_a_file_the_split_cannot_read_is_refused_as_one_process_refuses_it(tmp_path: pathlib.Path) -> None:
    mine, _billed = _files(tmp_path)
    bare = tmp_path / "bare.csv"
    bare.write_text("ChargeType,Subtotal\nnew,10\n", encoding="utf-8")
    with raises_invalid(field="billed.header", code=ErrorCode.MISSING) as one:
        reconcile_files(expected=mine, billed=str(bare), partitions=2)
    with raises_invalid(field="billed.header", code=ErrorCode.MISSING) as many:
        reconcile_files_on_dask(expected=mine, billed=str(bare), partitions=2, scheduler="sync")
    assert many.value.value == one.value.value


@pytest.mark.parametrize("partitions", [1, 2])
def test_a_file_that_is_not_utf8_is_refused_as_rows_that_could_not_be_read(
    tmp_path: pathlib.Path, partitions: int
) -> None:
    mine, billed = _files(tmp_path)
    with pathlib.Path(billed).open("ab") as handle:
        handle.write(_row("sub-2", 1, "10").replace("M365", "M\u00e9").encode("latin-1"))  # not UTF-8
    with raises_invalid(field="billed.rows", code=ErrorCode.IO_FAILED) as one:
        reconcile_files(expected=mine, billed=billed, partitions=partitions)
    with raises_invalid(field="billed.rows", code=ErrorCode.IO_FAILED) as streamed:
        list(iter_reconcile_files(expected=mine, billed=billed, partitions=partitions))
    with raises_invalid(field="billed.rows", code=ErrorCode.IO_FAILED) as many:
        reconcile_files_on_dask(expected=mine, billed=billed, partitions=partitions, scheduler="sync")
    for refused in (one, streamed, many):
        assert refused.value.shown_value is None  # no value to show: the rows were not read


def test_arguments_of_the_wrong_kind_are_refused_on_their_own_names(files: tuple[str, str]) -> None:
    mine, billed = files
    with raises_invalid(field="billed", code=ErrorCode.WRONG_TYPE):
        reconcile_files_on_dask(expected=mine, billed=3)  # type: ignore[arg-type]
    with raises_invalid(field="keep_matched", code=ErrorCode.WRONG_TYPE):
        reconcile_files_on_dask(expected=mine, billed=billed, keep_matched="yes")  # type: ignore[arg-type]
    with raises_invalid(field="workdir", code=ErrorCode.WRONG_TYPE):
        reconcile_files_on_dask(expected=mine, billed=billed, partitions=2, workdir=3)  # type: ignore[arg-type]


def test_the_arrow_engine_without_pyarrow_names_its_extra_before_any_task(
    files: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(MissingExtra, match="columnar"):
        reconcile_files_on_dask(expected=files[0], billed=files[1], engine="arrow", scheduler="sync")
