"""Changes to a ledger, each returning a new ledger: invoices, payments, credit notes, voids, write-offs.

A ledger keeps the documents, never how money was applied: a change records a document (and checks it
against the ledger), and every query replays the documents as of its date.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Final, Literal

import attrs

from cspcore import _validate
from cspcore.billing.ledger._beside import Ids
from cspcore.billing.ledger._beside import Kind as _Kind
from cspcore.billing.ledger._history import history_of
from cspcore.billing.ledger._index import index_of
from cspcore.billing.ledger._replay import checked_ledger
from cspcore.billing.ledger.account import Ledger, beside, ids_of, trusted_ledger
from cspcore.billing.ledger.invoices import Allocation, CreditNote, Invoice, Payment
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput, RuleViolation
from cspcore.explain import Reason, Source

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from cspcore.billing.ledger._history import History
    from cspcore.money import Money

__all__ = [
    "InvoiceClosed",
    "NothingToWriteOff",
    "apply_payment",
    "issue",
    "record_credit_note",
    "void",
    "write_off",
]

BILLING_BASICS: Final = Source(document="billing-basics.md", section="Credit notes and rebilling")


class InvoiceClosed(RuleViolation):
    """The invoice is voided or written off: it cannot be paid by name, voided or written off again."""


class NothingToWriteOff(RuleViolation):
    """The invoice has nothing outstanding to write off."""


# -- the document ids of a ledger, kept beside it (cspcore.billing.ledger._beside) ------------------


def _fresh(
    book: Ledger, kind: _Kind, documents: Sequence[Invoice | Payment | CreditNote]
) -> dict[str, int] | None:
    """The positions ``documents`` take once appended to ``book``'s ``kind``; None when an id repeats.

    None when the ledger already holds one of their ids, or two of them share one. Nothing is kept
    until :func:`_appended` records the new ledger.
    """
    count = len(getattr(book, kind))
    known = ids_of(book, kind).positions
    fresh: dict[str, int] = {}
    for document in documents:
        if known.get(document.id, count) < count or document.id in fresh:
            return None
        fresh[document.id] = count + len(fresh)
    return fresh


def _fields(book: Ledger) -> dict[str, object]:
    """``book``'s fields by name, for the trusted constructor."""
    return {
        "invoices": book.invoices,
        "payments": book.payments,
        "credit_notes": book.credit_notes,
        "voided": book.voided,
        "written_off": book.written_off,
        "closed_on": book.closed_on,
        "on_payment_plan": book.on_payment_plan,
        "account_id": book.account_id,
    }


def _appended(
    book: Ledger,
    kind: _Kind,
    added: tuple[Invoice | Payment | CreditNote, ...],
    fresh: dict[str, int],
    history: History | None,
) -> Ledger:
    """``book`` with the documents ``added`` (checked by the caller) appended to its ``kind``.

    Built by the trusted constructor, with the ``fresh`` ids of the added documents kept beside it; its
    other kinds are ``book``'s tuples, so it shares ``book``'s dicts of them. A new document may change
    how money is applied: it carries the ``history`` the caller found to hold for it (None when it
    found none).
    """
    values = _fields(book)
    documents = getattr(book, kind)
    values[kind] = documents + added  # one copy; the star form builds a list first
    result: Ledger = trusted_ledger(**values)
    count = len(documents)
    known = ids_of(book, kind)
    with known.lock:  # the newest ledger's check and append, as one step (or the copy of an older one's)
        positions = known.positions
        if len(positions) == count:
            ids = known
            positions.update(fresh)
        else:
            ids = Ids({key: at for key, at in positions.items() if at < count} | fresh)
    kept = beside(result)
    kept.ids.update(beside(book).ids)
    kept.ids[kind] = ids
    kept.history = history
    return result


def _holds_invoice(book: Ledger, invoice_id: str) -> None:
    """Refuse an invoice id the ledger does not hold (:meth:`Ledger.invoice` names the refusal)."""
    book.invoice(invoice_id)  # a lookup; raises when there is no such invoice in the ledger


def _issued(book: Ledger, documents: list[Invoice]) -> Ledger | None:
    """``book`` with ``documents`` appended, checking only them; None when one breaks a rule of Ledger."""
    if any(document.total_charges.is_negative() for document in documents):
        return None
    fresh = _fresh(book, "invoices", documents)
    if fresh is None:
        return None
    history = beside(book).history  # handed on when the new invoices change no other's
    carried = None if history is None else history.issued(documents)
    return _appended(book, "invoices", tuple(documents), fresh, carried)


