"""Collections policies as data: their schema, (de)serialisation, presets, and an invoice's schedule.

A :class:`CollectionsPolicy` is ordered :class:`~cspcore.billing.collections.stages.Stage` values from
mildest to most severe; :meth:`CollectionsPolicy.to_dict` and :meth:`CollectionsPolicy.from_dict` turn it
into plain data (JSON, TOML) and back; :data:`LENIENT`, :data:`STANDARD` and :data:`STRICT` are presets.
:func:`schedule` lists the dated stages one invoice would go through if it stayed unpaid.

>>> CollectionsPolicy.from_dict(STRICT.to_dict()) == STRICT
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _structure, _validate
from cspcore._keyword_only import positional_deprecated
from cspcore.billing.collections.stages import (
    Action,
    Ladder,
    Stage,
    short_text,
    stage_schedule,
)
from cspcore.billing.collections.stages import ladder as stage_ladder
from cspcore.billing.invoices import Invoice
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.money import Money

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "LENIENT",
    "MAX_STAGES",
    "PRESETS",
    "STANDARD",
    "STRICT",
    "CollectionsPolicy",
    "ScheduledAction",
    "schedule",
]

_ZERO: Final = Decimal(0)
#: The last ordinal the calendar has (9999-12-31): a day past it has no date, so nothing is dated there.
_LAST_ORDINAL: Final = dt.date.max.toordinal()
#: The most stages a policy holds: far beyond any real ladder (the presets have four or five), and
#: small enough that a what-if's daily series, one count and one amount per stage and day over up to
#: a century, stays in memory. A what-if :class:`~cspcore.billing.collections.whatif.results.DayPoint`
#: holds at most this many stages' counts besides ``clear``'s.
MAX_STAGES: Final = 100


def _stages(given: tuple[Stage, ...] | list[Stage]) -> tuple[Stage, ...]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise InvalidInput("stages", "expected a list of stages", value, code=ErrorCode.WRONG_TYPE)
    if len(value) > MAX_STAGES:
        raise InvalidInput("stages", f"more than {MAX_STAGES} stages", len(value), code=ErrorCode.TOO_LONG)
    return tuple(_validate.instance(stage, Stage, f"stages[{i}]") for i, stage in enumerate(value))


def _exempt(given: tuple[str, ...] | list[str] | set[str] | frozenset[str]) -> frozenset[str]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list, set, frozenset)):
        raise InvalidInput(
            "exempt_accounts", "expected a list of account ids", value, code=ErrorCode.WRONG_TYPE
        )
    return frozenset(_validate.text(item, f"exempt_accounts[{i}]") for i, item in enumerate(value))


def _grace(value: int) -> int:
    return _validate.integer(value, "grace_days", minimum=0, maximum=3660)


@positional_deprecated("name", "stages")
@attrs.frozen(kw_only=True)
class CollectionsPolicy:
    """A partner's collections policy: stages from mildest to most severe.

    Stages must be ordered by ``after_days`` (non-decreasing); where two share ``after_days`` the later
    must demand a strictly greater ``min_overdue`` or ``min_unpaid_invoices``, otherwise the earlier
    could never be reached (the most severe stage that holds wins), and the policy is refused.

    Args:
        name: The policy's name.
        stages: The stages, mildest first (at least one, at most :data:`MAX_STAGES`).
        grace_days: Days past due before any stage's clock starts.
        exempt_accounts: Accounts the policy never acts on.
        description: Free text for people.

    Raises:
        InvalidInput: naming the offending path (``stages[1].after_days: ...``); more than
            :data:`MAX_STAGES` stages (``stages``, code ``too_long``).

    >>> CollectionsPolicy(
    ...     name="p",
    ...     stages=(
    ...         Stage(name="b", after_days=5, actions=("remind",)),
    ...         Stage(name="a", after_days=1, actions=("suspend_subscriptions",)),
    ...     ),
    ... )
    Traceback (most recent call last):
    cspcore.errors.InvalidInput: stages[1].after_days: must not be less than stages[0].after_days (5) (got 1)
    """

    name: str = attrs.field(validator=_validate.attrs_validator(short_text))
    stages: tuple[Stage, ...] = attrs.field(converter=_stages)
    grace_days: int = attrs.field(default=0, converter=_grace, kw_only=True)
    exempt_accounts: frozenset[str] = attrs.field(default=frozenset(), converter=_exempt, kw_only=True)
    description: str | None = attrs.field(default=None, kw_only=True)
    #: The stages reduced to numbers (derived from the stages and grace days when the policy is built).
    ladder: Ladder = attrs.field(
        init=False,
        default=attrs.Factory(lambda self: stage_ladder(self.stages, self.grace_days), takes_self=True),
        eq=False,
        repr=False,
        hash=False,
    )

    def __attrs_post_init__(self) -> None:
        if self.description is not None:
            _validate.text(self.description, "description", allow_empty=True)
        if not self.stages:
            raise InvalidInput(
                "stages", "a policy needs at least one stage", self.stages, code=ErrorCode.EMPTY
            )
        names: dict[str, int] = {}
        currencies: set[str] = set()
        for index, stage in enumerate(self.stages):
            if stage.name in names:
                raise InvalidInput(
                    f"stages[{index}].name",
                    f"repeats stages[{names[stage.name]}].name",
                    stage.name,
                    code=ErrorCode.DUPLICATE,
                )
            names[stage.name] = index
            if stage.min_overdue is not None:
                currencies.add(stage.min_overdue.currency)
                if len(currencies) > 1:
                    first = next(iter(currencies - {stage.min_overdue.currency}))
                    raise CurrencyMismatch(f"stages[{index}].min_overdue", first, stage.min_overdue.currency)
            if stage.terminal and index != len(self.stages) - 1:
                raise InvalidInput(
                    f"stages[{index}].terminal",
                    "only the last stage may be terminal",
                    stage.terminal,
                    code=ErrorCode.NOT_ALLOWED,
                )
            if index:
                _check_order(self.stages[index - 1], stage, index, self.grace_days)

    @property
    def currency(self) -> str | None:
        """The currency of the stages' amount thresholds, if any has one."""
        return self.ladder.currency

    def stage(self, name: str) -> Stage:
        """The stage called ``name``.

        Raises:
            InvalidInput: when there is none.
        """
        for stage in self.stages:
            if stage.name == name:
                return stage
        raise InvalidInput("name", "no such stage in the policy", name, code=ErrorCode.UNKNOWN_REFERENCE)

    def to_dict(self) -> dict[str, Any]:
        """A JSON- and TOML-friendly dict (no nulls; amounts as strings); :meth:`from_dict` inverts it.

        >>> STANDARD.to_dict()["stages"][0]
        {'name': 'reminder', 'after_days': 0, 'actions': ['remind']}
        """
        return _POLICY_TO_DICT(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CollectionsPolicy:
        """Build a policy from a plain mapping (parsed JSON or TOML), refusing unknown keys.

        The keys are the policy's own fields (``name``, ``stages``, and optionally ``grace_days``,
        ``exempt_accounts``, ``description``); each stage has ``name``, ``after_days``, ``actions`` and
        optionally ``min_overdue`` (``{amount = "500.00", currency = "EUR"}``, the amount a string),
        ``min_unpaid_invoices`` and ``terminal``.

        Raises:
            InvalidInput: naming the path of the first problem (``stages[2].actions[0]``), with its code:
                ``missing`` for a missing key, ``unknown_value`` for an unknown one, else the check's own.

        >>> CollectionsPolicy.from_dict(
        ...     {"name": "x", "stages": [{"name": "r", "after_days": "3", "actions": ["remind"]}]}
        ... )
        Traceback (most recent call last):
        cspcore.errors.InvalidInput: stages[0].after_days: expected an int (got '3')
        """
        policy: CollectionsPolicy = _structure.structure(data, _POLICY, root="policy")
        return policy


def _check_order(before: Stage, stage: Stage, index: int, grace: int) -> None:
    if stage.after_days < before.after_days:
        raise InvalidInput(
            f"stages[{index}].after_days",
            f"must not be less than stages[{index - 1}].after_days ({before.after_days})",
            stage.after_days,
            code=ErrorCode.OUT_OF_ORDER,
        )
    if max(1, grace + stage.after_days) == max(1, grace + before.after_days):
        more_amount = (stage.min_overdue.amount if stage.min_overdue else _ZERO) > (
            before.min_overdue.amount if before.min_overdue else _ZERO
        )
        more_invoices = (stage.min_unpaid_invoices or 1) > (before.min_unpaid_invoices or 1)
        if not (more_amount or more_invoices):
            if stage.after_days != before.after_days:
                raise InvalidInput(
                    f"stages[{index}].after_days",
                    f"with grace_days {grace}, {stage.after_days} and stages[{index - 1}].after_days "
                    f"({before.after_days}) both mean the first day past due, so stages[{index - 1}] could "
                    "never be reached",
                    stage.after_days,
                    code=ErrorCode.INCONSISTENT,
                )
            raise InvalidInput(
                f"stages[{index}]",
                f"has the same after_days as stages[{index - 1}] ({before.after_days}) and must demand "
                "a greater min_overdue or min_unpaid_invoices, "
                f"else stages[{index - 1}] could never be reached",
                stage.name,
                code=ErrorCode.INCONSISTENT,
            )


# -- plain data ------------------------------------------------------------------------------------


@attrs.frozen
class _Threshold:
    """A stage's ``min_overdue`` as plain data: ``{amount = "500.00", currency = "EUR"}``."""

    amount: str
    currency: str


_THRESHOLD_TABLE: Final = _structure.table(_Threshold, amount=_structure.text)


def _threshold(value: object, kind: object) -> Money:
    threshold: _Threshold = _THRESHOLD_TABLE(value, kind)
    return Money(threshold.amount, threshold.currency)


def _threshold_to_dict(money: Money) -> dict[str, str]:
    return {"amount": str(money.amount), "currency": money.currency}


def _actions_to_list(actions: tuple[Action, ...]) -> list[str]:
    return [action.value for action in actions]


_STAGE: Final = _structure.table(Stage, min_overdue=_structure.optional(_threshold))
_POLICY: Final = _structure.table(CollectionsPolicy, stages=_structure.items(_STAGE))
_STAGE_TO_DICT: Final = _structure.unstructurer(
    Stage,
    ("name", "after_days", "actions", "min_overdue", "min_unpaid_invoices", "terminal"),
    {"actions": _actions_to_list, "min_overdue": _threshold_to_dict},
    omit_if_default=("min_overdue", "min_unpaid_invoices", "terminal"),
)


def _stages_to_list(stages: tuple[Stage, ...]) -> list[dict[str, Any]]:
    return [_STAGE_TO_DICT(stage) for stage in stages]


_POLICY_TO_DICT: Final = _structure.unstructurer(
    CollectionsPolicy,
    ("name", "description", "grace_days", "exempt_accounts", "stages"),
    {"exempt_accounts": sorted, "stages": _stages_to_list},
    omit_if_default=("description", "exempt_accounts"),
)

# -- an invoice's schedule -------------------------------------------------------------------------


@positional_deprecated("on", "stage", "actions")
@attrs.frozen(kw_only=True)
class ScheduledAction:
    """A stage that will apply on a date if the invoice stays unpaid.

    >>> ScheduledAction(on=dt.date(2024, 2, 8), stage=STANDARD.stages[0], actions=(Action.REMIND,)).on
    datetime.date(2024, 2, 8)
    """

    on: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    stage: Stage = attrs.field(validator=_validate.attrs_instance_of(Stage))
    actions: tuple[Action, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Action))


