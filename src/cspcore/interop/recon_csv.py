r"""Reconciliation rows (Partner Center's reconciliation file) → charge lines: reading.

>>> from cspcore.interop.recon_csv import parse_recon_rows, to_recon_rows
>>> text = (
...     "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
...     "Subtotal,Currency,ChargeStartDate,ChargeEndDate\n"
...     "2022-03-05,new,M365 BS,s1,12,12.00,10,120,EUR,2022-03-05,2022-04-04\n"
... )
>>> [row["Subtotal"] for row in to_recon_rows(parse_recon_rows(text))]
['120']

How each cell is read is said once, in :mod:`cspcore.interop._cells`; the fast path of
:mod:`cspcore.interop._fastcsv` reads a file's repeated cells by the same rules. Writing lines back
as rows (:func:`to_recon_rows`) and the column table (:data:`RECON_COLUMNS`) are in
:mod:`cspcore.interop.recon_columns`; this module re-exports both.

Source: ``modern-invoice-reconciliation-file.md``.

.. versionadded:: 0.1.0
   In :mod:`cspcore.interop.partner_center`, which still re-exports every name.
.. versionchanged:: 0.1.0
   Writing moved to :mod:`cspcore.interop.recon_columns`.
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Final

from cspcore import _validate
from cspcore.errors import CspError, ErrorCode, InvalidInput
from cspcore.interop import _cells as cells
from cspcore.interop import _payload as p
from cspcore.interop._checks import Checks, exchange_pricing, exchange_rate
from cspcore.interop._fastcsv import ReconRows, compile_reader, records
from cspcore.interop._lines import trusted_charge_line
from cspcore.interop._rules import OneCurrency, csv_refusal
from cspcore.interop.consistency import ParseReport
from cspcore.interop.recon_columns import (
    EXCHANGE_COLUMNS,
    RECON_COLUMNS,
    column_key,
    header_positions,
    is_row,
    to_recon_rows,
)
from cspcore.interop.recon_split import unreadable
from cspcore.money import Money

if TYPE_CHECKING:
    import datetime as dt
    from decimal import Decimal

    from cspcore.billing.charges import ChargeLine, ChargeType

__all__ = ["RECON_COLUMNS", "check_recon_rows", "iter_recon_rows", "parse_recon_rows", "to_recon_rows"]

_REQUIRED: Final = (
    "OrderDate",
    "ChargeType",
    "UnitPrice",
    "Subtotal",
    "Currency",
    "SubscriptionId",
    "ChargeStartDate",
    "ChargeEndDate",
    "EffectiveUnitPrice",
)
#: The columns read: those written (the exchange rate's among them, which the subtotal formulas use).
_READ_COLUMNS: Final = RECON_COLUMNS
#: The most distinct date cells a reader keeps read (a month's file holds a few hundred).
_MAX_DATES: Final = 50_000
#: The columns a header needs for the fast reader: all but the exchange columns, which it reads if present.
_FAST_COLUMNS: Final = tuple(column for column in RECON_COLUMNS if column not in EXCHANGE_COLUMNS)


class _RowReader:
    """Turns reconciliation rows into charge lines by the cell rules of :mod:`~cspcore.interop._cells`.

    It remembers what the rules returned for the texts that repeat (dates, prices, names).
    """

    __slots__ = ("_amounts", "_dates", "_texts", "_types", "checks", "currency")

    def __init__(self, checks: Checks) -> None:
        self.checks = checks
        #: The file's one billing currency (a reconciliation file is one invoice's: one currency).
        self.currency = OneCurrency()
        self._dates: dict[str, dt.date] = {}
        self._amounts: dict[tuple[str, str], Money] = {}
        self._texts: dict[str, str] = {}
        self._types: dict[str, ChargeType] = {}

    def _day(self, raw: str, field: str) -> dt.date:
        """A date cell's day as written (``0001-01-01`` included), read once per distinct text."""
        found = self._dates.get(raw)
        if found is None:
            found = p.date_value(raw, field)
            if len(self._dates) < _MAX_DATES:
                self._dates[raw] = found
        return found

    def date(self, raw: object, field: str) -> dt.date:
        """A required date cell (:func:`~cspcore.interop._cells.date`: ``0001-01-01`` is missing)."""
        if type(raw) is not str:
            return cells.date(raw, field)
        return p.known_date(self._day(raw, field), raw, field)

    def optional_date(self, raw: object, field: str) -> dt.date | None:
        """An optional date cell (:func:`~cspcore.interop._cells.optional_date`: ``0001-01-01`` is none)."""
        if type(raw) is not str or cells.blank(raw):
            return cells.optional_date(raw, field)
        day = self._day(raw, field)
        return None if day == p.NO_DATE else day

    def amount(self, raw: object, code: str, field: str) -> Money:
        if type(raw) is str:
            key = (raw, code)
            found = self._amounts.get(key)
            if found is None:
                found = cells.amount(raw, code, field)
                if len(self._amounts) < 200_000:
                    self._amounts[key] = found
            return found
        return cells.amount(raw, code, field)

    def text(self, raw: object, field: str) -> str:
        if type(raw) is str:
            found = self._texts.get(raw)
            if found is None:
                found = cells.text(raw, field)
                if len(self._texts) < 200_000:
                    self._texts[raw] = found
            return found
        return cells.text(raw, field)

    def optional_text(self, raw: object, field: str) -> str | None:
        return None if cells.blank(raw) else self.text(raw, field)

    def charge_type(self, raw: object, field: str) -> ChargeType:
        if type(raw) is str:
            found = self._types.get(raw)
            if found is None:
                found = self._types[raw] = cells.kind(raw, field)
            return found
        return cells.kind(raw, field)

    def exchange(self, get: Any, code: str, where: str) -> tuple[str | None, Decimal | None, dt.date | None]:
        """A row's pricing currency, exchange rate and the rate's date (``None`` for each when none).

        A row without ``PricingCurrency`` (or with the billing currency there, at a rate of 1) is
        priced in its billing currency: no exchange fields. (Its ``PCToBCExchangeRate``, if any, is
        still what the formula checks use, as files without the pricing currency were always read.)
        The rate and its date are read on every row, so a cell that is not a rate or a date is refused
        whatever the pricing currency.
        """
        raw_pricing = get("PricingCurrency")
        pricing = None if cells.blank(raw_pricing) else p.currency(raw_pricing, f"{where}.PricingCurrency")
        found, rate = exchange_pricing(
            pricing, get("PCToBCExchangeRate"), code, f"{where}.PCToBCExchangeRate"
        )
        when = self.optional_date(get("PCToBCExchangeRateDate"), f"{where}.PCToBCExchangeRateDate")
        if found is None:
            return None, None, None
        return found, rate, when

    def line(self, get: Any, where: str) -> ChargeLine:
        """The charge line of one row, whatever form it came in (CSV cells or a mapping's values).

        A blank required cell is refused as missing (``MISSING``, naming the first in
        :data:`_REQUIRED`'s order, then ``ProductName``) before any other problem of the row, in
        every form: a blank ``OrderDate`` is missing, never malformed, and a blank ``Currency`` is
        missing, never an unknown currency. The blanks are looked for only once the row is refused,
        so a row that reads costs nothing more.
        """
        try:
            return self._line(get, where)
        except InvalidInput:
            for column in (*_REQUIRED, "ProductName"):
                raw = get(column)
                if cells.blank(raw):
                    raise InvalidInput(
                        f"{where}.{column}", "is required", raw, code=ErrorCode.MISSING
                    ) from None
            raise

    def _line(self, get: Any, where: str) -> ChargeLine:
        code = p.currency(get("Currency"), f"{where}.Currency")
        pricing, rate, rate_date = self.exchange(get, code, where)
        priced = pricing or code
        subtotal = self.amount(get("Subtotal"), code, f"{where}.Subtotal")
        raw_tax = get("TaxTotal")
        tax = Money.zero(code) if cells.blank(raw_tax) else self.amount(raw_tax, code, f"{where}.TaxTotal")
        raw_total = get("Total")
        total = None if cells.blank(raw_total) else self.amount(raw_total, code, f"{where}.Total")
        total = self.checks.total(total, subtotal, tax, where, "Total")
        raw_quantity = get("BillableQuantity")
        if cells.blank(raw_quantity):
            raw_quantity = get("Quantity")
            if cells.blank(raw_quantity):
                raise InvalidInput(
                    f"{where}.BillableQuantity", "is required", raw_quantity, code=ErrorCode.MISSING
                )
        start = self.date(get("ChargeStartDate"), f"{where}.ChargeStartDate")
        end = self.date(get("ChargeEndDate"), f"{where}.ChargeEndDate")
        if end < start:
            raise InvalidInput(
                f"{where}.ChargeEndDate",
                f"is before ChargeStartDate {start.isoformat()}",
                end,
                code=ErrorCode.INCONSISTENT,
            )
        line = trusted_charge_line(
            order_date=self.date(get("OrderDate"), f"{where}.OrderDate"),
            charge_type=self.charge_type(get("ChargeType"), f"{where}.ChargeType"),
            product=self.text(get("ProductName"), f"{where}.ProductName"),
            subscription_id=self.text(get("SubscriptionId"), f"{where}.SubscriptionId"),
            unit_price=self.amount(get("UnitPrice"), priced, f"{where}.UnitPrice"),
            effective_unit_price=self.amount(
                get("EffectiveUnitPrice"), priced, f"{where}.EffectiveUnitPrice"
            ),
            quantity=cells.quantity(raw_quantity, f"{where}.BillableQuantity"),
            subtotal=subtotal,
            tax=tax,
            total=total,
            charge_start=start,
            charge_end=end,
            reference_id=self.optional_text(get("ReferenceId"), f"{where}.ReferenceId"),
            qualifiers=cells.qualifiers(get("ProductQualifiers"), f"{where}.ProductQualifiers"),
            customer_id=self.optional_text(get("CustomerId"), f"{where}.CustomerId"),
            subscription_start=self.optional_date(
                get("SubscriptionStartDate"), f"{where}.SubscriptionStartDate"
            ),
            subscription_end=self.optional_date(get("SubscriptionEndDate"), f"{where}.SubscriptionEndDate"),
            term_and_billing_cycle=self.optional_text(
                get("TermAndBillingCycle"), f"{where}.TermAndBillingCycle"
            ),
            billing_frequency=self.optional_text(get("BillingFrequency"), f"{where}.BillingFrequency"),
            pricing_currency=pricing,
            exchange_rate=rate,
            exchange_rate_date=rate_date,
        )
        if self.checks.formulas:
            if rate is None:
                rate = exchange_rate(get("PCToBCExchangeRate"), f"{where}.PCToBCExchangeRate")
            self.checks.subtotal(line, rate, where, "Subtotal")
        # last: a row is read as it would be alone, then refused if in a second currency
        self.currency.check(code, f"{where}.Currency")
        return line


