"""The Dask reconcile sizes its partitions by the one rule, then gives every worker thread a whole share.

``partitions_for`` (one partition per ``PARTITION_BYTES`` of the larger file, at least one) says how
many the files need; the Dask reconcile then takes at least one per worker thread and rounds up to a
whole number per worker thread, at most ``MAX_PARTITIONS`` (``recon_dask._partition_total``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.files import sparse_file

from cspcore.errors import ErrorCode, InvalidInput
from cspcore.interop.recon_dask import _partition_total
from cspcore.interop.recon_files import PARTITION_BYTES
from cspcore.interop.recon_split import MAX_PARTITIONS

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    ("size", "slots", "count"),
    [
        (0, 1, 1),
        (10, 2, 2),  # one partition's worth of data, two threads: one each
        (3 * PARTITION_BYTES + 1, 1, 4),
        (3 * PARTITION_BYTES + 1, 2, 4),  # four partitions' worth: two each
        (3 * PARTITION_BYTES + 1, 3, 6),  # rounded up to two each
        (3 * PARTITION_BYTES + 1, 5, 5),
        (MAX_PARTITIONS * PARTITION_BYTES + 1, 3, MAX_PARTITIONS),
        (10, MAX_PARTITIONS + 1, MAX_PARTITIONS),
    ],
)
def test_the_files_need_then_a_whole_number_per_worker_thread(
    tmp_path: Path, size: int, slots: int, count: int
) -> None:
    small, large = sparse_file(tmp_path, "small.csv", 10), sparse_file(tmp_path, "large.csv", size)
    assert _partition_total((small, large), None, slots) == count
    assert _partition_total((large, small), None, slots) == count  # the larger file, on either side


def test_a_count_given_is_used_whatever_the_threads(tmp_path: Path) -> None:
    large = sparse_file(tmp_path, "large.csv", 40 * PARTITION_BYTES)
    assert _partition_total((large, large), 3, 2) == 3


@pytest.mark.parametrize(("missing", "side"), [(0, "expected"), (1, "billed")])
def test_a_file_that_cannot_be_opened_is_refused_on_its_side_before_any_task(
    tmp_path: Path, missing: int, side: str
) -> None:
    paths = [sparse_file(tmp_path, "here.csv", 10), sparse_file(tmp_path, "there.csv", 10)]
    paths[missing] = str(tmp_path)  # a folder: it has a size, but it cannot be opened as a file
    with pytest.raises(InvalidInput) as caught:
        _partition_total((paths[0], paths[1]), None, 2)
    assert (caught.value.field, caught.value.code) == (side, ErrorCode.IO_FAILED)
