"""Bad input and edge cases for cspcore.money: every refusal names its field, problem and value."""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest

import cspcore.money
from cspcore import CurrencyMismatch, InvalidInput, Money, allocate, total
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable

#: How _validate.flag words its refusal (one place to change if the wording changes).
FLAG_PROBLEM = "expected a bool (True or False)"
EUR = Money("10.00", "EUR")
#: Untyped handles, so that the table below can pass ill-typed arguments.
loose: Any = cspcore.money
LooseMoney: Any = Money
LOOSE_EUR: Any = EUR
ZERO_EUR = Money("0", "EUR")
LONG = "0." + "1" * 50  # 50 significant digits: the most an amount may have


class LabelledMoney(Money):
    """A subclass, as a caller might define one; cspcore treats it as Money."""

    __slots__ = ()


def _operate(operation: str, right: object) -> Callable[[], Any]:
    def run() -> Any:
        left: Any = EUR
        return {
            "add": lambda: left + right,
            "radd": lambda: right + left,
            "subtract": lambda: left - right,
            "multiply": lambda: left * right,
            "rmultiply": lambda: right * left,
            "divide": lambda: left / right,
            "lt": lambda: left < right,
            "le": lambda: left <= right,
            "gt": lambda: left > right,
            "ge": lambda: left >= right,
            "ratio": lambda: left.ratio(right),
        }[operation]()

    return run


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (lambda: loose.minor_units(978), "currency", ErrorCode.WRONG_TYPE),
        (
            lambda: loose.minor_units("XYZ"),
            "currency",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (lambda: loose.cash_increment(None), "currency", ErrorCode.WRONG_TYPE),
        (
            lambda: loose.cash_increment("eur"),
            "currency",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (lambda: LooseMoney.from_minor_units("100", "EUR"), "units", ErrorCode.WRONG_TYPE),
        (
            lambda: LooseMoney.from_minor_units(100, b"EUR"),
            "currency",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: LooseMoney.zero(""), "currency", ErrorCode.EMPTY),
        (_operate("add", 1), "operand", ErrorCode.WRONG_TYPE),
        (_operate("radd", 1), "operand", ErrorCode.WRONG_TYPE),
        (_operate("radd", 0.0), "operand", ErrorCode.WRONG_TYPE),
        (_operate("subtract", "1"), "operand", ErrorCode.WRONG_TYPE),
        (_operate("multiply", "2"), "operand", ErrorCode.WRONG_TYPE),
        (_operate("rmultiply", 1.5), "operand", ErrorCode.WRONG_TYPE),
        (_operate("multiply", True), "operand", ErrorCode.WRONG_TYPE),
        (
            _operate("multiply", Decimal("NaN")),
            "operand",
            ErrorCode.NOT_FINITE,
        ),
        (
            _operate("divide", Decimal("Infinity")),
            "operand",
            ErrorCode.NOT_FINITE,
        ),
        (
            _operate("divide", EUR),
            "operand",
            ErrorCode.WRONG_TYPE,
        ),
        (_operate("divide", 0), "divisor", ErrorCode.OUT_OF_RANGE),
        (_operate("divide", Decimal("0.00")), "divisor", ErrorCode.OUT_OF_RANGE),
        (_operate("ratio", 2), "operand", ErrorCode.WRONG_TYPE),
        (_operate("ratio", ZERO_EUR), "other", ErrorCode.OUT_OF_RANGE),
        (_operate("lt", 1), "operand", ErrorCode.WRONG_TYPE),
        (_operate("le", None), "operand", ErrorCode.WRONG_TYPE),
        (
            _operate("gt", Decimal(1)),
            "operand",
            ErrorCode.WRONG_TYPE,
        ),
        (_operate("ge", "1"), "operand", ErrorCode.WRONG_TYPE),
        (
            lambda: LOOSE_EUR.round("sideways"),
            "rounding",
            (ErrorCode.UNKNOWN_VALUE),
        ),
        (lambda: LOOSE_EUR.round(cash="yes"), "cash", ErrorCode.WRONG_TYPE),
        (lambda: LOOSE_EUR.round(cash=0), "cash", ErrorCode.WRONG_TYPE),
        (
            lambda: LOOSE_EUR.with_amount("0.125").to_minor_units(),
            "amount",
            ErrorCode.TOO_PRECISE,
        ),
        (lambda: loose.total("EUR"), "amounts", ErrorCode.WRONG_TYPE),
        (
            lambda: loose.total(EUR),
            "amounts",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: loose.total(5), "amounts", ErrorCode.WRONG_TYPE),
        (lambda: loose.total([]), "currency", ErrorCode.MISSING),
        (lambda: loose.total((), currency=978), "currency", ErrorCode.WRONG_TYPE),
        (lambda: loose.total([EUR, 3, "x"]), "amounts", ErrorCode.WRONG_TYPE),
        (
            lambda: loose.total([EUR], currency="XYZ"),
            "currency",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (lambda: loose.allocate(10, [1]), "amount", ErrorCode.WRONG_TYPE),
        (lambda: loose.allocate(EUR, "11"), "weights", ErrorCode.WRONG_TYPE),
        (
            lambda: loose.allocate(EUR, {1: 1}),
            "weights",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: loose.allocate(EUR, []), "weights", ErrorCode.EMPTY),
        (lambda: loose.allocate(EUR, [1, -1]), "weights[1]", ErrorCode.OUT_OF_RANGE),
        (
            lambda: loose.allocate(EUR, [1, 0.5]),
            "weights[1]",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.allocate(EUR, (0, Decimal("0.0"))),
            "weights",
            ErrorCode.OUT_OF_RANGE,
        ),
        (lambda: loose.allocate(EUR, [1], cash=1), "cash", ErrorCode.WRONG_TYPE),
        (
            lambda: loose.allocate(Money("0.005", "EUR"), [1, 1]),
            "amount",
            ErrorCode.TOO_PRECISE,
        ),
        (
            lambda: loose.allocate(Money("0.02", "CHF"), [1], cash=True),
            "amount",
            ErrorCode.TOO_PRECISE,
        ),
    ],
)
def test_bad_input_names_the_field_the_problem_and_the_value(
    call: Callable[[], Any], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert field == caught.value.field
    assert code == caught.value.code


class TestCurrencyMismatch:
    @pytest.mark.parametrize("operation", ["add", "subtract", "lt", "le", "gt", "ge", "ratio"])
    def test_every_binary_operation_names_both_currencies(self, operation: str) -> None:
        with pytest.raises(CurrencyMismatch) as caught:
            _operate(operation, Money("1", "USD"))()
        assert caught.value.field == "operand"
        assert (caught.value.left, caught.value.right) == ("EUR", "USD")
        assert (caught.value.field, caught.value.code) == ("operand", ErrorCode.CURRENCY_MISMATCH)

    def test_total_names_the_first_currency_and_the_odd_one(self) -> None:
        with pytest.raises(CurrencyMismatch) as caught:
            total([Money("1", "EUR"), Money("1", "EUR"), Money("1", "CZK")])
        assert caught.value.field == "amounts"
        assert (caught.value.field, caught.value.code) == ("amounts", ErrorCode.CURRENCY_MISMATCH)

    def test_total_checks_items_against_the_currency_it_was_given(self) -> None:
        with pytest.raises(CurrencyMismatch) as caught:
            total([Money("1", "EUR")], currency="USD")
        assert (caught.value.left, caught.value.right) == ("USD", "EUR")


class TestExactness:
    def test_an_amount_with_more_than_50_significant_digits_is_refused(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            Money(LONG + "1", "EUR")
        assert caught.value.field == "amount"

    def test_a_product_that_needs_more_than_200_digits_is_refused(self) -> None:
        factor = Decimal(LONG)
        product = Money(LONG, "EUR") * factor * factor * factor  # 200 digits: still exact
        with pytest.raises(InvalidInput) as caught:
            _ = product * factor
        assert (caught.value.field, caught.value.code) == ("amount", ErrorCode.TOO_MANY_DIGITS)

    def test_a_factor_beyond_the_shared_bound_is_refused_as_the_operand(self) -> None:
        huge = Decimal("1e999999999999999990")
        with pytest.raises(InvalidInput) as caught:
            _ = Money("1e30", "EUR") * huge
        assert caught.value.field == "operand"
        assert caught.value.value == huge

    def test_a_product_of_10_to_the_61_or_more_is_refused_naming_its_magnitude(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            _ = Money("1e30", "EUR") * Decimal("1e30") * 10
        assert (caught.value.field, caught.value.code) == ("amount", ErrorCode.OUT_OF_RANGE)
        assert (Decimal("1e60"), Decimal(10)) == caught.value.value

    def test_a_total_that_needs_more_than_200_digits_is_refused_naming_the_count(self) -> None:
        long = Decimal(LONG)
        amounts = [Money(LONG, "EUR") * long * long * long, Money("1e30", "EUR")]
        with pytest.raises(InvalidInput) as caught:
            total(amounts)
        assert (caught.value.field, caught.value.code) == ("amounts", ErrorCode.TOO_MANY_DIGITS)

    def test_the_ambient_decimal_context_changes_nothing(self) -> None:
        hostile = decimal.Context(
            prec=3, rounding=decimal.ROUND_FLOOR, traps=[decimal.Inexact, decimal.Rounded]
        )
        with decimal.localcontext(hostile):
            assert Money("10.05", "CHF") == Money("10.07", "CHF").round(cash=True)
            assert Money("123456.79", "EUR") == Money("123456.785", "EUR").round()
            assert Money("123456.78", "EUR").to_minor_units() == 12345678
            parts = allocate(Money("1.00", "EUR"), [Decimal(123456789), Decimal(1)])
            assert (Money("1.00", "EUR"), Money("0.00", "EUR")) == parts
            assert (Money("0.02", "EUR"), Money("0.01", "EUR")) == allocate(
                Money("0.03", "EUR"), [Decimal(100001), Decimal(99999)]
            )


class TestOrdering:
    def test_equal_amounts_are_neither_less_nor_greater(self) -> None:
        ten, same = Money("10.00", "EUR"), Money("10", "EUR")
        assert not ten < same
        assert ten <= same
        assert not ten > same
        assert ten >= same

    def test_a_cent_apart_orders_both_ways(self) -> None:
        ten, more = Money("10.00", "EUR"), Money("10.01", "EUR")
        assert (ten < more, ten <= more, ten > more, ten >= more) == (True, True, False, False)
        assert (more < ten, more <= ten, more > ten, more >= ten) == (False, False, True, True)


class TestSmallBehaviours:
    def test_money_cannot_be_changed_or_deleted_from(self) -> None:
        money = Money("10.00", "EUR")
        with pytest.raises(AttributeError):
            del money.amount
        with pytest.raises(AttributeError):
            money.currency = "USD"  # type: ignore[misc]
        with pytest.raises(AttributeError):
            money.note = "x"  # type: ignore[attr-defined]  # slots: no new attributes either

    def test_hashes_spread_over_amounts_and_currencies(self) -> None:
        assert len({hash(Money(i, "EUR")) for i in range(100)}) == 100
        assert hash(Money(1, "EUR")) != hash(Money(1, "USD"))

    def test_zero_is_neither_negative_nor_positive_and_a_fraction_is_positive(self) -> None:
        assert not ZERO_EUR.is_negative()
        assert not Money("0.5", "EUR").is_negative()
        assert Money("-0.5", "EUR").is_negative()
        assert Money("0.5", "EUR").is_positive()

    def test_cash_false_rounds_to_the_minor_unit(self) -> None:
        assert Money("10.07", "CHF") == Money("10.07", "CHF").round(cash=False)

    def test_the_sum_of_zero_and_money_is_the_money(self) -> None:
        assert EUR == 0 + EUR
        assert sum([EUR]) == EUR


class TestSubclasses:
    def test_subclass_values_compare_add_and_total_like_money(self) -> None:
        one = LabelledMoney("1.50", "EUR")
        assert LabelledMoney("1.5", "EUR") == one
        assert Money("3.00", "EUR") == one + LabelledMoney("1.50", "EUR")
        assert (one + one).currency == "EUR"
        assert Money("11.50", "EUR") == EUR + one
        assert Money("3.00", "EUR") == total([one, one])
        assert Money("11.50", "EUR") == total([EUR, one])
