"""Terms and billing frequencies of new-commerce subscriptions.

Partner Center offers terms of one month, one year and three years (``termDuration`` ``P1M``,
``P1Y``, ``P3Y``; source: ``developer/subscription-resources.md``), each billed on one of a few
plans (``billing-basics.md``, ``create-a-new-subscription.md``).

>>> from cspcore.billing import Term, BillingFrequency
>>> Term("P1Y").months, BillingFrequency.MONTHLY.value
(12, 'monthly')

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from cspcore._validate import CspEnum

__all__ = ["BillingFrequency", "Term"]


class Term(CspEnum):
    """A subscription's term, by its ISO 8601 duration as Partner Center writes it."""

    P1M = "P1M"
    """One month."""
    P1Y = "P1Y"
    """One year (12 months)."""
    P3Y = "P3Y"
    """Three years (36 months)."""

    @property
    def months(self) -> int:
        """The term's length in calendar months.

        >>> Term.P3Y.months
        36
        """
        return _TERM_MONTHS[self]


_TERM_MONTHS = {Term.P1M: 1, Term.P1Y: 12, Term.P3Y: 36}


class BillingFrequency(CspEnum):
    """How often a subscription is charged (its billing plan).

    Values follow Partner Center's ``BillingCycleType`` spellings (``developer/product-resources.md``).
    """

    MONTHLY = "monthly"
    """Charged every month."""
    ANNUAL = "annual"
    """Charged every year."""
    TRIENNIAL = "triennial"
    """Charged once every three years."""
    NONE = "none"
    """Not charged: trials."""

    @property
    def months(self) -> int | None:
        """The charge cycle's length in months, or None for trials.

        >>> BillingFrequency.ANNUAL.months, BillingFrequency.NONE.months
        (12, None)
        """
        return _FREQUENCY_MONTHS[self]


_FREQUENCY_MONTHS = {
    BillingFrequency.MONTHLY: 1,
    BillingFrequency.ANNUAL: 12,
    BillingFrequency.TRIENNIAL: 36,
    BillingFrequency.NONE: None,
}
