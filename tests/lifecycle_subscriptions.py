"""Subscriptions and instants for lifecycle tests: by default a month's term of 5 seats at 30.00 EUR
bought January 10, 2024.

>>> subscription("a").term_end, trial("t").quantity, at(START, 9).hour
(datetime.date(2024, 2, 9), 25, 9)
"""

from __future__ import annotations

import datetime as dt

from cspcore import Money
from cspcore.billing import Subscription

__all__ = ["START", "at", "subscription", "trial"]

#: The first day of the default subscription: its month's term runs to February 9 and renews February 10.
START = dt.date(2024, 1, 10)


def at(day: dt.date, hour: int = 0) -> dt.datetime:
    """``day`` at ``hour`` o'clock UTC."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def subscription(name: str = "a", **changes: object) -> Subscription:
    """A monthly Microsoft 365 E3 subscription named ``name``, with ``changes`` to its fields."""
    fields: dict[str, object] = {
        "id": name,
        "product": "Microsoft 365 E3",
        "start": START,
        "term": "P1M",
        "frequency": "monthly",
        "quantity": 5,
        "unit_price": Money("30.00", "EUR"),
    }
    fields.update(changes)
    return Subscription(**fields)  # type: ignore[arg-type]


def trial(name: str = "t", **changes: object) -> Subscription:
    """A free trial of 25 seats named ``name``, with ``changes`` to its fields."""
    fields: dict[str, object] = {
        "term": "P1M",
        "frequency": "none",
        "quantity": 25,
        "unit_price": Money(0, "EUR"),
        "trial": True,
    }
    fields.update(changes)
    return subscription(name, **fields)
