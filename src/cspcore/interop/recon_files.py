r"""Reconciling two reconciliation files of any size, a partition at a time, in bounded memory.

:func:`reconcile_files` reads the file you expected and the file Microsoft billed (both in the
columns of :data:`~cspcore.interop.RECON_COLUMNS`), splits both by a hash of each row's
``SubscriptionId`` into partition files, and reconciles partition by partition with
:func:`~cspcore.interop.reconcile`. Every pairing key holds the subscription, so two lines that
could pair always fall in the same partition, in their files' order: the outcome is the one
:func:`~cspcore.interop.reconcile` gives on the whole files. Peak memory is that of one partition.

The result is a :class:`ReconciliationSummary`: counts and totals of the matched lines (a month may
match ten million), the missing, unexpected and mismatched lines in full (they are the few).
``keep_matched=True`` keeps a whole :class:`~cspcore.interop.ReconciliationReport` as well, for
files small enough to hold.

:func:`reconcile_part` reconciles one partition from a :class:`ReconPart`, a small picklable value
(two paths, a partition index and count, the tolerance): the unit of work a process pool or a Dask
worker is handed. Unlike the rest of the core, this module reads the files the caller names and
writes partition files in a folder the caller chooses (a temporary one by default), which it removes.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import math
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import IO, TYPE_CHECKING, Final

import attrs

from cspcore import _validate
from cspcore._decimal import exact_sum
from cspcore._extras import require
from cspcore.currencies import currency_code
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.interop import _recon_arrow as columnar
from cspcore.interop._rules import read_tolerance
from cspcore.interop.recon_csv import iter_recon_rows, parse_recon_rows
from cspcore.interop.recon_summary import ReconciliationSummary, combine
from cspcore.interop.reconcile import reconcile
from cspcore.money import Money

if TYPE_CHECKING:
    import os
    from collections.abc import Generator, Iterable, Iterator

    from cspcore.billing.charges import ChargeLine
    from cspcore.interop.reconciliation import ReconciliationReport

from cspcore.interop.recon_split import (
    MAX_PARTITIONS,
    file_path,
    on_side,
    open_side,
    partition_count,
    partition_of,
    partitioned,
    split_recon_file,
)

__all__ = [
    "AUTO_BYTES",
    "ENGINES",
    "CutFile",
    "CutPart",
    "PairedCut",
    "ReconPart",
    "ReconciliationSummary",
    "combine",
    "cut_file",
    "cut_parts",
    "finish_cut",
    "iter_reconcile_files",
    "pair_cut",
    "partition_of",
    "partitions_for",
    "reconcile_cut",
    "reconcile_files",
    "reconcile_part",
    "split_recon_file",
    "uses_columnar",
]

#: At most this many partitions (each split opens one file per partition at once).
#: :func:`reconcile_files` makes partitions of about this many bytes of the larger file: a
#: partition's lines in memory take a few times their text, far under 300 MiB at this size.
PARTITION_BYTES: Final = 16 * 2**20
#: The columnar path reads files of up to this many bytes whole, once, and takes each partition's
#: rows from them (nothing written): its tables (the few-valued texts dictionary-encoded) then take
#: less memory than the split of a larger file.
COLUMNAR_WHOLE_BYTES: Final = 32 * 2**20

_SIDES: Final = ("expected", "billed")
#: The most rows a partition's count may say (an Arrow table counts its rows in 64 bits); a file of
#: ten million rows cut into two partitions has five million in each.
_MAX_ROWS: Final = 2**63 - 1

#: How files are read and paired: ``"auto"`` (the columnar fast path when pyarrow is installed and
#: the files are not small, else the pure one), ``"pure"`` (Python alone) or ``"arrow"`` (the
#: columnar fast path; pyarrow required).
#: Every engine gives the same summary and raises the same errors: the columnar path hands any file
#: it cannot vouch for to the pure one.
ENGINES: Final = ("auto", "pure", "arrow")
#: ``engine="auto"`` takes the columnar path for files of at least this many bytes (about 4,000 rows
#: of a recon file): below, its fixed costs (importing pyarrow, setting up its kernels) outweigh it.
AUTO_BYTES: Final = 2**20


def _engine(value: object) -> str:
    return _validate.one_of(value, ENGINES, "engine")


def _columnar(engine: str, paths: tuple[str, str], *, keep: bool) -> bool:
    """Whether to try the columnar fast path (never when every matched line is to be kept).

    ``"auto"`` takes it for files of :data:`AUTO_BYTES` or more, when pyarrow is installed.
    """
    if engine == "pure" or keep:
        return False
    if engine == "arrow":
        require("pyarrow", "columnar")
        return True
    try:
        size = max(Path(path).stat().st_size for path in paths)
    except OSError:
        return False  # the pure path names the file it cannot open
    return size >= AUTO_BYTES and columnar.available()


def _expected_path(value: object) -> str:
    return file_path(value, "expected")


def _billed_path(value: object) -> str:
    return file_path(value, "billed")


def _part_count(value: object) -> int:
    return partition_count(value, "count")


def _part_tolerance(value: object) -> Decimal:
    return read_tolerance(value, "tolerance")


def _keep(value: object) -> bool:
    return _validate.flag(value, "keep_matched")


@attrs.frozen(kw_only=True)
class ReconPart:
    """One partition of a reconciliation: what :func:`reconcile_part` needs, and nothing heavy.

    Args:
        expected: The path of your reconciliation file (or of one partition file of it).
        billed: The path of Microsoft's reconciliation file (or of the matching partition file).
        index: Which partition to reconcile: the rows whose subscription's :func:`partition_of`
            is ``index``.
        count: How many partitions the files are cut into; ``1`` reads every row (a partition file).
        tolerance: As :func:`~cspcore.interop.reconcile`'s.
        keep_matched: Whether the summary keeps the whole report, matched lines included.
        engine: One of :data:`ENGINES` (``"auto"`` by default); the summary is the same whichever.

    Paths are kept as text, so a part pickles in a few hundred bytes whatever the files hold.

    >>> part = ReconPart(expected="mine.csv", billed="theirs.csv", index=3, count=8)
    >>> part.index, part.count, part.tolerance
    (3, 8, Decimal('0'))
    """

    expected: str = attrs.field(converter=_expected_path)
    billed: str = attrs.field(converter=_billed_path)
    index: int = attrs.field(default=0, validator=_validate.attrs_instance_of(int))
    count: int = attrs.field(default=1, converter=_part_count)
    tolerance: Decimal = attrs.field(default=Decimal(0), converter=_part_tolerance)
    keep_matched: bool = attrs.field(default=False, converter=_keep)
    engine: str = attrs.field(default="auto", converter=_engine)

    def __attrs_post_init__(self) -> None:
        _validate.integer(self.index, "index", minimum=0, maximum=self.count - 1)


# --- one partition -------------------------------------------------------------------------------


def _lines_of(handle: IO[str], index: int, count: int) -> Iterator[str]:
    """The header and the physical lines of partition ``index``'s rows (every line when ``count`` is 1)."""
    if count == 1:
        yield from handle
        return
    for _, partition, record in partitioned(handle, count):
        if partition < 0 or partition == index:
            yield from record


