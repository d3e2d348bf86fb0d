"""A MoneyColumn checks each amount once, as Money would, and ``total`` of it is the sum in its currency.

The column is the columnar layout of many amounts of one currency: a list or tuple of amounts goes in,
every amount is refused or kept as Money keeps it (no negative zero), and nothing about it changes
afterwards, so ``total`` only adds. A ``currency=`` other than the column's is a currency mismatch.
"""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal
from typing import Any

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode, Money
from cspcore.errors import CurrencyMismatch
from cspcore.money import MoneyColumn, total


def test_each_amount_is_kept_as_money_keeps_it() -> None:
    column = MoneyColumn([Decimal("1.50"), 2, " 3.25 ", Decimal("-0.00")], "EUR")
    assert [str(amount) for amount in column.amounts] == ["1.50", "2", "3.25", "0.00"]
    assert list(column) == [Money("1.50", "EUR"), Money(2, "EUR"), Money("3.25", "EUR"), Money(0, "EUR")]
    assert [str(money.amount) for money in column] == [
        str(money.amount) for money in map(Money, column.amounts, ["EUR"] * 4)
    ]
    assert (len(column), column.currency) == (4, "EUR")


def test_the_total_of_a_column_is_the_exact_sum_in_its_currency() -> None:
    column = MoneyColumn(("0.10", "0.20", Decimal("1E+20")), "JPY")
    assert str(total(column).amount) == "100000000000000000000.30"
    assert total(column) == total(list(column)) == total(column, currency="JPY")
    assert total(MoneyColumn([], "KWD")) == Money(0, "KWD")  # no currency= needed: the column has one


def test_a_total_in_another_currency_is_a_mismatch() -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        total(MoneyColumn(["1"], "EUR"), currency="USD")
    assert (caught.value.field, caught.value.left, caught.value.right) == ("amounts", "USD", "EUR")


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (1.5, ErrorCode.WRONG_TYPE),
        (True, ErrorCode.WRONG_TYPE),
        (None, ErrorCode.WRONG_TYPE),
        (Money("1", "EUR"), ErrorCode.WRONG_TYPE),
        ("1,50", ErrorCode.NOT_A_NUMBER),
        (Decimal("NaN"), ErrorCode.NOT_FINITE),
        (Decimal("-Infinity"), ErrorCode.NOT_FINITE),
        (Decimal("1E+31"), ErrorCode.OUT_OF_RANGE),
        (10**31, ErrorCode.OUT_OF_RANGE),
        (Decimal("1." + "1" * 60), ErrorCode.TOO_MANY_DIGITS),
    ],
    ids=repr,
)
def test_an_amount_money_would_refuse_is_refused(amount: Any, code: ErrorCode) -> None:
    with raises_invalid(field="amounts", code=code) as caught:
        MoneyColumn([Decimal(1), amount], "EUR")
    assert caught.value.value is amount


@pytest.mark.parametrize(
    "amounts", [iter([1]), (n for n in [1]), {1}, "12", b"12", Decimal(1), None], ids=repr
)
def test_only_a_list_or_tuple_is_read(amounts: Any) -> None:
    with raises_invalid(field="amounts", code=ErrorCode.WRONG_TYPE):
        MoneyColumn(amounts, "EUR")


@pytest.mark.parametrize(
    ("currency", "code"), [("eur", ErrorCode.UNKNOWN_VALUE), ("XAU", ErrorCode.UNKNOWN_VALUE)]
)
def test_the_currency_is_checked_as_money_checks_it(currency: str, code: ErrorCode) -> None:
    with raises_invalid(field="currency", code=code):
        MoneyColumn([1], currency)


def test_a_column_is_an_immutable_value() -> None:
    column = MoneyColumn(["1.0", 2], "EUR")
    assert column == MoneyColumn([Decimal("1.00"), "2"], "EUR")
    assert hash(column) == hash(MoneyColumn([Decimal("1.00"), "2"], "EUR"))
    assert column != MoneyColumn(["1.0", 2], "USD")
    assert column != [Money("1.0", "EUR"), Money(2, "EUR")]
    assert pickle.loads(pickle.dumps(column)) == column  # noqa: S301 - our own bytes
    assert copy.copy(column) is column
    assert copy.deepcopy(column) is column
    assert eval(repr(column), {"MoneyColumn": MoneyColumn}) == column  # noqa: S307 - our own repr
    with pytest.raises(AttributeError):
        column.amounts = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        column.extra = 1  # type: ignore[attr-defined]
