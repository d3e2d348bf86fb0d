"""A fresh ledger's balance and standing, worked out in one pass, equal the replay's digit for digit.

``balance`` and ``evaluate`` on a ledger with no index beside it add its amounts up in one pass
(``billing.ledger._direct``); once an index exists they read it. The references here are the
straightforward ones: a replay of the documents up to the day (``_replay.replay``) for the balance
and the overdue figures, and the ledger's index (the path every ledger took before issue 19) for
the whole standing, reasons and next review day included. Amounts are compared by ``repr`` (their
exponents too: ``Money('50.00')`` is not ``Money('50.000')`` here).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import Money
from cspcore.billing import (
    STANDARD,
    CollectionsPolicy,
    Invoice,
    Ledger,
    Payment,
    Standing,
    balance,
    evaluate,
)
from cspcore.billing.ledger import index_beside, overdue_on, timeline_of
from cspcore.billing.ledger._replay import ZERO, add, replay, sub
from cspcore.testing.ledger import ledgers, policies

D = dt.date
START = D(2024, 1, 1)
#: Amounts whose exponents differ (5E+1 has exponent 1, 50.000 has -3), tiny and large ones.
AMOUNTS = st.sampled_from(
    ["50", "5E+1", "50.00", "50.000", "0.01", "1E-30", "9" * 30, "12.5", "0", "100.00", "33.33"]
)


def reference_balance(ledger: Ledger, day: dt.date) -> Decimal:
    """invoiced − paid − credited − written off, from a replay to ``day``."""
    state = replay(ledger, day)
    written = ZERO
    for amount in state.written.values():
        written = add(written, amount)
    return sub(sub(sub(state.invoiced, state.paid), state.credited), written)


def reference_overdue(ledger: Ledger, day: dt.date) -> tuple[Decimal, int, str | None]:
    """The overdue amount, count and oldest invoice of the non-exempt open invoices, from a replay."""
    state = replay(ledger, day)
    exempt = ledger.on_payment_plan | {invoice.id for invoice in ledger.invoices if invoice.disputed}
    ordinal = day.toordinal()
    overdue, count, oldest = ZERO, 0, None
    for due, owed, key in state.open_view():  # in (due, issued, id) order
        if key in exempt or due >= ordinal:
            continue
        overdue = add(overdue, owed)
        count += 1
        oldest = oldest or key
    return overdue, count, oldest


def fingerprint(standing: Standing) -> tuple[object, ...]:
    """Everything a standing holds, amounts with their exponents, reasons with their parameters."""
    return (
        standing,
        repr(standing.overdue),
        standing.next_review,
        standing.oldest_invoice_id,
        tuple((reason.code, repr(sorted(reason.params.items()))) for reason in standing.reasons),
    )


@st.composite
def landing_ledgers(draw: st.DrawFn) -> Ledger:
    """Ledgers whose payments each land whole on the invoice they name (the one-pass shape)."""
    invoices = []
    for number in range(draw(st.integers(1, 6))):
        issued = START + dt.timedelta(days=draw(st.integers(0, 90)))
        invoices.append(
            Invoice(
                id=f"I{number}",
                issued=issued,
                due=draw(st.none() | st.just(issued + dt.timedelta(days=draw(st.integers(0, 45))))),
                currency="EUR",
                total_charges=Money(draw(AMOUNTS), "EUR"),
                disputed=draw(st.booleans()),
            )
        )
    payments: list[Payment] = []
    for invoice in invoices:
        left = invoice.total_charges.amount
        for _ in range(draw(st.integers(0, 2))):
            amount = Decimal(draw(AMOUNTS))
            if not 0 < amount <= left:
                continue
            left = sub(left, amount)
            received = invoice.issued + dt.timedelta(days=draw(st.integers(0, 60)))
            payments.append(
                Payment(
                    id=f"P{len(payments)}",
                    amount=Money(amount, "EUR"),
                    received=received,
                    invoice_id=invoice.id,
                )
            )
    plan = draw(st.sets(st.sampled_from([i.id for i in invoices]), max_size=2))
    return Ledger(invoices=tuple(invoices), payments=tuple(payments), on_payment_plan=plan, account_id="a")


def _twice(policy: CollectionsPolicy, ledger: Ledger, day: dt.date) -> tuple[Standing, Standing]:
    """The standing on a fresh ledger (one pass, unless its shape needs the index), then from its index."""
    copy = attrs.evolve(ledger)  # a ledger of its own: nothing lives beside it yet
    assert index_beside(copy) is None
    fresh = evaluate(policy, copy, as_of=day, currency="EUR")
    timeline_of(copy)
    return fresh, evaluate(policy, copy, as_of=day, currency="EUR")


def _invoice(key: str, issued: dt.date, due: dt.date, amount: str) -> Invoice:
    return Invoice(id=key, issued=issued, due=due, currency="EUR", total_charges=Money(amount, "EUR"))


SAME_DAY_PAID_WITH_MORE_DIGITS = Ledger(
    invoices=(
        _invoice("A", D(2024, 1, 1), D(2024, 1, 31), "5E+1"),
        _invoice("B", D(2024, 1, 1), D(2024, 1, 31), "50.00"),
    ),
    payments=(
        Payment(id="P", amount=Money("50.000", "EUR"), received=D(2024, 1, 1), invoice_id="B"),
        Payment(id="Q", amount=Money("1E+1", "EUR"), received=D(2024, 2, 1), invoice_id="A"),
    ),
)

#: Listed first, a payment received after the day asked about; listed second, one received before it.
PAID_AFTER_THE_DAY_LISTED_FIRST = Ledger(
    invoices=(
        _invoice("A", D(2024, 1, 1), D(2024, 1, 31), "100.00"),
        _invoice("B", D(2024, 1, 1), D(2024, 1, 31), "50.00"),
    ),
    payments=(
        Payment(id="Q", amount=Money("100.00", "EUR"), received=D(2024, 3, 1), invoice_id="A"),
        Payment(id="P", amount=Money("50.00", "EUR"), received=D(2024, 1, 15), invoice_id="B"),
    ),
)


@given(landing_ledgers(), policies(), st.integers(-5, 200))
@example(PAID_AFTER_THE_DAY_LISTED_FIRST, STANDARD, 40)
@example(SAME_DAY_PAID_WITH_MORE_DIGITS, STANDARD, 40)
@example(SAME_DAY_PAID_WITH_MORE_DIGITS, STANDARD, 31)
@example(SAME_DAY_PAID_WITH_MORE_DIGITS, STANDARD, -1)
def test_a_ledger_whose_payments_land_whole_is_answered_in_one_pass(
    ledger: Ledger, policy: CollectionsPolicy, offset: int
) -> None:
    day = START + dt.timedelta(days=offset)
    found = overdue_on(ledger, day)
    assert found is not None  # the shape is recognised: no index is needed
    overdue, count, _oldest, oldest_id, *_rest = found
    expected = reference_overdue(ledger, day)
    assert (repr(overdue), count, oldest_id) == (repr(expected[0]), expected[1], expected[2])
    fresh, indexed = _twice(policy, ledger, day)
    assert fingerprint(fresh) == fingerprint(indexed)


def _two_invoices(*payments: Payment) -> Ledger:
    """Invoice A (100, due January 31) and B (50, issued February 1, due March 2), and ``payments``."""
    return Ledger(
        invoices=(
            _invoice("A", D(2024, 1, 1), D(2024, 1, 31), "100"),
            _invoice("B", D(2024, 2, 1), D(2024, 3, 2), "50"),
        ),
        payments=payments,
    )


#: Paid before B was issued: the replay spreads it over A, though it names B.
PAID_BEFORE_ISSUE = _two_invoices(
    Payment(id="P", amount=Money("30", "EUR"), received=D(2024, 1, 15), invoice_id="B")
)
#: More than B owes: the excess settles A.
PAID_TOO_MUCH = _two_invoices(
    Payment(id="P", amount=Money("80", "EUR"), received=D(2024, 2, 5), invoice_id="B")
)


@given(ledgers(), policies(), st.integers(-5, 500))
@example(PAID_BEFORE_ISSUE, STANDARD, 45)
@example(PAID_TOO_MUCH, STANDARD, 45)
def test_a_fresh_ledger_of_any_shape_stands_as_its_index_says(
    ledger: Ledger, policy: CollectionsPolicy, offset: int
) -> None:
    day = START + dt.timedelta(days=offset)
    fresh, indexed = _twice(policy, ledger, day)
    assert fingerprint(fresh) == fingerprint(indexed)


@given(ledgers(), st.integers(-5, 500))
@example(SAME_DAY_PAID_WITH_MORE_DIGITS, 40)
def test_a_fresh_balance_equals_the_replay_and_the_index(ledger: Ledger, offset: int) -> None:
    day = START + dt.timedelta(days=offset)
    copy = attrs.evolve(ledger)  # a ledger of its own: nothing lives beside it yet
    assert index_beside(copy) is None
    fresh = balance(copy, as_of=day, currency="EUR")
    assert repr(fresh.amount) == repr(reference_balance(copy, day))
    timeline_of(copy)
    assert repr(balance(copy, as_of=day, currency="EUR")) == repr(fresh)


def test_a_fresh_question_leaves_no_index_beside_the_ledger() -> None:
    copy = attrs.evolve(SAME_DAY_PAID_WITH_MORE_DIGITS)
    evaluate(STANDARD, copy, as_of=D(2024, 3, 1))
    balance(copy, as_of=D(2024, 3, 1))
    assert index_beside(copy) is None
