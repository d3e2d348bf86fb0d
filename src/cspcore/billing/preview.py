"""Preview a change before making it: the lines it adds and removes, the net, and until when it can be undone.

:func:`preview` replays a history twice with :func:`~cspcore.billing.lifecycle`, without and with a
proposed event, and compares the two outcomes. Only the replay decides what a change costs and
whether Partner Center accepts it; this module adds the comparison and the rules about undoing a
change, each from ``create-a-new-subscription.md``:

* seats added can be removed again within seven days of being added (three before March 2022),
  so a seat increase can be undone until the end of the reduction deadline's day ("Increase or
  decrease licenses in new commerce license-based subscriptions"); removed seats are refunded and
  gone: adding them back is a new addition;
* a cancellation is final: "The service can't be restored" ("Cancel new commerce license-based
  subscriptions");
* "Cancellation windows are not applied to upgrades, so changes can't be made after they're
  submitted" ("Upgrade for new commerce license-based subscriptions");
* a change saved for renewal can be viewed, updated or removed in *Manage Renewal* until the renewal
  starts, at 00:00 UTC the day after the term ends ("Scheduled changes for managing new commerce
  license-based subscription renewals", "Subscription renewals"); auto-renew likewise;
* a billing-frequency change takes effect in the next billing cycle and is read-only only once that
  cycle starts ("Change only billing frequency (scheduled change)", "Applying changes to new commerce
  license-based subscriptions");
* a suspended subscription can be reactivated until the end of its term ("Suspend a subscription");
* a converted trial stays paid; the new term has its own cancellation window ("Manage trials for new
  commerce license-based subscriptions").

>>> import datetime as dt
>>> from cspcore import Money
>>> from cspcore.billing import ChangeQuantity, Subscription
>>> from cspcore.i18n import render
>>> sub = Subscription(
...     id="s",
...     product="Microsoft 365 E3",
...     start=dt.date(2024, 1, 10),
...     term="P1M",
...     frequency="monthly",
...     quantity=10,
...     unit_price=Money("36.00", "USD"),
... )
>>> at = dt.datetime(2024, 1, 20, 9, tzinfo=dt.UTC)
>>> result = preview(sub, [], ChangeQuantity(on=at.date(), quantity=12), at=at)
>>> [(line.quantity, str(line.subtotal.amount)) for line in result.added]
[(Decimal('10'), '-243.80'), (Decimal('12'), '292.56')]
>>> result.net, result.reversible_until.isoformat()
(Money('48.76', 'USD'), '2024-01-28T00:00:00+00:00')
>>> print(render(result.reasons[-1], locale="pl_PL"))
Dodane 2 licencje można ponownie usunąć do 28 sty 2024, 00:00:00 UTC.

.. versionadded:: 0.3.0
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from cspcore import _validate
from cspcore.billing._preview_rules import (
    AT_RENEWAL,
    INSTANT_EVENTS,
    NOT_CHANGES,
    SCHEDULED,
    difference,
    line_reasons,
    next_line_day,
    renewal_day,
    reversibility,
    total,
)
from cspcore.billing._rater import EVENT_TYPES, AnyEvent
from cspcore.billing.charges import ChargeLine
from cspcore.billing.events import (
    ChangeBillingPlan,
)
from cspcore.billing.exchange import ExchangeRates
from cspcore.billing.lifecycle_replay import Lifecycle, lifecycle
from cspcore.billing.proration import ProrationRounding
from cspcore.billing.states import SubscriptionState
from cspcore.billing.subscription import Subscription
from cspcore.errors import ErrorCode, InvalidInput, RuleViolation
from cspcore.explain import Reason
from cspcore.money import Money

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["ChangePreview", "PreviewRefusal", "preview"]


@attrs.frozen(kw_only=True)
class PreviewRefusal:
    """Why Partner Center would refuse the proposed change: the :class:`~cspcore.RuleViolation` it raises.

    Args:
        code: The violation's stable code (``seat_reduction_window_closed``, ``renewal_pending``, ...).
        message: Its one-line English summary.
        reasons: Its reasons, renderable in every supported locale.
    """

    code: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    message: str = attrs.field(validator=_validate.attrs_instance_of(str))
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Reason))


# Instants are kept as the plain datetime ``_validate.aware_datetime`` reads (a subclass's code never
# runs); one named converter per field, so the attrs mypy plugin keeps each argument's type.
def _at(value: dt.datetime) -> dt.datetime:
    return _validate.aware_datetime(value, "at")


def _reversible_until(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else _validate.aware_datetime(value, "reversible_until")


@attrs.frozen(kw_only=True)
class ChangePreview:
    """What a proposed change would do, compared with the same history without it.

    Args:
        proposed: The event previewed.
        subscription: The id of the subscription it acts on.
        at: The instant the change would be made.
        through: The last day both replays ran to.
        refusal: Why Partner Center would refuse the change; ``None`` when it is allowed.
        added: The lines present with the change and not without it (a multiset difference), in order.
        removed: The lines present without the change and not with it (a renewal it alters or prevents).
        net: The sum of the added subtotals minus the sum of the removed ones.
        before: The subscription as of ``through`` without the change.
        after: The subscription as of ``through`` with the change (``before`` when it is refused).
        reversible_until: The instant after which the change can no longer be undone; ``None`` when it
            cannot be undone at all (or is refused).
        reasons: What it adds and removes, the net, until when it can be undone and why, or why it
            is refused.
    """

    proposed: AnyEvent = attrs.field(validator=_validate.attrs_instance_of(EVENT_TYPES))
    subscription: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    at: dt.datetime = attrs.field(converter=_at)
    through: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    refusal: PreviewRefusal | None = attrs.field(
        validator=attrs.validators.optional(_validate.attrs_instance_of(PreviewRefusal))
    )
    added: tuple[ChargeLine, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, ChargeLine))
    removed: tuple[ChargeLine, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, ChargeLine))
    net: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    before: SubscriptionState = attrs.field(validator=_validate.attrs_instance_of(SubscriptionState))
    after: SubscriptionState = attrs.field(validator=_validate.attrs_instance_of(SubscriptionState))
    reversible_until: dt.datetime | None = attrs.field(converter=_reversible_until)
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Reason))

    @property
    def is_allowed(self) -> bool:
        """Whether Partner Center would accept the change."""
        return self.refusal is None


def _proposal(value: object, at: dt.datetime) -> AnyEvent:
    if not isinstance(value, EVENT_TYPES):
        names = ", ".join(kind.__name__ for kind in EVENT_TYPES if kind not in NOT_CHANGES)
        raise InvalidInput("proposed", f"expected one of {names}", value, code=ErrorCode.WRONG_TYPE)
    if isinstance(value, NOT_CHANGES):
        raise InvalidInput(
            "proposed",
            "is not a change a partner makes (a price list or a renewal's completion)",
            value,
            code=ErrorCode.NOT_ALLOWED,
        )
    if isinstance(value, INSTANT_EVENTS):
        if _validate.instant(value.at, "proposed.at") != at:
            raise InvalidInput(
                "proposed.at",
                f"differs from the preview's instant {at.isoformat()}",
                value.at,
                code=ErrorCode.INCONSISTENT,
            )
    elif value.day != at.date():
        raise InvalidInput(
            "proposed.on",
            f"is not the UTC day of the preview's instant ({at.date().isoformat()})",
            value.day,
            code=ErrorCode.INCONSISTENT,
        )
    return value


def _history(value: object, at: dt.datetime) -> tuple[AnyEvent, ...]:
    """The history as a tuple, every event no later than ``at`` (the preview comes before the change)."""
    events = _validate.iterable(value, "history")
    for index, event in enumerate(events):
        if not isinstance(event, EVENT_TYPES):
            names = ", ".join(kind.__name__ for kind in EVENT_TYPES)
            raise InvalidInput(f"history[{index}]", f"expected {names}", event, code=ErrorCode.WRONG_TYPE)
        late = event.day > at.date()
        if isinstance(event, INSTANT_EVENTS):
            late = _validate.instant(event.at, f"history[{index}].at") > at
        if late:
            raise InvalidInput(
                f"history[{index}]",
                f"happens after the instant previewed ({at.isoformat()})",
                event,
                code=ErrorCode.OUT_OF_ORDER,
            )
    return tuple(events)


def _renamed(error: InvalidInput, proposed_index: int) -> InvalidInput:
    """``error`` of a replay, naming ``history[i]`` or ``proposed`` instead of the replay's ``events[i]``."""
    field = error.field
    if not field.startswith("events["):
        return error
    index, _, rest = field[len("events[") :].partition("]")
    name = "proposed" if index == str(proposed_index) else f"history[{index}]"
    return error.renamed(f"{name}{rest}")


