r"""The columnar fast path of :func:`~cspcore.interop.recon_files.reconcile_files` (internal).

Needs pyarrow (the ``columnar`` extra). Both files are read by pyarrow's CSV reader, every column as
text (the texts that repeat from row to row dictionary-encoded, so that what is done to them is done
once per distinct text), and checked column by column; a partition's lines are then paired in Arrow
where the pairing is certain, and the rest goes through the pure reader and
:func:`~cspcore.interop.reconcile`.

**What is vouched for.** The fast path takes a file only when it can say that the pure reader reads
every cell of it without a complaint, and to the value the pairing compares. Else it raises
:class:`Unvouched`, and the caller reconciles the files by the pure path, which gives its report or
names the row and column of the problem. A file is vouched for when:

* its header line holds every column of the fast reader (:data:`FAST_COLUMNS`, the exchange columns
  optional) spelled exactly so, no two names alike but for case, and no quote character;
* every line that holds a quote character is well-formed CSV on one line (a cell plain or wholly
  quoted, ``"[""AddOn"",""Trial""]"``): pyarrow and the csv module read those alike, and pyarrow
  reads every line into the header's count of cells;
* the text cells (product, subscription, customer, reference, term, frequency) are blank where they
  may be, else start and end with a letter, digit, mark, symbol or punctuation (nothing that
  ``str.strip`` would strip) and hold at most 2,000 characters;
* the amounts are plain decimals (``-?d{1,15}(.d{1,12})?``), the quantity plain digits (at most 12),
  ``ChargeEndDate`` not before ``ChargeStartDate`` (in the billed file, the prices, subtotal and tax
  are not checked: a billed line is matched here only when it repeats an expected line's cells as
  written, and every other line is read by the pure reader, which names any problem; a line it
  refuses sends the partition to the pure path);
* each distinct text of the few-valued columns (currency, charge type, the dates, qualifiers, and
  the currency with the exchange cells) is read by the pure reader in the first row that holds it
  (so the one rule of each cell decides), and both files hold one currency.

**What is paired here.** Lines pair on a key of subscription, charge start and end, quantity and
sign (the pure pairing's). Where each expected line of a key has its billed namesake (the billed
line of the same rank within the key, in file order) written the same in every compared cell (so
every field the pure pairing compares is equal, and the reference id as it requires), each of the
key's first billed lines finds an exact partner in the pure pairing, whatever its order of
preference: the key's lines are counted as matched here, their amounts summed exactly, and never
built as objects. Every other line (a key with a difference, a missing or unexpected line, a billed
line past the key's expected ones) is written back as CSV, in file order, and reconciled by the pure
path; the lines left out only ever touched their own key, so the pure path's report on the rest is
its report on the whole partition.
"""

from __future__ import annotations

import array
import datetime as dt
import itertools
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from cspcore._decimal import EXACT, exact_sum
from cspcore._extras import require
from cspcore.errors import InvalidInput
from cspcore.interop.recon_columns import EXCHANGE_COLUMNS, RECON_COLUMNS, column_key
from cspcore.interop.recon_csv import parse_recon_rows
from cspcore.interop.recon_split import partition_of

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

__all__ = [
    "FAST_COLUMNS",
    "Paired",
    "Unvouched",
    "available",
    "check_quotes",
    "failures",
    "load",
    "pair",
    "pair_parts",
    "partitions_of",
    "read_side",
    "split_side",
]

#: The columns a file needs for the fast path (the exchange columns are read when present).
FAST_COLUMNS: Final = tuple(column for column in RECON_COLUMNS if column not in EXCHANGE_COLUMNS)

#: Text cells that must not be blank, and those that may be.
_TEXTS: Final = ("ProductName", "SubscriptionId")
_OPTIONAL_TEXTS: Final = ("CustomerId", "TermAndBillingCycle", "BillingFrequency", "ReferenceId")
_AMOUNTS: Final = ("UnitPrice", "EffectiveUnitPrice", "Subtotal")
_OPTIONAL_AMOUNTS: Final = ("TaxTotal", "Total")
#: The amounts compared as written between an expected line and the billed line it pairs with.
_COMPARED_AMOUNTS: Final = ("UnitPrice", "EffectiveUnitPrice", "Subtotal", "TaxTotal")
#: Columns of few distinct texts: each distinct text is read once, by the pure reader, in a real row.
_FEW: Final = (
    "ChargeType",
    "OrderDate",
    "ChargeStartDate",
    "ChargeEndDate",
    "SubscriptionStartDate",
    "SubscriptionEndDate",
    "ProductQualifiers",
)
#: What a line's field is for each few-valued column (the reader's value of that cell).
_FIELDS: Final = {
    "ChargeType": "charge_type",
    "OrderDate": "order_date",
    "ChargeStartDate": "charge_start",
    "ChargeEndDate": "charge_end",
    "SubscriptionStartDate": "subscription_start",
    "SubscriptionEndDate": "subscription_end",
    "ProductQualifiers": "qualifiers",
    "Currency": "currency",
}
#: The cells compared as written between an expected line and its billed partner (beside the key).
_SAME_CELLS: Final = (
    "Subtotal",
    "TaxTotal",
    "UnitPrice",
    "EffectiveUnitPrice",
    "Currency",
    "ChargeType",
    "OrderDate",
    "ProductName",
    "ProductQualifiers",
    "CustomerId",
    "SubscriptionStartDate",
    "SubscriptionEndDate",
    "TermAndBillingCycle",
    "BillingFrequency",
)

_SAFE: Final = r"[\p{L}\p{N}\p{M}\p{S}\p{P}]"
#: A text cell as the reader keeps it: nothing to strip at either end, no line break.
_TEXT: Final = rf"^{_SAFE}(.*{_SAFE})?$"
#: The same, or blank.
_TEXT_BLANK: Final = rf"^({_SAFE}(.*{_SAFE})?)?$"
#: An amount cell (plain decimal).
_AMOUNT: Final = r"-?[0-9]{1,15}(?:\.[0-9]{1,12})?"
#: What joins a row's amount cells for one match of them all (no amount holds it).
_JOIN: Final = "\x1f"
#: The most digits of a quantity cell.
_QUANTITY_DIGITS: Final = 12
_NEGATIVE: Final = r"^-[0.]*[1-9]"
_LONGEST: Final = 2000
#: Dictionary columns whose texts are nearly as many as the rows: written as plain text in the
#: partition files (each partition's slice of a batch would carry the batch's whole dictionary).
_MANY: Final = ("SubscriptionId", "CustomerId")
#: Columns dictionary-encoded (texts that repeat from row to row): checks, lookups and
#: comparisons then run once per distinct text, not once per row.
_CODED: Final = (
    *_FEW,
    "Currency",
    *EXCHANGE_COLUMNS,
    "ProductName",
    "SubscriptionId",
    "CustomerId",
    "TermAndBillingCycle",
    "BillingFrequency",
)
#: More days than a date32 of years 1 to 9999 counts from 1970 either way (for packing two dates).
_DAYS: Final = 4_000_000
#: Bytes of CSV text per batch read.
_BLOCK: Final = 2**20
#: Rows checked at once (about 8 MiB of a recon file's text).
_ROWS: Final = 32_768
#: Rows held while a file is cut into partition files (:func:`split_side`).
_CUT_ROWS: Final = 4 * _ROWS


