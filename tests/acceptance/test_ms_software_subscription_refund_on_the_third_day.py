"""The software-subscription refund "on the third day", counted as the license-based example counts.

Pages (kvamseek/partner-center @ 85eb3c4): ``new-commerce-cancellation-policy.md`` (ms.date
07/27/2023), software subscriptions: a prorated refund within seven days, "if you cancel on the third
day, the refund will be for the remaining paid period minus the three days".
``common-billing-scenarios-onetime-recurring.md``, the cancellation example: bought July 15, cancelled
July 17 (the third day counting the purchase day), refunded for "29 unused days from July 17 to
August 14", two days kept (100.8 - 94.2).

Read with the same count, the policy sentence keeps three days where the worked example keeps two:
the two pages disagree on what "the third day" keeps. cspcore follows the worked example with figures
(docs/billing.md, "Software subscriptions"): the cancellation day is refunded, so a cancellation on
the third day keeps two days and one on the day after three full days keeps three.
"""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore import Money
from cspcore.billing import Cancel, Subscription, rate

D = dt.date


def sql_server() -> Subscription:
    """A year of a software subscription at EUR 366.00, bought March 15, 2023 (366 days: it holds
    February 29, 2024), so each day is worth one euro."""
    return Subscription(
        id="sw",
        product="SQL Server Standard - 1 year",
        family="softwareSubscription",
        start=D(2023, 3, 15),
        term="P1Y",
        frequency="annual",
        quantity=1,
        unit_price=Money("366.00", "EUR"),
    )


@pytest.mark.parametrize(("cancelled_on", "kept_days"), [(D(2023, 3, 17), 2), (D(2023, 3, 18), 3)])
def test_the_refund_is_the_paid_period_less_the_days_before_the_cancellation(
    cancelled_on: dt.date, kept_days: int
) -> None:
    cancel = Cancel(at=dt.datetime.combine(cancelled_on, dt.time(9), tzinfo=dt.UTC))
    charge, refund = rate(sql_server(), [cancel], through=D(2023, 3, 31))
    assert charge.total == Money("366.00", "EUR")
    assert (refund.charge_type.value, refund.charge_start, refund.days) == (
        "cancelImmediate",
        cancelled_on,
        366 - kept_days,
    )
    assert charge.total + refund.total == Money(kept_days, "EUR")