def schedule(policy: CollectionsPolicy, invoice: Invoice) -> tuple[ScheduledAction, ...]:
    """The dated stages ``invoice`` would go through under ``policy`` if it stayed unpaid.

    Only the stages this invoice can reach on its own are listed (one overdue invoice of its total);
    a disputed invoice never triggers a stage. An invoice without a due date is due on issue. A stage
    that would fall after 9999-12-31 has no date and is left out.

    Raises:
        InvalidInput: on wrong types or a threshold in another currency.

    >>> from cspcore.billing import Invoice
    >>> inv = Invoice(
    ...     id="C-1",
    ...     issued=dt.date(2024, 1, 8),
    ...     due=dt.date(2024, 2, 7),
    ...     currency="EUR",
    ...     total_charges=Money("500.00", "EUR"),
    ... )
    >>> [(s.on.isoformat(), s.stage.name) for s in schedule(STRICT, inv)][:3]
    [('2024-02-08', 'reminder'), ('2024-02-11', 'final_notice'), ('2024-02-14', 'block_purchases')]
    """
    chosen: CollectionsPolicy = _validate.instance(policy, CollectionsPolicy, "policy")
    document: Invoice = _validate.instance(invoice, Invoice, "invoice")
    if chosen.currency is not None and chosen.currency != document.currency:
        raise CurrencyMismatch("policy", chosen.currency, document.currency)
    if document.disputed or not document.total_charges.is_positive():
        return ()
    due = (document.due or document.issued).toordinal()
    offsets, stages = stage_schedule(chosen.ladder.thresholds, document.total_charges.amount, 1)
    # A stage whose day falls past 9999-12-31 has no date, so it is not listed.
    return tuple(
        ScheduledAction(
            on=dt.date.fromordinal(due + days),
            stage=chosen.stages[index],
            actions=chosen.stages[index].actions,
        )
        for days, index in zip(offsets, stages, strict=True)
        if due + days <= _LAST_ORDINAL
    )