def _row_in_file(path: str, index: int, count: int, local: int) -> int:
    """The file's row number of the ``local``-th non-empty row (from 1) of partition ``index``."""
    with open_side(path, "path") as handle:
        seen = 0
        for number, partition, _ in partitioned(handle, count):
            if partition == index or (count == 1 and partition == 0):
                seen += 1
                if seen == local:
                    return number
    return local  # pragma: no cover - a row the reader numbered is always found again


@attrs.frozen
class _Origin:
    """Where a part's rows come from: the files as named, and the partition of them (for error rows)."""

    expected: str
    billed: str
    index: int
    count: int
    #: Whether the part reads these very files (then the reader's ``rows[n]`` is the file's row n).
    same: bool


def _renumbered(error: InvalidInput, side: str, origin: _Origin) -> InvalidInput:
    """``error`` with the side named, and the row it names numbered as in the side's whole file."""
    field = error.field
    local: int | None = None
    rest = field
    for prefix, offset in (("rows[", 0), ("expected[", 1), ("actual[", 1)):
        if field.startswith(prefix):
            number, _, after = field[len(prefix) :].partition("]")
            if number.isdigit():
                local, rest = int(number) + offset, after
                if prefix != "rows[" and rest == ".currency":
                    rest = ".Currency"
                if prefix == "rows[" and origin.same and origin.count == 1:
                    return error.renamed(f"{side}.{field}")
            break
    if local is None:
        return error.renamed(f"{side}.{field}")
    path = origin.expected if side == "expected" else origin.billed
    row = _row_in_file(path, origin.index, origin.count, local)
    return error.renamed(f"{side}.rows[{row}]{rest}")


def _summary(
    report: ReconciliationReport, expected_rows: int, currency: str | None, *, keep: bool
) -> ReconciliationSummary:
    pairs = len({(id(m.expected), id(m.actual)) for m in report.mismatched})
    matched = report.matched_expected
    return ReconciliationSummary(
        expected_rows=expected_rows,
        billed_rows=len(matched) + len(report.unexpected) + pairs,
        matched=len(matched),
        matched_subtotal=None
        if currency is None
        else Money(exact_sum(line.subtotal.amount for line in matched), currency),
        matched_total=None
        if currency is None
        else Money(exact_sum(line.total.amount for line in matched), currency),
        missing=report.missing,
        unexpected=report.unexpected,
        mismatched=report.mismatched,
        tolerance=report.tolerance,
        report=report if keep else None,
    )


def _reconcile(part: ReconPart, origin: _Origin) -> ReconciliationSummary:
    with open_side(part.expected, "expected") as handle:
        try:
            expected = parse_recon_rows(_lines_of(handle, part.index, part.count))
        except InvalidInput as error:
            raise _renumbered(error, "expected", origin) from None
    with open_side(part.billed, "billed") as handle:
        try:
            billed = iter_recon_rows(_lines_of(handle, part.index, part.count))
            report = reconcile(expected, billed, tolerance=part.tolerance)
        except InvalidInput as error:
            # the expected lines are read already: only a currency check names them now
            side = "expected" if error.field.startswith("expected[") else "billed"
            raise _renumbered(error, side, origin) from None
    lines = (*expected, *report.unexpected)
    currency = lines[0].currency if lines else None
    return _summary(report, len(expected), currency, keep=part.keep_matched)


