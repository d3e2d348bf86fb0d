"""Microsoft's seat counts after an upgrade and after a trial conversion, read back from the lines.

Page: Partner Center ``common-billing-scenarios-onetime-recurring.md`` (ms.date 11/8/2022), in
kvamseek/partner-center @ 85eb3c4. Sections "How do I calculate the total seats for the base and
upgraded subscriptions in a billing period for a full upgrade?" (300 upgraded seats), "... for a
partial upgrade?" (100 upgraded, and 300 bought less 100 converted = 200 left on the base) and "How
do I reconcile after I convert a trial version to a paid subscription?" (25 seats, the trial's
``convert`` line of zero being its refund). The lines are the ones ``rate`` gives for the page's
examples, already checked row by row in ``test_ms_billing_examples.py``. The page gives the upgrade
counts "in March"; its upgrade examples are dated June 2021, and the counts are those of June.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cspcore import Money
from cspcore.billing import ConvertTrial, Subscription, Upgrade, rate
from cspcore.interop import parse_recon_rows, seats_at_period_end, to_recon_rows

D = dt.date
BASE = "284b0ff0-0e74-4f65-cb23-f8ad95867994"
UPGRADED = "6759acd5-a8a9-4402-94b7-803baa64a78e"


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


def business_standard() -> Subscription:
    """300 seats of Microsoft 365 Business Standard at EUR 10.08 a month, bought June 18, 2021."""
    return Subscription(
        id=BASE,
        product="Microsoft 365 Business Standard",
        start=D(2021, 6, 18),
        term="P1M",
        frequency="monthly",
        quantity=300,
        unit_price=eur("10.08"),
    )


def test_a_full_upgrade_leaves_300_seats_on_the_kept_subscription() -> None:
    event = Upgrade(on=D(2021, 6, 25), product="Office 365 E1", unit_price=eur("6.43"))
    lines = rate(business_standard(), [event], through=D(2021, 6, 30))
    assert seats_at_period_end(lines) == {BASE: Decimal(300)}


def test_a_partial_upgrade_of_100_seats_leaves_200_on_the_base_and_100_on_the_new_subscription() -> None:
    event = Upgrade(
        on=D(2021, 6, 25),
        product="Office 365 E1",
        unit_price=eur("6.43"),
        quantity=100,
        subscription_id=UPGRADED,
    )
    lines = rate(business_standard(), [event], through=D(2021, 6, 30))
    assert seats_at_period_end(lines) == {BASE: Decimal(200), UPGRADED: Decimal(100)}
    # the same count from the lines as the reconciliation file writes them, in any order
    read_back = parse_recon_rows(to_recon_rows(lines))
    assert seats_at_period_end(reversed(read_back)) == {BASE: Decimal(200), UPGRADED: Decimal(100)}


def test_a_trial_converted_on_its_first_day_has_its_25_seats() -> None:
    trial = Subscription(
        id="guides",
        product="Dynamics 365 Guides",
        start=D(2021, 6, 25),
        term="P1M",
        frequency="none",
        quantity=25,
        unit_price=eur(0),
        trial=True,
    )
    lines = rate(trial, [ConvertTrial(on=D(2021, 6, 25), unit_price=eur("52.61"))], through=D(2021, 6, 30))
    assert seats_at_period_end(lines) == {"guides": Decimal(25)}