def _landed(book: Ledger, target: str | None, amount: Money, day: dt.date) -> History | None:
    """The history ``book`` hands on to itself with ``amount`` received for ``target`` on ``day``, or None.

    Only when the amount lands whole on the invoice it names and changes no other (see
    :meth:`~cspcore.billing.ledger._history.History.landed`).
    """
    history = beside(book).history
    if history is None or target is None:
        return None
    return history.landed(target, amount.amount, day.toordinal())


# -- changes (each returns a new ledger) -----------------------------------------------------------


def _same_currency(ledger: Ledger, amount: Money, field: str) -> None:
    if ledger.currency is not None and amount.currency != ledger.currency:
        raise CurrencyMismatch(field, ledger.currency, amount.currency)


def _refuse_closed(ledger: Ledger, invoice_id: str) -> None:
    if invoice_id in ledger.voided:
        reason = Reason(
            code="billing.ledger.invoice_voided", params={"invoice": invoice_id}, source=BILLING_BASICS
        )
        raise InvoiceClosed(f"invoice {invoice_id} is voided", reasons=(reason,))
    if invoice_id in ledger.written_off:
        reason = Reason(
            code="billing.ledger.invoice_written_off", params={"invoice": invoice_id}, source=BILLING_BASICS
        )
        raise InvoiceClosed(f"invoice {invoice_id} is written off", reasons=(reason,))


def issue(ledger: Ledger, invoice: Invoice, *more: Invoice) -> Ledger:
    """Add one or more invoices to the ledger; account credit on hand settles each on its issue date.

    Only the new invoices are checked against the ledger (its invoice ids are kept beside it), so
    issuing k invoices costs time in proportion to k, plus copying the tuple of invoices: one call per
    invoice is fine, and one call with all of them (``issue(book, *invoices)``) is a little quicker.

    Raises:
        InvalidInput: on a duplicate id, or a negative total (issue a
            :class:`~cspcore.billing.CreditNote` instead: an invoice never goes negative).
        CurrencyMismatch: on an invoice in another currency than the ledger's (or the first one's).

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Invoice, Ledger
    >>> inv = Invoice(id="A", issued=dt.date(2024, 3, 1), currency="EUR", total_charges=Money(5, "EUR"))
    >>> len(issue(Ledger(), inv).invoices)
    1
    >>> later = Invoice(id="B", issued=dt.date(2024, 4, 1), currency="EUR", total_charges=Money(7, "EUR"))
    >>> [i.id for i in issue(Ledger(), inv, later).invoices]
    ['A', 'B']
    """
    book = checked_ledger(ledger)
    documents = [_validate.instance(invoice, Invoice, "invoice")]
    documents += [_validate.instance(item, Invoice, f"more[{i}]") for i, item in enumerate(more)]
    currency = book.currency or documents[0].currency
    for index, document in enumerate(documents):
        if document.currency != currency:
            field = "invoice.currency" if not index else f"more[{index - 1}].currency"
            raise CurrencyMismatch(field, currency, document.currency)
    issued = _issued(book, documents)
    if issued is None:  # a new invoice breaks a rule of Ledger: its own checks name it
        return attrs.evolve(book, invoices=book.invoices + tuple(documents))
    return issued


