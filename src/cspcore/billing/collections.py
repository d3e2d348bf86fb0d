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

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _validate
from cspcore.billing import _bounds
from cspcore.billing.invoices import Invoice, Ledger
from cspcore.billing.ledger import ledger_currency, money_of, settle, timeline_of
from cspcore.billing.terms_of_payment import MICROSOFT_NET_60
from cspcore.enums import CspEnum
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.money import Money

__all__ = [
    "LENIENT",
    "PRESETS",
    "STANDARD",
    "STRICT",
    "Action",
    "CollectionsPolicy",
    "Commitment",
    "CreditCheck",
    "MicrosoftStanding",
    "ReactivationDeadline",
    "ScheduledAction",
    "Stage",
    "Standing",
    "credit_check",
    "evaluate",
    "microsoft_standing",
    "schedule",
]

_POLICY_SOURCE: Final = Source("provide-billing-support.md", "Collections policy")
_SUSPEND_SOURCE: Final = Source("create-a-new-subscription.md", "Suspend a subscription")
_CANCEL_SOURCE: Final = Source("cancel-subscriptions.md", "Cancellation window")
_TERMS_SOURCE: Final = Source("billing-basics.md", "Payment terms")
_PARTNER_SUSPENSION_SOURCE: Final = Source("suspended-partner-center-account.md", "Reasons for suspension")
_CREDIT_SOURCE: Final = Source("credit-limit-enforcement.md", "Available balance")
_ZERO: Final = Decimal(0)
#: The last ordinal the calendar has (9999-12-31): a day past it has no date, so nothing is dated there.
_LAST_ORDINAL: Final = dt.date.max.toordinal()
#: Microsoft's net 60 in days (``billing-basics.md``), for due dates worked out as ordinals.
_NET_60_DAYS: Final = MICROSOFT_NET_60.net_days


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


# -- stages and policies ---------------------------------------------------------------------------


_ACTION_ORDER: Final = {action: rank for rank, action in enumerate(Action)}


def _actions(value: object) -> tuple[Action, ...]:
    """A stage's actions from one action (or its name) or any iterable of them.

    A list or tuple keeps its order; an unordered collection (a set, say) is put in :class:`Action`'s
    order, mildest first, so that the same set always gives the same stage.
    """
    if isinstance(value, (Action, str)):
        return (_validate.enum_member(Action, value, "actions"),)
    items = _bounds.read_items(value, "actions")
    actions = tuple(_validate.enum_member(Action, item, f"actions[{i}]") for i, item in enumerate(items))
    if not isinstance(value, (tuple, list)):
        actions = tuple(sorted(actions, key=_ACTION_ORDER.__getitem__))
    if not actions:
        raise InvalidInput("actions", "a stage needs at least one action", value)
    if len(set(actions)) != len(actions):
        raise InvalidInput("actions", "lists an action twice", tuple(a.value for a in actions))
    return actions


def _optional_money(value: object) -> Money | None:
    if value is None:
        return None
    money: Money = _validate.instance(value, Money, "min_overdue")
    if not money.is_positive():
        raise InvalidInput("min_overdue", "must be positive (leave it out for no minimum)", value)
    return money


def _optional_count(value: object) -> int | None:
    if value is None:
        return None
    return _validate.integer(value, "min_unpaid_invoices", minimum=1, maximum=10_000)


def _after_days(value: object) -> int:
    return _validate.integer(value, "after_days", minimum=0, maximum=3660)


def _short_text(value: object, field: str) -> str:
    return _validate.text(value, field, max_length=200)


_money = _validate.money


_FLAG = _validate.attrs_validator(_validate.flag)


