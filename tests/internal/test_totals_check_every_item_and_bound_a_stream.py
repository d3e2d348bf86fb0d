"""cspcore._totals: every item is checked (its type, then its currency), a stream is read at most ``limit``
items far, and a sum that cannot be exact is refused with the number of items it had read.

The functions take the value class and its accessors from the caller, so a small stand-in class is
enough here; :func:`cspcore.money.total`, their public caller, is tested in tests/unit/core.
"""

from __future__ import annotations

import decimal
import operator
from decimal import Decimal
from typing import Any

import attrs
import pytest
from tests.refusals import raises_invalid

from cspcore import _decimal
from cspcore._totals import sequence_total, stream_total
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput


@attrs.frozen
class Amount:
    amount: Decimal
    currency: str


class Tagged(Amount):
    """A subclass of the kind: accepted, as isinstance accepts it."""


AMOUNT_OF = operator.attrgetter("amount")
CURRENCY_OF = operator.attrgetter("currency")
LIMIT = 3


def in_sequence(items: list[Any], expected: str | None = None) -> tuple[Decimal, Any]:
    return sequence_total(items, expected, Amount, AMOUNT_OF, CURRENCY_OF)


def in_stream(items: list[Any], expected: str | None = None) -> tuple[Decimal, Any]:
    return stream_total(iter(items), expected, Amount, AMOUNT_OF, CURRENCY_OF, limit=LIMIT)


BOTH = [pytest.param(in_sequence, id="sequence"), pytest.param(in_stream, id="stream")]


def eur(text: str) -> Amount:
    return Amount(Decimal(text), "EUR")


@pytest.mark.parametrize("total", BOTH)
def test_the_sum_is_exact_and_in_the_first_items_currency(total: Any) -> None:
    assert total([eur("0.10"), eur("0.20"), Tagged(Decimal(1), "EUR")]) == (Decimal("1.30"), "EUR")


@pytest.mark.parametrize("total", BOTH)
def test_nothing_sums_to_zero_in_the_expected_currency(total: Any) -> None:
    assert total([], "EUR") == (Decimal(0), "EUR")
    assert total([]) == (Decimal(0), None)


@pytest.mark.parametrize("total", BOTH)
@pytest.mark.parametrize("bad", ["1", Decimal(1), None], ids=repr)
def test_an_item_of_another_kind_is_refused_showing_that_item(total: Any, bad: object) -> None:
    with raises_invalid(field="amounts", code=ErrorCode.WRONG_TYPE) as caught:
        total([eur("1"), bad, eur("2")])
    assert caught.value.value == bad


@pytest.mark.parametrize("total", BOTH)
def test_an_item_in_another_currency_is_refused_naming_both(total: Any) -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        total([eur("1"), Amount(Decimal(1), "CZK")])
    with pytest.raises(CurrencyMismatch) as expected:
        total([eur("1")], "CZK")
    assert [(e.value.field, e.value.left, e.value.right) for e in (caught, expected)] == [
        ("amounts", "EUR", "CZK"),
        ("amounts", "CZK", "EUR"),
    ]


def test_a_stream_is_read_up_to_its_limit_and_refused_past_it() -> None:
    assert in_stream([eur("1")] * LIMIT) == (Decimal(LIMIT), "EUR")
    with raises_invalid(field="amounts", code=ErrorCode.TOO_LONG) as caught:
        in_stream([eur("1")] * (LIMIT + 1))
    assert caught.value.value == LIMIT + 1


@pytest.mark.parametrize("total", BOTH)
@pytest.mark.parametrize(
    ("amounts", "code"),
    [
        pytest.param(["9e60", "9e60"], ErrorCode.OUT_OF_RANGE, id="too large"),
        pytest.param(["1e50", "1e-150"], ErrorCode.TOO_MANY_DIGITS, id="too many digits"),
    ],
)
def test_a_sum_that_cannot_be_exact_is_refused_with_the_count_read(
    total: Any, amounts: list[str], code: ErrorCode
) -> None:
    with raises_invalid(field="amounts", code=code) as caught:
        total([eur(text) for text in amounts])
    assert type(caught.value) is InvalidInput
    assert caught.value.value == len(amounts)


@pytest.mark.parametrize("signal", [decimal.Overflow, decimal.Inexact])
def test_a_total_words_its_failure_as_every_exact_operation_does(
    signal: type[decimal.DecimalException],
) -> None:
    amounts = ["9e60", "9e60"] if signal is decimal.Overflow else ["1e50", "1e-150"]
    with pytest.raises(InvalidInput) as caught:
        in_sequence([eur(text) for text in amounts])
    assert caught.value.problem == _decimal.problem(signal())


def gather(items: list[Any] | tuple[Any, ...], currency: Any) -> list[Decimal]:
    return [item.amount for item in items if type(item) is Amount and item.currency == currency]


def gathered(items: list[Any], expected: str | None = None) -> tuple[Decimal, Any]:
    return sequence_total(items, expected, Amount, AMOUNT_OF, CURRENCY_OF, gather=gather)


@pytest.mark.parametrize(
    "items",
    [
        [eur("0.10"), eur("0.20")],
        [eur("1"), Tagged(Decimal("2.5"), "EUR")],  # a subclass: the careful path sums it
        [Tagged(Decimal("2.5"), "EUR"), eur("1")],
    ],
)
@pytest.mark.parametrize("expected", [None, "EUR"])
def test_a_one_pass_gather_sums_what_the_careful_path_sums(items: list[Any], expected: str | None) -> None:
    assert gathered(items, expected) == in_sequence(items, expected)


def test_with_a_gather_a_wrong_item_is_refused_as_without() -> None:
    with raises_invalid(field="amounts", code=ErrorCode.WRONG_TYPE):
        gathered([eur("1"), None])
    with pytest.raises(CurrencyMismatch):
        gathered([eur("1"), Amount(Decimal(1), "USD")])
    with pytest.raises(CurrencyMismatch):
        gathered([eur("1")], "USD")