def apply_payment(
    ledger: Ledger,
    payment: Payment,
    *,
    allocation: Allocation = Allocation.OLDEST_DUE_FIRST,
    invoice_id: str | None = None,
) -> Ledger:
    """Record a payment; it settles invoices as of its received date.

    Like :func:`issue`, only the new payment is checked against the ledger (its payment and invoice
    ids are kept beside it), so one call costs time in proportion to the payment plus copying the
    tuple of payments: building a ledger with one call per payment grows linearly.

    Args:
        ledger: The account's ledger.
        payment: The payment.
        allocation: How it is spread over open invoices (oldest due first by default).
        invoice_id: The invoice it pays (overrides ``payment.invoice_id``); any excess is spread
            like an unnamed payment, and what is left stays as account credit.

    Returns:
        A new ledger.

    Raises:
        InvalidInput: on a duplicate payment id, another currency, or an unknown invoice.
        InvoiceClosed: when the named invoice is voided or written off.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Ledger, Payment
    >>> book = apply_payment(Ledger(), Payment(id="P", amount=Money(7, "EUR"), received=dt.date(2024, 1, 2)))
    >>> book.payments[0].allocation.value
    'oldest_due_first'
    """
    book = checked_ledger(ledger)
    received: Payment = _validate.instance(payment, Payment, "payment")
    mode = _validate.enum_member(Allocation, allocation, "allocation")
    target = received.invoice_id if invoice_id is None else _validate.text(invoice_id, "invoice_id")
    _same_currency(book, received.amount, "payment.amount")
    fresh = _fresh(book, "payments", (received,))
    if fresh is None:
        raise InvalidInput(
            "payment.id",
            "the ledger already holds a payment with this id",
            received.id,
            code=ErrorCode.DUPLICATE,
        )
    if target is not None:
        _holds_invoice(book, target)
        _refuse_closed(book, target)
    recorded = attrs.evolve(received, allocation=mode, invoice_id=target)
    # Everything Ledger checks of a new payment is checked above: its type, its currency against the
    # ledger's, its id against the ledger's payments (kept beside it).
    history = _landed(book, target, recorded.amount, recorded.received)
    return _appended(book, "payments", (recorded,), fresh, history)


def record_credit_note(ledger: Ledger, note: CreditNote) -> Ledger:
    """Record a credit note; it settles its invoice (or the oldest due) as of its issue date.

    Only the new credit note is checked against the ledger, as for :func:`apply_payment`.

    Raises:
        InvalidInput: on a duplicate id, another currency or an unknown invoice.
        InvoiceClosed: when the credited invoice is voided or written off.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import CreditNote, Ledger
    >>> book = record_credit_note(
    ...     Ledger(), CreditNote(id="C", amount=Money(3, "EUR"), issued=dt.date(2024, 1, 2))
    ... )
    >>> len(book.credit_notes)
    1
    """
    book = checked_ledger(ledger)
    document: CreditNote = _validate.instance(note, CreditNote, "note")
    _same_currency(book, document.amount, "note.amount")
    fresh = _fresh(book, "credit_notes", (document,))
    if fresh is None:
        raise InvalidInput(
            "note.id",
            "the ledger already holds a credit note with this id",
            document.id,
            code=ErrorCode.DUPLICATE,
        )
    if document.invoice_id is not None:
        _holds_invoice(book, document.invoice_id)
        _refuse_closed(book, document.invoice_id)
    # As for a payment: Ledger's checks of a new credit note are all made above.
    history = _landed(book, document.invoice_id, document.amount, document.issued)
    return _appended(book, "credit_notes", (document,), fresh, history)


# -- closing an invoice (void, write-off) ----------------------------------------------------------
#
# A void or write-off checks only the invoice it closes: its id (a lookup beside the ledger), that it is
# not closed yet, the date against its issue date and, for a write-off, what it still owes that day.
# That last answer needs the replay of the ledger's documents: it is read from a history kept beside the
# ledger (:class:`~cspcore.billing.ledger._history.History`), the index of the ledger itself or of an
# ancestor, with the changes logged since, whose answers about every invoice not closed since are still
# the ledger's own. A closure hands the history on to the ledger it gives when it changes no other
# invoice's history (nothing reaches the closed invoice after it closes; for a void, nothing ever did,
# so it releases nothing); so do a payment or credit note that lands whole on the invoice it names
# after the last day anything reached it, and invoices issued after every document while no credit is
# on hand (``_landed``, ``_issued``). So building a ledger by issues, payments and closures one call at
# a time replays it once, not once a write-off.


def _history(book: Ledger) -> History:
    """The history whose answers about each invoice ``book`` has not closed are ``book``'s own."""
    kept = beside(book)
    if kept.history is None:
        kept.history = history_of(index_of(book))
    return kept.history


def _never_reached(history: History, invoice: Invoice) -> bool:
    """Whether no money ever reached ``invoice``: it changed once, on its issue, owing its total.

    Voiding such an invoice releases nothing, so every other invoice's history stays as it was (the
    credit the void spreads is the credit on hand, which is only ever left over when no undisputed
    invoice is open, so it settles nothing).
    """
    days = history.change_days(invoice.id)
    return (
        len(days) == 1
        and days[0] == invoice.issued.toordinal()
        and history.changes(invoice.id)[0][0] == invoice.total_charges.amount
    )


