r"""Reconciling two recon files as partitions, on Dask: each task reads its own share of both files.

:func:`reconcile_on_dask` splits a reconciliation of two reconciliation files (your expected lines
and Microsoft's billed lines, both in the columns of ``modern-invoice-reconciliation-file.md``) into
``partitions`` tasks. A task is sent a :class:`ReconPartition` (two paths, its index and the
count), never lines: it reads both files, keeps the rows whose ``SubscriptionId`` falls in its
partition (:func:`partition_of`), reconciles them (:func:`reconcile_partition`) and sends back its
report with each line's place in the files. Lines pair only within a subscription, so the
partitions are independent; :func:`merge_partitions` puts their reports back in the order
:func:`~cspcore.interop.reconcile` gives, so the result equals ``reconcile`` over the whole files.

This module opens the files it is given (it is where a worker loads its partition); the paths must
name the same files on every worker (a shared disk or a mounted bucket on a multi-machine cluster).

The seam: :func:`reconcile_partition` is the one function a task runs. A streaming reconcile of
one partition (spilled or sorted, by the reconciliation module) can replace it: only it and
:func:`merge_partitions` know what a task sends back.

>>> import pathlib, tempfile
>>> from cspcore.interop import reconcile
>>> header = "SubscriptionId,ChargeType,ChargeStartDate,ChargeEndDate,BillableQuantity,UnitPrice,"
>>> header += "EffectiveUnitPrice,Subtotal,Currency,OrderDate,ProductName\n"
>>> row = "{},new,2024-01-01,2024-01-31,{},10,10,{},EUR,2024-01-01,M365\n"
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> mine, billed = folder / "expected.csv", folder / "billed.csv"
>>> _ = mine.write_text(header + row.format("s1", 2, 20) + row.format("s2", 1, 10))
>>> _ = billed.write_text(header + row.format("s2", 1, 10) + row.format("s3", 1, 10))
>>> parts = [
...     reconcile_partition(
...         ReconPartition(expected_path=str(mine), actual_path=str(billed), index=i, count=2)
...     )
...     for i in range(2)
... ]
>>> merged = merge_partitions(parts)
>>> [line.subscription_id for line in merged.missing], [line.subscription_id for line in merged.unexpected]
(['s1'], ['s3'])

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import csv
import heapq
import io
import zlib
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _validate
from cspcore._dask import run_tasks, scheduler_named
from cspcore.billing import _bounds
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.interop._rules import read_tolerance
from cspcore.interop.recon_csv import iter_recon_rows
from cspcore.interop.reconcile import reconcile
from cspcore.interop.reconciliation import ReconciliationReport

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from cspcore.billing.charges import ChargeLine
    from cspcore.interop.reconciliation import Mismatch

__all__ = [
    "PartitionReport",
    "ReconPartition",
    "merge_partitions",
    "partition_of",
    "reconcile_on_dask",
    "reconcile_partition",
]

#: The column a row's partition is read from (matched in any case, as the reader matches it).
_KEY_COLUMN: Final = "subscriptionid"
_ZERO: Final = Decimal(0)


def partition_of(subscription_id: str, count: int) -> int:
    """The partition (0 to ``count - 1``) of a subscription's rows: the same in every process.

    Read from a CRC-32 of the id with its spaces and case folded (Python's own ``hash`` of a string
    differs from one process to the next), so spellings the reader takes as one id share a partition.

    >>> partition_of("a1b2", 4) == partition_of(" A1B2 ", 4)
    True
    """
    return zlib.crc32(subscription_id.strip().casefold().encode("utf-8", "surrogatepass")) % count


def _tolerance(value: object) -> Decimal:
    return read_tolerance(value, "tolerance")


@attrs.frozen(kw_only=True)
class ReconPartition:
    """What one task reconciles: partition ``index`` of ``count`` of the two files (paths), and the tolerance.

    >>> ReconPartition(expected_path="mine.csv", actual_path="billed.csv", index=0, count=4).count
    4
    """

    expected_path: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    actual_path: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    index: int = attrs.field(validator=_validate.attrs_validator(_validate.integer))
    count: int = attrs.field(
        validator=_validate.attrs_validator(
            lambda v, f: _validate.integer(v, f, minimum=1, maximum=_bounds.MAX_COUNT)
        )
    )
    tolerance: Decimal = attrs.field(default=_ZERO, converter=_tolerance)

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.index < self.count:
            raise InvalidInput(
                "index", f"must be 0 to {self.count - 1}", self.index, code=ErrorCode.OUT_OF_RANGE
            )


@attrs.frozen(kw_only=True)
class PartitionReport:
    """One partition's report and, for each of its lists, where its lines sit in the files.

    ``matched``, ``unexpected`` and ``mismatched`` are keyed by the billed line's row, ``missing``
    by the place :func:`~cspcore.interop.reconcile` lists it at (see :func:`reconcile_partition`).
    """

    report: ReconciliationReport
    matched: tuple[int, ...]
    unexpected: tuple[int, ...]
    mismatched: tuple[int, ...]
    missing: tuple[tuple[int, ...], ...]


def _rows(path: str, index: int, count: int) -> tuple[str, list[int]]:
    """The header and the rows of partition ``index`` of a file, as CSV text, and their row numbers.

    A row with no ``SubscriptionId`` cell (and every row of a file without that column) goes to
    partition 0, where the reader refuses it as it would in one process.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    numbers: list[int] = []
    with open(path, encoding="utf-8-sig", newline="") as file:  # noqa: PTH123 - a path from the caller
        records = csv.reader(file)
        header = next(records, None)
        if header is None:
            return "", numbers
        writer.writerow(header)
        folded = [name.strip().casefold() for name in header]
        column = folded.index(_KEY_COLUMN) if _KEY_COLUMN in folded else None
        for number, record in enumerate(records):
            if not record:  # a blank line: the reader skips it too
                continue
            where = 0 if column is None or column >= len(record) else partition_of(record[column], count)
            if where == index:
                writer.writerow(record)
                numbers.append(number)
    return out.getvalue(), numbers


