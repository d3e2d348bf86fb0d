"""Partner Center invoices and invoice summaries ⇄ cspcore values.

>>> from cspcore.interop.invoices import parse_invoice
>>> invoice = parse_invoice('''{"id": "G000024135", "invoiceDate": "2018-02-08T22:40:37.5897767Z",
...     "totalCharges": 2076.63, "currencyCode": "USD", "documentType": "invoice"}''')
>>> invoice.id, invoice.issued, invoice.total_charges
('G000024135', datetime.date(2018, 2, 8), Money('2076.63', 'USD'))

Source: ``developer/invoice-resources.md``.

.. versionadded:: 0.1.0
   In :mod:`cspcore.interop.partner_center`, which still re-exports every name.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _validate
from cspcore.billing.invoices import DocumentType, Invoice
from cspcore.enums import CspEnum
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.interop import _payload as p
from cspcore.interop._rules import one_currency
from cspcore.money import Money, as_money

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["InvoiceSummary", "InvoiceType", "parse_invoice", "parse_invoice_summaries", "parse_invoices"]


class InvoiceType(CspEnum):
    """Partner Center's ``invoiceType``: recurring (legacy) or one-time (new commerce and Azure plan)."""

    RECURRING = "recurring"
    ONE_TIME = "one_time"


# -- invoices ----------------------------------------------------------------------------------------


def _document_type(value: object, field: str) -> DocumentType:
    if value is None:
        return DocumentType.INVOICE
    return _validate.enum_member(DocumentType, value, field)


#: How deeply amendments may nest (an amendment of an amendment of ...): far beyond any real invoice,
#: and shallow enough that a hostile payload cannot exhaust the stack.
_MAX_AMENDMENT_DEPTH: Final = 32


def _invoice(item: Mapping[str, Any], where: str, depth: int = 0) -> Invoice:
    code = p.currency(p.lookup(item, "currencyCode", where), f"{where}.currencyCode")
    total = p.number(item, "totalCharges", where)
    paid = p.number(item, "paidAmount", where, required=False)
    amendments_raw = p.lookup(item, "amendments", where, required=False) or ()
    if not isinstance(amendments_raw, (list, tuple)):
        raise InvalidInput(
            f"{where}.amendments", "expected a list", amendments_raw, code=ErrorCode.WRONG_TYPE
        )
    if amendments_raw and depth >= _MAX_AMENDMENT_DEPTH:
        raise InvalidInput(
            f"{where}.amendments",
            f"nested more than {_MAX_AMENDMENT_DEPTH} deep",
            None,
            show_value=False,
            code=ErrorCode.TOO_LONG,
        )
    amendments = tuple(
        _invoice(
            p.mapping(amendment, f"{where}.amendments[{index}]"), f"{where}.amendments[{index}]", depth + 1
        )
        for index, amendment in enumerate(amendments_raw)
    )
    try:
        return Invoice(
            id=p.text(item, "id", where) or "",
            issued=p.date_field(item, "invoiceDate", where) or dt.date.min,
            currency=code,
            total_charges=Money(total, code),  # type: ignore[arg-type]
            paid_amount=None if paid is None else Money(paid, code),
            document_type=_document_type(
                p.lookup(item, "documentType", where, required=False), f"{where}.documentType"
            ),
            billing_period_start=p.date_field(item, "billingPeriodStartDate", where, required=False),
            billing_period_end=p.date_field(item, "billingPeriodEndDate", where, required=False),
            amendments=amendments,
            amends_of=p.text(item, "amendsOf", where, required=False),
        )
    except InvalidInput as error:
        if error.field.startswith(where):
            raise
        field = error.field
        if field.startswith("amendments[") and field.endswith("].currency"):  # the payload's key
            field = field.removesuffix("currency") + "currencyCode"
        raise error.renamed(f"{where}.{field}") from None


