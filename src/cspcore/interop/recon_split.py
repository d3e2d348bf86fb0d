"""Splitting recon files by subscription: the reading half of :mod:`cspcore.interop.recon_files`.

Rows go to the partition a CRC-32 of their ``SubscriptionId`` names (:func:`partition_of`), so the
lines that could pair always share one; :func:`split_recon_file` writes each partition's rows to its
own file. :mod:`cspcore.interop.recon_files` re-exports the public names.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import csv
import os
import zlib
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final

from cspcore import _validate
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.interop.recon_columns import header_positions

if TYPE_CHECKING:
    from collections.abc import Iterator


__all__ = [
    "MAX_PARTITIONS",
    "empty",
    "file_path",
    "on_side",
    "open_side",
    "partition_count",
    "partition_of",
    "partitioned",
    "records",
    "split_cells",
    "split_recon_file",
    "subscription_column",
    "unreadable",
]


#: The most partitions a reconcile of files uses (or a file is split into).
MAX_PARTITIONS: Final = 1024


def partition_count(value: object, field: str) -> int:
    """A partition count: 1 to :data:`MAX_PARTITIONS`."""
    return _validate.integer(value, field, minimum=1, maximum=MAX_PARTITIONS)


def file_path(value: object, field: str) -> str:
    """A file path given as text or a path-like object."""
    if isinstance(value, str | os.PathLike):
        path = os.fspath(value)
        if isinstance(path, str):
            return path
    raise InvalidInput(field, "expected a file path", value, code=ErrorCode.WRONG_TYPE)


def partition_of(subscription_id: str, count: int) -> int:
    """The partition (``0`` to ``count - 1``) of a subscription id, the same in every process.

    The id is read as the reconciliation reader reads it (surrounding blanks stripped), and hashed
    with CRC-32, never with Python's per-process ``hash``: any worker places a row where any other would.

    >>> partition_of("284b0ff0-0e74-4f65-cb23-f8ad95867994", 8) == partition_of(
    ...     " 284b0ff0-0e74-4f65-cb23-f8ad95867994 ", 8
    ... )
    True
    """
    return zlib.crc32(subscription_id.strip().encode("utf-8", "surrogatepass")) % count


# --- reading records -----------------------------------------------------------------------------


def records(handle: IO[str]) -> Iterator[list[str]]:
    """The records of a CSV text file as lists of their physical lines (a quoted field may span lines).

    A record ends where its quote characters are balanced (a quote inside a quoted field is doubled).
    Every line ends with a line break (one is added to a last line without it).
    """
    pending: list[str] = []
    quotes = 0
    for line in handle:
        if not pending and '"' not in line:
            yield [line if line[-1:] in {"\n", "\r"} else line + "\n"]
            continue
        pending.append(line)
        quotes += line.count('"')
        if quotes % 2 == 0:
            yield pending
            pending, quotes = [], 0
    if pending:
        last = pending[-1]
        if last[-1:] not in {"\n", "\r"}:
            pending[-1] = last + "\n"
        yield pending


def split_cells(record: list[str]) -> list[str]:
    """The cells of one CSV record (a plain line split at commas, else read by the csv module)."""
    if len(record) == 1 and '"' not in record[0]:
        return record[0].rstrip("\r\n").split(",")
    try:
        return next(csv.reader(record, strict=True), [])
    except csv.Error:
        return []  # the partition's reader names what is wrong


def subscription_column(header: list[str]) -> int:
    """The position of ``SubscriptionId`` in a header record.

    A header that names a column twice is refused as the readers refuse it (field ``header``, code
    ``duplicate``: :func:`~cspcore.interop.recon_columns.header_positions`).
    """
    # -1: every row goes to partition 0, whose reader refuses the header
    return header_positions(split_cells(header)).get("subscriptionid", -1)


def empty(record: list[str]) -> bool:
    """Whether a record is a blank line."""
    return len(record) == 1 and record[0] in {"\n", "\r\n", "\r"}


def partitioned(handle: IO[str], count: int) -> Iterator[tuple[int, int, list[str]]]:
    """``(row number, partition, record)`` of the header (row 0, partition ``-1``) and each non-empty row.

    Rows are numbered as the reconciliation reader numbers them (blank lines counted).
    """
    rows = records(handle)
    header = next(rows, None)
    if header is None:
        return
    yield 0, -1, header
    column = subscription_column(header)
    crc = zlib.crc32
    number = 0
    for record in rows:
        number += 1
        if len(record) == 1 and '"' not in record[0]:
            line = record[0]
            cells = line.split(",", column + 1)
            if column < 0 or len(cells) <= column:
                if line in {"\n", "\r\n", "\r"}:
                    continue
                yield number, 0, record
            else:
                yield number, crc(cells[column].strip().encode("utf-8", "surrogatepass")) % count, record
            continue
        if empty(record):
            continue
        cells = split_cells(record)
        yield number, (partition_of(cells[column], count) if 0 <= column < len(cells) else 0), record


def unreadable(error: BaseException) -> InvalidInput:
    """The refusal of rows that could not be read (a closed file, bytes that are not UTF-8).

    Field ``rows``, code ``io_failed``: one refusal for every reader of recon rows, the one-process
    reader of a caller's rows and the split of a file into partitions alike. Only the kind of the
    failure is told, never its value (which may hold the file's bytes).

    >>> try:
    ...     bytes([0xFF]).decode("utf-8")
    ... except UnicodeDecodeError as error:
    ...     refusal = unreadable(error)
    >>> refusal.field, refusal.code.value, refusal.value
    ('rows', 'io_failed', None)
    >>> print(refusal)
    rows: could not be read: UnicodeDecodeError
    """
    return InvalidInput(
        "rows", f"could not be read: {type(error).__name__}", None, show_value=False, code=ErrorCode.IO_FAILED
    )


def on_side(error: InvalidInput, side: str) -> InvalidInput:
    """``error``, raised reading one side's file, named on that side.

    Field ``path`` becomes the side itself and any other field ``side.field``; the class, code and
    value are kept (:meth:`~cspcore.errors.InvalidInput.renamed`).

    >>> cell = InvalidInput("rows[812].Subtotal", "not a number", "12,5", code=ErrorCode.NOT_A_NUMBER)
    >>> moved = on_side(cell, "billed")
    >>> moved.field, moved.code.value, moved.value
    ('billed.rows[812].Subtotal', 'not_a_number', '12,5')
    >>> on_side(InvalidInput("path", "not UTF-8 text", None, code=ErrorCode.IO_FAILED), "expected").field
    'expected'
    """
    return error.renamed(side if error.field == "path" else f"{side}.{error.field}")


def open_side(path: str, side: str) -> IO[str]:
    """Open one side's file as UTF-8 text (a BOM skipped); a failure names the side."""
    try:
        return Path(path).open(encoding="utf-8-sig", newline="")
    except OSError as error:
        raise InvalidInput(
            side, f"could not be opened: {type(error).__name__}", path, code=ErrorCode.IO_FAILED
        ) from None


def split_recon_file(
    path: str | os.PathLike[str], *, count: int, folder: str | os.PathLike[str]
) -> tuple[str, ...]:
    r"""Cut a reconciliation file into ``count`` partition files in ``folder``, by :func:`partition_of`.

    Each partition file starts with the file's header and holds its rows (text as read) in file
    order; blank lines are left out. Returns the paths, partition ``i`` at position ``i``.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "m.csv").write_text("SubscriptionId,X\ns1,1\ns2,2\ns1,3\n", encoding="utf-8")
    >>> paths = split_recon_file(folder / "m.csv", count=2, folder=folder)
    >>> sorted(pathlib.Path(p).read_text(encoding="utf-8").count("s1") for p in paths)
    [0, 2]
    """
    count = partition_count(count, "count")
    source = file_path(path, "path")
    target = Path(file_path(folder, "folder"))
    names = tuple(str(target / f"{Path(source).stem}.part{index:04d}.csv") for index in range(count))
    handles: list[IO[str]] = []
    try:
        handles.extend(Path(name).open("w", encoding="utf-8", newline="") for name in names)  # noqa: SIM115
        writers = [handle.write for handle in handles]
        with open_side(source, "path") as handle:
            for _, partition, record in partitioned(handle, count):
                if partition < 0:
                    for each in handles:
                        each.writelines(record)
                elif len(record) == 1:
                    writers[partition](record[0])
                else:
                    handles[partition].writelines(record)
    except UnicodeDecodeError as error:  # a file that is not UTF-8 text
        raise unreadable(error) from None
    except OSError as error:
        raise InvalidInput(
            "folder",
            f"could not write partitions: {type(error).__name__}",
            str(target),
            code=ErrorCode.IO_FAILED,
        ) from None
    finally:
        for each in handles:
            each.close()
    return names