def _lines(path: str, field: str, index: int, count: int) -> tuple[list[ChargeLine], list[int]]:
    """Partition ``index`` of the file at ``path`` as charge lines, and their row numbers.

    A file that cannot be read is refused naming ``field``: ``missing`` when it is not there,
    ``not_allowed`` when it may not be read, ``malformed`` for bytes that are not UTF-8 or a broken CSV.
    """
    try:
        text, numbers = _rows(path, index, count)
    except FileNotFoundError:
        raise InvalidInput(field, "no such file", path, code=ErrorCode.MISSING) from None
    except PermissionError:
        raise InvalidInput(field, "may not be read", path, code=ErrorCode.NOT_ALLOWED) from None
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise InvalidInput(
            field, f"cannot be read ({type(error).__name__})", path, code=ErrorCode.MALFORMED
        ) from None
    return (list(iter_recon_rows(text)) if text else []), numbers


def reconcile_partition(part: ReconPartition) -> PartitionReport:
    """Read partition ``part.index`` of both files and reconcile it (what each Dask task runs).

    Besides the report, it works out where :func:`~cspcore.interop.reconcile` over the whole files
    would list each line: matched pairs, unexpected lines and mismatches in billing order (the
    billed line's row); missing lines as the pairing leaves them, charges before refunds, then the
    keys (subscription, dates, quantity) no billed line looked up, by their first expected row,
    then those a billed line looked up, by the last such billed row, then by expected row.
    """
    checked: ReconPartition = _validate.instance(part, ReconPartition, "part")
    expected, expected_rows = _lines(checked.expected_path, "expected_path", checked.index, checked.count)
    actual, actual_rows = _lines(checked.actual_path, "actual_path", checked.index, checked.count)
    report = reconcile(expected, actual, tolerance=checked.tolerance)
    matched: list[int] = []
    unexpected: list[int] = []
    mismatched: list[int] = []
    gone, wrong = iter(report.unexpected), iter(report.mismatched)
    next_gone, next_wrong = next(gone, None), next(wrong, None)
    touched: dict[tuple[Any, ...], int] = {}
    for line, row in zip(actual, actual_rows, strict=True):
        touched[_key(line)] = row
        if line is next_gone:
            unexpected.append(row)
            next_gone = next(gone, None)
        elif next_wrong is not None and next_wrong.actual is line:
            while next_wrong is not None and next_wrong.actual is line:
                mismatched.append(row)
                next_wrong = next(wrong, None)
        else:
            matched.append(row)
    first: dict[tuple[Any, ...], int] = {}
    rows_of = {id(line): row for line, row in zip(expected, expected_rows, strict=True)}
    for line, row in zip(expected, expected_rows, strict=True):
        first.setdefault(_key(line), row)
    missing = tuple(_missing_place(line, rows_of[id(line)], first, touched) for line in report.missing)
    return PartitionReport(
        report=report,
        matched=tuple(matched),
        unexpected=tuple(unexpected),
        mismatched=tuple(mismatched),
        missing=missing,
    )


