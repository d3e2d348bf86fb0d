r"""Output safety: the one place that makes file-derived text safe to print or to put in a CSV cell.

Product names, subscription ids and policy names come from files, and files can be hostile: a
name may hold terminal escape sequences, bidi overrides or the start of a spreadsheet formula.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from typing import Final

__all__ = ["FORMULA_STARTS", "csv_cell", "display_width", "say", "terminal_text"]

#: Bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder what a terminal or an
#: editor shows (CVE-2021-42574, "Trojan Source").
_BIDI: Final = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
#: C0 controls (ESC starts terminal escape sequences), DEL, C1 controls, bidi controls, and the
#: Unicode line and paragraph separators: each shown as a visible escape such as ``\x1b``.
_UNSAFE: Final = (*range(0x20), 0x7F, *range(0x80, 0xA0), *_BIDI, 0x2028, 0x2029)
_ESCAPES: Final = {code: (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}") for code in _UNSAFE}
_ESCAPES_KEEP_NEWLINES: Final = {code: text for code, text in _ESCAPES.items() if code != ord("\n")}
#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def terminal_text(text: str, *, newlines: bool = False) -> str:
    r"""``text`` made safe to print: control characters and bidi overrides shown as escapes.

    C0 and C1 controls (ESC, which starts terminal escape sequences, among them), DEL, the bidi
    overrides and isolates and the Unicode line separators are written as ``\x1b`` or
    ``\u202e``; the rest of the text is kept. With ``newlines=True``, ``\n`` stays a line break.

    >>> print(terminal_text("Contoso\x1b[2J\u202eevil"))
    Contoso\x1b[2J\u202eevil
    >>> print(terminal_text("two\nlines\r", newlines=True))
    two
    lines\x0d
    """
    return text.translate(_ESCAPES_KEEP_NEWLINES if newlines else _ESCAPES)


def csv_cell(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula (OWASP's advice).

    A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading single quote; a number (``-12.50``) is left as it is, so it stays a number. Control
    characters are escaped as in :func:`terminal_text`.

    >>> csv_cell("=cmd|' /C calc'!A0"), csv_cell("-12.50"), csv_cell("Microsoft 365")
    ("'=cmd|' /C calc'!A0", '-12.50', 'Microsoft 365')
    """
    text = terminal_text(value)
    if text.startswith(FORMULA_STARTS) and _NUMBER.fullmatch(text) is None:
        return "'" + text
    return text


def display_width(text: str) -> int:
    """How many terminal columns ``text`` takes: a wide or full-width (CJK) character takes two.

    >>> display_width("policy"), display_width("ポリシー")
    (6, 8)
    """
    return sum(2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1 for char in text)


def say(text: str = "", *, newlines: bool = False) -> None:
    """Print a line of file-derived text on standard output, made safe for the terminal."""
    sys.stdout.write(terminal_text(text, newlines=newlines) + "\n")