# -- presets ---------------------------------------------------------------------------------------

_R, _F, _B, _S, _A, _W, _G = (
    Action.REMIND,
    Action.FINAL_NOTICE,
    Action.BLOCK_NEW_PURCHASES,
    Action.SUSPEND_SUBSCRIPTIONS,
    Action.TURN_OFF_AUTO_RENEW,
    Action.WRITE_OFF,
    Action.REFER_TO_AGENCY,
)


def _preset(
    name: str, grace: int, days: tuple[int, int, int, int, int, int, int], description: str
) -> CollectionsPolicy:
    remind, final, block, suspend, renew, agency, write = days
    return CollectionsPolicy(
        name=name,
        grace_days=grace,
        description=description,
        stages=(
            Stage(name="reminder", after_days=remind, actions=(_R,)),
            Stage(name="final_notice", after_days=final, actions=(_F,)),
            Stage(name="block_purchases", after_days=block, actions=(_B,)),
            Stage(name="suspend", after_days=suspend, actions=(_B, _S)),
            Stage(name="stop_renewal", after_days=renew, actions=(_B, _S, _A)),
            Stage(name="agency", after_days=agency, actions=(_B, _S, _A, _G)),
            Stage(name="write_off", after_days=write, actions=(_B, _S, _A, _W), terminal=True),
        ),
    )


#: Suspends 30 days past due (5 grace + 25): with net-30 customer invoices issued when Microsoft's
#: invoice arrives, that is the day Microsoft's net 60 falls due.
LENIENT: Final = _preset(
    "lenient",
    5,
    (0, 10, 18, 25, 40, 60, 120),
    "Suspends on the day Microsoft's net 60 falls due (net-30 customers).",
)
#: Suspends 24 days past due (3 grace + 21): a week of margin before Microsoft's net 60.
STANDARD: Final = _preset(
    "standard",
    3,
    (0, 7, 14, 21, 30, 60, 90),
    "Suspends a week before Microsoft's net 60 falls due (net-30 customers).",
)
#: Suspends 14 days past due: collects well within Microsoft's net 60 even with net-45 customer terms.
STRICT: Final = _preset(
    "strict", 0, (0, 4, 7, 14, 21, 45, 60), "Suspends two weeks past due; fits net-45 customer terms."
)
#: The presets by name.
PRESETS: Final[Mapping[str, CollectionsPolicy]] = {p.name: p for p in (LENIENT, STANDARD, STRICT)}