class Unvouched(Exception):
    """The fast path cannot vouch for a file: the pure path reads it (and names any problem)."""


def available() -> bool:
    """Whether pyarrow can be imported."""
    try:
        require("pyarrow", "columnar")
    except ImportError:
        return False
    return True


def failures() -> tuple[type[Exception], ...]:
    """What sends a reconcile from the fast path to the pure one: :class:`Unvouched`, pyarrow's errors.

    (Any of pyarrow's on a file it has vouched for would be a fault of this module; the pure path
    still gives the right answer.)
    """
    pa = require("pyarrow", "columnar")
    return (Unvouched, pa.ArrowException, InvalidInput, OSError)


def _modules() -> tuple[Any, Any, Any, Any]:
    """pyarrow, pyarrow.compute, pyarrow.csv and pyarrow.ipc."""
    return (
        require("pyarrow", "columnar"),
        require("pyarrow.compute", "columnar"),
        require("pyarrow.csv", "columnar"),
        require("pyarrow.ipc", "columnar"),
    )


# Arrow values are built here from their bytes, never by ``pa.array`` or ``pa.scalar`` (nor by
# handing a compute function a Python value, which it converts by ``pa.scalar``): those ask whether
# the value is a pandas object, which imports pandas when it is installed (about 40 MiB and a fifth
# of a second, for nothing).


def _ints(values: Iterable[int], *, wide: bool = True) -> Any:
    """An Arrow array of integers: 64-bit, or 32-bit unless ``wide``."""
    pa, pc, _, _ = _modules()
    data = array.array("q", values)  # (64-bit on every platform)
    numbers = pa.Array.from_buffers(pa.int64(), len(data), [None, pa.py_buffer(data)])
    return numbers if wide else pc.cast(numbers, pa.int32())


def _int(value: int, *, wide: bool = True) -> Any:
    """An Arrow integer scalar (64-bit, or 32-bit unless ``wide``)."""
    return _ints((value,), wide=wide)[0]


def _texts(values: Iterable[str]) -> Any:
    """An Arrow array of texts."""
    pa, pc, _, _ = _modules()
    encoded = [text.encode("utf-8") for text in values]
    offsets = array.array("q", itertools.accumulate(map(len, encoded), initial=0))
    data = pa.py_buffer(b"".join(encoded))
    large = pa.Array.from_buffers(pa.large_string(), len(encoded), [None, pa.py_buffer(offsets), data])
    return pc.cast(large, pa.string())


def _text(value: str) -> Any:
    """An Arrow text scalar."""
    return _texts((value,))[0]


def _null() -> Any:
    """A null 64-bit integer scalar."""
    pa, _, _, _ = _modules()
    return pa.Array.from_buffers(pa.int64(), 1, [pa.py_buffer(b"\x00"), pa.py_buffer(bytes(8))], 1)[0]


def _trues(count: int) -> Any:
    """An Arrow array of ``count`` true values."""
    pa, _, _, _ = _modules()
    return pa.repeat(pa.Array.from_buffers(pa.bool_(), 1, [None, pa.py_buffer(b"\x01")])[0], count)


class Reader:
    """What the pure reader said of the few-valued cells seen so far, shared by both files of a reconcile.

    ``values[column][text]`` is the reader's value of a cell (a date, a charge type, ...);
    ``exchanges`` the exchange cells vouched for, ``currencies`` the currencies met.
    """

    def __init__(self) -> None:
        self.values: dict[str, dict[str, Any]] = {column: {} for column in (*_FEW, "Currency")}
        self.exchanges: set[str] = set()
        self.currencies: set[str] = set()


def joined(first: Reader, second: Reader) -> Reader:
    """What two readers learnt (two files cut apart, as two Dask tasks do), as one reader.

    Raises :class:`Unvouched` when the two hold different currencies: the pure path names the row.
    """
    both = Reader()
    for name, known in both.values.items():
        known.update(first.values[name])
        known.update(second.values[name])
    both.exchanges = first.exchanges | second.exchanges
    both.currencies = first.currencies | second.currencies
    if len(both.currencies) > 1:
        raise Unvouched
    return both


