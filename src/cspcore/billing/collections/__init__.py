"""Collections policies: when non-payment affects a customer's access, as data — and its evaluation.

A partner pays Microsoft net 60 whatever its customers do and is liable for their non-payment
(``billing-basics.md``, ``non-payment-fraud-misuse.md``); Microsoft recommends "a clear collections
policy" and disabling access when necessary (``provide-billing-support.md``). A
:class:`CollectionsPolicy` is that policy as a value: ordered :class:`Stage` values from mildest to most
severe, each with conditions (all AND-ed, each met when equalled) and :class:`Action` values.

:func:`evaluate` answers "where does this account stand today, and why?": the most severe stage
whose conditions all hold wins. Days are counted from the due date of the oldest unpaid, undisputed
invoice not under a payment plan — re-anchored whenever that invoice changes (a partial payment that
settles it moves the clock to the next one; Kill Bill's open issue #2297 skips a state there).

The package's modules, by responsibility: :mod:`~cspcore.billing.collections.policy` (the policy, its
dicts and presets), :mod:`~cspcore.billing.collections.stages` (stages and the one stage schedule),
:mod:`~cspcore.billing.collections.evaluation` (evaluation and :class:`Standing`),
:mod:`~cspcore.billing.collections.microsoft` (the partner's own Microsoft standing and credit check),
:mod:`~cspcore.billing.collections.lifecycle_actions` (the suspend and reactivate events a standing
calls for) and :mod:`~cspcore.billing.collections.whatif` (replaying a portfolio under a policy).

>>> import datetime as dt
>>> from cspcore import Money
>>> from cspcore.billing import Invoice, Ledger, STANDARD, evaluate
>>> ledger = Ledger(
...     invoices=(
...         Invoice(
...             id="C-1",
...             issued=dt.date(2024, 1, 8),
...             due=dt.date(2024, 2, 7),
...             currency="EUR",
...             total_charges=Money("500.00", "EUR"),
...         ),
...     )
... )
>>> standing = evaluate(STANDARD, ledger, as_of=dt.date(2024, 3, 2))
>>> standing.stage.name, standing.days_past_due, [a.value for a in standing.actions]
('suspend', 24, ['block_new_purchases', 'suspend_subscriptions'])

.. versionadded:: 0.1.0
"""

from cspcore.billing.collections.evaluation import (
    Commitment,
    ReactivationDeadline,
    Standing,
    evaluate,
)
from cspcore.billing.collections.evaluation import standings as standings  # public, outside __all__
from cspcore.billing.collections.lifecycle_actions import (
    CollectionsEvents,
    SuspensionTarget,
    reactivation_events,
    suspension_events,
)
from cspcore.billing.collections.microsoft import (
    CreditCheck,
    MicrosoftStanding,
    credit_check,
    microsoft_standing,
)
from cspcore.billing.collections.policy import (
    LENIENT,
    PRESETS,
    STANDARD,
    STRICT,
    CollectionsPolicy,
    ScheduledAction,
    schedule,
)
from cspcore.billing.collections.stages import Action, Stage

__all__ = [
    "LENIENT",
    "PRESETS",
    "STANDARD",
    "STRICT",
    "Action",
    "CollectionsEvents",
    "CollectionsPolicy",
    "Commitment",
    "CreditCheck",
    "MicrosoftStanding",
    "ReactivationDeadline",
    "ScheduledAction",
    "Stage",
    "Standing",
    "SuspensionTarget",
    "credit_check",
    "evaluate",
    "microsoft_standing",
    "reactivation_events",
    "schedule",
    "suspension_events",
]