def reconcile_part(part: ReconPart) -> ReconciliationSummary:
    """Reconcile one partition of two reconciliation files, in the memory of that partition.

    Reads ``part.expected`` and ``part.billed``, keeps the rows whose subscription's
    :func:`partition_of` is ``part.index`` (every row when ``part.count`` is 1, as for the files
    :func:`split_recon_file` writes), and reconciles them. It depends on the files and the part
    alone, and the part pickles small: the unit of work for a process pool or a Dask worker. The
    summaries of every partition add up with :func:`combine` to what :func:`reconcile_files` returns.

    Raises:
        InvalidInput: as :func:`~cspcore.interop.parse_recon_rows` and
            :func:`~cspcore.interop.reconcile` do, the field naming the side and the row as numbered
            in that side's file (``billed.rows[812].Subtotal``); code ``io_failed`` for a file that
            cannot be opened (field ``expected`` or ``billed``).
        CurrencyMismatch: for a line in another currency than the partition's first expected line.
    """
    if not isinstance(part, ReconPart):
        raise InvalidInput("part", "expected a ReconPart", part, code=ErrorCode.WRONG_TYPE)
    if _columnar(part.engine, (part.expected, part.billed), keep=part.keep_matched):
        reader = columnar.Reader()
        try:
            tables = [
                columnar.read_side(path, reader, index=part.index, count=part.count, billed=side == "billed")
                for path, side in zip((part.expected, part.billed), _SIDES, strict=True)
            ]
            return _columnar_summary(
                *columnar.pair_parts(tables[0], tables[1], reader, None, 1)[0], reader, part.tolerance
            )
        except columnar.failures():
            pass  # the pure path reads the files, and names any problem
    origin = _Origin(part.expected, part.billed, part.index, part.count, same=True)
    return _reconcile(part, origin)


def _columnar_summary(
    paired: columnar.Paired, expected_rows: int, billed_rows: int, reader: columnar.Reader, tolerance: Decimal
) -> ReconciliationSummary:
    """One partition reconciled by the columnar fast path (see :mod:`cspcore.interop._recon_arrow`).

    ``paired`` is what the fast path paired of the partition's rows (:func:`columnar.pair`), the
    rows' counts beside it; the lines it left are reconciled by the pure path.
    """
    return _finished(_pairing(paired, expected_rows, billed_rows, reader, tolerance))


def _pairing(
    paired: columnar.Paired,
    expected_rows: int,
    billed_rows: int,
    reader: columnar.Reader,
    tolerance: Decimal,
    *,
    whole: ReconPart | None = None,
) -> PairedCut:
    """What the fast path paired of a partition (``paired``, the rows' counts) as a :class:`PairedCut`."""
    count, subtotal, total, left_expected, left_billed = paired
    return PairedCut(
        matched=count,
        matched_subtotal=subtotal,
        matched_total=total,
        expected_left=left_expected,
        billed_left=left_billed,
        expected_rows=expected_rows,
        billed_rows=billed_rows,
        currency=next(iter(reader.currencies)) if expected_rows or billed_rows else None,
        tolerance=tolerance,
        whole=whole,
    )


def _finished(paired: PairedCut) -> ReconciliationSummary:
    """The summary of a partition the fast path paired: the lines it left reconciled by the pure path."""
    count = paired.matched
    mine, theirs = _lines_left(paired.expected_left, paired.billed_left, paired.expected_rows - count)
    report = reconcile(mine, theirs, tolerance=paired.tolerance)
    currency = paired.currency
    rest = _summary(report, paired.expected_rows, currency, keep=False)
    if currency is None or rest.matched_subtotal is None or rest.matched_total is None:
        return rest
    return attrs.evolve(
        rest,
        billed_rows=rest.billed_rows + count,
        matched=rest.matched + count,
        matched_subtotal=Money(exact_sum((rest.matched_subtotal.amount, paired.matched_subtotal)), currency),
        matched_total=Money(exact_sum((rest.matched_total.amount, paired.matched_total)), currency),
    )


def _loaded_summary(
    expected: str, billed: str, reader: columnar.Reader, tolerance: Decimal
) -> ReconciliationSummary:
    """One partition's summary from its two columnar partition files (the columnar fast path)."""
    return _finished(_loaded_pairing(expected, billed, reader, tolerance))


def _loaded_pairing(
    expected: str, billed: str, reader: columnar.Reader, tolerance: Decimal, *, whole: ReconPart | None = None
) -> PairedCut:
    """What the fast path pairs of one partition's two columnar partition files."""
    tables = [columnar.load(expected), columnar.load(billed)]
    shares = columnar.pair_parts(tables[0], tables[1], reader, None, 1)
    return _pairing(*shares[0], reader, tolerance, whole=whole)


def _lines_left(
    expected: str, billed: str, rows: int
) -> tuple[tuple[ChargeLine, ...], tuple[ChargeLine, ...] | Iterator[ChargeLine]]:
    """The lines of the rows the columnar path left (CSV texts, ``rows`` expected rows), both sides.

    When both texts have one header (the files the same columns), they are read as one text by one
    reader, so that a billed line that repeats an expected line's cells (a line a cent off repeats
    its prices and tax) has them read once.
    """
    header, _, body = billed.partition("\n")
    if not expected.startswith(f"{header}\n"):
        return parse_recon_rows(expected), iter_recon_rows(billed)
    lines = parse_recon_rows(expected + body)
    return lines[:rows], lines[rows:]


class _Unvouched(Exception):
    """The columnar path cannot vouch for the files; the pure path takes over from partition ``done``."""

    def __init__(self, done: int) -> None:
        super().__init__(done)
        self.done = done


