"""Every Money that exists can be rounded, split, counted and formatted: inputs and results are bounded."""

from __future__ import annotations

import itertools
from decimal import Decimal, localcontext
from typing import TYPE_CHECKING, Any

import pytest

import cspcore.money
from cspcore import CurrencyMismatch, ErrorCode, InvalidInput, Money, Rounding, allocate, total
from cspcore.i18n import format_money

if TYPE_CHECKING:
    from collections.abc import Iterator

loose: Any = Money("1.00", "EUR")
LARGEST_INPUT = Money("9" * 30, "EUR")  # just under 10**30, the shared bound on inputs


class TestFactorsAndDivisors:
    @pytest.mark.parametrize(
        "factor", [Decimal("1e999999"), Decimal("1e31"), 10**31, Decimal("1." + "1" * 60)]
    )
    def test_a_factor_beyond_the_shared_bound_is_refused(self, factor: Decimal | int) -> None:
        with pytest.raises(InvalidInput) as caught:
            _ = loose * factor
        assert caught.value.field == "operand"
        with pytest.raises(InvalidInput) as caught:
            _ = factor * loose
        assert caught.value.field == "operand"

    @pytest.mark.parametrize("divisor", [Decimal("1e-999999"), Decimal("1e-31"), Decimal("1e999999")])
    def test_a_divisor_beyond_the_shared_bound_is_refused(self, divisor: Decimal) -> None:
        with pytest.raises(InvalidInput) as caught:
            _ = loose / divisor
        assert caught.value.field == "operand"

    def test_factors_at_the_bound_are_accepted(self) -> None:
        assert (Money("2", "EUR") * Decimal("1e30")).amount == Decimal("2e30")
        assert (Money("2", "EUR") / Decimal("1e-30")).amount == Decimal("2e30")

    @pytest.mark.parametrize(
        "make",
        [
            lambda: LARGEST_INPUT * LARGEST_INPUT.amount * 11,
            lambda: LARGEST_INPUT / Decimal("1e-30") / Decimal("0.01"),
            lambda: (LARGEST_INPUT * Decimal("1e30")) * 2 + LARGEST_INPUT * Decimal("1e30") * 9,
            lambda: -(LARGEST_INPUT * Decimal("1e30")) * 20,
        ],
    )
    def test_a_result_of_10_to_the_61_or_more_is_refused_at_the_operation(self, make: Any) -> None:
        with pytest.raises(InvalidInput) as caught:
            make()
        assert caught.value.field == "amount"

    def test_a_ratio_of_10_to_the_61_or_more_is_refused(self) -> None:
        big = LARGEST_INPUT * Decimal("1e30")
        with pytest.raises(InvalidInput) as caught:
            big.ratio(Money("1e-30", "EUR"))
        assert caught.value.field == "amount"


