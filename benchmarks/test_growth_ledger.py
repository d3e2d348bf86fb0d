"""Growth exponents of the ledger's bulk paths: building by ``issue()`` (all at once, or one call per
invoice), ``outstanding()`` of every invoice, and one cold ``balance`` and ``evaluate`` of a fresh
ledger (issue 19: one pass over its documents when its payments land whole on the invoices they
name; the index that a ledger of spread payments builds is the replay ``outstanding()`` times), and
one cold ``simulate`` of a fresh ledger over its whole span (issue 17: one sweep of its overdue
changes, no index), the same of a ledger whose payments name no invoice (its index, then one sweep
of each invoice's history: never the open invoices of every day), building a ledger by one
``apply_payment`` per payment (each checks only what it adds, as ``issue`` does), closing its unpaid
invoices by one ``void`` or ``write_off`` each (each checks only the invoice it closes; the
write-offs read one history of the ledger, handed on from call to call), and ``Ledger.invoice`` of
every invoice (a lookup in the ids kept beside the ledger).

Each path is timed at two sizes ten times apart (``growth.measure``); a linear or n log n path stays
under the limit, a quadratic one (copying and re-checking the whole ledger per issued invoice,
replaying it per ``outstanding()`` call) does not. Amounts and dates vary, payments settle some
invoices in part, and every result is checked against a straightforward computation.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from cspcore import Money
from cspcore.billing import (
    STANDARD,
    Invoice,
    Ledger,
    Payment,
    apply_payment,
    balance,
    evaluate,
    issue,
    outstanding,
    settle,
    void,
    write_off,
)
from cspcore.billing.portfolio import Account, Portfolio
from cspcore.billing.whatif import simulate
from growth import measure, record

START = dt.date(2020, 1, 1)
LIMIT = 1.3


def documents(size: int, seed: int = 7) -> tuple[list[Invoice], list[Payment]]:
    """``size`` invoices of varied amounts and dates, and payments settling about two in three of them."""
    rng = random.Random(seed)
    invoices: list[Invoice] = []
    payments: list[Payment] = []
    for number in range(size):
        issued = START + dt.timedelta(days=rng.randint(0, 2000))
        amount = Money(Decimal(rng.randint(100, 10**7)).scaleb(-2), "EUR")
        invoice = Invoice(
            id=f"I{number:07d}",
            issued=issued,
            due=issued + dt.timedelta(days=rng.choice((0, 14, 30, 60))),
            currency="EUR",
            total_charges=amount,
        )
        invoices.append(invoice)
        if rng.random() < 0.66:
            paid = amount if rng.random() < 0.8 else Money(amount.amount / 2, "EUR")
            received = issued + dt.timedelta(days=rng.randint(0, 90))
            payments.append(
                Payment(id=f"P{number:07d}", amount=paid, received=received, invoice_id=invoice.id)
            )
    return invoices, payments


def build_by_issue(invoices: list[Invoice]) -> Ledger:
    """The ledger built from nothing by one ``issue()`` of all the invoices (one copy, one check)."""
    return issue(Ledger(), *invoices)


def test_building_a_ledger_by_issuing_its_invoices_grows_linearly(benchmark: Any) -> None:
    def build(size: int) -> list[Invoice]:
        return documents(size)[0]

    growth = measure(build, build_by_issue, small=1000, rounds=3)
    record(benchmark, growth, limit=LIMIT)
    book: Ledger = growth.result
    expected = build(10_000)
    assert book.invoices == tuple(expected)
    assert book == Ledger(invoices=tuple(expected))
    benchmark.pedantic(build_by_issue, args=(build(10_000),), rounds=1)


def build_one_issue_each(invoices: list[Invoice]) -> Ledger:
    """The ledger built from nothing by one ``issue()`` per invoice (each checks only what it adds)."""
    book = Ledger()
    for invoice in invoices:
        book = issue(book, invoice)
    return book


def test_building_a_ledger_by_one_issue_per_invoice_grows_linearly(benchmark: Any) -> None:
    def build(size: int) -> list[Invoice]:
        return documents(size)[0]

    growth = measure(build, build_one_issue_each, small=1000, rounds=3)
    record(benchmark, growth, limit=LIMIT)
    book: Ledger = growth.result
    expected = build(10_000)
    assert book.invoices == tuple(expected)
    assert book == Ledger(invoices=tuple(expected))
    benchmark.pedantic(build_one_issue_each, args=(build(10_000),), rounds=1)


def outstanding_of_all(book: Ledger) -> dict[str, Money]:
    as_of = START + dt.timedelta(days=1000)
    return {invoice.id: outstanding(invoice, book, as_of=as_of) for invoice in book.invoices}


def straightforward_outstanding(invoices: list[Invoice], payments: list[Payment]) -> dict[str, Money]:
    """Each payment names its invoice and never exceeds it: owed = total - what named it, by as_of."""
    as_of = START + dt.timedelta(days=1000)
    owed = {invoice.id: invoice.total_charges.amount for invoice in invoices if invoice.issued <= as_of}
    for payment in payments:
        if payment.received <= as_of and payment.invoice_id in owed:
            owed[payment.invoice_id] -= payment.amount.amount
    return {invoice.id: Money(owed.get(invoice.id, Decimal(0)), "EUR") for invoice in invoices}


def test_outstanding_of_every_invoice_grows_linearly(benchmark: Any) -> None:
    def build(size: int) -> Ledger:
        invoices, payments = documents(size)
        return Ledger(invoices=tuple(invoices), payments=tuple(payments))

    growth = measure(build, outstanding_of_all, small=1000, rounds=3)
    record(benchmark, growth, limit=LIMIT)
    invoices, payments = documents(10_000)
    assert growth.result == straightforward_outstanding(invoices, payments)
    benchmark.pedantic(outstanding_of_all, args=(build(10_000),), rounds=1)


# -- one cold question of a fresh ledger (issue 19) ----------------------------------------------

AS_OF = START + dt.timedelta(days=1000)
#: Fresh ledgers per timing: one question each (a few, so that the small size is not timer noise).
FRESH = 4


def fresh_ledgers(size: int) -> list[Ledger]:
    """``FRESH`` ledgers of ``size`` invoices, nothing beside them yet."""
    invoices, payments = documents(size)
    return [Ledger(invoices=tuple(invoices), payments=tuple(payments)) for _ in range(FRESH)]


def balances(books: list[Ledger]) -> list[Money]:
    return [balance(book, as_of=AS_OF) for book in books]


def overdue_amounts(books: list[Ledger]) -> list[Money]:
    return [evaluate(STANDARD, book, as_of=AS_OF).overdue for book in books]


def straightforward_balance(invoices: list[Invoice], payments: list[Payment]) -> Decimal:
    invoiced = sum((i.total_charges.amount for i in invoices if i.issued <= AS_OF), Decimal(0))
    return invoiced - sum((p.amount.amount for p in payments if p.received <= AS_OF), Decimal(0))


def test_a_cold_balance_of_a_fresh_ledger_grows_linearly(benchmark: Any) -> None:
    growth = measure(fresh_ledgers, balances, small=1000, rounds=3)
    record(benchmark, growth, limit=LIMIT)
    assert {money.amount for money in growth.result} == {straightforward_balance(*documents(10_000))}
    benchmark.pedantic(balances, args=(fresh_ledgers(10_000),), rounds=1)


def test_a_cold_evaluate_of_a_fresh_ledger_grows_linearly(benchmark: Any) -> None:
    growth = measure(fresh_ledgers, overdue_amounts, small=1000, rounds=3)
    record(benchmark, growth, limit=LIMIT)
    invoices, payments = documents(10_000)
    owed = straightforward_outstanding(invoices, payments)
    due = {invoice.id: invoice.due or invoice.issued for invoice in invoices}
    expected = sum((m.amount for key, m in owed.items() if m and due[key] < AS_OF), Decimal(0))
    assert {money.amount for money in growth.result} == {expected}
    benchmark.pedantic(overdue_amounts, args=(fresh_ledgers(10_000),), rounds=1)


# -- a cold what-if of a fresh ledger (issue 17) -------------------------------------------------

#: A day after every document of :func:`documents` (issued by day 2000, due by 2060, paid by 2090).
SPAN_END = START + dt.timedelta(days=2200)


def overdue_at_the_end_of_a_simulation(books: list[Ledger]) -> list[Decimal]:
    """A cold ``simulate`` of each fresh ledger over its whole span: the overdue amount on its last day.

    Its cost is the ledger's overdue changes (one sweep over the documents, no index, for a ledger
    whose payments land whole on the invoices they name), then the walk through them.
    """
    found = []
    for book in books:
        result = simulate(
            STANDARD, Portfolio(accounts=(Account(id="A", ledger=book),)), start=START, end=SPAN_END
        )
        found.append(sum((money.amount for money in result.series[-1].overdue), Decimal(0)))
    return found


def test_a_cold_simulation_of_a_fresh_ledger_grows_linearly(benchmark: Any) -> None:
    growth = measure(fresh_ledgers, overdue_at_the_end_of_a_simulation, small=1000, rounds=3)
    record(benchmark, growth, limit=LIMIT)
    invoices, payments = documents(10_000)
    last = {invoice.id: invoice.total_charges.amount for invoice in invoices}  # owed once all is dated
    for payment in payments:
        last[str(payment.invoice_id)] -= payment.amount.amount
    assert set(growth.result) == {sum((amount for amount in last.values() if amount), Decimal(0))}
    benchmark.pedantic(overdue_at_the_end_of_a_simulation, args=(fresh_ledgers(10_000),), rounds=1)


# -- a cold what-if of a ledger whose payments name no invoice (its index) --------------------------

#: Fresh ledgers per timing of the index path (each builds its index: a few are enough).
SPREAD = 2


def spread_ledgers(size: int) -> list[Ledger]:
    """``SPREAD`` ledgers of ``size`` invoices whose payments name none (the replay spreads them)."""
    invoices, payments = documents(size)
    unnamed = tuple(
        Payment(id=payment.id, amount=payment.amount, received=payment.received) for payment in payments
    )
    return [Ledger(invoices=tuple(invoices), payments=unnamed) for _ in range(SPREAD)]


def test_a_cold_simulation_of_a_ledger_of_unnamed_payments_grows_n_log_n(benchmark: Any) -> None:
    # Before: the index listed the open invoices of every day with documents (each a walk over every
    # invoice ever open): about n^2 (docs/benchmarks.md, fix-ledgerindex).
    growth = measure(spread_ledgers, overdue_at_the_end_of_a_simulation, small=1000, rounds=3)
    record(benchmark, growth, limit=LIMIT)
    book = spread_ledgers(10_000)[0]
    # The replay's own figures: every invoice is due before the last day, none is disputed.
    owed = settle(book, as_of=SPAN_END).outstanding.values()
    assert set(growth.result) == {sum((money.amount for money in owed), Decimal(0))}
    benchmark.pedantic(overdue_at_the_end_of_a_simulation, args=(spread_ledgers(10_000),), rounds=1)


# -- building a ledger by one apply_payment per payment -------------------------------------------


def invoiced_and_payments(size: int) -> tuple[Ledger, list[Payment]]:
    """A fresh ledger of ``size`` invoices (nothing beside it yet) and the payments of :func:`documents`."""
    invoices, payments = documents(size)
    return Ledger(invoices=tuple(invoices)), payments


def build_one_payment_each(given: tuple[Ledger, list[Payment]]) -> Ledger:
    """The ledger with one ``apply_payment()`` per payment (each checks only what it adds)."""
    book, payments = given
    for payment in payments:
        book = apply_payment(book, payment)
    return book


def test_building_a_ledger_by_one_apply_payment_per_payment_grows_linearly(benchmark: Any) -> None:
    # Before: each call re-checked the whole ledger and scanned every payment id: about n^2.
    growth = measure(invoiced_and_payments, build_one_payment_each, small=1000, rounds=3)
    record(benchmark, growth, limit=LIMIT)
    invoices, payments = documents(10_000)
    assert growth.result == Ledger(invoices=tuple(invoices), payments=tuple(payments))
    benchmark.pedantic(build_one_payment_each, args=(invoiced_and_payments(10_000),), rounds=1)


# -- closing invoices one call at a time, and looking each up -------------------------------------

#: A day after every document of :func:`documents`: each unpaid invoice still owes all of it then.
CLOSED_ON = START + dt.timedelta(days=2200)
#: Each closure checks only its invoice, but copies the ledger's closed ids (a frozenset) and its
#: ``closed_on`` pairs, as ``apply_payment`` copies the payments: at 3,400 closures that copy is most of
#: a call, so the growth reads 1.3-1.4 on the busy 2-core machine; re-checking the ledger per call
#: (before) read 2.2-2.3 (docs/benchmarks.md).
CLOSURE_LIMIT = 1.5


def ledger_and_unpaid(size: int) -> tuple[Ledger, list[str]]:
    """A fresh ledger of :func:`documents` (nothing beside it yet) and the ids of its unpaid invoices."""
    invoices, payments = documents(size)
    named = {payment.invoice_id for payment in payments}
    unpaid = [invoice.id for invoice in invoices if invoice.id not in named]
    return Ledger(invoices=tuple(invoices), payments=tuple(payments)), unpaid


def void_each(given: tuple[Ledger, list[str]]) -> Ledger:
    """The ledger with one ``void()`` per unpaid invoice (each checks only the invoice it closes)."""
    book, unpaid = given
    for key in unpaid:
        book = void(book, key, on=CLOSED_ON)
    return book


def write_off_each(given: tuple[Ledger, list[str]]) -> Ledger:
    """The ledger with one ``write_off()`` per unpaid invoice (one replay for all of them)."""
    book, unpaid = given
    for key in unpaid:
        book = write_off(book, key, on=CLOSED_ON)
    return book


def closed_whole(size: int, field: str) -> Ledger:
    book, unpaid = ledger_and_unpaid(size)
    closed = {"voided": frozenset(unpaid), "closed_on": tuple((key, CLOSED_ON) for key in unpaid)}
    if field == "written_off":
        closed["written_off"] = closed.pop("voided")
    return Ledger(invoices=book.invoices, payments=book.payments, **closed)  # type: ignore[arg-type]


def test_voiding_invoices_one_call_each_grows_linearly(benchmark: Any) -> None:
    # Before: each call re-checked the whole ledger (and scanned its invoices for the id): about n^2.
    growth = measure(ledger_and_unpaid, void_each, small=1000, rounds=3)
    record(benchmark, growth, limit=CLOSURE_LIMIT)
    assert growth.result == closed_whole(10_000, "voided")
    benchmark.pedantic(void_each, args=(ledger_and_unpaid(10_000),), rounds=1)


def test_writing_off_invoices_one_call_each_grows_linearly(benchmark: Any) -> None:
    # Before: each call also replayed the whole ledger to find what the invoice still owed: about n^2.
    growth = measure(ledger_and_unpaid, write_off_each, small=1000, rounds=3)
    record(benchmark, growth, limit=CLOSURE_LIMIT)
    book: Ledger = growth.result
    assert book == closed_whole(10_000, "written_off")
    invoices, _payments = documents(10_000)
    unpaid = book.written_off
    expected = sum((i.total_charges.amount for i in invoices if i.id in unpaid), Decimal(0))
    assert settle(book, as_of=CLOSED_ON).written_off.amount == expected
    benchmark.pedantic(write_off_each, args=(ledger_and_unpaid(10_000),), rounds=1)


# -- building a ledger by issue, pay, write_off, pay, write_off ... -----------------------------


def alternating_steps(size: int, seed: int = 11) -> list[tuple[str, Any]]:
    """``size`` invoices of varied amounts, in date order, each followed by what happens to it.

    A third are paid in full, a third paid in part and the rest written off, a third never paid and
    written off: so the calls alternate ``issue``, ``apply_payment`` (naming its invoice, received a day
    or two after the issue) and ``write_off`` (two days after the issue), every call after the last
    document's day.
    """
    rng = random.Random(seed)
    steps: list[tuple[str, Any]] = []
    for number in range(size):
        issued = START + dt.timedelta(days=3 * number)
        amount = Decimal(rng.randint(100, 10**7)).scaleb(-2)
        key = f"I{number:07d}"
        steps.append(
            (
                "issue",
                Invoice(
                    id=key,
                    issued=issued,
                    due=issued + dt.timedelta(days=rng.choice((0, 14, 30))),
                    currency="EUR",
                    total_charges=Money(amount, "EUR"),
                ),
            )
        )
        kind = number % 3
        if kind:
            paid = amount if kind == 1 else (amount / 2).quantize(Decimal("0.01"))
            received = issued + dt.timedelta(days=rng.randint(1, 2))
            payment = Payment(
                id=f"P{number:07d}", amount=Money(paid, "EUR"), received=received, invoice_id=key
            )
            steps.append(("pay", payment))
        if kind != 1:
            steps.append(("write_off", (key, issued + dt.timedelta(days=2))))
    return steps


def build_alternating(steps: list[tuple[str, Any]]) -> Ledger:
    """The ledger built by one call per step: ``issue``, ``apply_payment`` or ``write_off``."""
    book = Ledger()
    for kind, value in steps:
        if kind == "issue":
            book = issue(book, value)
        elif kind == "pay":
            book = apply_payment(book, value)
        else:
            book = write_off(book, value[0], on=value[1])
    return book


def alternating_whole(size: int) -> Ledger:
    """The ledger :func:`build_alternating` gives, built whole."""
    steps = alternating_steps(size)
    closed = tuple(value for kind, value in steps if kind == "write_off")
    return Ledger(
        invoices=tuple(value for kind, value in steps if kind == "issue"),
        payments=tuple(value for kind, value in steps if kind == "pay"),
        written_off=frozenset(key for key, _on in closed),
        closed_on=closed,
    )


def test_building_a_ledger_by_alternating_payments_and_write_offs_grows_linearly(benchmark: Any) -> None:
    # Before: a payment (or an invoice) between two write-offs dropped the history, so each write-off
    # replayed the whole ledger: about n^2.
    growth = measure(alternating_steps, build_alternating, small=1000, rounds=3)
    record(benchmark, growth, limit=CLOSURE_LIMIT)
    assert growth.result == alternating_whole(10_000)
    benchmark.pedantic(build_alternating, args=(alternating_steps(10_000),), rounds=1)


def every_invoice(book: Ledger) -> list[Invoice]:
    return [book.invoice(invoice.id) for invoice in book.invoices]


def test_looking_up_every_invoice_of_a_ledger_grows_linearly(benchmark: Any) -> None:
    # Before: Ledger.invoice scanned the invoices: about n^2 for all of them.
    growth = measure(lambda size: ledger_and_unpaid(size)[0], every_invoice, small=1000, rounds=3)
    record(benchmark, growth, limit=LIMIT)
    assert growth.result == list(documents(10_000)[0])
    benchmark.pedantic(every_invoice, args=(ledger_and_unpaid(10_000)[0],), rounds=1)
