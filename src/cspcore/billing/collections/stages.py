"""Collections stages, their actions, and THE stage schedule that every collections rule reads.

A :class:`Stage` is one step of a collections policy: from how many days past due it applies, what it
demands (an overdue amount, a number of overdue invoices) and what it does (:class:`Action` values).

:func:`stage_schedule` is the one rule for "which stage applies": for an account owing some amount on
some invoices, the days past due from which each stage applies, as a step function. Evaluating an
account on one day (:func:`~cspcore.billing.evaluate`), listing an invoice's dated stages
(:func:`~cspcore.billing.schedule`) and replaying a portfolio day by day
(:func:`~cspcore.billing.whatif.simulate`) all read it, so they cannot disagree.

>>> from decimal import Decimal
>>> table = ladder(
...     (
...         Stage(name="remind", after_days=0, actions="remind"),
...         Stage(name="suspend", after_days=14, actions="suspend_subscriptions"),
...     ),
...     3,
... )
>>> table.thresholds
((3, Decimal('0'), 1), (17, Decimal('0'), 1))
>>> steps = stage_schedule(table.thresholds, Decimal("120.00"), 1)
>>> steps, stage_reached(steps, 2), stage_reached(steps, 20)
(((3, 17), (0, 1)), -1, 1)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Literal, TypeAlias

import attrs

from cspcore import _validate
from cspcore._keyword_only import positional_deprecated
from cspcore.enums import CspEnum
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.money import Money

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "Action",
    "ActionSpelling",
    "Ladder",
    "Stage",
    "Threshold",
    "ladder",
    "short_text",
    "stage_reached",
    "stage_schedule",
]

_ZERO: Final = Decimal(0)


class Action(CspEnum):
    """What a collections stage does."""

    REMIND = "remind"
    """Send a payment reminder."""
    FINAL_NOTICE = "final_notice"
    """Send a final notice before access is affected."""
    BLOCK_NEW_PURCHASES = "block_new_purchases"
    """Refuse new purchases and seat increases (as Microsoft does to a partner over its credit limit)."""
    SUSPEND_SUBSCRIPTIONS = "suspend_subscriptions"
    """Suspend the customer's subscriptions: access stops, Microsoft keeps billing the partner."""
    TURN_OFF_AUTO_RENEW = "turn_off_auto_renew"
    """Turn auto-renew off, so that no new term (which cannot be cancelled after 7 days) starts."""
    WRITE_OFF = "write_off"
    """Write the overdue invoices off as uncollectible."""
    REFER_TO_AGENCY = "refer_to_agency"
    """Hand the debt to a collections agency."""


#: The strings an :class:`Action` may be given as (its values and names), for type checkers.
ActionSpelling: TypeAlias = Literal[
    "remind",
    "final_notice",
    "block_new_purchases",
    "suspend_subscriptions",
    "turn_off_auto_renew",
    "write_off",
    "refer_to_agency",
    "REMIND",
    "FINAL_NOTICE",
    "BLOCK_NEW_PURCHASES",
    "SUSPEND_SUBSCRIPTIONS",
    "TURN_OFF_AUTO_RENEW",
    "WRITE_OFF",
    "REFER_TO_AGENCY",
]


_ACTION_ORDER: Final = {action: rank for rank, action in enumerate(Action)}


def _actions(value: Action | ActionSpelling | Iterable[Action | ActionSpelling]) -> tuple[Action, ...]:
    """A stage's actions from one action (or its name) or any iterable of them.

    A list or tuple keeps its order; an unordered collection (a set, say) is put in :class:`Action`'s
    order, mildest first, so that the same set always gives the same stage.
    """
    if isinstance(value, (Action, str)):
        return (_validate.enum_member(Action, value, "actions"),)
    items = _validate.iterable(value, "actions")
    actions = tuple(_validate.enum_member(Action, item, f"actions[{i}]") for i, item in enumerate(items))
    if not isinstance(value, (tuple, list)):
        actions = tuple(sorted(actions, key=_ACTION_ORDER.__getitem__))
    if not actions:
        raise InvalidInput("actions", "a stage needs at least one action", value, code=ErrorCode.EMPTY)
    if len(set(actions)) != len(actions):
        raise InvalidInput(
            "actions", "lists an action twice", tuple(a.value for a in actions), code=ErrorCode.DUPLICATE
        )
    return actions


def _optional_money(value: Money | None) -> Money | None:
    if value is None:
        return None
    money: Money = _validate.instance(value, Money, "min_overdue")
    if not money.is_positive():
        raise InvalidInput(
            "min_overdue",
            "must be positive (leave it out for no minimum)",
            value,
            code=ErrorCode.OUT_OF_RANGE,
        )
    return money


def _optional_count(value: int | None) -> int | None:
    if value is None:
        return None
    return _validate.integer(value, "min_unpaid_invoices", minimum=1, maximum=10_000)


def _after_days(value: int) -> int:
    return _validate.integer(value, "after_days", minimum=0, maximum=3660)


