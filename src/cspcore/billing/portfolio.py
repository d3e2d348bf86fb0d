"""Portfolios of accounts for what-if analysis, and a deterministic sample generator.

A :class:`Portfolio` is a set of :class:`Account` values, each a customer's ledger with its real
payment dates and, optionally, what its new-commerce subscriptions cost the partner each month
until their term ends (the partner keeps paying Microsoft while it suspends them,
``create-a-new-subscription.md``).

:func:`sample_portfolio` generates a realistic one from a seed: monthly invoices issued on the 8th
(when Microsoft's invoice is available, ``understand-your-invoice.md``) with net-30 terms; most
customers pay on time, a tail pays late, a few never pay.

>>> import datetime as dt
>>> from cspcore.billing.portfolio import sample_portfolio
>>> portfolio = sample_portfolio(seed=7, accounts=20)
>>> len(portfolio.accounts), portfolio.currency
(20, 'EUR')
>>> sample_portfolio(seed=7, accounts=20) == portfolio
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from cspcore.billing.accounts import Account, Portfolio, cycles_left
from cspcore.billing.portfolio_files import portfolio_from_dict
from cspcore.billing.samples import (
    MAX_ACCOUNT_NUMBER,
    MAX_SEED,
    PROGRESS_STEP,
    sample_accounts,
    sample_portfolio,
)

__all__ = [
    "MAX_ACCOUNT_NUMBER",
    "MAX_SEED",
    "PROGRESS_STEP",
    "Account",
    "Portfolio",
    "cycles_left",
    "portfolio_from_dict",
    "sample_accounts",
    "sample_portfolio",
]