def _header_index(header: list[str]) -> dict[str, int]:
    folded = header_positions(header)
    index = {}
    for column in _READ_COLUMNS:
        position = folded.get(column_key(column))
        if position is not None:
            index[column] = position
    missing = [column for column in _REQUIRED if column not in index]
    if "ProductName" not in index and "skuname" in folded:
        index["ProductName"] = folded["skuname"]
    if "ProductName" not in index:
        missing.append("ProductName")
    if "BillableQuantity" not in index and "Quantity" not in index:
        missing.append("BillableQuantity")
    if missing:
        raise InvalidInput(
            "header",
            f"missing required columns: {', '.join(missing)}",
            tuple(header[:50]),
            code=ErrorCode.MISSING,
        )
    return index


def _csv_lines(rows: Iterable[str], reader: _RowReader, *, raw: bool) -> Iterator[Any]:
    """Charge lines of CSV text lines; with ``raw``, field-value tuples where the fast path applies."""
    lines = iter(rows)
    try:
        header = next(csv.reader(lines, strict=True), None)
        if header is None:
            return
        index = _header_index(header)
        positions = tuple(index.items())

        def careful(record: list[str], number: int) -> ChargeLine:
            values = {column: record[position] for column, position in positions}
            return reader.line(values.get, f"rows[{number}]")

        convert = (
            compile_reader(index, careful, raw=raw)
            if not reader.checks.formulas and all(column in index for column in _FAST_COLUMNS)
            else careful
        )
        columns = len(header)
        for number, record in enumerate(records(lines), start=1):
            # (the length compared here first: a call per row only for a blank line or a bad row)
            if len(record) != columns and not is_row(record, columns, f"rows[{number}]"):
                continue
            yield convert(record, number)
    except csv.Error as error:
        raise csv_refusal(error) from None
    except CspError:
        raise
    except Exception as error:  # noqa: BLE001 - the caller's lines failed (a file closed while read)
        raise unreadable(error) from None


