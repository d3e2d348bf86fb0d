"""The month-end close's private helpers: its running sums stay exact, and a renamed refusal keeps its kind.

``_Sums`` folds each currency's values into one exact sum once more than a thousand are held, so a
month of many lines keeps little; the total must be the exact total of every value added, in each
currency, whatever the fold. ``_named`` prefixes a reader's refusal with its side and keeps its code,
value and, for a currency mismatch, its class and currencies.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from cspcore import CurrencyMismatch, ErrorCode, InvalidInput, Money
from cspcore.interop.month_end import _named, _Sums

AMOUNTS = st.lists(st.decimals(min_value=-1000, max_value=1000, places=4), min_size=1, max_size=2_600)


@given(amounts=AMOUNTS, other=st.lists(st.integers(-50, 50), max_size=20))
def test_the_running_sum_of_each_currency_is_the_exact_sum_of_its_values(
    amounts: list[Decimal], other: list[int]
) -> None:
    sums = _Sums()
    for amount in amounts:
        sums.add("invoiced", Money(amount, "EUR"))
    for units in other:
        sums.add("invoiced", Money(units, "CZK"))
    exact = sum(amounts, Decimal(0))
    expected = [Money(exact, "EUR")]
    if other:
        expected.insert(0, Money(sum(other), "CZK"))
    assert sums.money("invoiced") == tuple(expected)
    assert sums.money("balances") == ()


def test_past_a_thousand_values_a_currency_keeps_one_folded_sum() -> None:
    sums = _Sums()
    for _ in range(2_500):
        sums.add("balances", Money("0.01", "EUR"))
    assert len(sums.sums["balances"]["EUR"]) <= 1_000
    assert sums.money("balances") == (Money("25.00", "EUR"),)
    assert str(sums.money("balances")[0].amount) == "25.00"


def test_a_thousand_values_are_folded_exactly_even_with_many_digits() -> None:
    sums = _Sums()
    tiny = Money("0.000000000000000000000000001", "EUR")
    for _ in range(1_001):
        sums.add("invoiced", Money("1000000000000000000", "EUR"))
        sums.add("invoiced", tiny)
    assert sums.money("invoiced")[0].amount == Decimal("1001000000000000000000.000000000000000000000001001")


def test_a_renamed_refusal_keeps_its_code_and_value_under_its_side() -> None:
    renamed = _named(
        InvalidInput("rows[4].Quantity", "is not a number", "two", code=ErrorCode.NOT_A_NUMBER), "usage"
    )
    assert type(renamed) is InvalidInput
    assert (renamed.field, renamed.code, renamed.value) == (
        "usage.rows[4].Quantity",
        ErrorCode.NOT_A_NUMBER,
        "two",
    )
    assert renamed.problem == "is not a number"


def test_a_renamed_currency_mismatch_stays_one() -> None:
    renamed = _named(CurrencyMismatch("rows[2].BillingCurrency", "EUR", "USD"), "expected_usage")
    assert isinstance(renamed, CurrencyMismatch)
    assert (renamed.field, renamed.code) == (
        "expected_usage.rows[2].BillingCurrency",
        ErrorCode.CURRENCY_MISMATCH,
    )
    assert (renamed.left, renamed.right) == ("EUR", "USD")