def _closed(
    book: Ledger,
    kind: Literal["voided", "written_off"],
    key: str,
    day: dt.date,
    history: History | None,
) -> Ledger:
    """``book`` with invoice ``key`` (checked by the caller) closed on ``day`` as ``kind``.

    Built by the trusted constructor: ``closed_on`` keeps the order Ledger's converter gives it (the
    pairs sorted), so the result equals the ledger built whole. It shares ``book``'s document ids (the
    same tuples) and carries ``history`` when the caller found it still holds.
    """
    values = _fields(book)
    values[kind] = getattr(book, kind) | {key}
    pairs = book.closed_on
    pair = (key, day)
    at = bisect.bisect_left(pairs, pair)
    # One copy when the pair sorts last (ids closed in order), else the two halves around it.
    values["closed_on"] = (*pairs, pair) if at == len(pairs) else (*pairs[:at], pair, *pairs[at:])
    result: Ledger = trusted_ledger(**values)
    kept = beside(result)
    kept.ids.update(beside(book).ids)
    kept.history = None if history is None else history.closed(day.toordinal())
    return result


def _close_on(ledger: Ledger, invoice_id: str, on: dt.date) -> tuple[Invoice, dt.date]:
    key = _validate.text(invoice_id, "invoice_id")
    day = _validate.date(on, "on")
    invoice = ledger.invoice(key)
    _refuse_closed(ledger, key)
    if day < invoice.issued:
        raise InvalidInput(
            "on",
            f"is before the invoice's issue date {invoice.issued.isoformat()}",
            day,
            code=ErrorCode.INCONSISTENT,
        )
    return invoice, day


def void(ledger: Ledger, invoice_id: str, *, on: dt.date) -> Ledger:
    """Void an invoice from ``on``: it no longer counts; money applied to it becomes account credit.

    Microsoft voids an invoice when it rebills (``billing-basics.md``); a partner voids one issued
    by mistake.

    Raises:
        InvalidInput: on an unknown invoice or a date before its issue date.
        InvoiceClosed: when it is already voided or written off.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Invoice, Ledger, status_of
    >>> inv = Invoice(id="A", issued=dt.date(2024, 3, 1), currency="EUR", total_charges=Money(5, "EUR"))
    >>> book = void(Ledger(invoices=(inv,)), "A", on=dt.date(2024, 3, 2))
    >>> (
    ...     status_of(inv, book, as_of=dt.date(2024, 3, 1)).value,
    ...     status_of(inv, book, as_of=dt.date(2024, 3, 2)).value,
    ... )
    ('open', 'void')
    """
    book = checked_ledger(ledger)
    invoice, day = _close_on(book, invoice_id, on)
    history = beside(book).history
    keeps = history is not None and _never_reached(history, invoice)
    return _closed(book, "voided", invoice.id, day, history if keeps else None)


def write_off(ledger: Ledger, invoice_id: str, *, on: dt.date) -> Ledger:
    """Write off what an invoice still owes on ``on`` as uncollectible.

    Raises:
        InvalidInput: on an unknown invoice or a date before its issue date.
        InvoiceClosed: when it is already voided or written off.
        NothingToWriteOff: when nothing is outstanding on ``on``.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Invoice, Ledger, settle
    >>> inv = Invoice(id="A", issued=dt.date(2024, 3, 1), currency="EUR", total_charges=Money(5, "EUR"))
    >>> book = write_off(Ledger(invoices=(inv,)), "A", on=dt.date(2024, 6, 1))
    >>> settle(book, as_of=dt.date(2024, 6, 1)).written_off
    Money('5', 'EUR')
    """
    book = checked_ledger(ledger)
    invoice, day = _close_on(book, invoice_id, on)
    history = _history(book)
    ordinal = day.toordinal()
    if not history.at(invoice.id, ordinal)[0]:
        raise NothingToWriteOff(
            f"invoice {invoice.id} has nothing outstanding on {day.isoformat()}",
            reasons=(
                Reason(code="billing.ledger.nothing_to_write_off", params={"invoice": invoice.id, "on": day}),
            ),
        )
    # Nothing reaches the invoice after ``day``: closing it then changes no other invoice's history.
    changed = history.last_change(invoice.id)
    keeps = changed is not None and changed <= ordinal
    return _closed(book, "written_off", invoice.id, day, history if keeps else None)
