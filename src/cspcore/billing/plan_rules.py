"""Which mid-term billing-plan changes Partner Center offers, as a rule by date.

``create-a-new-subscription.md`` ("Change only billing frequency (scheduled change)", 2023): of all
term and plan combinations, only a triennial term may switch between monthly and annual billing
mid-term; the change takes effect at the next charge cycle. Microsoft's 2025 page
(``billing-frequency-changes``, learn.microsoft.com) then says: "Midterm billing frequency changes for
triennial offers will be blocked starting April 1, 2025." So from that UTC day no mid-term plan change
is offered (a different plan can still be scheduled for renewal: :class:`~cspcore.billing.ScheduleChange`).

>>> import datetime as dt
>>> from cspcore.billing.terms import BillingFrequency, Term
>>> change = (Term.P3Y, BillingFrequency.MONTHLY, BillingFrequency.ANNUAL)
>>> (
...     change in PLAN_CHANGE_RULE.at(dt.date(2024, 6, 1)).value,
...     change in PLAN_CHANGE_RULE.at(dt.date(2025, 4, 1)).value,
... )
(True, False)

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from cspcore.billing.terms import BillingFrequency, Term
from cspcore.explain import Source
from cspcore.rules import RuleVersion, VersionedRule

__all__ = ["PLAN_CHANGE_RULE", "TRIENNIAL_MIDTERM_BLOCKED_FROM", "PlanChange"]

#: A mid-term plan change: (term, current billing frequency, requested billing frequency).
PlanChange = tuple[Term, BillingFrequency, BillingFrequency]

#: The first UTC day triennial offers no longer change their billing frequency mid-term.
TRIENNIAL_MIDTERM_BLOCKED_FROM: Final = dt.date(2025, 4, 1)

_TRIENNIAL: Final[frozenset[PlanChange]] = frozenset(
    {
        (Term.P3Y, BillingFrequency.MONTHLY, BillingFrequency.ANNUAL),
        (Term.P3Y, BillingFrequency.ANNUAL, BillingFrequency.MONTHLY),
    }
)

#: The mid-term plan changes offered, by the day of the change.
PLAN_CHANGE_RULE: Final = VersionedRule[frozenset[PlanChange]](
    name="mid-term billing-plan changes",
    versions=(
        RuleVersion(
            effective_from=dt.date(2021, 10, 1),
            value=_TRIENNIAL,
            source=Source(
                document="create-a-new-subscription.md",
                section="Change only billing frequency (scheduled change)",
            ),
            note="The 2023 table: only triennial terms switch between monthly and annual billing mid-term; "
            "the first version also covers earlier days.",
        ),
        RuleVersion(
            effective_from=TRIENNIAL_MIDTERM_BLOCKED_FROM,
            value=frozenset(),
            source=Source(
                document="billing-frequency-changes",
                url="https://learn.microsoft.com/partner-center/customers/billing-frequency-changes",
            ),
            note="'Midterm billing frequency changes for triennial offers will be blocked starting "
            "April 1, 2025' (Microsoft's 2025 page).",
        ),
    ),
)
