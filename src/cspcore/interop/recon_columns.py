r"""Reconciliation-file columns, and charge lines written as reconciliation rows.

:data:`RECON_COLUMNS` is the set of columns cspcore reads and writes, in Microsoft's spelling and
order; :func:`to_recon_rows` writes charge lines in them, and
:func:`~cspcore.interop.recon_csv.parse_recon_rows` reads such rows back to equal lines.

>>> RECON_COLUMNS[:3]
('CustomerId', 'OrderDate', 'ProductName')

Source: ``modern-invoice-reconciliation-file.md``.

.. versionadded:: 0.1.0
.. versionchanged:: 0.1.0
   Moved from :mod:`cspcore.interop.recon_csv` (reading stays there), which still re-exports both names.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Final

from cspcore.errors import ErrorCode, InvalidInput
from cspcore.interop._payload import NO_DATE
from cspcore.interop._rules import OneCurrency, charge_lines, plain, unstripped

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from cspcore.billing.charges import ChargeLine

__all__ = ["EXCHANGE_COLUMNS", "RECON_COLUMNS", "column_key", "header_positions", "is_row", "to_recon_rows"]

#: The reconciliation-file columns that :func:`to_recon_rows` writes, in Microsoft's spelling and
#: order (``modern-invoice-reconciliation-file.md``).
#: :func:`~cspcore.interop.recon_csv.parse_recon_rows` reads these and ignores the others a full file
#: carries (PartnerId, MPNID, ...). The last three (:data:`EXCHANGE_COLUMNS`) are blank on a line
#: priced in its billing currency, and a file without them is read as such.
RECON_COLUMNS: Final = (
    "CustomerId",
    "OrderDate",
    "ProductName",
    "ChargeType",
    "UnitPrice",
    "Quantity",
    "Subtotal",
    "TaxTotal",
    "Total",
    "Currency",
    "SubscriptionId",
    "ChargeStartDate",
    "ChargeEndDate",
    "TermAndBillingCycle",
    "EffectiveUnitPrice",
    "BillableQuantity",
    "BillingFrequency",
    "SubscriptionStartDate",
    "SubscriptionEndDate",
    "ReferenceId",
    "ProductQualifiers",
    "PricingCurrency",
    "PCToBCExchangeRate",
    "PCToBCExchangeRateDate",
)
#: The columns of a line priced in another currency than it is billed in (``ChargeLine.pricing_currency``,
#: ``exchange_rate`` and ``exchange_rate_date``): optional when reading.
EXCHANGE_COLUMNS: Final = RECON_COLUMNS[-3:]


def column_key(name: str) -> str:
    """The key a header's column name is read by: blanks and a byte-order mark around it dropped, case folded.

    A name whose key is a column's (``column_key(column)``) is read as that column.

    >>> column_key("\ufeffSubscriptionId ") == column_key("subscriptionid")
    True
    """
    return name.strip().removeprefix("\ufeff").casefold()


def header_positions(names: Sequence[str], field: str = "header") -> dict[str, int]:
    """The position of each column a header names, by its :func:`column_key`; a column named twice is refused.

    Every reader and splitter of a CSV file (reconciliation rows, usage rows, the partitions of
    either) reads its header through this, so that none can take one copy of a column and another
    reader the other: a header that names a column twice (``SubscriptionId`` and ``subscriptionid ``)
    is refused as ``field`` with code ``duplicate``. Blank names name no column.

    >>> header_positions(["SubscriptionId", "Subtotal"])
    {'subscriptionid': 0, 'subtotal': 1}
    >>> try:
    ...     header_positions(["SubscriptionId", "Subtotal", "subscriptionId "])
    ... except InvalidInput as error:
    ...     print(error.field, error.code.value)
    header duplicate
    """
    positions: dict[str, int] = {}
    for position, name in enumerate(names):
        key = column_key(name)
        if key in positions and key:
            raise InvalidInput(
                field,
                f"names the column {name.strip()!r} twice",
                tuple(names[:50]),
                code=ErrorCode.DUPLICATE,
            )
        positions[key] = position
    return positions


def is_row(record: Sequence[str], columns: int, field: str) -> bool:
    """Whether a CSV record is a row to read under a header of ``columns`` names: as many cells as it names.

    A blank line (no cells) is no row: ``False``, and the readers skip it. A record of any other
    count of cells is refused as ``field`` (the row, ``rows[3]``) with code ``malformed``. More cells
    than the header names are the mark of a comma left unquoted; fewer, of a cell dropped. Either way
    the cells after it stand under the wrong names, so the row cannot be read, even where the cells
    missing are the trailing ones: Partner Center writes every cell of every row, a blank one as
    nothing between two commas, and a row cut short at its end cannot be told from a row with a
    cell dropped in its middle. Every reader of CSV rows (reconciliation and usage, in one process or
    a partition at a time) checks its rows through this; the columnar path, whose CSV reader will not
    read such a row either, hands its file to them.

    >>> is_row(["s1", "12"], 2, "rows[1]"), is_row([], 2, "rows[2]")
    (True, False)
    >>> try:
    ...     is_row(["s1"], 2, "rows[3]")
    ... except InvalidInput as error:
    ...     print(error.field, error.code.value)
    rows[3] malformed
    """
    if len(record) == columns:
        return True
    if not record:
        return False
    raise InvalidInput(
        field, f"has {len(record)} cells, the header {columns}", record, code=ErrorCode.MALFORMED
    )


def to_recon_rows(lines: Iterable[ChargeLine]) -> Iterator[dict[str, str]]:
    r"""Write charge lines as reconciliation rows in Microsoft's column names (:data:`RECON_COLUMNS`), lazily.

    Amounts keep every digit (``EffectiveUnitPrice`` at full precision); dates are ISO 8601; absent
    values are blank (the exchange columns too, on a line priced in its billing currency).
    :func:`parse_recon_rows` reads the rows back to equal lines. The lines are one
    file's, so in one currency: a line in another raises :class:`~cspcore.errors.CurrencyMismatch`
    (``lines[4].currency``) when the iteration reaches it, as does an item that is not a ChargeLine
    (:class:`~cspcore.errors.InvalidInput`). So does a line the rows cannot hold faithfully (code
    ``not_allowed``, naming ``lines[4].product``): a text with blanks around it, a ``ProductQualifiers``
    entry too (the readers strip them), or a date of ``0001-01-01`` (Partner Center's "no date": read
    back as none where the date is optional, refused as missing where it is required).

    >>> from cspcore.interop.partner_center import parse_recon_rows
    >>> rows = list(
    ...     to_recon_rows(
    ...         parse_recon_rows(
    ...             "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,"
    ...             "BillableQuantity,Subtotal,Currency,ChargeStartDate,ChargeEndDate\n"
    ...             "2022-03-05,new,M365 BS,sub-1,12,12.00,10,120,EUR,2022-03-05,2022-04-04\n"
    ...         )
    ...     )
    ... )
    >>> rows[0]["Total"], rows[0]["ChargeType"], rows[0]["ChargeEndDate"]
    ('120', 'new', '2022-04-04')
    """
    for index, line in enumerate(charge_lines(lines, "lines", OneCurrency())):
        _faithful(line, f"lines[{index}]")
        yield {
            "CustomerId": line.customer_id or "",
            "OrderDate": line.order_date.isoformat(),
            "ProductName": line.product,
            "ChargeType": line.charge_type.value,
            "UnitPrice": plain(line.unit_price.amount),
            "Quantity": plain(line.quantity),
            "Subtotal": plain(line.subtotal.amount),
            "TaxTotal": plain(line.tax.amount),
            "Total": plain(line.total.amount),
            "Currency": line.currency,
            "SubscriptionId": line.subscription_id,
            "ChargeStartDate": line.charge_start.isoformat(),
            "ChargeEndDate": line.charge_end.isoformat(),
            "TermAndBillingCycle": line.term_and_billing_cycle or "",
            "EffectiveUnitPrice": plain(line.effective_unit_price.amount),
            "BillableQuantity": plain(line.quantity),
            "BillingFrequency": line.billing_frequency or "",
            "SubscriptionStartDate": ""
            if line.subscription_start is None
            else line.subscription_start.isoformat(),
            "SubscriptionEndDate": "" if line.subscription_end is None else line.subscription_end.isoformat(),
            "ReferenceId": line.reference_id or "",
            "ProductQualifiers": _qualifiers_text(line.qualifiers),
            "PricingCurrency": line.pricing_currency or "",
            "PCToBCExchangeRate": "" if line.exchange_rate is None else plain(line.exchange_rate),
            "PCToBCExchangeRateDate": ""
            if line.exchange_rate_date is None
            else line.exchange_rate_date.isoformat(),
        }


#: The texts a reader strips, and the optional dates it reads ``0001-01-01`` in as none.
_TEXTS: Final = ("product", "subscription_id", "customer_id", "reference_id", "term_and_billing_cycle",
                 "billing_frequency")  # fmt: skip
_OPTIONAL_DATES: Final = ("subscription_start", "subscription_end", "exchange_rate_date")
#: The required dates, which a reader refuses as missing when ``0001-01-01``.
_REQUIRED_DATES: Final = ("order_date", "charge_start", "charge_end")


def _faithful(line: ChargeLine, where: str) -> None:
    """Refuse a line whose rows would read back as another line (see :func:`to_recon_rows`)."""
    for name in _TEXTS:
        unstripped(getattr(line, name), f"{where}.{name}")
    for qualifier in line.qualifiers:
        unstripped(qualifier, f"{where}.qualifiers")
    for name in (*_OPTIONAL_DATES, *_REQUIRED_DATES):
        if getattr(line, name) == NO_DATE:
            raise InvalidInput(
                f"{where}.{name}",
                "is 0001-01-01, Partner Center's no date: the row would read back with none"
                if name in _OPTIONAL_DATES
                else "is 0001-01-01, Partner Center's no date: the row would be refused as missing it",
                NO_DATE,
                code=ErrorCode.NOT_ALLOWED,
            )


def _qualifiers_text(qualifiers: tuple[str, ...]) -> str:
    if not qualifiers:
        return ""
    return json.dumps(list(qualifiers), ensure_ascii=False, separators=(",", ":"))
