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
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from cspcore import _validate
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
from cspcore.errors import CurrencyMismatch, InvalidInput
from cspcore.money import Money

__all__ = [
    "LENIENT",
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


def _stages(value: object) -> tuple[Stage, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise InvalidInput("stages", "expected a list of stages", value)
    return tuple(_validate.instance(stage, Stage, f"stages[{i}]") for i, stage in enumerate(value))


def _exempt(value: object) -> frozenset[str]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list, set, frozenset)):
        raise InvalidInput("exempt_accounts", "expected a list of account ids", value)
    return frozenset(_validate.text(item, f"exempt_accounts[{i}]") for i, item in enumerate(value))


def _grace(value: object) -> int:
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
        stages: The stages, mildest first (at least one).
        grace_days: Days past due before any stage's clock starts.
        exempt_accounts: Accounts the policy never acts on.
        description: Free text for people.

    Raises:
        InvalidInput: naming the offending path (``stages[1].after_days: ...``).

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
            raise InvalidInput("stages", "a policy needs at least one stage", self.stages)
        names: dict[str, int] = {}
        currencies: set[str] = set()
        for index, stage in enumerate(self.stages):
            if stage.name in names:
                raise InvalidInput(
                    f"stages[{index}].name", f"repeats stages[{names[stage.name]}].name", stage.name
                )
            names[stage.name] = index
            if stage.min_overdue is not None:
                currencies.add(stage.min_overdue.currency)
                if len(currencies) > 1:
                    first = next(iter(currencies - {stage.min_overdue.currency}))
                    raise CurrencyMismatch(f"stages[{index}].min_overdue", first, stage.min_overdue.currency)
            if stage.terminal and index != len(self.stages) - 1:
                raise InvalidInput(
                    f"stages[{index}].terminal", "only the last stage may be terminal", stage.terminal
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
        raise InvalidInput("name", "no such stage in the policy", name)

    def to_dict(self) -> dict[str, Any]:
        """A JSON- and TOML-friendly dict (no nulls; amounts as strings); :meth:`from_dict` inverts it.

        >>> STANDARD.to_dict()["stages"][0]
        {'name': 'reminder', 'after_days': 0, 'actions': ['remind']}
        """
        data: dict[str, Any] = {"name": self.name}
        if self.description is not None:
            data["description"] = self.description
        data["grace_days"] = self.grace_days
        if self.exempt_accounts:
            data["exempt_accounts"] = sorted(self.exempt_accounts)
        data["stages"] = [_stage_to_dict(stage) for stage in self.stages]
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CollectionsPolicy:
        """Build a policy from a plain mapping (parsed JSON or TOML), refusing unknown keys.

        Raises:
            InvalidInput: naming the path of the first problem (``stages[2].actions[0]: ...``).

        >>> CollectionsPolicy.from_dict(
        ...     {"name": "x", "stages": [{"name": "r", "after_days": "3", "actions": ["remind"]}]}
        ... )
        Traceback (most recent call last):
        cspcore.errors.InvalidInput: stages[0].after_days: expected an int (got '3')
        """
        if not isinstance(data, Mapping):
            raise InvalidInput("policy", "expected a mapping", data)
        _known_keys(data, {"name", "description", "grace_days", "exempt_accounts", "stages"}, "")
        for key in ("name", "stages"):
            if key not in data:
                raise InvalidInput(key, "is required", None, show_value=False)
        raw_stages = data["stages"]
        if isinstance(raw_stages, (str, bytes, Mapping)) or not isinstance(raw_stages, Sequence):
            raise InvalidInput("stages", "expected a list of stages", raw_stages)
        stages = tuple(_stage_from_dict(item, index) for index, item in enumerate(raw_stages))
        return cls(
            name=data["name"],
            stages=stages,
            grace_days=data.get("grace_days", 0),
            exempt_accounts=data.get("exempt_accounts", ()),
            description=data.get("description"),
        )


def _check_order(before: Stage, stage: Stage, index: int, grace: int) -> None:
    if stage.after_days < before.after_days:
        raise InvalidInput(
            f"stages[{index}].after_days",
            f"must not be less than stages[{index - 1}].after_days ({before.after_days})",
            stage.after_days,
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
                )
            raise InvalidInput(
                f"stages[{index}]",
                f"has the same after_days as stages[{index - 1}] ({before.after_days}) and must demand "
                "a greater min_overdue or min_unpaid_invoices, "
                f"else stages[{index - 1}] could never be reached",
                stage.name,
            )


def _known_keys(data: Mapping[str, Any], allowed: set[str], prefix: str) -> None:
    for key in data:
        if key not in allowed:
            raise InvalidInput(
                f"{prefix}{key}", f"unknown key; expected one of {', '.join(sorted(allowed))}", key
            )


def _stage_to_dict(stage: Stage) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": stage.name,
        "after_days": stage.after_days,
        "actions": [action.value for action in stage.actions],
    }
    if stage.min_overdue is not None:
        data["min_overdue"] = {
            "amount": str(stage.min_overdue.amount),
            "currency": stage.min_overdue.currency,
        }
    if stage.min_unpaid_invoices is not None:
        data["min_unpaid_invoices"] = stage.min_unpaid_invoices
    if stage.terminal:
        data["terminal"] = True
    return data


def _threshold(value: object) -> Money:
    if not isinstance(value, Mapping) or set(value) != {"amount", "currency"}:
        raise InvalidInput("min_overdue", "expected {amount, currency}", value)
    return Money(_validate.text(value["amount"], "min_overdue.amount"), value["currency"])


def _stage_from_dict(item: object, index: int) -> Stage:
    path = f"stages[{index}]"
    if not isinstance(item, Mapping):
        raise InvalidInput(path, "expected a mapping", item)
    _known_keys(
        item, {"name", "after_days", "actions", "min_overdue", "min_unpaid_invoices", "terminal"}, f"{path}."
    )
    for key in ("name", "after_days", "actions"):
        if key not in item:
            raise InvalidInput(f"{path}.{key}", "is required", None, show_value=False)
    threshold = item.get("min_overdue")
    try:
        if threshold is not None:
            threshold = _threshold(threshold)
        return Stage(
            name=item["name"],
            after_days=item["after_days"],
            actions=item["actions"],
            min_overdue=threshold,
            min_unpaid_invoices=item.get("min_unpaid_invoices"),
            terminal=item.get("terminal", False),
        )
    except InvalidInput as error:
        field = error.field if error.field not in {"amount", "currency"} else f"min_overdue.{error.field}"
        raise InvalidInput(f"{path}.{field}", error.problem, error.value) from None


# -- an invoice's schedule -------------------------------------------------------------------------


@positional_deprecated("on", "stage", "actions")
@attrs.frozen(kw_only=True)
class ScheduledAction:
    """A stage that will apply on a date if the invoice stays unpaid.

    >>> ScheduledAction(on=dt.date(2024, 2, 8), stage=STANDARD.stages[0], actions=(Action.REMIND,)).on
    datetime.date(2024, 2, 8)
    """

    on: dt.date
    stage: Stage
    actions: tuple[Action, ...]

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)


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
