"""Invoices, payments and credit notes: the documents of both billing relationships.

The same values describe Microsoft's invoices to the partner and the partner's invoices to its
customers. An :class:`Invoice` holds :class:`InvoiceLine` values; its ``total_charges`` is derived
from the lines when not given. Tax follows Microsoft's documented rule by default: each line's tax
is rounded down to the cent, then the lines are added (``understand-your-invoice.md``).

>>> import datetime as dt
>>> from cspcore import Money
>>> from cspcore.billing import Invoice, InvoiceLine
>>> invoice = Invoice(
...     id="G000123",
...     issued=dt.date(2024, 2, 8),
...     currency="EUR",
...     lines=(
...         InvoiceLine(
...             description="Microsoft 365 E3", amount=Money("100.00", "EUR"), tax=Money("21.00", "EUR")
...         ),
...         InvoiceLine(description="Teams Phone", amount=Money("8.00", "EUR"), tax=Money("1.68", "EUR")),
...     ),
... )
>>> invoice.subtotal, invoice.tax, invoice.total_charges
(Money('108.00', 'EUR'), Money('22.68', 'EUR'), Money('130.68', 'EUR'))

.. versionadded:: 0.1.0
.. versionchanged:: 0.1.0
    Moved from :mod:`cspcore.billing.invoices`, which still re-exports every name; the
    :class:`~cspcore.billing.Ledger` that holds these documents is in
    :mod:`cspcore.billing.ledger.account`.
"""

from __future__ import annotations

import datetime as dt
from typing import Final, Literal, TypeAlias

import attrs

from cspcore import _validate
from cspcore._keyword_only import positional_deprecated
from cspcore._trusted import trusted_constructor
from cspcore.billing.charges import ChargeLine
from cspcore.enums import CspEnum
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.money import Money, as_money, total

__all__ = [
    "Allocation",
    "AllocationSpelling",
    "CreditNote",
    "DocumentType",
    "DocumentTypeSpelling",
    "Invoice",
    "InvoiceLine",
    "InvoiceStatus",
    "Payment",
    "trusted_invoice",
    "trusted_payment",
]


class DocumentType(CspEnum):
    """The kind of billing document (Partner Center ``documentType``)."""

    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"
    VOID_NOTE = "void_note"
    ADJUSTMENT_NOTE = "adjustment_note"


#: The strings a :class:`DocumentType` may be given as (its values and names), for type checkers.
DocumentTypeSpelling: TypeAlias = Literal[
    "invoice",
    "credit_note",
    "void_note",
    "adjustment_note",
    "INVOICE",
    "CREDIT_NOTE",
    "VOID_NOTE",
    "ADJUSTMENT_NOTE",
]


class InvoiceStatus(CspEnum):
    """Where an invoice stands in collection."""

    DRAFT = "draft"
    OPEN = "open"
    PARTIALLY_PAID = "partially_paid"
    PAID = "paid"
    VOID = "void"
    UNCOLLECTIBLE = "uncollectible"


class Allocation(CspEnum):
    """How a payment without a named invoice is spread over the open invoices.

    Whatever is left once every open invoice is settled stays on the account as credit, which later
    invoices consume when they are issued (an invoice never goes negative).
    """

    OLDEST_DUE_FIRST = "oldest_due_first"
    """Settle the invoice due earliest first (disputed invoices last)."""
    NEWEST_DUE_FIRST = "newest_due_first"
    """Settle the invoice due latest first (disputed invoices last)."""


#: The strings an :class:`Allocation` may be given as (its values and names), for type checkers.
AllocationSpelling: TypeAlias = Literal[
    "oldest_due_first", "newest_due_first", "OLDEST_DUE_FIRST", "NEWEST_DUE_FIRST"
]


def _allocation(value: Allocation | AllocationSpelling) -> Allocation:
    return _validate.enum_member(Allocation, value, "allocation")


_money = as_money


_optional_money = _validate.optional(as_money)


_optional_date = _validate.optional(_validate.date)


_OPTIONAL_TEXT = _validate.attrs_validator(_validate.optional_text)


def _zero_tax(line: InvoiceLine) -> Money:
    return Money.zero(_money(line.amount, "amount").currency)