def _header(path: str) -> tuple[list[str], dict[str, int]]:
    """The header's names and the positions of the columns read; :class:`Unvouched` if not plain."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:  # noqa: PTH123 - a plain read
            line = handle.readline()
    except (OSError, UnicodeDecodeError):
        raise Unvouched from None
    if '"' in line or not line.strip():
        raise Unvouched
    names = line.rstrip("\r\n").split(",")
    folded = [name.casefold() for name in names]
    if len(set(folded)) != len(folded):
        raise Unvouched
    index = {name: position for position, name in enumerate(names) if name in RECON_COLUMNS}
    if not all(column in index for column in FAST_COLUMNS):
        raise Unvouched
    if any(  # (a name the pure reader takes for a column, not written so)
        column_key(name) == column_key(column) and name != column
        for name in names
        for column in RECON_COLUMNS
    ):
        raise Unvouched
    return names, index


def _options(
    names: list[str], index: dict[str, int], block: int, *, ascii_only: bool, lean: bool = False
) -> dict[str, Any]:
    """The reader's options; ``ascii_only`` for a file of ASCII bytes alone (valid UTF-8, not checked).

    Every cell is read as text, and the texts that repeat are encoded afterwards (:func:`_unified`:
    faster than pyarrow's reader encoding them block by block); ``lean`` has the reader encode them
    (a batch then never holds them as plain text: less memory, for files read a batch at a time).
    """
    pa, _, pv, _ = _modules()
    positional = [f"c{position}" for position in range(len(names))]
    read = {f"c{position}": column for column, position in index.items()}
    return {
        "read_options": pv.ReadOptions(
            skip_rows=1, column_names=positional, block_size=block, use_threads=False
        ),
        "parse_options": pv.ParseOptions(ignore_empty_lines=True),
        "convert_options": pv.ConvertOptions(
            include_columns=list(read),
            column_types={
                position: pa.dictionary(pa.int32(), pa.string()) if lean and column in _CODED else pa.string()
                for position, column in read.items()
            },
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
            check_utf8=not ascii_only,
        ),
        "names": read,
    }


def _all(mask: Any) -> bool:
    _, pc, _, _ = _modules()
    return bool(pc.all(mask).as_py() is not False)


def _coded(column: Any) -> tuple[Any, Any]:
    """The distinct texts of a dictionary column whose chunks share one dictionary, and each row's code.

    Codes index the texts; a table read here always has its dictionaries unified (:func:`_unified`).
    """
    pa, _, _, _ = _modules()
    if column.num_chunks == 0:
        return _texts(()), pa.chunked_array([], pa.int32())
    return column.chunk(0).dictionary, pa.chunked_array(
        [chunk.indices for chunk in column.chunks], pa.int32()
    )


def _distinct(column: Any) -> Any:
    """The texts a column holds (for a dictionary column, its dictionary: at least those)."""
    _, pc, _, _ = _modules()
    if _is_coded(column):
        return _coded(column)[0]
    return pc.unique(column)


def _is_coded(column: Any) -> bool:
    pa, _, _, _ = _modules()
    return bool(pa.types.is_dictionary(column.type))


def _per_row(column: Any, values: Any) -> Any:
    """``values[i]`` for each row of a dictionary column holding its ``i``-th distinct text."""
    _, pc, _, _ = _modules()
    return pc.take(values, _coded(column)[1])


def _unified(table: Any) -> Any:
    """A table whose dictionary columns share one dictionary across chunks (texts encoded if plain)."""
    for name in table.column_names:
        if name in _CODED and not _is_coded(table[name]):
            position = table.column_names.index(name)
            table = table.set_column(position, name, _encoded(table[name]))
    return table.unify_dictionaries()


def _encoded(column: Any) -> Any:
    """A text column dictionary-encoded, in one chunk.

    A column of one text on every row (the currency, blank exchange cells, a billing frequency: as
    in most files) is found by one comparison of each cell with the first, which costs a fraction
    of the hash pass of the encoding; its codes are all zero.
    """
    pa, pc, _, _ = _modules()
    cells = column.combine_chunks()
    count = len(cells)
    if count and cells[count - 1] == cells[0] and _all(pc.equal(cells, cells[0])):
        zeros = pa.Array.from_buffers(pa.int32(), count, [None, pa.py_buffer(bytes(4 * count))])
        return pa.DictionaryArray.from_arrays(zeros, cells.slice(0, 1))
    return pc.dictionary_encode(cells)


def _texts_ok(column: Any, *, blank: bool) -> bool:
    """Whether every cell is a text the reader keeps as written (or blank, when ``blank``)."""
    _, pc, _, _ = _modules()
    column = _distinct(column) if _is_coded(column) else column
    longest = pc.max(pc.binary_length(column)).as_py() or 0
    # no cell has more characters than bytes: count characters only when a cell has many bytes
    if longest > _LONGEST and not _all(pc.less_equal(pc.utf8_length(column), _int(_LONGEST, wide=False))):
        return False
    # printable ASCII with no blank at either end (``[!-~]([ -~]*[!-~])?``), by byte tests (fast);
    # the other cells, if any, by the Unicode pattern
    good = pc.and_(
        pc.ascii_is_printable(column),
        pc.invert(pc.or_(pc.starts_with(column, " "), pc.ends_with(column, " "))),
    )
    if not blank:  # (a blank cell is printable ASCII)
        good = pc.and_(good, pc.greater(pc.binary_length(column), _int(0, wide=False)))
    if _all(good):
        return True
    rest = pc.filter(column, pc.invert(good))
    return _all(pc.match_substring_regex(rest, _TEXT_BLANK if blank else _TEXT))


def _check_cells(table: Any, *, billed: bool) -> None:
    """The row-by-row checks of the module's docstring, on a table of one file's text cells.

    The billed file's compared amounts (:data:`_COMPARED_AMOUNTS`) are not checked: a billed line
    pairs here only with an expected line whose cells it repeats as written, and the pure reader
    reads every other line (and names any problem).
    """
    _, pc, _, _ = _modules()
    texts = [(name, False) for name in _TEXTS] + [(name, True) for name in _OPTIONAL_TEXTS]
    if not all(_texts_ok(table[name], blank=blank) for name, blank in texts):
        raise Unvouched
    # the amounts of a row joined, and matched at once (one match a row costs less than one a cell):
    # an amount holds no joining character, so a cell that holds one leaves the row unmatched
    amounts = [name for name in (*_AMOUNTS, *_OPTIONAL_AMOUNTS) if not (billed and name in _COMPARED_AMOUNTS)]
    cells = [table[name] for name in amounts]
    joined = cells[0] if len(cells) == 1 else pc.binary_join_element_wise(*cells, _text(_JOIN))
    pattern = _JOIN.join(f"(?:{_AMOUNT})?" if name in _OPTIONAL_AMOUNTS else _AMOUNT for name in amounts)
    if not _all(pc.match_substring_regex(joined, f"^{pattern}$")):
        raise Unvouched
    quantity = _quantity_text(table)
    # ASCII digits only, one to twelve of them (``ascii_is_decimal`` is false for a blank cell)
    longest = pc.max(pc.binary_length(quantity)).as_py() or 0
    if not _all(pc.ascii_is_decimal(quantity)) or longest > _QUANTITY_DIGITS:
        raise Unvouched


def _quantity_text(table: Any) -> Any:
    _, pc, _, _ = _modules()
    billable = table["BillableQuantity"]
    blank = pc.equal(pc.binary_length(billable), _int(0, wide=False))
    return pc.if_else(blank, table["Quantity"], billable) if pc.any(blank).as_py() else billable


def _exchange_key(table: Any) -> Any:
    """The currency and exchange cells of each row, joined (the pure reader reads them together).

    A text when every row holds the same cells (as in most files): the key of every row.
    """
    pa, pc, _, _ = _modules()
    names = [name for name in ("Currency", *EXCHANGE_COLUMNS) if name in table.column_names]
    if table.num_rows and all(_is_coded(table[name]) and len(_distinct(table[name])) == 1 for name in names):
        return "\x1f".join(_distinct(table[name])[0].as_py() for name in names)
    columns = [
        pc.cast(table[name], pa.string())
        for name in ("Currency", *EXCHANGE_COLUMNS)
        if name in table.column_names
    ]
    return pc.binary_join_element_wise(*columns, _text("\x1f"))


def _firsts(texts: list[str], column: Any) -> list[int]:
    """The first row of a column holding each of ``texts`` (texts the column holds)."""
    _, pc, _, _ = _modules()
    if not _is_coded(column):
        return list(pc.index_in(_texts(texts), value_set=column).to_pylist())
    values, codes = _coded(column)
    wanted = pc.index_in(_texts(texts), value_set=values)
    return list(pc.index_in(wanted, value_set=codes).to_pylist())


def _learn(table: Any, reader: Reader) -> None:
    """Read each few-valued text not seen before by the pure reader, in the first row that holds it."""
    _, pc, _, _ = _modules()
    wanted: dict[int, None] = {}
    news: list[tuple[str, list[str], Any]] = []
    for name in (*_FEW, "Currency"):
        known = reader.values[name]
        distinct = [text for text in _distinct(table[name]).to_pylist() if text not in known]
        if distinct:
            firsts = _firsts(distinct, table[name])
            news.append((name, distinct, firsts))
            wanted.update(dict.fromkeys(firsts))
    exchanges = _exchange_key(table)
    if isinstance(exchanges, str):  # the same cells on every row: the first row reads them
        distinct = [] if exchanges in reader.exchanges else [exchanges]
    else:
        distinct = [text for text in pc.unique(exchanges).to_pylist() if text not in reader.exchanges]
    if distinct:
        firsts = [0] if isinstance(exchanges, str) else _firsts(distinct, exchanges)
        wanted.update(dict.fromkeys(firsts))
        reader.exchanges.update(distinct)
    if not wanted:
        return
    rows = sorted(wanted)
    try:
        lines = parse_recon_rows(_csv_text(table.take(_ints(rows))))
    except InvalidInput:
        raise Unvouched from None
    line_of = dict(zip(rows, lines, strict=True))
    for name, distinct, firsts in news:
        field = _FIELDS[name]
        for text, row in zip(distinct, firsts, strict=True):
            reader.values[name][text] = getattr(line_of[row], field)
    reader.currencies.update(line.currency for line in lines)
    if len(reader.currencies) > 1:
        raise Unvouched


def _csv_text(table: Any) -> str:
    """The rows of a table of text cells as CSV text with its header (the csv module reads them back).

    Written by pyarrow's CSV writer: a cell with a quote, a comma or a line break is quoted, a quote
    inside written twice, as the csv module reads it.
    """
    pa, _, pv, _ = _modules()
    sink = pa.BufferOutputStream()
    pv.write_csv(_plain(table), sink, write_options=pv.WriteOptions(quoting_style="needed"))
    return str(sink.getvalue().to_pybytes().decode("utf-8"))


def _vouched(table: Any, reader: Reader, *, billed: bool) -> Any:
    """A batch's table (columns named as the file's), its cells checked."""
    _check_cells(table, billed=billed)
    _learn(table, reader)
    return table


def _batches(path: str, block: int, *, lean: bool = False) -> tuple[Iterator[Any], list[str]]:
    """The file's rows, a batch at a time, as tables of text cells named as the file's columns.

    pyarrow reads a well-formed quoted cell (``"a,""b"" c"``) as the csv module does, but not a
    malformed one (it reads ``"a"b`` as ``ab`` and an unclosed quote to the end of the file, which
    the csv module refuses): :func:`check_quotes` vouches for every line with a quote first.
    """
    _, _, pv, _ = _modules()
    names, index = _header(path)
    options = _options(names, index, block, ascii_only=check_quotes(path), lean=lean)
    read = options.pop("names")
    try:
        stream = pv.open_csv(path, **options)
    except Exception:  # noqa: BLE001 - any failure of the reader sends the file to the pure path
        raise Unvouched from None
    return _tables(stream, read), list(read.values())


def _tables(stream: Any, names: dict[str, str]) -> Iterator[Any]:
    """The stream's batches as tables with the file's column names, :data:`_ROWS` rows or so at a time.

    pyarrow reads small blocks (its read-ahead holds several); the checks run on a few of them at
    once, so that the cost of each call is spread over many rows.
    """
    held: list[Any] = []
    rows = 0
    while True:
        try:
            held.append(stream.read_next_batch())
        except StopIteration:
            break
        except Exception:  # noqa: BLE001 - a line the reader refuses: the pure path names it
            raise Unvouched from None
        rows += held[-1].num_rows
        if rows >= _ROWS:
            yield _named(_drained(held), names)
            rows = 0
    if held:
        yield _named(_drained(held), names)


def _drained(batches: list[Any]) -> Any:
    """The batches as one table, the list emptied: their plain texts are freed once encoded."""
    pa, _, _, _ = _modules()
    table = pa.Table.from_batches(batches)
    batches.clear()
    return table


def _named(table: Any, names: dict[str, str]) -> Any:
    return _unified(table.rename_columns([names[name] for name in table.column_names]))


def _well_formed(line: bytes) -> bool:
    """Whether a line (its line feed left off) is of well-formed CSV cells (RFC 4180, one line).

    Each cell plain (no quote, comma or line break) or wholly quoted, a quote inside written twice,
    no carriage return but one ending the line. Cut at its quotes, the line alternates text outside
    and inside quotes: the first outside text must end a cell (blank, or ending in a comma), the
    last start one, and each between a closing and an opening quote be blank (a quote written
    twice) or run from comma to comma.
    """
    if line.endswith(b"\r"):
        line = line[:-1]
    if b"\r" in line:
        return False
    parts = line.split(b'"')
    last = len(parts) - 1
    if last % 2:
        return False
    if (parts[0] and not parts[0].endswith(b",")) or (parts[last] and not parts[last].startswith(b",")):
        return False
    return all(not part or (part[:1] == b"," and part[-1:] == b",") for part in parts[2:last:2])


def check_quotes(path: str, block: int = _BLOCK) -> bool:
    """:class:`Unvouched` unless every line with a quote is well-formed; whether every byte is ASCII.

    Lines are scanned by the bytes methods; only a line with a quote is matched in Python. (A line
    break inside a quoted cell, or a carriage return anywhere in a line with a quote, is not taken.)
    A file of ASCII bytes alone is valid UTF-8: pyarrow's reader need not check it again.

    The file is read ``block`` bytes at a time into one buffer, again and again (a fresh block of a
    megabyte each time costs its pages anew); only a line that runs across blocks is copied.
    """
    rest = b""
    header = True
    ascii_only = True
    buffer = bytearray(block)
    with open(path, "rb") as handle:  # noqa: PTH123 - a plain read
        while True:
            size = handle.readinto(buffer)
            if size < len(buffer):
                del buffer[size:]
            ascii_only = ascii_only and buffer.isascii()
            first = buffer.find(b"\n") + 1
            if size and not first:  # no line ends in this block
                rest += buffer
                continue
            # the line that ends in this block (or the last line, at the end of the file)
            line, rest = rest + buffer[:first], b""
            if header:
                header = False
            elif b'"' in line and not _well_formed(line.removesuffix(b"\n")):
                raise Unvouched
            if not size:
                return ascii_only
            last = buffer.rfind(b"\n") + 1
            _check_lines(buffer, first, last)
            rest = bytes(buffer[last:])


def _check_lines(data: bytearray, start: int, end: int) -> None:
    """:class:`Unvouched` unless each line with a quote in ``data[start:end]`` is well-formed."""
    quote = data.find(b'"', start, end)
    while quote >= 0:
        stop = data.find(b"\n", quote, end)
        stop = end if stop < 0 else stop
        if not _well_formed(bytes(data[max(start, data.rfind(b"\n", start, quote) + 1) : stop])):
            raise Unvouched
        quote = data.find(b'"', stop, end)


def partitions_of(table: Any, count: int) -> Any:
    """Each row's partition (of ``count``): :func:`~cspcore.interop.recon_split.partition_of` of its id.

    The one rule of the pure path, applied once per distinct subscription id of the table, not once
    per row.
    """
    subscriptions = table["SubscriptionId"]
    numbers = [partition_of(text, count) for text in _coded(subscriptions)[0].to_pylist()]
    return _per_row(subscriptions, _ints(numbers, wide=False))


def read_side(path: str, reader: Reader, *, index: int = 0, count: int = 1, billed: bool = False) -> Any:
    """One file's rows of partition ``index`` (of ``count``) as a checked table; :class:`Unvouched` if not.

    ``billed`` for Microsoft's file (see :func:`_check_cells`).
    """
    pa, pc, _, _ = _modules()
    tables = []
    batches, names = _batches(path, _BLOCK)
    for batch in batches:
        table = _vouched(batch, reader, billed=billed)
        if count > 1:
            table = table.filter(pc.equal(partitions_of(table, count), _int(index, wide=False)))
        tables.append(table)
    if not tables:
        return _empty(names)
    return pa.concat_tables(tables).unify_dictionaries()


def _empty(names: list[str]) -> Any:
    """A table of no rows in a file's columns."""
    pa, _, _, _ = _modules()
    return _unified(pa.table({name: _texts(()) for name in names}))


