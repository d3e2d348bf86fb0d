"""The replay of a ledger's documents in date order (internal; public names for the ledger package).

Same-day documents are replayed in a fixed order (invoices, voids, credit notes, payments,
write-offs; then by id), so the order documents are listed in never matters.
"""

from __future__ import annotations

import bisect
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

from cspcore import _validate
from cspcore._decimal import EXACT
from cspcore.billing.ledger.account import Ledger
from cspcore.billing.ledger.invoices import Allocation, CreditNote, Invoice, InvoiceStatus, Payment
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.money import Money

if TYPE_CHECKING:
    import datetime as dt

__all__ = [
    "CREDIT",
    "ISSUE",
    "PAY",
    "VOID",
    "WRITE_OFF",
    "ZERO",
    "State",
    "add",
    "as_of_date",
    "checked_ledger",
    "due_ordinal",
    "events",
    "ledger_currency",
    "replay",
    "status",
    "sub",
]

ZERO: Final = Decimal(0)
#: Exact addition and subtraction (cspcore._decimal's context: a result needing rounding raises).
add: Final = EXACT.add
sub: Final = EXACT.subtract

#: The event kinds, in their same-day order.
ISSUE, VOID, CREDIT, PAY, WRITE_OFF = range(5)


def due_ordinal(invoice: Invoice) -> int:
    return (invoice.due or invoice.issued).toordinal()


def events(ledger: Ledger) -> list[tuple[int, int, str, Any]]:
    closed = dict(ledger.closed_on)
    issued = {invoice.id: invoice.issued for invoice in ledger.invoices}
    events: list[tuple[int, int, str, Any]] = [
        (invoice.issued.toordinal(), ISSUE, invoice.id, invoice) for invoice in ledger.invoices
    ]
    events.extend(
        (max(closed.get(i, issued[i]), issued[i]).toordinal(), VOID, i, None) for i in ledger.voided
    )
    events.extend((note.issued.toordinal(), CREDIT, note.id, note) for note in ledger.credit_notes)
    events.extend((payment.received.toordinal(), PAY, payment.id, payment) for payment in ledger.payments)
    events.extend(
        (max(closed.get(i, issued[i]), issued[i]).toordinal(), WRITE_OFF, i, None) for i in ledger.written_off
    )
    events.sort(key=lambda event: event[:3])
    return events


