"""Ledger ratio: the balance of each of 10,000 ledgers, each on its own day, vs a plain Decimal loop.

A plain loop adds each ledger's invoice totals and subtracts its payments up to the day. Each ledger
is fresh (nothing beside it), so ``balance`` answers as a partner's daily run does: in one pass over
the ledger's documents (invoiced − paid − credited, with voids; a ledger with write-offs would build
its index by a replay). Issue 19's limit: 3 cold. Warm (limit 3.5) does the same work as cold, since
nothing is kept beside a ledger, but the plain loop gains more from warm caches than the documents'
attribute reads do, so its ratio sits a little above the cold one.
The ledgers are a seeded sample portfolio (a new seed each round: amounts from 50 to 5,000 EUR a
month, on-time, late, split and missing payments), each asked on a day drawn from 15 months.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from cspcore.billing import balance
from cspcore.billing.portfolio import sample_portfolio
from paired import Case, bench

if TYPE_CHECKING:
    import random

    from cspcore.billing import Ledger

FIRST_DAY = dt.date(2024, 1, 1)
#: What the plain loop gets: (issued, total) of each invoice, (received, amount) of each payment, the day.
Plain = tuple[list[tuple[dt.date, Decimal]], list[tuple[dt.date, Decimal]], dt.date]


def build(rng: random.Random, size: int) -> tuple[list[tuple[Ledger, dt.date]], list[Plain]]:
    book = sample_portfolio(seed=rng.randrange(2**31), accounts=size, invoices=10)
    days = [FIRST_DAY + dt.timedelta(days=rng.randrange(455)) for _ in range(size)]
    plain = [
        (
            [(i.issued, i.total_charges.amount) for i in account.ledger.invoices],
            [(p.received, p.amount.amount) for p in account.ledger.payments],
            day,
        )
        for account, day in zip(book.accounts, days, strict=True)
    ]
    return [(account.ledger, day) for account, day in zip(book.accounts, days, strict=True)], plain


def balances(items: list[tuple[Ledger, dt.date]]) -> list[Decimal]:
    return [balance(ledger, as_of=day).amount for ledger, day in items]


def plain_balances(items: list[Plain]) -> list[Decimal]:
    result = []
    for invoices, payments, day in items:
        owed = Decimal(0)
        for issued, amount in invoices:
            if issued <= day:
                owed += amount
        for received, amount in payments:
            if received <= day:
                owed -= amount
        result.append(owed)
    return result


BALANCE = Case(
    name="ledger: balance of ledgers",
    build=build,
    case=balances,
    baseline=plain_balances,
    size=10_000,
    limit=3.5,
    cold_limit=3,
    rounds=5,
)

CASES = (BALANCE,)


def test_balance(benchmark: Any) -> None:
    bench(benchmark, BALANCE)