def split_side(
    path: str, reader: Reader, *, count: int, folder: str, side: str, held: int | None = None
) -> list[str]:
    """Cut one checked file into ``count`` Arrow files in ``folder``, rows in file order; their paths.

    The ids (:data:`_MANY`) are written as plain text, the few-valued columns with dictionaries;
    :func:`load` encodes the ids again. The batches read are held, sorted by partition, until they
    hold ``held`` rows or more; then each partition's rows of them are written as one record batch.
    (Written batch by batch, a file of ten million rows cut into 160 partitions gave each partition
    file hundreds of batches of a few hundred rows, each with its own dictionaries: loading and
    pairing a partition cost more, and took more memory, the more rows the file had.) ``held`` is
    :data:`_CUT_ROWS` unless given.
    """
    pa, pc, _, ipc = _modules()
    held = _CUT_ROWS if held is None else held
    paths = [f"{folder}/{side}.{position:04d}.arrows" for position in range(count)]
    writers: list[Any] = [None] * count
    pending: dict[int, list[Any]] = {}
    rows = 0
    schema = None
    cut = False
    try:
        batches, names = _batches(path, _BLOCK, lean=True)
        for batch in batches:
            table = _vouched(batch, reader, billed=side == "billed")
            parts = partitions_of(table, count)
            order = pc.sort_indices(parts)
            ordered = _plain(table.take(order), _MANY)
            del table, batch  # (the batch read is freed before the next one is)
            schema = ordered.schema
            counts = pc.value_counts(pc.take(parts, order))
            start = 0
            for item in counts.to_pylist():  # in order of first appearance, which is sorted
                position, size = item["values"], item["counts"]
                pending.setdefault(position, []).append(ordered.slice(start, size))
                start += size
            rows += ordered.num_rows
            del ordered  # (held in its pieces alone)
            if rows >= held:
                _write_pending(pending, writers, paths, schema)
                rows = 0
            # the pages freed since the last batch handed back to the system (a few milliseconds):
            # else pyarrow's allocator keeps them, and the peak climbs by tens of MiB
            pa.default_memory_pool().release_unused()
        if schema is None:
            schema = _plain(_empty(names), _MANY).schema
        _write_pending(pending, writers, paths, schema)
        pa.default_memory_pool().release_unused()  # (nothing of the split kept through the reconcile)
        for position in range(count):
            if writers[position] is None:
                writers[position] = ipc.new_stream(paths[position], schema)
        cut = True
    finally:
        _close(writers, () if cut else paths)  # a file not vouched for halfway leaves no file behind
    return paths