def _columnar_parts(
    paths: tuple[str, str], count: int, tolerance: Decimal, base: str | None
) -> Generator[ReconciliationSummary, None, None]:
    """The partitions' summaries by the columnar fast path; :class:`_Unvouched` where it cannot go on."""
    reader = columnar.Reader()
    if count == 1 or _whole(paths):
        yield from _columnar_whole(paths, count, tolerance, reader)
        return
    try:
        folder = tempfile.mkdtemp(prefix="cspcore-recon-", dir=base)
    except OSError:
        raise _Unvouched(0) from None
    done = 0
    try:
        try:
            cut = [
                columnar.split_side(path, reader, count=count, folder=folder, side=side)
                for path, side in zip(paths, _SIDES, strict=True)
            ]
        except columnar.failures():
            raise _Unvouched(0) from None
        for index in range(count):
            try:
                summary = _loaded_summary(cut[0][index], cut[1][index], reader, tolerance)
            except columnar.failures():
                raise _Unvouched(done) from None
            for path in (cut[0][index], cut[1][index]):
                Path(path).unlink()
            yield summary
            done += 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _whole(paths: tuple[str, str]) -> bool:
    """Whether both files are small enough for the columnar path to read whole."""
    try:
        return _largest(zip(paths, _SIDES, strict=True)) <= COLUMNAR_WHOLE_BYTES
    except InvalidInput:
        return False  # the pure path names the file it cannot open


def _columnar_whole(
    paths: tuple[str, str], count: int, tolerance: Decimal, reader: columnar.Reader
) -> Generator[ReconciliationSummary, None, None]:
    """The partitions' summaries of both files read whole, once, and paired in one pass (nothing written)."""
    try:
        tables = [
            columnar.read_side(path, reader, billed=side == "billed")
            for path, side in zip(paths, _SIDES, strict=True)
        ]
        parts = (
            None
            if count == 1
            else (columnar.partitions_of(tables[0], count), columnar.partitions_of(tables[1], count))
        )
        shares = columnar.pair_parts(tables[0], tables[1], reader, parts, count)
    except columnar.failures():
        raise _Unvouched(0) from None
    del tables, parts  # what is left to reconcile is in the shares
    for index, share in enumerate(shares):
        try:
            summary = _columnar_summary(*share, reader, tolerance)
        except columnar.failures():
            raise _Unvouched(index) from None
        yield summary


def _pure_parts(
    paths: tuple[str, str], count: int, tolerance: Decimal, *, keep: bool, base: str | None, start: int
) -> Generator[ReconciliationSummary, None, None]:
    """The summaries of partitions ``start`` onwards by the pure path (one partition in memory at a time)."""
    if count == 1:
        yield reconcile_part(
            ReconPart(
                expected=paths[0], billed=paths[1], tolerance=tolerance, keep_matched=keep, engine="pure"
            )
        )
        return
    try:
        folder = tempfile.mkdtemp(prefix="cspcore-recon-", dir=base)
    except OSError as error:
        raise InvalidInput(
            "workdir", f"no folder could be made: {type(error).__name__}", base, code=ErrorCode.IO_FAILED
        ) from None
    try:
        # each side in its own folder: two files may share a name (a/month.csv and b/month.csv)
        for side in _SIDES:
            (Path(folder) / side).mkdir()
        cut = [_split_side(path, side, count, folder) for side, path in zip(_SIDES, paths, strict=True)]
        for index in range(start, count):
            whole = ReconPart(
                expected=paths[0],
                billed=paths[1],
                index=index,
                count=count,
                tolerance=tolerance,
                keep_matched=keep,
            )
            summary = _csv_cut_summary(cut[0][index], cut[1][index], whole)
            for path in (cut[0][index], cut[1][index]):
                Path(path).unlink()  # the space of what is done is given back as it goes
            yield summary
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _split_side(path: str, side: str, count: int, folder: str) -> tuple[str, ...]:
    """One side's file cut into ``count`` CSV partition files in ``folder/side``; a refusal names the side."""
    try:
        return split_recon_file(path, count=count, folder=str(Path(folder) / side))
    except InvalidInput as error:
        raise on_side(error, side) from None


def _parts(
    paths: tuple[str, str], count: int, tolerance: Decimal, *, keep: bool, engine: str, base: str | None
) -> Generator[ReconciliationSummary, None, None]:
    """Every partition's summary in order, by the engine asked for; one currency checked across them."""
    done = 0
    if _columnar(engine, paths, keep=keep):
        try:
            for summary in _columnar_parts(paths, count, tolerance, base):
                yield summary
                done += 1
        except _Unvouched as stop:
            done = stop.done
        else:
            return
    parts = _pure_parts(paths, count, tolerance, keep=keep, base=base, start=done)
    currency: str | None = None
    for position, summary in enumerate(parts, start=done):
        if summary.currency is not None:
            if currency is not None and summary.currency != currency:
                side = "expected" if summary.expected_rows else "billed"
                row = _row_in_file(paths[_SIDES.index(side)], position, count, 1)
                raise CurrencyMismatch(f"{side}.rows[{row}].Currency", currency, summary.currency)
            currency = summary.currency
        yield summary


# --- cut once, reconciled a partition at a time elsewhere (the units of work of a Dask reconcile) ---


