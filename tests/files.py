"""Files for the tests that read files by their size.

>>> import pathlib, tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     pathlib.Path(sparse_file(pathlib.Path(folder), "big.csv", 10**9)).stat().st_size
1000000000
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["sparse_file"]


def sparse_file(folder: Path, name: str, size: int) -> str:
    """The path of a new file of ``size`` bytes in ``folder``, none of them written (a sparse file)."""
    path = folder / name
    with path.open("wb") as handle:
        handle.truncate(size)
    return str(path)
