"""From a collections standing to the lifecycle events it calls for: suspend, then reactivate.

A stage whose actions include :attr:`~cspcore.billing.collections.stages.Action.SUSPEND_SUBSCRIPTIONS`
tells the partner to suspend the customer's subscriptions; once the customer has paid and the standing
leaves that stage, they are reactivated. :func:`suspension_events` and :func:`reactivation_events`
turn that into :class:`~cspcore.billing.Suspend` and :class:`~cspcore.billing.Reactivate` events
(each naming its ``subscription=``), ready for :func:`cspcore.billing.lifecycle`, which applies
Microsoft's rules for them (``create-a-new-subscription.md``, "Suspend a subscription"): suspending
blocks the customer's access and turns auto-renew off while Microsoft keeps billing the partner; a
subscription can be reactivated until the last day of its term, after which its data is deleted.

The subscriptions come from the standing (its ``reactivation_deadlines``, filled when
:func:`~cspcore.billing.evaluate` was given the customer's commitments) or are given as
``subscriptions=``: :class:`~cspcore.billing.Commitment`, :class:`~cspcore.billing.ReactivationDeadline`
or :class:`~cspcore.billing.SubscriptionState` values (or a :class:`~cspcore.billing.Lifecycle`'s
``states`` mapping), the last of which also say which subscriptions are already suspended, ended or
trials.

>>> import datetime as dt
>>> from cspcore import Money
>>> from cspcore.billing import STANDARD, Commitment, Invoice, Ledger, evaluate
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
>>> owed = [Commitment(subscription_id="s-1", term_end=dt.date(2024, 12, 31), remaining=Money(900, "EUR"))]
>>> standing = evaluate(STANDARD, ledger, as_of=dt.date(2024, 3, 2), commitments=owed)
>>> suspend = suspension_events(standing, at=dt.datetime(2024, 3, 2, 9, tzinfo=dt.UTC))
>>> [(event.subscription, event.at.isoformat()) for event in suspend.events]
[('s-1', '2024-03-02T09:00:00+00:00')]

.. versionadded:: 0.2.0
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final, Generic, TypeAlias, TypeVar

import attrs

from cspcore import _validate
from cspcore.billing.collections.evaluation import Commitment, ReactivationDeadline, Standing
from cspcore.billing.collections.stages import Action
from cspcore.billing.lifecycle_events import Reactivate, Suspend
from cspcore.billing.states import EndReason, SubscriptionState, SubscriptionStatus
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.explain import Reason, Source

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterable

__all__ = [
    "CollectionsEvents",
    "SuspensionTarget",
    "reactivation_events",
    "suspension_events",
]

_SUSPEND_SOURCE: Final = Source(document="create-a-new-subscription.md", section="Suspend a subscription")
_TRIAL_SOURCE: Final = Source(
    document="create-a-new-subscription.md",
    section="Manage trials for new commerce license-based subscriptions",
)

#: What a subscription may be named by: the commitment given to :func:`~cspcore.billing.evaluate`, a
#: standing's reactivation deadline, or its state from :func:`~cspcore.billing.lifecycle`.
SuspensionTarget: TypeAlias = Commitment | ReactivationDeadline | SubscriptionState

E = TypeVar("E", Suspend, Reactivate)


@attrs.frozen(kw_only=True)
class CollectionsEvents(Generic[E]):
    """The lifecycle events a collections standing calls for, and why.

    Args:
        events: The events, earliest term end first (then by subscription id), each naming its
            ``subscription=``; feed them to :func:`cspcore.billing.lifecycle`.
        reasons: One per subscription considered: the event it gets, or why it gets none (a trial
            cannot be suspended; a subscription past its term end can no longer be reactivated).
            Reasons never take part in equality.

    >>> import datetime as dt
    >>> suspend = Suspend(at=dt.datetime(2024, 3, 2, tzinfo=dt.UTC), subscription="s")
    >>> CollectionsEvents(events=(suspend,)).subscriptions
    ('s',)
    """

    events: tuple[E, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, (Suspend, Reactivate)))
    reasons: tuple[Reason, ...] = attrs.field(
        default=(), validator=_validate.attrs_items_of(tuple, Reason), eq=False, repr=False
    )

    @property
    def subscriptions(self) -> tuple[str, ...]:
        """The ids of the subscriptions the events act on, in the events' order."""
        return tuple(event.subscription or "" for event in self.events)


def _utc_day(at: dt.datetime, field: str) -> dt.date:
    return _validate.instant(at, field).date()


def _on_standing_day(at: object, standing: Standing) -> dt.datetime:
    """``at`` (an aware instant) checked to fall on the standing's day, in UTC as Partner Center counts."""
    moment = _validate.aware_datetime(at, "at")
    if _utc_day(moment, "at") != standing.as_of:
        raise InvalidInput(
            "at",
            f"must fall on the standing's day, {standing.as_of.isoformat()} (UTC)",
            moment,
            code=ErrorCode.INCONSISTENT,
        )
    return moment