def _mapping_lines(rows: Iterable[Any], first: Mapping[str, Any], reader: _RowReader) -> Iterator[ChargeLine]:
    keys: dict[str, str] = {}
    layout: frozenset[str] | None = None
    for number, row in enumerate(_chain(first, rows)):
        where = f"rows[{number}]"
        if not isinstance(row, Mapping):
            raise InvalidInput(
                where, "expected a mapping of column names to values", row, code=ErrorCode.WRONG_TYPE
            )
        row_keys = frozenset(row)
        if row_keys != layout:
            layout = row_keys
            folded = p.distinct_keys(row, where)
            keys = {
                column: folded[column.casefold()] for column in _READ_COLUMNS if column.casefold() in folded
            }
            if "ProductName" not in keys and "skuname" in folded:
                keys["ProductName"] = folded["skuname"]
        current = row
        lookup = keys

        def get(column: str, current: Mapping[str, Any] = current, lookup: dict[str, str] = lookup) -> Any:
            key = lookup.get(column)
            return None if key is None else current.get(key)

        yield reader.line(get, where)  # a blank required cell: refused there, as in CSV text


def _chain(first: object, rest: Iterable[Any]) -> Iterator[Any]:
    yield first
    try:
        yield from rest
    except CspError:
        raise
    except Exception as error:  # noqa: BLE001 - the caller's rows failed while read
        raise unreadable(error) from None


