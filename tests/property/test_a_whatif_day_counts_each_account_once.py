"""Law: every day of a simulation counts each account of the portfolio once, and merged parts count the whole.

So a simulated point's counts add up to the portfolio's accounts (within ``MAX_ACCOUNTS``), one count
for ``clear`` and each of at most ``MAX_STAGES`` stages, and merging the simulations of
``partition(n)`` gives the whole portfolio's simulation, its points through ``DayPoint``'s checks.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from cspcore.billing import LENIENT, STANDARD, STRICT, CollectionsPolicy
from cspcore.billing.collections.policy import MAX_STAGES
from cspcore.billing.collections.whatif.results import MAX_ACCOUNTS
from cspcore.billing.portfolio import sample_portfolio
from cspcore.billing.whatif import DayPoint, merge, simulate
from cspcore.testing.ledger import policies

POLICIES = st.one_of(st.sampled_from([LENIENT, STANDARD, STRICT]), policies())


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    accounts=st.integers(min_value=0, max_value=6),
    parts=st.integers(min_value=1, max_value=8),
    policy=POLICIES,
)
def test_each_day_counts_every_account_once_and_parts_merge_into_the_whole(
    seed: int, accounts: int, parts: int, policy: CollectionsPolicy
) -> None:
    book = sample_portfolio(seed=seed, accounts=accounts, invoices=3)
    start, end = dt.date(2024, 1, 1), dt.date(2024, 4, 30)
    whole = simulate(policy, book, start=start, end=end)
    for day in whole.series:
        assert sum(day.accounts) == len(book.accounts) <= MAX_ACCOUNTS
        assert len(day.accounts) == 1 + len(policy.stages) <= 1 + MAX_STAGES
        assert DayPoint(day=day.day, accounts=day.accounts, overdue=day.overdue) == day
    assert merge(simulate(policy, part, start=start, end=end) for part in book.partition(parts)) == whole
