"""Reading the shell's input files (or standard input), within bounds.

A file, or standard input, holds at most :data:`MAX_FILE_BYTES`; TOML and JSON nest at most
:data:`cspcore._plain.MAX_NESTING` levels, checked before parsing.
"""

from __future__ import annotations

import contextlib
import json
import sys
import tomllib
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final

from cspcore import InvalidInput, Reason, _plain
from cspcore.cli.words import DEFAULT_LOCALE, WordedInput
from cspcore.errors import ErrorCode
from cspcore.i18n import render

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator
    from typing import BinaryIO

__all__ = ["MAX_FILE_BYTES", "add_allow_empty", "read_data", "read_rows_text", "read_text", "within"]

#: The largest file (or standard input) read, in bytes; a bigger one (or ``/dev/zero``) is refused.
MAX_FILE_BYTES = 512 * 1024 * 1024
_CHUNK: Final = 1024 * 1024


def _read_bytes(stream: BinaryIO, path: str) -> bytes:
    """At most :data:`MAX_FILE_BYTES` of ``stream``, read a chunk at a time (``/dev/zero`` ends too)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise InvalidInput("file", f"larger than {MAX_FILE_BYTES} bytes", path, code=ErrorCode.TOO_LONG)
        chunks.append(chunk)
    return b"".join(chunks)


def read_text(path: str) -> str:
    """A UTF-8 file (``-`` for standard input) as text, a leading byte order mark dropped."""
    try:
        if path == "-":
            stdin = getattr(sys.stdin, "buffer", None)
            if stdin is None:  # a text stream put in place of stdin (tests, embedding)
                text = sys.stdin.read(MAX_FILE_BYTES + 1)
                if len(text) > MAX_FILE_BYTES:
                    raise InvalidInput(
                        "file", f"larger than {MAX_FILE_BYTES} bytes", path, code=ErrorCode.TOO_LONG
                    )
                return text.removeprefix("\ufeff")
            data = _read_bytes(stdin, path)
        else:
            with Path(path).open("rb") as stream:
                data = _read_bytes(stream, path)
    except OSError as error:
        raise InvalidInput(
            "file", f"cannot read: {error.strerror or error}", path, code=ErrorCode.IO_FAILED
        ) from None
    except ValueError as error:  # a path with a NUL byte
        if isinstance(error, InvalidInput):
            raise
        raise InvalidInput("file", "not a usable path", path, code=ErrorCode.MALFORMED) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            "file", f"is not UTF-8 text (byte {error.start})", path, code=ErrorCode.MALFORMED
        ) from None


def _no_constant(name: str) -> object:
    raise InvalidInput("file", f"{name} is not a number JSON allows", name, code=ErrorCode.NOT_FINITE)


def read_data(path: str) -> dict[str, object]:
    """A TOML or JSON file (by extension; TOML otherwise) as plain data; Decimals for JSON numbers.

    Nesting deeper than :data:`cspcore._plain.MAX_NESTING` is refused before parsing, so that no
    parser recurses until the stack runs out.
    """
    text = read_text(path)
    kind = "JSON" if path.endswith(".json") else "TOML"
    _plain.nesting(text, "file")
    try:
        if kind == "JSON":
            data = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
        else:
            data = tomllib.loads(text)
    except InvalidInput:
        raise
    except ValueError as error:  # JSONDecodeError, TOMLDecodeError, an int of over 4,300 digits
        raise InvalidInput("file", f"is not valid {kind}: {error}", path, code=ErrorCode.MALFORMED) from None
    if not isinstance(data, dict):
        raise InvalidInput("file", "must hold a table (mapping) at the top", path, code=ErrorCode.MALFORMED)
    return data


@contextlib.contextmanager
def within(path: str) -> Iterator[None]:
    """Name the file ``path`` in a refusal raised inside the block: ``sub.toml:events[3].unit_price``.

    A refusal of the file itself (``file``: cannot read, not UTF-8, not TOML) already shows the path.
    """
    try:
        yield
    except InvalidInput as error:
        if error.field == "file":
            raise
        raise error.renamed(f"{path}:{error.field}") from None  # a worded refusal stays worded


def add_allow_empty(parser: argparse.ArgumentParser, *, locale: str = DEFAULT_LOCALE) -> None:
    """The ``--allow-empty`` flag of the commands that read CSV charge lines (its help in ``locale``)."""
    parser.add_argument(
        "--allow-empty",
        action="store_true",
        help=render(Reason(code="cli.flag.allow_empty", params={}), locale=locale),
    )


def read_rows_text(path: str, *, allow_empty: bool, locale: str) -> str:
    """A CSV file as :func:`read_text` reads it, refused when it has no row under its header.

    An empty file, or one holding only a header, is most often a failed export: it is refused
    (``empty``, at the file's path) unless ``allow_empty`` says it is expected.
    """
    text = read_text(path)
    if not allow_empty and sum(1 for line in text.splitlines() if line.strip()) < 2:  # a header and a row
        problem = render(Reason(code="cli.file.no_charge_lines", params={}), locale=locale)
        raise WordedInput(path, problem, path, show_value=False, code=ErrorCode.EMPTY)
    return text
