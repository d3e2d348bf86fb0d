"""Laws of Money, rounding and allocation."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import Money, Rounding, allocate, total
from cspcore.money import minor_units
from cspcore.testing.strategies import currencies, money, weights

roundings = st.sampled_from(list(Rounding))


@given(money(), money())
def test_adding_then_subtracting_returns_the_original(a: Money, b: Money) -> None:
    b = Money(b.amount, a.currency)
    assert a == a + b - b


@given(money(at_minor_units=False), roundings)
def test_round_is_idempotent(amount: Money, rounding: Rounding) -> None:
    once = amount.round(rounding)
    assert once == once.round(rounding)
    assert once == once.round(Rounding.HALF_EVEN)


@given(money(at_minor_units=False), roundings)
def test_round_moves_by_less_than_one_minor_unit(amount: Money, rounding: Rounding) -> None:
    unit = Decimal(1).scaleb(-minor_units(amount.currency))
    assert abs(amount.round(rounding).amount - amount.amount) < unit


@given(money(at_minor_units=False))
def test_floor_and_ceiling_bracket_the_amount(amount: Money) -> None:
    assert amount.round(Rounding.FLOOR) <= amount <= amount.round(Rounding.CEILING)


@given(money(currency="CHF", at_minor_units=False), roundings)
def test_cash_rounding_lands_on_the_cash_increment(amount: Money, rounding: Rounding) -> None:
    rounded = amount.round(rounding, cash=True)
    assert rounded.amount % Decimal("0.05") == 0
    assert abs(rounded.amount - amount.amount) < Decimal("0.05")


@given(money())
def test_minor_units_round_trip(amount: Money) -> None:
    assert amount == Money.from_minor_units(amount.to_minor_units(), amount.currency)


@given(st.integers(-(10**12), 10**12), currencies())
def test_from_minor_units_round_trips(units: int, currency: str) -> None:
    assert units == Money.from_minor_units(units, currency).to_minor_units()


@given(money(), weights())
@example(Money("0.05", "EUR"), [1, 1, 1])
@example(Money("-100", "JPY"), [1, 1, 1])
@example(Money("0.00", "EUR"), [0, 1])
def test_allocation_conserves_the_total(amount: Money, parts: list[int]) -> None:
    result = allocate(amount, parts)
    assert len(result) == len(parts)
    assert total(result) == amount
    assert all(part.is_rounded() for part in result)


@given(money(), st.integers(1, 12))
def test_equal_weights_differ_by_at_most_one_minor_unit(amount: Money, count: int) -> None:
    units = [part.to_minor_units() for part in allocate(amount, [1] * count)]
    assert max(units) - min(units) <= 1


@given(money(), weights())
def test_allocation_is_deterministic_and_sign_symmetric(amount: Money, parts: list[int]) -> None:
    assert allocate(amount, parts) == allocate(amount, parts)
    assert allocate(-amount, parts) == tuple(-part for part in allocate(amount, parts))


@given(money(), weights())
def test_each_part_is_within_one_unit_of_its_exact_share(amount: Money, parts: list[int]) -> None:
    unit = Decimal(1).scaleb(-minor_units(amount.currency))
    weight_sum = sum(parts)
    for part, weight in zip(allocate(amount, parts), parts, strict=True):
        assert abs(part.amount - amount.amount * weight / weight_sum) < unit


@given(money(currency="CHF", max_value=100_000).map(lambda m: m.round(cash=True)), weights(max_size=6))
def test_cash_allocation_conserves_and_lands_on_nickels(amount: Money, parts: list[int]) -> None:
    result = allocate(amount, parts, cash=True)
    assert total(result) == amount
    assert all(part.amount % Decimal("0.05") == 0 for part in result)


@given(st.lists(money(currency="EUR"), max_size=30))
def test_total_equals_repeated_addition(amounts: list[Money]) -> None:
    expected = Money.zero("EUR")
    for amount in amounts:
        expected += amount
    assert expected == total(amounts, currency="EUR")


@given(money(), st.integers(-1000, 1000))
def test_multiplication_distributes_over_addition(amount: Money, factor: int) -> None:
    assert amount * factor + amount * 2 == amount * (factor + 2)
