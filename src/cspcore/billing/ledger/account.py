"""The ledger value: one account's invoices, payments and credit notes, in one currency.

A :class:`Ledger` only holds documents (see :mod:`cspcore.billing.ledger.invoices`) and checks that
they agree with each other: one currency, unique ids, voids and write-offs that name invoices it
holds. How money was applied is never stored; :mod:`cspcore.billing.ledger` replays the documents
as of a date, and its changes (``issue``, ``apply_payment``, ...) build the next ledger through
:func:`trusted_ledger`.

>>> import datetime as dt
>>> from cspcore import Money
>>> from cspcore.billing import Invoice, Ledger
>>> ledger = Ledger(
...     invoices=(
...         Invoice(
...             id="I-1", issued=dt.date(2024, 1, 1), currency="EUR", total_charges=Money("50.00", "EUR")
...         ),
...     ),
...     account_id="contoso",
... )
>>> ledger.currency, ledger.invoice("I-1").total_charges
('EUR', Money('50.00', 'EUR'))

.. versionadded:: 0.1.0
.. versionchanged:: 0.1.0
    Moved from :mod:`cspcore.billing.invoices`, which still re-exports :class:`Ledger` and
    :func:`trusted_ledger`.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _validate
from cspcore._trusted import trusted_constructor
from cspcore.billing.ledger._beside import Beside, Ids, Kind
from cspcore.billing.ledger.invoices import CreditNote, Invoice, Payment
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput

if TYPE_CHECKING:
    from cspcore.billing.ledger._index import LedgerIndex

__all__ = ["Ledger", "beside", "held", "ids_of", "index_beside", "trusted_ledger"]


def _items(value: object, cls: type, field: str) -> tuple[Any, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise InvalidInput(field, f"expected a tuple of {cls.__name__}", value, code=ErrorCode.WRONG_TYPE)
    return tuple(_validate.instance(item, cls, f"{field}[{i}]") for i, item in enumerate(value))


def _invoices(value: tuple[Invoice, ...] | list[Invoice]) -> tuple[Invoice, ...]:
    return _items(value, Invoice, "invoices")


def _payments(value: tuple[Payment, ...] | list[Payment]) -> tuple[Payment, ...]:
    return _items(value, Payment, "payments")


def _credit_notes(value: tuple[CreditNote, ...] | list[CreditNote]) -> tuple[CreditNote, ...]:
    return _items(value, CreditNote, "credit_notes")


def _closed_on(
    given: dict[str, dt.date] | tuple[tuple[str, dt.date], ...] | list[tuple[str, dt.date]],
) -> tuple[tuple[str, dt.date], ...]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    items = value.items() if isinstance(value, dict) else value
    if isinstance(items, (str, bytes)) or not isinstance(items, (tuple, list, type({}.items()))):
        raise InvalidInput("closed_on", "expected (invoice id, date) pairs", value, code=ErrorCode.WRONG_TYPE)
    pairs: list[tuple[str, dt.date]] = []
    for index, item in enumerate(items):
        if not isinstance(item, tuple) or len(item) != 2:
            raise InvalidInput(
                f"closed_on[{index}]",
                "expected an (invoice id, date) pair",
                item,
                code=ErrorCode.WRONG_TYPE if not isinstance(item, tuple) else ErrorCode.MALFORMED,
            )
        pairs.append(
            (
                _validate.text(item[0], f"closed_on[{index}][0]"),
                _validate.date(item[1], f"closed_on[{index}][1]"),
            )
        )
    return tuple(sorted(pairs))


def _ids(given: tuple[str, ...] | list[str] | set[str] | frozenset[str]) -> frozenset[str]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    if isinstance(value, str) or not isinstance(value, (tuple, list, set, frozenset)):
        raise InvalidInput("ids", "expected a set of invoice ids", value, code=ErrorCode.WRONG_TYPE)
    return frozenset(_validate.text(item, "ids[]") for item in value)


def _check_invoices(invoices: tuple[Invoice, ...]) -> list[str]:
    for index, invoice in enumerate(invoices):
        if invoice.total_charges.is_negative():
            raise InvalidInput(
                f"invoices[{index}].total_charges",
                "an invoice in a ledger never goes negative; record a CreditNote instead",
                invoice.total_charges,
                code=ErrorCode.OUT_OF_RANGE,
            )
    ids = [invoice.id for invoice in invoices]
    if len(ids) != len(set(ids)):
        raise InvalidInput(
            "invoices", "invoice ids must be unique", _first_repeated(ids), code=ErrorCode.DUPLICATE
        )
    return ids


def _check_named(kind: str, documents: tuple[Payment | CreditNote, ...], known: set[str]) -> None:
    """Refuse a payment or credit note naming an invoice the ledger does not hold.

    As ``apply_payment`` and ``record_credit_note`` refuse it: money that names an invoice is meant
    for that invoice, and an unknown one is a mistake (a typo, a document of another account), never
    read as an unnamed payment. One set lookup per document.
    """
    for index, document in enumerate(documents):
        named = document.invoice_id
        if named is not None and named not in known:
            raise InvalidInput(
                f"{kind}[{index}].invoice_id",
                "no such invoice in the ledger",
                named,
                code=ErrorCode.UNKNOWN_REFERENCE,
            )


def _first_repeated(ids: list[str]) -> str:
    """The first id that appears more than once (one pass: a long ledger's refusal stays linear)."""
    counts: dict[str, int] = {}
    for key in ids:
        counts[key] = counts.get(key, 0) + 1
    return next(key for key in ids if counts[key] > 1)


class _Keeps:
    """The slot where a ledger keeps what it works out about itself (:mod:`~cspcore.billing.ledger._beside`).

    Not a field: attrs leaves it out of comparison, hashing, ``repr``, ``attrs.asdict`` and pickling.
    It holds None until :func:`beside` fills it (a copy or an unpickled ledger starts with it unset,
    which reads the same).
    """

    __slots__ = ("_kept",)


#: The slot's descriptor: ``Ledger.__init__`` and :data:`trusted_ledger` set it to None, so that asking
#: whether a ledger keeps anything yet is one slot read (a copy or an unpickled ledger starts unset).
_KEPT: Final[Any] = _Keeps.__dict__["_kept"]


@attrs.frozen(kw_only=True)
class Ledger(_Keeps):
    """One account's documents: invoices, payments and credit notes, in one currency.

    A ledger is a value: applying a payment returns a new ledger (see ``apply_payment``).

    Args:
        invoices: The invoices issued to the account.
        payments: The payments received from it.
        credit_notes: The credit notes granted to it.
        voided: Ids of invoices voided (they no longer count as owed).
        written_off: Ids of invoices written off as uncollectible.
        closed_on: The date each voided or written-off invoice was closed, as ``(id, date)`` pairs; an
            id in ``voided`` or ``written_off`` without a date here counts as closed from its issue
            date. ``cspcore.billing.void`` and ``cspcore.billing.write_off`` record it.
        on_payment_plan: Ids of invoices under an agreed payment plan (collections leave them alone).
        account_id: The account (customer) the ledger belongs to, when known.

    .. versionchanged:: 0.1.0
        ``closed_on``, ``on_payment_plan`` and ``account_id`` added (as-of-aware voids and write-offs,
        collections exemptions).

    .. versionchanged:: 0.2.0
        A payment or credit note naming an invoice the ledger does not hold is refused
        (``payments[i].invoice_id``, ``UNKNOWN_REFERENCE``), as ``apply_payment`` refuses it.
    """

    invoices: tuple[Invoice, ...] = attrs.field(default=(), converter=_invoices)
    payments: tuple[Payment, ...] = attrs.field(default=(), converter=_payments)
    credit_notes: tuple[CreditNote, ...] = attrs.field(default=(), converter=_credit_notes)
    voided: frozenset[str] = attrs.field(default=frozenset(), converter=_ids)
    written_off: frozenset[str] = attrs.field(default=frozenset(), converter=_ids)
    closed_on: tuple[tuple[str, dt.date], ...] = attrs.field(default=(), converter=_closed_on)
    on_payment_plan: frozenset[str] = attrs.field(default=frozenset(), converter=_ids)
    account_id: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _KEPT.__set__(self, None)  # nothing kept yet (a slot, not a field: see _Keeps)
        if self.account_id is not None:
            _validate.text(self.account_id, "account_id")
        ids = _check_invoices(self.invoices)
        currencies = {invoice.currency for invoice in self.invoices}
        currencies |= {p.amount.currency for p in self.payments} | {
            c.amount.currency for c in self.credit_notes
        }
        if len(currencies) > 1:
            first, second = sorted(currencies)[:2]
            raise CurrencyMismatch("ledger", first, second)
        known = set(ids)
        unknown = (self.voided | self.written_off | self.on_payment_plan) - known
        if unknown:
            raise InvalidInput(
                "voided/written_off/on_payment_plan",
                "name invoices the ledger does not hold",
                tuple(sorted(unknown)),
                code=ErrorCode.UNKNOWN_REFERENCE,
            )
        both = self.voided & self.written_off
        if both:
            raise InvalidInput(
                "voided/written_off",
                "an invoice is either voided or written off",
                tuple(sorted(both)),
                code=ErrorCode.NOT_ALLOWED,
            )
        closed = [invoice_id for invoice_id, _ in self.closed_on]
        if len(closed) != len(set(closed)) or not set(closed) <= (self.voided | self.written_off):
            raise InvalidInput(
                "closed_on",
                "needs one date per voided or written-off invoice",
                self.closed_on,
                code=ErrorCode.INCONSISTENT,
            )
        for kind, documents in (("payments", self.payments), ("credit_notes", self.credit_notes)):
            doc_ids = [document.id for document in documents]
            if len(doc_ids) != len(set(doc_ids)):
                raise InvalidInput(
                    kind, "ids must be unique", _first_repeated(doc_ids), code=ErrorCode.DUPLICATE
                )
            _check_named(kind, documents, known)

    @property
    def currency(self) -> str | None:
        """The ledger's currency, or None while it is empty."""
        if self.invoices:
            return self.invoices[0].currency
        if self.payments:
            return self.payments[0].amount.currency
        if self.credit_notes:
            return self.credit_notes[0].amount.currency
        return None

    def invoice(self, invoice_id: str) -> Invoice:
        """The invoice with this id.

        A lookup in the ledger's invoice ids, kept beside its fields (never one of them): the first
        call on a ledger builds them in one pass, which the ledgers its changes give share, so asking
        for every invoice of a ledger costs time linear in its invoices.

        Raises:
            InvalidInput: ``WRONG_TYPE`` on ``invoice_id`` when it is not a str;
                ``UNKNOWN_REFERENCE`` when the ledger has no such invoice.

        .. versionchanged:: 0.2.0
            A lookup (it was a scan of the invoices); an id that is not a str is ``WRONG_TYPE``.
        """
        if not isinstance(invoice_id, str):
            raise InvalidInput("invoice_id", "expected a str", invoice_id, code=ErrorCode.WRONG_TYPE)
        position = held(self, "invoices", str.__str__(invoice_id))
        if position is not None:
            return self.invoices[position]
        raise InvalidInput(
            "invoice_id", "no such invoice in the ledger", invoice_id, code=ErrorCode.UNKNOWN_REFERENCE
        )


def beside(ledger: Ledger) -> Beside:
    """(internal) What ``ledger`` keeps beside its fields, made empty the first time it is asked for."""
    kept: Beside | None = getattr(ledger, "_kept", None)
    if kept is None:
        kept = Beside()
        _KEPT.__set__(ledger, kept)  # the ledger's cache, not one of its fields (see _Keeps)
    return kept


def index_beside(ledger: Ledger) -> LedgerIndex | None:
    """(internal) The settlement index the ledger keeps already, or None (none is built): one slot read."""
    kept: Beside | None = getattr(ledger, "_kept", None)
    return None if kept is None else kept.index


def ids_of(ledger: Ledger, kind: Kind) -> Ids:
    """(internal) The ledger's shared ids of ``kind`` (entries at its count or beyond are not its)."""
    kept = beside(ledger).ids
    ids = kept.get(kind)
    if ids is None:
        documents: tuple[Invoice | Payment | CreditNote, ...] = getattr(ledger, kind)
        ids = kept[kind] = Ids({document.id: position for position, document in enumerate(documents)})
    return ids


def held(ledger: Ledger, kind: Kind, key: str) -> int | None:
    """(internal) Where the ledger holds a document of ``kind`` with id ``key``; None when it holds none."""
    count = len(getattr(ledger, kind))
    position = ids_of(ledger, kind).positions.get(key, count)
    return position if position < count else None


#: Ledger's one trusted constructor, generated from its fields (every one by keyword): for the ledger's
#: changes (``issue``, ``apply_payment``, ...), which check what they add against a ledger that is
#: already checked, so that adding k documents costs O(k) checks rather than re-checking the ledger.
trusted_ledger: Final = trusted_constructor(Ledger, keyword_only=True, slots={"_kept": None})
