"""An annual term billed monthly is charged one twelfth of the year's price, the same every month.

Pages (kvamseek/partner-center @ 85eb3c4): ``pricing-and-offers.md`` (ms.date 10/18/2023): annual
term prices cover the 12 months and are divided by 12 for the monthly plan; the amount billed each
month is the same throughout the term; a price change during the term does not change the plan's
charges. ``common-billing-scenarios-onetime-recurring.md``, "How are one-time and recurring charges
calculated?": 10 seats of Microsoft 365 Business Standard bought June 18, 2021 cost EUR 100.8 a month
billed monthly (10.08 a seat) or one line of EUR 1,209.6 prepaid (120.96 a seat, twelve times 10.08).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cspcore import Money, total
from cspcore.billing import BillingFrequency, PriceChange, Subscription, rate

D = dt.date
YEAR_PRICE = Money("120.96", "EUR")


def business_standard(frequency: BillingFrequency, unit_price: Money) -> Subscription:
    return Subscription(
        id="284b0ff0-0e74-4f65-cb23-f8ad95867994",
        product="Microsoft 365 Business Standard",
        start=D(2021, 6, 18),
        term="P1Y",
        frequency=frequency,
        quantity=10,
        unit_price=unit_price,
    )


def test_twelve_equal_monthly_charges_add_up_to_the_prepaid_year() -> None:
    monthly = rate(business_standard(BillingFrequency.MONTHLY, YEAR_PRICE / 12), [], through=D(2022, 6, 17))
    prepaid = rate(business_standard(BillingFrequency.ANNUAL, YEAR_PRICE), [], through=D(2022, 6, 17))
    assert Money("10.08", "EUR") == YEAR_PRICE / 12
    # cycles of 28 to 31 days (February 18 - March 17, 2022 has 28): the same charge every month
    assert {line.total for line in monthly} == {Money("100.80", "EUR")}
    assert {line.days for line in monthly} == {28, 30, 31}
    assert len(monthly) == 12
    assert [line.total for line in prepaid] == [Money("1209.60", "EUR")]
    assert total(line.total for line in monthly) == prepaid[0].total


def test_a_price_change_during_the_term_leaves_the_monthly_charge_alone() -> None:
    rise = PriceChange(on=D(2021, 9, 1), unit_price=Money("11.00", "EUR"))
    lines = rate(business_standard(BillingFrequency.MONTHLY, YEAR_PRICE / 12), [rise], through=D(2022, 6, 17))
    assert {line.effective_unit_price.amount for line in lines} == {Decimal("10.08")}
