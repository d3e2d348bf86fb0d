"""Partner Center payloads and reconciliation rows ⇄ cspcore values, and reconciliation itself.

Parsers take what Partner Center sends (JSON text, bytes, already decoded mappings, CSV text or
rows) and return cspcore values. They are I/O-free: fetch and read files in your own code.
They are tolerant where Microsoft is sloppy (numbers written as strings, ``New`` and ``new``,
seven fractional digits, offsets, ``Credit Note``/``credit_note``, ``OneTime``/``one_time``) and
strict where it matters: invalid JSON (with line and column), missing required fields, unknown
currencies and non-numeric amounts raise :class:`~cspcore.errors.InvalidInput` naming the item and
field. Nothing else escapes.

>>> from cspcore.interop.partner_center import parse_invoice
>>> invoice = parse_invoice('''{"id": "G000024135", "invoiceDate": "2018-02-08T22:40:37.5897767Z",
...     "totalCharges": 2076.63, "currencyCode": "USD", "documentType": "invoice"}''')
>>> invoice.id, invoice.issued, invoice.total_charges
('G000024135', datetime.date(2018, 2, 8), Money('2076.63', 'USD'))

Sources: ``developer/invoice-resources.md``, ``developer/get-invoiceline-items.md``,
``modern-invoice-reconciliation-file.md``, ``common-billing-scenarios-onetime-recurring.md``.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import decimal as _decimal
import io
import itertools
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any, Final

import attrs

from cspcore import _validate
from cspcore.billing.charges import ChargeLine, ChargeType
from cspcore.billing.invoices import DocumentType, Invoice
from cspcore.billing.rating import ProrationRounding  # noqa: TC001 - annotation read at run time below
from cspcore.enums import CspEnum
from cspcore.errors import CspError, CurrencyMismatch, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.interop import _payload as p
from cspcore.interop import _rules
from cspcore.interop._fastcsv import FAST, build, compile_reader, records
from cspcore.interop._lines import charge_type, trusted_charge_line, with_reference
from cspcore.interop._rules import (
    OneCurrency,
    charge_lines,
    lines_currency,
    one_currency,
    too_many_lines,
)
from cspcore.interop.consistency import Inconsistency, ParseReport, subtotal_roundings
from cspcore.money import Money

__all__ = [
    "RECON_COLUMNS",
    "Inconsistency",
    "InvoiceSummary",
    "InvoiceType",
    "Mismatch",
    "ParseReport",
    "ReconciliationReport",
    "check_invoice_line_items",
    "check_recon_rows",
    "iter_recon_rows",
    "parse_invoice",
    "parse_invoice_line_items",
    "parse_invoice_summaries",
    "parse_invoices",
    "parse_recon_rows",
    "reconcile",
    "seats_at_period_end",
    "to_recon_rows",
]

_RECON_DOC: Final = "modern-invoice-reconciliation-file.md"
_SCENARIOS_DOC: Final = "common-billing-scenarios-onetime-recurring.md"

#: The reconciliation-file columns that :func:`to_recon_rows` writes, in Microsoft's spelling and
#: order (``modern-invoice-reconciliation-file.md``). :func:`parse_recon_rows` reads these and
#: ignores the others a full file carries (PartnerId, MPNID, PCToBCExchangeRate, ...).
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
)


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
        raise InvalidInput(f"{where}.amendments", "expected a list", amendments_raw)
    if amendments_raw and depth >= _MAX_AMENDMENT_DEPTH:
        raise InvalidInput(
            f"{where}.amendments", f"nested more than {_MAX_AMENDMENT_DEPTH} deep", None, show_value=False
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
        raise InvalidInput(f"{where}.{error.field}", error.problem, error.value) from None


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

    Amendments nested in an invoice stay there. A top-level document whose ``amendsOf`` names an
    invoice of the same collection is moved into that invoice's ``amendments``; one whose invoice is
    not in the collection stays at the top level (with ``amends_of`` set).

    Args:
        payload: The collection (an object with ``items``) or a bare list, as text, bytes or decoded.

    Returns:
        The invoices in the collection's order, amendments attached.

    Raises:
        InvalidInput: as :func:`parse_invoice`, naming the item (``items[1].totalCharges``).

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
    ids = {invoice.id for invoice in parsed}
    children: dict[str, list[Invoice]] = defaultdict(list)
    top: list[Invoice] = []
    for invoice in parsed:
        if invoice.amends_of is not None and invoice.amends_of in ids and invoice.amends_of != invoice.id:
            children[invoice.amends_of].append(invoice)
        else:
            top.append(invoice)
    return tuple(
        attrs.evolve(invoice, amendments=(*invoice.amendments, *children[invoice.id]))
        if children.get(invoice.id)
        else invoice
        for invoice in top
    )


# -- invoice summaries -------------------------------------------------------------------------------


def _summary_details(value: object) -> tuple[tuple[InvoiceType, InvoiceSummary], ...]:
    if isinstance(value, str) or not isinstance(value, (tuple, list)):
        raise InvalidInput("details", "expected a tuple of (InvoiceType, InvoiceSummary) pairs", value)
    result = []
    for index, pair in enumerate(value):
        if (
            not isinstance(pair, tuple)
            or len(pair) != 2
            or not isinstance(pair[0], InvoiceType)
            or not isinstance(pair[1], InvoiceSummary)
        ):
            raise InvalidInput(f"details[{index}]", "expected an (InvoiceType, InvoiceSummary) pair", pair)
        result.append(pair)
    return tuple(result)


_optional_date = _validate.optional(_validate.date)


_optional_money = _validate.optional(_validate.money)


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
            raise InvalidInput(f"{where}.details", "expected a list", raw_details)
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


# -- invoice line items --------------------------------------------------------------------------------


def _amount(
    item: Mapping[str, Any], name: str, where: str, code: str, *, required: bool = True
) -> Money | None:
    value = p.number(item, name, where, required=required)
    return None if value is None else Money(value, code)


class _Checks:
    """What the parsers found inconsistent in the lines they read, and how strictly (internal).

    ``strict`` refuses the first inconsistency (:class:`InvalidInput` naming the line and field);
    otherwise each is kept in :attr:`issues`. ``formulas`` also checks each new-commerce subtotal
    against Microsoft's documented roundings, and keeps the roundings that reproduce it.
    """

    __slots__ = ("formulas", "issues", "roundings", "strict")

    def __init__(self, *, strict: bool, formulas: bool) -> None:
        self.strict = strict
        self.formulas = formulas or strict
        self.issues: list[Inconsistency] = []
        self.roundings: list[tuple[ProrationRounding, ...]] = []

    def found(self, issue: Inconsistency) -> None:
        if self.strict:
            raise InvalidInput(f"{issue.where}.{issue.field}", issue.problem, issue.stated.amount)
        self.issues.append(issue)

    def total(self, stated: Money | None, subtotal: Money, tax: Money, where: str, field: str) -> Money:
        """Subtotal + tax, the line's total; a stated total that differs is an inconsistency."""
        expected = subtotal + tax
        if stated is not None and stated != expected:
            self.found(
                Inconsistency(
                    where=where,
                    field=field,
                    stated=stated,
                    expected=expected,
                    problem=f"does not equal subtotal + tax ({_plain(expected.amount)})",
                )
            )
        return expected

    def no_formula(self) -> None:
        """A line of a kind with no documented subtotal formula (legacy Office and Azure items)."""
        if self.formulas:
            self.roundings.append(())

    def subtotal(self, line: ChargeLine, rate: Decimal | None, where: str, field: str) -> None:
        """Check a new-commerce subtotal against both documented roundings, at exchange ``rate``."""
        if not self.formulas or rate is None:
            return
        found = subtotal_roundings(
            line.effective_unit_price.amount, line.quantity, line.subtotal.amount, rate
        )
        self.roundings.append(found)
        if not found:
            self.found(
                Inconsistency(
                    where=where,
                    field=field,
                    stated=line.subtotal,
                    expected=None,
                    problem=(
                        "follows from neither documented rounding of "
                        f"{_plain(line.effective_unit_price.amount)} × {_plain(line.quantity)}"
                    ),
                )
            )


