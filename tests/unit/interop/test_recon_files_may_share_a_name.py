"""Two reconciliation files may have the same name in different folders (``a/month.csv``, ``b/month.csv``)."""

from __future__ import annotations

import shutil
from typing import TYPE_CHECKING

import pytest
from tests.recon_month import month_files

from cspcore.interop.recon_files import ENGINES, reconcile_files

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize("engine", ENGINES)
def test_files_of_one_name_are_reconciled_as_files_of_two(tmp_path: Path, engine: str) -> None:
    pytest.importorskip("pyarrow")
    mine, theirs = month_files(tmp_path)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    same_mine = shutil.copy(mine, tmp_path / "a" / "month.csv")
    same_theirs = shutil.copy(theirs, tmp_path / "b" / "month.csv")
    apart = reconcile_files(expected=mine, billed=theirs, partitions=3, workdir=tmp_path, engine=engine)
    shared = reconcile_files(
        expected=same_mine, billed=same_theirs, partitions=3, workdir=tmp_path, engine=engine
    )
    assert shared == apart
    assert len(apart.missing) == 2  # the month's two missing lines, not an empty comparison
