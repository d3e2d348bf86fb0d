"""How explain_charge_reasons states a charge's amount: from the exact proration, always citing its page.

The amount of a prorated line is checked against ``unit price × days × quantity ÷ cycle days``,
worked out exactly, not against the price per unit already divided (which a quantity of a cycle's
length turns into a repeating fraction just short of the subtotal). Every amount sentence, the one
saying the price does not give the subtotal too, cites the reconciliation file's Subtotal column. A
price per unit is shown with at least two decimals, in a currency without minor units too.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cspcore import Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.explain import Source
from cspcore.interop import explain_charge_reasons

SUBTOTAL = Source(document="modern-invoice-reconciliation-file.md", section="Subtotal")


def line(  # noqa: PLR0917 - a charge line's figures
    currency: str,
    unit: str,
    effective: str,
    quantity: int,
    subtotal: str,
    start: dt.date = dt.date(2022, 3, 16),
) -> ChargeLine:
    """Seats added from ``start`` to Mar 31, 2022: by default 16 of a 31-day monthly cycle."""
    return ChargeLine(
        order_date=start,
        charge_type=ChargeType.ADD_QUANTITY,
        product="Microsoft 365 E3",
        subscription_id="s1",
        unit_price=Money(unit, currency),
        effective_unit_price=Money(effective, currency),
        quantity=Decimal(quantity),
        subtotal=Money(subtotal, currency),
        charge_start=start,
        charge_end=dt.date(2022, 3, 31),
        billing_frequency="Monthly",
    )


def amount_reason(charge: ChargeLine) -> tuple[str, Source | None]:
    (reason,) = [
        r
        for r in explain_charge_reasons(charge, locale="en_US")
        if r.code.startswith("interop.explain.amount")
    ]
    return reason.code, reason.source


def test_31_seats_for_16_of_31_days_are_exactly_the_unit_price_times_16() -> None:
    # 10.00 × 16 × 31 ÷ 31 = 160.00 exactly; 10.00 ÷ 31 × 16 (5.1612903...) × 31 is not.
    assert amount_reason(line("EUR", "10.00", "5.1613", 31, "160.00")) == ("interop.explain.amount", SUBTOTAL)


def test_an_amount_the_price_does_not_give_still_cites_the_subtotal_column() -> None:
    # 12.00 × 16 ÷ 31 × 2 = 12.387...: a subtotal of 99.00 is not explained, and says where to look.
    charge = line("EUR", "12.00", "6.1935", 2, "99.00")
    assert amount_reason(charge) == ("interop.explain.amount_unexplained", SUBTOTAL)


def test_a_price_per_unit_in_yen_shows_two_decimals() -> None:
    march = line("JPY", "1000", "1000", 1, "1000", start=dt.date(2022, 3, 1))
    reasons = explain_charge_reasons(march, locale="en_US")
    (full,) = [r for r in reasons if r.code == "interop.explain.full"]
    assert full.params["price"] == "1,000.00 JPY"
