"""Rule: an account's monthly cost is in its ledger's currency, and in its portfolio's.

An account refuses a cost in another currency than its ledger's (``monthly_cost``). An empty ledger
has no currency: the account takes the cost as it is, and the portfolio it goes in checks it against
the portfolio's currency (``accounts[i].monthly_cost``), when the portfolio has one.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import Invoice, Ledger
from cspcore.billing.portfolio import Account, Portfolio
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    import pytest

D = dt.date
TERM_END = D(2024, 12, 31)
EUR_LEDGER = Ledger(
    invoices=(
        Invoice(
            id="A", issued=D(2024, 1, 1), due=D(2024, 1, 31), currency="EUR", total_charges=Money(100, "EUR")
        ),
    )
)


def mismatch(field: str) -> AbstractContextManager[pytest.ExceptionInfo[InvalidInput]]:
    return raises_invalid(field=field, code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch)


def test_a_cost_in_another_currency_than_the_ledgers_is_refused() -> None:
    with mismatch("monthly_cost") as caught:
        Account(id="a", ledger=EUR_LEDGER, monthly_cost=Money(5, "JPY"), term_end=TERM_END)
    assert isinstance(caught.value, CurrencyMismatch)
    assert (caught.value.left, caught.value.right) == ("EUR", "JPY")


def test_a_cost_in_the_ledgers_currency_is_taken() -> None:
    account = Account(id="a", ledger=EUR_LEDGER, monthly_cost=Money(5, "EUR"), term_end=TERM_END)
    assert account.exposure(D(2024, 10, 15)) == Money(10, "EUR")


def test_an_empty_ledger_takes_any_cost_and_the_portfolio_checks_it() -> None:
    idle = Account(id="b", ledger=Ledger(), monthly_cost=Money(5, "JPY"), term_end=TERM_END)
    assert Portfolio(accounts=(idle,)).currency is None
    assert Portfolio(accounts=(idle,), currency="JPY").currency == "JPY"
    with mismatch("accounts[1].monthly_cost"):
        Portfolio(accounts=(Account(id="a", ledger=EUR_LEDGER), idle))
    with mismatch("accounts[0].monthly_cost"):
        Portfolio(accounts=(idle,), currency="EUR")