@attrs.frozen
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

    >>> Stage("reminder", 0, (Action.REMIND,)).after_days
    0
    >>> [a.value for a in Stage("suspend", 21, {"suspend_subscriptions", "block_new_purchases"}).actions]
    ['block_new_purchases', 'suspend_subscriptions']
    """

    name: str = attrs.field(validator=_validate.attrs_validator(_short_text))
    after_days: int = attrs.field(converter=_after_days)
    actions: tuple[Action, ...] = attrs.field(converter=_actions)
    min_overdue: Money | None = attrs.field(default=None, converter=_optional_money)
    min_unpaid_invoices: int | None = attrs.field(default=None, converter=_optional_count)
    terminal: bool = attrs.field(
        default=False, validator=_validate.attrs_validator(_validate.flag), kw_only=True
    )


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


@attrs.frozen
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
    ...     name="p", stages=(Stage("b", 5, ("remind",)), Stage("a", 1, ("suspend_subscriptions",)))
    ... )
    Traceback (most recent call last):
    cspcore.errors.InvalidInput: stages[1].after_days: must not be less than stages[0].after_days (5) (got 1)
    """

    name: str = attrs.field(validator=_validate.attrs_validator(_short_text))
    stages: tuple[Stage, ...] = attrs.field(converter=_stages)
    grace_days: int = attrs.field(default=0, converter=_grace, kw_only=True)
    exempt_accounts: frozenset[str] = attrs.field(default=frozenset(), converter=_exempt, kw_only=True)
    description: str | None = attrs.field(default=None, kw_only=True)
    _compiled: Any = attrs.field(init=False, default=None, eq=False, repr=False, hash=False)

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
        object.__setattr__(self, "_compiled", _compile(self))

    @property
    def currency(self) -> str | None:
        """The currency of the stages' amount thresholds, if any has one."""
        return next((s.min_overdue.currency for s in self.stages if s.min_overdue is not None), None)

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
            item["name"],
            item["after_days"],
            item["actions"],
            min_overdue=threshold,
            min_unpaid_invoices=item.get("min_unpaid_invoices"),
            terminal=item.get("terminal", False),
        )
    except InvalidInput as error:
        field = error.field if error.field not in {"amount", "currency"} else f"min_overdue.{error.field}"
        raise InvalidInput(f"{path}.{field}", error.problem, error.value) from None


# -- the evaluation core (shared with cspcore.billing.whatif) --------------------------------------


@attrs.frozen
class _Compiled:
    """A policy reduced to numbers: per stage (days past due needed, min amount, min count)."""

    grace: int
    thresholds: tuple[tuple[int, Decimal, int], ...]
    terminal: bool
    currency: str | None
    amounts: bool  # does any stage have an amount threshold?


def _compile(policy: CollectionsPolicy) -> _Compiled:
    return _Compiled(
        policy.grace_days,
        tuple(
            (
                max(1, policy.grace_days + stage.after_days),
                stage.min_overdue.amount if stage.min_overdue is not None else _ZERO,
                stage.min_unpaid_invoices or 1,
            )
            for stage in policy.stages
        ),
        policy.stages[-1].terminal,
        next((s.min_overdue.currency for s in policy.stages if s.min_overdue is not None), None),
        any(stage.min_overdue is not None for stage in policy.stages),
    )


# -- standings -------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class Commitment:
    """A customer's new-commerce subscription that the partner keeps paying Microsoft for.

    Args:
        subscription_id: The subscription.
        term_end: The last day of its term (inclusive): suspended, it must be reactivated by then or
            its data is deleted (``create-a-new-subscription.md``).
        remaining: What the partner still owes Microsoft for it through the term end (from rating).
        purchased: The purchase (or renewal) date; within 7 days it can still be cancelled.

    >>> Commitment(subscription_id="s", term_end=dt.date(2025, 1, 31), remaining=Money(120, "EUR")).remaining
    Money('120', 'EUR')
    """

    subscription_id: str = attrs.field(
        converter=_validate.plain_text, validator=_validate.attrs_validator(_validate.text)
    )
    term_end: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    remaining: Money = attrs.field(validator=_validate.attrs_validator(_money))
    purchased: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.attrs_validator(_validate.date))
    )


@attrs.frozen(kw_only=True)
class ReactivationDeadline:
    """When a suspended subscription must be reactivated to keep its data (its term end).

    >>> ReactivationDeadline(subscription_id="s", by=dt.date(2025, 1, 31)).by
    datetime.date(2025, 1, 31)
    """

    subscription_id: str
    by: dt.date

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)