def _standing(value: object, field: str) -> Standing:
    checked: Standing = _validate.instance(value, Standing, field)
    return checked


def _targets(value: object, standing: Standing) -> list[SuspensionTarget]:
    """The subscriptions given (a Lifecycle's ``states`` mapping, or any iterable), else the standing's."""
    if value is None:
        return list(standing.reactivation_deadlines)
    items = (
        list(_validate.bounded(value.values(), "subscriptions"))
        if isinstance(value, Mapping)
        else _validate.iterable(value, "subscriptions")
    )
    seen: set[str] = set()
    targets: list[SuspensionTarget] = []
    for index, item in enumerate(items):
        field = f"subscriptions[{index}]"
        target: SuspensionTarget = _validate.instance(
            item, (Commitment, ReactivationDeadline, SubscriptionState), field
        )
        name = _name(target)
        if name in seen:
            raise InvalidInput(field, "names a subscription twice", name, code=ErrorCode.DUPLICATE)
        seen.add(name)
        targets.append(target)
    return targets


def _name(target: SuspensionTarget) -> str:
    return target.id if isinstance(target, SubscriptionState) else target.subscription_id


def _term_end(target: SuspensionTarget) -> dt.date:
    return target.by if isinstance(target, ReactivationDeadline) else target.term_end


def _in_order(targets: Iterable[SuspensionTarget]) -> list[SuspensionTarget]:
    return sorted(targets, key=lambda t: (_term_end(t), _name(t)))


def _suspends(standing: Standing) -> bool:
    return Action.SUSPEND_SUBSCRIPTIONS in standing.actions


def _collect(
    targets: Iterable[SuspensionTarget],
    decide: Callable[[SuspensionTarget], tuple[bool, Reason | None]],
    event: Callable[[str], E],
) -> CollectionsEvents[E]:
    """The events and reasons ``decide`` gives each target, earliest term end first."""
    events: list[E] = []
    reasons: list[Reason] = []
    for target in _in_order(targets):
        act, reason = decide(target)
        if act:
            events.append(event(_name(target)))
        if reason is not None:
            reasons.append(reason)
    return CollectionsEvents(events=tuple(events), reasons=tuple(reasons))


def _to_suspend(target: SuspensionTarget, day: dt.date) -> tuple[bool, Reason | None]:
    """Suspend a subscription whose term has not ended, unless it is not active (or is a trial)."""
    name, term_end = _name(target), _term_end(target)
    if term_end < day:
        return False, None  # its term is over: nothing left to suspend
    if isinstance(target, SubscriptionState):
        if target.status is not SubscriptionStatus.ACTIVE:
            return False, None  # already suspended, or ended
        if target.is_trial:
            return False, Reason(
                code="billing.collections.trial_not_suspended",
                params={"subscription": name},
                source=_TRIAL_SOURCE,
            )
    return True, Reason(
        code="billing.collections.suspend_subscription",
        params={"subscription": name, "reactivate_by": term_end},
        source=_SUSPEND_SOURCE,
    )


def _to_reactivate(target: SuspensionTarget, day: dt.date) -> tuple[bool, Reason | None]:
    """Reactivate a suspended subscription by its term end; report one past it."""
    suspended = _suspended(target)
    if suspended is False:
        return False, None
    params = {"subscription": _name(target), "reactivate_by": _term_end(target)}
    if suspended is None or _term_end(target) < day:
        return False, Reason(
            code="billing.collections.reactivation_deadline_passed", params=params, source=_SUSPEND_SOURCE
        )
    return True, Reason(
        code="billing.collections.reactivate_subscription", params=params, source=_SUSPEND_SOURCE
    )


