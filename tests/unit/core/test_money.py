"""Examples for cspcore.money."""

from __future__ import annotations

import copy
import pickle
from decimal import Decimal, localcontext

import pytest
from tests.refusals import raises_invalid

from cspcore import CurrencyMismatch, InvalidInput, Money, Rounding, allocate, total
from cspcore.errors import ErrorCode
from cspcore.money import cash_increment, is_currency, minor_units


class TestConstruction:
    def test_accepts_decimal_int_and_str(self) -> None:
        assert Money(Decimal("1.50"), "EUR") == Money("1.50", "EUR") == Money("1.5", "EUR")
        assert Money(3, "JPY").amount == Decimal(3)

    def test_equal_values_are_equal_and_hash_alike(self) -> None:
        assert Money("1.0", "EUR") == Money("1.00", "EUR")
        assert hash(Money("1.0", "EUR")) == hash(Money("1.00", "EUR"))
        assert len({Money("1.0", "EUR"), Money("1.00", "EUR"), Money("1", "USD")}) == 2

    def test_amounts_in_different_currencies_are_not_equal(self) -> None:
        assert Money("1", "EUR") != Money("1", "USD")

    def test_money_is_not_equal_to_a_bare_number(self) -> None:
        assert Money("1", "EUR") != Decimal(1)

    @pytest.mark.parametrize(
        ("amount", "code"),
        [
            (1.5, ErrorCode.WRONG_TYPE),
            (True, ErrorCode.WRONG_TYPE),
            ("NaN", ErrorCode.NOT_FINITE),
            ("Infinity", ErrorCode.NOT_FINITE),
            (Decimal("-Infinity"), ErrorCode.NOT_FINITE),
            ("12,50", ErrorCode.NOT_A_NUMBER),
            ("", ErrorCode.NOT_A_NUMBER),
            (None, ErrorCode.WRONG_TYPE),
            ([1], ErrorCode.WRONG_TYPE),
            ("1e999", ErrorCode.OUT_OF_RANGE),
        ],
    )
    def test_refuses_bad_amounts(self, amount: object, code: ErrorCode) -> None:
        with raises_invalid(field="amount", code=code):
            Money(amount, "EUR")  # type: ignore[arg-type]

    @pytest.mark.parametrize("currency", ["XYZ", "eur", "", "EURO", 978, None])
    def test_refuses_unknown_currencies(self, currency: object) -> None:
        with pytest.raises(InvalidInput) as caught:
            Money("1", currency)  # type: ignore[arg-type]
        assert caught.value.field == "currency"

    def test_is_immutable(self) -> None:
        money = Money("1", "EUR")
        with pytest.raises(AttributeError):
            money.amount = Decimal(2)  # type: ignore[misc]
        with pytest.raises(AttributeError):
            del money.currency

    def test_copies_and_pickles_to_an_equal_value(self) -> None:
        money = Money("12.345", "KWD")
        assert copy.copy(money) is money
        assert copy.deepcopy(money) is money
        assert pickle.loads(pickle.dumps(money)) == money  # noqa: S301 - our own data

    def test_an_amount_of_a_decimal_subclass_is_kept_as_a_plain_decimal(self) -> None:
        class Loud(Decimal):
            def __str__(self) -> str:
                return "not a number"

        money = Money(Loud("1.50"), "EUR")
        assert type(money.amount) is Decimal
        assert money.amount == Decimal("1.50")
        assert pickle.loads(pickle.dumps(money)) == money  # noqa: S301 - our own data

    def test_a_computed_amount_more_precise_than_an_input_pickles_too(self) -> None:
        # Money() takes at most 50 significant digits from a caller; exact arithmetic may make more
        # (a precise price times a precise factor), and a Dask worker sends amounts back by pickle.
        money = Money("1." + "3" * 30, "EUR") * Decimal("1." + "7" * 30)
        assert len(money.amount.as_tuple().digits) > 50
        assert pickle.loads(pickle.dumps(money)) == money  # noqa: S301 - our own data
        assert pickle.loads(pickle.dumps(money)).amount.as_tuple() == money.amount.as_tuple()  # noqa: S301

    def test_repr_and_str(self) -> None:
        assert repr(Money("1.50", "EUR")) == "Money('1.50', 'EUR')"
        assert str(Money("1.50", "EUR")) == "1.50 EUR"

    def test_tiny_zero_is_normalised(self) -> None:
        assert Money("0E-50", "EUR").amount == 0