@attrs.frozen(kw_only=True, slots=False)  # a dict-backed class: evaluate builds it with one write
class Standing:
    """Where an account stands in collections on one date.

    Args:
        as_of: The date.
        stage: The stage that applies, or None when nothing is overdue (or no stage is reached yet).
        days_past_due: Days past the due date of the oldest overdue, non-exempt invoice (0 if none;
            at most 3,652,059, the calendar's span).
        overdue: The overdue, non-exempt amount.
        unpaid_invoices: How many overdue, non-exempt invoices there are (at most 100,000).
        actions: The stage's actions (empty without a stage).
        reasons: Which condition fired or held a stage back, exemptions, consequences. When
            :func:`evaluate` builds the standing they are worked out on first access (most callers of
            a portfolio-wide evaluation never read them); they never take part in equality.
        next_review: The first later day on which the standing could change with no new payment
            (worked out on first read, like the reasons, when :func:`evaluate` builds the standing).
        oldest_invoice_id: The invoice the days are counted from.
        exposure: With suspension and commitments given: what the partner still owes Microsoft for
            the customer's subscriptions through their term ends (in the currency of ``overdue``,
            as is the stage's ``min_overdue``; another is a :class:`~cspcore.errors.CurrencyMismatch`).
        reactivation_deadlines: With suspension: each subscription's term end.

    >>> Standing(
    ...     as_of=dt.date(2024, 1, 1),
    ...     stage=None,
    ...     days_past_due=0,
    ...     overdue=Money(0, "EUR"),
    ...     unpaid_invoices=0,
    ...     actions=(),
    ...     reasons=(),
    ...     next_review=None,
    ... ).is_clear
    True
    """

    as_of: dt.date
    stage: Stage | None
    days_past_due: int
    overdue: Money
    unpaid_invoices: int
    actions: tuple[Action, ...]
    _reasons: tuple[Reason, ...] | None = attrs.field(alias="reasons", default=None, eq=False, repr=False)
    next_review: dt.date | None
    oldest_invoice_id: str | None = None
    exposure: Money | None = None
    reactivation_deadlines: tuple[ReactivationDeadline, ...] = ()
    _context: Any = attrs.field(default=None, alias="_context", eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)
        _bounds.days(self.days_past_due, "days_past_due")
        _bounds.count(self.unpaid_invoices, "unpaid_invoices")
        context = self._context
        if context is not None and not (
            type(context) is tuple
            and len(context) == _CONTEXT_SIZE
            and isinstance(context[0], CollectionsPolicy)
            and isinstance(context[1], Ledger)
        ):  # evaluate's own (carried by attrs.evolve); nothing a caller makes
            raise InvalidInput(
                "_context", "is evaluate's own; leave it out", context, code=ErrorCode.WRONG_TYPE
            )
        currency = self.overdue.currency
        if self.exposure is not None and self.exposure.currency != currency:
            raise CurrencyMismatch("exposure", currency, self.exposure.currency)
        threshold = self.stage.min_overdue if self.stage is not None else None
        if threshold is not None and threshold.currency != currency:
            raise CurrencyMismatch("stage.min_overdue", currency, threshold.currency)

    if not TYPE_CHECKING:  # for type checkers every field is a plain attribute

        def __getattr__(self, name: str) -> Any:
            # Only reached for a field missing from the instance: evaluate leaves next_review out and
            # it is worked out here, once, on first read.
            if name == "next_review" and self.__dict__.get("_context") is not None:
                value = _next_review(self, self._context)
                object.__setattr__(self, "next_review", value)
                return value
            raise AttributeError(name)

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """Why the standing is what it is (see the class docstring)."""
        if self._reasons is None:
            object.__setattr__(self, "_reasons", _reasons_for(self, self._context))
        return self._reasons  # type: ignore[return-value]

    @property
    def is_clear(self) -> bool:
        """No stage applies."""
        return self.stage is None


def _commitments(value: object, currency: str) -> tuple[Commitment, ...]:
    if value == ():
        return ()
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise InvalidInput("commitments", "expected a list of Commitment", value)
    items = tuple(_validate.instance(c, Commitment, f"commitments[{i}]") for i, c in enumerate(value))
    for index, item in enumerate(items):
        if item.remaining.currency != currency:
            raise CurrencyMismatch(f"commitments[{index}].remaining", currency, item.remaining.currency)
    return items


