"""The documentation site builds with --strict: every page, link and API reference resolves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_docs_site_builds_strictly(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(  # noqa: S603 - our own interpreter and mkdocs
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert (tmp_path / "site" / "reference" / "core" / "index.html").is_file()
    # the what-if notebook is a rendered page of the site, its figures inline, not a raw .ipynb link
    notebook = (tmp_path / "site" / "notebooks" / "collections-whatif" / "index.html").read_text("utf-8")
    assert "data:image/png;base64" in notebook
    assert "Collections what-if: lenient vs strict" in notebook


def test_every_docs_page_is_in_the_navigation() -> None:
    nav = (ROOT / "mkdocs.yml").read_text("utf-8")
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    missing = sorted(page for page in pages if page not in nav and not page.startswith("notebooks/"))
    assert missing == []


def test_doctest_runs_are_fenced_for_the_site() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from griffe_doctests import fence_doctests  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    text = "Intro.\n\n    >>> 1 + 1\n    2\n\nAfter.\n>>> x"
    expected = "Intro.\n\n    ```pycon\n    >>> 1 + 1\n    2\n    ```\n\nAfter.\n```pycon\n>>> x\n```"
    assert expected == fence_doctests(text)
