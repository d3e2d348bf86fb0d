"""Plain-data text (JSON or TOML) before it is parsed: a bound on its nesting (internal).

Decoded data becomes values in :mod:`cspcore._structure`; this module only keeps a parser from
recursing into text nested deeper than any file cspcore reads.
"""

from __future__ import annotations

import re

from cspcore.errors import ErrorCode, InvalidInput

#: The deepest nesting of arrays, tables and dotted keys that :func:`nesting` lets through: far
#: beyond any file cspcore reads (a portfolio nests about six levels), and far below the depth at
#: which a recursive parser (``json``, ``tomllib``) or a walk over the data would exhaust the stack.
MAX_NESTING = 64

_OPEN = frozenset("[{")
_CLOSE = frozenset("]}")
#: Characters after which a run of dotted-key segments starts afresh (a value, an item, a line).
_RESET = frozenset("=,\n[]{}")
#: Every character the scan acts on; it jumps over the rest.
_MARK = re.compile(r"[\"'#\[\]{}.=,\n]")


def nesting(text: str, field: str, *, limit: int = MAX_NESTING) -> None:
    """Refuse JSON or TOML text nested deeper than ``limit``, before any parser recurses into it.

    Brackets and braces outside strings (and TOML comments) each open a level, and so does each
    dot of a TOML dotted key (``a.b.c = 1`` builds three tables). One linear pass, no recursion.

    >>> nesting('{"a": [1, {"b": "[[["}]}', "file")
    >>> nesting("[" * 100 + "]" * 100, "file")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: file: nested more than 64 levels deep
    >>> nesting("a" + ".a" * 100 + " = 1", "file")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: file: nested more than 64 levels deep
    """
    depth = dots = 0
    size = len(text)
    found = _MARK.search(text)
    while found is not None:
        index = found.start()
        char = text[index]
        if char in "\"'":
            found = _MARK.search(text, _string_end(text, index))
            continue
        if char == "#":  # a TOML comment (JSON has no '#' outside strings)
            newline = text.find("\n", index)
            found = _MARK.search(text, size if newline < 0 else newline)
            continue
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(depth - 1, 0)
        elif char == ".":
            dots += 1
        if char in _RESET:
            dots = 0
        if depth + dots > limit:
            raise InvalidInput(
                field,
                f"nested more than {limit} levels deep",
                None,
                show_value=False,
                code=ErrorCode.OUT_OF_RANGE,
            )
        found = _MARK.search(text, index + 1)


def _string_end(text: str, start: int) -> int:
    """The index just past the string (basic, literal or multi-line) that opens at ``start``."""
    quote = text[start]
    if text.startswith(quote * 3, start):
        end = text.find(quote * 3, start + 3)
        while quote == '"' and end > 0 and _escaped(text, end):
            end = text.find(quote * 3, end + 1)
        return len(text) if end < 0 else end + 3
    index = start + 1
    while index < len(text):
        char = text[index]
        if char == "\\" and quote == '"':
            index += 2
            continue
        if char in (quote, "\n"):
            return index + 1
        index += 1
    return index


def _escaped(text: str, index: int) -> bool:
    """Whether the character at ``index`` follows an odd run of backslashes."""
    run = 0
    while index - run - 1 >= 0 and text[index - run - 1] == "\\":
        run += 1
    return run % 2 == 1
