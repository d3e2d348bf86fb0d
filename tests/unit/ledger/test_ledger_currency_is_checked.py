"""A currency given to a ledger query must be the ledger's: 400 EUR is never reported as 400 USD."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from cspcore import Money
from cspcore.billing import (
    STANDARD,
    Invoice,
    Ledger,
    account_credit,
    aging,
    balance,
    evaluate,
    microsoft_standing,
    settle,
)
from cspcore.errors import CurrencyMismatch

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date
BOOK = Ledger(
    invoices=(
        Invoice(
            id="A", issued=D(2024, 1, 1), due=D(2024, 1, 31), currency="EUR", total_charges=Money(400, "EUR")
        ),
    )
)
QUERIES: dict[str, Callable[[Ledger, str | None], object]] = {
    "balance": lambda book, code: balance(book, as_of=D(2024, 3, 1), currency=code),
    "settle": lambda book, code: settle(book, as_of=D(2024, 3, 1), currency=code),
    "account_credit": lambda book, code: account_credit(book, as_of=D(2024, 3, 1), currency=code),
    "aging": lambda book, code: aging(book, as_of=D(2024, 3, 1), currency=code),
    "microsoft_standing": lambda book, code: microsoft_standing(book, as_of=D(2024, 3, 1), currency=code),
    "evaluate": lambda book, code: evaluate(STANDARD, book, as_of=D(2024, 3, 1), currency=code),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
@pytest.mark.parametrize("other", ["USD", "CZK", "JPY"])
def test_a_currency_other_than_the_ledgers_is_a_currency_mismatch(name: str, other: str) -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        QUERIES[name](BOOK, other)
    assert (caught.value.field, caught.value.left, caught.value.right) == ("currency", "EUR", other)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_the_ledgers_own_currency_or_none_gives_the_same_answer(name: str) -> None:
    assert QUERIES[name](BOOK, "EUR") == QUERIES[name](BOOK, None)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_an_empty_ledger_takes_any_currency_given(name: str) -> None:
    QUERIES[name](Ledger(), "USD")
    assert balance(Ledger(), as_of=D(2024, 3, 1), currency="JPY") == Money(0, "JPY")


def test_the_amounts_keep_the_ledgers_currency() -> None:
    assert balance(BOOK, as_of=D(2024, 3, 1), currency="EUR") == Money(400, "EUR")
    assert aging(BOOK, as_of=D(2024, 3, 1), currency="EUR").total == Money(400, "EUR")
    assert evaluate(STANDARD, BOOK, as_of=D(2024, 3, 1), currency="EUR").overdue == Money(400, "EUR")
