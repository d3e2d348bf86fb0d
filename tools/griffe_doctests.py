"""A griffe extension for the docs site: show docstring doctests as fenced ``pycon`` code.

cspcore's docstrings carry runnable examples as plain doctest lines (pytest collects them). Markdown would
read ``>>>`` as nested block quotes, so this wraps each run of example lines, and the output lines that
follow it, in a fenced code block before mkdocstrings renders the docstring.
"""

from __future__ import annotations

from typing import Any

import griffe


def fence_doctests(text: str) -> str:
    """Wrap each doctest run (prompt lines and their output, up to a blank line) in a ``pycon`` fence.

    A run ends at the first blank line; the fence keeps the run's indentation, so examples inside a
    docstring section stay inside it. (Tested in ``tests/docs/test_site.py``: a doctest cannot show this
    function's output, which itself holds prompts.)
    """
    out: list[str] = []
    inside = False
    indent = ""
    for line in text.splitlines():
        stripped = line.lstrip()
        if not inside and stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}```pycon")
            inside = True
        elif inside and not stripped:
            out.append(f"{indent}```")
            inside = False
        out.append(line)
    if inside:
        out.append(f"{indent}```")
    return "\n".join(out)


class FenceDoctests(griffe.Extension):
    """Fence the doctests of every object's docstring."""

    def on_instance(self, *, obj: griffe.Object, **_: Any) -> None:
        """Rewrite the docstring of ``obj`` in place."""
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(obj.docstring.value)