def parse_invoice(payload: str | bytes | Mapping[str, Any]) -> Invoice:
    """Parse one Partner Center ``Invoice`` resource (``GET /v1/invoices/{id}``).

    Amounts become :class:`~cspcore.Money` in ``currencyCode``; dates are the UTC calendar dates of
    Partner Center's date-times. Nested ``amendments`` become :attr:`Invoice.amendments`; the line
    items are fetched separately (see :func:`parse_invoice_line_items`).

    Args:
        payload: The JSON text, its UTF-8 bytes, or the decoded object (numbers as ``Decimal``, ``int``
            or ``str``; floats are refused, decode with ``parse_float=Decimal``).

    Returns:
        The invoice, with ``total_charges`` as Microsoft states it.

    Raises:
        InvalidInput: for invalid JSON (with line and column), a missing ``id``, ``invoiceDate``,
            ``totalCharges`` or ``currencyCode``, an unknown currency or a non-numeric amount.

    >>> invoice = parse_invoice(
    ...     {
    ...         "id": "D02005YFHI",
    ...         "invoiceDate": "2017-01-21T00:00:00Z",
    ...         "totalCharges": "24606.35",
    ...         "paidAmount": 1000,
    ...         "currencyCode": "GBP",
    ...     }
    ... )
    >>> invoice.total_charges, invoice.paid_amount
    (Money('24606.35', 'GBP'), Money('1000', 'GBP'))
    """
    return _invoice(p.mapping(p.load_json(payload), "payload"), "invoice")


def parse_invoices(payload: str | bytes | Mapping[str, Any] | list[Any]) -> tuple[Invoice, ...]:
    """Parse a collection of invoices (``GET /v1/invoices``), linking amendments to their invoice.

    Amendments nested in an invoice stay there. A top-level document whose ``amendsOf`` names a
    document of the same collection is moved into that document's ``amendments``, after the nested
    ones, in the collection's order, however deep the chain (a note amending a note that amends an
    invoice sits in that note's amendments); one whose document is not in the collection stays at
    the top level (with ``amends_of`` set). Every document of the collection is in the result once.
    The invoices of a collection may be in several currencies (a partner has one invoice summary per
    currency), but a document amends in its invoice's currency: a credit note in EUR of a USD
    invoice is refused.

    Args:
        payload: The collection (an object with ``items``) or a bare list, as text, bytes or decoded.

    Returns:
        The invoices in the collection's order, amendments attached.

    Raises:
        InvalidInput: as :func:`parse_invoice`, naming the item (``items[1].totalCharges``); a
            second document of one id (``items[2].id``, ``duplicate``), which would be read, and
            amended, twice; documents that amend each other round a circle (``items[0].amendsOf``,
            ``inconsistent``), which have no invoice to sit under; a chain of amendments more than
            32 deep (``too_long``).
        CurrencyMismatch: an amendment in another currency than the invoice it amends, naming it
            (``items[1].currencyCode``, ``items[0].amendments[0].currencyCode``).

    >>> invoices = parse_invoices(
    ...     {
    ...         "items": [
    ...             {"id": "G1", "invoiceDate": "2024-02-08", "totalCharges": 100, "currencyCode": "EUR"},
    ...             {
    ...                 "id": "G2",
    ...                 "invoiceDate": "2024-02-20",
    ...                 "totalCharges": -10,
    ...                 "currencyCode": "EUR",
    ...                 "documentType": "Credit Note",
    ...                 "amendsOf": "G1",
    ...             },
    ...         ]
    ...     }
    ... )
    >>> [(i.id, [a.id for a in i.amendments]) for i in invoices]
    [('G1', ['G2'])]
    >>> invoices[0].amendments[0].document_type
    <DocumentType.CREDIT_NOTE: 'credit_note'>
    """
    items = p.items_of(p.load_json(payload))
    parsed = [_invoice(p.mapping(item, f"items[{i}]"), f"items[{i}]") for i, item in enumerate(items)]
    parents = _parents(parsed)
    depths = _depths(parents)
    children: dict[int, list[int]] = defaultdict(list)
    for index in range(len(parsed)):  # in the collection's order
        if index in parents:
            children[parents[index]].append(index)
    built: dict[int, Invoice] = {}
    # the deepest first, so that each document's own amendments are built before it
    for index in sorted(range(len(parsed)), key=lambda at: -depths.get(at, 0)):
        invoice = parsed[index]
        attached = children.get(index)
        built[index] = (
            attrs.evolve(invoice, amendments=(*invoice.amendments, *(built[at] for at in attached)))
            if attached
            else invoice
        )
    return tuple(built[index] for index in range(len(parsed)) if index not in parents)


