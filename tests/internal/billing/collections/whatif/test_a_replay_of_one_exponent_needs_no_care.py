"""The replay takes its careful path only for amounts of several exponents, and needs it only then.

When every overdue amount of a run shares one exponent (ledgers in cents: the common case, every
sample), the plain replay runs alone and gives, bit for bit, what the careful one (which counts the
amounts of each exponent per stage and day) gives. A ledger's one-pass sweep names the exponent its
amounts share (``overdue_changes_alike``), so the plain replay checks one amount per account.
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspcore import Money
from cspcore._decimal import EXACT
from cspcore.billing import STANDARD, STRICT, CollectionsPolicy, Invoice, Ledger
from cspcore.billing.collections.whatif import engine
from cspcore.billing.ledger import overdue_changes_alike_of
from cspcore.billing.ledger._direct import overdue_changes, overdue_changes_alike
from cspcore.billing.portfolio import Account, Portfolio, sample_portfolio
from cspcore.testing.ledger import ledgers, policies

START, END = dt.date(2024, 1, 1), dt.date(2024, 6, 30)


def _replay(policy: CollectionsPolicy, book: Portfolio, *, careful: bool) -> str:
    with decimal.localcontext(EXACT):
        found = engine._replay(
            policy,
            book,
            start=START,
            end=END,
            changes_of=overdue_changes_alike_of,
            build=True,
            careful=careful,
        )
    result, ids, _packed = found  # the careful replay packs its transitions: compare the results
    return repr((result, ids))


def _book(ledgers_: list[Ledger]) -> Portfolio:
    return Portfolio(
        accounts=tuple(
            Account(id=f"A{i}", ledger=attrs.evolve(book, account_id=f"A{i}"))
            for i, book in enumerate(ledgers_)
        )
    )


@settings(max_examples=40, deadline=None)
@given(st.sampled_from((STANDARD, STRICT)) | policies(), st.lists(ledgers(), min_size=1, max_size=3))
def test_ledgers_in_cents_need_no_care_and_give_what_the_careful_replay_gives(
    policy: CollectionsPolicy, books: list[Ledger]
) -> None:
    book = _book(books)
    assert _replay(policy, book, careful=False) == _replay(policy, book, careful=True)


def test_a_sample_portfolio_needs_no_care() -> None:
    book = sample_portfolio(seed=23, accounts=80)
    for policy in (STANDARD, STRICT):
        assert _replay(policy, book, careful=False) == _replay(policy, book, careful=True)


def _owing(*amounts: str) -> Ledger:
    """Invoices of these amounts, falling due a week apart in this order."""
    return Ledger(
        invoices=tuple(
            Invoice(
                id=f"I{n}",
                issued=START,
                due=START + dt.timedelta(days=5 + 7 * n),
                currency="EUR",
                total_charges=Money(amount, "EUR"),
            )
            for n, amount in enumerate(amounts)
        )
    )


@pytest.mark.parametrize("books", [[_owing("50", "12.5")], [_owing("50.00"), _owing("50")]])
def test_amounts_of_two_exponents_in_a_ledger_or_across_ledgers_need_care(books: list[Ledger]) -> None:
    with pytest.raises(engine._MixedExponents):
        _replay(STRICT, _book(books), careful=False)


def test_the_one_pass_sweep_names_the_exponent_its_amounts_share_or_none() -> None:
    changes, alike = overdue_changes_alike(_owing("10.00", "2.50"))  # type: ignore[misc]
    assert alike is not None
    assert all(amount.same_quantum(alike) for _day, _oldest, amount, _count in changes if amount)
    assert changes == overdue_changes(_owing("10.00", "2.50"))
    assert overdue_changes_alike(_owing("50", "12.5")) == (overdue_changes(_owing("50", "12.5")), None)
    assert overdue_changes_alike(_owing("5E+1")) == (overdue_changes(_owing("5E+1")), None)  # over zero
    assert overdue_changes_alike(Ledger()) == ([], None)
    nothing_yet = overdue_changes(_owing("1.00"))
    assert nothing_yet is not None
    assert Decimal(0).same_quantum(nothing_yet[0][2])  # nothing overdue: Decimal(0) itself
