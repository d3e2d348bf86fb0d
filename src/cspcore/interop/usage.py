r"""Azure plan usage: the daily-rated usage file and the consumption line items ⇄ usage lines.

Two sources carry the same daily-rated usage lines (:class:`~cspcore.billing.usage.UsageLine`):
the daily-rated usage reconciliation file (CSV, ``daily-rated-usage-recon-files.md``), read row by
row as a stream, and the billed or unbilled commercial consumption line items (JSON,
``developer/get-invoice-billed-consumption-lineitems.md``,
``developer/get-invoice-unbilled-consumption-lineitems.md``: ``DailyRatedUsageLineItem``). Both
write back (:func:`to_usage_rows`, :func:`to_usage_line_items`) to what reads as the same lines.

>>> text = (
...     "UsageDate,SubscriptionId,MeterId,Quantity,UnitPrice,EffectiveUnitPrice,BillingPreTaxTotal,"
...     "BillingCurrency,PricingPreTaxTotal,PricingCurrency,PartnerEarnedCreditPercentage\n"
...     "2022-06-03,sub-1,m-1,24,0.096,0.0816,1.9584,USD,1.9584,USD,15\n"
... )
>>> (line,) = iter_usage_rows(text)
>>> line.quantity, line.pec_rate, line.billing_total
(Decimal('24'), Decimal('0.15'), Money('1.9584', 'USD'))
>>> to_usage_rows([line])[0]["PartnerEarnedCreditPercentage"]
'15'

Percentages: the file writes ``PartnerEarnedCreditPercentage`` and ``CreditPercentage`` in percent
(``15``); the API writes ``rateOfPartnerEarnedCredit`` and ``rateOfCredit`` as fractions (``rateOfCredit``
is ``1`` where ``creditType`` is ``Azure Credit Applied``). A usage line holds fractions.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import csv
import io
import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Final

from cspcore import _decimal, _validate
from cspcore.billing.usage import UsageLine
from cspcore.errors import CspError, ErrorCode, InvalidInput
from cspcore.interop import _cells as cells
from cspcore.interop import _payload as p
from cspcore.interop._checks import exchange_rate
from cspcore.interop._rules import OneCurrency, csv_refusal, plain, unstripped
from cspcore.interop.recon_columns import header_positions, is_row

__all__ = [
    "USAGE_COLUMNS",
    "iter_usage_rows",
    "parse_usage_line_items",
    "parse_usage_rows",
    "to_usage_line_items",
    "to_usage_rows",
]

#: A usage line's fields: (attribute, the file's column, the API's key, kind of cell).
_FIELDS: Final = (
    ("usage_date", "UsageDate", "usageDate", "date"),
    ("subscription_id", "SubscriptionId", "subscriptionId", "text"),
    ("meter_id", "MeterId", "meterId", "text"),
    ("meter_name", "MeterName", "meterName", "optional_text"),
    ("meter_category", "MeterCategory", "meterCategory", "optional_text"),
    ("resource_uri", "ResourceURI", "resourceUri", "optional_text"),
    ("quantity", "Quantity", "quantity", "quantity"),
    ("unit_price", "UnitPrice", "unitPrice", "number"),
    ("effective_unit_price", "EffectiveUnitPrice", "effectiveUnitPrice", "optional_number"),
    ("billing_pre_tax_total", "BillingPreTaxTotal", "billingPreTaxTotal", "number"),
    ("billing_currency", "BillingCurrency", "billingCurrency", "currency"),
    ("pricing_pre_tax_total", "PricingPreTaxTotal", "pricingPreTaxTotal", "number"),
    ("pricing_currency", "PricingCurrency", "pricingCurrency", "currency"),
    ("exchange_rate", "PCToBCExchangeRate", "pcToBCExchangeRate", "rate"),
    ("exchange_rate_date", "PCToBCExchangeRateDate", "pcToBCExchangeRateDate", "optional_date"),
    ("pec_rate", "PartnerEarnedCreditPercentage", "rateOfPartnerEarnedCredit", "share"),
    ("credit_rate", "CreditPercentage", "rateOfCredit", "share"),
    ("credit_type", "CreditType", "creditType", "optional_text"),
    ("entitlement_id", "EntitlementId", "entitlementId", "optional_text"),
    ("customer_id", "CustomerId", "customerId", "optional_text"),
    ("invoice_number", "InvoiceNumber", "invoiceNumber", "optional_text"),
    ("charge_type", "ChargeType", "chargeType", "optional_text"),
    ("charge_start", "ChargeStartDate", "chargeStartDate", "optional_date"),
    ("charge_end", "ChargeEndDate", "chargeEndDate", "optional_date"),
)

#: The columns :func:`to_usage_rows` writes, in order: Microsoft's names for what a usage line holds.
USAGE_COLUMNS: Final = tuple(column for _, column, _, _ in _FIELDS)
_REQUIRED: Final = tuple(
    column for _, column, _, kind in _FIELDS if kind in {"date", "text", "quantity", "number"}
)
_HUNDRED: Final = Decimal(100)

Getter = Callable[[str], Any]


def _share(raw: object, field: str, *, percent: bool) -> Decimal:
    """A percentage cell (``15``) or an API rate (``0.15``), as a fraction."""
    if cells.blank(raw):
        return Decimal(0)
    value = p.to_decimal(raw, field)
    if percent:
        value = _decimal.exact(_decimal.EXACT.divide, value, _HUNDRED)
    return _validate.fraction(value, field)


def _rate(raw: object, field: str, billing: str, pricing: str) -> Decimal:
    """``PCToBCExchangeRate``: 1 when blank and both currencies are one; required otherwise."""
    if cells.blank(raw) and billing != pricing:
        raise InvalidInput(
            field, f"is required with the pricing currency {pricing}", raw, code=ErrorCode.MISSING
        )
    return exchange_rate(raw, field)


def _required(read: Callable[[Any, str], Any]) -> Callable[[Any, str], Any]:
    def check(raw: object, field: str) -> Any:
        if cells.blank(raw):
            raise InvalidInput(field, "is required", raw, code=ErrorCode.MISSING)
        return read(raw, field)

    return check


def _optional_number(raw: object, field: str) -> Decimal | None:
    return None if cells.blank(raw) else p.to_decimal(raw, field)


def _ignored(_raw: object, _field: str) -> None:
    """The exchange rate: read with both currencies known (:func:`_rate`)."""


#: How each kind of cell is read (the same rules as the reconciliation file's, :mod:`._cells`).
_READERS: Final[Mapping[str, Callable[[Any, str], Any]]] = {
    "date": _required(cells.date),
    "optional_date": cells.optional_date,
    "text": _required(cells.text),
    "optional_text": cells.optional_text,
    "quantity": _required(cells.quantity),
    "number": _required(p.to_decimal),
    "optional_number": _optional_number,
    "currency": _required(p.currency),
    "rate": _ignored,
}


def _read_line(get: Getter, where: str, *, api: bool) -> UsageLine:
    """One usage line from ``get(name)`` (the raw cell or value, or None), naming ``where`` in errors."""
    values: dict[str, Any] = {}
    for attribute, column, key, kind in _FIELDS:
        name = key if api else column
        field = f"{where}.{name}"
        if kind == "share":
            values[attribute] = _share(get(name), field, percent=not api)
        else:
            values[attribute] = _READERS[kind](get(name), field)
    rate_name = "pcToBCExchangeRate" if api else "PCToBCExchangeRate"
    values["exchange_rate"] = _rate(
        get(rate_name), f"{where}.{rate_name}", values["billing_currency"], values["pricing_currency"]
    )
    try:
        return UsageLine(**values)
    except InvalidInput as error:
        column = next(
            (key if api else col for attr, col, key, _ in _FIELDS if attr == error.field), error.field
        )
        raise error.renamed(f"{where}.{column}") from None


# --- the daily-rated usage file (CSV) ---------------------------------------------------------------


def iter_usage_rows(rows: str | bytes | Iterable[str] | Iterable[Mapping[str, Any]]) -> Iterator[UsageLine]:
    r"""Yield one usage line per row of a daily-rated usage file, lazily and in constant memory per row.

    Accepts the file's CSV text (or bytes), an iterable of its text lines (an open file: only one
    row is held at a time), or an iterable of row mappings keyed by Microsoft's column names (any
    case). Columns beyond :data:`USAGE_COLUMNS` are ignored. Errors surface while iterating, naming
    ``rows[n].<Column>`` (``n`` counts data rows from 1 in CSV, from 0 for mappings).

    Raises:
        InvalidInput: a missing column or cell (``MISSING``), a cell that is not what its column
            holds (``NOT_A_NUMBER``, ``MALFORMED``, ``UNKNOWN_VALUE``, ``OUT_OF_RANGE`` for a
            percentage over 100, ``INCONSISTENT`` for a rate other than 1 between one currency),
            malformed CSV, or a file that cannot be read (``IO_FAILED``).

    >>> rows = [
    ...     "UsageDate,SubscriptionId,MeterId,Quantity,UnitPrice,BillingPreTaxTotal,BillingCurrency,"
    ...     "PricingPreTaxTotal,PricingCurrency,PCToBCExchangeRate\n",
    ...     "2022-06-03,s,m,2,1.5,2.76,EUR,3,USD,0.92\n",
    ... ]
    >>> [(line.billing_total, line.exchange_rate) for line in iter_usage_rows(rows)]
    [(Money('2.76', 'EUR'), Decimal('0.92'))]
    """
    if isinstance(rows, (bytes, bytearray, memoryview)):
        rows = p.utf8_text(rows, "rows")
    if isinstance(rows, str):
        return _csv_lines(io.StringIO(rows.removeprefix("\ufeff"), newline=""))
    if isinstance(rows, Mapping) or not isinstance(rows, Iterable):
        raise InvalidInput(
            "rows",
            "expected CSV text, an iterable of text lines or of row mappings",
            rows,
            code=ErrorCode.WRONG_TYPE,
        )
    return _dispatch(rows)


def _dispatch(rows: Iterable[Any]) -> Iterator[UsageLine]:
    source = _guarded(rows)
    first = next(source, None)
    if first is None:
        return
    if isinstance(first, (bytes, bytearray)):
        raise InvalidInput(
            "rows", "lines are bytes; open the file in text mode (encoding='utf-8-sig')", first[:40],
            code=ErrorCode.WRONG_TYPE,
        )  # fmt: skip
    if isinstance(first, str):
        yield from _csv_lines(itertools.chain((first,), source))
        return
    seen = OneCurrency()
    layout: frozenset[Any] = frozenset()  # the last keys checked for case duplicates (rows share them)
    for number, row in enumerate(itertools.chain((first,), source)):
        where = f"rows[{number}]"
        if not isinstance(row, Mapping):
            raise InvalidInput(
                where, "expected a mapping of column names to values", row, code=ErrorCode.WRONG_TYPE
            )
        keys = frozenset(row)
        if keys != layout:
            p.distinct_keys(row, where)
            layout = keys
        line = _read_line(_mapping_getter(row, where), where, api=False)
        yield _one_currency(line, seen, f"{where}.BillingCurrency")


def _one_currency(line: UsageLine, seen: OneCurrency, field: str) -> UsageLine:
    """``line``, if billed in the currency of the lines before it (a usage file is billed in one)."""
    seen.check(line.billing_currency, field)
    return line


def _mapping_getter(row: Mapping[str, Any], where: str) -> Getter:
    def get(name: str) -> Any:
        return p.lookup(row, name, where, required=False)

    return get


def _record_getter(record: list[str], index: Mapping[str, int]) -> Getter:
    def get(name: str) -> str | None:
        position = index.get(name)
        return None if position is None else record[position]

    return get


def _guarded(rows: Iterable[Any]) -> Iterator[Any]:
    """The caller's rows; a failure to read them (a closed file) is an ``IO_FAILED`` InvalidInput."""
    try:
        yield from rows
    except CspError:
        raise
    except Exception as error:  # noqa: BLE001 - the caller's iterable failed
        raise InvalidInput(
            "rows",
            f"could not be read: {type(error).__name__}",
            None,
            show_value=False,
            code=ErrorCode.IO_FAILED,
        ) from None


