"""customer_invoice names its own tax arguments when it refuses them, and never drops rates silently."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cspcore import ErrorCode, InvalidInput, Money
from cspcore.billing import ChargeLine, ChargeType, Pricing, TaxRule, customer_invoice

ISSUED = dt.date(2024, 2, 1)
MARKUP = Pricing(markup=Decimal(0))


def line(subtotal: str) -> ChargeLine:
    return ChargeLine(
        order_date=dt.date(2024, 1, 1),
        charge_type=ChargeType.NEW,
        product="E3",
        subscription_id="s-1",
        unit_price=Money(subtotal, "EUR"),
        effective_unit_price=Money(subtotal, "EUR"),
        quantity=Decimal(1),
        subtotal=Money(subtotal, "EUR"),
        charge_start=dt.date(2024, 1, 1),
        charge_end=dt.date(2024, 1, 31),
    )


@pytest.mark.parametrize("rates", [[Decimal("0.5")], [None], []], ids=repr)
def test_per_line_rates_without_a_tax_rule_are_refused_not_ignored(rates: list[Decimal | None]) -> None:
    with pytest.raises(InvalidInput) as caught:
        customer_invoice([line("100.00")], id="C", issued=ISSUED, pricing=MARKUP, rates=rates)
    expected = ("rates", rates, ErrorCode.NOT_ALLOWED)
    assert (caught.value.field, caught.value.value, caught.value.code) == expected


@pytest.mark.parametrize("tax", ["0.21", Decimal("0.21"), 0.21], ids=repr)
def test_a_tax_that_is_no_tax_rule_is_refused_naming_tax(tax: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        customer_invoice([line("100.00")], id="C", issued=ISSUED, pricing=MARKUP, tax=tax)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value, caught.value.code) == ("tax", tax, ErrorCode.WRONG_TYPE)


def test_rates_with_a_tax_rule_tax_each_line_at_its_own_rate() -> None:
    invoice = customer_invoice(
        [line("100.00"), line("10.00")],
        id="C",
        issued=ISSUED,
        pricing=MARKUP,
        tax=TaxRule(rate=Decimal("0.2")),
        rates=[None, Decimal("0.5")],
    )
    assert [str(item.tax) for item in invoice.lines] == ["20.00 EUR", "5.00 EUR"]
    assert str(invoice.total_charges) == "135.00 EUR"