def _held_back(stage: Stage, days_needed: int, dpd: int, overdue: Money, count: int) -> list[Reason]:
    reasons: list[Reason] = []
    if dpd < days_needed:
        reasons.append(
            Reason(
                "billing.collections.held_back_days",
                {"stage": stage.name, "days_past_due": dpd, "needed": days_needed},
                source=_POLICY_SOURCE,
            )
        )
    if stage.min_overdue is not None and overdue < stage.min_overdue:
        reasons.append(
            Reason(
                "billing.collections.held_back_amount",
                {"stage": stage.name, "overdue": overdue, "needed": stage.min_overdue},
                source=_POLICY_SOURCE,
            )
        )
    needed_count = stage.min_unpaid_invoices or 1
    if count < needed_count:
        reasons.append(
            Reason(
                "billing.collections.held_back_invoices",
                {"stage": stage.name, "count": count, "needed": needed_count},
                source=_POLICY_SOURCE,
            )
        )
    return reasons


#: What evaluate saw (policy, ledger, the timeline position of ``as_of``, account exempt,
#: subscriptions, the stage index, the oldest overdue due ordinal, the first day the next open invoice
#: falls overdue), kept so that the reasons and the next review can be worked out on demand.
_Context = tuple[CollectionsPolicy, Ledger, int, bool, tuple[Commitment, ...], int, int, int]
_CONTEXT_SIZE: Final = 8


def _reasons_for(standing: Standing, context: _Context | None) -> tuple[Reason, ...]:
    if context is None:
        return ()
    policy, book, position, account_exempt, subscriptions, _index, _oldest, _upcoming = context
    timeline = timeline_of(book)
    view = timeline.views[position] if position >= 0 else ()
    exempt = timeline.exempt
    ordinal = standing.as_of.toordinal()
    reasons: list[Reason] = []
    for due, _owed, key in view:
        if due < ordinal and key in book.on_payment_plan:
            reasons.append(
                Reason("billing.collections.exempt_payment_plan", {"invoice": key}, source=_POLICY_SOURCE)
            )
        elif due < ordinal and key in exempt:
            reasons.append(
                Reason("billing.collections.exempt_disputed", {"invoice": key}, source=_POLICY_SOURCE)
            )
    if account_exempt:
        reasons.append(
            Reason("billing.collections.exempt_account", {"account": book.account_id}, source=_POLICY_SOURCE)
        )
        return tuple(reasons)
    count = standing.unpaid_invoices
    if not count:
        reasons.append(Reason("billing.collections.nothing_overdue", source=_POLICY_SOURCE))
        return tuple(reasons)
    compiled: _Compiled = policy._compiled  # noqa: SLF001 - the policy's own compiled form
    index = -1 if standing.stage is None else policy.stages.index(standing.stage)
    if index >= 0:
        reasons.append(
            Reason(
                "billing.collections.stage_reached",
                {
                    "stage": policy.stages[index].name,
                    "days_past_due": standing.days_past_due,
                    "needed": compiled.thresholds[index][0],
                    "invoice": standing.oldest_invoice_id or "",
                    "overdue": standing.overdue,
                    "count": count,
                },
                source=_POLICY_SOURCE,
            )
        )
    if index + 1 < len(policy.stages):
        reasons.extend(
            _held_back(
                policy.stages[index + 1],
                compiled.thresholds[index + 1][0],
                standing.days_past_due,
                standing.overdue,
                count,
            )
        )
    if standing.exposure is not None:
        reasons.extend(_suspension_reasons(subscriptions, standing.as_of))
    return tuple(reasons)