def _close(writers: list[Any], remove: Iterable[str]) -> None:
    """The partition files' writers closed, and the files ``remove`` names removed."""
    for writer in writers:
        if writer is not None:
            writer.close()
    for path in remove:
        Path(path).unlink(missing_ok=True)


def _write_pending(pending: dict[int, list[Any]], writers: list[Any], paths: list[str], schema: Any) -> None:
    """Each partition's pieces held written as one record batch (its dictionaries unified), then dropped."""
    pa, _, _, ipc = _modules()
    for position in sorted(pending):
        pieces = pending[position]
        if writers[position] is None:
            writers[position] = ipc.new_stream(paths[position], schema)
        whole = pieces[0] if len(pieces) == 1 else pa.concat_tables(pieces)
        writers[position].write_table(whole.combine_chunks())
    pending.clear()


def _plain(table: Any, names: tuple[str, ...] = _CODED) -> Any:
    """The table with its dictionary columns among ``names`` as plain text."""
    pa, pc, _, _ = _modules()
    for position, name in enumerate(table.column_names):
        if name in names and _is_coded(table[name]):
            table = table.set_column(position, name, pc.cast(table[name], pa.string()))
    return table


def load(path: str) -> Any:
    """A partition's table written by :func:`split_side`."""
    _, _, _, ipc = _modules()
    with ipc.open_stream(path) as source:
        return _unified(source.read_all())