def uses_columnar(
    expected: str | os.PathLike[str],
    billed: str | os.PathLike[str],
    *,
    engine: str = "auto",
    keep_matched: bool = False,
) -> bool:
    """Whether :func:`reconcile_files` tries the columnar fast path on these files, with these arguments.

    ``engine="pure"`` or ``keep_matched`` never do; ``"arrow"`` always does (pyarrow required);
    ``"auto"`` does when pyarrow is installed and a file has :data:`AUTO_BYTES` or more. (The fast
    path still hands a file it cannot vouch for to the pure one.)

    Raises:
        InvalidInput: for an unknown ``engine`` or a bad path.
        MissingExtra: for ``engine="arrow"`` without pyarrow.
    """
    paths = (file_path(expected, "expected"), file_path(billed, "billed"))
    return _columnar(_engine(engine), paths, keep=_validate.flag(keep_matched, "keep_matched"))


def _side(value: object) -> str:
    return _validate.one_of(value, _SIDES, "side")


def _cut_paths(value: object) -> tuple[str, ...]:
    paths = tuple(_validate.iterable(value, "paths"))
    if not 1 <= len(paths) <= MAX_PARTITIONS:
        raise InvalidInput(
            "paths", f"must hold 1 to {MAX_PARTITIONS} paths", len(paths), code=ErrorCode.OUT_OF_RANGE
        )
    return tuple(file_path(path, f"paths[{index}]") for index, path in enumerate(paths))


def _learnt(value: object) -> columnar.Reader | None:
    if value is None or isinstance(value, columnar.Reader):
        return value
    raise InvalidInput("learnt", "expected what cut_file learnt, or None", value, code=ErrorCode.WRONG_TYPE)


@attrs.frozen(kw_only=True)
class CutFile:
    """One side's reconciliation file cut into partition files by :func:`cut_file`.

    ``paths`` are the partition files, partition ``i`` at position ``i``. ``learnt`` is set when they
    are columnar (Arrow) files: what the columnar reader read of the file's few-valued cells (dates,
    charge types, the currency), which the pairing of each partition needs; ``None`` for CSV
    partition files, as :func:`split_recon_file` writes them. It pickles small (a few hundred
    values), so a cut made by one worker can be handed to the others.

    >>> CutFile(paths=("a.part0000.csv", "a.part0001.csv")).learnt is None
    True
    """

    paths: tuple[str, ...] = attrs.field(converter=_cut_paths)
    learnt: columnar.Reader | None = attrs.field(default=None, converter=_learnt)


def cut_file(
    path: str | os.PathLike[str],
    *,
    side: str,
    count: int,
    folder: str | os.PathLike[str],
    arrow: bool = True,
) -> CutFile:
    r"""Cut one side's reconciliation file into ``count`` partition files in ``folder`` (one task's work).

    With ``arrow`` (the default), when pyarrow is installed here and the columnar reader vouches for
    the file, the partition files are columnar (Arrow) files, cut as :func:`reconcile_files` cuts
    large files itself; else they are CSV files, as :func:`split_recon_file` writes them. Either way
    partition ``i`` holds the rows whose subscription's :func:`partition_of` is ``i``, in file order.
    ``side`` is ``"expected"`` or ``"billed"`` (the billed file's prices are read by the pure path
    only where a line differs). Two cuts are paired into units of work by :func:`cut_parts`.

    Raises:
        InvalidInput: as :func:`split_recon_file` (field ``path`` for a file that cannot be read,
            ``folder`` for partition files that cannot be written); on a bad ``side`` or ``count``.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "m.csv").write_text("SubscriptionId,X\ns1,1\ns2,2\n", encoding="utf-8")
    >>> cut = cut_file(folder / "m.csv", side="expected", count=2, folder=folder)
    >>> len(cut.paths), cut.learnt is None  # not a whole recon file: cut as CSV
    (2, True)
    """
    where = file_path(path, "path")
    named = _side(side)
    total = partition_count(count, "count")
    target = file_path(folder, "folder")
    if _validate.flag(arrow, "arrow") and columnar.available():
        reader = columnar.Reader()
        try:
            paths = columnar.split_side(where, reader, count=total, folder=target, side=named)
        except columnar.failures():
            pass  # the CSV cut below reads the file, and names any problem
        else:
            return CutFile(paths=paths, learnt=reader)
    return CutFile(paths=split_recon_file(where, count=total, folder=target))


@attrs.frozen(kw_only=True)
class CutPart:
    """One partition of two cut files: the unit of work of a reconcile whose files were cut once.

    ``expected`` and ``billed`` are the partition's two files, ``learnt`` what the columnar reader
    read of both files (``None`` for CSV partition files), and ``whole`` the same partition of the
    files as named (index, count, tolerance, ``keep_matched``): a refusal names the row as numbered
    there, and a partition the columnar path cannot vouch for is read from there by the pure path.
    Made by :func:`cut_parts`; reconciled by :func:`reconcile_cut`.
    """

    expected: str = attrs.field(converter=_expected_path)
    billed: str = attrs.field(converter=_billed_path)
    learnt: columnar.Reader | None = attrs.field(converter=_learnt)
    whole: ReconPart = attrs.field(validator=_validate.attrs_instance_of(ReconPart))


def _count(value: object, field: str) -> int:
    return _validate.integer(value, field, minimum=0, maximum=_MAX_ROWS)


def _matched_subtotal(value: object) -> Decimal:
    return _validate.decimal(value, "matched_subtotal")


def _matched_total(value: object) -> Decimal:
    return _validate.decimal(value, "matched_total")


