"""Rule: simulate's series is, on each day, evaluate of the account's ledger under the account's id.

A policy's ``exempt_accounts`` name accounts. ``simulate`` knows each account's id; ``evaluate`` is
given a ledger and knows only the ledger's ``account_id``, which many ledgers leave out. So the
series equals ``evaluate`` of the ledger with ``account_id`` set to the account's id; an account
whose ledger names another account is refused, so that the two ids never disagree.
"""

from __future__ import annotations

import datetime as dt

import attrs
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import STANDARD, CollectionsPolicy, Invoice, Ledger, evaluate
from cspcore.billing.portfolio import Account, Portfolio
from cspcore.billing.whatif import simulate
from cspcore.errors import ErrorCode
from cspcore.testing.ledger import ledgers, policies

D = dt.date
NO_ID = Ledger(
    invoices=(
        Invoice(
            id="A", issued=D(2024, 1, 1), due=D(2024, 1, 31), currency="EUR", total_charges=Money(100, "EUR")
        ),
    )
)
EXEMPT_A = attrs.evolve(STANDARD, exempt_accounts=frozenset({"a"}))
DAY = D(2024, 3, 1)


def test_an_account_named_exempt_stays_clear_as_its_ledger_under_its_id_does() -> None:
    result = simulate(EXEMPT_A, Portfolio(accounts=(Account(id="a", ledger=NO_ID),)), start=DAY, end=DAY)
    standing = evaluate(EXEMPT_A, attrs.evolve(NO_ID, account_id="a"), as_of=DAY)
    assert standing.stage is None
    assert (result.series[0].accounts[0], result.series[0].overdue[0]) == (1, standing.overdue)
    # evaluate cannot know the id of a ledger that names none: it evaluates the ledger as it is.
    assert evaluate(EXEMPT_A, NO_ID, as_of=DAY).stage is not None


def test_a_ledger_naming_the_account_is_exempt_in_both() -> None:
    ledger = attrs.evolve(NO_ID, account_id="a")
    result = simulate(EXEMPT_A, Portfolio(accounts=(Account(id="a", ledger=ledger),)), start=DAY, end=DAY)
    assert result.series[0].accounts[0] == 1
    assert evaluate(EXEMPT_A, ledger, as_of=DAY).stage is None


def test_an_account_holding_the_ledger_of_another_account_is_refused() -> None:
    with raises_invalid(field="ledger.account_id", code=ErrorCode.INCONSISTENT):
        Account(id="a", ledger=attrs.evolve(NO_ID, account_id="b"))


@settings(max_examples=60, deadline=None)
@given(
    policies(),
    ledgers(),
    st.integers(min_value=0, max_value=400).map(lambda n: D(2023, 12, 1) + dt.timedelta(days=n)),
    st.integers(min_value=0, max_value=40),
    st.booleans(),
    st.booleans(),
)
@example(STANDARD, NO_ID, D(2024, 2, 20), 20, True, False)  # exempt, the ledger naming no account
def test_each_day_of_the_series_is_evaluate_of_the_ledger_under_the_accounts_id(  # noqa: PLR0917 - drawn values
    policy: CollectionsPolicy, ledger: Ledger, start: dt.date, length: int, exempt: bool, named: bool
) -> None:
    policy = attrs.evolve(policy, exempt_accounts=frozenset({"X"} if exempt else ()))
    book = attrs.evolve(ledger, account_id="X" if named else None)
    end = start + dt.timedelta(days=length)
    result = simulate(policy, Portfolio(accounts=(Account(id="X", ledger=book),)), start=start, end=end)
    under_its_id = attrs.evolve(book, account_id="X")
    for point in result.series:
        standing = evaluate(policy, under_its_id, as_of=point.day, currency="EUR")
        slot = 0 if standing.stage is None else 1 + policy.stages.index(standing.stage)
        assert point.accounts[slot] == 1
        assert point.overdue[slot] == standing.overdue
