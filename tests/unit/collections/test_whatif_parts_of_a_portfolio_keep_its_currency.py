"""Rule: a portfolio's parts keep its currency, so that simulating them and merging equals simulating it.

An empty part (or one whose ledgers are all empty) has no currency of its own: it carries the whole
portfolio's, and a portfolio can be given its currency outright (``Portfolio(currency=...)``).
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import STANDARD, STRICT, Invoice, Ledger
from cspcore.billing.portfolio import Account, Portfolio, portfolio_from_dict, sample_portfolio
from cspcore.billing.whatif import merge, simulate, simulate_partitioned
from cspcore.errors import CurrencyMismatch, ErrorCode

D = dt.date
START, END = D(2024, 1, 1), D(2024, 2, 1)
USD_LEDGER = Ledger(
    invoices=(Invoice(id="A", issued=D(2024, 1, 1), currency="USD", total_charges=Money(100, "USD")),)
)
ONE_USD_ACCOUNT = Portfolio(accounts=(Account(id="a", ledger=USD_LEDGER),))


def test_a_one_account_usd_portfolio_on_dask_with_the_default_partitions_equals_one_process() -> None:
    whole = simulate(STANDARD, ONE_USD_ACCOUNT, start=START, end=END)
    assert whole.currency == "USD"
    assert simulate_partitioned(STANDARD, ONE_USD_ACCOUNT, start=START, end=END) == whole
    assert simulate_partitioned(STANDARD, ONE_USD_ACCOUNT, start=START, end=END, partitions=4) == whole


@pytest.mark.parametrize("parts", [1, 2, 3, 5])
def test_parts_with_no_accounts_or_only_empty_ledgers_merge_into_the_whole(parts: int) -> None:
    book = Portfolio(accounts=(Account(id="a", ledger=USD_LEDGER), Account(id="b", ledger=Ledger())))
    whole = simulate(STANDARD, book, start=START, end=END)
    pieces = book.partition(parts)
    assert [piece.currency for piece in pieces] == ["USD"] * parts
    assert merge(simulate(STANDARD, piece, start=START, end=END) for piece in pieces) == whole


def test_a_portfolio_given_its_currency_keeps_it_with_no_documents() -> None:
    nobody = Portfolio(accounts=(), currency="JPY")
    assert nobody.currency == "JPY"
    assert simulate(STRICT, nobody, start=START, end=END).currency == "JPY"
    empty_ledgers = Portfolio(accounts=(Account(id="b", ledger=Ledger()),), currency="JPY")
    assert simulate(STRICT, empty_ledgers, start=START, end=END).summary.written_off == Money(0, "JPY")


def test_a_currency_left_out_is_the_ledgers_and_one_given_equal_to_it_changes_nothing() -> None:
    assert ONE_USD_ACCOUNT.currency == "USD"
    assert Portfolio(accounts=ONE_USD_ACCOUNT.accounts, currency="USD") == ONE_USD_ACCOUNT
    assert Portfolio(accounts=()).currency is None
    sample = sample_portfolio(seed=3, accounts=4, currency="CHF")
    assert sample == Portfolio(accounts=sample.accounts)
    assert sample.currency == "CHF"


def test_a_currency_other_than_the_ledgers_is_refused() -> None:
    with raises_invalid(field="currency", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
        Portfolio(accounts=ONE_USD_ACCOUNT.accounts, currency="EUR")


@pytest.mark.parametrize(
    ("currency", "code"), [("usd", ErrorCode.UNKNOWN_VALUE), (840, ErrorCode.WRONG_TYPE)]
)
def test_a_currency_that_is_no_code_is_refused(currency: object, code: ErrorCode) -> None:
    with raises_invalid(field="currency", code=code):
        Portfolio(accounts=(), currency=currency)  # type: ignore[arg-type]


def test_a_portfolio_file_may_name_its_currency() -> None:
    assert portfolio_from_dict({"accounts": [], "currency": "USD"}).currency == "USD"
    assert portfolio_from_dict({"accounts": []}).currency is None
