"""Law: a ledger changed call by call gives, at every call, what the same call on a fresh copy gives.

``issue``, ``apply_payment``, ``record_credit_note``, ``void`` and ``write_off`` hand a history on
from call to call (beside the ledger, so that building a ledger by issue, pay, write-off, pay, write-off
... replays it once). A fresh copy of the ledger (equal, built whole, nothing beside it) takes the slow
path: each write-off replays it. Whatever the sequence, each call gives an equal ledger or the same
refusal (type, and field and code for bad input) on both, and the last ledger's statuses and balances
are the fresh copy's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.ledger_closures import START, invoice, whole

from cspcore import CspError, InvalidInput, Money
from cspcore.billing import (
    CreditNote,
    Ledger,
    Payment,
    apply_payment,
    balance,
    issue,
    record_credit_note,
    status_of,
    void,
    write_off,
)

KINDS = ("issue", "issue", "pay", "pay", "credit", "write_off", "write_off", "void", "spread")
STEP = st.tuples(
    st.sampled_from(KINDS), st.integers(-3, 6), st.integers(0, 30), st.integers(0, 30), st.integers(0, 99)
)


def call(book: Ledger, step: tuple[Any, ...], count: int, clock: int) -> Ledger:
    """One change of ``book`` on day ``clock`` (days after START), as ``step`` says."""
    kind, _move, units, net, pick = step
    on = START + dt.timedelta(days=clock)
    keys = [document.id for document in book.invoices]
    key = (keys[-1] if pick < 50 else keys[pick % len(keys)]) if keys else None  # often the newest
    if kind == "issue" or key is None:
        return issue(book, invoice(f"I{count}", clock, units, net=net, disputed=units == 1))
    if kind in {"pay", "spread"}:
        target = None if kind == "spread" else key
        payment = Payment(id=f"P{count}", amount=Money(units // 3 + 1, "EUR"), received=on, invoice_id=target)
        return apply_payment(book, payment)
    if kind == "credit":
        return record_credit_note(
            book, CreditNote(id=f"C{count}", amount=Money(units // 3 + 1, "EUR"), issued=on, invoice_id=key)
        )
    change = void if kind == "void" else write_off
    return change(book, key, on=on)


def outcome(book: Ledger, step: tuple[Any, ...], count: int, clock: int) -> Ledger | tuple[Any, ...]:
    """The ledger the call gives, or what identifies its refusal."""
    try:
        return call(book, step, count, clock)
    except InvalidInput as error:
        return (type(error), error.field, error.code)
    except CspError as error:
        return (type(error),)


@settings(max_examples=200, deadline=None)
@given(st.lists(STEP, max_size=30))
@example(  # issue, pay in part, write off the rest, pay the next in full, write it off (refused)
    [("issue", 1, 10, 0, 0), ("pay", 1, 3, 0, 0), ("write_off", 1, 0, 0, 0), ("issue", 1, 10, 0, 1),
     ("pay", 1, 9, 0, 1), ("write_off", 1, 0, 0, 1), ("write_off", 1, 0, 0, 0)],
)  # fmt: skip
@example(  # a payment dated back before the last write-off, and an invoice issued before it
    [("issue", 1, 10, 0, 0), ("issue", 1, 10, 0, 1), ("write_off", 3, 0, 0, 0), ("pay", -3, 4, 0, 1),
     ("issue", -1, 5, 0, 0), ("spread", 2, 20, 0, 0), ("write_off", 1, 0, 0, 1)],
)  # fmt: skip
@example(  # an invoice issued on the ledger's last day, due first: that day's payment settles it first
    [("issue", 0, 10, 30, 0), ("spread", 0, 29, 0, 0), ("issue", 0, 10, 30, 0), ("write_off", 0, 0, 0, 0),
     ("issue", 0, 10, 0, 0), ("write_off", 0, 0, 0, 51)],
)  # fmt: skip
def test_each_call_on_the_ledger_gives_what_it_gives_on_a_fresh_copy(steps: list[tuple[Any, ...]]) -> None:
    book = Ledger()
    clock = 0
    for count, step in enumerate(steps):
        clock = max(0, clock + step[1])
        expected = outcome(whole(book), step, count, clock)  # a fresh copy: nothing beside it
        got = outcome(book, step, count, clock)
        assert got == expected
        if isinstance(got, Ledger):
            book = got
    fresh = whole(book)
    for day in (START + dt.timedelta(days=n) for n in range(0, clock + 2, 3)):
        assert balance(book, as_of=day, currency="EUR") == balance(fresh, as_of=day, currency="EUR")
        for document in book.invoices:
            assert status_of(document, book, as_of=day) == status_of(document, fresh, as_of=day)
