"""The checked arguments of a simulation, shared by the engine and the Dask runner (internal).

>>> import datetime as dt
>>> from cspcore.billing import STANDARD
>>> from cspcore.billing.portfolio import Portfolio
>>> checked(STANDARD, Portfolio(accounts=()), dt.date(2024, 1, 1), dt.date(2024, 1, 2))[-1]
'EUR'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cspcore import _validate
from cspcore.billing.collections.policy import CollectionsPolicy
from cspcore.billing.collections.whatif.results import MAX_SIMULATION_DAYS
from cspcore.billing.portfolio import Portfolio
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["checked"]


def checked(
    policy: object, portfolio: object, start: object, end: object
) -> tuple[CollectionsPolicy, Portfolio, dt.date, dt.date, str]:
    """The checked arguments of a simulation, and its currency (the portfolio's, else the policy's)."""
    chosen: CollectionsPolicy = _validate.instance(policy, CollectionsPolicy, "policy")
    book: Portfolio = _validate.instance(portfolio, Portfolio, "portfolio")
    first_day = _validate.date(start, "start")
    last_day = _validate.date(end, "end")
    if last_day < first_day:
        raise InvalidInput(
            "end", f"is before start {first_day.isoformat()}", last_day, code=ErrorCode.INCONSISTENT
        )
    if last_day.toordinal() - first_day.toordinal() + 1 > MAX_SIMULATION_DAYS:
        raise InvalidInput(
            "end",
            f"more than {MAX_SIMULATION_DAYS} days (100 years) after start, both included",
            last_day,
            code=ErrorCode.OUT_OF_RANGE,
        )
    currency = book.currency or chosen.currency or "EUR"
    if chosen.currency is not None and chosen.currency != currency:
        raise CurrencyMismatch("policy", chosen.currency, currency)
    return chosen, book, first_day, last_day, currency
