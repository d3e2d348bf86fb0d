r"""Reconciling two recon files as partitions on Dask: split once, then one task per partition.

:func:`reconcile_files_on_dask` is :func:`~cspcore.interop.recon_files.reconcile_files` with its
partitions run as Dask tasks. Two tasks cut the two files at once
(:func:`~cspcore.interop.recon_files.cut_file`: each writes its file's partition files, by a CRC-32
of ``SubscriptionId``, into a folder every worker can see; columnar Arrow files when pyarrow is
installed and the files are large, as one process cuts them, else CSV); then one task per partition
runs :func:`~cspcore.interop.recon_files.pair_cut` on a
:class:`~cspcore.interop.recon_files.CutPart` (two paths, the tolerance and what the columnar reader
read of the files' few-valued cells: a few kilobytes pickled). A columnar partition's task sends
back a :class:`~cspcore.interop.recon_files.PairedCut` (the count and sums of the lines it paired,
the few rows left as CSV text), which the calling process finishes into the partition's
:class:`~cspcore.interop.recon_files.ReconciliationSummary` as it arrives
(:func:`~cspcore.interop.recon_files.finish_cut`, while the workers pair the other partitions); a
CSV partition's task sends back its summary. :func:`~cspcore.interop.recon_files.combine` adds them
up. The result equals ``reconcile_files`` over the same number of partitions, in one process.

What runs in parallel: the cut (reading every cell of a file and checking it; each file's cut is one
task, so both files are cut side by side), and the pairing of the partitions' lines, whose tasks
spread over every worker. What runs here, as each pairing comes back: reading the few lines that
differ through the pure reader and reconciling them. On many workers with many differing lines this
share grows with the differences, as unpickling them as values would.

This module opens the files it is given and writes partition files in a folder it makes (and
removes): the paths must name the same files on every worker (a shared disk or a mounted bucket on
a multi-machine cluster), and in the calling process, which reads them to name the row of a refusal
(a partition whose rows left do not read is reconciled there, from the files as named).

>>> import pathlib, tempfile
>>> header = "SubscriptionId,ChargeType,ChargeStartDate,ChargeEndDate,BillableQuantity,UnitPrice,"
>>> header += "EffectiveUnitPrice,Subtotal,Currency,OrderDate,ProductName\n"
>>> row = "{},new,2024-01-01,2024-01-31,{},10,10,{},EUR,2024-01-01,M365\n"
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> mine, billed = folder / "expected.csv", folder / "billed.csv"
>>> _ = mine.write_text(header + row.format("s1", 2, 20) + row.format("s2", 1, 10))
>>> _ = billed.write_text(header + row.format("s2", 1, 10) + row.format("s3", 1, 10))
>>> summary = reconcile_files_on_dask(expected=mine, billed=billed, partitions=2, scheduler="sync")
>>> summary.matched, [line.subscription_id for line in summary.missing]
(1, ['s1'])
>>> [line.subscription_id for line in summary.unexpected]
['s3']

The older :func:`reconcile_on_dask` (deprecated) sends each task the two whole files to read and
returns a :class:`~cspcore.interop.ReconciliationReport` in the order of
:func:`~cspcore.interop.reconcile`; :func:`reconcile_partition` and :func:`merge_partitions` stay
for that order.

.. versionadded:: 0.3.0
.. versionchanged:: 0.4.0
   :func:`reconcile_files_on_dask`, on the streaming partitions (the columnar cut when pyarrow is
   installed; ``engine``); :func:`reconcile_on_dask` deprecated.
"""

from __future__ import annotations

import csv
import heapq
import io
import math
import shutil
import tempfile
import zlib
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _validate
from cspcore._dask import run_tasks, scheduler_named, worker_slots
from cspcore._deprecated import warn_renamed
from cspcore.billing import _bounds
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.interop._rules import read_tolerance
from cspcore.interop.recon_columns import header_positions
from cspcore.interop.recon_csv import iter_recon_rows
from cspcore.interop.recon_files import (
    CutFile,
    CutPart,
    PairedCut,
    ReconciliationSummary,
    ReconPart,
    combine,
    cut_file,
    cut_parts,
    finish_cut,
    pair_cut,
    partitions_for,
    reconcile_part,
    uses_columnar,
)
from cspcore.interop.recon_split import (
    MAX_PARTITIONS,
    file_path,
    on_side,
    open_side,
    partition_count,
    partitioned,
)
from cspcore.interop.reconcile import reconcile
from cspcore.interop.reconciliation import ReconciliationReport

if TYPE_CHECKING:
    import os
    from collections.abc import Iterable, Iterator

    from cspcore.billing.charges import ChargeLine
    from cspcore.interop.reconciliation import Mismatch