#: The day number of 1970-01-01 (Arrow's day 0).
_EPOCH: Final = dt.date(1970, 1, 1).toordinal()


def _days(column: Any, values: dict[str, Any]) -> Any:
    """The day of each row's date cell (days from 1970), as the pure reader read each distinct text."""
    days = _ints(values[text].toordinal() - _EPOCH for text in _coded(column)[0].to_pylist())
    return _per_row(column, days)


def _key_parts(table: Any, reader: Reader, subscriptions: Any) -> tuple[Any, Any, Any, Any]:
    """Each row's pairing key as integers: subscription and sign, charge start, charge end, quantity.

    The first is the subscription's position in ``subscriptions`` (the expected side's ids; ``-1``
    for another; ``None`` for the table's own ids, each then its code) times two, plus one for a
    negative subtotal.
    """
    pa, pc, _, _ = _modules()
    values, codes = _coded(table["SubscriptionId"])
    if subscriptions is None:  # (a dictionary holds each text once: its position is its code)
        position = pc.cast(codes, pa.int64())
    else:
        where = pc.fill_null(pc.cast(pc.index_in(values, value_set=subscriptions), pa.int64()), _int(-1))
        position = pc.take(where, codes)
    sign = pc.cast(pc.match_substring_regex(table["Subtotal"], _NEGATIVE), pa.int64())
    return (
        pc.add(pc.multiply(position, _int(2)), sign),
        _days(table["ChargeStartDate"], reader.values["ChargeStartDate"]),
        _days(table["ChargeEndDate"], reader.values["ChargeEndDate"]),
        pc.cast(_quantity_text(table), pa.int64()),
    )


def _keys(
    mine: tuple[Any, ...], theirs: tuple[Any, ...], subscriptions: int, *, packed: bool
) -> tuple[Any, Any, list[str]]:
    """Both sides' pairing keys as columns (equal keys are equal pairing keys), and their names.

    Where the sizes allow (and ``packed``), the key is packed into one integer (the days counted
    from the first, the quantities numbered among those of either side), which sorts and joins
    faster than three.
    """
    pa, pc, _, _ = _modules()
    days = pa.chunked_array([*mine[1].chunks, *mine[2].chunks, *theirs[1].chunks, *theirs[2].chunks])
    low, high = pc.min(days).as_py(), pc.max(days).as_py()
    quantities = pc.unique(pa.chunked_array([*mine[3].chunks, *theirs[3].chunks]))
    span = high - low + 1
    if packed and (2 * subscriptions + 4) * span * span * len(quantities) < 2**62:

        def pack(parts: tuple[Any, ...]) -> dict[str, Any]:
            key = pc.add(parts[0], _int(2))
            for days_of in (parts[1], parts[2]):
                key = pc.add(pc.multiply(key, _int(span)), pc.subtract(days_of, _int(low)))
            number = pc.cast(pc.index_in(parts[3], value_set=quantities), pa.int64())
            return {"k": pc.add(pc.multiply(key, _int(len(quantities))), number)}

        return pack(mine), pack(theirs), ["k"]

    def spread(parts: tuple[Any, ...]) -> dict[str, Any]:
        shift = _int(_DAYS)
        period = pc.add(pc.multiply(pc.add(parts[1], shift), _int(2 * _DAYS)), pc.add(parts[2], shift))
        return {"k1": parts[0], "k2": period, "k3": parts[3]}

    return spread(mine), spread(theirs), ["k1", "k2", "k3"]


def _ranked(keys: dict[str, Any], names: list[str], row: str, count: int) -> Any:
    """The keys with each row's number ``row``, its rank within its key and its key's number.

    ``_seq`` numbers the rows of one key in file order from 0, ``_group`` the keys; the rows come
    sorted by key, then file order.
    """
    pa, pc, _, _ = _modules()
    keyed = pa.table({**keys, row: _numbers(count)})
    # a stable sort: the rows of one key stay in file order
    ordered = keyed.take(pc.sort_indices(keyed, sort_keys=[(name, "ascending") for name in names]))
    if count == 0:
        return ordered.append_column("_seq", _ints(())).append_column("_group", _ints(()))
    steps = [pc.not_equal(ordered[name].slice(1), ordered[name].slice(0, count - 1)) for name in names]
    new_key = steps[0]
    for step in steps[1:]:
        new_key = pc.or_(new_key, step)
    new = pa.concat_arrays([_trues(1), *new_key.chunks])
    positions = _numbers(count)
    starts = pc.cumulative_max(pc.if_else(new, positions, _int(0)))
    sequence = pc.subtract(positions, starts)
    group = pc.subtract(pc.cumulative_sum(pc.cast(new, pa.int64())), _int(1))
    return ordered.append_column("_seq", sequence).append_column("_group", group)


def check_order(table: Any, reader: Reader) -> None:
    """:class:`Unvouched` for a row whose charge ends before it starts (the pure reader names it)."""
    _, pc, _, _ = _modules()
    start = _days(table["ChargeStartDate"], reader.values["ChargeStartDate"])
    end = _days(table["ChargeEndDate"], reader.values["ChargeEndDate"])
    if not _all(pc.greater_equal(end, start)):
        raise Unvouched


#: What :func:`pair` gives: the count of matched pairs, the sums of their expected subtotals and
#: totals, and the CSV text of the expected and billed rows left.
Paired = tuple[int, Decimal, Decimal, str, str]


def pair(expected: Any, billed: Any, reader: Reader, *, packed: bool = True) -> Paired:
    """The lines matched here, and the rest for the pure path.

    Returns the count of the matched pairs, the sums of their expected subtotals and totals, and the
    CSV text of the expected and billed rows left (in file order). ``packed=False`` keys the lines
    by three integer columns even where one would hold the key (the same pairing, more slowly).
    """
    return pair_parts(expected, billed, reader, None, 1, packed=packed)[0][0]