def _parents(parsed: list[Invoice]) -> dict[int, int]:
    """The position of the document each top-level document amends, where it is in the collection.

    A document number names one document: the second document of a number is refused (``duplicate``).
    A note amends in its document's currency (:class:`~cspcore.errors.CurrencyMismatch`).
    """
    positions: dict[str, int] = {}
    for index, invoice in enumerate(parsed):
        if invoice.id in positions:
            raise InvalidInput(
                f"items[{index}].id",
                f"is also the id of items[{positions[invoice.id]}]",
                invoice.id,
                code=ErrorCode.DUPLICATE,
            )
        positions[invoice.id] = index
    parents: dict[int, int] = {}
    for index, invoice in enumerate(parsed):
        parent = positions.get(invoice.amends_of) if invoice.amends_of is not None else None
        if parent is None or parent == index:
            continue
        if invoice.currency != parsed[parent].currency:  # a note amends in its invoice's currency
            raise CurrencyMismatch(f"items[{index}].currencyCode", parsed[parent].currency, invoice.currency)
        parents[index] = parent
    return parents


def _depths(parents: dict[int, int]) -> dict[int, int]:
    """How many documents of the collection each amending document sits below (1 below a top-level one).

    Documents that amend each other round a circle (``A`` amends ``B``, ``B`` amends ``A``) have no
    top-level document to sit below: the first is refused (``inconsistent``, ``items[i].amendsOf``),
    rather than the circle dropped from the collection. A chain deeper than nested amendments may be
    is refused (``too_long``).
    """
    depths: dict[int, int] = {}
    for start in parents:
        chain: list[int] = []
        on_chain: set[int] = set()
        at = start
        while at in parents and at not in depths:
            if at in on_chain:
                raise InvalidInput(
                    f"items[{at}].amendsOf",
                    "amends a document that amends it in turn: no document of the circle is the invoice",
                    None,
                    show_value=False,
                    code=ErrorCode.INCONSISTENT,
                )
            chain.append(at)
            on_chain.add(at)
            at = parents[at]
        depth = depths.get(at, 0)
        for index in reversed(chain):
            depth += 1
            if depth > _MAX_AMENDMENT_DEPTH:
                raise InvalidInput(
                    f"items[{index}].amendsOf",
                    f"amends a document more than {_MAX_AMENDMENT_DEPTH} amendments deep",
                    None,
                    show_value=False,
                    code=ErrorCode.TOO_LONG,
                )
            depths[index] = depth
    return depths


# -- invoice summaries -------------------------------------------------------------------------------


def _summary_details(
    given: tuple[tuple[InvoiceType, InvoiceSummary], ...] | list[tuple[InvoiceType, InvoiceSummary]],
) -> tuple[tuple[InvoiceType, InvoiceSummary], ...]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    if isinstance(value, str) or not isinstance(value, (tuple, list)):
        raise InvalidInput(
            "details",
            "expected a tuple of (InvoiceType, InvoiceSummary) pairs",
            value,
            code=ErrorCode.WRONG_TYPE,
        )
    result = []
    for index, pair in enumerate(value):
        if (
            not isinstance(pair, tuple)
            or len(pair) != 2
            or not isinstance(pair[0], InvoiceType)
            or not isinstance(pair[1], InvoiceSummary)
        ):
            raise InvalidInput(
                f"details[{index}]",
                "expected an (InvoiceType, InvoiceSummary) pair",
                pair,
                code=ErrorCode.WRONG_TYPE,
            )
        result.append(pair)
    return tuple(result)


_optional_date = _validate.optional(_validate.date)


_optional_money = _validate.optional(as_money)