def _currency(value: object) -> str | None:
    return None if value is None else currency_code(value, "currency")


def _left_text(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(field, "expected CSV text", value, code=ErrorCode.WRONG_TYPE)
    return value


@attrs.frozen(kw_only=True)
class PairedCut:
    """One columnar partition as :func:`pair_cut` leaves it: paired, but not yet reconciled.

    ``matched`` expected lines were paired with billed lines that bill them as expected (their
    subtotals and totals summed in ``matched_subtotal`` and ``matched_total``); the rows left
    (``expected_left``, ``billed_left``) are CSV text with their header, for :func:`finish_cut` to
    read and reconcile. Both are a partition's share of ``expected_rows`` and ``billed_rows``.
    ``whole``, when set, is the same partition of the files as named: where the rows left do not
    read (a cell the pairing did not need to check), :func:`finish_cut` reconciles it by the pure
    path, so that the refusal names the row as numbered in its file.

    A Dask task sends this back rather than the summary: a few strings pickle as fast as a copy,
    where the lines that differ, as values, cost more to pickle and unpickle than to read again.

    >>> PairedCut(
    ...     matched=2,
    ...     matched_subtotal="30.00",
    ...     matched_total="36.30",
    ...     expected_left="",
    ...     billed_left="",
    ...     expected_rows=2,
    ...     billed_rows=2,
    ...     currency="EUR",
    ... ).matched_total
    Decimal('36.30')
    """

    matched: int = attrs.field(validator=_validate.attrs_validator(_count))
    matched_subtotal: Decimal = attrs.field(converter=_matched_subtotal)
    matched_total: Decimal = attrs.field(converter=_matched_total)
    expected_left: str = attrs.field(validator=_validate.attrs_validator(_left_text))
    billed_left: str = attrs.field(validator=_validate.attrs_validator(_left_text))
    expected_rows: int = attrs.field(validator=_validate.attrs_validator(_count))
    billed_rows: int = attrs.field(validator=_validate.attrs_validator(_count))
    currency: str | None = attrs.field(converter=_currency)
    tolerance: Decimal = attrs.field(default=Decimal(0), converter=_part_tolerance)
    whole: ReconPart | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.attrs_instance_of(ReconPart))
    )

    def __attrs_post_init__(self) -> None:
        if self.matched > min(self.expected_rows, self.billed_rows):
            raise InvalidInput(
                "matched",
                "more lines matched than either side has",
                self.matched,
                code=ErrorCode.OUT_OF_RANGE,
            )


def cut_parts(
    expected: CutFile,
    billed: CutFile,
    *,
    origin: tuple[str | os.PathLike[str], str | os.PathLike[str]],
    tolerance: Decimal | int | str = 0,
    keep_matched: bool = False,
) -> tuple[CutPart, ...] | None:
    """Each partition of two cut files (``origin`` the two files as named) as a :class:`CutPart`.

    ``None`` when the two cannot be paired as cut: one side columnar and the other CSV, two
    columnar cuts of files in two currencies, or columnar cuts with ``keep_matched`` (the columnar
    path keeps no matched line). Then cut the columnar side(s) again with ``arrow=False`` (the pure
    path names any problem).

    Raises:
        InvalidInput: for cuts of different partition counts (code ``inconsistent``), or a bad
            ``tolerance``, ``keep_matched`` or ``origin``.
    """
    sides = [
        _validate.instance(cut, CutFile, side) for cut, side in zip((expected, billed), _SIDES, strict=True)
    ]
    count = len(sides[0].paths)
    if len(sides[1].paths) != count:
        raise InvalidInput(
            "billed.paths", f"must hold {count} paths", len(sides[1].paths), code=ErrorCode.INCONSISTENT
        )
    files = tuple(_validate.iterable(origin, "origin"))
    if len(files) != len(_SIDES):
        raise InvalidInput("origin", "must name two files", len(files), code=ErrorCode.OUT_OF_RANGE)
    limit = read_tolerance(tolerance, "tolerance")
    keep = _validate.flag(keep_matched, "keep_matched")
    learnt: columnar.Reader | None = None
    if sides[0].learnt is not None or sides[1].learnt is not None:
        if sides[0].learnt is None or sides[1].learnt is None:
            return None
        try:
            learnt = columnar.joined(sides[0].learnt, sides[1].learnt)
        except columnar.Unvouched:
            return None
    if keep and learnt is not None:  # every matched line kept: the pure path's, from CSV cuts
        return None
    return tuple(
        CutPart(
            expected=sides[0].paths[index],
            billed=sides[1].paths[index],
            learnt=learnt,
            whole=ReconPart(
                expected=files[0],
                billed=files[1],
                index=index,
                count=count,
                tolerance=limit,
                keep_matched=keep,
                engine="pure",
            ),
        )
        for index in range(count)
    )


def reconcile_cut(part: CutPart) -> ReconciliationSummary:
    """Reconcile one partition of two cut files: what a Dask task runs after :func:`cut_file`.

    The summary is the one :func:`reconcile_part` gives on ``part.whole`` (the same partition of the
    files as named), and so the one :func:`reconcile_files` gives for that partition; refusals name
    the row as numbered in its file. A columnar partition the fast path cannot vouch for is read by
    the pure path from the whole files. The same as ``finish_cut(pair_cut(part))``.

    Raises:
        InvalidInput, CurrencyMismatch: as :func:`reconcile_part` on ``part.whole``.
    """
    return finish_cut(pair_cut(part))


