"""Conservation: the seats read back from a period's lines are the seats its history leaves.

``common-billing-scenarios-onetime-recurring.md`` ("How do I calculate the total number of seats ...",
"Partial upgrade", "How are the refunds calculated if I cancel ..."): rating a purchase, seat changes,
a partial upgrade and a cancellation, then counting the seats of the lines, gives back the count
each subscription was left with: the last count less the upgraded seats for the source (0 once
cancelled), the upgraded seats for the new subscription.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import Money
from cspcore.billing import Cancel, ChangeQuantity, LifecycleEvent, Subscription, Upgrade, rate
from cspcore.interop import seats_at_period_end
from cspcore.testing.strategies import dates

# from March 2022 seats may be removed for seven days, so every change below is allowed
STARTS = dates(min_value=dt.date(2022, 3, 1), max_value=dt.date(2099, 12, 1))
CHANGES = st.lists(st.tuples(st.integers(0, 6), st.integers(1, 40)), max_size=5)


@given(STARTS, st.integers(1, 40), CHANGES, st.none() | st.integers(1, 39), st.booleans())
@example(dt.date(2024, 2, 29), 300, [], 100, False)  # the page's partial upgrade, on a leap day
@example(dt.date(2024, 1, 31), 10, [(2, 12), (2, 8)], None, True)  # changes, then cancelled
@example(dt.date(2023, 12, 31), 5, [(0, 9), (6, 4)], 3, True)  # upgraded, then cancelled
def test_the_seats_counted_from_the_lines_are_the_seats_left(
    start: dt.date, bought: int, changes: list[tuple[int, int]], upgraded: int | None, cancelled: bool
) -> None:
    sub = Subscription(
        id="base",
        product="Microsoft 365 Business Standard",
        start=start,
        term="P1M",
        frequency="monthly",
        quantity=bought,
        unit_price=Money("10.08", "EUR"),
    )
    events: list[LifecycleEvent] = []
    count, day = bought, 0
    for offset, new_count in sorted(changes):
        day = offset
        events.append(ChangeQuantity(on=start + dt.timedelta(days=day), quantity=new_count))
        count = new_count
    expected = {"base": Decimal(count)}
    if upgraded is not None and upgraded < count:
        events.append(
            Upgrade(
                on=start + dt.timedelta(days=day),
                product="Office 365 E1",
                unit_price=Money("6.43", "EUR"),
                quantity=upgraded,
                subscription_id="upgraded",
            )
        )
        expected = {"base": Decimal(count - upgraded), "upgraded": Decimal(upgraded)}
    if cancelled:
        noon = dt.datetime.combine(start + dt.timedelta(days=day), dt.time(12), tzinfo=dt.UTC)
        events.append(Cancel(at=noon))
        expected["base"] = Decimal(0)
    lines = rate(sub, events, through=start + dt.timedelta(days=6))
    assert seats_at_period_end(lines) == expected
