"""The what-if notebook runs: its code cells are executed in order, in one namespace."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).parents[3] / "docs" / "notebooks" / "collections-whatif.ipynb"


def test_the_collections_whatif_notebook_executes() -> None:
    pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    cells = json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]
    namespace: dict[str, object] = {}
    for cell in cells:
        if cell["cell_type"] == "code":
            exec(compile("".join(cell["source"]), str(NOTEBOOK), "exec"), namespace)  # noqa: S102 - our own notebook
    comparison = namespace["comparison"]
    assert [r.policy for r in comparison.results] == ["lenient", "strict"]  # type: ignore[attr-defined]
    assert namespace["frame"] is not None