def pair_cut(part: CutPart) -> PairedCut | ReconciliationSummary:
    """The first half of :func:`reconcile_cut`: a columnar partition paired, else reconciled.

    For a columnar partition the fast path vouches for, the :class:`PairedCut` (the lines it paired
    counted and summed, the rest as text), which :func:`finish_cut` reconciles; for any other, the
    partition's summary. Run it where the partition files are, and :func:`finish_cut` where the
    summary is wanted: the Dask reconcile pairs on the workers and finishes on the client.

    Raises:
        InvalidInput, CurrencyMismatch: as :func:`reconcile_part` on ``part.whole``.
    """
    checked = _validate.instance(part, CutPart, "part")
    whole = checked.whole
    if checked.learnt is not None:
        if not whole.keep_matched:  # (the columnar path keeps no matched line)
            try:
                return _loaded_pairing(
                    checked.expected, checked.billed, checked.learnt, whole.tolerance, whole=whole
                )
            except columnar.failures():
                pass
        return reconcile_part(whole)  # the pure path, on this partition of the files as named
    return _csv_cut_summary(checked.expected, checked.billed, whole)


def finish_cut(paired: PairedCut | ReconciliationSummary) -> ReconciliationSummary:
    """The second half of :func:`reconcile_cut`: the partition's summary (a summary is given back as is).

    Where the rows left do not read, or a line is in another currency, the partition is reconciled
    by the pure path from ``paired.whole`` (so the refusal names the row as numbered in its file).

    Raises:
        InvalidInput: ``paired`` neither a :class:`PairedCut` nor a summary (code ``wrong_type``);
            as :func:`reconcile_part` on ``paired.whole``, or, when it is not set, for rows left
            that do not read.
        CurrencyMismatch: for a line left in another currency (as :func:`reconcile_part`).
    """
    if isinstance(paired, ReconciliationSummary):
        return paired
    checked = _validate.instance(paired, PairedCut, "paired")
    try:
        return _finished(checked)
    except InvalidInput:
        if checked.whole is None:
            raise
    return reconcile_part(checked.whole)  # the pure path names the row as numbered in its file


def _csv_cut_summary(expected: str, billed: str, whole: ReconPart) -> ReconciliationSummary:
    """Partition ``whole.index`` from its two CSV partition files, rows named as in the whole files."""
    part = ReconPart(
        expected=expected, billed=billed, tolerance=whole.tolerance, keep_matched=whole.keep_matched
    )
    return _reconcile(part, _Origin(whole.expected, whole.billed, whole.index, whole.count, same=False))


def partitions_for(files: Iterable[tuple[str | None, str]], partitions: object) -> int:
    """How many partitions a pass over ``files`` (``(path or None, field)`` pairs) cuts them into.

    ``partitions`` when given (1 to :data:`~cspcore.interop.recon_split.MAX_PARTITIONS`), else one
    per :data:`PARTITION_BYTES` of the largest file, at least one: the one rule every partitioned
    pass (:func:`reconcile_files`, the month-end close) sizes its partitions by. A file that cannot
    be read is refused on its field (code ``io_failed``).
    """
    if partitions is not None:
        return partition_count(partitions, "partitions")
    return min(MAX_PARTITIONS, max(1, math.ceil(_largest(files) / PARTITION_BYTES)))


def _partitions(paths: tuple[str, str], partitions: object) -> int:
    return partitions_for(zip(paths, _SIDES, strict=True), partitions)


def _largest(files: Iterable[tuple[str | None, str]]) -> int:
    """The size of the largest file, in bytes (a None path is no file)."""
    size = 0
    for path, side in files:
        if path is None:
            continue
        try:
            size = max(size, Path(path).stat().st_size)
        except OSError as error:
            raise InvalidInput(
                side, f"could not be opened: {type(error).__name__}", path, code=ErrorCode.IO_FAILED
            ) from None
    return size


