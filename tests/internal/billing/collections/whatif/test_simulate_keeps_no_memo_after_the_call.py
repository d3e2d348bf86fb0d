"""A what-if keeps nothing memoised once it returns, unless the caller already held it.

``simulate`` and ``compare`` read each ledger's overdue changes from its index: from the one that
lives beside the ledger when the caller built it (``evaluate``, ``settle``), else from one built for
the question and dropped with the answer. A cold what-if over a portfolio therefore holds one index
at a time and leaves none behind, and gives the same result either way.
"""

from __future__ import annotations

import datetime as dt
import gc
import tracemalloc

from cspcore.billing import PRESETS, STANDARD, Ledger, evaluate
from cspcore.billing.ledger import index_beside
from cspcore.billing.portfolio import sample_portfolio
from cspcore.billing.whatif import compare, simulate

START, END = dt.date(2024, 1, 1), dt.date(2024, 12, 31)


def indexed(ledgers: list[Ledger]) -> int:
    return sum(1 for ledger in ledgers if index_beside(ledger) is not None)


def test_simulate_leaves_no_ledger_index_behind() -> None:
    book = sample_portfolio(seed=3, accounts=40)
    ledgers: list[Ledger] = [account.ledger for account in book.accounts]
    simulate(STANDARD, book, start=START, end=END)
    assert indexed(ledgers) == 0


def test_compare_leaves_no_ledger_index_behind() -> None:
    book = sample_portfolio(seed=4, accounts=40)
    ledgers: list[Ledger] = [account.ledger for account in book.accounts]
    compare(list(PRESETS.values()), book, start=START, end=END)
    assert indexed(ledgers) == 0


def test_an_index_the_caller_holds_is_read_and_gives_the_same_result() -> None:
    cold = simulate(STANDARD, sample_portfolio(seed=5, accounts=30), start=START, end=END)
    book = sample_portfolio(seed=5, accounts=30)
    for account in book.accounts:
        evaluate(STANDARD, account.ledger, as_of=END)  # the caller's own memo, beside its ledgers
    assert simulate(STANDARD, book, start=START, end=END) == cold


def test_compare_gives_each_policy_what_simulate_gives_it() -> None:
    book = sample_portfolio(seed=6, accounts=30)
    together = compare(list(PRESETS.values()), book, start=START, end=END)
    assert together.results == tuple(simulate(p, book, start=START, end=END) for p in PRESETS.values())


def test_the_memory_left_after_a_simulation_is_its_result() -> None:
    book = sample_portfolio(seed=7, accounts=300)
    gc.collect()
    tracemalloc.start()
    try:
        result = simulate(STANDARD, book, start=START, end=END)
        with_result, _peak = tracemalloc.get_traced_memory()
        del result
        gc.collect()
        left, _peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # What stays once the result is dropped is bookkeeping, not a portfolio's worth of indexes
    # (about 15 KB a ledger: 4.5 MB here).
    assert left < 200_000 < with_result