class TestArithmetic:
    def test_adds_and_subtracts_within_a_currency(self) -> None:
        assert Money("0.10", "EUR") + Money("0.20", "EUR") == Money("0.30", "EUR")
        assert Money("1", "EUR") - Money("2.50", "EUR") == Money("-1.50", "EUR")

    def test_refuses_to_mix_currencies(self) -> None:
        with raises_invalid(field="operand", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
            Money("1", "EUR") + Money("1", "USD")
        with pytest.raises(CurrencyMismatch):
            Money("1", "EUR") - Money("1", "USD")
        with pytest.raises(CurrencyMismatch):
            _ = Money("1", "EUR") < Money("1", "USD")

    def test_currency_mismatch_is_invalid_input_and_value_error(self) -> None:
        assert issubclass(CurrencyMismatch, InvalidInput)
        assert issubclass(CurrencyMismatch, ValueError)

    @pytest.mark.parametrize("other", [1, Decimal(1), "1", 1.0, None])
    def test_refuses_to_add_non_money(self, other: object) -> None:
        with raises_invalid(field="operand", code=ErrorCode.WRONG_TYPE):
            Money("1", "EUR") + other  # type: ignore[operator]

    def test_builtin_sum_works_from_zero(self) -> None:
        assert sum([Money("1", "EUR"), Money("2", "EUR")]) == Money("3", "EUR")

    def test_only_int_zero_may_be_added_from_the_left(self) -> None:
        with pytest.raises(InvalidInput):
            1 + Money("1", "EUR")

    def test_multiplies_exactly_by_int_and_decimal(self) -> None:
        assert Money("9.408", "EUR") * 3 == Money("28.224", "EUR")
        assert Decimal("0.5") * Money("3", "EUR") == Money("1.5", "EUR")

    @pytest.mark.parametrize("factor", [1.5, True, "2", Money("1", "EUR"), Decimal("NaN")])
    def test_refuses_other_factors(self, factor: object) -> None:
        with pytest.raises(InvalidInput):
            Money("1", "EUR") * factor  # type: ignore[operator]

    def test_divides_keeping_34_significant_digits(self) -> None:
        assert (Money("100", "EUR") / 3).amount == Decimal("33.33333333333333333333333333333333")
        assert Money("10", "EUR") / Decimal("2.5") == Money("4", "EUR")

    def test_division_by_zero_is_invalid_input(self) -> None:
        with raises_invalid(field="divisor", code=ErrorCode.OUT_OF_RANGE):
            Money("1", "EUR") / 0
        with raises_invalid(field="other", code=ErrorCode.OUT_OF_RANGE):
            Money("1", "EUR").ratio(Money("0", "EUR"))

    def test_ratio_of_two_amounts(self) -> None:
        assert Money("31", "USD").ratio(Money("62", "USD")) == Decimal("0.5")

    def test_unary_operators(self) -> None:
        assert -Money("1.5", "EUR") == Money("-1.5", "EUR")
        assert +Money("1.5", "EUR") == Money("1.5", "EUR")
        assert abs(Money("-1.5", "EUR")) == Money("1.5", "EUR")

    def test_ordering_within_a_currency(self) -> None:
        a, b = Money("1", "EUR"), Money("2", "EUR")
        assert a < b
        assert a <= b
        assert b > a
        assert b >= a
        assert max(a, b) == b

    def test_ordering_against_other_types_is_refused(self) -> None:
        with pytest.raises(InvalidInput):
            _ = Money("1", "EUR") < 2  # type: ignore[operator]

    def test_truthiness_and_sign_helpers(self) -> None:
        assert not Money("0.00", "EUR")
        assert Money("0.01", "EUR")
        assert Money("0", "EUR").is_zero()
        assert Money("-1", "EUR").is_negative()
        assert Money("1", "EUR").is_positive()

    def test_ambient_context_does_not_round_arithmetic(self) -> None:
        with localcontext() as ctx:
            ctx.prec = 3
            assert Money("1234.5678", "EUR") + Money("0.0001", "EUR") == Money("1234.5679", "EUR")
            assert Money("1234.5678", "EUR") * 3 == Money("3703.7034", "EUR")
            assert Money("2.345", "EUR").round() == Money("2.35", "EUR")

    def test_ambient_context_does_not_round_negation_or_absolute_value(self) -> None:
        with localcontext() as ctx:
            ctx.prec = 3
            assert -Money("-112.25", "EUR") == Money("112.25", "EUR")
            assert abs(Money("-112.25", "EUR")) == Money("112.25", "EUR")

    @pytest.mark.parametrize("zero", ["0.00", "-0.00", "0"])
    def test_negating_zero_gives_an_unsigned_zero_so_no_minus_sign_is_shown(self, zero: str) -> None:
        expected = zero.removeprefix("-")
        assert (f"{expected} EUR", f"{expected} EUR") == (
            str(-Money(zero, "EUR")),
            str(abs(Money(zero, "EUR"))),
        )
        assert str(-Money("1.50", "EUR")) == "-1.50 EUR"

    def test_an_exact_result_too_long_to_hold_is_refused(self) -> None:
        huge = Money("1e30", "EUR")
        tiny = Money("1e-30", "EUR")
        long = Decimal("1." + "1" * 49)  # 50 significant digits: the most a factor may have
        with raises_invalid(field="amount", code=ErrorCode.TOO_MANY_DIGITS) as caught:
            Money(long, "EUR") * long * long * long * long
        assert caught.value.field == "amount"
        # plain Decimal addition would round this to 28 digits; Money keeps every digit
        assert (huge + tiny).amount == Decimal("1" + "0" * 30 + "." + "0" * 29 + "1")


class TestRounding:
    @pytest.mark.parametrize(
        ("amount", "rounding", "expected"),
        [
            ("2.345", Rounding.HALF_UP, "2.35"),
            ("-2.345", Rounding.HALF_UP, "-2.35"),
            ("2.345", Rounding.HALF_EVEN, "2.34"),
            ("2.355", Rounding.HALF_EVEN, "2.36"),
            ("2.345", Rounding.HALF_DOWN, "2.34"),
            ("2.349", Rounding.DOWN, "2.34"),
            ("-2.349", Rounding.DOWN, "-2.34"),
            ("2.341", Rounding.UP, "2.35"),
            ("-2.341", Rounding.UP, "-2.35"),
            ("-2.341", Rounding.FLOOR, "-2.35"),
            ("-2.349", Rounding.CEILING, "-2.34"),
        ],
    )
    def test_each_mode_rounds_as_named(self, amount: str, rounding: Rounding, expected: str) -> None:
        assert Money(amount, "EUR").round(rounding).amount == Decimal(expected)

    def test_rounds_to_each_currencys_minor_units(self) -> None:
        assert Money("1234.5", "JPY").round() == Money("1235", "JPY")
        assert Money("1.2345", "KWD").round() == Money("1.235", "KWD")
        assert Money("1.005", "USD").round() == Money("1.01", "USD")

    def test_default_mode_is_half_up(self) -> None:
        assert Money("0.125", "EUR").round() == Money("0.13", "EUR")

    def test_rounding_mode_may_be_named_by_string(self) -> None:
        assert Money("0.125", "EUR").round("half_even") == Money("0.12", "EUR")  # type: ignore[arg-type]

    def test_unknown_rounding_is_refused(self) -> None:
        with raises_invalid(field="rounding", code=ErrorCode.UNKNOWN_VALUE):
            Money("1", "EUR").round("sideways")  # type: ignore[arg-type]

    def test_cash_rounding_uses_cldr_increments(self) -> None:
        assert Money("10.07", "CHF").round(cash=True) == Money("10.05", "CHF")
        assert Money("10.08", "CHF").round(cash=True) == Money("10.10", "CHF")
        assert Money("10.025", "CHF").round(Rounding.HALF_EVEN, cash=True) == Money("10.00", "CHF")
        assert Money("10.24", "DKK").round(cash=True) == Money("10.00", "DKK")
        assert Money("10.25", "DKK").round(cash=True) == Money("10.50", "DKK")

    def test_cash_rounding_is_plain_rounding_for_currencies_without_coins_rule(self) -> None:
        assert Money("10.075", "EUR").round(cash=True) == Money("10.08", "EUR")

    def test_is_rounded(self) -> None:
        assert Money("1.10", "EUR").is_rounded()
        assert not Money("1.105", "EUR").is_rounded()
        assert Money("1.05", "CHF").is_rounded(cash=True)
        assert not Money("1.01", "CHF").is_rounded(cash=True)


class TestMinorUnits:
    def test_converts_both_ways(self) -> None:
        assert Money("12.34", "EUR").to_minor_units() == 1234
        assert Money("-0.05", "EUR").to_minor_units() == -5
        assert Money.from_minor_units(1234, "EUR") == Money("12.34", "EUR")
        assert Money.from_minor_units(1234, "JPY") == Money("1234", "JPY")
        assert Money.from_minor_units(1234, "KWD") == Money("1.234", "KWD")

    def test_refuses_to_lose_value_silently(self) -> None:
        with raises_invalid(field="amount", code=ErrorCode.TOO_PRECISE):
            Money("12.345", "EUR").to_minor_units()
        assert Money("12.345", "EUR").to_minor_units(Rounding.DOWN) == 1234

    def test_from_minor_units_refuses_non_integers(self) -> None:
        with pytest.raises(InvalidInput):
            Money.from_minor_units(1.5, "EUR")  # type: ignore[arg-type]
        with pytest.raises(InvalidInput):
            Money.from_minor_units(True, "EUR")

    def test_currency_facts(self) -> None:
        assert (minor_units("EUR"), minor_units("JPY"), minor_units("KWD"), minor_units("HUF")) == (
            2,
            0,
            3,
            2,
        )
        assert cash_increment("CHF") == Decimal("0.05")
        assert cash_increment("DKK") == Decimal("0.50")
        assert cash_increment("SEK") == Decimal(1)
        assert cash_increment("USD") is None
        assert is_currency("PLN")
        assert not is_currency(None)

    def test_zero_and_with_amount(self) -> None:
        assert Money.zero("HUF") == Money("0", "HUF")
        assert Money("1", "HUF").with_amount(5) == Money("5", "HUF")


class TestTotal:
    def test_totals_exactly(self) -> None:
        assert total([Money("0.10", "EUR")] * 10) == Money("1.00", "EUR")
        assert total(Money("0.01", "EUR") for _ in range(3)) == Money("0.03", "EUR")

    def test_empty_needs_a_currency(self) -> None:
        assert total([], currency="EUR") == Money("0", "EUR")
        with raises_invalid(field="currency", code=ErrorCode.MISSING):
            total([])

    def test_refuses_mixed_currencies_and_non_money(self) -> None:
        with pytest.raises(CurrencyMismatch):
            total([Money("1", "EUR"), Money("1", "USD")])
        with pytest.raises(CurrencyMismatch):
            total([Money("1", "EUR")], currency="USD")
        with raises_invalid(field="amounts", code=ErrorCode.WRONG_TYPE):
            total([Money("1", "EUR"), Decimal(1)])  # type: ignore[list-item]

    def test_ignores_ambient_precision(self) -> None:
        with localcontext() as ctx:
            ctx.prec = 2
            assert total([Money("1234.56", "EUR"), Money("0.01", "EUR")]) == Money("1234.57", "EUR")


class TestAllocate:
    def test_splits_evenly_with_the_remainder_first(self) -> None:
        parts = allocate(Money("100.00", "EUR"), [1, 1, 1])
        assert parts == (Money("33.34", "EUR"), Money("33.33", "EUR"), Money("33.33", "EUR"))

    def test_splits_by_weight(self) -> None:
        parts = allocate(Money("10.00", "EUR"), [Decimal("0.7"), Decimal("0.3")])
        assert parts == (Money("7.00", "EUR"), Money("3.00", "EUR"))

    def test_largest_remainder_wins_the_extra_unit(self) -> None:
        assert allocate(Money("0.05", "EUR"), [1, 3]) == (Money("0.01", "EUR"), Money("0.04", "EUR"))

    def test_negative_totals_split_like_their_absolute_value(self) -> None:
        assert allocate(Money("-100", "JPY"), [1, 1, 1]) == (
            Money("-34", "JPY"),
            Money("-33", "JPY"),
            Money("-33", "JPY"),
        )

    def test_zero_weights_get_nothing(self) -> None:
        assert allocate(Money("1.00", "EUR"), [0, 1, 0]) == (
            Money("0.00", "EUR"),
            Money("1.00", "EUR"),
            Money("0.00", "EUR"),
        )

    def test_kwd_splits_in_fils(self) -> None:
        assert allocate(Money("1.000", "KWD"), [1, 1, 1]) == (
            Money("0.334", "KWD"),
            Money("0.333", "KWD"),
            Money("0.333", "KWD"),
        )

    def test_cash_allocation_in_chf_nickels(self) -> None:
        parts = allocate(Money("10.00", "CHF"), [1, 1, 1], cash=True)
        assert parts == (Money("3.35", "CHF"), Money("3.35", "CHF"), Money("3.30", "CHF"))
        assert sum(parts) == Money("10.00", "CHF")

    @pytest.mark.parametrize(
        ("weights", "field", "code"),
        [([], "weights", ErrorCode.EMPTY), ([0, 0], "weights", ErrorCode.OUT_OF_RANGE),
         ([1, -1], "weights[1]", ErrorCode.OUT_OF_RANGE), ([1.5], "weights[0]", ErrorCode.WRONG_TYPE),
         ("11", "weights", ErrorCode.WRONG_TYPE), (None, "weights", ErrorCode.WRONG_TYPE)],
    )  # fmt: skip
    def test_refuses_bad_weights(self, weights: object, field: str, code: ErrorCode) -> None:
        with raises_invalid(field=field, code=code):
            allocate(Money("1.00", "EUR"), weights)  # type: ignore[arg-type]

    def test_refuses_an_amount_finer_than_the_unit(self) -> None:
        with raises_invalid(field="amount", code=ErrorCode.TOO_PRECISE):
            allocate(Money("1.005", "EUR"), [1, 1])
        with raises_invalid(field="amount", code=ErrorCode.TOO_PRECISE):
            allocate(Money("1.01", "CHF"), [1, 1], cash=True)

    def test_refuses_non_money(self) -> None:
        with pytest.raises(InvalidInput):
            allocate(Decimal(1), [1])  # type: ignore[arg-type]