@attrs.frozen(kw_only=True)
class _Setup:
    """The checked arguments of one preview (internal)."""

    subs: Subscription | tuple[Subscription, ...]
    events: tuple[AnyEvent, ...]
    change: AnyEvent
    at: dt.datetime
    rounding: ProrationRounding
    exchange: ExchangeRates | None = None

    @property
    def day(self) -> dt.date:
        return self.at.date()

    def replay(self, *, through: dt.date, with_change: bool) -> Lifecycle:
        events = (*self.events, self.change) if with_change else self.events
        try:
            return lifecycle(
                self.subs, events, through=through, rounding=self.rounding, exchange=self.exchange
            )
        except InvalidInput as error:
            renamed = _renamed(error, len(self.events))
            if renamed is error:
                raise
            raise renamed from None

    def attempt(self, *, through: dt.date) -> Lifecycle | PreviewRefusal:
        """The replay with the change, or Partner Center's refusal of it."""
        try:
            return self.replay(through=through, with_change=True)
        except RuleViolation as violation:
            return PreviewRefusal(code=violation.code, message=str(violation), reasons=violation.reasons)

    @property
    def target(self) -> str:
        first = self.subs if isinstance(self.subs, Subscription) else self.subs[0]
        return self.change.subscription or first.id


def _setup(
    subscriptions: object,
    history: object,
    proposed: object,
    at: object,
    *,
    rounding: object,
    exchange: object,
) -> _Setup:
    moment = _validate.instant(at, "at")
    change = _proposal(proposed, moment)
    events = _history(history, moment)
    subs = (
        subscriptions
        if isinstance(subscriptions, Subscription)
        else tuple(_validate.iterable(subscriptions, "subscriptions"))
    )
    mode = _validate.enum_member(ProrationRounding, rounding, "rounding")
    rates = None if exchange is None else _validate.instance(exchange, ExchangeRates, "exchange")
    return _Setup(subs=subs, events=events, change=change, at=moment, rounding=mode, exchange=rates)