class State:
    """Mutable replay state (internal; never escapes)."""

    __slots__ = (
        "applied",
        "credit",
        "credited",
        "invoiced",
        "invoices",
        "open",
        "outstanding",
        "paid",
        "touched",
        "voided",
        "written",
    )

    def __init__(self) -> None:
        self.invoices: dict[str, Invoice] = {}
        self.outstanding: dict[str, Decimal] = {}
        self.applied: dict[str, Decimal] = {}
        self.written: dict[str, Decimal] = {}
        self.voided: set[str] = set()
        self.open: list[tuple[int, int, str]] = []  # (due ordinal, issued ordinal, id), kept sorted
        self.credit = ZERO
        self.invoiced = ZERO
        self.paid = ZERO
        self.credited = ZERO
        #: Ids of invoices changed since it was last emptied, when a history is being recorded.
        self.touched: list[str] | None = None

    def _settle_one(self, invoice_id: str, amount: Decimal) -> Decimal:
        if self.touched is not None:
            self.touched.append(invoice_id)
        owed = self.outstanding[invoice_id]
        take = min(owed, amount)
        if take:
            self.outstanding[invoice_id] = sub(owed, take)
            self.applied[invoice_id] = add(self.applied[invoice_id], take)
        if not self.outstanding[invoice_id]:
            self._close(invoice_id)
        return sub(amount, take)

    def _close(self, invoice_id: str) -> None:
        invoice = self.invoices[invoice_id]
        key = (due_ordinal(invoice), invoice.issued.toordinal(), invoice_id)
        index = bisect.bisect_left(self.open, key)
        if index < len(self.open) and self.open[index] == key:
            del self.open[index]

    def _spread(self, amount: Decimal, allocation: Allocation) -> Decimal:
        # Walks the open list in place (no copy per payment): settling an invoice in full removes it
        # from the list, so oldest-first stays on the same index, newest-first moves down.
        waiting = self.open
        invoices = self.invoices
        if allocation is Allocation.OLDEST_DUE_FIRST:
            index = 0
            while amount and index < len(waiting):
                invoice_id = waiting[index][2]
                if not invoices[invoice_id].disputed:
                    amount = self._settle_one(invoice_id, amount)
                if index < len(waiting) and waiting[index][2] == invoice_id:
                    index += 1
        else:
            index = len(waiting) - 1
            while amount and index >= 0:
                invoice_id = waiting[index][2]
                if not invoices[invoice_id].disputed:
                    amount = self._settle_one(invoice_id, amount)
                index -= 1
        return amount

    def _receive(self, amount: Decimal, invoice_id: str | None, allocation: Allocation) -> None:
        if invoice_id is not None and invoice_id in self.outstanding and self.outstanding[invoice_id]:
            amount = self._settle_one(invoice_id, amount)
        amount = self._spread(amount, allocation)
        self.credit = add(self.credit, amount)

    def apply(self, kind: int, key: str, document: Any) -> None:
        if self.touched is not None and kind in {ISSUE, VOID, WRITE_OFF}:
            self.touched.append(key)
        if kind == ISSUE:
            invoice: Invoice = document
            amount = invoice.total_charges.amount
            self.invoices[key] = invoice
            self.outstanding[key] = amount
            self.applied[key] = ZERO
            self.invoiced = add(self.invoiced, amount)
            if amount:
                bisect.insort(self.open, (due_ordinal(invoice), invoice.issued.toordinal(), key))
            if self.credit and not invoice.disputed:
                self.credit = self._settle_one(key, self.credit)
        elif kind == VOID:
            released = self.applied[key]
            self._close(key)
            self.invoiced = sub(self.invoiced, self.invoices[key].total_charges.amount)
            self.voided.add(key)
            self.outstanding[key] = ZERO
            self.applied[key] = ZERO
            self.credit = self._spread(add(self.credit, released), Allocation.OLDEST_DUE_FIRST)
        elif kind == CREDIT:
            note: CreditNote = document
            self.credited = add(self.credited, note.amount.amount)
            self._receive(note.amount.amount, note.invoice_id, Allocation.OLDEST_DUE_FIRST)
        elif kind == PAY:
            payment: Payment = document
            self.paid = add(self.paid, payment.amount.amount)
            self._receive(payment.amount.amount, payment.invoice_id, payment.allocation)
        else:
            self.written[key] = self.outstanding[key]
            self.outstanding[key] = ZERO
            self._close(key)

    def open_view(self) -> tuple[tuple[int, Decimal, str], ...]:
        return tuple((due, self.outstanding[i], i) for due, _issued, i in self.open)


def replay(ledger: Ledger, as_of: dt.date) -> State:
    state = State()
    limit = as_of.toordinal()
    for day, kind, key, document in events(ledger):
        if day > limit:
            break
        state.apply(kind, key, document)
    return state


def checked_ledger(value: object) -> Ledger:
    return _validate.instance(value, Ledger, "ledger")  # type: ignore[no-any-return]


def as_of_date(value: object) -> dt.date:
    return _validate.date(value, "as_of")


def ledger_currency(ledger: Ledger, currency: object) -> str:
    """(internal) The one currency check of every ledger query: the ledger's own, or ``currency``.

    ``currency`` is needed only for an empty ledger; given for one with documents, it must name the
    ledger's currency (400 EUR is never reported as 400 USD).

    Raises:
        InvalidInput: an unknown code, or an empty ledger without one.
        CurrencyMismatch: a code other than the ledger's.
    """
    own = ledger.currency
    if currency is None:
        if own is None:
            raise InvalidInput(
                "currency", "an empty ledger has no currency; pass currency=", None, code=ErrorCode.MISSING
            )
        return own
    code = Money.zero(_validate.text(currency, "currency")).currency
    if own is not None and code != own:
        raise CurrencyMismatch("currency", own, code)
    return code


def status(state: State, invoice: Invoice, as_of: dt.date) -> InvoiceStatus:
    key = invoice.id
    if invoice.issued > as_of or key not in state.invoices:
        return InvoiceStatus.DRAFT
    if key in state.voided:
        return InvoiceStatus.VOID
    if key in state.written:
        return InvoiceStatus.UNCOLLECTIBLE
    if not state.outstanding[key]:
        return InvoiceStatus.PAID
    if state.applied[key]:
        return InvoiceStatus.PARTIALLY_PAID
    return InvoiceStatus.OPEN
