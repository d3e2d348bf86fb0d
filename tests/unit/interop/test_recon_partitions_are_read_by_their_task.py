"""A reconciliation on Dask sends each task two paths and its partition; the merged report is reconcile's.

These are the rules of the deprecated :func:`~cspcore.interop.recon_dask.reconcile_on_dask`, kept
for its last release; it warns once per call.
"""

from __future__ import annotations

import pathlib
import pickle
import zlib

import pytest
from tests.clusters import small_cluster
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.interop import parse_recon_rows, reconcile
from cspcore.interop.recon_dask import (
    ReconPartition,
    merge_partitions,
    partition_of,
    reconcile_on_dask,
    reconcile_partition,
)

pytestmark = pytest.mark.filterwarnings("ignore:reconcile_on_dask is deprecated:DeprecationWarning")

HEADER = (
    "SubscriptionId,ChargeType,ChargeStartDate,ChargeEndDate,BillableQuantity,UnitPrice,"
    "EffectiveUnitPrice,Subtotal,Currency,OrderDate,ProductName\n"
)


def _row(subscription: str, quantity: int, subtotal: str) -> str:
    return f"{subscription},new,2024-01-01,2024-01-31,{quantity},10,10,{subtotal},EUR,2024-01-01,M365\n"


@pytest.fixture
def files(tmp_path: pathlib.Path) -> tuple[str, str]:
    mine = tmp_path / "expected.csv"
    billed = tmp_path / "billed.csv"
    expected_rows = [_row(f"sub-{n % 7}", n % 3 + 1, str(10 * (n % 3 + 1))) for n in range(40)]
    billed_rows = [_row(f"sub-{n % 8}", n % 3 + 1, str(10 * (n % 3 + 1) + (n % 5 == 0))) for n in range(45)]
    mine.write_text(HEADER + "".join(expected_rows), encoding="utf-8")
    billed.write_text(HEADER + "\n" + "".join(reversed(billed_rows)), encoding="utf-8")
    return str(mine), str(billed)


def _whole(mine: str, billed: str) -> object:
    return reconcile(
        parse_recon_rows(pathlib.Path(mine).read_text(encoding="utf-8")),
        parse_recon_rows(pathlib.Path(billed).read_text(encoding="utf-8")),
    )


def test_a_subscriptions_rows_share_a_partition_in_every_process_and_spelling() -> None:
    assert partition_of("0a1b", 5) == partition_of(" 0A1B", 5)
    assert {partition_of(f"s{n}", 4) for n in range(50)} == {0, 1, 2, 3}
    assert partition_of("s17", 4) == zlib.crc32(b"s17") % 4  # not the per-process string hash


def test_a_task_is_sent_a_small_description_not_lines(files: tuple[str, str]) -> None:
    part = ReconPartition(expected_path=files[0], actual_path=files[1], index=2, count=3)
    assert len(pickle.dumps(part)) < 1_000


@pytest.mark.parametrize("scheduler", ["sync", "threads", "processes"])
def test_partitions_give_the_report_of_one_reconcile(files: tuple[str, str], scheduler: str) -> None:
    whole = _whole(*files)
    assert not whole.is_clean  # type: ignore[attr-defined]
    assert reconcile_on_dask(*files, partitions=3, scheduler=scheduler) == whole
    one = ReconPartition(expected_path=files[0], actual_path=files[1], index=0, count=1)
    assert merge_partitions([reconcile_partition(one)]) == whole


def test_partitions_run_on_a_distributed_client(files: tuple[str, str]) -> None:
    with small_cluster(threads=2) as client:
        assert reconcile_on_dask(*files, partitions=4, client=client) == _whole(*files)


def test_a_file_without_a_subscription_column_is_refused_as_reconcile_refuses_it(
    tmp_path: pathlib.Path,
) -> None:
    bare = tmp_path / "bare.csv"
    bare.write_text("ChargeType,Subtotal\nnew,1\n", encoding="utf-8")
    with raises_invalid(field="header", code=ErrorCode.MISSING):
        reconcile_on_dask(str(bare), str(bare), partitions=2, scheduler="sync")


def test_empty_files_reconcile_clean(tmp_path: pathlib.Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert reconcile_on_dask(str(empty), str(empty), partitions=2, scheduler="sync").is_clean


@pytest.mark.parametrize(
    ("arguments", "field", "code"),
    [
        ((3, 3), "index", ErrorCode.OUT_OF_RANGE),
        ((-1, 3), "index", ErrorCode.OUT_OF_RANGE),
        ((0, 0), "count", ErrorCode.OUT_OF_RANGE),
        ((0, "2"), "count", ErrorCode.WRONG_TYPE),
    ],
)
def test_a_partition_refuses_an_index_outside_its_count(
    arguments: tuple[object, object], field: str, code: ErrorCode
) -> None:
    with raises_invalid(field=field, code=code):
        index, count = arguments
        ReconPartition(expected_path="a.csv", actual_path="b.csv", index=index, count=count)  # type: ignore[arg-type]


def test_a_run_refuses_bad_arguments_before_any_task(files: tuple[str, str]) -> None:
    with raises_invalid(field="partitions", code=ErrorCode.OUT_OF_RANGE):
        reconcile_on_dask(*files, partitions=0)
    with raises_invalid(field="tolerance", code=ErrorCode.OUT_OF_RANGE):
        reconcile_on_dask(*files, partitions=2, tolerance="-1")
    with raises_invalid(field="scheduler", code=ErrorCode.UNKNOWN_VALUE):
        reconcile_on_dask(*files, partitions=2, scheduler="gpu")
    with raises_invalid(field="scheduler", code=ErrorCode.INCONSISTENT):
        reconcile_on_dask(*files, partitions=2, scheduler="sync", client=object())
    with raises_invalid(field="parts", code=ErrorCode.EMPTY):
        merge_partitions([])


def test_a_file_that_cannot_be_read_is_refused_naming_its_side(
    tmp_path: pathlib.Path, files: tuple[str, str]
) -> None:
    mine, billed = files
    with raises_invalid(field="expected_path", code=ErrorCode.MISSING):
        reconcile_on_dask(str(tmp_path / "gone.csv"), billed, partitions=2, scheduler="sync")
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"SubscriptionId\n\xff\xfe\n")
    with raises_invalid(field="actual_path", code=ErrorCode.MALFORMED):
        reconcile_on_dask(mine, str(binary), partitions=2, scheduler="sync")
    with raises_invalid(field="actual_path", code=ErrorCode.MALFORMED):
        reconcile_on_dask(mine, str(tmp_path), partitions=2, scheduler="sync")  # a folder
