"""The documentation site builds with --strict: every page, link and API reference resolves."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once for this module with ``mkdocs build --strict`` (a failed build fails here)."""
    pytest.importorskip("mkdocs")
    out = tmp_path_factory.mktemp("docs") / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(  # noqa: S603 - our own interpreter and mkdocs
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return out


def _nav_pages() -> list[str]:
    """The source path of every page in mkdocs.yml's navigation, in order."""
    nav = (ROOT / "mkdocs.yml").read_text("utf-8").split("\nnav:\n", 1)[1]
    return re.findall(r"^\s*- (?:\"[^\"]*\"|[^:]*): (\S+\.(?:md|ipynb))$", nav, flags=re.MULTILINE)


def _html_of(site: Path, page: str) -> str:
    stem = page.rsplit(".", 1)[0]
    built = site / "index.html" if stem == "index" else site / stem / "index.html"
    return built.read_text("utf-8")


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_the_docs_site_builds_strictly(site: Path) -> None:
    assert (site / "reference" / "core" / "index.html").is_file()
    # the what-if notebook is a rendered page of the site, its figures inline, not a raw .ipynb link
    notebook = (site / "notebooks" / "collections-whatif" / "index.html").read_text("utf-8")
    assert "data:image/png;base64" in notebook
    assert "Collections what-if: lenient vs strict" in notebook


def test_no_page_shows_the_docstrings_restructuredtext_as_text(site: Path) -> None:
    """Version directives and roles render as notes and links (code blocks may still show the syntax)."""
    directive = r"\.\. (?:versionadded|versionchanged|deprecated)::"
    role = r":(?:mod|class|func|meth|attr|data|exc|obj):(?:`|<code>)"
    literal = re.compile(f"{directive}|{role}")
    pages = sorted(site.rglob("*.html"))
    found = [
        str(page.relative_to(site))
        for page in pages
        if literal.search(re.sub(r"<pre[ >].*?</pre>", "", page.read_text("utf-8"), flags=re.DOTALL))
    ]
    assert found == []
    reference = _html_of(site, "reference/interop.md")
    assert '<p class="admonition-title">Added in 0.1.0</p>' in reference


def test_an_attrs_class_shows_its_parameters_types_and_defaults(site: Path) -> None:
    """``UsageLine`` (attrs, keyword-only): each parameter typed, the optional ones with their default."""
    billing = _html_of(site, "reference/billing.md")
    entry = billing[billing.index('id="cspcore.billing.UsageLine"') :]
    entry = entry[: entry.index('class="doc doc-object doc-', 100)]
    text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", entry)))
    assert re.search(r"UsageLine \( \* , usage_date : date ,", text), text[:400]
    assert re.search(r"pec_rate : Decimal = Decimal \( ?0 ?\)", text), text[:2000]
    # the Args list: an optional parameter shows its default, a required one none
    rows = {
        re.sub(r"<[^>]+>", "", row).split()[0]: row
        for row in re.findall(r'<li class="doc-section-item field-body">(.*?)</li>', entry, flags=re.DOTALL)
    }
    assert "default:" not in rows["usage_date"]
    assert re.search(r"default:\s*<code>None</code>", rows["credit_type"])
    assert re.search(r"default:\s*<code>.*Decimal.*\(0\)</code>", rows["pec_rate"])


def test_every_page_ends_with_where_each_reader_goes_next(site: Path) -> None:
    pages = _nav_pages()
    assert "index.md" in pages
    assert "notebooks/collections-whatif.ipynb" in pages
    for page in pages:
        built = _html_of(site, page)
        block = built[built.index('class="admonition tip next-steps"') :]
        block = block[: block.index("</div>")]
        for label in ("Developer:", "Analyst:", "Command-line user:"):
            assert label in block, (page, label)
        assert block.count("<a ") >= 3, page


def test_the_next_steps_file_covers_exactly_the_pages_of_the_site() -> None:
    with (ROOT / "docs" / "next-steps.toml").open("rb") as handle:
        steps = tomllib.load(handle)
    assert sorted(steps) == sorted(_nav_pages())
    assert all(sorted(entry) == ["analyst", "cli", "developer"] for entry in steps.values())


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


def _tool(name: str) -> object:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        return __import__(name)
    finally:
        sys.path.pop(0)


def test_version_directives_become_admonitions_at_their_indentation() -> None:
    version_notes = _tool("griffe_rst").version_notes  # type: ignore[attr-defined]
    text = (
        "Summary.\n\n"
        ".. versionadded:: 0.1.0\n\n"
        "Returns:\n"
        "    The answer.\n\n"
        "    .. versionchanged:: 0.2.0 Read-only now.\n"
        "        It was a ``dict``.\n\n"
        "        Compares equal to it.\n\n"
        ".. deprecated:: 0.3.0\n"
        "   Use ``is_consistent``."
    )
    expected = (
        "Summary.\n\n"
        '!!! note "Added in 0.1.0"\n\n'
        "Returns:\n"
        "    The answer.\n\n"
        '    !!! info "Changed in 0.2.0"\n'
        "        Read-only now.\n"
        "        It was a ``dict``.\n\n"
        "        Compares equal to it.\n\n"
        '!!! warning "Deprecated since 0.3.0"\n'
        "    Use ``is_consistent``."
    )
    assert version_notes(text) == expected


def test_sphinx_roles_become_optional_links_in_code() -> None:
    roles = _tool("griffe_rst").roles  # type: ignore[attr-defined]
    paths = {"Money": "cspcore.money.Money"}

    def resolve(name: str) -> str:
        return paths[name]

    assert roles("See :class:`Money`.", resolve) == (
        'See <autoref identifier="cspcore.money.Money" optional><code>Money</code></autoref>.'
    )
    assert roles("In :mod:`~cspcore.interop.seats` and :func:`nowhere`.", resolve) == (
        'In <autoref identifier="cspcore.interop.seats" optional><code>seats</code></autoref> and '
        '<autoref identifier="nowhere" optional><code>nowhere</code></autoref>.'
    )