def pair_parts(
    expected: Any,
    billed: Any,
    reader: Reader,
    partitions: tuple[Any, Any] | None,
    count: int,
    *,
    packed: bool = True,
) -> list[tuple[Paired, int, int]]:
    """:func:`pair` on two whole tables in one pass, its outcome given partition by partition.

    ``partitions`` holds each table's rows' partitions (:func:`partitions_of`; ``None`` for one):
    lines pair only within a key, and a key within a partition, so each partition's share is what
    :func:`pair` gives on that partition's rows. Each outcome comes with the partition's count of
    expected and billed rows.
    """
    for table in (expected, billed):
        check_order(table, reader)
    if not expected.num_rows or not billed.num_rows:
        nothing = _ints(())
        left = (_trues(expected.num_rows), _trues(billed.num_rows))
        return _shares(expected, billed, (nothing, nothing, *left), partitions, count)
    return _shares(expected, billed, _matched(expected, billed, reader, packed=packed), partitions, count)


def _matched(expected: Any, billed: Any, reader: Reader, *, packed: bool) -> tuple[Any, Any, Any, Any]:
    """The rows of the expected and the billed table matched here, pair by pair, and which rows are left.

    The last two are masks of each table's rows (in order): true for a row left to the pure path.
    """
    _, pc, _, _ = _modules()
    subscriptions = _coded(expected["SubscriptionId"])[0]
    keys_e, keys_b, names = _keys(
        _key_parts(expected, reader, None),
        _key_parts(billed, reader, subscriptions),
        len(subscriptions),
        packed=packed,
    )
    # every expected row once (``rows_e``: None for the rows in file order), with its billed
    # namesake (the billed line of the same rank in its key), or none where the key has fewer
    # billed lines; ``groups`` tells each row's key
    if names == ["k"]:
        rows_e, namesakes, groups = None, _namesakes(keys_e["k"], keys_b["k"]), keys_e["k"]
    else:
        rows_e, namesakes, groups = _joined(keys_e, keys_b, names, expected.num_rows, billed.num_rows)
    rows_b = pc.fill_null(namesakes, _int(0))
    blank = pc.equal(expected["ReferenceId"], _text(""))
    same = pc.or_(
        pc.take(pc.not_equal(billed["ReferenceId"], _text("")), rows_b),
        blank if rows_e is None else pc.take(blank, rows_e),
    )
    for name in (*_SAME_CELLS, *EXCHANGE_COLUMNS):
        if name in expected.column_names or name in billed.column_names:
            alike = _same(expected, billed, name, rows_e, rows_b)
            same = same if alike is None else pc.and_(same, alike)
    # a key's lines are matched here when each of its expected lines has its billed namesake
    # written the same: then every one of the first billed lines of the key finds an exact partner
    # in the pure pairing, whatever its order of preference
    same = pc.and_(pc.is_valid(namesakes), same)
    spoilt = pc.unique(pc.filter(groups, pc.invert(same)))
    kept = pc.invert(pc.is_in(groups, value_set=spoilt))
    matched_b = pc.filter(rows_b, kept)
    if rows_e is None:
        matched_e, left_e = pc.filter(_numbers(expected.num_rows), kept), pc.invert(kept)
    else:
        matched_e = pc.filter(rows_e, kept)
        # rows_e holds each expected row once: in its order, ``kept`` is in the file's order
        left_e = pc.invert(pc.take(kept, pc.sort_indices(rows_e)))
    # the billed rows no expected row took: each matched row marked at its number, the others null
    marked = pc.scatter(_trues(len(matched_b)), matched_b, max_index=billed.num_rows - 1)
    left_b = pc.is_null(marked)
    return matched_e, matched_b, left_e, left_b


def _joined(
    keys_e: dict[str, Any], keys_b: dict[str, Any], names: list[str], count_e: int, count_b: int
) -> tuple[Any, Any, Any]:
    """Each expected row, its billed namesake's row (null if none) and its key's number, by a join.

    For keys in several columns: both sides ranked (:func:`_ranked`), then a left outer join on
    the keys and the rank (pyarrow's query engine, Acero, which :func:`_namesakes` does without).
    """
    mine = _ranked(keys_e, names, "_e", count_e)
    theirs = _ranked(keys_b, names, "_b", count_b)
    joined = mine.join(
        theirs.drop_columns(["_group"]), keys=[*names, "_seq"], join_type="left outer", use_threads=False
    )
    return joined["_e"], joined["_b"], joined["_group"]


def _namesakes(keys_e: Any, keys_b: Any) -> Any:
    """Each expected row's billed namesake (its row; null where none), for keys in one column.

    A row's namesake is the billed row of the same key and the same rank within it (in file
    order). The first row of a key finds the key's first billed row by a hash lookup; the few
    later rows of a key (a line billed twice) are paired by key and rank in a dictionary. No sort
    of the whole tables, and no join: pyarrow's query engine (Acero, which loads pyarrow's dataset
    and pandas layers: about 50 MiB and a quarter of a second) is never imported.
    """
    pa, pc, _, _ = _modules()
    mine, theirs = keys_e.combine_chunks(), keys_b.combine_chunks()
    namesakes = pc.cast(pc.index_in(mine, value_set=theirs), pa.int64())
    ranks_e = _ranks(mine)
    later = pc.greater(ranks_e, _int(0))
    if not pc.any(later).as_py():
        return namesakes
    ranks_b = _ranks(theirs)
    again = pc.greater(ranks_b, _int(0))
    columns = (pc.filter(theirs, again), pc.filter(ranks_b, again), pc.filter(_numbers(len(theirs)), again))
    billed_at = {(key, rank): row for key, rank, row in zip(*(c.to_pylist() for c in columns), strict=True)}
    wanted = zip(pc.filter(mine, later).to_pylist(), pc.filter(ranks_e, later).to_pylist(), strict=True)
    found = _ints(billed_at.get(pair, -1) for pair in wanted)
    return pc.replace_with_mask(namesakes, later, pc.if_else(pc.less(found, _int(0)), _null(), found))


