"""One rule for fractions: a tax rate and a markup are written 0.21 for 21 %, never 21."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import ChargeLine, InvoiceLine, Pricing, TaxRule, apply_tax, customer_price, tax_for
from cspcore.errors import ErrorCode


def line(subtotal: str = "100.00", *, unit: str | None = None, quantity: int = 1) -> ChargeLine:
    """A line of ``quantity`` seats charging ``subtotal`` per seat of a ``unit`` (default: the same) price."""
    return ChargeLine(
        order_date=dt.date(2024, 1, 16),
        charge_type="new",
        product="E3",
        subscription_id="s",
        unit_price=Money(unit or subtotal, "EUR"),
        effective_unit_price=Money(subtotal, "EUR"),
        quantity=Decimal(quantity),
        subtotal=Money(subtotal, "EUR") * quantity,
        charge_start=dt.date(2024, 1, 16),
        charge_end=dt.date(2024, 1, 31),
    )


@pytest.mark.parametrize("markup", [15, Decimal("1.01"), "2", Decimal("1e30")])
def test_a_markup_over_100_percent_is_refused_as_a_percentage_written_as_a_number(markup: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        Pricing(markup=markup)
    assert (caught.value.field, caught.value.code) == ("markup", ErrorCode.OUT_OF_RANGE)


def test_a_deliberately_large_markup_is_stated_with_its_ceiling() -> None:
    pricing = Pricing(markup=Decimal(15), max_markup=Decimal(20))
    assert customer_price(line(), pricing) == Money("1600.00", "EUR")


@pytest.mark.parametrize("markup", [Decimal(1), Decimal("0.15"), Decimal("-0.99")])
def test_a_markup_up_to_100_percent_and_above_minus_100_percent_is_accepted(markup: Decimal) -> None:
    assert Pricing(markup=markup).markup == markup


@pytest.mark.parametrize("ceiling", [Decimal(-1), Decimal("1e7"), 1.5, "x"])
def test_a_ceiling_that_is_not_a_fraction_of_at_most_a_million_is_refused(ceiling: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        Pricing(markup=Decimal(0), max_markup=ceiling)
    assert caught.value.field == "max_markup"


@pytest.mark.parametrize("ceiling", [Decimal(20), Decimal("0.2")])
def test_a_markup_ceiling_beside_a_price_list_is_refused(ceiling: Decimal) -> None:
    prices = {"E3": Money("40.00", "EUR")}
    with pytest.raises(InvalidInput) as caught:
        Pricing(price_list=prices, max_markup=ceiling)
    assert (caught.value.field, caught.value.code) == ("max_markup", ErrorCode.NOT_ALLOWED)
    default = Pricing(price_list=prices, max_markup=Decimal("1.00"))  # the default, however written
    assert default.max_markup == 1


def test_a_markup_over_a_lowered_ceiling_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        Pricing(markup=Decimal("0.5"), max_markup=Decimal("0.2"))
    assert caught.value.field == "markup"


@pytest.mark.parametrize("rate", [21, Decimal("1.01"), Decimal("-0.01"), "21"])
def test_a_tax_rate_outside_0_to_1_is_refused_wherever_it_is_given(rate: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        TaxRule(rate=rate)
    assert caught.value.field == "rate"
    with pytest.raises(InvalidInput) as caught:
        tax_for(Money("1", "EUR"), TaxRule(rate=Decimal("0.2")), rate=rate)
    assert caught.value.field == "rate"
    lines = [
        InvoiceLine(description="A", amount=Money("1", "EUR")),
        InvoiceLine(description="B", amount=Money("1", "EUR")),
    ]
    with pytest.raises(InvalidInput) as caught:
        apply_tax(lines, TaxRule(rate=Decimal("0.2")), rates=[None, rate])
    assert caught.value.field == "rates[1]"


def test_a_price_list_line_is_rounded_from_the_exact_quotient() -> None:
    # 40 x 16/31 x 3 = 61.935483...: rounds half up to 61.94
    prorated = line("16.00", unit="31.00", quantity=3)
    forty = Pricing(price_list={"E3": Money("40.00", "EUR")})
    assert customer_price(prorated, forty) == Money("61.94", "EUR")
    third = line("1", unit="3")
    # 0.045 x 1/3 is 0.015 exactly, half up to 0.02 (a 34-digit third made it 0.01499... and 0.01)
    assert customer_price(third, Pricing(price_list={"E3": Money("0.045", "EUR")})) == Money("0.02", "EUR")
