"""Evaluating an account under a collections policy: where it stands today, and why.

:func:`evaluate` answers "where does this account stand today, and why?": the most severe stage
whose conditions all hold wins (the rule of :func:`~cspcore.billing.collections.stages.stage_schedule`).
Days are counted from the due date of the oldest unpaid, undisputed invoice not under a payment plan,
re-anchored whenever that invoice changes (a partial payment that settles it moves the clock to the
next one; Kill Bill's open issue #2297 skips a state there). The :class:`Standing` it returns carries
its reasons and its next review day.

>>> from cspcore.billing.collections.policy import STANDARD
>>> evaluate(STANDARD, Ledger(), as_of=dt.date(2024, 1, 1), currency="EUR").reasons[0].code
'billing.collections.nothing_overdue'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from cspcore import _validate
from cspcore._trusted import trusted_constructor
from cspcore.billing import _bounds
from cspcore.billing.collections.policy import CollectionsPolicy
from cspcore.billing.collections.stages import Action, Schedule, Stage, stage_reached, stage_schedule
from cspcore.billing.invoices import Ledger
from cspcore.billing.ledger import index_beside, ledger_currency, money_of, overdue_on, timeline_of
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.money import Money, as_money

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from cspcore.billing.ledger import LedgerIndex

__all__ = [
    "Commitment",
    "ReactivationDeadline",
    "Standing",
    "evaluate",
    "standings",
]

_POLICY_SOURCE: Final = Source(document="provide-billing-support.md", section="Collections policy")
_SUSPEND_SOURCE: Final = Source(document="create-a-new-subscription.md", section="Suspend a subscription")
_CANCEL_SOURCE: Final = Source(document="cancel-subscriptions.md", section="Cancellation window")
_ZERO: Final = Decimal(0)
#: The last ordinal the calendar has (9999-12-31): a day past it has no date, so nothing is dated there.
_LAST_ORDINAL: Final = dt.date.max.toordinal()
_NO_SCHEDULE: Final[Schedule] = ((), ())
#: The reason of most standings in a healthy portfolio; a Reason is an immutable value, so one serves all.
_NOTHING_OVERDUE: Final = Reason(code="billing.collections.nothing_overdue", source=_POLICY_SOURCE)


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
    remaining: Money = attrs.field(validator=_validate.attrs_validator(as_money))
    purchased: dt.date | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.attrs_validator(_validate.date))
    )


@attrs.frozen(kw_only=True)
class ReactivationDeadline:
    """When a suspended subscription must be reactivated to keep its data (its term end).

    >>> ReactivationDeadline(subscription_id="s", by=dt.date(2025, 1, 31)).by
    datetime.date(2025, 1, 31)
    """

    subscription_id: str = attrs.field(validator=_validate.attrs_instance_of(str))
    by: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))


@attrs.frozen(kw_only=True)
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
        reasons: Which condition fired or held a stage back, exemptions, consequences (they never
            take part in equality).
        next_review: The first later day on which the standing could change with no new payment.
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

    as_of: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    stage: Stage | None = attrs.field(validator=attrs.validators.optional(_validate.attrs_instance_of(Stage)))
    days_past_due: int = attrs.field(validator=_validate.attrs_validator(_validate.integer))
    overdue: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    unpaid_invoices: int = attrs.field(validator=_validate.attrs_validator(_validate.integer))
    actions: tuple[Action, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Action))
    reasons: tuple[Reason, ...] = attrs.field(
        validator=_validate.attrs_items_of(tuple, Reason), default=(), eq=False, repr=False
    )
    next_review: dt.date | None = attrs.field(
        validator=attrs.validators.optional(_validate.attrs_validator(_validate.date))
    )
    oldest_invoice_id: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.attrs_instance_of(str))
    )
    exposure: Money | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.attrs_instance_of(Money))
    )
    reactivation_deadlines: tuple[ReactivationDeadline, ...] = attrs.field(
        default=(), validator=_validate.attrs_items_of(tuple, ReactivationDeadline)
    )

    def __attrs_post_init__(self) -> None:
        _bounds.days(self.days_past_due, "days_past_due")
        _bounds.count(self.unpaid_invoices, "unpaid_invoices")
        currency = self.overdue.currency
        if self.exposure is not None and self.exposure.currency != currency:
            raise CurrencyMismatch("exposure", currency, self.exposure.currency)
        threshold = self.stage.min_overdue if self.stage is not None else None
        if threshold is not None and threshold.currency != currency:
            raise CurrencyMismatch("stage.min_overdue", currency, threshold.currency)

    @property
    def is_clear(self) -> bool:
        """No stage applies."""
        return self.stage is None


#: Standing's one trusted constructor, for :func:`evaluate` (its values are checked as it works them out).
#: Generated from Standing's attrs fields (every one must be given, by keyword); it skips only the
#: per-field type checks of ``__attrs_post_init__``, which cost more than the whole evaluation. The
#: cross-field rules hold by construction: the overdue amount, the exposure and the stage's threshold
#: share the ledger's currency (:func:`evaluate` refuses a policy in another). A test under
#: tests/internal holds a trusted standing equal to one built by the public constructor.
trusted_standing: Final = trusted_constructor(Standing, keyword_only=True)


def _commitments(value: object, currency: str) -> tuple[Commitment, ...]:
    if value == ():
        return ()
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise InvalidInput("commitments", "expected a list of Commitment", value, code=ErrorCode.WRONG_TYPE)
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
                code="billing.collections.held_back_days",
                params={"stage": stage.name, "days_past_due": dpd, "needed": days_needed},
                source=_POLICY_SOURCE,
            )
        )
    if stage.min_overdue is not None and overdue < stage.min_overdue:
        reasons.append(
            Reason(
                code="billing.collections.held_back_amount",
                params={"stage": stage.name, "overdue": overdue, "needed": stage.min_overdue},
                source=_POLICY_SOURCE,
            )
        )
    needed_count = stage.min_unpaid_invoices or 1
    if count < needed_count:
        reasons.append(
            Reason(
                code="billing.collections.held_back_invoices",
                params={"stage": stage.name, "count": count, "needed": needed_count},
                source=_POLICY_SOURCE,
            )
        )
    return reasons


def _exemption_reasons(exempt: Iterable[tuple[str, bool]]) -> list[Reason]:
    """Why overdue invoices were left out: ``(id, under a payment plan)``, a plan else a dispute."""
    return [
        Reason(code="billing.collections.exempt_payment_plan", params={"invoice": key}, source=_POLICY_SOURCE)
        if planned
        else Reason(
            code="billing.collections.exempt_disputed", params={"invoice": key}, source=_POLICY_SOURCE
        )
        for key, planned in exempt
    ]


def _indexed_exemptions(
    ledger: Ledger, view: Sequence[tuple[int, Decimal, str]], ordinal: int, exempt: frozenset[str]
) -> list[tuple[str, bool]]:
    """The exempt overdue invoices of an open view (due order), each with whether it is under a plan."""
    plan = ledger.on_payment_plan
    return [(key, key in plan) for due, _owed, key in view if due < ordinal and key in exempt]


def _stage_reasons(
    policy: CollectionsPolicy,
    index: int,
    *,
    days_past_due: int,
    overdue: Money,
    count: int,
    oldest_id: str | None,
) -> list[Reason]:
    """Which stage was reached and what held the next one back (for an account with overdue invoices)."""
    thresholds = policy.ladder.thresholds
    reasons: list[Reason] = []
    if index >= 0:
        reasons.append(
            Reason(
                code="billing.collections.stage_reached",
                params={
                    "stage": policy.stages[index].name,
                    "days_past_due": days_past_due,
                    "needed": thresholds[index][0],
                    "invoice": oldest_id or "",
                    "overdue": overdue,
                    "count": count,
                },
                source=_POLICY_SOURCE,
            )
        )
    if index + 1 < len(policy.stages):
        reasons.extend(
            _held_back(policy.stages[index + 1], thresholds[index + 1][0], days_past_due, overdue, count)
        )
    return reasons


def _next_review(
    *,
    later: int,
    upcoming: int,
    oldest: int,
    days_past_due: int,
    steps: Schedule,
) -> dt.date | None:
    """The first later day the standing could change with no new payment (see :func:`evaluate`).

    The next document (``later``, 0: none), the next invoice falling overdue (``upcoming``, 0: none),
    or the next step of the account's stage schedule (its stages whose amount and count already
    hold; none past the last stage).
    """
    review = upcoming
    if later:
        review = later if not review or later < review else review
    offsets = steps[0]
    step = bisect.bisect_right(offsets, days_past_due)
    if oldest and step < len(offsets):
        at = oldest + offsets[step]
        review = at if not review or at < review else review
    # A change past 9999-12-31 has no date: within the calendar nothing changes any more.
    return dt.date.fromordinal(review) if review and review <= _LAST_ORDINAL else None


def _from_index(
    timeline: LedgerIndex, ledger: Ledger, ordinal: int, code: str
) -> tuple[Money, int, int, str | None, int, int, list[tuple[str, bool]]]:
    """What :func:`~cspcore.billing.ledger.overdue_on` finds, read from the ledger's index instead.

    The overdue amount (as Money), count, oldest due ordinal and id, the day after the next due
    date, the next document ordinal and the exempt overdue invoices (0, None, [] for none).
    """
    days = timeline.days
    position = bisect.bisect_right(days, ordinal) - 1
    later = days[position + 1] if position + 1 < len(days) else 0
    if position < 0:
        return money_of(_ZERO, code), 0, 0, None, 0, later, []
    # The open, non-exempt invoices in due order with running totals: the overdue ones are a prefix.
    summary = (timeline.summaries and timeline.summaries[position]) or timeline.summary(position)
    size = len(summary) // 3  # dues, ids, then running totals (see LedgerIndex.summary)
    count = bisect.bisect_left(summary, ordinal, 0, size)
    oldest, oldest_id = (summary[0], summary[size]) if count else (0, None)
    upcoming = summary[count] + 1 if count < size else 0  # the day the next one falls overdue
    exempt = (
        _indexed_exemptions(ledger, timeline.views[position], ordinal, timeline.exempt)
        if timeline.exempt
        else []
    )
    return summary[2 * size + count], count, oldest, oldest_id, upcoming, later, exempt


def evaluate(
    policy: CollectionsPolicy,
    ledger: Ledger,
    *,
    as_of: dt.date,
    commitments: Sequence[Commitment] = (),
    currency: str | None = None,
) -> Standing:
    """Evaluate the account's standing under ``policy`` on ``as_of``.

    The first question about a ledger costs one pass over its documents and keeps nothing, when each
    payment received by ``as_of`` names an invoice issued by then and pays no more than it owes (so
    it lands whole there); a ledger of any other shape builds its index once (a replay of its
    documents) and later questions read it, as they read any index already beside the ledger.

    Args:
        policy: The collections policy.
        ledger: The account's ledger (documents dated after ``as_of`` do not count yet).
        as_of: The date.
        commitments: The customer's subscriptions, for the consequences of suspension: a tuple or
            list of :class:`~cspcore.billing.Commitment` (empty by default). Anything else, ``None``
            included, is refused (``wrong_type``).
        currency: Needed only for an empty ledger under a policy without amount thresholds (an
            empty ledger is otherwise in the thresholds' currency).

    Returns:
        The standing, with its reasons and its next review day.

    Raises:
        InvalidInput: on wrong types.
        CurrencyMismatch: on thresholds or ``currency`` in another currency than the ledger's.

    >>> from cspcore.billing.collections.policy import STANDARD
    >>> evaluate(STANDARD, Ledger(), as_of=dt.date(2024, 1, 1), currency="EUR").is_clear
    True
    """
    if type(policy) is not CollectionsPolicy:
        _validate.instance(policy, CollectionsPolicy, "policy")
    if type(ledger) is not Ledger:
        _validate.instance(ledger, Ledger, "ledger")
    day = as_of if type(as_of) is dt.date else _validate.date(as_of, "as_of")
    ladder = policy.ladder
    # An empty ledger has no currency of its own: the one given, else the policy thresholds'.
    code = ledger_currency(ledger, ladder.currency if currency is None and not ledger.currency else currency)
    if ladder.currency is not None and ladder.currency != code:
        raise CurrencyMismatch("policy", ladder.currency, code)
    # The default (the empty tuple) needs no check; anything else, falsy or not, is read and checked
    # (None, 0, "" or {} is refused, not taken for "no commitments").
    subscriptions = _commitments(commitments, code) if type(commitments) is not tuple or commitments else ()
    ordinal = day.toordinal()
    timeline = index_beside(ledger)
    # A fresh ledger whose payments each land whole on their invoice: one pass, no index (see
    # billing.ledger._direct); any other reads (or builds) the ledger's index.
    found = overdue_on(ledger, day) if timeline is None else None
    if found is not None:
        amount, count, oldest, oldest_id, upcoming, later, exempt = found
        overdue = money_of(amount, code)
    else:
        overdue, count, oldest, oldest_id, upcoming, later, exempt = _from_index(
            timeline or timeline_of(ledger), ledger, ordinal, code
        )
    dpd = ordinal - oldest if oldest else 0
    exempt_accounts = policy.exempt_accounts
    account_exempt = bool(exempt_accounts) and ledger.account_id in exempt_accounts
    reasons = _exemption_reasons(exempt) if exempt else []
    if account_exempt:
        reasons.append(
            Reason(
                code="billing.collections.exempt_account",
                params={"account": ledger.account_id},
                source=_POLICY_SOURCE,
            )
        )
        return trusted_standing(
            as_of=day,
            stage=None,
            days_past_due=dpd,
            overdue=overdue,
            unpaid_invoices=count,
            actions=(),
            reasons=tuple(reasons),
            next_review=None,
            oldest_invoice_id=oldest_id,
            exposure=None,
            reactivation_deadlines=(),
        )
    index = -1
    steps = _NO_SCHEDULE
    if count:  # the most severe stage whose conditions all hold
        # Policies without amount thresholds (all zero) never need the amount: skip reaching for it.
        steps = stage_schedule(ladder.thresholds, overdue.amount if ladder.amounts else _ZERO, count)
        index = stage_reached(steps, dpd)
        reasons.extend(
            _stage_reasons(
                policy, index, days_past_due=dpd, overdue=overdue, count=count, oldest_id=oldest_id
            )
        )
    else:
        reasons.append(_NOTHING_OVERDUE)
    stage = policy.stages[index] if index >= 0 else None
    exposure: Money | None = None
    deadlines: tuple[ReactivationDeadline, ...] = ()
    if stage is not None and subscriptions and Action.SUSPEND_SUBSCRIPTIONS in stage.actions:
        exposure, deadlines = _suspension(subscriptions, day, code)
        reasons.extend(_suspension_reasons(subscriptions, day))
    return trusted_standing(
        as_of=day,
        stage=stage,
        days_past_due=dpd,
        overdue=overdue,
        unpaid_invoices=count,
        actions=stage.actions if stage is not None else (),
        reasons=tuple(reasons),
        next_review=_next_review(
            later=later, upcoming=upcoming, oldest=oldest, days_past_due=dpd, steps=steps
        ),
        oldest_invoice_id=oldest_id,
        exposure=exposure,
        reactivation_deadlines=deadlines,
    )


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
                code="billing.collections.suspension_still_billed",
                params={
                    "subscription": item.subscription_id,
                    "amount": item.remaining,
                    "term_end": item.term_end,
                },
                source=_SUSPEND_SOURCE,
            )
        )
        if item.purchased is not None and day.toordinal() <= item.purchased.toordinal() + 7:
            # cancellable through the calendar's last day when its 7 days run past it
            until = dt.date.fromordinal(min(item.purchased.toordinal() + 7, _LAST_ORDINAL))
            reasons.append(
                Reason(
                    code="billing.collections.cancellable_until",
                    params={"subscription": item.subscription_id, "until": until},
                    source=_CANCEL_SOURCE,
                )
            )
    return reasons


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

    >>> from cspcore.billing.collections.policy import STANDARD
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
        for ledger in _validate.iterable(ledgers, "ledgers")
    )