@attrs.frozen(kw_only=True)
class InvoiceSummary:
    """What the partner owes Microsoft in one currency (``InvoiceSummary`` in ``invoice-resources.md``).

    Args:
        balance: ``balanceAmount``: the total of unpaid bills.
        accounting_date: ``accountingDate``, when given.
        first_invoice_date: ``firstInvoiceCreationDate``, when given.
        last_payment_date: ``lastPaymentDate``, when there was one.
        last_payment_amount: ``lastPaymentAmount``, when given.
        latest_invoice_date: ``latestInvoiceDate``, when there is one.
        details: The same summary per invoice type (recurring, one-time), as given.

    Raises:
        CurrencyMismatch: when ``last_payment_amount`` or a summary of ``details`` is not in the
            currency of ``balance`` (a summary is of one currency).

    >>> summary = InvoiceSummary(balance=Money("1230.33", "CHF"))
    >>> summary.currency
    'CHF'
    """

    balance: Money = attrs.field(
        validator=_validate.attrs_validator(lambda v, f: _validate.instance(v, Money, f))
    )
    accounting_date: dt.date | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_optional_date)
    )
    first_invoice_date: dt.date | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_optional_date)
    )
    last_payment_date: dt.date | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_optional_date)
    )
    last_payment_amount: Money | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_optional_money)
    )
    latest_invoice_date: dt.date | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_optional_date)
    )
    details: tuple[tuple[InvoiceType, InvoiceSummary], ...] = attrs.field(
        default=(), converter=_summary_details
    )

    def __attrs_post_init__(self) -> None:
        one_currency(
            ("balance", self.balance),
            ("last_payment_amount", self.last_payment_amount),
            *(
                (f"details[{index}].balance", detail.balance)
                for index, (_, detail) in enumerate(self.details)
            ),
        )

    @property
    def currency(self) -> str:
        """The currency of every amount in the summary."""
        return self.balance.currency


def _summary(item: Mapping[str, Any], where: str, *, nested: bool = True) -> InvoiceSummary:
    code = p.currency(p.lookup(item, "currencyCode", where), f"{where}.currencyCode")
    last_amount = p.number(item, "lastPaymentAmount", where, required=False)
    details: list[tuple[InvoiceType, InvoiceSummary]] = []
    raw_details = p.lookup(item, "details", where, required=False) if nested else None
    if raw_details is not None:
        if not isinstance(raw_details, (list, tuple)):
            raise InvalidInput(f"{where}.details", "expected a list", raw_details, code=ErrorCode.WRONG_TYPE)
        for index, detail in enumerate(raw_details):
            here = f"{where}.details[{index}]"
            detail_map = p.mapping(detail, here)
            kind = _validate.enum_member(
                InvoiceType, p.lookup(detail_map, "invoiceType", here), f"{here}.invoiceType"
            )
            raw = p.mapping(p.lookup(detail_map, "summary", here), f"{here}.summary")
            inner = _summary(raw, f"{here}.summary", nested=False)
            if inner.currency != code:
                raise CurrencyMismatch(f"{here}.summary.currencyCode", code, inner.currency)
            details.append((kind, inner))
    return InvoiceSummary(
        balance=Money(p.number(item, "balanceAmount", where), code),  # type: ignore[arg-type]
        accounting_date=p.date_field(item, "accountingDate", where, required=False),
        first_invoice_date=p.date_field(item, "firstInvoiceCreationDate", where, required=False),
        last_payment_date=p.date_field(item, "lastPaymentDate", where, required=False),
        last_payment_amount=None if last_amount is None else Money(last_amount, code),
        latest_invoice_date=p.date_field(item, "latestInvoiceDate", where, required=False),
        details=tuple(details),
    )


def parse_invoice_summaries(
    payload: str | bytes | Mapping[str, Any] | list[Any],
) -> tuple[InvoiceSummary, ...]:
    """Parse ``GET /v1/invoices/summaries``: one :class:`InvoiceSummary` per currency.

    Partner Center writes ``0001-01-01T00:00:00`` for "no date"; those become ``None``.

    Raises:
        InvalidInput: naming the item and field (``items[0].balanceAmount``).

    >>> [
    ...     s.balance
    ...     for s in parse_invoice_summaries(
    ...         {
    ...             "items": [
    ...                 {
    ...                     "balanceAmount": "1001.12",
    ...                     "currencyCode": "EUR",
    ...                     "lastPaymentDate": "0001-01-01T00:00:00",
    ...                 }
    ...             ]
    ...         }
    ...     )
    ... ]
    [Money('1001.12', 'EUR')]
    """
    items = p.items_of(p.load_json(payload))
    return tuple(_summary(p.mapping(item, f"items[{i}]"), f"items[{i}]") for i, item in enumerate(items))