def iter_recon_rows(
    rows: str | bytes | Iterable[str] | Iterable[Mapping[str, Any]], *, strict: bool = False
) -> Iterator[ChargeLine]:
    r"""Yield one charge line per reconciliation row, lazily (for files too big to hold at once).

    Accepts the CSV text (or bytes) of a new-commerce reconciliation file, an iterable of its text
    lines (an open file), or an iterable of row mappings keyed by Microsoft's column names (any
    case, ``DictReader`` rows or decoded JSON rows). Errors surface while iterating.

    Passed straight to :func:`reconcile` as the billed lines, the rows of a CSV file are read without
    building a line for each billed row that matches its expected line exactly.

    A row whose ``Total`` is not ``Subtotal + TaxTotal`` is read with subtotal plus tax as its total
    (a :class:`~cspcore.billing.ChargeLine` always holds that); :func:`check_recon_rows` reports such
    rows. With ``strict=True``, the first row that contradicts a documented formula (its total, or
    a subtotal that neither documented rounding of ``EffectiveUnitPrice × BillableQuantity``
    reproduces) raises :class:`~cspcore.errors.InvalidInput` naming the row and column.

    >>> text = (
    ...     "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
    ...     "Subtotal,Currency,ChargeStartDate,ChargeEndDate\n"
    ...     "2022-03-05,new,Microsoft 365 Business Standard,s1,12,12.00,10,120,EUR,2022-03-05,2022-04-04\n"
    ... )
    >>> [line.subtotal for line in iter_recon_rows(text)]
    [Money('120', 'EUR')]
    """
    return _recon_rows(rows, Checks(strict=_validate.flag(strict, "strict"), formulas=False))


def _recon_rows(rows: object, checks: Checks) -> ReconRows:
    reader = _RowReader(checks)
    if isinstance(rows, (bytes, bytearray, memoryview)):
        try:
            rows = bytes(rows).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InvalidInput(
                "rows",
                f"not UTF-8 text (byte {error.start})",
                None,
                show_value=False,
                code=ErrorCode.MALFORMED,
            ) from None
    if isinstance(rows, str):
        text = rows.removeprefix("\ufeff")
        return ReconRows(lambda *, raw: _csv_lines(io.StringIO(text, newline=""), reader, raw=raw))
    if isinstance(rows, Mapping) or not isinstance(rows, Iterable):
        raise InvalidInput(
            "rows",
            "expected CSV text, an iterable of text lines or of row mappings",
            rows,
            code=ErrorCode.WRONG_TYPE,
        )
    source = _read(rows)
    return ReconRows(lambda *, raw: _dispatch(source, reader, raw=raw))


def _read(rows: Iterable[Any]) -> Iterator[Any]:
    """``iter(rows)``; a caller's iterable that cannot be read (a closed file) is an InvalidInput."""
    try:
        return iter(rows)
    except Exception as error:  # noqa: BLE001 - a closed file raises ValueError here
        raise unreadable(error) from None


_NOTHING: Final = object()


