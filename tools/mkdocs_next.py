"""MkDocs hook: end every page of the site with its "Where next" block, one line per reader.

The site has three kinds of reader: a developer building on the library, an analyst working with its
results, and a command-line user. Each page ends with where each of them goes next. The lines live in
one file, ``docs/next-steps.toml`` (a table per page, keyed by its path under ``docs/``), so pages
stay free of boilerplate and the block looks the same everywhere.

The block is added to the page's HTML (``on_page_content``), so it also ends the rendered notebook,
whose Markdown the hook never sees. Links in the file are written from the docs root
(``[Roles](roles.md#gdap)``); the hook points them at the page's URL relative to the page it
ends, and stops the build when a page has no entry, an entry lacks a reader, or a link names a
page the site does not have.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]
from mkdocs.exceptions import PluginError

#: The readers, in the order the block lists them, with the label it shows.
PERSONAS = {"developer": "Developer", "analyst": "Analyst", "cli": "Command-line user"}
STEPS_FILE = "next-steps.toml"
_LINK = re.compile(r"\]\((?P<target>[^)#\s]*)(?P<fragment>#[^)\s]*)?\)")


def load_steps(path: Path) -> dict[str, dict[str, str]]:
    """The entries of ``path``, each checked to name every reader."""
    with path.open("rb") as handle:
        steps: dict[str, dict[str, str]] = tomllib.load(handle)
    for page, entry in steps.items():
        if sorted(entry) != sorted(PERSONAS):
            raise PluginError(
                f"{path.name}: [{page!r}] needs exactly {sorted(PERSONAS)}, has {sorted(entry)}"
            )
    return steps


def block_markdown(entry: dict[str, str], url_of: Any) -> str:
    """The Markdown list of ``entry``, each link's target mapped by ``url_of`` (a docs path to a URL)."""

    def link(match: re.Match[str]) -> str:
        return f"]({url_of(match['target']) if match['target'] else ''}{match['fragment'] or ''})"

    return "\n".join(f"- **{label}:** {_LINK.sub(link, entry[key])}" for key, label in PERSONAS.items())


_steps: dict[str, dict[str, str]] = {}


def on_config(config: Any) -> Any:
    """Read the steps file once per build."""
    _steps.clear()
    _steps.update(load_steps(Path(config["docs_dir"]) / STEPS_FILE))
    return config


def on_page_content(html: str, *, page: Any, files: Any, **_: Any) -> str:
    """Append the page's block to its HTML."""
    source = page.file.src_uri
    entry = _steps.get(source)
    if entry is None:
        raise PluginError(f"{source} has no entry in docs/{STEPS_FILE}")

    def url_of(target: str) -> str:
        found = files.get_file_from_path(target)
        if found is None:
            raise PluginError(f"docs/{STEPS_FILE} [{source!r}] links to {target!r}, which is not a page")
        return str(found.url_relative_to(page.file))

    items = markdown.markdown(block_markdown(entry, url_of))
    return (
        f'{html}\n<div class="admonition tip next-steps">\n'
        f'<p class="admonition-title">Where next</p>\n{items}\n</div>\n'
    )