def evaluate(  # noqa: C901 - the bulk hot path is inlined
    policy: CollectionsPolicy,
    ledger: Ledger,
    *,
    as_of: dt.date,
    commitments: Sequence[Commitment] = (),
    currency: str | None = None,
) -> Standing:
    """Evaluate the account's standing under ``policy`` on ``as_of``.

    Args:
        policy: The collections policy.
        ledger: The account's ledger (documents dated after ``as_of`` do not count yet).
        as_of: The date.
        commitments: The customer's subscriptions, for the consequences of suspension.
        currency: Needed only for an empty ledger under a policy without amount thresholds (an
            empty ledger is otherwise in the thresholds' currency).

    Returns:
        The standing; its reasons are worked out when first read.

    Raises:
        InvalidInput: on wrong types.
        CurrencyMismatch: on thresholds or ``currency`` in another currency than the ledger's.

    >>> evaluate(STANDARD, Ledger(), as_of=dt.date(2024, 1, 1), currency="EUR").is_clear
    True
    """
    if type(policy) is not CollectionsPolicy:
        _validate.instance(policy, CollectionsPolicy, "policy")
    if type(ledger) is not Ledger:
        _validate.instance(ledger, Ledger, "ledger")
    day = as_of if type(as_of) is dt.date else _validate.date(as_of, "as_of")
    compiled: _Compiled = policy._compiled  # noqa: SLF001 - the policy's own compiled form
    timeline = ledger._timeline or timeline_of(ledger)  # noqa: SLF001 - the memo, when present
    # An empty ledger has no currency of its own: the one given, else the policy thresholds'.
    code = ledger_currency(
        ledger, compiled.currency if currency is None and not ledger.currency else currency
    )
    if compiled.currency is not None and compiled.currency != code:
        raise CurrencyMismatch("policy", compiled.currency, code)
    subscriptions = _commitments(commitments, code) if commitments else ()
    ordinal = day.toordinal()
    days = timeline.days
    position = bisect.bisect_right(days, ordinal) - 1
    oldest = 0
    count = 0
    upcoming = 0
    oldest_id: str | None = None
    if position >= 0:
        # The open, non-exempt invoices in due order with running totals: the overdue ones are a prefix.
        summary = (timeline.summaries and timeline.summaries[position]) or timeline.summary(position)
        size = len(summary) // 3  # dues, ids, then running totals (see _Timeline.summary)
        count = bisect.bisect_left(summary, ordinal, 0, size)
        overdue = summary[2 * size + count]
        if count:
            oldest = summary[0]
            oldest_id = summary[size]
        if count < size:
            upcoming = summary[count] + 1  # the day the next one falls overdue
    else:
        overdue = money_of(_ZERO, code)
    # Policies without amount thresholds (all zero) never need the amount: skip reaching for it.
    overdue_amount = overdue.amount if compiled.amounts else _ZERO
    dpd = ordinal - oldest if oldest else 0
    exempt_accounts = policy.exempt_accounts
    account_exempt = bool(exempt_accounts) and ledger.account_id in exempt_accounts
    thresholds = compiled.thresholds
    top = len(thresholds) - 1
    index = -1
    if count and not account_exempt:  # the most severe stage whose conditions all hold
        for candidate in range(top, -1, -1):
            need_days, need_amount, need_count = thresholds[candidate]
            if dpd >= need_days and overdue_amount >= need_amount and count >= need_count:
                index = candidate
                break
    context = (policy, ledger, position, account_exempt, subscriptions, index, oldest, upcoming)
    if account_exempt:
        return _standing(day, None, dpd, overdue, count, oldest_id, None, (), context)
    stage_value = policy.stages[index] if index >= 0 else None
    exposure: Money | None = None
    deadlines: tuple[ReactivationDeadline, ...] = ()
    if stage_value is not None and subscriptions and Action.SUSPEND_SUBSCRIPTIONS in stage_value.actions:
        exposure, deadlines = _suspension(subscriptions, day, code)
    return _standing(day, stage_value, dpd, overdue, count, oldest_id, exposure, deadlines, context)


def _next_review(standing: Standing, context: _Context) -> dt.date | None:
    """The first later day the standing could change with no new payment (see :func:`evaluate`).

    The next document, the next invoice falling overdue, or the day a more severe stage's days are
    met while its amount and count already hold (none past a terminal stage).
    """
    policy, ledger, position, account_exempt, _subscriptions, index, oldest, upcoming = context
    if account_exempt:
        return None
    compiled: _Compiled = policy._compiled  # noqa: SLF001 - the policy's own compiled form
    days = timeline_of(ledger).days
    ordinal = standing.as_of.toordinal()
    review = upcoming
    if position + 1 < len(days):
        later = days[position + 1]
        review = later if not review or later < review else review
    thresholds = compiled.thresholds
    top = len(thresholds) - 1
    if oldest and not (compiled.terminal and index == top):
        amount, count = standing.overdue.amount, standing.unpaid_invoices
        for candidate in range(index + 1, top + 1):
            need_days, need_amount, need_count = thresholds[candidate]
            at = oldest + need_days
            if at > ordinal and (not review or at < review) and amount >= need_amount and count >= need_count:
                review = at
    # A change past 9999-12-31 has no date: within the calendar nothing changes any more.
    return dt.date.fromordinal(review) if review and review <= _LAST_ORDINAL else None


