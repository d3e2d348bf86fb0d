"""``cut_file`` and ``uses_columnar`` refuse a bad argument under its own name (a Dask task's caller
passes each of them apart, and a refusal must say which one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from tests.recon_month import month_files
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.interop.recon_files import cut_file, uses_columnar

if TYPE_CHECKING:
    from pathlib import Path


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"path": 3}, "path", ErrorCode.WRONG_TYPE),
        ({"folder": 3}, "folder", ErrorCode.WRONG_TYPE),
        ({"count": 0}, "count", ErrorCode.OUT_OF_RANGE),
        ({"count": "2"}, "count", ErrorCode.WRONG_TYPE),
        ({"arrow": "yes"}, "arrow", ErrorCode.WRONG_TYPE),
        ({"side": "theirs"}, "side", ErrorCode.UNKNOWN_VALUE),
    ],
)
def test_cut_file_names_the_argument_it_refuses(
    tmp_path: Path, changes: dict[str, Any], field: str, code: ErrorCode
) -> None:
    mine, _ = month_files(tmp_path)
    arguments: dict[str, Any] = {"path": mine, "side": "expected", "count": 2, "folder": tmp_path, **changes}
    with raises_invalid(field=field, code=code):
        cut_file(**arguments)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"expected": 3}, "expected", ErrorCode.WRONG_TYPE),
        ({"billed": 3}, "billed", ErrorCode.WRONG_TYPE),
        ({"keep_matched": "no"}, "keep_matched", ErrorCode.WRONG_TYPE),
        ({"engine": "fast"}, "engine", ErrorCode.UNKNOWN_VALUE),
    ],
)
def test_uses_columnar_names_the_argument_it_refuses(
    tmp_path: Path, changes: dict[str, Any], field: str, code: ErrorCode
) -> None:
    mine, billed = month_files(tmp_path)
    with raises_invalid(field=field, code=code):
        uses_columnar(**{"expected": mine, "billed": billed, **changes})
