"""Tax rules: refusals by field and message, the rate's bounds, and how per-invoice tax is spread."""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from cspcore import CurrencyMismatch, InvalidInput, Money, Rounding
from cspcore.billing import InvoiceLine, TaxBasis, TaxRule, apply_tax, microsoft_tax_total, tax_for
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable

RULE = TaxRule(rate=Decimal("0.21"))
PER_INVOICE = TaxRule(rate=Decimal("0.1"), rounding=Rounding.HALF_UP, basis=TaxBasis.PER_INVOICE)
FRACTION = "a tax rate is a fraction, 0.21 for 21 %; at most 1"
ROUNDINGS = (
    "ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_DOWN, ROUND_UP, ROUND_FLOOR, ROUND_CEILING"
)
ITERABLE = "expected an iterable (a list, tuple or generator, say)"


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def line(amount: str, name: str = "A") -> InvoiceLine:
    return InvoiceLine(description=name, amount=eur(amount))


def lines(*amounts: str) -> list[InvoiceLine]:
    return [line(amount, f"L{i}") for i, amount in enumerate(amounts)]


def taxes(taxed: tuple[InvoiceLine, ...]) -> list[Money]:
    return [item.tax for item in taxed]


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (
            lambda: TaxRule(rate=Decimal("-0.01")),
            "rate",
            ErrorCode.OUT_OF_RANGE,
        ),
        (lambda: TaxRule(rate=Decimal("1.01")), "rate", ErrorCode.OUT_OF_RANGE),
        (lambda: TaxRule(rate="21 %"), "rate", ErrorCode.NOT_A_NUMBER),
        (
            lambda: TaxRule(rate=Decimal("0.2"), rounding="sideways"),  # type: ignore[arg-type]
            "rounding",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: TaxRule(rate=Decimal("0.2"), basis="per_month"),  # type: ignore[arg-type]
            "basis",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (lambda: tax_for("9.99", RULE), "amount", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
        (lambda: tax_for(eur("9.99"), "0.21"), "rule", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
        (
            lambda: tax_for(eur("9.99"), RULE, rate=Decimal(2)),
            "rate",
            ErrorCode.OUT_OF_RANGE,
        ),
        (lambda: microsoft_tax_total("1.00"), "taxes", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
        (
            lambda: microsoft_tax_total([eur("1.00"), "1.00"]),  # type: ignore[list-item]
            "taxes[1]",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: apply_tax("AB", RULE), "lines", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
        (
            lambda: apply_tax([line("1.00"), "B"], RULE),  # type: ignore[list-item]
            "lines[1]",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: apply_tax([line("1.00")], "0.21"), "rule", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
        (
            lambda: apply_tax(lines("1.00", "2.00"), RULE, rates=[Decimal("0.1")]),
            "rates",
            ErrorCode.INCONSISTENT,
        ),
        (
            lambda: apply_tax([line("1.00")], RULE, rates=[Decimal("1.5")]),
            "rates[0]",
            ErrorCode.OUT_OF_RANGE,
        ),
        (
            lambda: apply_tax(
                [line("1.00"), InvoiceLine(description="B", amount=Money("1.00", "USD"))], RULE
            ),
            "lines[1]",
            ErrorCode.CURRENCY_MISMATCH,
        ),
    ],
)
def test_tax_functions_refuse_bad_values_by_name(
    call: Callable[[], object], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert (field, code) == (caught.value.field, caught.value.code)


@pytest.mark.parametrize("rates", ["0", {Decimal("0.1")}], ids=["a string", "a set"])
def test_per_line_rates_must_be_a_sequence_even_when_its_length_fits(rates: object) -> None:
    # A one-character string and a one-element set have the length of a one-line invoice, yet
    # neither says which rate belongs to which line.
    with pytest.raises(InvalidInput) as caught:
        apply_tax([line("1.00")], RULE, rates=rates)  # type: ignore[arg-type]
    assert ("rates", rates, ErrorCode.INCONSISTENT) == (
        caught.value.field,
        caught.value.value,
        caught.value.code,
    )


def test_a_rate_of_exactly_one_taxes_the_whole_amount_and_zero_taxes_nothing() -> None:
    whole = TaxRule(rate=Decimal(1))
    assert Decimal(1) == whole.rate
    assert eur("9.99") == tax_for(eur("9.99"), whole)
    assert [eur("9.99"), eur("0.00")] == taxes(apply_tax([line("9.99")] * 2, whole, rates=[None, Decimal(0)]))


def test_microsoft_tax_total_of_no_taxes_is_zero_in_the_named_currency() -> None:
    nothing = microsoft_tax_total([], currency="EUR")
    assert (Decimal(0), "EUR") == (nothing.amount, nothing.currency)
    assert eur("3.23") == microsoft_tax_total((eur("1.239"), eur("2.005")), currency="EUR")


def test_microsoft_tax_total_refuses_taxes_in_another_currency_than_the_named_one() -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        microsoft_tax_total([eur("1.239")], currency="USD")
    assert (caught.value.left, caught.value.right) == ("USD", "EUR")


def test_per_invoice_leftover_cents_go_to_the_lines_with_the_largest_remainders() -> None:
    # Exact taxes at 10 %: 1.001, 0.008, 0.007, 0.004 -> 1.020, rounded once to 1.02. The floors add
    # to 1.00, so two cents are left: they go to the 0.008 and 0.007 lines, not to the first lines.
    taxed = apply_tax(lines("10.01", "0.08", "0.07", "0.04"), PER_INVOICE)
    assert [eur("1.00"), eur("0.01"), eur("0.01"), eur("0.00")] == taxes(taxed)


def test_per_invoice_credit_lines_give_back_the_mirror_image_of_the_same_charges_tax() -> None:
    # Exact taxes -1.001, -0.008, -0.007, -0.004 add to -1.02; the floors (toward zero) add to
    # -1.00, so two cents are taken from the lines with the most negative remainders.
    charges = taxes(apply_tax(lines("10.01", "0.08", "0.07", "0.04"), PER_INVOICE))
    refunds = taxes(apply_tax(lines("-10.01", "-0.08", "-0.07", "-0.04"), PER_INVOICE))
    assert [eur("-1.00"), eur("-0.01"), eur("-0.01"), eur("0.00")] == refunds
    assert [-tax for tax in charges] == refunds


def test_per_invoice_spreading_ignores_the_size_of_each_lines_whole_cents() -> None:
    # Only the fraction below the cent decides: 0.009 outranks 5.001 although 5.001 is larger.
    taxed = apply_tax(lines("50.01", "0.09", "0.00"), PER_INVOICE)
    assert [eur("5.00"), eur("0.01"), eur("0.00")] == taxes(taxed)


def test_tax_ignores_a_hostile_ambient_decimal_context() -> None:
    big = lines("12345.67", "0.33", "0.33")
    per_line = TaxRule(rate=Decimal("0.21"))
    per_invoice = TaxRule(rate=Decimal("0.21"), rounding=Rounding.HALF_UP, basis=TaxBasis.PER_INVOICE)
    with decimal.localcontext() as hostile:
        hostile.prec = 3
        hostile.rounding = decimal.ROUND_FLOOR
        by_line = taxes(apply_tax(big, per_line))
        by_invoice = taxes(apply_tax(big, per_invoice))
        single = tax_for(eur("12345.67"), per_line)
        summed = microsoft_tax_total([eur("2592.5907"), eur("0.0693")], currency="EUR")
    # 12345.67 x 0.21 = 2592.5907; 0.33 x 0.21 = 0.0693 (down: 0.06; the invoice's 2592.7293 -> 2592.73).
    assert [eur("2592.59"), eur("0.06"), eur("0.06")] == by_line
    assert [eur("2592.59"), eur("0.07"), eur("0.07")] == by_invoice
    assert eur("2592.59") == single
    assert eur("2592.65") == summed