def reconcile_files(
    *,
    expected: str | os.PathLike[str],
    billed: str | os.PathLike[str],
    tolerance: Decimal | int | str = 0,
    partitions: int | None = None,
    workdir: str | os.PathLike[str] | None = None,
    keep_matched: bool = False,
    engine: str = "auto",
) -> ReconciliationSummary:
    r"""Reconcile your reconciliation file against Microsoft's, whatever their size, in bounded memory.

    Both files are cut by a hash of ``SubscriptionId`` (:func:`partition_of`) into ``partitions``
    files each, written in a folder made inside ``workdir`` (the system's temporary folder by
    default) and removed at the end; then each pair of partition files is reconciled by
    :func:`reconcile_part`. Lines that could pair share a subscription, so they share a partition,
    in their files' order: the lines and counts are those of :func:`~cspcore.interop.reconcile` on
    the whole files (``expected`` parsed, ``billed`` streamed through
    :func:`~cspcore.interop.iter_recon_rows`). Peak memory is one partition's: by default,
    partitions of about :data:`PARTITION_BYTES` (16 MiB) of text.

    Args:
        expected: The path of your lines, as a reconciliation file (see ``to_recon_rows``).
        billed: The path of Microsoft's reconciliation file.
        tolerance: As :func:`~cspcore.interop.reconcile`'s.
        partitions: How many partitions (1 to :data:`MAX_PARTITIONS`); by default from the size
            of the larger file. With 1, nothing is written: the files are reconciled as they are.
            The columnar path writes nothing either for files of :data:`COLUMNAR_WHOLE_BYTES`
            (32 MiB) or less: it reads them once, whole, and takes each partition's rows from them.
        workdir: Where the partition files go (a folder made in it, and removed).
        keep_matched: Keep the whole :class:`~cspcore.interop.ReconciliationReport` in
            :attr:`ReconciliationSummary.report` (every matched line: for files that fit in memory).
        engine: How the files are read and paired, one of :data:`ENGINES`: ``"auto"`` (the
            default) takes the columnar fast path when pyarrow (the ``columnar`` extra) is
            installed and a file has :data:`AUTO_BYTES` (1 MiB) or more, ``"pure"`` never does,
            ``"arrow"`` requires it. The fast path hands any file
            it cannot vouch for to the pure one, and is never taken with ``keep_matched``: the
            summary and the errors are the same whichever engine runs.

    Returns:
        A :class:`ReconciliationSummary`: counts and totals of the matched lines, and the missing,
        unexpected and mismatched lines in full, partition by partition.

    Raises:
        InvalidInput: as :func:`reconcile_part`, the row numbered as in its file
            (``billed.rows[812].Subtotal``); for an unknown ``engine`` (code ``unknown_value``).
        MissingExtra: for ``engine="arrow"`` without pyarrow (``pip install 'cspcore[columnar]'``).
        CurrencyMismatch: for lines in two currencies, naming a row of the second.

    >>> import pathlib, tempfile
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> header = (
    ...     "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,"
    ...     "BillableQuantity,Subtotal,Currency,ChargeStartDate,ChargeEndDate\n"
    ... )
    >>> row = "2022-03-05,new,M365 BS,{},12,12.00,10,{},EUR,2022-03-05,2022-04-04\n"
    >>> _ = (folder / "mine.csv").write_text(
    ...     header + row.format("s1", 120) + row.format("s2", 120), encoding="utf-8"
    ... )
    >>> _ = (folder / "billed.csv").write_text(
    ...     header + row.format("s1", 120) + row.format("s2", "120.01"), encoding="utf-8"
    ... )
    >>> summary = reconcile_files(
    ...     expected=folder / "mine.csv", billed=folder / "billed.csv", partitions=2, workdir=folder
    ... )
    >>> summary.matched, summary.matched_total, [m.field for m in summary.mismatched]
    (1, Money('120', 'EUR'), ['subtotal', 'total'])
    """
    return combine(
        tuple(
            iter_reconcile_files(
                expected=expected,
                billed=billed,
                tolerance=tolerance,
                partitions=partitions,
                workdir=workdir,
                keep_matched=keep_matched,
                engine=engine,
            )
        )
    )


def iter_reconcile_files(
    *,
    expected: str | os.PathLike[str],
    billed: str | os.PathLike[str],
    tolerance: Decimal | int | str = 0,
    partitions: int | None = None,
    workdir: str | os.PathLike[str] | None = None,
    keep_matched: bool = False,
    engine: str = "auto",
) -> Generator[ReconciliationSummary, None, None]:
    r""":func:`reconcile_files` a partition at a time: each partition's summary as soon as it is made.

    The arguments are :func:`reconcile_files`' and are checked at once; the files are read as the
    summaries are taken. :func:`~cspcore.interop.recon_summary.combine` of the summaries is
    :func:`reconcile_files`' result. A caller that writes each partition's differences away and keeps
    only :func:`~cspcore.interop.recon_summary.tally`'s counts holds one partition at a time, however
    many lines differ in the month (ten million rows with a few per cent of them differing would
    otherwise keep hundreds of thousands of lines). Leaving the loop early removes the partition
    files when the iterator is closed (or collected).

    Raises:
        InvalidInput, MissingExtra, CurrencyMismatch: as :func:`reconcile_files`, when the partition
            that holds the problem is reached (argument errors at once).

    >>> import pathlib, tempfile
    >>> from cspcore.interop.recon_summary import tally
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> header = (
    ...     "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,"
    ...     "BillableQuantity,Subtotal,Currency,ChargeStartDate,ChargeEndDate\n"
    ... )
    >>> row = "2022-03-05,new,M365 BS,{},12,12.00,10,{},EUR,2022-03-05,2022-04-04\n"
    >>> _ = (folder / "mine.csv").write_text(
    ...     header + row.format("s1", 120) + row.format("s2", 120), encoding="utf-8"
    ... )
    >>> _ = (folder / "billed.csv").write_text(header + row.format("s2", "120.01"), encoding="utf-8")
    >>> written = []
    >>> def write_away(parts):
    ...     for part in parts:
    ...         written.extend(line.subscription_id for line in part.missing)
    ...         yield part
    >>> counted = tally(
    ...     write_away(iter_reconcile_files(expected=folder / "mine.csv", billed=folder / "billed.csv"))
    ... )
    >>> counted.missing, counted.mismatched, written
    (1, 2, ['s1'])
    """
    paths = (file_path(expected, "expected"), file_path(billed, "billed"))
    count = _partitions(paths, partitions)
    limit = read_tolerance(tolerance, "tolerance")
    keep = _validate.flag(keep_matched, "keep_matched")
    how = _engine(engine)
    base = None if workdir is None else file_path(workdir, "workdir")
    if how == "arrow" and not keep:
        require("pyarrow", "columnar")  # at once, as every other argument
    return _parts(paths, count, limit, keep=keep, engine=how, base=base)
