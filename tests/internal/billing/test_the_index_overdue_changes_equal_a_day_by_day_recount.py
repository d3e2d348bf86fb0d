"""A ledger's index gives the overdue changes that replaying it up to every day and recounting gives.

``LedgerIndex.overdue_changes`` lists ``(day, oldest due, overdue, count)`` on each day the overdue,
non-exempt invoices change; the what-if reads it for every ledger whose payments do not each land
whole on the invoice they name. It is worked out from each invoice's history in one sweep of steps
(an invoice enters the day after its due date, moves on each later day what it owes changes, leaves
once it owes nothing), never by listing the open invoices of each day. The reference here does just
that: it replays the ledger up to each day with documents and each day after a due date, and adds up
the open, overdue, non-exempt invoices from zero, in exact arithmetic. The lists are compared by
``repr``: the same tuples in the same order, every amount with its exponent.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cspcore import Money
from cspcore.billing import Allocation, CreditNote, Invoice, Ledger, Payment
from cspcore.billing.ledger import LedgerIndex
from cspcore.billing.ledger._replay import ZERO, add, due_ordinal, events, replay
from cspcore.testing.ledger import ledgers

D = dt.date
#: Amounts whose exponents differ (5E+1 has exponent 1, 50.000 has -3), tiny and large ones.
AMOUNTS = ("50", "5E+1", "50.00", "50.000", "0.01", "1E-30", "9" * 30, "12.5", "0", "100.00", "33.33")
#: Days that catch calendar slips: a leap day, month ends of 31, 30 and 28 days, a year's ends.
DAYS = (D(2024, 1, 31), D(2024, 2, 28), D(2024, 2, 29), D(2024, 3, 1), D(2024, 4, 30), D(2024, 12, 31))


def recount(ledger: Ledger) -> list[tuple[int, int, Decimal, int]]:
    """The overdue changes, by replaying the ledger up to each day that could change them."""
    documents = events(ledger)
    if not documents:
        return []
    first = documents[0][0]
    exempt = ledger.on_payment_plan | {invoice.id for invoice in ledger.invoices if invoice.disputed}
    days = {day for day, _kind, _key, _document in documents}
    days |= {due_ordinal(invoice) + 1 for invoice in ledger.invoices}
    changes: list[tuple[int, int, Decimal, int]] = []
    last: tuple[int, Decimal, int] | None = None
    for day in sorted(days):
        if day < first:
            continue
        # The day after 9999-12-31 has no date: nothing is dated after the calendar's last day.
        state = replay(ledger, dt.date.fromordinal(min(day, D.max.toordinal())))
        overdue = [(due, owed) for due, owed, key in state.open_view() if due < day and key not in exempt]
        total = ZERO
        for _due, owed in overdue:
            total = add(total, owed)
        now = (min((due for due, _owed in overdue), default=0), total, len(overdue))
        if now != last:
            changes.append((day, *now))
            last = now
    return changes


def _invoice(
    key: str, issued: dt.date, due: dt.date | None, amount: str, *, disputed: bool = False
) -> Invoice:
    total = Money(amount, "EUR")
    return Invoice(id=key, issued=issued, due=due, currency="EUR", total_charges=total, disputed=disputed)


def _pay(
    key: str, amount: str, received: dt.date, invoice_id: str | None = None, **more: Allocation
) -> Payment:
    return Payment(id=key, amount=Money(amount, "EUR"), received=received, invoice_id=invoice_id, **more)


@st.composite
def spread_ledgers(draw: st.DrawFn) -> Ledger:
    """Ledgers whose payments and credit notes are spread by the replay: unnamed, too large, early."""
    amounts = st.sampled_from(AMOUNTS)
    days = st.sampled_from(DAYS) | st.integers(0, 90).map(lambda n: D(2024, 1, 1) + dt.timedelta(days=n))
    invoices = []
    for number in range(draw(st.integers(0, 6))):
        issued = draw(days)
        due = draw(st.sampled_from((None, issued, issued + dt.timedelta(days=30), max(issued, draw(days)))))
        disputed = draw(st.booleans()) and draw(st.booleans())
        invoices.append(_invoice(f"I{number}", issued, due, draw(amounts), disputed=disputed))
    keys = [invoice.id for invoice in invoices]
    named = st.none() | st.sampled_from(keys) if keys else st.none()
    payments = []
    for number in range(draw(st.integers(0, 6))):
        amount = draw(amounts.filter(lambda text: Decimal(text) > 0))
        allocation = draw(st.sampled_from(Allocation))
        payments.append(_pay(f"P{number}", amount, draw(days), draw(named), allocation=allocation))
    notes = [
        CreditNote(
            id=f"C{n}", amount=Money(draw(st.sampled_from(("5", "1E+1", "2.50"))), "EUR"), issued=draw(days)
        )
        for n in range(draw(st.integers(0, 2)))
    ]
    closed = draw(st.lists(st.sampled_from(keys), unique=True, max_size=2)) if keys else []
    on = {key: max(draw(days), next(i.issued for i in invoices if i.id == key)) for key in closed}
    voided = frozenset(closed[:1]) if draw(st.booleans()) else frozenset()
    plan = draw(st.sets(st.sampled_from(keys), max_size=1)) if keys else set()
    return Ledger(
        invoices=tuple(invoices),
        payments=tuple(payments),
        credit_notes=tuple(notes),
        voided=voided,
        written_off=frozenset(closed) - voided,
        closed_on=tuple(on.items()),
        on_payment_plan=plan,
    )


#: Three invoices of three exponents overdue together, settled by one unnamed payment in two parts.
MIXED_EXPONENTS_SPREAD = Ledger(
    invoices=(
        _invoice("A", D(2024, 1, 1), D(2024, 1, 31), "5E+1"),
        _invoice("B", D(2024, 1, 2), D(2024, 1, 31), "50.000"),
        _invoice("C", D(2024, 2, 1), D(2024, 2, 29), "12.5"),
    ),
    payments=(_pay("P", "60", D(2024, 3, 1)), _pay("Q", "52.500", D(2024, 3, 31))),
)
#: A void on the day after a due date gives the paid invoice's money back to the overdue one.
VOID_RELEASES_CREDIT_TO_AN_OVERDUE_INVOICE = Ledger(
    invoices=(
        _invoice("A", D(2024, 1, 1), D(2024, 1, 31), "100.00"),
        _invoice("B", D(2024, 2, 1), D(2024, 2, 29), "40.00"),
    ),
    payments=(_pay("P", "40.00", D(2024, 2, 1), "B"),),
    voided=("B",),
    closed_on=(("B", D(2024, 3, 1)),),
)
#: Written off while overdue, a credit note before the first invoice, one on a payment plan.
WRITTEN_OFF_AND_CREDITED_EARLY = Ledger(
    invoices=(
        _invoice("A", D(2024, 1, 31), D(2024, 2, 29), "100.00"),
        _invoice("B", D(2024, 1, 31), None, "7"),
        _invoice("C", D(2024, 2, 1), D(2024, 2, 1), "1E-30"),
    ),
    credit_notes=(CreditNote(id="N", amount=Money("2.50", "EUR"), issued=D(2024, 1, 1)),),
    payments=(_pay("P", "0.01", D(2024, 3, 1), allocation=Allocation.NEWEST_DUE_FIRST),),
    written_off=("A",),
    closed_on=(("A", D(2024, 4, 30)),),
    on_payment_plan=("B",),
)
#: Due on the calendar's last day: it would fall overdue on a day that has no date.
DUE_ON_THE_LAST_DAY = Ledger(
    invoices=(_invoice("A", D(9999, 12, 30), D.max, "1.00"), _invoice("B", D(9999, 12, 30), None, "2.00")),
    payments=(_pay("P", "0.50", D.max),),
)


@settings(max_examples=300)
@given(spread_ledgers() | ledgers(max_invoices=5, max_payments=5))
@example(MIXED_EXPONENTS_SPREAD)
@example(VOID_RELEASES_CREDIT_TO_AN_OVERDUE_INVOICE)
@example(WRITTEN_OFF_AND_CREDITED_EARLY)
@example(DUE_ON_THE_LAST_DAY)
@example(Ledger(payments=(_pay("P", "1", D(2024, 2, 29)),)))
@example(Ledger())
def test_the_index_overdue_changes_equal_a_recount_on_every_day_they_could_change(ledger: Ledger) -> None:
    assert repr(LedgerIndex(ledger).overdue_changes()) == repr(recount(ledger))


@given(spread_ledgers() | ledgers(max_invoices=5, max_payments=5))
@example(VOID_RELEASES_CREDIT_TO_AN_OVERDUE_INVOICE)
@example(WRITTEN_OFF_AND_CREDITED_EARLY)
def test_an_overdue_invoice_enters_the_day_after_its_due_date_and_leaves_once(ledger: Ledger) -> None:
    # What the one sweep relies on: each non-exempt invoice's steps start the day after its due date,
    # owing something (so the invoices enter in due order), go forward in time, and end at the first
    # step that owes nothing; an exempt invoice has none.
    exempt = ledger.on_payment_plan | {invoice.id for invoice in ledger.invoices if invoice.disputed}
    steps: dict[str, list[tuple[int, int, Decimal]]] = {}
    for day, due, key, owed in LedgerIndex(ledger).overdue_steps():
        steps.setdefault(key, []).append((day, due, owed))
    for key, mine in steps.items():
        assert key not in exempt
        due = due_ordinal(next(invoice for invoice in ledger.invoices if invoice.id == key))
        assert {step_due for _day, step_due, _owed in mine} == {due}
        assert mine[0][0] == due + 1
        assert mine[0][2]
        assert [day for day, _due, _owed in mine] == sorted({day for day, _due, _owed in mine})
        assert all(owed for _day, _due, owed in mine[:-1])
