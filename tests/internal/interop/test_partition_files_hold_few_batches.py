"""A file cut into partition files: one record batch per partition for each ``held`` rows read.

However many blocks the reader reads the file in, each partition file holds a batch only for each
time the split writes what it holds, and each partition read back is that partition's rows of the
file, in file order, with the texts as written. Blocks are made tiny here (a few rows each), so a
small file is read in many of them.
"""

from __future__ import annotations

import contextlib
import csv
import io
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.property.test_recon_engines_give_one_report import months

from cspcore.interop import RECON_COLUMNS, recon_files
from cspcore.interop import _recon_arrow as columnar
from cspcore.interop.recon_files import reconcile_files

if TYPE_CHECKING:
    from collections.abc import Iterator

pa = pytest.importorskip("pyarrow")
ipc = pytest.importorskip("pyarrow.ipc")


@contextlib.contextmanager
def _tiny_blocks() -> Iterator[None]:
    """Blocks of 1 KiB read (a few rows of a recon file), each checked as a table of its own."""
    with patch.object(columnar, "_BLOCK", 1024), patch.object(columnar, "_ROWS", 1):
        yield


def _month(path: Path, rows: int) -> Path:
    """A recon file of ``rows`` rows: 40 subscriptions, dates and products that vary from row to row."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, RECON_COLUMNS)
    writer.writeheader()
    for number in range(rows):
        day = f"2024-03-{1 + number % 28:02d}"
        writer.writerow(
            dict.fromkeys(RECON_COLUMNS, "")
            | {
                "OrderDate": day,
                "ProductName": f"Product {number % 7}",
                "ChargeType": ("new", "renew", "cycleCharge")[number % 3],
                "UnitPrice": "12.00",
                "EffectiveUnitPrice": "12.00",
                "BillableQuantity": str(1 + number % 50),
                "Quantity": str(1 + number % 50),
                "Subtotal": f"{number}.25",
                "Total": f"{number}.25",
                "Currency": "EUR",
                "SubscriptionId": f"s{number % 40}",
                "ChargeStartDate": day,
                "ChargeEndDate": "2024-03-31",
                "ReferenceId": f"r{number}",
            }
        )
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return path


def _batches(path: str) -> int:
    with ipc.open_stream(path) as source:
        return sum(1 for _ in source)


def _rows(table: Any) -> list[dict[str, Any]]:
    return list(columnar._plain(table).to_pylist())


@pytest.mark.parametrize(("held", "count"), [(1, 3), (100, 3), (100, 7), (250, 1), (10**6, 4)])
def test_each_partition_file_holds_a_batch_per_held_rows(tmp_path: Path, held: int, count: int) -> None:
    path = str(_month(tmp_path / "month.csv", 600))
    reader = columnar.Reader()
    with _tiny_blocks():
        blocks = sum(1 for _ in columnar._batches(path, columnar._BLOCK)[0])
        cut = columnar.split_side(path, reader, count=count, folder=str(tmp_path), side="expected", held=held)
    assert blocks > 50  # (the file is read in many tables)
    writes = -(-600 // held) if held > 1 else blocks
    for index, part in enumerate(cut):
        assert _batches(part) <= writes
        assert _rows(columnar.load(part)) == _rows(columnar.read_side(path, reader, index=index, count=count))
    assert sum(columnar.load(part).num_rows for part in cut) == 600


def test_a_file_of_no_rows_is_cut_into_empty_partition_files(tmp_path: Path) -> None:
    path = str(_month(tmp_path / "month.csv", 0))
    cut = columnar.split_side(path, columnar.Reader(), count=3, folder=str(tmp_path), side="billed")
    assert [columnar.load(part).num_rows for part in cut] == [0, 0, 0]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(months(clean=True), st.integers(2, 4), st.integers(1, 12))
def test_files_cut_in_tiny_blocks_give_the_pure_summary(
    month: tuple[str, str], count: int, held: int
) -> None:
    """Pieces of many blocks, their dictionaries different, written together: the pure path's summary."""
    with tempfile.TemporaryDirectory() as folder:
        mine, theirs = Path(folder, "mine.csv"), Path(folder, "billed.csv")
        mine.write_text(month[0], encoding="utf-8", newline="")
        theirs.write_text(month[1], encoding="utf-8", newline="")

        def run(engine: str) -> Any:
            return reconcile_files(
                expected=mine, billed=theirs, partitions=count, workdir=folder, engine=engine
            )

        with (
            patch.object(recon_files, "COLUMNAR_WHOLE_BYTES", -1),
            patch.object(columnar, "_CUT_ROWS", held),
            _tiny_blocks(),
        ):
            assert run("arrow") == run("pure")


def test_a_file_not_vouched_for_halfway_leaves_no_partition_file(tmp_path: Path) -> None:
    path = _month(tmp_path / "month.csv", 600)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[590] = lines[590].replace(",Product ", ", Product ", 1)  # a text cell the pure reader strips
    path.write_text("".join(lines), encoding="utf-8", newline="")
    folder = tmp_path / "cut"
    folder.mkdir()
    with _tiny_blocks(), pytest.raises(columnar.failures()):
        columnar.split_side(
            str(path), columnar.Reader(), count=3, folder=str(folder), side="expected", held=1
        )
    assert not list(folder.iterdir())  # batches were written before the row not vouched for: all gone