class TestTheLargestAmounts:
    """The largest amounts that can exist still round, split, count and format, quickly."""

    LARGEST = LARGEST_INPUT * LARGEST_INPUT.amount * 10  # just under 10**61

    def test_round_in_every_mode(self) -> None:
        for rounding in Rounding:
            assert self.LARGEST.round(rounding) == self.LARGEST
        assert self.LARGEST.round(cash=True).is_rounded(cash=True)

    def test_minor_units(self) -> None:
        units = self.LARGEST.to_minor_units()
        assert units == int(self.LARGEST.amount) * 100
        assert Money.from_minor_units(units // 10**35, "EUR") == Money(units // 10**35, "EUR") / 100

    def test_allocate_conserves_it(self) -> None:
        amount = self.LARGEST.round() + Money("0.01", "EUR")
        parts = allocate(amount, [1, Decimal("1e-30"), Decimal("1e30"), 7])
        assert total(parts) == amount
        with localcontext() as context:
            context.prec = 200
            weight_sum = Decimal("1e30") + 8 + Decimal("1e-30")
            weights = [Decimal(1), Decimal("1e-30"), Decimal("1e30"), Decimal(7)]
            for part, weight in zip(parts, weights, strict=True):
                assert abs(part.amount - amount.amount * weight / weight_sum) < Decimal("0.01")

    def test_allocate_counts_units_exactly_beyond_34_digits(self) -> None:
        # 42 significant digits: a 34-digit division would have rounded the unit count
        amount = Money("123456789012345678901234567891", "EUR") * Decimal("1000000000.01")
        parts = allocate(amount, [1, 1])
        assert parts[0] + parts[1] == amount
        assert parts[0] - parts[1] == Money("0.01", "EUR")

    def test_cash_rounding_counts_steps_exactly_beyond_34_digits(self) -> None:
        amount = Money("123456789012345678901234567891", "CHF") * Decimal("1000000000.07")
        assert amount.round(cash=True) == amount - Money("0.02", "CHF")

    def test_format(self) -> None:
        text = format_money(self.LARGEST, locale="en_US")
        assert text.startswith("€9,999")
        assert text.endswith(".00")
        assert text.count(",") == 20


class TestTotalReadsAsItGoes:
    def test_an_endless_stream_of_non_money_is_refused_at_its_first_item(self) -> None:
        with pytest.raises(InvalidInput) as caught:
            total(itertools.repeat(3))  # type: ignore[arg-type]
        assert caught.value.field == "amounts"
        assert caught.value.value == 3

    def test_an_endless_stream_in_another_currency_is_refused_at_its_first_odd_item(self) -> None:
        stream = itertools.chain([Money(1, "EUR")], itertools.repeat(Money(1, "USD")))
        with pytest.raises(CurrencyMismatch) as caught:
            total(stream)
        assert (caught.value.left, caught.value.right) == ("EUR", "USD")
        with pytest.raises(CurrencyMismatch):
            total(itertools.repeat(Money(1, "USD")), currency="EUR")

    def test_an_endless_stream_of_money_is_refused_after_max_items(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setattr(cspcore.money, "MAX_ITEMS", 1000)
        with pytest.raises(InvalidInput) as caught:
            total(itertools.repeat(Money(1, "EUR")))
        assert (caught.value.field, caught.value.code) == ("amounts", ErrorCode.TOO_LONG)
        assert caught.value.value == 1001
        assert total(itertools.repeat(Money(1, "EUR"), 1000)) == Money(1000, "EUR")

    def test_a_list_or_tuple_is_not_bounded_by_count(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setattr(cspcore.money, "MAX_ITEMS", 1000)
        assert total([Money(1, "EUR")] * 1001) == Money(1001, "EUR")
        assert total((Money(1, "EUR"),) * 1001) == Money(1001, "EUR")

    def test_a_list_subclass_that_iterates_endlessly_is_read_as_a_stream(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        class Endless(list[Money]):
            def __iter__(self) -> Iterator[Money]:
                return itertools.repeat(Money(1, "EUR"))

        monkeypatch.setattr(cspcore.money, "MAX_ITEMS", 1000)
        with pytest.raises(InvalidInput) as caught:
            total(Endless([Money(1, "EUR")]))
        assert (caught.value.field, caught.value.code) == ("amounts", ErrorCode.TOO_LONG)

    def test_the_bound_for_an_iterator_is_ten_million(self) -> None:
        assert cspcore.money.MAX_ITEMS == 10**7

    def test_a_stream_is_read_only_up_to_its_first_bad_item(self) -> None:
        seen: list[int] = []

        def stream() -> Iterator[object]:
            for index in itertools.count():
                seen.append(index)
                yield Money(1, "EUR") if index < 3 else "oops"

        with pytest.raises(InvalidInput) as caught:
            total(stream())  # type: ignore[arg-type]
        assert caught.value.value == "oops"
        assert seen == [0, 1, 2, 3]

    def test_a_stream_totals_like_a_list(self) -> None:
        amounts = [Money(n, "KWD") / 8 for n in range(50)]
        assert total(iter(amounts)) == total(amounts) == sum(amounts)
        assert total(iter([]), currency="KWD") == Money(0, "KWD")
        with pytest.raises(InvalidInput) as caught:
            total(iter([]))
        assert caught.value.field == "currency"

    def test_a_total_of_10_to_the_61_or_more_is_refused(self) -> None:
        big = LARGEST_INPUT * Decimal("1e30")
        for amounts in ([big] * 11, iter([big] * 11)):
            with pytest.raises(InvalidInput) as caught:
                total(amounts)
            assert caught.value.field == "amounts"

    @pytest.mark.parametrize("currency", [["EUR"], 978, "XAU"])
    def test_an_unusable_currency_is_refused_before_reading(self, currency: object) -> None:
        with pytest.raises(InvalidInput) as caught:
            total(itertools.repeat(Money(1, "EUR")), currency=currency)  # type: ignore[arg-type]
        assert caught.value.field == "currency"


class TestNoNegativeZero:
    @pytest.mark.parametrize("amount", ["-0.001", "-0.004999", "-0.00", "-0", "-0E-30"])
    @pytest.mark.parametrize("rounding", list(Rounding))
    def test_a_tiny_refund_rounds_to_an_unsigned_zero(self, amount: str, rounding: Rounding) -> None:
        rounded = Money(amount, "USD").round(rounding)
        if rounded.is_zero():
            assert not rounded.amount.is_signed()
            assert str(rounded) == "0.00 USD"
            assert repr(rounded) == "Money('0.00', 'USD')"

    @pytest.mark.parametrize("format_type", ["standard", "accounting", "name"])
    def test_a_zero_refund_is_formatted_without_a_minus(self, format_type: Any) -> None:
        for amount in (
            Money("-0.00", "USD"),
            Money("-0.001", "USD"),
            Money(0, "USD") * -1,
            Money(0, "USD") / -3,
        ):
            text = format_money(amount, locale="en_US", format_type=format_type)
            assert "-" not in text
            assert "(" not in text
            assert "0.00" in text

    def test_arithmetic_never_makes_a_signed_zero(self) -> None:
        zero = Money("0.00", "EUR")
        for result in (
            zero * -1,
            zero / -3,
            -zero,
            Money("-0.00", "EUR"),
            Money("-0.05", "CHF").round(cash=True) * 0,
        ):
            assert not result.amount.is_signed()
        assert str(Money("-0.02", "CHF").round(cash=True)) == "0.00 CHF"

    def test_negative_amounts_keep_their_sign(self) -> None:
        assert format_money(Money("-0.005", "USD"), locale="en_US", rounding=Rounding.HALF_UP) == "-$0.01"
        assert str(Money("-0.01", "USD").round()) == "-0.01 USD"


class TestFromMinorUnits:
    def test_keeps_every_digit_whatever_the_ambient_precision(self) -> None:
        units = 15791727523040338050614272112  # 29 digits: the ambient 28-digit context would round it
        assert Money.from_minor_units(units, "AED").amount == Decimal("157917275230403380506142721.12")
        assert Money.from_minor_units(units, "AED").to_minor_units() == units

    @pytest.mark.parametrize("units", [10**40, -(10**40), 10**1000])
    def test_a_count_no_amount_can_have_is_refused(self, units: int) -> None:
        with pytest.raises(InvalidInput) as caught:
            Money.from_minor_units(units, "EUR")
        assert caught.value.field == "units"
