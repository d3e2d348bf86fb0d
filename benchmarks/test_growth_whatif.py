"""Growth exponent of the what-if simulation in the number of accounts (every transition built).

``simulate`` walks each account's overdue changes and builds every ``Transition`` with the result,
so a tenfold portfolio should cost about ten times as much; each run is cold (a new portfolio, no
settled timelines). The result is checked against a plain evaluate of every account on the last day.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from cspcore.billing import STANDARD, evaluate
from cspcore.billing.portfolio import Portfolio, sample_portfolio
from cspcore.billing.whatif import SimulationResult, simulate
from growth import measure, record

START, END = dt.date(2024, 1, 1), dt.date(2024, 12, 31)
SMALL = 300


def build(size: int) -> Portfolio:
    return sample_portfolio(seed=size, accounts=size, invoices=10)


def run(portfolio: Portfolio) -> tuple[Portfolio, SimulationResult]:
    return portfolio, simulate(STANDARD, portfolio, start=START, end=END)


def test_simulate_grows_linearly_in_accounts(benchmark: Any) -> None:
    growth = measure(build, run, small=SMALL)
    record(benchmark, growth, limit=1.4)
    portfolio, result = benchmark.pedantic(run, args=(build(10 * SMALL),), rounds=1)
    standings = {account.id: evaluate(STANDARD, account.ledger, as_of=END) for account in portfolio.accounts}
    evaluated = {key: "clear" if s.stage is None else s.stage.name for key, s in standings.items()}
    assert [list(evaluated.values()).count(name) for name in result.stage_names] == list(
        result.series[-1].accounts
    )
    # Each account's transitions chain from clear to the stage evaluate gives on the last day.
    reached = dict.fromkeys(evaluated, "clear")
    for move in result.transitions:
        assert move.before == reached[move.account] != move.after
        reached[move.account] = move.after
    assert evaluated == reached
    assert list(result.transitions) == sorted(result.transitions, key=lambda t: (t.on, t.account))


def build_sample(size: int) -> int:
    return size


def sample(size: int) -> Portfolio:
    return sample_portfolio(seed=size, accounts=size)


def test_the_sample_portfolio_grows_linearly_in_accounts(benchmark: Any) -> None:
    # 1,000 then 10,000 accounts (100,000 by hand: benchmarks/whatif_memory.py), cold each time.
    growth = measure(build_sample, sample, small=1_000, rounds=3)
    # Over 1 by the cyclic garbage collector's full scans of the values already built (see
    # docs/benchmarks.md); the build itself is linear.
    record(benchmark, growth, limit=1.4)
    portfolio = benchmark.pedantic(sample, args=(10_000,), rounds=1)
    assert len(portfolio.accounts) == 10_000
    assert portfolio == sample(10_000)  # deterministic: the seed is everything
