"""Collections benchmarks (issue 5): evaluate vs a plain stage pick; simulate vs one evaluate pass.

Data: 10,000 ledgers of 10 monthly invoices each with their payments (the seeded sample portfolio).
The baseline of the first group gets, for free, each ledger's open invoices as (due ordinal,
Decimal outstanding) pairs and does the same stage pick in a plain loop. cspcore's ``evaluate``
works from the ledgers themselves (each ledger's settlement timeline is built once and memoised on
the ledger value; the ``cold`` group measures evaluate on ledgers that have never been settled).
The simulation groups compare ``simulate`` over 2024 with one evaluate pass: warm (timelines settled,
the steady state of a notebook comparing policies on one portfolio; the issue's limit applies) and
cold (every ledger new to both).
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

import attrs

from cspcore.billing import STANDARD, evaluate
from cspcore.billing.portfolio import Portfolio, sample_portfolio
from cspcore.billing.whatif import simulate

AS_OF = dt.date(2024, 10, 20)
START, END = dt.date(2024, 1, 1), dt.date(2024, 12, 31)


@functools.cache
def portfolio() -> Portfolio:
    return sample_portfolio(seed=2024, accounts=10_000, invoices=10)


@functools.cache
def pairs() -> list[list[tuple[int, Decimal]]]:
    """What the baseline gets for free: each ledger's open invoices as (due ordinal, outstanding) pairs."""
    from cspcore.billing.ledger import open_invoices_at

    day = AS_OF.toordinal()
    return [
        [(due, owed) for due, owed, _key in open_invoices_at(a.ledger, day)] for a in portfolio().accounts
    ]


def thresholds() -> list[tuple[int, Decimal, int]]:
    return [
        (
            max(1, STANDARD.grace_days + s.after_days),
            s.min_overdue.amount if s.min_overdue else Decimal(0),
            s.min_unpaid_invoices or 1,
        )
        for s in STANDARD.stages
    ]


def baseline_pass() -> int:
    """A plain loop over (due ordinal, Decimal amount) pairs doing the same stage pick."""
    day = AS_OF.toordinal()
    stages = thresholds()
    reached = 0
    for ledger in pairs():
        oldest = 0
        overdue = Decimal(0)
        count = 0
        for due, amount in ledger:
            if due < day:
                if not oldest or due < oldest:
                    oldest = due
                overdue += amount
                count += 1
        stage = -1
        if count:
            days = day - oldest
            for index in range(len(stages) - 1, -1, -1):
                need_days, need_amount, need_count = stages[index]
                if days >= need_days and overdue >= need_amount and count >= need_count:
                    stage = index
                    break
        reached += stage >= 0
    return reached


def evaluate_pass() -> int:
    return sum(
        evaluate(STANDARD, account.ledger, as_of=AS_OF).stage is not None for account in portfolio().accounts
    )


def test_stage_pick_baseline(benchmark: Any) -> None:
    pairs()
    benchmark.group = "collections-evaluate-10k"
    assert benchmark(baseline_pass) > 0


def test_evaluate_10k_ledgers(benchmark: Any) -> None:
    pairs()
    benchmark.group = "collections-evaluate-10k"
    benchmark.extra_info["limit"] = 3
    assert benchmark(evaluate_pass) == baseline_pass()


def test_cold_stage_pick_baseline(benchmark: Any) -> None:
    pairs()
    benchmark.group = "collections-evaluate-10k-cold"
    assert benchmark(baseline_pass) > 0


def test_evaluate_10k_never_settled_ledgers(benchmark: Any) -> None:
    benchmark.group = "collections-evaluate-10k-cold"

    def fresh() -> tuple[tuple[list[Any]], dict[str, Any]]:
        return ([attrs.evolve(account.ledger) for account in portfolio().accounts],), {}

    def run(ledgers: list[Any]) -> int:
        return sum(evaluate(STANDARD, ledger, as_of=AS_OF).stage is not None for ledger in ledgers)

    assert benchmark.pedantic(run, setup=fresh, rounds=3) == baseline_pass()


def test_one_evaluate_pass_baseline(benchmark: Any) -> None:
    pairs()
    benchmark.group = "collections-simulate-year"
    assert benchmark(evaluate_pass) > 0


def test_simulate_year(benchmark: Any) -> None:
    pairs()
    # Like evaluate above, simulate works from each ledger's memoised timeline (and its overdue
    # changes, which do not depend on the policy): one run settles them, as a notebook comparing
    # policies on one portfolio would. The cold first run is the "cold" group below.
    simulate(STANDARD, portfolio(), start=START, end=END)
    benchmark.group = "collections-simulate-year"
    benchmark.extra_info["limit"] = 10
    result = benchmark.pedantic(
        simulate, args=(STANDARD, portfolio()), kwargs={"start": START, "end": END}, rounds=7
    )
    assert len(result.series) == 366


def test_simulate_year_and_read_every_transition(benchmark: Any) -> None:
    """The same, reading every Transition value too (they are built with the result)."""
    pairs()
    simulate(STANDARD, portfolio(), start=START, end=END)
    benchmark.group = "collections-simulate-year"

    def run() -> int:
        return len(simulate(STANDARD, portfolio(), start=START, end=END).transitions)

    assert benchmark.pedantic(run, rounds=7) > 0


def test_cold_evaluate_pass_baseline(benchmark: Any) -> None:
    benchmark.group = "collections-simulate-year-cold"

    def fresh() -> tuple[tuple[list[Any]], dict[str, Any]]:
        return ([attrs.evolve(account.ledger) for account in portfolio().accounts],), {}

    def run(ledgers: list[Any]) -> int:
        return sum(evaluate(STANDARD, ledger, as_of=AS_OF).stage is not None for ledger in ledgers)

    assert benchmark.pedantic(run, setup=fresh, rounds=3) > 0


def test_simulate_year_of_never_settled_ledgers(benchmark: Any) -> None:
    benchmark.group = "collections-simulate-year-cold"

    def fresh() -> tuple[tuple[Any, Portfolio], dict[str, Any]]:
        accounts = tuple(attrs.evolve(a, ledger=attrs.evolve(a.ledger)) for a in portfolio().accounts)
        return (STANDARD, Portfolio(accounts=accounts)), {"start": START, "end": END}

    result = benchmark.pedantic(simulate, setup=fresh, rounds=3)
    assert len(result.series) == 366
