"""``partner_earned_credit`` is ``unit_price × quantity × pec_rate`` at full precision for every line a
``UsageLine`` accepts: the exact product may have more digits than an input may, and is kept whole."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore.billing import UsageLine, partner_earned_credit

#: The test's own arithmetic, exact (the ambient context would round a 50-digit product to 28 digits).
EXACT = decimal.Context(prec=300, traps=[decimal.Inexact])


def line(quantity: str, unit_price: str, pec_rate: str = "0.15") -> UsageLine:
    return UsageLine(
        usage_date=dt.date(2022, 6, 3),
        subscription_id="s",
        meter_id="m",
        quantity=quantity,
        unit_price=unit_price,
        pricing_pre_tax_total="17",
        billing_pre_tax_total="17",
        billing_currency="USD",
        pricing_currency="USD",
        pec_rate=pec_rate,
    )


def test_a_25_digit_quantity_at_a_28_digit_price_earns_its_exact_credit() -> None:
    quantity, price = "1.234567890123456789012345", "2.123456789012345678901234567"
    expected = EXACT.multiply(EXACT.multiply(Decimal(quantity), Decimal(price)), Decimal("0.15"))
    credit = partner_earned_credit(line(quantity, price))
    assert (expected, "USD") == (credit.amount, credit.currency)


@given(
    quantity=st.decimals(min_value=0, max_value=10**6, places=25, allow_nan=False, allow_infinity=False),
    price=st.decimals(min_value=0, max_value=10**6, places=28, allow_nan=False, allow_infinity=False),
    rate=st.decimals(min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False),
)
@example(
    quantity=Decimal("1.234567890123456789012345"),
    price=Decimal("2.123456789012345678901234567"),
    rate=Decimal("0.15"),
)
def test_the_credit_is_the_exact_product_of_the_lines_fields(
    quantity: Decimal, price: Decimal, rate: Decimal
) -> None:
    usage = line(str(quantity), str(price), str(rate))
    expected = EXACT.multiply(EXACT.multiply(usage.unit_price, usage.quantity), usage.pec_rate)
    assert expected == partner_earned_credit(usage).amount
