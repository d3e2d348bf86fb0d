"""Every partitioned pass (reconcile_files, the month-end close) sizes its partitions by one rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.files import sparse_file

from cspcore.errors import ErrorCode, InvalidInput
from cspcore.interop.recon_files import PARTITION_BYTES, partitions_for
from cspcore.interop.recon_split import MAX_PARTITIONS

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    ("size", "count"),
    [
        (0, 1),
        (1, 1),
        (PARTITION_BYTES, 1),
        (PARTITION_BYTES + 1, 2),
        (5 * PARTITION_BYTES, 5),
        (MAX_PARTITIONS * PARTITION_BYTES + 1, MAX_PARTITIONS),
    ],
)
def test_one_partition_per_partition_bytes_of_the_largest_file(tmp_path: Path, size: int, count: int) -> None:
    small, large = sparse_file(tmp_path, "small.csv", 10), sparse_file(tmp_path, "large.csv", size)
    assert partitions_for([(small, "billed"), (large, "expected"), (None, "usage")], None) == count


def test_a_count_given_is_used_whatever_the_sizes(tmp_path: Path) -> None:
    large = sparse_file(tmp_path, "large.csv", 40 * PARTITION_BYTES)
    assert partitions_for([(large, "billed")], 3) == 3


@pytest.mark.parametrize(("given", "code"), [(0, ErrorCode.OUT_OF_RANGE), ("4", ErrorCode.WRONG_TYPE)])
def test_a_bad_count_is_refused(given: object, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        partitions_for([], given)
    assert (caught.value.field, caught.value.code) == ("partitions", code)


def test_a_file_that_cannot_be_read_is_refused_on_its_field(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        partitions_for([(str(tmp_path / "missing.csv"), "expected_usage")], None)
    assert (caught.value.field, caught.value.code) == ("expected_usage", ErrorCode.IO_FAILED)