def _key(line: ChargeLine) -> tuple[Any, ...]:
    """What the pairing indexes a line by: its sign, subscription, charge dates and quantity."""
    return (
        line.subtotal.amount < _ZERO,
        line.subscription_id,
        line.charge_start,
        line.charge_end,
        line.quantity,
    )


def _missing_place(
    line: ChargeLine, row: int, first: dict[tuple[Any, ...], int], touched: dict[tuple[Any, ...], int]
) -> tuple[int, ...]:
    key = _key(line)
    last = touched.get(key)
    return (int(key[0]), 0, first[key], row) if last is None else (int(key[0]), 1, last, row)


def merge_partitions(parts: Iterable[PartitionReport]) -> ReconciliationReport:
    """The report of the whole files from the reports of all their partitions.

    Raises:
        InvalidInput: on no partitions, or partitions reconciled with different tolerances.
    """
    items = [
        _validate.instance(item, PartitionReport, f"parts[{index}]")
        for index, item in enumerate(_validate.iterable(parts, "parts"))
    ]
    if not items:
        raise InvalidInput("parts", "nothing to merge", items, code=ErrorCode.EMPTY)
    tolerance = items[0].report.tolerance
    for index, item in enumerate(items):
        if item.report.tolerance != tolerance:
            raise InvalidInput(
                f"parts[{index}].report.tolerance",
                "differs",
                item.report.tolerance,
                code=ErrorCode.INCONSISTENT,
            )

    def ordered(places: Iterable[Iterable[Any]], lists: Iterable[Iterable[Any]]) -> Iterator[Any]:
        runs = [zip(p, v, strict=True) for p, v in zip(places, lists, strict=True)]
        return (value for _, value in heapq.merge(*runs, key=lambda pair: pair[0]))

    pairs = list(
        ordered(
            (i.matched for i in items),
            (zip(i.report.matched_expected, i.report.matched_actual, strict=True) for i in items),
        )
    )
    wrong: list[Mismatch] = list(ordered((i.mismatched for i in items), (i.report.mismatched for i in items)))
    return ReconciliationReport(
        matched_expected=tuple(expected for expected, _ in pairs),
        matched_actual=tuple(actual for _, actual in pairs),
        missing=tuple(ordered((i.missing for i in items), (i.report.missing for i in items))),
        unexpected=tuple(ordered((i.unexpected for i in items), (i.report.unexpected for i in items))),
        mismatched=tuple(wrong),
        tolerance=tolerance,
    )


def reconcile_on_dask(
    expected_path: str,
    actual_path: str,
    *,
    partitions: int,
    tolerance: Decimal | int | str = 0,
    scheduler: str | None = None,
    client: Any = None,
) -> ReconciliationReport:
    """Reconcile two recon files as ``partitions`` Dask tasks (needs the ``dask`` extra).

    The result equals :func:`~cspcore.interop.reconcile` of the two files' lines. Each task is sent
    a :class:`ReconPartition` and reads its rows itself (every worker must see the paths). The tasks
    run on ``client`` (a ``distributed.Client``) when one is given, else on the Dask scheduler
    ``scheduler`` names (``"threads"`` by default; ``"distributed"`` uses the running client, or a
    ``LocalCluster`` started and closed here), as
    :func:`~cspcore.billing.whatif.simulate_partitioned` runs them.

    Each task holds its partition's lines and sends back its whole report: memory and traffic grow
    with a partition, so choose enough partitions for a worker's memory.

    Raises:
        InvalidInput: on a bad partition count, tolerance or scheduler, a file that cannot be read
            (naming ``expected_path`` or ``actual_path``), and on what the reader refuses in the
            files (a row's field is named by its place in the partition).
        MissingExtra: when Dask (or, for a client or ``"distributed"``, distributed) is not installed.
    """
    count = _validate.integer(partitions, "partitions", minimum=1, maximum=_bounds.MAX_COUNT)
    pieces = [
        ReconPartition(
            expected_path=expected_path,
            actual_path=actual_path,
            index=index,
            count=count,
            tolerance=tolerance,
        )
        for index in range(count)
    ]
    name = scheduler_named(scheduler, client)
    return merge_partitions(run_tasks(reconcile_partition, [(piece,) for piece in pieces], name, client))