_set = object.__setattr__
_new = object.__new__


def _standing(  # noqa: PLR0917 - internal fast constructor
    as_of: dt.date,
    stage: Stage | None,
    days_past_due: int,
    overdue: Money,
    unpaid_invoices: int,
    oldest_invoice_id: str | None,
    exposure: Money | None,
    deadlines: tuple[ReactivationDeadline, ...],
    context: _Context,
) -> Standing:
    """Build a Standing from values evaluate computed (already valid) without attrs' per-field checks.

    Standing is dict-backed, so the whole instance state is one dict written in one call (half the
    cost of twelve slot writes, which counts in a portfolio-wide evaluation). ``next_review`` is left
    out: :meth:`Standing.__getattr__` works it out from the context when it is first read.
    """
    standing: Standing = _new(Standing)
    _set(
        standing,
        "__dict__",
        {
            "as_of": as_of,
            "stage": stage,
            "days_past_due": days_past_due,
            "overdue": overdue,
            "unpaid_invoices": unpaid_invoices,
            "actions": stage.actions if stage is not None else (),
            "_reasons": None,
            "oldest_invoice_id": oldest_invoice_id,
            "exposure": exposure,
            "reactivation_deadlines": deadlines,
            "_context": context,
        },
    )
    return standing


def _live(subscriptions: tuple[Commitment, ...], day: dt.date) -> list[Commitment]:
    return [
        c for c in sorted(subscriptions, key=lambda c: (c.term_end, c.subscription_id)) if c.term_end >= day
    ]


def _suspension(
    subscriptions: tuple[Commitment, ...], day: dt.date, currency: str
) -> tuple[Money, tuple[ReactivationDeadline, ...]]:
    live = _live(subscriptions, day)
    exposure = Money.zero(currency)
    for item in live:
        exposure = exposure + item.remaining
    deadlines = tuple(ReactivationDeadline(subscription_id=c.subscription_id, by=c.term_end) for c in live)
    return exposure, deadlines


def _suspension_reasons(subscriptions: tuple[Commitment, ...], day: dt.date) -> list[Reason]:
    reasons: list[Reason] = []
    for item in _live(subscriptions, day):
        reasons.append(
            Reason(
                "billing.collections.suspension_still_billed",
                {"subscription": item.subscription_id, "amount": item.remaining, "term_end": item.term_end},
                source=_SUSPEND_SOURCE,
            )
        )
        if item.purchased is not None and day.toordinal() <= item.purchased.toordinal() + 7:
            # cancellable through the calendar's last day when its 7 days run past it
            until = dt.date.fromordinal(min(item.purchased.toordinal() + 7, _LAST_ORDINAL))
            reasons.append(
                Reason(
                    "billing.collections.cancellable_until",
                    {"subscription": item.subscription_id, "until": until},
                    source=_CANCEL_SOURCE,
                )
            )
    return reasons


# -- schedules -------------------------------------------------------------------------------------


@attrs.frozen
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
    compiled: _Compiled = chosen._compiled  # noqa: SLF001
    due = (document.due or document.issued).toordinal()
    # A stage whose day falls past 9999-12-31 has no date, so it is not listed.
    reachable = [
        (dt.date.fromordinal(due + days), index)
        for index, (days, amount, count) in enumerate(compiled.thresholds)
        if count <= 1 and document.total_charges.amount >= amount and due + days <= _LAST_ORDINAL
    ]
    by_day: dict[dt.date, int] = {}
    for on, index in reachable:
        by_day[on] = max(by_day.get(on, -1), index)
    result: list[ScheduledAction] = []
    highest = -1
    for on in sorted(by_day):
        index = by_day[on]
        if index <= highest:
            continue
        highest = index
        stage = chosen.stages[index]
        result.append(ScheduledAction(on=on, stage=stage, actions=stage.actions))
    return tuple(result)


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
            Stage("reminder", remind, (_R,)),
            Stage("final_notice", final, (_F,)),
            Stage("block_purchases", block, (_B,)),
            Stage("suspend", suspend, (_B, _S)),
            Stage("stop_renewal", renew, (_B, _S, _A)),
            Stage("agency", agency, (_B, _S, _A, _G)),
            Stage("write_off", write, (_B, _S, _A, _W), terminal=True),
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


