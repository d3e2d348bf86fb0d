"""Microsoft's seat examples, previewed before they are made.

Page: Partner Center ``common-billing-scenarios-onetime-recurring.md``, "How are licenses (seats)
added or removed?" (figures already reproduced once made in ``test_ms_billing_examples.py``): a
Microsoft 365 Business Standard subscription of 10 seats at EUR 10.08, bought June 18, 2021, gets
2 seats on June 20 (a refund of 10 seats at -9.408 and a charge of 12 at 9.408 for June 20 -
July 17), then drops to 8 seats. A preview shows those lines before the change is made, the net,
and until when the added seats can be removed (``create-a-new-subscription.md``, "Increase or
decrease licenses in new commerce license-based subscriptions"; three days for seats added before
March 2022, ``SEAT_REDUCTION_RULE``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cspcore import Money
from cspcore.billing import ChangeQuantity, ChargeLine, ProrationRounding, Subscription, preview

D = dt.date
UTC = dt.UTC
LINE_TOTAL = ProrationRounding.LINE_TOTAL
Row = tuple[dt.date, str, dt.date, dt.date, Decimal, int, Decimal]


def business_standard() -> Subscription:
    return Subscription(
        id="284b0ff0-0e74-4f65-cb23-f8ad95867994",
        product="Microsoft 365 Business Standard",
        start=D(2021, 6, 18),
        term="P1M",
        frequency="monthly",
        quantity=10,
        unit_price=Money("10.08", "EUR"),
    )


def rows(lines: tuple[ChargeLine, ...]) -> list[Row]:
    """(order date, charge type, charge start, charge end, EUP, quantity, total)."""
    return [
        (
            line.order_date,
            line.charge_type.value,
            line.charge_start,
            line.charge_end,
            line.effective_unit_price.amount,
            int(line.quantity),
            line.total.amount,
        )
        for line in lines
    ]


def test_previewing_two_more_seats_shows_microsofts_refund_and_recharge() -> None:
    moment = dt.datetime(2021, 6, 20, 10, tzinfo=UTC)
    result = preview(
        business_standard(), [], ChangeQuantity(on=moment.date(), quantity=12), at=moment, rounding=LINE_TOTAL
    )
    expected = [
        (
            D(2021, 6, 20),
            "addQuantity",
            D(2021, 6, 20),
            D(2021, 7, 17),
            Decimal("-9.408"),
            10,
            Decimal("-94.08"),
        ),
        (
            D(2021, 6, 20),
            "addQuantity",
            D(2021, 6, 20),
            D(2021, 7, 17),
            Decimal("9.408"),
            12,
            Decimal("112.89"),
        ),
    ]
    assert result.is_allowed
    assert expected == rows(result.added)
    assert result.removed == ()
    assert Money("18.81", "EUR") == result.net
    assert dt.datetime(2021, 6, 24, tzinfo=UTC) == result.reversible_until  # June 20 + 3 days, end of day


def test_previewing_the_reduction_to_eight_shows_microsofts_lines_and_no_way_back() -> None:
    moment = dt.datetime(2021, 6, 20, 11, tzinfo=UTC)
    history = [ChangeQuantity(on=moment.date(), quantity=12)]
    result = preview(
        business_standard(),
        history,
        ChangeQuantity(on=moment.date(), quantity=8),
        at=moment,
        rounding=LINE_TOTAL,
    )
    expected = [
        (
            D(2021, 6, 20),
            "removeQuantity",
            D(2021, 6, 20),
            D(2021, 7, 17),
            Decimal("-9.408"),
            12,
            Decimal("-112.89"),
        ),
        (
            D(2021, 6, 20),
            "removeQuantity",
            D(2021, 6, 20),
            D(2021, 7, 17),
            Decimal("9.408"),
            8,
            Decimal("75.26"),
        ),
    ]
    assert expected == rows(result.added)
    assert Money("-37.63", "EUR") == result.net
    assert result.reversible_until is None