def _effective_day(setup: _Setup, before: SubscriptionState) -> dt.date:
    """The day that shows an allowed change: its next charge cycle, its renewal, or its own day."""
    day = setup.day
    if isinstance(setup.change, ChangeBillingPlan):
        horizon = renewal_day(before, day)
        longer = setup.replay(through=horizon, with_change=True)
        return next_line_day(longer, setup.target, day) or horizon
    if isinstance(setup.change, AT_RENEWAL):
        return renewal_day(before, day)
    return day


def _refused(
    setup: _Setup, through: dt.date, before: SubscriptionState, refusal: PreviewRefusal
) -> ChangePreview:
    """The preview of a change Partner Center would refuse: nothing changes."""
    return ChangePreview(
        proposed=setup.change,
        subscription=setup.target,
        at=setup.at,
        through=through,
        refusal=refusal,
        added=(),
        removed=(),
        net=Money.zero(before.unit_price.currency),
        before=before,
        after=before,
        reversible_until=None,
        reasons=(Reason(code="billing.preview.refused", params={"on": setup.day}), *refusal.reasons),
    )


def preview(
    subscriptions: Subscription | Iterable[Subscription],
    history: Iterable[AnyEvent],
    proposed: AnyEvent,
    *,
    at: dt.datetime,
    through: dt.date | None = None,
    rounding: ProrationRounding = ProrationRounding.UNIT_PRICE_FIRST,
    exchange: ExchangeRates | None = None,
) -> ChangePreview:
    """Preview ``proposed`` made at ``at``: the lines it adds and removes, the net, how long it can be undone.

    Both replays run through ``through``; by default the day that shows the change: the day itself
    for seat changes, cancellations, upgrades, trial conversions and reactivations; the start of
    the next charge cycle for a billing-frequency change (it takes effect then); the renewal day for
    a change saved for renewal, auto-renew and a suspension (they alter or prevent the ``renew``
    line, which is then both removed and, altered, added).

    Args:
        subscriptions: As for :func:`~cspcore.billing.lifecycle`.
        history: The events already made, none after ``at`` (the proposal comes after that day's
            events).
        proposed: The change to preview: any event of :func:`~cspcore.billing.lifecycle` but a
            :class:`~cspcore.billing.PriceChange` or :class:`~cspcore.billing.CompleteRenewal`.
            A dated event is on ``at``'s UTC day; a cancellation, suspension or reactivation is at
            ``at`` itself.
        at: The instant the change would be made (timezone-aware).
        through: The last day to compare, on or after ``at``'s UTC day (default: see above).
        rounding: How prorated subtotals are rounded.
        exchange: Monthly exchange rates to the billing currency, as for :func:`~cspcore.billing.lifecycle`.

    Returns:
        A :class:`ChangePreview`. A change Partner Center would refuse is not raised: the preview's
        ``refusal`` carries the violation (``is_allowed`` is ``False``).

    Raises:
        InvalidInput: for invalid arguments (fields ``history[i]`` and ``proposed`` name the events);
            ``proposed.on`` / ``proposed.at`` (code ``inconsistent``) when the event is not at ``at``,
            ``history[i]`` (code ``out_of_order``) for an event after it.
        RuleViolation: when the history itself is refused.
    """
    setup = _setup(subscriptions, history, proposed, at, rounding=rounding, exchange=exchange)
    day = setup.day
    last = None if through is None else _validate.date(through, "through")
    if last is not None and last < day:
        raise InvalidInput(
            "through",
            f"is before the day of the change ({day.isoformat()})",
            last,
            code=ErrorCode.OUT_OF_RANGE,
        )
    base_day = setup.replay(through=day, with_change=False)
    changed_day = setup.attempt(through=day)
    target = setup.target
    before_day = base_day.states[target]  # the replay with the change refused an unknown target
    effective = day if isinstance(changed_day, PreviewRefusal) else _effective_day(setup, before_day)
    until = effective if last is None else last
    base, changed = base_day, changed_day
    if until != day:
        base = setup.replay(through=until, with_change=False)
        if not isinstance(changed_day, PreviewRefusal):
            changed = setup.attempt(through=until)
    before = base.states[target]
    if isinstance(changed_day, PreviewRefusal):
        return _refused(setup, until, before, changed_day)
    if isinstance(changed, PreviewRefusal):  # pragma: no cover - the replay refuses on the change's day
        return _refused(setup, until, before, changed)
    added = difference(changed.lines, base.lines)
    removed = difference(base.lines, changed.lines)
    billed = before.unit_price.currency if setup.exchange is None else setup.exchange.billing_currency
    currency = (added or removed)[0].subtotal.currency if added or removed else billed
    net = total(added, currency) - total(removed, currency)
    after_day = changed_day.states[target]
    reversible_until, why = reversibility(setup.change, before_day, after_day, effective)
    saved = before_day.scheduled_change
    deleted = (
        (
            Reason(
                code="billing.preview.deletes_scheduled_change",
                params={"renews_on": saved.renews_on},
                source=SCHEDULED,
            ),
        )
        if saved is not None and after_day.scheduled_change is None
        else ()
    )
    return ChangePreview(
        proposed=setup.change,
        subscription=target,
        at=setup.at,
        through=until,
        refusal=None,
        added=added,
        removed=removed,
        net=net,
        before=before,
        after=changed.states[target],
        reversible_until=reversible_until,
        reasons=(*line_reasons(added, removed, net, until), *why, *deleted),
    )