@positional_deprecated("description", "amount")
@attrs.frozen(kw_only=True)
class InvoiceLine:
    """One line of an invoice.

    Args:
        description: What is charged.
        amount: The pre-tax amount (negative for a credit line).
        tax: The tax on the line; zero by default.
        charge: The charge line it bills, when it comes from rating or a reconciliation file.
    """

    description: str = attrs.field(
        converter=_validate.plain_text, validator=_validate.attrs_validator(_validate.text)
    )
    amount: Money = attrs.field(validator=_validate.attrs_validator(_money))
    tax: Money = attrs.field(
        default=attrs.Factory(_zero_tax, takes_self=True),
        validator=_validate.attrs_validator(_money),
        kw_only=True,
    )
    charge: ChargeLine | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if self.tax.currency != self.amount.currency:
            raise CurrencyMismatch("tax", self.amount.currency, self.tax.currency)
        if self.charge is not None:
            _validate.instance(self.charge, ChargeLine, "charge")

    @property
    def total(self) -> Money:
        """Amount plus tax."""
        return self.amount + self.tax


def _lines(given: tuple[InvoiceLine, ...] | list[InvoiceLine]) -> tuple[InvoiceLine, ...]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise InvalidInput("lines", "expected a tuple of InvoiceLine", value, code=ErrorCode.WRONG_TYPE)
    return tuple(_validate.instance(item, InvoiceLine, f"lines[{i}]") for i, item in enumerate(value))


def _amendments(given: tuple[Invoice, ...] | list[Invoice]) -> tuple[Invoice, ...]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise InvalidInput("amendments", "expected a tuple of Invoice", value, code=ErrorCode.WRONG_TYPE)
    return tuple(_validate.instance(item, Invoice, f"amendments[{i}]") for i, item in enumerate(value))


def _document_type(value: DocumentType | DocumentTypeSpelling) -> DocumentType:
    return _validate.enum_member(DocumentType, value, "document_type")


def _currency(value: str) -> str:
    code = _validate.text(value, "currency")
    return Money.zero(code).currency


def _derived_total(invoice: Invoice) -> Money:
    # ``currency`` is already checked: its converter runs before this default of a later field.
    for index, line in enumerate(invoice.lines):
        if line.amount.currency != invoice.currency:
            raise CurrencyMismatch(f"lines[{index}].amount", invoice.currency, line.amount.currency)
    return total([line.total for line in invoice.lines], currency=invoice.currency)


@attrs.frozen(kw_only=True)
class Invoice:
    """A billing document: an invoice, a credit note, a void note or an adjustment note.

    Args:
        id: The document number (Microsoft's start with ``D`` for legacy and ``G`` for new commerce).
        issued: The issue date (``invoiceDate``).
        currency: The billing currency of every amount on it.
        lines: Its lines; may be empty when only ``total_charges`` is known (an invoice summary).
        total_charges: The total including tax; derived from the lines when not given, and checked
            against them when both are given.
        due: The payment due date, when known (see payment terms).
        document_type: Invoice, credit note, void note or adjustment note.
        billing_period_start: First day of the billing period, when known.
        billing_period_end: Last day of the billing period (inclusive), when known.
        paid_amount: What the document itself reports as paid, when it does (``paidAmount``).
        amendments: Documents that amend this one (credit notes, void notes), in its currency.
        customer_id: The customer billed, for a partner's own invoices.
        disputed: Whether the customer disputes it.
        amends_of: The number of the document this one amends (Partner Center ``amendsOf``), for
            credit, void and adjustment notes.
    """

    id: str = attrs.field(converter=_validate.plain_text, validator=_validate.attrs_validator(_validate.text))
    issued: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    currency: str = attrs.field(converter=_currency)
    lines: tuple[InvoiceLine, ...] = attrs.field(default=(), converter=_lines)
    total_charges: Money = attrs.field(
        default=attrs.Factory(_derived_total, takes_self=True),
        validator=_validate.attrs_validator(_money),
    )
    due: dt.date | None = attrs.field(default=None, validator=_validate.attrs_validator(_optional_date))
    document_type: DocumentType = attrs.field(default=DocumentType.INVOICE, converter=_document_type)
    billing_period_start: dt.date | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_optional_date)
    )
    billing_period_end: dt.date | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_optional_date)
    )
    paid_amount: Money | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_optional_money)
    )
    amendments: tuple[Invoice, ...] = attrs.field(default=(), converter=_amendments)
    customer_id: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    disputed: bool = attrs.field(default=False, validator=_validate.attrs_validator(_validate.flag))
    amends_of: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)

    def __attrs_post_init__(self) -> None:
        for index, line in enumerate(self.lines):
            if line.amount.currency != self.currency:
                raise CurrencyMismatch(f"lines[{index}].amount", self.currency, line.amount.currency)
        if self.total_charges.currency != self.currency:
            raise CurrencyMismatch("total_charges", self.currency, self.total_charges.currency)
        if self.lines and self.total_charges != _derived_total(self):
            raise InvalidInput(
                "total_charges",
                f"does not match the lines, which add up to {_derived_total(self)}",
                self.total_charges,
                code=ErrorCode.INCONSISTENT,
            )
        if self.paid_amount is not None and self.paid_amount.currency != self.currency:
            raise CurrencyMismatch("paid_amount", self.currency, self.paid_amount.currency)
        for index, amendment in enumerate(self.amendments):  # a note amends in its document's currency
            if amendment.currency != self.currency:
                raise CurrencyMismatch(f"amendments[{index}].currency", self.currency, amendment.currency)
        if self.due is not None and self.due < self.issued:
            raise InvalidInput(
                "due",
                f"is before the issue date {self.issued.isoformat()}",
                self.due,
                code=ErrorCode.INCONSISTENT,
            )
        if (
            self.billing_period_start is not None
            and self.billing_period_end is not None
            and self.billing_period_end < self.billing_period_start
        ):
            raise InvalidInput(
                "billing_period_end",
                "is before billing_period_start",
                self.billing_period_end,
                code=ErrorCode.INCONSISTENT,
            )

    @property
    def subtotal(self) -> Money:
        """The lines' pre-tax amounts added up."""
        return total([line.amount for line in self.lines], currency=self.currency)

    @property
    def tax(self) -> Money:
        """The lines' tax added up."""
        return total([line.tax for line in self.lines], currency=self.currency)