# -- the partner's own side ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class MicrosoftStanding:
    """The partner's standing with Microsoft (its Microsoft invoices and payments).

    Args:
        as_of: The date.
        delinquent: Something is past its net-60 due date ("considered delinquent").
        suspension_risk: Something is more than 60 days overdue (an account suspension trigger).
        days_past_due: Days past due of the oldest unpaid Microsoft invoice (at most 3,652,059).
        overdue: The overdue amount.
        reasons: Why.

    >>> microsoft_standing(Ledger(), as_of=dt.date(2024, 1, 1), currency="USD").delinquent
    False
    """

    as_of: dt.date
    delinquent: bool
    suspension_risk: bool
    days_past_due: int
    overdue: Money
    reasons: tuple[Reason, ...]

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)
        _bounds.days(self.days_past_due, "days_past_due")


def _microsoft_due(invoice: Invoice) -> int:
    """The invoice's own due date, else net 60 from its issue date, as an ordinal (it may pass 9999)."""
    return invoice.due.toordinal() if invoice.due is not None else invoice.issued.toordinal() + _NET_60_DAYS


def microsoft_standing(ledger: Ledger, *, as_of: dt.date, currency: str | None = None) -> MicrosoftStanding:
    """Apply Microsoft's payment terms to the partner's own Microsoft invoices.

    Invoices are due net 60 from their invoice date (``billing-basics.md``; an invoice's own ``due`` wins
    when given). Past due, the account is delinquent; "more than 60 days overdue" is a trigger for
    suspending the partner's Partner Center account (``suspended-partner-center-account.md``).

    >>> from cspcore.billing import Invoice
    >>> inv = Invoice(id="G1", issued=dt.date(2024, 1, 8), currency="USD", total_charges=Money(1000, "USD"))
    >>> s = microsoft_standing(Ledger(invoices=(inv,)), as_of=dt.date(2024, 5, 10))
    >>> s.delinquent, s.suspension_risk, s.days_past_due
    (True, True, 63)
    """
    book: Ledger = _validate.instance(ledger, Ledger, "ledger")
    state = settle(book, as_of=as_of, currency=currency)
    day = state.as_of
    overdue = Money.zero(state.currency)
    oldest: Invoice | None = None
    # Due dates as ordinals: net 60 from an invoice of late 9999 falls past the calendar's end, where
    # it is simply not due yet.
    for invoice in sorted(book.invoices, key=lambda i: (_microsoft_due(i), i.id)):
        owed = state.outstanding.get(invoice.id)
        if owed is not None and owed.is_positive() and _microsoft_due(invoice) < day.toordinal():
            overdue = overdue + owed
            oldest = oldest or invoice
    reasons: list[Reason] = []
    dpd = 0
    if oldest is not None:
        due = dt.date.fromordinal(_microsoft_due(oldest))
        dpd = (day - due).days
        reasons.append(
            Reason(
                "billing.collections.microsoft_delinquent",
                {"invoice": oldest.id, "due": due, "days_past_due": dpd, "overdue": overdue},
                source=_TERMS_SOURCE,
            )
        )
        if dpd > 60:
            reasons.append(
                Reason(
                    "billing.collections.microsoft_suspension_risk",
                    {"days_past_due": dpd},
                    source=_PARTNER_SUSPENSION_SOURCE,
                )
            )
    return MicrosoftStanding(
        as_of=day,
        delinquent=oldest is not None,
        suspension_risk=dpd > 60,
        days_past_due=dpd,
        overdue=overdue,
        reasons=tuple(reasons),
    )


