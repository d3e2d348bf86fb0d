"""A portfolio's calendar: which subscriptions renew when, and which windows close when.

:func:`renewal_calendar` reads the states a :func:`~cspcore.billing.lifecycle` replay returned and
lists, between two days, every date a partner may need to act on:

* **renewals** (the day the next term starts), projected forward while auto-renew stays on, each
  flagged as a month-to-month rollover (a ``P1M`` term) or an annual or triennial *commitment*, with
  the first charge of the new term (price per charge cycle times seats). A renewal is processed the
  day after the term ends (``create-a-new-subscription.md``, "Subscription renewals");
* the **full-refund** (24 hours) and **cancellation** (168 hours) windows closing, for the current
  term and for each projected renewal (``billing-basics.md``, "Subscription cancelation"), and each
  lot of seats' **seat-reduction deadline** (``create-a-new-subscription.md``, "Increase or decrease
  licenses in new commerce license-based subscriptions");
* a **scheduled change** taking effect at renewal ("Scheduled changes for managing new commerce
  license-based subscription renewals"), a **trial** converting to paid or ending ("Manage trials for
  new commerce license-based subscriptions"), a subscription with auto-renew off **expiring**, and a
  suspended subscription's **reactivation deadline** ("Suspend a subscription").

Projected renewals open their windows at 00:00 UTC of the renewal day, the earliest a renewal can
complete (it may take up to 24 hours), so the closings listed are the earliest possible: an alert
on them is never late. The windows use the rule version in force on the renewal day
(:data:`~cspcore.billing.CANCELLATION_WINDOW_RULE`). Ended subscriptions have no entries. A trial
has no windows or seat deadlines (its seats and status cannot change during the trial).

Monthly rollovers renew every month, so a year of a portfolio's calendar is mostly their renewals
and windows. ``commitments_only=True`` drops those recurring entries of month-to-month terms and
keeps everything else (commitments' renewals and windows, and every one-off: scheduled changes,
trials, expiries, reactivation deadlines); ``kinds=`` keeps only the kinds given.

>>> import datetime as dt
>>> from cspcore import Money
>>> from cspcore.billing import Subscription, lifecycle, renewal_calendar
>>> sub = Subscription(
...     id="annual",
...     product="Microsoft 365 E3",
...     start=dt.date(2024, 1, 10),
...     term="P1Y",
...     frequency="monthly",
...     quantity=10,
...     unit_price=Money("36.00", "USD"),
... )
>>> states = lifecycle(sub, through=dt.date(2024, 6, 1)).states
>>> calendar = renewal_calendar(states, start=dt.date(2024, 6, 1), end=dt.date(2025, 1, 31))
>>> for entry in calendar.entries:
...     print(entry.on, entry.kind.value, entry.is_commitment, entry.amount)
2025-01-10 renewal True 360.00 USD
2025-01-11 full_refund_end True None
2025-01-17 cancellation_window_close True None
2025-01-17 seat_reduction_deadline True None

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import Final

import attrs

from cspcore import _validate
from cspcore.billing.calendar_entries import RECURRING, CalendarEntry, CalendarKind, RenewalCalendar
from cspcore.billing.lifecycle_replay import Lifecycle
from cspcore.billing.states import SubscriptionState, SubscriptionStatus
from cspcore.billing.terms import BillingFrequency, Term, term_end
from cspcore.billing.windows import (
    CANCELLATION_WINDOW_RULE,
    FULL_REFUND_RULE,
    SEAT_REDUCTION_RULE,
    seat_reduction_deadline,
)
from cspcore.dates import add_years
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.money import Money

__all__ = ["MAX_SPAN_YEARS", "CalendarEntry", "CalendarKind", "RenewalCalendar", "renewal_calendar"]

#: The longest range a calendar covers: ``end`` at most this many years after ``start`` (the same day).
MAX_SPAN_YEARS: Final = 10

_ONE_DAY: Final = dt.timedelta(days=1)
_PAGE: Final = "create-a-new-subscription.md"
_RENEWALS: Final = Source(document=_PAGE, section="Subscription renewals")
_SCHEDULED: Final = Source(
    document=_PAGE, section="Scheduled changes for managing new commerce license-based subscription renewals"
)
_TRIALS: Final = Source(document=_PAGE, section="Manage trials for new commerce license-based subscriptions")
_SUSPEND: Final = Source(document=_PAGE, section="Suspend a subscription")


# -- building ------------------------------------------------------------------------------------


@attrs.frozen
class _Subject:
    """What every entry of one subscription shares (internal)."""

    state: SubscriptionState
    customer: str | None

    def entry(
        self,
        kind: CalendarKind,
        reason: Reason,
        *,
        on: dt.date,
        term: Term,
        at: dt.datetime | None = None,
        quantity: int | None = None,
        product: str | None = None,
        amount: Money | None = None,
    ) -> CalendarEntry:
        return CalendarEntry(
            on=on,
            at=at,
            kind=kind,
            subscription=self.state.id,
            product=self.state.product if product is None else product,
            customer=self.customer,
            quantity=self.state.quantity if quantity is None else quantity,
            term=term,
            is_commitment=term is not Term.P1M,
            amount=amount,
            reason=reason,
        )


def _windows(
    subject: _Subject,
    opened: dt.datetime,
    *,
    full_until: dt.datetime,
    closes: dt.datetime,
    term: Term,
    seats: int,
) -> Iterator[CalendarEntry]:
    """The full-refund end and the cancellation window's close of a window opened at ``opened``."""
    name = subject.state.id
    # elapsed hours between UTC instants: two datetimes of one zone subtract by their wall clocks
    start = opened.astimezone(dt.UTC)
    day = start.date()
    window, full = CANCELLATION_WINDOW_RULE.at(day), FULL_REFUND_RULE.at(day)
    end_full, close = full_until.astimezone(dt.UTC), closes.astimezone(dt.UTC)
    hours_full = int((end_full - start).total_seconds() // 3600)
    hours = int((close - start).total_seconds() // 3600)
    for kind, until, reason in (
        (
            CalendarKind.FULL_REFUND_END,
            end_full,
            Reason(
                code="billing.calendar.full_refund_end",
                params={"subscription": name, "at": end_full, "hours": hours_full},
                source=full.source,
            ),
        ),
        (
            CalendarKind.CANCELLATION_WINDOW_CLOSE,
            close,
            Reason(
                code="billing.calendar.cancellation_window_close",
                params={"subscription": name, "at": close, "hours": hours},
                source=window.source,
            ),
        ),
    ):
        yield subject.entry(kind, reason, on=until.date(), at=until, term=term, quantity=seats)


def _seat_deadline(subject: _Subject, added_on: dt.date, seats: int, term: Term) -> CalendarEntry:
    deadline = seat_reduction_deadline(added_on)
    return subject.entry(
        CalendarKind.SEAT_REDUCTION_DEADLINE,
        Reason(
            code="billing.calendar.seat_reduction_deadline",
            params={
                "subscription": subject.state.id,
                "on": deadline,
                "added_on": added_on,
                "quantity": seats,
            },
            source=SEAT_REDUCTION_RULE.at(added_on).source,
        ),
        on=deadline,
        term=term,
        quantity=seats,
    )


def _current(subject: _Subject) -> Iterator[CalendarEntry]:
    """The current term's windows and seat lots (a trial has none: its seats and status are locked)."""
    state = subject.state
    if state.is_trial:
        return
    yield from _windows(
        subject,
        state.window_opened_at,
        full_until=state.full_refund_until,
        closes=state.cancellable_until,
        term=state.term,
        seats=state.quantity,
    )
    for lot in state.seat_lots:
        yield _seat_deadline(subject, lot.added_on, lot.quantity, state.term)


def _term_end_entry(subject: _Subject) -> CalendarEntry:
    """How a term that will not renew ends: reactivation deadline, trial end or expiry."""
    state = subject.state
    name, last = state.id, state.term_end
    if state.status is SubscriptionStatus.SUSPENDED:
        kind = CalendarKind.REACTIVATION_DEADLINE
        reason = Reason(
            code="billing.calendar.reactivation_deadline",
            params={"subscription": name, "on": last},
            source=_SUSPEND,
        )
    elif state.is_trial:
        kind = CalendarKind.TRIAL_END
        reason = Reason(
            code="billing.calendar.trial_end", params={"subscription": name, "on": last}, source=_TRIALS
        )
    else:
        kind = CalendarKind.EXPIRY
        reason = Reason(
            code="billing.calendar.expiry", params={"subscription": name, "on": last}, source=_RENEWALS
        )
    return subject.entry(kind, reason, on=last, term=state.term)


@attrs.frozen
class _Term:
    """A projected term (internal): its plan, seats, price per charge cycle (if known) and end."""

    product: str
    term: Term
    frequency: BillingFrequency
    quantity: int
    price: Money | None
    end: dt.date | None

    def amount(self) -> Money | None:
        """The first charge of the term, when it is a full charge cycle at a known price."""
        if self.price is None or self.end is not None:
            return None
        return self.price * self.quantity


def _next_term(state: SubscriptionState) -> _Term:
    """The term the next renewal starts, as the replay will apply it (:attr:`SubscriptionState.next_term`)."""
    plan = state.next_term
    if plan is None:  # pragma: no cover - only subscriptions that renew are projected
        raise AssertionError
    return _Term(plan.product, plan.term, plan.frequency, plan.quantity, plan.unit_price, plan.end)


def _renewal(subject: _Subject, day: dt.date, plan: _Term, *, first: bool) -> Iterator[CalendarEntry]:
    """A renewal (or a trial's conversion) on ``day``, with the window and seat lot it opens."""
    state, name = subject.state, subject.state.id

    def entry(kind: CalendarKind, reason: Reason, amount: Money | None = None) -> CalendarEntry:
        return subject.entry(
            kind, reason, on=day, term=plan.term, quantity=plan.quantity, product=plan.product, amount=amount
        )

    if first and state.is_trial:
        reason = Reason(
            code="billing.calendar.trial_conversion",
            params={"subscription": name, "on": day, "term": plan.term, "quantity": plan.quantity},
            source=_TRIALS,
        )
        yield entry(CalendarKind.TRIAL_CONVERSION, reason, plan.amount())
    elif plan.term is Term.P1M:
        reason = Reason(
            code="billing.calendar.renewal_rollover",
            params={"subscription": name, "on": day, "quantity": plan.quantity},
            source=_RENEWALS,
        )
        yield entry(CalendarKind.RENEWAL, reason, plan.amount())
    else:
        reason = Reason(
            code="billing.calendar.renewal_commitment",
            params={"subscription": name, "on": day, "term": plan.term, "quantity": plan.quantity},
            source=_RENEWALS,
        )
        yield entry(CalendarKind.RENEWAL, reason, plan.amount())
    if first and state.scheduled_change is not None:
        change = state.scheduled_change
        reason = Reason(
            code="billing.calendar.scheduled_change",
            params={"subscription": name, "on": day, "saved_on": change.saved_on},
            source=_SCHEDULED,
        )
        yield entry(CalendarKind.SCHEDULED_CHANGE, reason)
    opened = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
    try:
        full_until = opened + dt.timedelta(hours=FULL_REFUND_RULE.at(day).value)
        closes = opened + dt.timedelta(hours=CANCELLATION_WINDOW_RULE.at(day).value)
        yield from _windows(
            subject, opened, full_until=full_until, closes=closes, term=plan.term, seats=plan.quantity
        )
        yield _seat_deadline(subject, day, plan.quantity, plan.term)
    except (OverflowError, InvalidInput):  # closes after year 9999: past any calendar's end
        return


def _projected(subject: _Subject, end: dt.date) -> Iterator[CalendarEntry]:
    """Every renewal from the state's next one through ``end``, with what each opens."""
    state = subject.state
    day = state.renews_on
    if day is None:
        if state.auto_renew and state.term_end == dt.date.max:
            return  # it would renew after the calendar's last day: it neither ends nor renews within it
        yield _term_end_entry(subject)
        return
    plan = _next_term(state)
    first = True
    while day <= end:
        yield from _renewal(subject, day, plan, first=first)
        try:
            last = plan.end if plan.end is not None else term_end(day, plan.term)
            day = last + _ONE_DAY
        except (InvalidInput, OverflowError):  # the next term would end after year 9999
            return
        plan = attrs.evolve(plan, end=None)
        first = False


def _subjects(states: object, customers: Mapping[str, str]) -> list[_Subject]:
    if isinstance(states, Lifecycle):
        given: Iterable[object] = states.states.values()
    elif isinstance(states, Mapping):
        given = states.values()
    else:
        given = _validate.bounded(_validate.iterable(states, "states"), "states")
    seen: set[str] = set()
    subjects: list[_Subject] = []
    for index, item in enumerate(given):
        state: SubscriptionState = _validate.instance(item, SubscriptionState, f"states[{index}]")
        if state.id in seen:
            raise InvalidInput(
                f"states[{index}]", "a second state of one subscription", state.id, code=ErrorCode.DUPLICATE
            )
        seen.add(state.id)
        subjects.append(_Subject(state, customers.get(state.id)))
    return subjects


def _customers(value: object) -> Mapping[str, str]:
    if value is None:
        return {}
    given: Mapping[object, object] = _validate.instance(value, Mapping, "customers")
    checked: dict[str, str] = {}
    for key, customer in _validate.bounded(given.items(), "customers"):
        name = _validate.text(key, "customers")
        checked[name] = _validate.text(customer, f"customers[{name!r}]")
    return checked


def _kinds(value: object) -> frozenset[CalendarKind] | None:
    if value is None:
        return None
    items = _validate.bounded(_validate.iterable(value, "kinds"), "kinds")
    return frozenset(_validate.enum_member(CalendarKind, kind, "kinds[]") for kind in items)


def _years_after(day: dt.date) -> dt.date:
    """``day`` plus :data:`MAX_SPAN_YEARS` (clamped), or the calendar's last day when that is later."""
    return add_years(day, MAX_SPAN_YEARS) if day.year <= dt.MAXYEAR - MAX_SPAN_YEARS else dt.date.max


def renewal_calendar(
    states: Lifecycle | Mapping[str, SubscriptionState] | Iterable[SubscriptionState],
    *,
    start: dt.date,
    end: dt.date,
    customers: Mapping[str, str] | None = None,
    kinds: Iterable[CalendarKind | str] | None = None,
    commitments_only: bool = False,
) -> RenewalCalendar:
    """List the renewals, window closings and deadlines of a portfolio between ``start`` and ``end``.

    Args:
        states: A :class:`~cspcore.billing.Lifecycle`, its ``states`` mapping, or subscription states
            (one per subscription id).
        start: The first day listed.
        end: The last day listed (at most :data:`MAX_SPAN_YEARS` years after ``start``).
        customers: The customer id of each subscription, by subscription id (ids of subscriptions
            not in ``states`` are ignored; a subscription without one has ``customer=None``).
        kinds: Only entries of these kinds (all by default).
        commitments_only: Drop the entries that recur with every renewal of a month-to-month term
            (its renewals, windows and seat deadlines); keep commitments' entries and every one-off.

    Returns:
        A :class:`RenewalCalendar` whose entries all fall between ``start`` and ``end``.

    Raises:
        InvalidInput: for a value of the wrong type, two states of one subscription (``duplicate``),
            ``end`` before ``start`` (``inconsistent``) or more than ten years after it
            (``out_of_range``), or a ``start`` more than ten years after a subscription's next
            renewal (``out_of_range``: replay the history closer to the range first).

    >>> import datetime as dt
    >>> renewal_calendar([], start=dt.date(2024, 1, 1), end=dt.date(2040, 1, 1))
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: end: more than 10 years after start (got datetime.date(2040, 1, 1))
    """
    first = _validate.date(start, "start")
    last = _validate.date(end, "end")
    if last < first:
        raise InvalidInput("end", f"is before start {first.isoformat()}", last, code=ErrorCode.INCONSISTENT)
    if last > _years_after(first):
        raise InvalidInput(
            "end", f"more than {MAX_SPAN_YEARS} years after start", last, code=ErrorCode.OUT_OF_RANGE
        )
    only = _kinds(kinds)
    rollovers_too = not _validate.flag(commitments_only, "commitments_only")
    entries: list[CalendarEntry] = []
    for subject in _subjects(states, _customers(customers)):
        if not subject.state.is_active:
            continue
        renews_on = subject.state.renews_on
        if renews_on is not None and first > _years_after(renews_on):
            raise InvalidInput(
                "start",
                f"more than {MAX_SPAN_YEARS} years after subscription {subject.state.id!r} next renews "
                f"({renews_on.isoformat()}); replay its history further first",
                first,
                code=ErrorCode.OUT_OF_RANGE,
            )
        for entry in (*_current(subject), *_projected(subject, last)):
            if not first <= entry.on <= last:
                continue
            if only is not None and entry.kind not in only:
                continue
            if not rollovers_too and not entry.is_commitment and entry.kind in RECURRING:
                continue
            entries.append(entry)
    entries.sort(key=CalendarEntry.sort_key)
    return RenewalCalendar(start=first, end=last, entries=tuple(entries))