@positional_deprecated("id", "amount", "received")
@attrs.frozen(kw_only=True)
class Payment:
    """Money received (or, for Microsoft's invoices, paid by the partner).

    Args:
        id: The payment's reference.
        amount: A positive amount.
        received: The date it was received.
        invoice_id: The invoice it pays, when the payer named one; any excess is spread like a
            payment that names none.
        allocation: How the payment (or the excess over the named invoice) is spread over open
            invoices.
    """

    id: str = attrs.field(converter=_validate.plain_text, validator=_validate.attrs_validator(_validate.text))
    amount: Money = attrs.field(validator=_validate.attrs_validator(_money))
    received: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    invoice_id: str | None = attrs.field(default=None, kw_only=True, validator=_OPTIONAL_TEXT)
    allocation: Allocation = attrs.field(
        default=Allocation.OLDEST_DUE_FIRST,
        converter=_allocation,
        kw_only=True,
    )

    def __attrs_post_init__(self) -> None:
        if not self.amount.is_positive():
            raise InvalidInput(
                "amount", "a payment must be positive", self.amount, code=ErrorCode.OUT_OF_RANGE
            )


@positional_deprecated("id", "amount", "issued")
@attrs.frozen(kw_only=True)
class CreditNote:
    """A credit granted to the customer: it reduces what is owed.

    Args:
        id: The credit note's number.
        amount: A positive amount credited.
        issued: The issue date.
        invoice_id: The invoice it credits, when it credits one.
    """

    id: str = attrs.field(converter=_validate.plain_text, validator=_validate.attrs_validator(_validate.text))
    amount: Money = attrs.field(validator=_validate.attrs_validator(_money))
    issued: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    invoice_id: str | None = attrs.field(default=None, kw_only=True, validator=_OPTIONAL_TEXT)

    def __attrs_post_init__(self) -> None:
        if not self.amount.is_positive():
            raise InvalidInput(
                "amount", "a credit note must be positive", self.amount, code=ErrorCode.OUT_OF_RANGE
            )


#: Invoice's trusted constructor, generated from its fields (every one by keyword): for generators
#: that build many invoices from values they have already checked (the sample portfolio); a property
#: test holds it equal to the public constructor.
trusted_invoice: Final = trusted_constructor(Invoice, keyword_only=True)
#: Payment's trusted constructor, generated from its fields (every one by keyword), for the same use.
trusted_payment: Final = trusted_constructor(Payment, keyword_only=True)