def _ranks(keys: Any) -> Any:
    """Each row's rank among the rows of its key, in file order (0 for the first).

    Only the rows of a key met more than once are sorted (by :func:`_ranked`).
    """
    pa, pc, _, _ = _modules()
    rows = _numbers(len(keys))
    later = pc.not_equal(pc.cast(pc.index_in(keys, value_set=keys), pa.int64()), rows)
    ranks = pc.multiply(rows, _int(0))
    if not pc.any(later).as_py():
        return ranks
    repeated = pc.is_in(keys, value_set=pc.unique(pc.filter(keys, later)))
    ranked = _ranked({"k": pc.filter(keys, repeated)}, ["k"], "_r", _count(repeated))
    seq = pc.take(ranked["_seq"], pc.sort_indices(ranked["_r"])).combine_chunks()
    return pc.replace_with_mask(ranks, repeated, seq)


def _shares(
    expected: Any,
    billed: Any,
    matched: tuple[Any, Any, Any, Any],
    partitions: tuple[Any, Any] | None,
    count: int,
) -> list[tuple[Paired, int, int]]:
    """Each partition's matched count and sums, its rows left as CSV text, and its rows' counts.

    The rows left are taken from the whole tables once (their texts made plain once), then cut
    into partitions: the small tables are cut, not the whole ones.
    """
    _, pc, _, _ = _modules()
    matched_e, _, left_e, left_b = matched
    # the few rows left taken by their numbers (a filter would scan the whole mask for each column)
    rows_e, rows_b = pc.indices_nonzero(left_e), pc.indices_nonzero(left_b)
    rest = (_plain(expected.take(rows_e)), _plain(billed.take(rows_b)))
    # each matched amount read once, whatever the partitions
    subtotals = _amounts(pc.take(expected["Subtotal"], matched_e))
    taxes = pc.take(expected["TaxTotal"], matched_e)
    stated = pc.not_equal(taxes, _text(""))
    tax_amounts = _amounts(pc.filter(taxes, stated))
    if partitions is None:
        paired = _paired(len(matched_e), subtotals, tax_amounts, rest)
        return [(paired, expected.num_rows, billed.num_rows)]
    of_matched = pc.take(partitions[0], matched_e)
    of_taxes = pc.filter(of_matched, stated)
    of_rest = (pc.take(partitions[0], rows_e), pc.take(partitions[1], rows_b))
    shares = []
    for index in range(count):
        number = _int(index, wide=False)
        mine = pc.equal(of_matched, number)
        cut = (rest[0].filter(pc.equal(of_rest[0], number)), rest[1].filter(pc.equal(of_rest[1], number)))
        rows = (_count(pc.equal(partitions[0], number)), _count(pc.equal(partitions[1], number)))
        parts = (_kept(subtotals, mine), _kept(tax_amounts, pc.equal(of_taxes, number)))
        shares.append((_paired(_count(mine), *parts, cut), *rows))
    return shares


def _paired(count: int, subtotals: tuple[Any, Any], taxes: tuple[Any, Any], rest: tuple[Any, Any]) -> Paired:
    """The matched lines' count and sums (:func:`_amounts` of their stated subtotals and taxes), the rest."""
    subtotal = _sum(subtotals)
    total = exact_sum((subtotal, _sum(taxes))) if len(taxes[0]) else exact_sum((subtotal,))
    return (count, subtotal, total, _csv_text(rest[0]), _csv_text(rest[1]))


def _count(mask: Any) -> int:
    """How many of a mask's values are true."""
    _, pc, _, _ = _modules()
    return int(pc.sum(mask).as_py() or 0)


def _amounts(texts: Any) -> tuple[Any, Any]:
    """Amounts written as plain decimals (vouched for): their exact values, and the places of each.

    The values are exact decimal128 (fifteen digits before the point and twelve after hold every
    vouched cell; thirty-eight digits hold the sum of a hundred billion of them); the places are
    counted back from the end of the text to its point (-1 for a text without one).
    """
    pa, pc, _, _ = _modules()
    values = pc.cast(texts, pa.decimal128(27, 12))
    return values, pc.find_substring(pc.binary_reverse(pc.cast(texts, pa.binary())), ".")


def _kept(amounts: tuple[Any, Any], mask: Any) -> tuple[Any, Any]:
    """The amounts (of :func:`_amounts`) where ``mask`` is true."""
    _, pc, _, _ = _modules()
    return pc.filter(amounts[0], mask), pc.filter(amounts[1], mask)


def _sum(amounts: tuple[Any, Any]) -> Decimal:
    """Amounts (of :func:`_amounts`) added up exactly.

    The same value, written to the same places, as :func:`~cspcore._decimal.exact_sum` of each text's
    ``Decimal``: the exact sum, written to as many places as the most precise text has.
    """
    _, pc, _, _ = _modules()
    values, places = amounts
    if not len(values):
        return Decimal(0)
    most = max(pc.max(places).as_py() or 0, 0)
    return exact_sum((pc.sum(values).as_py().quantize(Decimal(1).scaleb(-most), context=EXACT),))


def _same(expected: Any, billed: Any, name: str, rows_e: Any, rows_b: Any) -> Any:
    """Whether the expected cell of column ``name`` at each of ``rows_e`` is the billed one at ``rows_b``.

    ``rows_e`` None for every expected row in file order. Dictionary columns are compared by code
    (each billed text's code among the expected texts); ``None`` when both hold one text, the same
    (every cell alike: nothing to compare).
    """
    _, pc, _, _ = _modules()
    if name in expected.column_names and name in billed.column_names and _is_coded(expected[name]):
        values_e, codes_e = _coded(expected[name])
        values_b, codes_b = _coded(billed[name])
        if len(values_e) == len(values_b) == 1 and values_e[0] == values_b[0]:
            return None
        where = pc.fill_null(pc.index_in(values_b, value_set=values_e), _int(-1, wide=False))
        mine = codes_e if rows_e is None else pc.take(codes_e, rows_e)
        return pc.equal(mine, pc.take(where, pc.take(codes_b, rows_b)))
    return pc.equal(_cells_of(expected, name, rows_e), _cells_of(billed, name, rows_b))


def _cells_of(table: Any, name: str, rows: Any) -> Any:
    """The cells of column ``name`` at ``rows`` (None: every row) as text; blank if there is none."""
    pa, pc, _, _ = _modules()
    if name not in table.column_names:
        return _text("")
    return pc.cast(table[name] if rows is None else pc.take(table[name], rows), pa.string())


def _numbers(count: int) -> Any:
    """The row numbers ``0`` to ``count - 1``."""
    pa, pc, _, _ = _modules()
    one = _int(1)
    return pc.subtract(pc.cumulative_sum(pa.repeat(one, count)), one)