def _csv_lines(lines: Iterable[str]) -> Iterator[UsageLine]:
    reader = csv.reader(_guarded(lines), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            return
        folded = header_positions(header)
        index = {column: folded[column.casefold()] for column in USAGE_COLUMNS if column.casefold() in folded}
        missing = [column for column in _REQUIRED if column not in index]
        missing += [c for c in ("BillingCurrency", "PricingCurrency") if c not in index]
        if missing:
            raise InvalidInput(
                "header", f"missing required columns: {', '.join(missing)}", tuple(header[:60]),
                code=ErrorCode.MISSING,
            )  # fmt: skip
        columns = len(header)
        seen = OneCurrency()
        for number, record in enumerate(reader, start=1):
            if not is_row(record, columns, f"rows[{number}]"):
                continue
            yield _one_currency(
                _read_line(_record_getter(record, index), f"rows[{number}]", api=False),
                seen,
                f"rows[{number}].BillingCurrency",
            )
    except csv.Error as error:
        raise csv_refusal(error) from None


def parse_usage_rows(
    rows: str | bytes | Iterable[str] | Iterable[Mapping[str, Any]],
) -> tuple[UsageLine, ...]:
    """All the usage lines of a daily-rated usage file at once (:func:`iter_usage_rows`, collected).

    >>> parse_usage_rows(
    ...     "UsageDate,SubscriptionId,MeterId,Quantity,UnitPrice,BillingPreTaxTotal,"
    ...     "BillingCurrency,PricingPreTaxTotal,PricingCurrency\\n"
    ... )
    ()
    """  # noqa: D301 - the doctest writes a CSV line break
    return tuple(iter_usage_rows(rows))


#: The kinds of a :data:`_FIELDS` column that hold a date.
_DATES: Final = frozenset({"date", "optional_date"})


#: The kinds of a :data:`_FIELDS` column that hold a text (which the readers strip).
_TEXTS: Final = frozenset({"text", "optional_text"})


def _faithful(attribute: str, kind: str, value: object, index: int) -> None:
    """Refuse a line's value that a usage row or line item cannot hold so that it reads back as itself.

    A date of ``0001-01-01`` is Partner Center's "no date": read back, it is refused as missing where
    the date is required and read as none where it is optional. A text with blanks around it reads
    back stripped (:func:`~cspcore.interop._rules.unstripped`).
    """
    if kind in _TEXTS and isinstance(value, str):
        unstripped(value, f"lines[{index}].{attribute}")
    if kind in _DATES and value == p.NO_DATE:
        raise InvalidInput(
            f"lines[{index}].{attribute}",
            "is 0001-01-01, Partner Center's no date: it would not read back as this line",
            value,
            code=ErrorCode.NOT_ALLOWED,
        )


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return plain(value)
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def to_usage_rows(lines: Iterable[UsageLine]) -> list[dict[str, str]]:
    """Usage lines as rows of a daily-rated usage file (:data:`USAGE_COLUMNS`), every digit kept.

    Percentages are written in percent, as the file does; dates as ISO 8601; absent values blank.
    ``parse_usage_rows`` of the rows (as mappings, or written with :class:`csv.DictWriter`) gives the
    lines back. A line the rows cannot hold faithfully is refused (code ``not_allowed``, naming
    ``lines[i].usage_date``): a date of ``0001-01-01``, Partner Center's "no date", which a reader
    refuses as missing where the date is required and reads as none where it is optional, or a text
    with blanks around it (``lines[i].meter_id``), which a reader strips.

    >>> to_usage_rows([])
    []
    """
    rows = []
    _validate.iterator(lines, "lines")  # refuses what is not an iterable of lines
    for index, line in enumerate(_validate.bounded(lines, "lines")):
        _validate.instance(line, UsageLine, f"lines[{index}]")
        row = {}
        for attribute, column, _, kind in _FIELDS:
            value = getattr(line, attribute)
            _faithful(attribute, kind, value, index)
            if kind == "share":
                value = _decimal.exact(_decimal.EXACT.multiply, value, _HUNDRED).normalize(_decimal.EXACT)
            row[column] = _cell(value)
        rows.append(row)
    return rows


# --- the consumption line items (JSON) --------------------------------------------------------------


def parse_usage_line_items(payload: str | bytes | Mapping[str, Any] | list[Any]) -> tuple[UsageLine, ...]:
    """Parse billed or unbilled commercial consumption line items (``DailyRatedUsageLineItem``).

    ``GET /v1/invoices/{id}/lineitems?provider=onetime&invoicelineitemtype=usagelineitems`` (billed)
    and ``GET /v1/invoices/unbilled/lineitems?provider=onetime&invoicelineitemtype=usagelineitems``
    (unbilled) return these: each carries ``unitPrice``, ``effectiveUnitPrice``,
    ``billingPreTaxTotal`` and ``pricingPreTaxTotal``. JSON numbers are read exactly (never as floats).

    Raises:
        InvalidInput: naming ``items[i].<key>``. A legacy Azure ``DailyUsageLineItem`` (the
            MS-AZR-0145P ``usage_line_items`` of ``provider=azure``, with a consumed quantity and no
            price or amount) is refused with ``NOT_ALLOWED`` on ``items[i].unitPrice``: it cannot be
            rated, only its billing line items can.

    >>> import json
    >>> (line,) = parse_usage_line_items(json.dumps({"items": [{
    ...     "usageDate": "2019-01-01T00:00:00Z", "subscriptionId": "s", "meterId": "4core",
    ...     "unitPrice": 1.2799888920023, "quantity": 24.0, "billingPreTaxTotal": 30.7197334080551,
    ...     "billingCurrency": "USD", "pricingPreTaxTotal": 30.7197334080551, "pricingCurrency": "USD",
    ... }]}))  # fmt: skip
    >>> line.unit_price, line.quantity
    (Decimal('1.2799888920023'), Decimal('24.0'))
    """
    lines = []
    seen = OneCurrency()
    for index, item in enumerate(p.items_of(p.load_json(payload))):
        where = f"items[{index}]"
        row = p.mapping(item, where)
        if p.lookup(row, "unitPrice", where, required=False) is None and (
            p.lookup(row, "billingPreTaxTotal", where, required=False) is None
        ):
            raise InvalidInput(
                f"{where}.unitPrice",
                "a legacy daily usage line item carries no price or amount; read its billing line items",
                p.lookup(row, "invoiceLineItemType", where, required=False),
                code=ErrorCode.NOT_ALLOWED,
            )
        lines.append(
            _one_currency(
                _read_line(_mapping_getter(row, where), where, api=True), seen, f"{where}.billingCurrency"
            )
        )
    return tuple(lines)


def to_usage_line_items(lines: Iterable[UsageLine]) -> dict[str, Any]:
    """Usage lines as a consumption line-item collection (``DailyRatedUsageLineItem`` items).

    Numbers are written as strings of every digit (Partner Center's payloads write both numbers and
    strings; a string survives any JSON library exactly); rates as fractions, dates as ISO 8601.
    :func:`parse_usage_line_items` of the result (or of its ``json.dumps``) gives the lines back; a
    line it could not give back is refused, as :func:`to_usage_rows` refuses it.

    >>> to_usage_line_items([])
    {'totalCount': 0, 'items': [], 'attributes': {'objectType': 'Collection'}}
    """
    items = []
    _validate.iterator(lines, "lines")  # refuses what is not an iterable of lines
    for index, line in enumerate(_validate.bounded(lines, "lines")):
        _validate.instance(line, UsageLine, f"lines[{index}]")
        item: dict[str, Any] = {}
        for attribute, _, key, kind in _FIELDS:
            value = getattr(line, attribute)
            _faithful(attribute, kind, value, index)
            if value is not None:
                item[key] = _cell(value)
        item["invoiceLineItemType"] = "usage_line_items"
        item["attributes"] = {"objectType": "DailyRatedUsageLineItem"}
        items.append(item)
    return {"totalCount": len(items), "items": items, "attributes": {"objectType": "Collection"}}