def _dispatch(rows: Iterator[Any], reader: _RowReader, *, raw: bool) -> Iterator[Any]:
    """The lines (or raw rows) of an iterable, read as CSV text lines or as row mappings by its first item.

    Called when iteration starts (from :meth:`ReconRows.__iter__`), so errors still surface then.
    """
    try:
        first = next(rows, _NOTHING)
    except CspError:
        raise
    except Exception as error:  # noqa: BLE001 - an iterable supplied by the caller failed
        raise unreadable(error) from None
    if first is _NOTHING:
        return iter(())
    if isinstance(first, (bytes, bytearray)):
        raise InvalidInput(
            "rows",
            "lines are bytes; open the file in text mode (encoding='utf-8-sig')",
            first[:40],
            code=ErrorCode.WRONG_TYPE,
        )
    if isinstance(first, str):
        return _csv_lines(itertools.chain((first,), rows), reader, raw=raw)
    return _mapping_lines(rows, first, reader)  # type: ignore[arg-type]  # each row is checked there


def parse_recon_rows(
    rows: str | bytes | Iterable[str] | Iterable[Mapping[str, Any]], *, strict: bool = False
) -> tuple[ChargeLine, ...]:
    """Parse new-commerce reconciliation rows into charge lines (all at once; see :func:`iter_recon_rows`).

    Columns are Microsoft's (``modern-invoice-reconciliation-file.md``), matched in any case; the
    quantity is ``BillableQuantity`` (``Quantity`` when blank). Columns cspcore does not model are
    ignored. Every row is read; :func:`check_recon_rows` reports the rows whose figures contradict
    Microsoft's formulas, and ``strict=True`` refuses them (see :func:`iter_recon_rows`).

    Raises:
        InvalidInput: naming ``rows[n].<Column>`` for a missing or malformed value (and, when
            ``strict``, an inconsistent one), or ``header`` for missing required columns.

    >>> rows = [
    ...     {
    ...         "OrderDate": "2021-07-17",
    ...         "ChargeType": "cancelImmediate",
    ...         "ProductName": "M365 BS",
    ...         "SubscriptionId": "s1",
    ...         "UnitPrice": "10.08",
    ...         "EffectiveUnitPrice": "-9.42",
    ...         "BillableQuantity": "10",
    ...         "Subtotal": "-94.2",
    ...         "Currency": "EUR",
    ...         "ChargeStartDate": "2021-07-17",
    ...         "ChargeEndDate": "2021-08-14",
    ...     }
    ... ]
    >>> (line,) = parse_recon_rows(rows)
    >>> line.is_refund, line.days
    (True, 29)
    """
    return tuple(iter_recon_rows(rows, strict=strict))


def check_recon_rows(rows: str | bytes | Iterable[str] | Iterable[Mapping[str, Any]]) -> ParseReport:
    r"""Read every reconciliation row, and report each one whose figures contradict Microsoft's formulas.

    ``Subtotal`` must follow from ``EffectiveUnitPrice × BillableQuantity`` (at ``PCToBCExchangeRate``
    when the file has it) by one of the two documented roundings, price per unit first or the line
    total (:func:`~cspcore.interop.consistency.subtotal_roundings`); the report says which one each
    row matches. ``Total`` must be ``Subtotal + TaxTotal``. Rows are numbered as the errors of
    :func:`parse_recon_rows` number them.

    Raises:
        InvalidInput: for what cannot be read at all (as :func:`parse_recon_rows`).

    >>> report = check_recon_rows(
    ...     "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,"
    ...     "BillableQuantity,Subtotal,Currency,ChargeStartDate,ChargeEndDate\n"
    ...     "2022-03-05,new,M365 BS,s1,12,12.00,10,120,EUR,2022-03-05,2022-04-04\n"
    ...     "2022-03-05,new,M365 BS,s2,12,12.00,0,120,EUR,2022-03-05,2022-04-04\n"
    ... )
    >>> [(issue.where, issue.field, issue.stated) for issue in report.issues]
    [('rows[2]', 'Subtotal', Money('120', 'EUR'))]
    >>> [rounding.value for rounding in report.roundings[0]]
    ['unitPriceFirst', 'lineTotal']
    """
    checks = Checks(strict=False, formulas=True)
    lines = tuple(_recon_rows(rows, checks))
    return ParseReport(lines=lines, issues=tuple(checks.issues), roundings=tuple(checks.roundings))
