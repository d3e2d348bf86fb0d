"""A charge's cycle is counted on day numbers, so a cycle ending on the calendar's last day still counts.

An annual cycle from March 7, 9998 ends on March 6, 9999 (365 days); a three-year cycle from the same day
would start its next cycle in year 10001. Neither is a reason to give up on explaining the proration.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cspcore import Money, Reason
from cspcore.billing import ChargeLine, ChargeType
from cspcore.explain import Source
from cspcore.interop import explain_charge_reasons


def removal(start: dt.date, end: dt.date, unit: str, effective: str) -> ChargeLine:
    """One seat of an annual subscription removed for ``start`` to ``end``."""
    return ChargeLine(
        order_date=start,
        charge_type=ChargeType.REMOVE_QUANTITY,
        product="Microsoft 365 E3",
        subscription_id="s1",
        unit_price=Money(unit, "EUR"),
        effective_unit_price=Money(effective, "EUR"),
        quantity=Decimal(-1),
        subtotal=Money(effective, "EUR"),
        charge_start=start,
        charge_end=end,
        billing_frequency="Annual",
    )


def prorated(line: ChargeLine) -> Reason:
    (reason,) = (r for r in explain_charge_reasons(line, locale="en_US") if r.code.endswith(".prorated"))
    return reason


def test_a_yearly_cycle_that_ends_in_the_last_calendar_year_is_365_days() -> None:
    # 365 EUR a year for 29 of the cycle's 365 days: 29.00 EUR.
    line = removal(dt.date(9998, 3, 7), dt.date(9998, 4, 4), "365", "-29.00")
    assert prorated(line) == Reason(
        code="interop.explain.prorated",
        params={"unit_price": "365.00 EUR", "cycle_days": 365, "days": 29, "price": "29.00 EUR"},
        source=Source(document="common-billing-scenarios-onetime-recurring.md"),
    )


def test_a_yearly_cycle_from_the_last_calendar_year_counts_the_leap_day_of_year_10000() -> None:
    # From March 7, 9999 a year runs to March 6, 10000: 366 days (10000 is a leap year), of which
    # the line bills 29 at 366 EUR a year.
    line = removal(dt.date(9999, 3, 7), dt.date(9999, 4, 4), "366", "-29.00")
    assert prorated(line).params["cycle_days"] == 366


def test_the_same_charge_a_thousand_years_earlier_is_explained_alike() -> None:
    early = removal(dt.date(8998, 3, 7), dt.date(8998, 4, 4), "365", "-29.00")
    late = removal(dt.date(9998, 3, 7), dt.date(9998, 4, 4), "365", "-29.00")
    assert prorated(early) == prorated(late)
