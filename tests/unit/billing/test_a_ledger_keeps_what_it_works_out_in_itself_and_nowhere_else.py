"""A ledger keeps what it works out once (its document ids, its index, the history closures read) in a
slot of its own: never compared, hashed, shown or pickled, gone with the ledger, and never in a table
of the library's. Threads that change one ledger in two ways at once each get ledgers that answer for
their own documents (docs/conventions.md, "No memo of answers")."""

from __future__ import annotations

import copy
import datetime as dt
import importlib
import pickle
import pkgutil
import threading
from typing import TYPE_CHECKING

import cspcore.billing.ledger
from cspcore import InvalidInput, Money
from cspcore.billing import (
    STANDARD,
    Invoice,
    Ledger,
    Payment,
    apply_payment,
    balance,
    evaluate,
    issue,
    status_of,
    void,
    write_off,
)
from cspcore.billing.ledger import index_beside
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    import types

MUTABLE = (dict, list, set, bytearray)
DAY = dt.date(2024, 1, 1)


def invoice(key: str, day: int = 0, amount: int = 100) -> Invoice:
    return Invoice(
        id=key, issued=DAY + dt.timedelta(days=day), currency="EUR", total_charges=Money(amount, "EUR")
    )


def worked(book: Ledger) -> Ledger:
    """``book`` after questions that make it keep its ids and its index."""
    book.invoice(book.invoices[0].id)
    status_of(book.invoices[0], book, as_of=DAY + dt.timedelta(days=90))
    return book


def a_ledger() -> Ledger:
    return Ledger(invoices=[invoice(f"I-{n}", n) for n in range(5)])


def _modules() -> list[types.ModuleType]:
    return [
        importlib.import_module(f"cspcore.billing.ledger.{found.name}")
        for found in pkgutil.iter_modules(cspcore.billing.ledger.__path__)
    ]


def _state() -> dict[tuple[str, str], object]:
    return {
        (module.__name__, name): copy.deepcopy(value)
        for module in (cspcore.billing.ledger, *_modules())
        for name, value in vars(module).items()
        if isinstance(value, MUTABLE) and not name.startswith("__")
    }


def test_the_ledger_modules_hold_nothing_more_after_any_work() -> None:
    before = _state()
    book = worked(a_ledger())
    for n in range(5, 40):
        book = issue(book, invoice(f"I-{n}", n))
        paid = Payment(id=f"P-{n}", received=DAY + dt.timedelta(days=n), amount=Money(50, "EUR"))
        book = apply_payment(book, paid, invoice_id=f"I-{n}")
        if n % 3 == 0:
            book = write_off(book, f"I-{n}", on=DAY + dt.timedelta(days=n + 1))
        elif n % 3 == 1:
            book = void(book, f"I-{n}", on=DAY + dt.timedelta(days=n + 1))
        status_of(book.invoices[n], book, as_of=DAY + dt.timedelta(days=n))
        balance(book, as_of=DAY + dt.timedelta(days=n))
        evaluate(STANDARD, book, as_of=DAY + dt.timedelta(days=n))
    assert _state() == before


def test_what_a_ledger_keeps_is_not_pickled_copied_or_compared() -> None:
    book = worked(a_ledger())
    assert index_beside(book) is not None
    for other in (pickle.loads(pickle.dumps(book)), copy.copy(book), copy.deepcopy(book)):  # noqa: S301 - our own bytes
        assert other == book
        assert hash(other) == hash(book)
        assert repr(other) == repr(book)
        assert index_beside(other) is None  # worked out again when asked for
        assert other.invoice("I-3") == book.invoice("I-3")
    assert index_beside(a_ledger()) is None
    assert worked(a_ledger()) == a_ledger()


def _extend(base: Ledger, name: str, barrier: threading.Barrier, chains: dict[str, Ledger]) -> None:
    book = base
    barrier.wait()
    for n in range(60):
        book = issue(book, invoice(f"{name}-{n}", 10 + n))
    chains[name] = book


def _refused_as_unknown(book: Ledger, key: str) -> bool:
    try:
        book.invoice(key)
    except InvalidInput as refused:
        return (refused.field, refused.code) == ("invoice_id", ErrorCode.UNKNOWN_REFERENCE)
    return False


def test_a_ledger_changed_in_two_ways_at_once_answers_for_its_own_documents() -> None:
    for _round in range(20):
        base = worked(a_ledger())
        barrier = threading.Barrier(2)
        chains: dict[str, Ledger] = {}
        threads = [threading.Thread(target=_extend, args=(base, name, barrier, chains)) for name in "AB"]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for name, other in (("A", "B"), ("B", "A")):
            last = chains[name]
            for n in range(60):
                assert last.invoice(f"{name}-{n}").id == f"{name}-{n}"
                assert _refused_as_unknown(last, f"{other}-{n}")