def _rate(value: object, field: str) -> Decimal:
    """``PCToBCExchangeRate``: 1 when blank; a positive bounded number otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return Decimal(1)
    rate = p.to_decimal(value, field)
    if rate <= 0:
        raise InvalidInput(field, "must be positive", value)
    return rate


def _onetime_line(item: Mapping[str, Any], where: str, checks: _Checks) -> ChargeLine:
    """A new-commerce ``OneTimeInvoiceLineItem`` (``developer/invoice-resources.md``)."""
    code = p.currency(p.lookup(item, "currency", where), f"{where}.currency")
    subtotal = _amount(item, "subtotal", where, code)
    assert subtotal is not None  # noqa: S101 - required=True above
    tax = _amount(item, "taxTotal", where, code, required=False) or Money.zero(code)
    total = checks.total(
        _amount(item, "totalForCustomer", where, code, required=False),
        subtotal,
        tax,
        where,
        "totalForCustomer",
    )
    billable = p.quantity(item, "billableQuantity", where, required=False)
    quantity = billable if billable is not None else p.quantity(item, "quantity", where)
    start = p.date_field(item, "chargeStartDate", where)
    end = p.date_field(item, "chargeEndDate", where)
    assert start is not None  # noqa: S101
    assert end is not None  # noqa: S101
    if end < start:
        raise InvalidInput(f"{where}.chargeEndDate", f"is before chargeStartDate {start.isoformat()}", end)
    rate = (
        _rate(p.lookup(item, "pcToBCExchangeRate", where, required=False), f"{where}.pcToBCExchangeRate")
        if checks.formulas
        else None
    )
    line = trusted_charge_line(
        order_date=p.date_field(item, "orderDate", where),
        charge_type=charge_type(p.lookup(item, "chargeType", where), f"{where}.chargeType"),
        product=p.text(item, "productName", where, required=False) or p.text(item, "skuName", where),
        subscription_id=p.text(item, "subscriptionId", where),
        unit_price=_amount(item, "unitPrice", where, code),
        effective_unit_price=_amount(item, "effectiveUnitPrice", where, code),
        quantity=quantity,
        subtotal=subtotal,
        tax=tax,
        total=total,
        charge_start=start,
        charge_end=end,
        reference_id=p.text(item, "referenceId", where, required=False),
        qualifiers=p.qualifiers(
            p.lookup(item, "productQualifiers", where, required=False), f"{where}.productQualifiers"
        ),
        customer_id=p.text(item, "customerId", where, required=False),
        subscription_start=p.date_field(item, "subscriptionStartDate", where, required=False),
        subscription_end=p.date_field(item, "subscriptionEndDate", where, required=False),
        term_and_billing_cycle=p.text(item, "termAndBillingCycle", where, required=False),
        billing_frequency=p.text(item, "billingFrequency", where, required=False),
    )
    checks.subtotal(line, rate, where, "subtotal")
    return line


def _office_line(item: Mapping[str, Any], where: str, checks: _Checks) -> ChargeLine:
    """A legacy ``LicenseBasedLineItem`` (Office): ``subtotal`` is after discounts, before tax."""
    code = p.currency(p.lookup(item, "currency", where), f"{where}.currency")
    subtotal = _amount(item, "subtotal", where, code)
    assert subtotal is not None  # noqa: S101
    tax = _amount(item, "tax", where, code, required=False) or Money.zero(code)
    total = checks.total(
        _amount(item, "totalForCustomer", where, code, required=False),
        subtotal,
        tax,
        where,
        "totalForCustomer",
    )
    checks.no_formula()
    quantity = p.quantity(item, "quantity", where)
    assert quantity is not None  # noqa: S101
    unit_price = _amount(item, "unitPrice", where, code)
    assert unit_price is not None  # noqa: S101
    # The legacy item has no effective unit price; the discounted, prorated price per seat is the
    # subtotal over the quantity.
    effective = subtotal / quantity if quantity else unit_price
    start = p.date_field(item, "chargeStartDate", where)
    assert start is not None  # noqa: S101
    return _build(
        where,
        order_date=start,
        charge_type=charge_type(p.lookup(item, "chargeType", where), f"{where}.chargeType"),
        product=p.text(item, "offerName", where, required=False) or p.text(item, "subscriptionName", where),
        subscription_id=p.text(item, "subscriptionId", where),
        unit_price=unit_price,
        effective_unit_price=effective,
        quantity=quantity,
        subtotal=subtotal,
        tax=tax,
        total=total,
        charge_start=start,
        charge_end=p.date_field(item, "chargeEndDate", where),
        customer_id=p.text(item, "customerId", where, required=False),
        subscription_start=p.date_field(item, "subscriptionStartDate", where, required=False),
        subscription_end=p.date_field(item, "subscriptionEndDate", where, required=False),
        billing_frequency=p.text(item, "billingCycleType", where, required=False),
    )


def _azure_line(item: Mapping[str, Any], where: str, checks: _Checks) -> ChargeLine:
    """A legacy Azure (MS-AZR-0145P) ``UsageBasedLineItem``: billed overage at the list price."""
    code = p.currency(p.lookup(item, "currency", where), f"{where}.currency")
    subtotal = _amount(item, "pretaxCharges", where, code)
    assert subtotal is not None  # noqa: S101
    tax = _amount(item, "taxAmount", where, code, required=False) or Money.zero(code)
    total = checks.total(
        _amount(item, "postTaxTotal", where, code, required=False), subtotal, tax, where, "postTaxTotal"
    )
    checks.no_formula()
    start = p.date_field(item, "chargeStartDate", where)
    assert start is not None  # noqa: S101
    names = [
        p.text(item, key, where, required=False) for key in ("serviceName", "serviceType", "resourceName")
    ]
    product = " ".join(name for name in names if name) or p.text(item, "subscriptionName", where)
    return _build(
        where,
        order_date=start,
        charge_type=charge_type(p.lookup(item, "chargeType", where), f"{where}.chargeType"),
        product=product,
        subscription_id=p.text(item, "subscriptionId", where),
        unit_price=_amount(item, "listPrice", where, code),
        effective_unit_price=_amount(item, "pretaxEffectiveRate", where, code),
        quantity=p.quantity(item, "overageQuantity", where),
        subtotal=subtotal,
        tax=tax,
        total=total,
        charge_start=start,
        charge_end=p.date_field(item, "chargeEndDate", where),
        customer_id=p.text(item, "customerId", where, required=False),
        billing_frequency=p.text(item, "billingCycleType", where, required=False),
    )


def _build(where: str, **values: Any) -> ChargeLine:
    try:
        return ChargeLine(**values)
    except InvalidInput as error:
        raise InvalidInput(f"{where}.{error.field}", error.problem, error.value) from None


def _line_item(item: Mapping[str, Any], where: str, checks: _Checks) -> ChargeLine:
    kind = p.lookup(item, "invoiceLineItemType", where, required=False)
    if isinstance(kind, str) and kind.replace("_", "").casefold() == "usagelineitems":
        raise InvalidInput(
            f"{where}.invoiceLineItemType",
            "usage line items carry no prices or amounts; parse the billing line items instead",
            kind,
        )
    provider = p.lookup(item, "billingProvider", where, required=False)
    folded = provider.replace("_", "").casefold() if isinstance(provider, str) else None
    if folded == "office":
        return _office_line(item, where, checks)
    if folded == "azure":
        return _azure_line(item, where, checks)
    if folded in {None, "onetime", "marketplace"}:
        return _onetime_line(item, where, checks)
    raise InvalidInput(f"{where}.billingProvider", "expected office, azure or one_time", provider)


def parse_invoice_line_items(
    payload: str | bytes | Mapping[str, Any] | list[Any], *, strict: bool = False
) -> tuple[ChargeLine, ...]:
    """Parse invoice line items (``GET /v1/invoices/{id}/lineitems``) into charge lines with tax and total.

    Three shapes are read, told apart by ``billingProvider``:

    * ``one_time`` (new commerce, Azure plan, marketplace): ``OneTimeInvoiceLineItem``. The quantity
      is ``billableQuantity`` (``quantity`` when absent), tax is ``taxTotal`` and the total
      ``totalForCustomer``.
    * ``office`` (legacy license-based): ``subtotal`` after discounts, ``tax``, ``totalForCustomer``;
      the order date is the charge start date (the item has none), the effective unit price is
      subtotal ÷ quantity.
    * ``azure`` (legacy MS-AZR-0145P billing items): ``pretaxCharges``, ``taxAmount``,
      ``postTaxTotal``, the overage quantity at ``listPrice``.

    Legacy charge descriptions map to the nearest new-commerce :class:`~cspcore.billing.ChargeType`.
    A stated total that is not subtotal + tax is refused: a reconciliation must not paper over it.

    Args:
        payload: A collection (object with ``items``) or a list, as text, bytes or decoded.
        strict: Refuse the first item whose total is not subtotal + tax, or whose new-commerce
            subtotal neither documented rounding reproduces (otherwise the item is read, with
            subtotal + tax as its total; :func:`check_invoice_line_items` reports it).

    Returns:
        One :class:`~cspcore.billing.ChargeLine` per item, in order.

    Raises:
        InvalidInput: naming ``items[i].<field>`` (missing, non-numeric, unknown currency or charge
            type, inconsistent total), or the JSON syntax error's line and column. Usage line items
            (``usage_line_items``) are refused: they carry no amounts.

    >>> (line,) = parse_invoice_line_items(
    ...     {
    ...         "items": [
    ...             {
    ...                 "billingProvider": "one_time",
    ...                 "orderDate": "2021-01-29T19:50:13.9869095Z",
    ...                 "chargeType": "new",
    ...                 "productName": "Office 365 E3",
    ...                 "subscriptionId": "sub-1",
    ...                 "unitPrice": 16,
    ...                 "effectiveUnitPrice": "16",
    ...                 "quantity": 1,
    ...                 "subtotal": 16,
    ...                 "taxTotal": "1.61",
    ...                 "totalForCustomer": "17.61",
    ...                 "currency": "USD",
    ...                 "chargeStartDate": "2021-01-29T00:00:00Z",
    ...                 "chargeEndDate": "2021-02-27T00:00:00Z",
    ...             }
    ...         ]
    ...     }
    ... )
    >>> line.charge_type, line.tax, line.total, line.days
    (<ChargeType.NEW: 'new'>, Money('1.61', 'USD'), Money('17.61', 'USD'), 30)
    """
    return _line_items(payload, _Checks(strict=_validate.flag(strict, "strict"), formulas=False))


def _line_items(payload: object, checks: _Checks) -> tuple[ChargeLine, ...]:
    items = p.items_of(p.load_json(payload))
    return tuple(
        _line_item(p.mapping(item, f"items[{i}]"), f"items[{i}]", checks) for i, item in enumerate(items)
    )


def check_invoice_line_items(payload: str | bytes | Mapping[str, Any] | list[Any]) -> ParseReport:
    """Parse invoice line items as :func:`parse_invoice_line_items` does, and report every inconsistency.

    Each item's ``totalForCustomer`` (``postTaxTotal``) must be its subtotal plus tax, and each
    new-commerce item's ``subtotal`` must follow from ``effectiveUnitPrice × billableQuantity`` by one
    of Microsoft's documented roundings (:func:`~cspcore.interop.consistency.subtotal_roundings`,
    at ``pcToBCExchangeRate``). Every item is read; what disagrees is reported beside the lines.

    Raises:
        InvalidInput: for what cannot be read at all (as :func:`parse_invoice_line_items`).

    >>> item = {
    ...     "orderDate": "2019-02-04", "chargeType": "new", "productName": "WAF", "subscriptionId": "s",
    ...     "unitPrice": 820, "effectiveUnitPrice": 820, "quantity": 1, "subtotal": 820,
    ...     "taxTotal": 0, "totalForCustomer": 0, "currency": "USD",
    ...     "chargeStartDate": "2019-02-04", "chargeEndDate": "2019-03-03",
    ... }  # fmt: skip
    >>> report = check_invoice_line_items([item])
    >>> report.lines[0].total, [(i.where, i.field, i.stated) for i in report.issues]
    (Money('820', 'USD'), [('items[0]', 'totalForCustomer', Money('0', 'USD'))])
    """
    checks = _Checks(strict=False, formulas=True)
    lines = _line_items(payload, checks)
    return ParseReport(lines=lines, issues=tuple(checks.issues), roundings=tuple(checks.roundings))


# -- reconciliation rows -------------------------------------------------------------------------------

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
_OPTIONAL: Final = tuple(column for column in RECON_COLUMNS if column not in _REQUIRED)
#: The columns read: those written, and the exchange rate that the subtotal formulas use.
_READ_COLUMNS: Final = (*RECON_COLUMNS, "PCToBCExchangeRate")


class _RowReader:
    """Turns reconciliation rows into charge lines, caching what repeats (dates, prices, names)."""

    __slots__ = ("_amounts", "_dates", "_texts", "_types", "checks")

    def __init__(self, checks: _Checks) -> None:
        self.checks = checks
        self._dates: dict[str, dt.date] = {}
        self._amounts: dict[tuple[str, str], Money] = {}
        self._texts: dict[str, str] = {}
        self._types: dict[str, ChargeType] = {}

    def date(self, raw: object, field: str) -> dt.date:
        if type(raw) is not str:
            return p.date_value(raw, field)
        found = self._dates.get(raw)
        if found is None:
            found = p.date_value(raw, field)
            if len(self._dates) < 50_000:
                self._dates[raw] = found
        return found

    def optional_date(self, raw: object, field: str) -> dt.date | None:
        if _blank(raw):
            return None
        day = self.date(raw, field)
        return None if day == dt.date(1, 1, 1) else day

    def amount(self, raw: object, code: str, field: str) -> Money:
        if type(raw) is str:
            key = (raw, code)
            found = self._amounts.get(key)
            if found is None:
                found = Money(p.to_decimal(raw, field), code)
                if len(self._amounts) < 200_000:
                    self._amounts[key] = found
            return found
        return Money(p.to_decimal(raw, field), code)

    def text(self, raw: object, field: str) -> str:
        if type(raw) is str:
            found = self._texts.get(raw)
            if found is None:
                found = _validate.text(raw.strip(), field, max_length=2000)
                if len(self._texts) < 200_000:
                    self._texts[raw] = found
            return found
        if isinstance(raw, bool) or not isinstance(raw, (int, Decimal)):
            raise InvalidInput(field, "expected text", raw)
        return str(raw)

    def optional_text(self, raw: object, field: str) -> str | None:
        if raw is None or (type(raw) is str and not raw.strip()):
            return None
        return self.text(raw, field)

    def charge_type(self, raw: object, field: str) -> ChargeType:
        if type(raw) is str:
            found = self._types.get(raw)
            if found is None:
                found = self._types[raw] = charge_type(raw, field)
            return found
        return charge_type(raw, field)

    def line(self, get: Any, where: str) -> ChargeLine:
        code = p.currency(get("Currency"), f"{where}.Currency")
        subtotal = self.amount(get("Subtotal"), code, f"{where}.Subtotal")
        raw_tax = get("TaxTotal")
        tax = Money.zero(code) if _blank(raw_tax) else self.amount(raw_tax, code, f"{where}.TaxTotal")
        raw_total = get("Total")
        total = None if _blank(raw_total) else self.amount(raw_total, code, f"{where}.Total")
        total = self.checks.total(total, subtotal, tax, where, "Total")
        raw_quantity = get("BillableQuantity")
        if _blank(raw_quantity):
            raw_quantity = get("Quantity")
            if _blank(raw_quantity):
                raise InvalidInput(f"{where}.BillableQuantity", "is required", raw_quantity)
        start = self.date(get("ChargeStartDate"), f"{where}.ChargeStartDate")
        end = self.date(get("ChargeEndDate"), f"{where}.ChargeEndDate")
        if end < start:
            raise InvalidInput(
                f"{where}.ChargeEndDate", f"is before ChargeStartDate {start.isoformat()}", end
            )
        raw_qualifiers = get("ProductQualifiers")
        line = trusted_charge_line(
            order_date=self.date(get("OrderDate"), f"{where}.OrderDate"),
            charge_type=self.charge_type(get("ChargeType"), f"{where}.ChargeType"),
            product=self.text(get("ProductName"), f"{where}.ProductName"),
            subscription_id=self.text(get("SubscriptionId"), f"{where}.SubscriptionId"),
            unit_price=self.amount(get("UnitPrice"), code, f"{where}.UnitPrice"),
            effective_unit_price=self.amount(get("EffectiveUnitPrice"), code, f"{where}.EffectiveUnitPrice"),
            quantity=p.to_quantity(raw_quantity, f"{where}.BillableQuantity"),
            subtotal=subtotal,
            tax=tax,
            total=total,
            charge_start=start,
            charge_end=end,
            reference_id=self.optional_text(get("ReferenceId"), f"{where}.ReferenceId"),
            qualifiers=()
            if _blank(raw_qualifiers)
            else p.qualifiers(raw_qualifiers, f"{where}.ProductQualifiers"),
            customer_id=self.optional_text(get("CustomerId"), f"{where}.CustomerId"),
            subscription_start=self.optional_date(
                get("SubscriptionStartDate"), f"{where}.SubscriptionStartDate"
            ),
            subscription_end=self.optional_date(get("SubscriptionEndDate"), f"{where}.SubscriptionEndDate"),
            term_and_billing_cycle=self.optional_text(
                get("TermAndBillingCycle"), f"{where}.TermAndBillingCycle"
            ),
            billing_frequency=self.optional_text(get("BillingFrequency"), f"{where}.BillingFrequency"),
        )
        if self.checks.formulas:
            rate = _rate(get("PCToBCExchangeRate"), f"{where}.PCToBCExchangeRate")
            self.checks.subtotal(line, rate, where, "Subtotal")
        return line


def _blank(value: object) -> bool:
    return value is None or (type(value) is str and not value.strip())


def _header_index(header: list[str]) -> dict[str, int]:
    folded = {name.strip().removeprefix("\ufeff").casefold(): i for i, name in enumerate(header)}
    index = {}
    for column in _READ_COLUMNS:
        position = folded.get(column.casefold())
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
        raise InvalidInput("header", f"missing required columns: {', '.join(missing)}", tuple(header[:50]))
    return index


def _csv_lines(rows: Iterable[str], reader: _RowReader, *, raw: bool) -> Iterator[Any]:
    """Charge lines of CSV text lines; with ``raw``, field-value tuples where the fast path applies."""
    lines = iter(rows)
    try:
        header = next(csv.reader(lines, strict=True), None)
        if header is None:
            return
        index = _header_index(header)
        width = max(index.values()) + 1
        positions = tuple(index.items())

        def careful(record: list[str], number: int) -> ChargeLine:
            values = {column: record[position] for column, position in positions}
            return reader.line(values.get, f"rows[{number}]")

        convert = (
            compile_reader(index, careful, raw=raw)
            if FAST and not reader.checks.formulas and all(column in index for column in RECON_COLUMNS)
            else careful
        )
        for number, record in enumerate(records(lines), start=1):
            if len(record) < width:
                if not record:
                    continue
                raise InvalidInput(  # noqa: TRY301 - named here, where the row's number is known
                    f"rows[{number}]", f"has {len(record)} columns, the header {len(header)}", record
                )
            yield convert(record, number)
    except csv.Error as error:
        raise InvalidInput("csv", f"malformed CSV: {error}", None, show_value=False) from None
    except CspError:
        raise
    except Exception as error:  # noqa: BLE001 - the caller's lines failed (a file closed while read)
        raise _unreadable(error) from None


def _mapping_lines(rows: Iterable[Any], first: Mapping[str, Any], reader: _RowReader) -> Iterator[ChargeLine]:
    keys: dict[str, str] = {}
    layout: frozenset[str] | None = None
    for number, row in enumerate(_chain(first, rows)):
        where = f"rows[{number}]"
        if not isinstance(row, Mapping):
            raise InvalidInput(where, "expected a mapping of column names to values", row)
        row_keys = frozenset(row)
        if row_keys != layout:
            layout = row_keys
            folded = {str(key).casefold(): key for key in row}
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

        for column in _REQUIRED:
            if _blank(get(column)):
                raise InvalidInput(f"{where}.{column}", "is required", get(column))
        if _blank(get("ProductName")):
            raise InvalidInput(f"{where}.ProductName", "is required", get("ProductName"))
        yield reader.line(get, where)


def _chain(first: object, rest: Iterable[Any]) -> Iterator[Any]:
    yield first
    try:
        yield from rest
    except CspError:
        raise
    except Exception as error:  # noqa: BLE001 - the caller's rows failed while read
        raise _unreadable(error) from None


class _ReconRows(Iterator[ChargeLine]):
    """The iterator :func:`iter_recon_rows` returns (internal).

    It yields charge lines. :func:`reconcile` may instead take the rows before iteration starts, as
    field-value tuples (see :func:`~cspcore.interop._fastcsv.compile_reader`), to build lines only
    for the rows it keeps.
    """

    __slots__ = ("_lines", "_rows")

    def __init__(self, rows: Callable[..., Iterator[Any]]) -> None:
        self._rows: Callable[..., Iterator[Any]] | None = rows
        self._lines: Iterator[ChargeLine] | None = None

    def __iter__(self) -> Iterator[ChargeLine]:  # noqa: PYI034 - the generator itself, see below
        """The lines themselves (a generator), so that a ``for`` loop pays no call per line here."""
        if self._lines is None:
            rows, self._rows = self._rows, None
            self._lines = iter(()) if rows is None else rows(raw=False)
        return self._lines

    def __next__(self) -> ChargeLine:
        return next(iter(self))

    def raw(self) -> Iterator[Any] | None:
        """The rows as tuples or lines, once and only before iteration started; else ``None``."""
        rows, self._rows = self._rows, None
        if rows is None:  # iteration started, or the rows were taken already
            return None
        self._lines = iter(())
        return rows(raw=True)


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
    return _recon_rows(rows, _Checks(strict=_validate.flag(strict, "strict"), formulas=False))


def _recon_rows(rows: object, checks: _Checks) -> _ReconRows:
    reader = _RowReader(checks)
    if isinstance(rows, (bytes, bytearray, memoryview)):
        try:
            rows = bytes(rows).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InvalidInput(
                "rows", f"not UTF-8 text (byte {error.start})", None, show_value=False
            ) from None
    if isinstance(rows, str):
        text = rows.removeprefix("\ufeff")
        return _ReconRows(lambda *, raw: _csv_lines(io.StringIO(text, newline=""), reader, raw=raw))
    if isinstance(rows, Mapping) or not isinstance(rows, Iterable):
        raise InvalidInput("rows", "expected CSV text, an iterable of text lines or of row mappings", rows)
    source = _read(rows)
    return _ReconRows(lambda *, raw: _dispatch(source, reader, raw=raw))


def _read(rows: Iterable[Any]) -> Iterator[Any]:
    """``iter(rows)``; a caller's iterable that cannot be read (a closed file) is an InvalidInput."""
    try:
        return iter(rows)
    except Exception as error:  # noqa: BLE001 - a closed file raises ValueError here
        raise _unreadable(error) from None


