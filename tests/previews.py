"""Subscriptions and instants shared by the tests of :func:`cspcore.billing.preview`.

>>> e3().quantity, at(dt.date(2024, 1, 20)).hour
(10, 9)
"""

from __future__ import annotations

import datetime as dt

from cspcore import Money
from cspcore.billing import Subscription, Term

#: The day :func:`e3` starts by default.
JANUARY_10 = dt.date(2024, 1, 10)


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    """An instant (UTC) on ``day``."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def e3(
    quantity: int = 10, *, start: dt.date = JANUARY_10, term: Term = Term.P1Y, trial: bool = False
) -> Subscription:
    """Microsoft 365 E3 at USD 36 a month (a year billed monthly by default); a trial is 25 free seats."""
    return Subscription(
        id="s",
        product="Microsoft 365 E3",
        start=start,
        term=Term.P1M if trial else term,
        frequency="none" if trial else "monthly",
        quantity=25 if trial else quantity,
        unit_price=Money("0" if trial else "36.00", "USD"),
        trial=trial,
        auto_renew=not trial,
    )


def commerce_triennial() -> Subscription:
    """Microsoft's billing-plan example: Dynamics 365 Commerce, three years billed monthly, EUR 20 x 10."""
    return Subscription(
        id="c",
        product="Dynamics 365 Commerce",
        start=dt.date(2021, 9, 20),
        term="P3Y",
        frequency="monthly",
        quantity=10,
        unit_price=Money("20", "EUR"),
    )
