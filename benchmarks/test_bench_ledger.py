"""Ledger benchmarks: balances of 10,000 ledgers as of one date vs a plain Decimal loop.

Issue 4 names no ledger baseline (its performance target is the interop engineer's reconciliation);
this group keeps the replay honest: a plain loop adds each ledger's invoice totals and subtracts its
payments up to the date; ``balance`` replays the documents (allocation, credit, voids, write-offs).
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import Any

from cspcore.billing import balance
from cspcore.billing.portfolio import Portfolio, sample_portfolio

AS_OF = dt.date(2024, 10, 20)


@functools.cache
def portfolio() -> Portfolio:
    return sample_portfolio(seed=2024, accounts=10_000, invoices=10)


def _plain_balances() -> Decimal:
    total = Decimal(0)
    for account in portfolio().accounts:
        owed = Decimal(0)
        for invoice in account.ledger.invoices:
            if invoice.issued <= AS_OF:
                owed += invoice.total_charges.amount
        for payment in account.ledger.payments:
            if payment.received <= AS_OF:
                owed -= payment.amount.amount
        total += owed
    return total


def test_plain_balance_loop_baseline(benchmark: Any) -> None:
    portfolio()
    benchmark.group = "ledger-balance-10k"
    assert benchmark(_plain_balances) > 0


def test_balance_of_10k_ledgers(benchmark: Any) -> None:
    portfolio()
    benchmark.group = "ledger-balance-10k"
    benchmark.extra_info["limit"] = 30

    def run() -> Decimal:
        return sum((balance(a.ledger, as_of=AS_OF).amount for a in portfolio().accounts), Decimal(0))

    assert benchmark(run) == _plain_balances()