def suspension_events(
    standing: Standing,
    *,
    at: dt.datetime,
    subscriptions: Iterable[SuspensionTarget] | Mapping[str, SubscriptionState] | None = None,
) -> CollectionsEvents[Suspend]:
    """The :class:`~cspcore.billing.Suspend` events a suspending stage calls for at instant ``at``.

    None when the standing's stage does not suspend subscriptions. Otherwise one event per
    subscription still live on ``at``'s day (its term end not passed) and not already suspended or
    ended; a trial gets a reason instead, since its status cannot change during the trial
    (``create-a-new-subscription.md``).

    Args:
        standing: The customer's standing (:func:`~cspcore.billing.evaluate`).
        at: The instant to suspend at, on the standing's day (UTC).
        subscriptions: The customer's subscriptions; by default the standing's reactivation
            deadlines (the commitments :func:`~cspcore.billing.evaluate` was given).

    Returns:
        The events, with one reason per subscription considered.

    Raises:
        InvalidInput: a value of the wrong type (``WRONG_TYPE``), a naive ``at``
            (``NAIVE_DATETIME``), ``at`` on another day than the standing's (``INCONSISTENT``), a
            subscription named twice (``DUPLICATE``).

    >>> import datetime as dt
    >>> from cspcore.billing import STANDARD, Ledger, evaluate
    >>> clear = evaluate(STANDARD, Ledger(), as_of=dt.date(2024, 3, 2), currency="EUR")
    >>> suspension_events(clear, at=dt.datetime(2024, 3, 2, 9, tzinfo=dt.UTC)).events
    ()
    """
    checked = _standing(standing, "standing")
    moment = _on_standing_day(at, checked)
    targets = _targets(subscriptions, checked)
    if not _suspends(checked):
        return CollectionsEvents(events=())
    return _collect(
        targets,
        lambda target: _to_suspend(target, checked.as_of),
        lambda name: Suspend(at=moment, subscription=name),
    )


def _suspended(target: SuspensionTarget) -> bool | None:
    """Whether a target is suspended: True, False (active or ended otherwise), None (ended unreactivated)."""
    if not isinstance(target, SubscriptionState):
        return True  # named by the suspending standing, or by the caller as suspended
    if target.status is SubscriptionStatus.SUSPENDED:
        return True
    if target.end_reason is EndReason.NOT_REACTIVATED:
        return None
    return False


def reactivation_events(
    previous: Standing,
    current: Standing,
    *,
    at: dt.datetime,
    subscriptions: Iterable[SuspensionTarget] | Mapping[str, SubscriptionState] | None = None,
) -> CollectionsEvents[Reactivate]:
    """The :class:`~cspcore.billing.Reactivate` events when a standing leaves its suspending stage.

    When ``previous`` suspends subscriptions and ``current`` (the customer has paid) no longer does,
    each subscription that was suspended is reactivated at ``at`` if its term end (the reactivation
    deadline) has not passed; one past it gets a reason instead: it can no longer be reactivated and
    its data is deleted (``create-a-new-subscription.md``, "Suspend a subscription"). Auto-renew stays
    off after a reactivation: the partner turns it back on if the customer should renew. Nothing
    while ``current`` still suspends, nor when ``previous`` did not.

    Args:
        previous: The standing that suspended the subscriptions.
        current: The later standing; ``at`` falls on its day (UTC).
        at: The instant to reactivate at.
        subscriptions: The suspended subscriptions; by default ``previous``'s reactivation
            deadlines. :class:`~cspcore.billing.SubscriptionState` values say themselves whether
            they are suspended (only those are reactivated) or ended unreactivated.

    Returns:
        The events, with one reason per subscription considered.

    Raises:
        InvalidInput: a value of the wrong type (``WRONG_TYPE``), a naive ``at``
            (``NAIVE_DATETIME``), ``at`` on another day than ``current``'s (``INCONSISTENT``),
            ``current`` dated before ``previous`` (``OUT_OF_ORDER``), a subscription named twice
            (``DUPLICATE``).
        CurrencyMismatch: standings of accounts in different currencies.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import STANDARD, Ledger, Standing, evaluate
    >>> stage = STANDARD.stages[3]
    >>> suspending = Standing(
    ...     as_of=dt.date(2024, 3, 2),
    ...     stage=stage,
    ...     days_past_due=24,
    ...     overdue=Money(500, "EUR"),
    ...     unpaid_invoices=1,
    ...     actions=stage.actions,
    ...     next_review=None,
    ...     reactivation_deadlines=(ReactivationDeadline(subscription_id="s-1", by=dt.date(2024, 12, 31)),),
    ... )
    >>> paid = evaluate(STANDARD, Ledger(), as_of=dt.date(2024, 3, 9), currency="EUR")
    >>> back = reactivation_events(suspending, paid, at=dt.datetime(2024, 3, 9, 10, tzinfo=dt.UTC))
    >>> back.subscriptions
    ('s-1',)
    """
    before = _standing(previous, "previous")
    after = _standing(current, "current")
    if after.as_of < before.as_of:
        raise InvalidInput(
            "current", "is dated before the previous standing", after.as_of, code=ErrorCode.OUT_OF_ORDER
        )
    if after.overdue.currency != before.overdue.currency:
        raise CurrencyMismatch("current", before.overdue.currency, after.overdue.currency)
    moment = _on_standing_day(at, after)
    targets = _targets(subscriptions, before)
    if not _suspends(before) or _suspends(after):
        return CollectionsEvents(events=())
    return _collect(
        targets,
        lambda target: _to_reactivate(target, after.as_of),
        lambda name: Reactivate(at=moment, subscription=name),
    )
