"""Microsoft's subscription-plus-overage example: USD 10 a month and 50 extra units at 10 cents is USD 15.

Page: Partner Center ``common-billing-scenarios-onetime-recurring.md`` (ms.date 11/8/2022), "How do
you calculate the costs of a product with both subscription and pay-as-you-go charges?"
(kvamseek/partner-center @ 85eb3c4): a subscription of USD 10 a month includes 100 units; 150 used
leaves 50 billed at USD 0.10 each, USD 5 in the daily rated usage; the month costs USD 10 + USD 5 =
USD 15, on two lines of the invoice reconciliation file.

cspcore: the subscription is rated (``rate``), the 50 extra units rolled up from the daily usage
(``rollup``, the usage-based subtotal), and the two added (``total``). The page gives no date; a
month bought on June 1, 2023 is used.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cspcore import Money, total
from cspcore.billing import Subscription, rate
from cspcore.billing.usage import UsageLine, rollup


def test_the_subscription_and_its_overage_add_up_to_usd_15() -> None:
    plan = Subscription(
        id="calling",
        product="Microsoft 365 calling plan",
        start=dt.date(2023, 6, 1),
        term="P1M",
        frequency="monthly",
        quantity=1,
        unit_price=Money(10, "USD"),
    )
    (charge,) = rate(plan, [], through=dt.date(2023, 6, 30))
    extra = [
        UsageLine(
            usage_date=dt.date(2023, 6, day),
            subscription_id="calling",
            meter_id="extra minutes",
            quantity=quantity,
            unit_price=Decimal("0.1"),
            pricing_pre_tax_total=Decimal("0.1") * quantity,
            billing_pre_tax_total=Decimal("0.1") * quantity,
            billing_currency="USD",
            pricing_currency="USD",
        )
        for day, quantity in ((12, 20), (19, 30))
    ]
    (overage,) = rollup(extra)
    assert (overage.quantity, overage.subtotal) == (Decimal(50), Money(5, "USD"))
    assert charge.total == Money(10, "USD")
    assert total([charge.total, overage.subtotal]) == Money(15, "USD")