def _unreadable(error: BaseException) -> InvalidInput:
    """The error for a caller's iterable that failed (a closed file, bytes not in its encoding)."""
    return InvalidInput("rows", f"could not be read: {type(error).__name__}", None, show_value=False)


_NOTHING: Final = object()


def _dispatch(rows: Iterator[Any], reader: _RowReader, *, raw: bool) -> Iterator[Any]:
    """The lines (or raw rows) of an iterable, read as CSV text lines or as row mappings by its first item.

    Called when iteration starts (from :meth:`_ReconRows.__iter__`), so errors still surface then.
    """
    try:
        first = next(rows, _NOTHING)
    except CspError:
        raise
    except Exception as error:  # noqa: BLE001 - an iterable supplied by the caller failed
        raise _unreadable(error) from None
    if first is _NOTHING:
        return iter(())
    if isinstance(first, (bytes, bytearray)):
        raise InvalidInput(
            "rows", "lines are bytes; open the file in text mode (encoding='utf-8-sig')", first[:40]
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
    checks = _Checks(strict=False, formulas=True)
    lines = tuple(_recon_rows(rows, checks))
    return ParseReport(lines=lines, issues=tuple(checks.issues), roundings=tuple(checks.roundings))


def _plain(value: Decimal) -> str:
    """Every digit of ``value``, and never a negative zero (``-0.00`` is written ``0.00``)."""
    return format(value or value.copy_abs(), "f")


def to_recon_rows(lines: Iterable[ChargeLine]) -> Iterator[dict[str, str]]:
    r"""Write charge lines as reconciliation rows in Microsoft's column names (:data:`RECON_COLUMNS`), lazily.

    Amounts keep every digit (``EffectiveUnitPrice`` at full precision); dates are ISO 8601; absent
    values are blank. :func:`parse_recon_rows` reads the rows back to equal lines. The lines are one
    file's, so in one currency: a line in another raises :class:`~cspcore.errors.CurrencyMismatch`
    (``lines[4].currency``) when the iteration reaches it, as does an item that is not a ChargeLine
    (:class:`~cspcore.errors.InvalidInput`).

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
    for line in charge_lines(lines, "lines", OneCurrency()):
        yield {
            "CustomerId": line.customer_id or "",
            "OrderDate": line.order_date.isoformat(),
            "ProductName": line.product,
            "ChargeType": line.charge_type.value,
            "UnitPrice": _plain(line.unit_price.amount),
            "Quantity": _plain(line.quantity),
            "Subtotal": _plain(line.subtotal.amount),
            "TaxTotal": _plain(line.tax.amount),
            "Total": _plain(line.total.amount),
            "Currency": line.currency,
            "SubscriptionId": line.subscription_id,
            "ChargeStartDate": line.charge_start.isoformat(),
            "ChargeEndDate": line.charge_end.isoformat(),
            "TermAndBillingCycle": line.term_and_billing_cycle or "",
            "EffectiveUnitPrice": _plain(line.effective_unit_price.amount),
            "BillableQuantity": _plain(line.quantity),
            "BillingFrequency": line.billing_frequency or "",
            "SubscriptionStartDate": ""
            if line.subscription_start is None
            else line.subscription_start.isoformat(),
            "SubscriptionEndDate": "" if line.subscription_end is None else line.subscription_end.isoformat(),
            "ReferenceId": line.reference_id or "",
            "ProductQualifiers": _qualifiers_text(line.qualifiers),
        }


def _qualifiers_text(qualifiers: tuple[str, ...]) -> str:
    if not qualifiers:
        return ""
    import json  # noqa: PLC0415 - only needed for the rare qualified line

    return json.dumps(list(qualifiers), ensure_ascii=False, separators=(",", ":"))


# -- seats ---------------------------------------------------------------------------------------------

_BASE_CHARGES: Final = frozenset({ChargeType.NEW, ChargeType.RENEW, ChargeType.CYCLE_CHARGE})


def _is_negative(line: ChargeLine) -> bool:
    if line.subtotal.amount:
        return line.subtotal.amount < 0
    return line.effective_unit_price.amount < 0


def _net_quantity(lines: Iterable[ChargeLine]) -> Decimal:
    """The quantities of the positive lines less those of the negative ones, exactly (in our own context)."""
    seats = _ZERO
    for line in lines:
        seats = (_QUANT.subtract if _is_negative(line) else _QUANT.add)(seats, line.quantity)
    return seats


def seats_at_period_end(lines: Iterable[ChargeLine]) -> dict[str, Decimal]:
    """The number of seats of each subscription at the end of the billing period the lines cover.

    Microsoft's rule (``common-billing-scenarios-onetime-recurring.md``, "How do I calculate the
    total number of seats (licenses) after multiple changes during a billing period?"): sort by
    order date; each change is a refund of the old count and a charge for the new one, so the last
    positive charge carries the period's seat count. When several positive charges fall on that
    last day, Microsoft's tie-break applies: from the order date of the period's ``new``, ``renew``
    or ``cycleCharge`` transaction, add the billable quantities of the positive charges and subtract
    those of the negative ones (``customerCredit`` lines are left out). cspcore sums from that base
    day through the last day, which is Microsoft's arithmetic when the base day is the last day and
    its natural extension otherwise. Without a base transaction in the lines, the same-day chain is
    resolved by removing each refunded count from the day's charged counts.

    Args:
        lines: Charge lines of one billing period (any order; several subscriptions allowed).

    Returns:
        Seats by subscription id, for subscriptions that have a positive charge.

    Raises:
        InvalidInput: when a line is not a ChargeLine, there are more than
            :data:`~cspcore.interop._rules.MAX_LINES` of them (an endless iterable), or a same-day chain
            cannot be resolved.
        CurrencyMismatch: when a line is not in the first line's currency (one billing period's lines
            are one invoice's).

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> def line(day, kind, price, qty):
    ...     return ChargeLine(
    ...         order_date=dt.date(2022, 3, day),
    ...         charge_type=kind,
    ...         product="M365 BS",
    ...         subscription_id="s1",
    ...         unit_price=Money(12, "EUR"),
    ...         effective_unit_price=Money(price, "EUR"),
    ...         quantity=qty,
    ...         subtotal=Money(price, "EUR") * qty,
    ...         charge_start=dt.date(2022, 3, day),
    ...         charge_end=dt.date(2022, 4, 4),
    ...     )
    >>> seats_at_period_end(
    ...     [
    ...         line(5, "new", 12, 10),
    ...         line(7, "addQuantity", "-11.23", 10),
    ...         line(7, "addQuantity", "11.23", 15),
    ...     ]
    ... )
    {'s1': Decimal('15')}
    """
    by_subscription: dict[str, list[ChargeLine]] = defaultdict(list)
    for line in charge_lines(lines, "lines", OneCurrency()):
        if line.charge_type is not ChargeType.CUSTOMER_CREDIT:
            by_subscription[line.subscription_id].append(line)
    result: dict[str, Decimal] = {}
    for subscription, group in by_subscription.items():
        group.sort(key=lambda item: item.order_date)
        positives = [item for item in group if not _is_negative(item)]
        if not positives:
            continue
        last_day = positives[-1].order_date
        on_last_day = [item for item in positives if item.order_date == last_day]
        if len(on_last_day) == 1:
            result[subscription] = on_last_day[0].quantity
            continue
        bases = [
            item for item in positives if item.charge_type in _BASE_CHARGES and item.order_date <= last_day
        ]
        if bases:
            base_day = bases[-1].order_date
            window = [item for item in group if base_day <= item.order_date <= last_day]
            result[subscription] = _net_quantity(window)
            continue
        charged = [item.quantity for item in on_last_day]
        for refund in (item for item in group if item.order_date == last_day and _is_negative(item)):
            if refund.quantity in charged:
                charged.remove(refund.quantity)
        if len(set(charged)) != 1:
            raise InvalidInput(
                "lines", f"cannot tell the last of several same-day changes of {subscription}", tuple(charged)
            )
        result[subscription] = charged[0]
    return result


# -- reconciliation ------------------------------------------------------------------------------------

_COMPARED: Final = ("unit_price", "effective_unit_price", "subtotal", "tax", "total")


@attrs.frozen(kw_only=True)
class Mismatch:
    """A pair of lines that identify the same charge but disagree on one field.

    Args:
        expected: The line you expected (your own rating).
        actual: The line Microsoft billed.
        field: The ChargeLine field that differs (``subtotal``, ``effective_unit_price``...).
        difference: ``actual − expected`` for amounts; ``None`` for a field that is not an amount.
            :func:`reconcile` reports no currency difference: it refuses lines in two currencies.
    """

    expected: ChargeLine
    actual: ChargeLine
    field: str
    difference: Money | None

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)

    @property
    def reason(self) -> Reason:
        """The mismatch as a renderable reason.

        >>> import datetime as dt
        >>> from cspcore import Money
        >>> line = ChargeLine(
        ...     order_date=dt.date(2024, 1, 1),
        ...     charge_type="new",
        ...     product="P",
        ...     subscription_id="s",
        ...     unit_price=Money(1, "EUR"),
        ...     effective_unit_price=Money(1, "EUR"),
        ...     quantity=1,
        ...     subtotal=Money(1, "EUR"),
        ...     charge_start=dt.date(2024, 1, 1),
        ...     charge_end=dt.date(2024, 1, 31),
        ... )
        >>> Mismatch(
        ...     expected=line, actual=line, field="subtotal", difference=Money("0.01", "EUR")
        ... ).reason.code
        'interop.reconcile.mismatched'
        """
        return Reason(
            "interop.reconcile.mismatched",
            {
                "subscription": self.expected.subscription_id,
                "charge_type": self.expected.charge_type.value,
                "field": _FIELD_LABELS.get(self.field, self.field),
                "expected": _field_value(self.expected, self.field),
                "actual": _field_value(self.actual, self.field),
            },
            source=Source(_RECON_DOC, "Subtotal"),
        )


#: Microsoft's column name for each compared field, as partners know them from the file.
_FIELD_LABELS: Final = {
    "unit_price": "UnitPrice",
    "effective_unit_price": "EffectiveUnitPrice",
    "subtotal": "Subtotal",
    "tax": "TaxTotal",
    "total": "Total",
    "currency": "Currency",
}


def _field_value(line: ChargeLine, field: str) -> Money | str:
    """Amounts at the minor unit are shown as money in the locale; finer prices keep every digit."""
    value = getattr(line, field)
    if isinstance(value, Money):
        return value if value.is_rounded() else _field_text(value)
    return str(value)


def _field_text(money: Money) -> str:
    return f"{_plain(money.amount)} {money.currency}"


class _BilledLines:
    """The billed lines of a report's matched pairs, kept compactly (internal).

    A month can pair a million lines. A billed line equal to its expected line (``==``, ChargeLine's
    value equality, for which ``Money("12", "EUR")`` equals ``Money("12.00", "EUR")``) is not kept a
    second time: the expected line stands for it. One that differs from it only in its reference id
    keeps only that id; any other billed line is kept whole. The lines are rebuilt when first asked
    for, then kept. Each rebuilt line equals the billed line it stands for.
    """

    __slots__ = ("_expected", "_kept", "_lines")

    def __init__(
        self,
        expected: tuple[ChargeLine, ...],
        kept: list[ChargeLine | str | None],
        lines: tuple[ChargeLine, ...] | None = None,
    ) -> None:
        self._expected = expected
        self._kept = kept
        self._lines = lines

    @property
    def lines(self) -> tuple[ChargeLine, ...]:
        if self._lines is None:
            self._lines = tuple(
                line if kept is None else with_reference(line, kept) if isinstance(kept, str) else kept
                for line, kept in zip(self._expected, self._kept, strict=True)
            )
        return self._lines

    def __len__(self) -> int:
        return len(self._kept) if self._lines is None else len(self._lines)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _BilledLines) and self.lines == other.lines

    def __hash__(self) -> int:
        return hash(self.lines)


def _billed_lines(value: Iterable[ChargeLine] | _BilledLines) -> _BilledLines:
    if isinstance(value, _BilledLines):
        return value
    lines = _validate.items(value, "matched_actual")
    for index, line in enumerate(lines):
        if not isinstance(line, ChargeLine):
            raise InvalidInput(f"matched_actual[{index}]", "expected a ChargeLine", line)
    return _BilledLines((), [], lines)


_NO_LINES: Final = _BilledLines((), [], ())


def _tolerance(value: object, field: str) -> Decimal:
    """A tolerance: a bounded number, not negative (as :func:`reconcile` reads it)."""
    return _validate.decimal(value, field, allow_negative=False)


@attrs.frozen(kw_only=True, repr=False)
class ReconciliationReport:
    """The outcome of :func:`reconcile`.

    Args:
        matched_expected: The expected lines that were billed as expected, in billing order.
        matched_actual: The billed lines they paired with, in the same order.
        missing: Expected lines that Microsoft did not bill.
        unexpected: Billed lines that were not expected.
        mismatched: One :class:`Mismatch` per differing field of a paired charge.
        tolerance: The largest absolute difference accepted per amount.

    A reconciliation is of one currency: a line in another currency than the first raises
    :class:`~cspcore.errors.CurrencyMismatch` naming it (``missing[0].currency``).

    The pairs are kept as two parallel sequences (a month can hold a million of them) and offered as
    :attr:`matched`. A billed line equal to its expected line (``==``) is represented by the expected
    line, and one that differs only in its reference id by the expected line and that id, so a clean
    month costs a pointer or two per pair rather than a second copy of the month. Every line of
    :attr:`matched_actual` equals the billed line it stands for.
    """

    matched_expected: tuple[ChargeLine, ...] = ()
    _matched_actual: _BilledLines = attrs.field(default=_NO_LINES, converter=_billed_lines)
    missing: tuple[ChargeLine, ...] = ()
    unexpected: tuple[ChargeLine, ...] = ()
    mismatched: tuple[Mismatch, ...] = ()
    tolerance: Decimal = attrs.field(default=Decimal(0), validator=_validate.attrs_validator(_tolerance))

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)
        if len(self.matched_expected) != len(self._matched_actual):
            raise InvalidInput(
                "matched_actual", "must pair one to one with matched_expected", len(self._matched_actual)
            )
        seen = OneCurrency()
        for name in ("matched_expected", "matched_actual", "missing", "unexpected"):
            lines_currency(seen, getattr(self, name), name)
        for index, mismatch in enumerate(self.mismatched):
            lines_currency(seen, (mismatch.expected, mismatch.actual), f"mismatched[{index}]")

    def __repr__(self) -> str:
        names = ("matched_expected", "matched_actual", "missing", "unexpected", "mismatched", "tolerance")
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"ReconciliationReport({shown})"

    @property
    def matched_actual(self) -> tuple[ChargeLine, ...]:
        """The billed lines of the matched pairs, in the order of :attr:`matched_expected`."""
        return self._matched_actual.lines

    @property
    def matched(self) -> tuple[tuple[ChargeLine, ChargeLine], ...]:
        """``(expected, actual)`` pairs that agree within the tolerance."""
        return tuple(zip(self.matched_expected, self.matched_actual, strict=True))

    @property
    def ok(self) -> bool:
        """``True`` when every expected line was billed as expected and nothing else was billed."""
        return not (self.missing or self.unexpected or self.mismatched)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why the reconciliation is or is not clean, renderable in every supported locale."""
        source = Source(_RECON_DOC)
        if self.ok:
            return (Reason("interop.reconcile.ok", {"count": len(self.matched_expected)}, source=source),)
        found: list[Reason] = [
            Reason(
                "interop.reconcile.missing",
                {
                    "subscription": line.subscription_id,
                    "charge_type": line.charge_type.value,
                    "amount": line.total,
                },
                source=source,
            )
            for line in self.missing
        ]
        found.extend(
            Reason(
                "interop.reconcile.unexpected",
                {
                    "subscription": line.subscription_id,
                    "charge_type": line.charge_type.value,
                    "amount": line.total,
                },
                source=source,
            )
            for line in self.unexpected
        )
        found.extend(mismatch.reason for mismatch in self.mismatched)
        return tuple(found)


_set = object.__setattr__


def _report(  # noqa: PLR0917 - internal fast constructor, one argument per field
    matched_expected: tuple[ChargeLine, ...],
    matched_actual: _BilledLines,
    missing: tuple[ChargeLine, ...],
    unexpected: tuple[ChargeLine, ...],
    mismatched: tuple[Mismatch, ...],
    tolerance: Decimal,
) -> ReconciliationReport:
    """A report from what :func:`reconcile` built and checked itself (no item-by-item re-check)."""
    report: ReconciliationReport = object.__new__(ReconciliationReport)
    _set(report, "matched_expected", matched_expected)
    _set(report, "_matched_actual", matched_actual)
    _set(report, "missing", missing)
    _set(report, "unexpected", unexpected)
    _set(report, "mismatched", mismatched)
    _set(report, "tolerance", tolerance)
    return report


#: What identifies a charge (with its sign, which decides the index it is kept in).
_IDENTITY: Final = operator.attrgetter(
    "subscription_id", "charge_type", "charge_start", "charge_end", "quantity"
)
#: What the index is keyed on (hashed): the identity but the charge type, whose hash is a Python call.
#: Lines of several charge types under one key are told apart as lines that share a hash are.
_BUCKET: Final = operator.attrgetter("subscription_id", "charge_start", "charge_end", "quantity")
_SUBTOTAL: Final = operator.attrgetter("subtotal._amount")
#: Compared with a Decimal (not the int 0, which each comparison would convert).
_ZERO: Final = Decimal(0)
#: The compared figures, read straight from Money's slots.
_FIGURES: Final = operator.attrgetter(
    "subtotal._amount",
    "total._amount",
    "tax._amount",
    "unit_price._amount",
    "effective_unit_price._amount",
    "subtotal._currency",
)
#: Every field but the reference id and the total, in the order the row reader's values are compared
#: in. Equal values are equal lines (ChargeLine's own equality: ``12`` equals ``12.00``); the total
#: need not be read, since it equals subtotal plus tax on every line, and every amount of a line
#: has the subtotal's currency.
_SAME: Final = operator.attrgetter(
    "subscription_id",
    "charge_type",
    "charge_start",
    "charge_end",
    "quantity",
    "subtotal._amount",
    "tax._amount",
    "unit_price._amount",
    "effective_unit_price._amount",
    "subtotal._currency",
    "order_date",
    "product",
    "qualifiers",
    "customer_id",
    "subscription_start",
    "subscription_end",
    "term_and_billing_cycle",
    "billing_frequency",
)


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


_SHOWN: Final = Decimal("0.01")


def _same_display(expected: Decimal, actual: Decimal) -> bool:
    """Whether two effective unit prices agree once the finer one is shown as Microsoft shows it.

    Microsoft's files and tables show the effective unit price at two decimals, rounded half-up
    (11.2258 → 11.23) or cut down (9.4297 → 9.42, the field-spec formula's ROUNDDOWN); either
    counts as the same price. A price written with more than two decimals is compared exactly.
    """
    finer, coarser = (expected, actual) if _decimals(expected) >= _decimals(actual) else (actual, expected)
    if _decimals(coarser) > 2:
        return False
    return any(
        finer.quantize(_SHOWN, rounding=mode, context=_QUANT) == coarser
        for mode in (_decimal.ROUND_HALF_UP, _decimal.ROUND_DOWN)
    )


_QUANT: Final = _decimal.Context(prec=200)


def _differences(expected: ChargeLine, actual: ChargeLine, tolerance: Decimal) -> list[Mismatch]:
    """The fields in which two lines of one currency (:func:`reconcile` checks it) differ."""
    found = []
    for name in _COMPARED:
        want: Money = getattr(expected, name)
        got: Money = getattr(actual, name)
        if want.amount == got.amount:
            continue
        gap = got - want  # exact, whatever the ambient decimal context
        if gap.amount.copy_abs() <= tolerance:
            continue
        if name == "effective_unit_price" and _same_display(want.amount, got.amount):
            continue
        found.append(Mismatch(expected=expected, actual=actual, field=name, difference=gap))
    return found


def _kept(expected: ChargeLine, actual: ChargeLine) -> ChargeLine | str | None:
    """What a report keeps of a billed line paired with ``expected`` (see :class:`_BilledLines`)."""
    if type(actual) is not type(expected) or _SAME(expected) != _SAME(actual):
        return actual
    reference = actual.reference_id
    if reference == expected.reference_id:
        return None
    return actual if reference is None else reference


def _index(expected: Iterator[ChargeLine]) -> tuple[dict[int, Any], dict[int, Any]]:
    """Expected charges and refunds by the hash of their identity: one line, or a :class:`_Bucket` of several.

    Charges and refunds are kept apart (the sign is part of what identifies a line). Keying on the
    identity's hash (an int) rather than on the identity tuple keeps the index small and gives the
    garbage collector no container per line to walk; identities are compared when a billed line is
    looked up, so two identities that happen to share a hash are still told apart.
    """
    charges: dict[int, Any] = {}
    refunds: dict[int, Any] = {}
    for line in expected:
        # Plain attribute reads (specialised by the interpreter), not _SUBTOTAL and _BUCKET: same values.
        pending = refunds if line.subtotal._amount < _ZERO else charges  # noqa: SLF001 - Money's slot
        digest = hash((line.subscription_id, line.charge_start, line.charge_end, line.quantity))
        size = len(pending)
        held = pending.setdefault(digest, line)
        if len(pending) == size:  # the hash was there already: keep both lines
            if type(held) is _Bucket:
                held.add(line)
            else:
                pending[digest] = _Bucket(held, line)
    return charges, refunds


#: The figures whose equality makes a candidate an exact partner (equal Decimals hash equal).
_EXACT_FIGURES: Final = operator.attrgetter(
    "subtotal._amount",
    "tax._amount",
    "total._amount",
    "unit_price._amount",
    "effective_unit_price._amount",
    "subtotal._currency",
)
#: The same without the effective unit price, which Microsoft may show rounded.
_OTHER_FIGURES: Final = operator.attrgetter(
    "subtotal._amount", "tax._amount", "total._amount", "unit_price._amount", "subtotal._currency"
)
#: With a tolerance, how many pending candidates (in order) are compared before the first is taken.
_TOLERANT_LOOKS: Final = 64


def _displays(price: Decimal) -> tuple[Decimal, ...]:
    """The two-decimal prices a finer ``price`` is shown as (half-up, cut down); none for a coarse one."""
    if _decimals(price) <= 2:
        return ()
    return tuple(
        {
            price.quantize(_SHOWN, rounding=mode, context=_QUANT)
            for mode in (_decimal.ROUND_HALF_UP, _decimal.ROUND_DOWN)
        }
    )


class _Bucket:
    """Several expected lines under one bucket hash, paired in O(1) amortised time per billed line (internal).

    Lines are numbered in expected order; each index (a dict of deques of numbers) finds the first
    pending line of a kind without a scan: an exact partner by identity and figures, a partner whose
    effective unit price Microsoft shows rounded by identity, other figures and the shown price, and
    the first pending line of an identity. Taken numbers are skipped when they reach a deque's front.
    """

    __slots__ = ("coarse", "exact", "fine", "first", "lines", "taken")

    def __init__(self, *lines: ChargeLine) -> None:
        self.lines: list[ChargeLine] = []
        self.taken: list[bool] = []
        self.first: dict[tuple[Any, ...], collections.deque[int]] = {}
        self.exact: dict[tuple[Any, ...], collections.deque[int]] = {}
        self.coarse: dict[tuple[Any, ...], collections.deque[int]] = {}
        self.fine: dict[tuple[Any, ...], collections.deque[int]] = {}
        for line in lines:
            self.add(line)

    def add(self, line: ChargeLine) -> None:
        number = len(self.lines)
        self.lines.append(line)
        self.taken.append(False)
        identity = _IDENTITY(line)
        self.first.setdefault(identity, collections.deque()).append(number)
        self.exact.setdefault((identity, _EXACT_FIGURES(line)), collections.deque()).append(number)
        price = line.effective_unit_price.amount
        others = (identity, _OTHER_FIGURES(line))
        if _decimals(price) <= 2:
            self.coarse.setdefault((*others, price), collections.deque()).append(number)
        for shown in _displays(price):
            self.fine.setdefault((*others, shown), collections.deque()).append(number)

    def _front(
        self, queues: dict[tuple[Any, ...], collections.deque[int]], key: tuple[Any, ...]
    ) -> int | None:
        queue = queues.get(key)
        if queue is None:
            return None
        while queue and self.taken[queue[0]]:
            queue.popleft()
        return queue[0] if queue else None

    def take(self, line: ChargeLine, limit: Decimal) -> tuple[ChargeLine | None, list[Mismatch]]:
        """The expected line ``line`` pairs with (taken out), and their differences; ``None`` if none."""
        identity = _IDENTITY(line)
        number = self._front(self.exact, (identity, _EXACT_FIGURES(line)))
        if number is None:
            others = (identity, _OTHER_FIGURES(line))
            price = line.effective_unit_price.amount
            found = [self._front(self.fine, (*others, price))] if _decimals(price) <= 2 else []
            found += [self._front(self.coarse, (*others, shown)) for shown in _displays(price)]
            number = min((found_number for found_number in found if found_number is not None), default=None)
        if number is None:
            number = self._tolerant(identity, line, limit)
        if number is None:
            return None, []
        self.taken[number] = True
        chosen = self.lines[number]
        return chosen, _differences(chosen, line, limit)

    def _tolerant(self, identity: tuple[Any, ...], line: ChargeLine, limit: Decimal) -> int | None:
        """The first of the first pending lines of ``identity`` within the tolerance, else the first."""
        first = self._front(self.first, identity)
        if first is None or not limit:
            return first
        looked = 0
        queue = self.first[identity]
        for number in queue:
            if looked == _TOLERANT_LOOKS:
                break
            if self.taken[number]:
                continue
            looked += 1
            if not _differences(self.lines[number], line, limit):
                return number
        return first

    def pending(self) -> list[ChargeLine]:
        return [line for line, taken in zip(self.lines, self.taken, strict=True) if not taken]


def reconcile(
    expected: Iterable[ChargeLine],
    actual: Iterable[ChargeLine],
    *,
    tolerance: Decimal | int | str = 0,
) -> ReconciliationReport:
    """Compare the charges you expected with the charges Microsoft billed.

    Lines are paired on what identifies a charge: subscription, charge type, charge start and end
    dates, quantity and sign (a refund never pairs with a charge). Microsoft's reference ids, order
    ids and product spellings are not used to pair. Paired lines are compared on unit price,
    effective unit price, subtotal, tax and total. The effective unit price that
    Microsoft's files show rounded for display (``-11.23`` for ``-11.2258…``) is not a difference
    (``modern-invoice-reconciliation-file.md``, EffectiveUnitPrice). When several lines share a key,
    the first pending line with equal figures is preferred, then the first that differs only by a
    price shown rounded, then (with a tolerance) the first within it among the next 64, then the
    first in order. Each billed line is paired in constant time however many lines share its key.

    ``expected`` is indexed in memory; ``actual`` is streamed, so it may be a generator such as
    :func:`iter_recon_rows` over an open file.

    Args:
        expected: Your lines (from cspcore's rating or your own records).
        actual: Microsoft's lines (from the reconciliation file or the line-items API).
        tolerance: The largest absolute difference per amount that still counts as equal; zero (exact
            to the cent and beyond) by default.

    Returns:
        A :class:`ReconciliationReport`; ``report.ok`` when everything agrees.

    Raises:
        InvalidInput: for a negative, float or non-numeric tolerance, an item that is not a ChargeLine,
            or more than :data:`~cspcore.interop._rules.MAX_LINES` (10**8) lines in ``expected`` or
            ``actual`` (an endless iterable).
        CurrencyMismatch: for a line in another currency than the first expected (or billed) line's,
            naming it (``actual[4].currency``): one reconciliation is of one invoice's billing currency.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> mine = ChargeLine(
    ...     order_date=dt.date(2022, 3, 7),
    ...     charge_type="addQuantity",
    ...     product="M365 BS",
    ...     subscription_id="s1",
    ...     unit_price=Money(12, "EUR"),
    ...     effective_unit_price=Money("11.2258064516", "EUR"),
    ...     quantity=15,
    ...     subtotal=Money("168.38", "EUR"),
    ...     charge_start=dt.date(2022, 3, 7),
    ...     charge_end=dt.date(2022, 4, 4),
    ... )
    >>> theirs = attrs.evolve(mine, effective_unit_price=Money("11.23", "EUR"), reference_id="12d33e18")
    >>> reconcile([mine], [theirs]).ok
    True
    >>> report = reconcile(
    ...     [mine], [attrs.evolve(theirs, subtotal=Money("168.39", "EUR"), total=Money("168.39", "EUR"))]
    ... )
    >>> [(m.field, m.difference) for m in report.mismatched]
    [('subtotal', Money('0.01', 'EUR')), ('total', Money('0.01', 'EUR'))]
    """
    limit = _tolerance(tolerance, "tolerance")
    seen = OneCurrency()
    pairing = _Pairing(_index(charge_lines(expected, "expected", seen)), limit)
    rows = actual.raw() if type(actual) is _ReconRows else None
    if rows is None:
        for line in charge_lines(actual, "actual", seen):
            pairing.pair(line)
    else:
        pairing.pair_rows(rows, seen)
    return pairing.report()


class _Pairing:
    """One reconciliation under way: the expected lines not yet paired, and what was found (internal)."""

    __slots__ = ("charges", "kept", "limit", "matched", "mismatched", "refunds", "unexpected")

    def __init__(self, index: tuple[dict[int, Any], dict[int, Any]], limit: Decimal) -> None:
        self.charges, self.refunds = index
        self.limit = limit
        self.matched: list[ChargeLine] = []
        self.kept: list[ChargeLine | str | None] = []
        self.unexpected: list[ChargeLine] = []
        self.mismatched: list[Mismatch] = []

    def pair(self, line: ChargeLine) -> None:
        """Pair one billed line with an expected line, or record it as unexpected or mismatched."""
        pending = self.refunds if _SUBTOTAL(line) < _ZERO else self.charges
        digest = hash(_BUCKET(line))
        held = pending.pop(digest, None)
        if held is None:
            self.unexpected.append(line)
            return
        if type(held) is not _Bucket:
            if _IDENTITY(held) != _IDENTITY(line):
                pending[digest] = held
                self.unexpected.append(line)
                return
            chosen = held
            differences = [] if _FIGURES(held) == _FIGURES(line) else _differences(held, line, self.limit)
        else:
            pending[digest] = held
            taken, differences = held.take(line, self.limit)
            if taken is None:
                self.unexpected.append(line)
                return
            chosen = taken
        if differences:
            self.mismatched.extend(differences)
        else:
            self.matched.append(chosen)
            self.kept.append(_kept(chosen, line))

    def pair_rows(self, rows: Iterator[Any], seen: OneCurrency) -> None:
        """Pair the rows of :meth:`_ReconRows.raw` (field-value tuples, or lines the careful reader made).

        A line is built only for a row that does not equal its expected line but for the reference
        id, and a clean month is made of rows that do. Each row is checked as :func:`charge_lines` checks
        a line: in the one currency ``seen`` holds, and at most :data:`MAX_LINES` of them.
        """
        charges, refunds = self.charges, self.refunds
        matched, kept = self.matched.append, self.kept.append
        most = _rules.MAX_LINES
        for index, row in enumerate(rows):
            if index >= most:
                raise too_many_lines("actual")
            if type(row) is not tuple:
                seen.check(row.currency, f"actual[{index}].currency")
                self.pair(row)
                continue
            (
                order, kind, product, subscription, unit, effective, quantity, subtotal, start, end,
                tax, _total, reference, qualifiers, customer, subscription_start, subscription_end,
                term, frequency,
            ) = row  # fmt: skip
            amount = subtotal._amount  # noqa: SLF001 - Money's own slot, as _FIGURES reads it
            if subtotal._currency != seen.code:  # noqa: SLF001
                seen.check(subtotal._currency, f"actual[{index}].currency")  # noqa: SLF001
            pending = refunds if amount < _ZERO else charges
            digest = hash((subscription, start, end, quantity))  # as _BUCKET reads a line
            held = pending.pop(digest, None)
            # The fields of _SAME, compared one by one (plain attribute reads, short-circuited).
            if (
                type(held) is ChargeLine
                and held.subscription_id == subscription
                and held.charge_type is kind
                and held.charge_start == start
                and held.charge_end == end
                and held.quantity == quantity
                and held.subtotal._amount == amount  # noqa: SLF001
                and held.tax._amount == tax._amount  # noqa: SLF001
                and held.unit_price._amount == unit._amount  # noqa: SLF001
                and held.effective_unit_price._amount == effective._amount  # noqa: SLF001
                and held.subtotal._currency == subtotal._currency  # noqa: SLF001
                and held.order_date == order
                and held.product == product
                and held.qualifiers == qualifiers
                and held.customer_id == customer
                and held.subscription_start == subscription_start
                and held.subscription_end == subscription_end
                and held.term_and_billing_cycle == term
                and held.billing_frequency == frequency
                and (reference is not None or held.reference_id is None)
            ):
                matched(held)
                kept(None if reference == held.reference_id else reference)
            else:
                if held is not None:
                    pending[digest] = held  # put back for the general pairing
                self.pair(build(row))

    def report(self) -> ReconciliationReport:
        """The report of what was paired; what is left of the expected lines is missing."""
        missing = [
            line
            for pending in (self.charges, self.refunds)
            for held in pending.values()
            for line in (held.pending() if type(held) is _Bucket else (held,))
        ]
        pairs = tuple(self.matched)
        return _report(
            pairs,
            _BilledLines(pairs, self.kept),
            tuple(missing),
            tuple(self.unexpected),
            tuple(self.mismatched),
            self.limit,
        )
