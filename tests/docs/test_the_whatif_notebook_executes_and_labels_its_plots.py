"""The what-if notebook runs on a real Jupyter kernel, labels its plots, and the committed copy embeds them.

The site renders the committed notebook (mkdocs-jupyter, outputs as committed): these tests keep that
copy runnable and its figures readable (an x label, the currency, the portfolio size).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
NOTEBOOK = ROOT / "docs" / "notebooks" / "collections-whatif.ipynb"


def _outputs(notebook: dict[str, object]) -> list[dict[str, object]]:
    cells = notebook["cells"]
    assert isinstance(cells, list)
    return [output for cell in cells if cell["cell_type"] == "code" for output in cell.get("outputs", [])]


def test_the_notebook_executes_on_a_kernel_and_plots(monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    pytest.importorskip("matplotlib")
    pytest.importorskip("pandas")
    # the kernel is a child process: let it import this checkout's cspcore even when it is not installed
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]))
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": ROOT}}
    ).execute()
    outputs = _outputs(json.loads(nbformat.writes(notebook)))
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any("image/png" in o.get("data", {}) for o in outputs)  # type: ignore[operator]
    assert any("lenient" in str(o.get("data", {})) and "strict" in str(o.get("data", {})) for o in outputs)


def test_the_committed_notebook_embeds_its_plot() -> None:
    outputs = _outputs(json.loads(NOTEBOOK.read_text(encoding="utf-8")))
    assert any("image/png" in o.get("data", {}) for o in outputs)  # type: ignore[operator]


def test_every_plot_the_notebook_draws_names_its_axis_currency_and_portfolio_size() -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    sources = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]
    drawn = [source for source in sources if ".plot(" in source]
    assert drawn
    for source in drawn:
        assert "xlabel=" in source
        assert "{currency}" in source
        assert "accounts" in source
    # the library's own chart (to_png) labels itself: see test_whatif_frames_are_numeric_...
    assert any("to_png()" in source for source in sources)