@attrs.frozen(kw_only=True)
class CreditCheck:
    """Whether a purchase fits the partner's Microsoft credit limit.

    >>> credit_check(Money(1000, "USD"), incoming_purchase=Money(200, "USD")).available
    Money('800', 'USD')
    """

    available: Money
    allowed: bool
    reasons: tuple[Reason, ...]

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)


def credit_check(
    limit: Money,
    *,
    incoming_purchase: Money,
    outstanding_unpaid: Money | None = None,
    unbilled: Money | None = None,
    overpayment: Money | None = None,
    renewal: bool = False,
) -> CreditCheck:
    """Microsoft's credit-limit rule: available = limit − (incoming + outstanding + unbilled − overpayment).

    Over the limit, new purchases are refused until enough is paid; existing subscriptions continue.
    Credit limits do not apply to renewals and ongoing consumption; disputed invoices still count as
    outstanding (``credit-limit-enforcement.md``).

    Args:
        limit: The credit limit (USD for Microsoft).
        incoming_purchase: The purchase being made.
        outstanding_unpaid: Unpaid invoices, disputed ones included.
        unbilled: Charges not yet invoiced.
        overpayment: Money paid in excess.
        renewal: The purchase is a renewal (never blocked).

    >>> check = credit_check(
    ...     Money(1000, "USD"),
    ...     incoming_purchase=Money(300, "USD"),
    ...     outstanding_unpaid=Money(800, "USD"),
    ...     overpayment=Money(50, "USD"),
    ... )
    >>> check.available, check.allowed
    (Money('-50', 'USD'), False)
    """
    cap: Money = _validate.instance(limit, Money, "limit")
    zero = Money.zero(cap.currency)
    parts = {
        "incoming_purchase": incoming_purchase,
        "outstanding_unpaid": outstanding_unpaid if outstanding_unpaid is not None else zero,
        "unbilled": unbilled if unbilled is not None else zero,
        "overpayment": overpayment if overpayment is not None else zero,
    }
    for name, value in parts.items():
        money: Money = _validate.instance(value, Money, name)
        if money.currency != cap.currency:
            raise CurrencyMismatch(name, cap.currency, money.currency)
        if money.is_negative():
            raise InvalidInput(name, "must not be negative", money)
    if not isinstance(renewal, bool):
        raise InvalidInput("renewal", "expected a bool", renewal)
    available = cap - (
        parts["incoming_purchase"] + parts["outstanding_unpaid"] + parts["unbilled"] - parts["overpayment"]
    )
    if renewal:
        reason = Reason("billing.collections.credit_limit_renewal", source=_CREDIT_SOURCE)
        return CreditCheck(available=available, allowed=True, reasons=(reason,))
    allowed = not available.is_negative()
    params = {"available": available, "limit": cap}
    if allowed:
        reason = Reason("billing.collections.credit_limit_ok", params, source=_CREDIT_SOURCE)
    else:
        reason = Reason("billing.collections.credit_limit_exceeded", params, source=_CREDIT_SOURCE)
    return CreditCheck(available=available, allowed=allowed, reasons=(reason,))


def standings(
    policy: CollectionsPolicy,
    ledgers: Iterable[Ledger],
    *,
    as_of: dt.date,
    currency: str | None = None,
) -> tuple[Standing, ...]:
    """Evaluate many ledgers on one date (a convenience over :func:`evaluate`).

    ``ledgers`` is read at most 100,000 items far; ``currency`` is passed on to each evaluation (an
    empty ledger needs it unless the policy's thresholds name one).

    >>> standings(STANDARD, [], as_of=dt.date(2024, 1, 1))
    ()
    >>> [s.overdue for s in standings(STANDARD, [Ledger()], as_of=dt.date(2024, 1, 1), currency="EUR")]
    [Money('0', 'EUR')]
    """
    chosen: CollectionsPolicy = _validate.instance(policy, CollectionsPolicy, "policy")
    _validate.date(as_of, "as_of")
    if currency is not None:  # checked once, even with no ledgers
        code = Money.zero(_validate.text(currency, "currency")).currency
        if chosen.currency is not None and chosen.currency != code:
            raise CurrencyMismatch("currency", chosen.currency, code)
    return tuple(
        evaluate(policy, ledger, as_of=as_of, currency=currency)
        for ledger in _bounds.read_items(ledgers, "ledgers")
    )
