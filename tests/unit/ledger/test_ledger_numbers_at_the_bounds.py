"""Amounts at the bounds (50 digits, 10**±30) mixed in one ledger: exact answers, no raw decimal error."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import InvalidInput, Money
from cspcore.billing import (
    STANDARD,
    Invoice,
    Ledger,
    Payment,
    aging,
    balance,
    dso,
    evaluate,
    outstanding,
    settle,
)
from cspcore.billing.portfolio import Account, Portfolio
from cspcore.billing.whatif import simulate

D = dt.date
HUGE = Decimal("9" * 30)  # just under 10**30
TINY = Decimal("1e-30")
LONG = Decimal("1." + "2" * 49)  # 50 significant digits
EXTREMES = st.sampled_from([HUGE, TINY, LONG, Decimal(1), Decimal("1e30"), Decimal("0.01")])
#: The reference sums: exact, or the test fails (Inexact trapped).
EXACT = decimal.Context(prec=400, traps=[decimal.Inexact, decimal.InvalidOperation])


def exact_sum(amounts: list[Decimal]) -> Decimal:
    total = Decimal(0)
    for amount in amounts:
        total = EXACT.add(total, amount)
    return total


def book(amounts: list[Decimal], paid: list[Decimal]) -> Ledger:
    invoices = tuple(
        Invoice(id=f"I{i}", issued=D(2024, 1, 1 + i), currency="EUR", total_charges=Money(a, "EUR"))
        for i, a in enumerate(amounts)
    )
    payments = tuple(
        Payment(id=f"P{i}", amount=Money(a, "EUR"), received=D(2024, 2, 1 + i)) for i, a in enumerate(paid)
    )
    return Ledger(invoices=invoices, payments=payments)


@given(st.lists(EXTREMES, min_size=1, max_size=5), st.lists(EXTREMES, max_size=5))
@example([HUGE, LONG, TINY], [TINY, LONG])
@example([Decimal("1e30"), TINY], [Decimal("1e30")])
def test_balances_are_exact_whatever_the_magnitudes(amounts: list[Decimal], paid: list[Decimal]) -> None:
    ledger = book(amounts, paid)
    day = D(2024, 6, 1)
    expected = EXACT.subtract(exact_sum(amounts), exact_sum(paid))
    assert balance(ledger, as_of=day).amount == expected
    assert settle(ledger, as_of=day).balance.amount == expected
    owed = exact_sum([outstanding(i, ledger, as_of=day).amount for i in ledger.invoices])
    report = aging(ledger, as_of=day)
    assert report.total.amount == owed
    assert EXACT.subtract(owed, report.credit.amount) == expected
    assert evaluate(STANDARD, ledger, as_of=day).overdue.amount == owed
    dso(ledger, as_of=day)
    portfolio = Portfolio(accounts=(Account(id="a", ledger=ledger),))
    result = simulate(STANDARD, portfolio, start=D(2024, 1, 1), end=D(2024, 6, 1))
    assert exact_sum([money.amount for money in result.series[-1].overdue]) == owed


@pytest.mark.parametrize("amount", ["1e31", "1e-31", "1." + "3" * 50, "9" * 201])
def test_an_amount_beyond_the_bounds_is_refused_naming_it(amount: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        Money(amount, "EUR")
    assert caught.value.field == "amount"


def test_dso_of_a_huge_receivable_over_tiny_sales_is_exact() -> None:
    ledger = Ledger(
        invoices=(
            Invoice(id="OLD", issued=D(2023, 1, 1), currency="EUR", total_charges=Money(HUGE, "EUR")),
            Invoice(id="NEW", issued=D(2024, 3, 1), currency="EUR", total_charges=Money(TINY, "EUR")),
        )
    )
    # (HUGE + TINY) * 90 / TINY = HUGE * 90 * 10**30 + 90, a whole number of days
    assert dso(ledger, as_of=D(2024, 3, 1)) == Decimal(int(HUGE) * 90 * 10**30 + 90)
