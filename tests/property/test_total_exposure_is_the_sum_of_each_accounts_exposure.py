"""The exposure of many suspended accounts is the exact sum of each account's own exposure.

``total_exposure`` groups the monthly costs by cycles left and multiplies each group once; that is
a rearrangement of an exact sum, so value and exponent equal adding ``Account.exposure`` one by one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import CurrencyMismatch, ErrorCode, InvalidInput, Money
from cspcore.billing import Ledger
from cspcore.billing.accounts import Account, total_exposure

D = dt.date

costs = st.one_of(
    st.none(),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False, allow_infinity=False),
    st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False, allow_infinity=False),
    st.integers(0, 10**6).map(Decimal),
)
days = st.dates(min_value=D(2023, 1, 1), max_value=D(2026, 12, 31))


@st.composite
def suspended(draw: st.DrawFn) -> list[tuple[Account, dt.date]]:
    ends = draw(st.lists(days, min_size=1, max_size=3))
    pairs = []
    for number in range(draw(st.integers(0, 30))):
        cost = draw(costs)
        end = draw(st.sampled_from(ends))
        account = Account(
            id=f"A{number}",
            ledger=Ledger(),
            monthly_cost=None if cost is None else Money(cost, "EUR"),
            term_end=None if cost is None else end,
        )
        pairs.append((account, draw(days)))
    return pairs


def one_by_one(pairs: list[tuple[Account, dt.date]]) -> Money:
    result = Money(0, "EUR")
    for account, day in pairs:
        owed = account.exposure(day)
        if owed is not None:  # a zero still counts: its exponent is part of the sum's
            result += owed
    return result


@given(suspended())
@example([])
@example(
    [
        (
            Account(id="a", ledger=Ledger(), monthly_cost=Money("10.00", "EUR"), term_end=D(2024, 2, 29)),
            D(2024, 1, 31),
        ),
        (
            Account(id="b", ledger=Ledger(), monthly_cost=Money("0.5", "EUR"), term_end=D(2024, 2, 29)),
            D(2023, 12, 31),
        ),
        (
            Account(id="c", ledger=Ledger(), monthly_cost=Money("3", "EUR"), term_end=D(2025, 3, 31)),
            D(2024, 2, 29),
        ),
    ]
)
def test_the_total_is_each_accounts_exposure_added_up_exactly(pairs: list[tuple[Account, dt.date]]) -> None:
    assert repr(total_exposure(pairs, "EUR")) == repr(one_by_one(pairs))


def test_a_cost_in_another_currency_is_refused() -> None:
    usd = Account(id="a", ledger=Ledger(), monthly_cost=Money(1, "USD"), term_end=D(2024, 12, 31))
    with pytest.raises(CurrencyMismatch) as caught:
        total_exposure([(usd, D(2024, 1, 1))], "EUR")
    assert caught.value.field == "suspended[].monthly_cost"
    assert caught.value.code is ErrorCode.CURRENCY_MISMATCH


def test_something_other_than_an_account_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        total_exposure([("a", D(2024, 1, 1))], "EUR")  # type: ignore[list-item]
    assert caught.value.field == "suspended[]"
    assert caught.value.code is ErrorCode.WRONG_TYPE


def test_a_total_past_what_an_input_may_hold_is_still_exact() -> None:
    """Many large costs add up past Money's input bound (10**30) without a refusal."""
    big = Money(Decimal("9e29"), "EUR")
    pairs = [
        (Account(id=f"a{n}", ledger=Ledger(), monthly_cost=big, term_end=D(2024, 12, 31)), D(2024, 1, 1))
        for n in range(3)
    ]
    assert total_exposure(pairs, "EUR").amount == Decimal("9e29") * 11 * 3