__all__ = [
    "PartitionReport",
    "ReconPartition",
    "merge_partitions",
    "partition_of",
    "reconcile_files_on_dask",
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
        column = header_positions(header).get(_KEY_COLUMN)
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
    """Reconcile two recon files as ``partitions`` Dask tasks (deprecated; needs the ``dask`` extra).

    Deprecated: each task reads both whole files, so more workers are not faster. Use
    :func:`reconcile_files_on_dask`, which splits the files once and reconciles a partition per task
    (a :class:`~cspcore.interop.recon_files.ReconciliationSummary`; ``keep_matched=True`` keeps the
    whole report too). This function goes in the next release.

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
    warn_renamed("reconcile_on_dask", "reconcile_files_on_dask")
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


# --- on the streaming partitions -----------------------------------------------------------------

_SIDES: Final = ("expected", "billed")


def _split(path: str, side: str, count: int, folder: str, arrow: bool) -> CutFile | InvalidInput:
    """One split task: ``path`` cut into ``count`` partition files in ``folder`` (see :func:`cut_file`).

    A refusal names ``side`` and is returned, not raised, so that the caller raises the expected
    side's first whichever task ends first.
    """
    try:
        return cut_file(path, side=side, count=count, folder=folder, arrow=arrow)
    except InvalidInput as error:
        return on_side(error, side)


def _pair_cut(part: CutPart) -> PairedCut | ReconciliationSummary | InvalidInput:
    """One reconcile task: partition files ``part`` paired (see :func:`pair_cut`), then removed.

    A refusal is returned, not raised, so that the caller raises the refusal of the first partition
    whichever task ends first; it names the row as numbered in its own file, as one process would.
    """
    try:
        return pair_cut(part)
    except InvalidInput as error:
        return error
    finally:
        for path in (part.expected, part.billed):
            Path(path).unlink(missing_ok=True)  # each task gives back its space as it ends


def _finish(
    outcome: PairedCut | ReconciliationSummary | InvalidInput,
) -> ReconciliationSummary | InvalidInput:
    """A reconcile task's outcome, finished where the summary is wanted (:func:`finish_cut`).

    The lines a partition's pairing left come back as text and are read here: text pickles at
    the speed of a copy, where the same lines as values cost the task more to pickle (and this
    process more to unpickle) than they cost this process to read.
    """
    if isinstance(outcome, InvalidInput):
        return outcome
    try:
        return finish_cut(outcome)
    except InvalidInput as error:
        return error


def _raised(outcomes: list[Any]) -> list[Any]:
    """The tasks' results, after raising the first refusal among them (in task order)."""
    for outcome in outcomes:
        if isinstance(outcome, InvalidInput):
            raise outcome
    return outcomes


def _first_row(path: str, index: int, count: int) -> int:
    """The file's row number of the first row of partition ``index`` (for a currency refusal)."""
    with open_side(path, "path") as handle:
        for number, partition, _ in partitioned(handle, count):
            if partition == index:
                return number
    return 1  # pragma: no cover - a partition that read a line has a first row


def _partition_total(paths: tuple[str, str], partitions: object, slots: int) -> int:
    """The partitions to cut the files into: as asked, else enough for memory and for every worker.

    By default, the count :func:`~cspcore.interop.recon_files.partitions_for` gives the two files
    (one per :data:`~cspcore.interop.recon_files.PARTITION_BYTES` of the larger), raised to at least
    one per worker thread and rounded up to a whole number per worker thread, at most
    :data:`~cspcore.interop.recon_split.MAX_PARTITIONS`.
    """
    if partitions is not None:
        return partition_count(partitions, "partitions")
    sides = list(zip(paths, _SIDES, strict=True))
    for path, side in sides:
        with open_side(path, side):  # a file that cannot be opened is refused here, before any task
            pass
    wanted = max(partitions_for(sides, None), slots)
    return min(MAX_PARTITIONS, math.ceil(wanted / slots) * slots)


def reconcile_files_on_dask(
    *,
    expected: str | os.PathLike[str],
    billed: str | os.PathLike[str],
    tolerance: Decimal | int | str = 0,
    partitions: int | None = None,
    workdir: str | os.PathLike[str] | None = None,
    keep_matched: bool = False,
    engine: str = "auto",
    scheduler: str | None = None,
    client: Any = None,
) -> ReconciliationSummary:
    """:func:`~cspcore.interop.recon_files.reconcile_files` with its partitions run as Dask tasks.

    The two files are cut at once by two tasks (:func:`~cspcore.interop.recon_files.cut_file`) into
    ``partitions`` partition files each, in a folder made inside ``workdir`` (the system's temporary
    folder by default; on a cluster of several machines, a folder every worker sees at the same path)
    and removed at the end: columnar files when ``engine`` takes the columnar path (as
    :func:`~cspcore.interop.recon_files.uses_columnar` says), CSV files otherwise or where the
    columnar reader cannot vouch for a file. Then each partition is a task,
    :func:`~cspcore.interop.recon_files.pair_cut` on a
    :class:`~cspcore.interop.recon_files.CutPart`, finished here as it comes back
    (:func:`~cspcore.interop.recon_files.finish_cut`: the rows the columnar pairing left are sent
    back as text and read here), and the summaries are added up by
    :func:`~cspcore.interop.recon_files.combine`. Tasks run on ``client`` (a ``distributed.Client``)
    when one is given, else on the Dask scheduler ``scheduler`` names (``"threads"`` by default;
    ``"distributed"`` uses the running client, or a ``LocalCluster`` started and closed here), as
    :func:`~cspcore.billing.whatif.simulate_partitioned` runs them.

    The summary equals ``reconcile_files`` with the same ``partitions`` in one process: the same
    counts and totals, the same lines listed partition by partition, the same refusals. A worker
    holds one partition at a time.

    Args:
        expected: The path of your lines, as a reconciliation file.
        billed: The path of Microsoft's reconciliation file.
        tolerance: As :func:`~cspcore.interop.reconcile`'s.
        partitions: How many partitions (1 to 1,024). By default, partitions of about 16 MiB of
            the larger file, and at least one per worker thread, a whole number per worker thread.
            The lines of the summary are listed partition by partition: give ``partitions`` for
            the same order on clusters of another size.
        workdir: Where the partition files go (a folder is made in it, and removed).
        keep_matched: Keep the whole :class:`~cspcore.interop.ReconciliationReport` (every matched
            line) in the summary's ``report``, its lists partition by partition.
        engine: As ``reconcile_files``' (``"auto"``, ``"pure"`` or ``"arrow"``); the summary is the
            same whichever. A worker without pyarrow cuts its file as CSV.
        scheduler: A Dask scheduler's name (see :data:`~cspcore.billing.whatif.SCHEDULERS`).
        client: A ``distributed.Client``; then leave ``scheduler`` out.

    Raises:
        InvalidInput: as ``reconcile_files`` (a row named as numbered in its own file, such as
            ``billed.rows[812].Subtotal``; code ``io_failed`` naming ``expected`` or ``billed`` for a
            file that cannot be opened, ``workdir`` for a folder that cannot be made); on a bad
            ``partitions``, ``scheduler`` or ``client``.
        CurrencyMismatch: for lines in two currencies, naming a row of the second.
        MissingExtra: when Dask (or, for a client or ``"distributed"``, distributed) is not installed.
    """
    paths = (file_path(expected, "expected"), file_path(billed, "billed"))
    limit = read_tolerance(tolerance, "tolerance")
    keep = _validate.flag(keep_matched, "keep_matched")
    # the engine checked (and pyarrow required for "arrow") at once, as every other argument
    arrow = uses_columnar(paths[0], paths[1], engine=engine, keep_matched=keep)
    name = scheduler_named(scheduler, client)
    count = _partition_total(paths, partitions, worker_slots(name, client))
    if count == 1:
        whole = ReconPart(
            expected=paths[0], billed=paths[1], tolerance=limit, keep_matched=keep, engine=engine
        )
        (summary,) = run_tasks(reconcile_part, [(whole,)], name, client)
        result: ReconciliationSummary = summary
        return result
    base = None if workdir is None else file_path(workdir, "workdir")
    try:
        folder = tempfile.mkdtemp(prefix="cspcore-recon-", dir=base)
    except OSError as error:
        raise InvalidInput(
            "workdir", f"no folder could be made: {type(error).__name__}", base, code=ErrorCode.IO_FAILED
        ) from None
    try:
        places = [str(Path(folder) / side) for side in _SIDES]  # one folder a side: the names may clash
        for place in places:
            Path(place).mkdir()
        jobs = [
            (path, side, count, place, arrow) for path, side, place in zip(paths, _SIDES, places, strict=True)
        ]
        cut: list[CutFile] = _raised(run_tasks(_split, jobs, name, client))
        tasks = cut_parts(cut[0], cut[1], origin=paths, tolerance=limit, keep_matched=keep)
        if tasks is None:  # the two cut in two forms (or two currencies): the columnar ones cut again as CSV
            again = [index for index, side in enumerate(cut) if side.learnt is not None]
            redone = _raised(run_tasks(_split, [(*jobs[index][:4], False) for index in again], name, client))
            for index, side in zip(again, redone, strict=True):
                cut[index] = side
            tasks = cut_parts(cut[0], cut[1], origin=paths, tolerance=limit, keep_matched=keep)
            assert tasks is not None  # noqa: S101 - two CSV cuts always pair
        summaries = _raised(run_tasks(_pair_cut, [(task,) for task in tasks], name, client, _finish))
        try:
            return combine(summaries)
        except CurrencyMismatch as error:
            position = int(error.field.removeprefix("partitions[").partition("]")[0])
            side = "expected" if summaries[position].expected_rows else "billed"
            row = _first_row(paths[_SIDES.index(side)], position, count)
            raise CurrencyMismatch(f"{side}.rows[{row}].Currency", error.left, error.right) from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)