def short_text(value: object, field: str) -> str:
    """A name of a stage or a policy: non-empty text of at most 200 characters.

    >>> short_text("remind", "name")
    'remind'
    """
    return _validate.text(value, field, max_length=200)


@positional_deprecated("name", "after_days", "actions", "min_overdue", "min_unpaid_invoices")
@attrs.frozen(kw_only=True)
class Stage:
    """One step of a collections policy.

    Args:
        name: A unique name (``"reminder"``, ``"suspend"``).
        after_days: Days past the due date of the oldest unpaid, undisputed invoice (after the policy's
            grace days) from which the stage applies; 0 is the first day past due.
        actions: What the stage does: one :class:`Action` (or its name), or a list, tuple, set or
            any iterable of them. A list or tuple keeps its order; a set is put in :class:`Action`'s
            order (mildest first).
        min_overdue: The overdue amount the account must reach, if any.
        min_unpaid_invoices: The number of overdue invoices the account must reach, if any.
        terminal: No re-evaluation is scheduled once here (only the last stage may be terminal).

    >>> Stage(name="reminder", after_days=0, actions=(Action.REMIND,)).after_days
    0
    >>> [
    ...     a.value
    ...     for a in Stage(
    ...         name="suspend", after_days=21, actions={"suspend_subscriptions", "block_new_purchases"}
    ...     ).actions
    ... ]
    ['block_new_purchases', 'suspend_subscriptions']
    """

    name: str = attrs.field(validator=_validate.attrs_validator(short_text))
    after_days: int = attrs.field(converter=_after_days)
    actions: tuple[Action, ...] = attrs.field(converter=_actions)
    min_overdue: Money | None = attrs.field(default=None, converter=_optional_money)
    min_unpaid_invoices: int | None = attrs.field(default=None, converter=_optional_count)
    terminal: bool = attrs.field(
        default=False, validator=_validate.attrs_validator(_validate.flag), kw_only=True
    )


#: One stage reduced to numbers: (days past due it needs, counting grace and at least 1; the overdue
#: amount it needs, zero for none; the number of overdue invoices it needs, at least 1).
Threshold = tuple[int, Decimal, int]


@positional_deprecated("thresholds", "currency", "amounts")
@attrs.frozen(kw_only=True)
class Ladder:
    """A policy's stages reduced to numbers, mildest first (see :func:`ladder`).

    Args:
        thresholds: One :data:`Threshold` per stage.
        currency: The currency of the amount thresholds, if any stage has one.
        amounts: Some stage has an amount threshold.
    """

    thresholds: tuple[Threshold, ...]
    currency: str | None
    amounts: bool


def ladder(stages: tuple[Stage, ...], grace_days: int) -> Ladder:
    """The stages reduced to numbers under ``grace_days`` (a policy holds its own as ``policy.ladder``).

    >>> ladder((Stage(name="r", after_days=0, actions="remind"),), 0).thresholds
    ((1, Decimal('0'), 1),)
    """
    amounts = [stage.min_overdue for stage in stages if stage.min_overdue is not None]
    return Ladder(
        thresholds=tuple(
            (
                max(1, grace_days + stage.after_days),
                stage.min_overdue.amount if stage.min_overdue is not None else _ZERO,
                stage.min_unpaid_invoices or 1,
            )
            for stage in stages
        ),
        currency=amounts[0].currency if amounts else None,
        amounts=bool(amounts),
    )


#: Where the stage steps up: ``(offsets, stages)``, see :func:`stage_schedule`.
Schedule = tuple[tuple[int, ...], tuple[int, ...]]


def stage_schedule(thresholds: tuple[Threshold, ...], overdue: Decimal, count: int) -> Schedule:
    """Where the stage steps up for an account owing ``overdue`` on ``count`` overdue invoices.

    Returns ``(offsets, stages)``: from ``offsets[i]`` days past the oldest due date on, the stage is
    ``stages[i]`` (an index into the policy's stages), until the next offset. Only stages whose amount
    and count thresholds hold take part; of stages with the same days the most severe wins. Day
    thresholds never decrease along a policy's stages (the policy refuses that), so this is the rule
    "the most severe stage whose conditions all hold" as a step function of the days past due.

    >>> from decimal import Decimal as D
    >>> stage_schedule(((1, D(0), 1), (5, D(100), 1), (5, D(0), 2)), D(150), 1)
    ((1, 5), (0, 1))
    """
    offsets: list[int] = []
    stages: list[int] = []
    for index, (need_days, need_amount, need_count) in enumerate(thresholds):
        if overdue >= need_amount and count >= need_count:
            if offsets and offsets[-1] == need_days:
                stages[-1] = index
            else:
                offsets.append(need_days)
                stages.append(index)
    return tuple(offsets), tuple(stages)


def stage_reached(schedule: Schedule, days_past_due: int) -> int:
    """The index of the stage that applies ``days_past_due`` days past due, or -1 for none yet.

    >>> stage_reached(((1, 5), (0, 1)), 4), stage_reached(((1, 5), (0, 1)), 0)
    (0, -1)
    """
    offsets, stages = schedule
    step = bisect.bisect_right(offsets, days_past_due)
    return stages[step - 1] if step else -1
