"""Microsoft's charge-cycle-days example: a cycle counts the days of the month it starts in.

Page: Partner Center ``common-billing-scenarios-onetime-recurring.md`` (ms.date 11/8/2022), "What is
an NCE charge cycle?" (kvamseek/partner-center @ 85eb3c4): a Microsoft Office product bought on
February 21, 2022, for a year billed monthly, has a first charge cycle of February 21 - March 20,
2022, whose changes count 28 charge cycle days (February's), and a next cycle from March 21 to
April 20, whose changes count 31 (March's). The proration formula is the page's "How are licenses
(seats) added or removed?": unit price / charge cycle days x billing days, the event day and the
cycle's last day both counted.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cspcore import Money
from cspcore.billing import (
    BillingFrequency,
    ChangeQuantity,
    ProrationRounding,
    Subscription,
    Term,
    charge_cycles,
    rate,
)

D = dt.date


def office() -> Subscription:
    return Subscription(
        id="office",
        product="Microsoft Office",
        start=D(2022, 2, 21),
        term="P1Y",
        frequency="monthly",
        quantity=1,
        unit_price=Money("12.40", "EUR"),
    )


def test_the_first_two_cycles_count_28_and_31_days() -> None:
    first, second = charge_cycles(office())[:2]
    assert (first.start, first.end, first.days) == (D(2022, 2, 21), D(2022, 3, 20), 28)
    assert (second.start, second.end, second.days) == (D(2022, 3, 21), D(2022, 4, 20), 31)


def test_a_change_in_each_cycle_prorates_over_its_charge_cycle_days() -> None:
    # March 1 - March 20 is 20 of the February cycle's 28 days: 12.40 / 28 x 20 = 8.857142...;
    # March 25 - April 20 is 27 of the March cycle's 31 days: 12.40 / 31 x 27 = 10.80.
    events = [ChangeQuantity(on=D(2022, 3, 1), quantity=2), ChangeQuantity(on=D(2022, 3, 25), quantity=3)]
    lines = rate(office(), events, through=D(2022, 3, 31), rounding=ProrationRounding.LINE_TOTAL)
    recharges = [line for line in lines if line.charge_type.value == "addQuantity" and not line.is_refund]
    assert [(line.charge_start, line.charge_end, line.days) for line in recharges] == [
        (D(2022, 3, 1), D(2022, 3, 20), 20),
        (D(2022, 3, 25), D(2022, 4, 20), 27),
    ]
    assert recharges[0].effective_unit_price.amount * 28 == Decimal("12.40") * 20
    assert recharges[1].effective_unit_price.amount == Decimal("10.80")
    assert [line.total for line in recharges] == [Money("17.71", "EUR"), Money("32.40", "EUR")]


def test_june_has_30_august_31_and_a_year_365_or_366_days() -> None:
    # "How are licenses (seats) added or removed?": "The purchase month determines the charge cycle
    # or billable days: June has 30, August has 31, and a year has 365 or 366 (in a leap year)."
    # cspcore's reading of the leap year (docs/billing.md, "Decisions where Microsoft is silent"): an
    # annual cycle counts 366 days when it holds a February 29.
    def first_cycle_days(start: dt.date, term: Term, frequency: BillingFrequency) -> int:
        sub = Subscription(
            id="s",
            product="Microsoft 365 Business Standard",
            start=start,
            term=term,
            frequency=frequency,
            quantity=1,
            unit_price=Money("10.08", "EUR"),
        )
        return charge_cycles(sub)[0].days

    assert first_cycle_days(D(2021, 6, 18), Term.P1M, BillingFrequency.MONTHLY) == 30
    assert first_cycle_days(D(2021, 8, 18), Term.P1M, BillingFrequency.MONTHLY) == 31
    assert first_cycle_days(D(2021, 6, 18), Term.P1Y, BillingFrequency.ANNUAL) == 365
    assert first_cycle_days(D(2023, 6, 18), Term.P1Y, BillingFrequency.ANNUAL) == 366
