"""Microsoft's Azure plan sample: the month-to-date billable cost of a meter is cut to cents after PEC.

Page: Partner Center ``azure-plan-billing.md``, "Effective unit price calculation for Azure plan
pay-as-you-go", "Sample calculation" (kvamseek/partner-center @ 85eb3c4). A meter without tiers at a
unit price of 0.868 earns the 15 % Partner Earned Credit; its billable cost is the consumption times
the price times 0.85, rounded down to two decimals, and its effective unit price the cost over the
consumption. The page gives three points of the open August period (no year), consumption to date
29, 210.950039 and 555.950039, costs 21.39, 155.63 and 410.17.

The page writes the effective unit price as "BCU/BC"; its own figures are the inverse, BC / BCU
(21.39 / 29 = 0.7375862...), which is what is checked here.

cspcore: the daily lines of the meter rolled up (``rollup``) through each date give the cost as the
usage-based ``Subtotal`` (``ROUNDDOWN(EffectiveUnitPrice x BillableQuantity, 2)``, at a rate of 1).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cspcore import Money
from cspcore.billing.usage import UsageLine, rollup

UNIT_PRICE = Decimal("0.868")
# usage day, that day's consumption; the running totals are the page's 29, 210.950039, 555.950039
DAYS = [
    (dt.date(2023, 8, 3), Decimal(29)),
    (dt.date(2023, 8, 10), Decimal("181.950039")),
    (dt.date(2023, 8, 25), Decimal(345)),
]


def daily(day: dt.date, quantity: Decimal) -> UsageLine:
    return UsageLine(
        usage_date=day,
        subscription_id="azure-plan",
        meter_id="meter",
        quantity=quantity,
        unit_price=UNIT_PRICE,
        pricing_pre_tax_total=UNIT_PRICE * quantity,
        billing_pre_tax_total=UNIT_PRICE * quantity * Decimal("0.85"),
        billing_currency="USD",
        pricing_currency="USD",
        pec_rate=Decimal("0.15"),
    )


@pytest.mark.parametrize(
    ("through", "consumption", "cost", "shown_price"),
    [
        (dt.date(2023, 8, 3), Decimal(29), "21.39", "0.737586206896552"),
        (dt.date(2023, 8, 10), Decimal("210.950039"), "155.63", "0.737757626107858"),
        (dt.date(2023, 8, 25), Decimal("555.950039"), "410.17", "0.737782122900436"),
    ],
)
def test_the_sample_tables_billable_cost_and_effective_unit_price(
    through: dt.date, consumption: Decimal, cost: str, shown_price: str
) -> None:
    (line,) = rollup(daily(day, quantity) for day, quantity in DAYS if day <= through)
    assert line.quantity == consumption
    assert line.effective_unit_price == UNIT_PRICE * Decimal("0.85")  # the price after 15 % PEC
    assert line.subtotal == Money(cost, "USD")
    # the page prints the price as a double: 15 significant digits
    assert round(line.subtotal.amount / line.quantity, 15) == Decimal(shown_price)
