"""A ledger whose payments each land whole has the overdue changes its index has, worked out with no index.

The what-if reads each ledger's overdue changes: ``(day, oldest due, overdue, count)`` on every day
its overdue, non-exempt invoices change. For a ledger of the one-pass shape (every payment names an
invoice issued by its receipt and never pays more than it still owes; no credit notes, voids or
write-offs) ``billing.ledger._direct.overdue_changes`` works them out in one sweep; the reference is
the ledger's index (``LedgerIndex.overdue_changes``), the path every ledger took before. The lists
are compared by ``repr``: the same tuples in the same order, every amount with its exponent. The
shape is decided by the one rule ``overdue_on`` applies on every day (its last date), and a ledger
of any other shape is left to the index. ``simulate`` gives the same whole result either way.
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cspcore import Money
from cspcore._decimal import EXACT
from cspcore.billing import (
    STANDARD,
    STRICT,
    CollectionsPolicy,
    Invoice,
    Ledger,
    Payment,
)
from cspcore.billing.collections.whatif import engine
from cspcore.billing.ledger import LedgerIndex, _direct, index_beside, overdue_changes_of, overdue_on
from cspcore.billing.ledger._direct import overdue_changes
from cspcore.billing.ledger._replay import sub
from cspcore.billing.portfolio import Account, Portfolio, sample_portfolio
from cspcore.testing.ledger import ledgers, policies

if TYPE_CHECKING:
    from cspcore.billing.whatif import SimulationResult

D = dt.date
#: Days that catch calendar slips: a leap day, month ends of 31, 30 and 28 days, a year's ends.
AWKWARD_DAYS = (
    D(2024, 2, 29),
    D(2024, 1, 31),
    D(2024, 3, 31),
    D(2024, 4, 30),
    D(2023, 2, 28),
    D(2024, 12, 31),
    D(2025, 1, 1),
    D(2024, 3, 1),
)
#: Amounts whose exponents differ (5E+1 has exponent 1, 50.000 has -3), tiny and large ones.
AMOUNTS = (
    "50",
    "5E+1",
    "50.00",
    "50.000",
    "0.01",
    "1E-30",
    "9" * 30,
    "12.5",
    "0",
    "100.00",
    "33.33",
)
AWKWARD = st.sampled_from(AWKWARD_DAYS)
CENTS = st.integers(1, 500_000).map(lambda cents: Decimal(cents).scaleb(-2))


def reference(ledger: Ledger) -> list[tuple[int, int, Decimal, int]]:
    return LedgerIndex(ledger).overdue_changes()


def days_around(anchor: dt.date) -> st.SearchStrategy[dt.date]:
    """A day near ``anchor`` (the day before, the day, the day after ...) or an awkward one."""
    near = st.sampled_from((-1, 0, 1, 2, 28, 29, 30, 31, 60)).map(lambda n: anchor + dt.timedelta(days=n))
    return near | AWKWARD


def _invoice(
    key: str, issued: dt.date, due: dt.date | None, amount: str | Decimal, *, disputed: bool = False
) -> Invoice:
    total = Money(amount, "EUR")
    return Invoice(id=key, issued=issued, due=due, currency="EUR", total_charges=total, disputed=disputed)


def _pay(key: str, amount: str | Decimal, received: dt.date, invoice_id: str) -> Payment:
    return Payment(id=key, amount=Money(amount, "EUR"), received=received, invoice_id=invoice_id)


@st.composite
def landing_ledgers(draw: st.DrawFn) -> Ledger:
    """Ledgers of the one-pass shape, paid in full, in parts, on the due day, the day after, never."""
    amounts = CENTS | st.sampled_from(AMOUNTS).map(Decimal)
    invoices = []
    for number in range(draw(st.integers(1, 6))):
        issued = draw(AWKWARD | days_around(D(2024, 1, 31)))
        net = draw(st.sampled_from((0, 1, 14, 30, 60)))
        due = draw(st.sampled_from((None, issued + dt.timedelta(days=net), max(issued, draw(AWKWARD)))))
        disputed = draw(st.booleans()) and draw(st.booleans())
        invoices.append(_invoice(f"I{number}", issued, due, draw(amounts), disputed=disputed))
    payments: list[Payment] = []
    for invoice in invoices:
        left = invoice.total_charges.amount
        for _ in range(draw(st.integers(0, 3))):
            whole = draw(st.booleans())
            amount = left if whole else draw(amounts)
            if not 0 < amount <= left or len(amount.as_tuple().digits) > 40:  # a Money holds 50 at most
                continue
            left = sub(left, amount)
            received = max(invoice.issued, draw(days_around(invoice.due or invoice.issued)))
            payments.append(_pay(f"P{len(payments)}", amount, received, invoice.id))
    plan = draw(st.sets(st.sampled_from([i.id for i in invoices]), max_size=2))
    order = draw(st.permutations(payments))  # the order documents are listed in never matters
    return Ledger(invoices=tuple(invoices), payments=tuple(order), on_payment_plan=plan, account_id="a")


#: Due on Feb 29; paid in part on the due day, the rest on the day after (the day it falls overdue).
PAID_ON_THE_DUE_DAY_AND_THE_DAY_AFTER = Ledger(
    invoices=(_invoice("A", D(2024, 1, 30), D(2024, 2, 29), "100.00"),),
    payments=(_pay("P", "40.00", D(2024, 2, 29), "A"), _pay("Q", "60.00", D(2024, 3, 1), "A")),
)
#: Amounts of three exponents overdue together, one paid off: the sum keeps the least of those left.
MIXED_EXPONENTS = Ledger(
    invoices=(
        _invoice("A", D(2024, 1, 31), D(2024, 1, 31), "5E+1"),
        _invoice("B", D(2024, 1, 31), D(2024, 2, 29), "50.000"),
        _invoice("C", D(2024, 3, 31), D(2024, 4, 30), "12.5"),
    ),
    payments=(_pay("P", "50.000", D(2024, 4, 2), "B"), _pay("Q", "1E+1", D(2024, 5, 31), "A")),
)
#: Paid the day before its invoice was issued: not the shape (the replay spreads it elsewhere).
PAID_BEFORE_ISSUE = Ledger(
    invoices=(
        _invoice("A", D(2024, 1, 31), D(2024, 2, 29), "100"),
        _invoice("B", D(2024, 3, 1), D(2024, 3, 31), "50"),
    ),
    payments=(_pay("P", "30", D(2024, 2, 29), "B"),),
)


#: Listed against due order: the second invoice falls overdue before the first (the steps need a sort).
LISTED_AGAINST_DUE_ORDER = Ledger(
    invoices=(
        _invoice("A", D(2024, 1, 31), D(2024, 3, 31), "100.00"),
        _invoice("B", D(2024, 1, 1), D(2024, 1, 31), "5E+1"),
    ),
    payments=(_pay("P", "40.00", D(2024, 4, 1), "A"), _pay("Q", "5E+1", D(2024, 2, 29), "B")),
)
#: Two invoices due on Feb 29, listed against id order: they fall overdue on one day, in id order.
DUE_ON_ONE_DAY_LISTED_AGAINST_ID_ORDER = Ledger(
    invoices=(
        _invoice("B", D(2024, 1, 31), D(2024, 2, 29), "50.000"),
        _invoice("A", D(2024, 1, 30), D(2024, 2, 29), "12.5"),
    ),
    payments=(_pay("P", "12.5", D(2024, 3, 31), "A"),),
)
#: Paid in parts around the day it falls overdue (Jan 31 due): on it, then twice on one later day.
PAID_IN_PARTS_AROUND_THE_DAY_IT_FALLS_OVERDUE = Ledger(
    invoices=(
        _invoice("A", D(2023, 12, 31), D(2024, 1, 31), "100.00"),
        _invoice("B", D(2024, 1, 31), D(2024, 3, 31), "33.33"),
    ),
    payments=(
        _pay("P", "0.01", D(2024, 2, 1), "A"),
        _pay("Q", "9.990", D(2024, 2, 29), "A"),
        _pay("R", "1E+1", D(2024, 2, 29), "A"),
        _pay("S", "33.33", D(2024, 3, 31), "B"),
    ),
)

#: Every invoice paid off by its due date (one on the day itself, one in two parts): never overdue.
PAID_BY_EACH_DUE_DATE = Ledger(
    invoices=(
        _invoice("A", D(2024, 1, 1), D(2024, 1, 31), "100.00"),
        _invoice("B", D(2024, 2, 1), D(2024, 2, 29), "50.00"),
    ),
    payments=(
        _pay("P", "100.00", D(2024, 1, 31), "A"),
        _pay("Q", "20.00", D(2024, 2, 10), "B"),
        _pay("R", "30.00", D(2024, 2, 29), "B"),
    ),
)

#: An invoice of nothing, never paid, listed before one that falls overdue: it has no step, the next has.
AN_INVOICE_OF_NOTHING_LISTED_FIRST = Ledger(
    invoices=(
        _invoice("Z", D(2024, 1, 1), D(2024, 1, 31), "0.00"),
        _invoice("A", D(2024, 1, 1), D(2024, 1, 31), "100.00"),
    ),
    payments=(_pay("P", "100.00", D(2024, 3, 1), "A"),),
)


@given(landing_ledgers())
@example(PAID_ON_THE_DUE_DAY_AND_THE_DAY_AFTER)
@example(MIXED_EXPONENTS)
@example(AN_INVOICE_OF_NOTHING_LISTED_FIRST)
@example(LISTED_AGAINST_DUE_ORDER)
@example(DUE_ON_ONE_DAY_LISTED_AGAINST_ID_ORDER)
@example(PAID_IN_PARTS_AROUND_THE_DAY_IT_FALLS_OVERDUE)
def test_a_ledger_whose_payments_land_whole_has_its_index_overdue_changes_without_an_index(
    ledger: Ledger,
) -> None:
    found = overdue_changes(ledger)
    assert found is not None  # the shape is recognised: no index is needed
    assert repr(found) == repr(reference(ledger))
    assert index_beside(ledger) is None


@given(landing_ledgers())
@example(LISTED_AGAINST_DUE_ORDER)
@example(DUE_ON_ONE_DAY_LISTED_AGAINST_ID_ORDER)
@example(PAID_IN_PARTS_AROUND_THE_DAY_IT_FALLS_OVERDUE)
def test_the_steps_come_out_in_day_order_beside_the_first_issue_day(ledger: Ledger) -> None:
    # The sweep reads the steps in day order (a day's steps in any order), from the first document day on.
    landed = _direct._landed(ledger, D.max)
    assert landed is not None
    owed, invoices, _later = landed
    payments = _direct._by_invoice(ledger.payments, D.max)
    steps, first = _direct._steps(invoices, owed, payments, ledger.on_payment_plan)
    assert [step[0] for step in steps] == sorted(step[0] for step in steps)
    assert first == min(invoice.issued for invoice in ledger.invoices).toordinal()


@given(ledgers(max_invoices=5, max_payments=5))
@example(PAID_BEFORE_ISSUE)
def test_the_shape_is_the_one_pass_rule_on_every_day_and_any_other_ledger_reads_the_index(
    ledger: Ledger,
) -> None:
    found = overdue_changes(ledger)
    assert (found is None) == (overdue_on(ledger, D.max) is None)
    expected = repr(reference(ledger))
    if found is not None:
        assert repr(found) == expected
    copy = attrs.evolve(ledger)  # a ledger of its own: nothing lives beside it yet
    assert repr(overdue_changes_of(copy)) == expected
    assert index_beside(copy) is None  # no memo beyond the call, whichever path answered


@given(landing_ledgers(), st.sampled_from((None, D(2024, 2, 29), D(2024, 6, 30))))
@example(MIXED_EXPONENTS, None)
@example(PAID_IN_PARTS_AROUND_THE_DAY_IT_FALLS_OVERDUE, D(2024, 2, 29))
@example(PAID_BY_EACH_DUE_DATE, D(2024, 6, 30))  # never overdue by then: no change at all
@example(PAID_BY_EACH_DUE_DATE, None)  # ... and its one state of nothing overdue, from the first day
def test_the_sweep_in_the_callers_exact_context_is_the_sweep_in_its_own(
    ledger: Ledger, until: dt.date | None
) -> None:
    # The replay runs every ledger's sweep in the exact context it set (in_exact); alone, the sweep
    # sets its own, whatever context its caller left (here three digits that trap rounding).
    with decimal.localcontext(decimal.Context(prec=3, traps=[decimal.Inexact, decimal.Rounded])):
        alone = _direct.overdue_changes_alike(ledger, until)
    with decimal.localcontext(EXACT):
        inside = _direct.overdue_changes_alike(ledger, until, in_exact=True)
    assert repr(inside) == repr(alone)
    assert alone is not None
    assert repr(alone[0]) == repr(reference(ledger) if until is None else _up_to(reference(ledger), until))


def _up_to(changes: list[tuple[int, int, Decimal, int]], day: dt.date) -> list[tuple[int, int, Decimal, int]]:
    kept = [change for change in changes if change[0] <= day.toordinal()]
    return kept if any(change[3] for change in kept) else []


def test_a_payment_before_its_invoice_is_issued_is_not_the_shape() -> None:
    assert overdue_changes(PAID_BEFORE_ISSUE) is None
    assert overdue_changes(attrs.evolve(PAID_BEFORE_ISSUE, payments=())) == reference(
        attrs.evolve(PAID_BEFORE_ISSUE, payments=())
    )


def test_an_empty_ledger_has_no_changes() -> None:
    assert overdue_changes(Ledger()) == [] == reference(Ledger())


def _by_index(
    ledger: Ledger, _until: dt.date, /, *, in_exact: bool
) -> tuple[list[tuple[int, int, Decimal, int]], Decimal | None]:
    # Every change, the later ones too, and no shared exponent proved: the replay looks. (The index
    # sets its own exact context: in_exact tells it nothing.)
    del in_exact
    return LedgerIndex(ledger).overdue_changes(), None


def _the_same(result: SimulationResult, expected: SimulationResult) -> None:
    assert result == expected
    assert repr(result) == repr(expected)  # every amount with its exponent


@given(
    policies(),
    st.lists(landing_ledgers() | ledgers(max_invoices=4, max_payments=4), min_size=1, max_size=4),
    st.sampled_from(AWKWARD_DAYS),
    st.integers(0, 120),
)
@settings(deadline=None)
def test_simulate_gives_what_it_gave_reading_every_ledger_index(
    policy: CollectionsPolicy, books: list[Ledger], start: dt.date, length: int
) -> None:
    # Accounts that cost something each month to the end of a term, so that suspensions have an exposure.
    costs = [(Money(10 * n, "EUR"), start + dt.timedelta(days=40 * n)) for n in range(1, len(books) + 1)]
    portfolio = Portfolio(
        accounts=tuple(
            Account(
                id=f"A{i}", ledger=attrs.evolve(book, account_id=f"A{i}"), monthly_cost=cost, term_end=term
            )
            for i, (book, (cost, term)) in enumerate(zip(books, costs, strict=True))
        )
    )
    end = start + dt.timedelta(days=length)
    expected = engine._simulate(policy, portfolio, start=start, end=end, changes_of=_by_index)
    _the_same(engine.simulate(policy, portfolio, start=start, end=end), expected)


def test_simulate_of_a_sample_portfolio_gives_what_it_gave_reading_every_ledger_index() -> None:
    book = sample_portfolio(seed=17, accounts=60)
    for policy in (STANDARD, STRICT):
        first, last = D(2024, 1, 1), D(2024, 12, 31)
        expected = engine._simulate(policy, book, start=first, end=last, changes_of=_by_index)
        _the_same(engine.simulate(policy, book, start=first, end=last), expected)
