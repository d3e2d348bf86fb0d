"""Law: simulating a portfolio's parts and merging them gives exactly the whole's simulation, in any currency.

However many parts (more than accounts leaves some empty) and whatever the currency: each part
carries the whole portfolio's currency, so none is simulated in another.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from cspcore.billing import LENIENT, STANDARD, STRICT, CollectionsPolicy, Ledger
from cspcore.billing.portfolio import Account, Portfolio, sample_portfolio
from cspcore.billing.whatif import merge, simulate


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**32),
    accounts=st.integers(min_value=0, max_value=5),
    empty=st.integers(min_value=0, max_value=3),
    parts=st.integers(min_value=1, max_value=9),
    currency=st.sampled_from(["EUR", "USD", "JPY", "KWD"]),
    policy=st.sampled_from([LENIENT, STANDARD, STRICT]),
)
def test_the_merged_parts_equal_the_whole(  # noqa: PLR0917 - drawn values
    seed: int, accounts: int, empty: int, parts: int, currency: str, policy: CollectionsPolicy
) -> None:
    sample = sample_portfolio(seed=seed, accounts=accounts, invoices=3, currency=currency)
    idle = tuple(Account(id=f"Z{i}", ledger=Ledger()) for i in range(empty))
    book = Portfolio(accounts=sample.accounts + idle, currency=currency)
    start, end = dt.date(2024, 1, 1), dt.date(2024, 5, 31)
    whole = simulate(policy, book, start=start, end=end)
    assert whole.currency == currency
    assert merge(simulate(policy, part, start=start, end=end) for part in book.partition(parts)) == whole
