"""The refusals of subscription changes: what Partner Center says no to, as exception types.

Each is a :class:`~cspcore.errors.RuleViolation` whose ``reasons`` say why, with their source;
:mod:`cspcore.billing.windows` re-exports every one (their historical home).

>>> issubclass(TrialRestriction, RuleViolation)
True

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from cspcore.errors import RuleViolation

__all__ = [
    "BillingPlanChangeRefused",
    "CancellationWindowClosed",
    "CotermRefused",
    "QuantityOutOfRange",
    "SeatReductionWindowClosed",
    "SubscriptionInactive",
    "TermDowngradeRefused",
    "TrialRestriction",
    "UpgradeRefused",
]


class CancellationWindowClosed(RuleViolation):
    """The seven-day cancellation window of the current term has closed.

    >>> from cspcore import RuleViolation
    >>> issubclass(CancellationWindowClosed, RuleViolation)
    True
    """


class SeatReductionWindowClosed(RuleViolation):
    """Seats would be removed that were added more than seven days earlier.

    >>> from cspcore import RuleViolation
    >>> issubclass(SeatReductionWindowClosed, RuleViolation)
    True
    """


class QuantityOutOfRange(RuleViolation):
    """A seat count below the minimum (1) or above the offer's maximum.

    >>> from cspcore import RuleViolation
    >>> issubclass(QuantityOutOfRange, RuleViolation)
    True
    """


class TrialRestriction(RuleViolation):
    """The change is not available on (or only on) a trial subscription.

    >>> from cspcore import RuleViolation
    >>> issubclass(TrialRestriction, RuleViolation)
    True
    """


class TermDowngradeRefused(RuleViolation):
    """A change to a shorter term: Partner Center accepts only moves to a higher term.

    >>> from cspcore import RuleViolation
    >>> issubclass(TermDowngradeRefused, RuleViolation)
    True
    """


class BillingPlanChangeRefused(RuleViolation):
    """A billing-plan change that Partner Center does not offer for the term.

    >>> from cspcore import RuleViolation
    >>> issubclass(BillingPlanChangeRefused, RuleViolation)
    True
    """


class UpgradeRefused(RuleViolation):
    """An upgrade of more seats than the subscription has, or of every seat as a partial upgrade.

    >>> from cspcore import RuleViolation
    >>> issubclass(UpgradeRefused, RuleViolation)
    True
    """


class SubscriptionInactive(RuleViolation):
    """The subscription is cancelled or its term ended without renewal.

    >>> from cspcore import RuleViolation
    >>> issubclass(SubscriptionInactive, RuleViolation)
    True
    """


class CotermRefused(RuleViolation):
    """No coterminous end date is allowed for the requested pair of subscriptions.

    >>> from cspcore import RuleViolation
    >>> issubclass(CotermRefused, RuleViolation)
    True
    """
