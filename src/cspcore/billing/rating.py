"""Rating: the charge lines Microsoft puts on the reconciliation file for a subscription's history.

:func:`rate` replays a subscription and its dated events and returns every
:class:`~cspcore.billing.ChargeLine` up to a date. The rules, each from
``common-billing-scenarios-onetime-recurring.md`` unless noted:

* The purchase charges the first charge cycle (``new``); every later cycle of the term is charged on
  its first day (``cycleCharge``); with auto-renew on, the day after the term ends starts a new term
  whose first cycle is charged as ``renew`` (``create-a-new-subscription.md``, "Renewal").
* A change in the middle of a cycle is a *refund and recreate* pair over the days from the event to
  the cycle end: ``effective unit price = unit price / charge cycle days × billing days``, both
  ends counted ("How are licenses (seats) added or removed?").
* The subtotal of a line is ``ROUNDDOWN(EUP, 2) × quantity`` (:attr:`ProrationRounding.UNIT_PRICE_FIRST`,
  the reconciliation-file formula, ``modern-invoice-reconciliation-file.md``, ``Subtotal``) or
  ``ROUNDDOWN(EUP × quantity, 2)`` (:attr:`ProrationRounding.LINE_TOTAL`). Microsoft's seat tables
  need the second; its cancellation, upgrade and billing-plan examples need the first.

>>> import datetime as dt
>>> from cspcore import Money
>>> from cspcore.billing import ChangeQuantity, ProrationRounding, Subscription, rate
>>> sub = Subscription(
...     id="sub-1",
...     product="Microsoft 365 Business Standard",
...     start=dt.date(2021, 6, 18),
...     term="P1M",
...     frequency="monthly",
...     quantity=10,
...     unit_price=Money("10.08", "EUR"),
... )
>>> lines = rate(
...     sub,
...     [ChangeQuantity(dt.date(2021, 6, 20), 12)],
...     through=dt.date(2021, 6, 30),
...     rounding=ProrationRounding.LINE_TOTAL,
... )
>>> [(line.charge_type.value, str(line.subtotal.amount)) for line in lines]
[('new', '100.80'), ('addQuantity', '-94.08'), ('addQuantity', '112.89')]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Final

import attrs

from cspcore import _validate
from cspcore.billing.charges import ChargeLine, ChargeType
from cspcore.billing.cycles import ChargeCycle, term_cycles
from cspcore.billing.subscription import Subscription
from cspcore.billing.terms import BillingFrequency, Term, check_plan, term_end
from cspcore.billing.windows import (
    BillingPlanChangeRefused,
    CancellationKind,
    QuantityOutOfRange,
    SeatStack,
    SubscriptionInactive,
    TermDowngradeRefused,
    TrialRestriction,
    UpgradeRefused,
    cancellation_quote,
    seat_count,
)
from cspcore.enums import CspEnum
from cspcore.errors import CurrencyMismatch, InvalidInput
from cspcore.explain import Reason, Source
from cspcore.money import _DIVISION, _EXACT, Money, _make, minor_units

__all__ = [
    "Cancel",
    "ChangeBillingPlan",
    "ChangeQuantity",
    "ConvertTrial",
    "Event",
    "PriceChange",
    "ProrationRounding",
    "Upgrade",
    "rate",
]


class ProrationRounding(CspEnum):
    """How a prorated line's subtotal is rounded (both truncate toward zero, as Excel's ROUNDDOWN).

    >>> ProrationRounding.UNIT_PRICE_FIRST.value
    'unitPriceFirst'
    """

    UNIT_PRICE_FIRST = "unitPriceFirst"
    """``ROUNDDOWN(EUP, 2) × quantity``: the reconciliation-file formula; Microsoft's cancellation,
    upgrade and billing-plan-change examples."""
    LINE_TOTAL = "lineTotal"
    """``ROUNDDOWN(EUP × quantity, 2)``: Microsoft's seat add/remove tables."""


# -- events --------------------------------------------------------------------------------------


def _check_day(_instance: object, attribute: attrs.Attribute[dt.date], value: object) -> None:
    _validate.date(value, attribute.name)


def _frequency(value: object) -> BillingFrequency:
    return _validate.enum_member(BillingFrequency, value, "frequency")


def _term(value: object) -> Term:
    return _validate.enum_member(Term, value, "term")


def _price(value: object) -> Money:
    money: Money = _validate.instance(value, Money, "unit_price")
    if money.is_negative():
        raise InvalidInput("unit_price", "must not be negative", money)
    return money


def _count(value: object) -> int:
    return seat_count(value, "quantity", minimum=None)


def _optional_count(value: object) -> int | None:
    return None if value is None else seat_count(value, "quantity")


def _optional_term(value: object) -> Term | None:
    return None if value is None else _validate.enum_member(Term, value, "term")


def _optional_frequency(value: object) -> BillingFrequency | None:
    return None if value is None else _validate.enum_member(BillingFrequency, value, "frequency")


def _optional_text(value: object) -> str | None:
    return None if value is None else _validate.text(value, "subscription_id")


@attrs.frozen
class ChangeQuantity:
    """Set the seat count to ``quantity`` on ``on`` (``addQuantity`` / ``removeQuantity``).

    >>> import datetime as dt
    >>> ChangeQuantity(dt.date(2021, 6, 20), 12).quantity
    12
    """

    on: dt.date = attrs.field(validator=_check_day)
    quantity: int = attrs.field(converter=_count)

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return self.on


@attrs.frozen
class Cancel:
    """Cancel the subscription at the instant ``at`` (``cancelImmediate``).

    >>> import datetime as dt
    >>> Cancel(dt.datetime(2021, 7, 17, 9, tzinfo=dt.UTC)).day
    datetime.date(2021, 7, 17)
    """

    at: dt.datetime = attrs.field(validator=_validate.attrs_validator(_validate.aware_datetime))

    def __attrs_post_init__(self) -> None:
        _validate.instant(self.at, "at")  # an instant with no UTC day (hours from the calendar's ends)

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return self.at.astimezone(dt.UTC).date()


@attrs.frozen(kw_only=True)
class Upgrade:
    """Upgrade all seats (``quantity=None``) or some of them to ``product`` on ``on`` (``convert``).

    Args:
        on: The day of the upgrade.
        product: The target product.
        unit_price: The target's price per charge cycle.
        quantity: Seats to upgrade; ``None`` for a full upgrade (the subscription keeps its id).
        term: The target's term; a shorter term than the current one is refused. A longer term
            starts a new term on ``on`` (``create-a-new-subscription.md``: a move to a higher term
            is accepted mid-term).
        frequency: The billing plan of that longer term (default: the current plan); only with
            ``term``.
        subscription_id: The id of the subscription a partial upgrade creates (derived when omitted);
            with ``into_existing``, the id of the existing target (required).
        into_existing: The target subscription already exists (``moveQuantity``); only the pair of
            lines is produced.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> Upgrade(
    ...     on=dt.date(2021, 6, 25), product="Office 365 E1", unit_price=Money("6.43", "EUR")
    ... ).quantity is None
    True
    """

    on: dt.date = attrs.field(validator=_check_day)
    product: str = attrs.field(
        converter=_validate.plain_text, validator=_validate.attrs_validator(_validate.text)
    )
    unit_price: Money = attrs.field(converter=_price)
    quantity: int | None = attrs.field(default=None, converter=_optional_count)
    term: Term | None = attrs.field(default=None, converter=_optional_term)
    frequency: BillingFrequency | None = attrs.field(default=None, converter=_optional_frequency)
    subscription_id: str | None = attrs.field(default=None, converter=_optional_text)
    into_existing: bool = attrs.field(default=False, validator=_validate.attrs_validator(_validate.flag))

    def __attrs_post_init__(self) -> None:
        if self.into_existing and self.subscription_id is None:
            raise InvalidInput("subscription_id", "name the existing subscription the seats move into", None)
        if self.frequency is not None:
            if self.term is None:
                raise InvalidInput("frequency", "only with a longer term; pass term too", self.frequency)
            check_plan(self.term, self.frequency)

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return self.on


@attrs.frozen
class ChangeBillingPlan:
    """Switch the billing plan to ``frequency`` at ``unit_price`` per new cycle, from the next cycle.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> ChangeBillingPlan(dt.date(2021, 9, 21), "annual", Money("250", "EUR")).frequency
    <BillingFrequency.ANNUAL: 'annual'>
    """

    on: dt.date = attrs.field(validator=_check_day)
    frequency: BillingFrequency = attrs.field(converter=_frequency)
    unit_price: Money = attrs.field(converter=_price)

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return self.on


@attrs.frozen
class ConvertTrial:
    """Convert a trial into a paid subscription on ``on``: a new term starts that day (``convert``).

    The term defaults to a year billed monthly; ``quantity`` (default: the trial's seats) may not be
    lower than the trial's (``create-a-new-subscription.md``, "Midterm trial conversion").

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> ConvertTrial(dt.date(2021, 6, 25), Money("52.61", "EUR")).term
    <Term.P1Y: 'P1Y'>
    """

    on: dt.date = attrs.field(validator=_check_day)
    unit_price: Money = attrs.field(converter=_price)
    term: Term = attrs.field(default=Term.P1Y, converter=_term)
    frequency: BillingFrequency = attrs.field(default=BillingFrequency.MONTHLY, converter=_frequency)
    quantity: int | None = attrs.field(default=None, converter=_optional_count)

    def __attrs_post_init__(self) -> None:
        check_plan(self.term, self.frequency)

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return self.on


@attrs.frozen
class PriceChange:
    """A new list price from ``on``; price protection applies it only from the next renewal.

    ``pricing-and-offers.md``: price changes during the term do not affect an existing subscription.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> PriceChange(dt.date(2022, 4, 1), Money("11", "EUR")).unit_price
    Money('11', 'EUR')
    """

    on: dt.date = attrs.field(validator=_check_day)
    unit_price: Money = attrs.field(converter=_price)

    @property
    def day(self) -> dt.date:
        """The UTC day the event happens."""
        return self.on


Event = ChangeQuantity | Cancel | Upgrade | ChangeBillingPlan | ConvertTrial | PriceChange
_EVENT_TYPES: Final = (ChangeQuantity, Cancel, Upgrade, ChangeBillingPlan, ConvertTrial, PriceChange)

# -- arithmetic ----------------------------------------------------------------------------------

# Every product and sum of rating is exact (money's 200-digit context, Inexact trapped): bounded
# inputs (50 digits, quantities up to 10**12) keep them far inside 200 digits.
#: The effective unit price shown on a line is a quotient (a price x 19 / 30): 34 significant digits
#: (money's division), or more for a price so large that 34 digits would not reach a trillionth of its
#: currency's minor unit. Subtotals never use it: they are truncated from the exact fraction.
_SHOWN: Final = _DIVISION
_SHOWN_WIDE: Final = _DIVISION.copy()
_SHOWN_WIDE.prec = 80
#: Numerators from this magnitude on are shown with :data:`_SHOWN_WIDE`.
_WIDE_FROM: Final = 15
_CYCLE: Final = ChargeType.CYCLE_CHARGE
_ONE_DAY: Final = dt.timedelta(days=1)
_ZERO: Final = Decimal(0)
_TRIAL: Final = ("Trial",)
_SEATS_SOURCE: Final = Source(
    "create-a-new-subscription.md",
    "Increase or decrease licenses in new commerce license-based subscriptions",
)
_TRIAL_SOURCE: Final = Source(
    "create-a-new-subscription.md", "Manage trials for new commerce license-based subscriptions"
)
_TERM_SOURCE: Final = Source(
    "create-a-new-subscription.md",
    "Change billing frequency along with billing term and other fields (immediate change)",
)
_PLAN_SOURCE: Final = Source(
    "create-a-new-subscription.md", "Change only billing frequency (scheduled change)"
)
_UPGRADE_SOURCE: Final = Source(
    "create-a-new-subscription.md", "Upgrade for new commerce license-based subscriptions"
)
_FREQUENCY_TEXT: Final = {1: "Monthly", 12: "Annual", 36: "Triennial"}
_PLAN_CHANGES: Final = frozenset(
    {
        (Term.P3Y, BillingFrequency.MONTHLY, BillingFrequency.ANNUAL),
        (Term.P3Y, BillingFrequency.ANNUAL, BillingFrequency.MONTHLY),
    }
)


#: A prorated price as an exact fraction: (numerator, denominator), the denominator a day count.
_Share = tuple[Decimal, int]


def _share(price: Decimal, billing_days: int, cycle_days: int) -> _Share:
    """``price / cycle_days x billing_days`` as an exact fraction (the price itself for a full cycle)."""
    if billing_days == cycle_days:
        return price, 1
    return _mul(price, billing_days), cycle_days


def _shown(numerator: Decimal, denominator: int) -> Decimal:
    """The effective unit price of a fraction, as a line shows it (see :data:`_SHOWN`)."""
    if denominator == 1:
        return numerator
    context = _SHOWN if numerator.adjusted() < _WIDE_FROM else _SHOWN_WIDE
    return context.divide(numerator, denominator)


def _truncated(numerator: Decimal, denominator: Decimal) -> Decimal:
    """How many whole ``denominator`` fit in ``numerator``, toward zero (exact: divide-integer)."""
    return _EXACT.divide_int(numerator, denominator)


# -- state ---------------------------------------------------------------------------------------


class _Track:
    """The mutable state of one subscription while its history is replayed (internal)."""

    __slots__ = (
        "active",
        "auto_renew",
        "custom_end",
        "cycle_index",
        "cycles",
        "fraction",
        "frequency",
        "id",
        "lots",
        "pending_plan",
        "position",
        "product",
        "qualifiers",
        "quantity",
        "renewal_price",
        "template",
        "term",
        "term_end",
        "term_start",
        "trial",
        "unit_price",
        "version",
        "window_line",
        "window_opened",
    )

    def __init__(self) -> None:
        self.active = True
        self.position = 0  # creation order among the tracks of one rating
        self.version = 0  # bumped whenever the track is requeued
        self.pending_plan: ChangeBillingPlan | None = None
        self.renewal_price: Decimal | None = None
        self.qualifiers: tuple[str, ...] = ()
        self.lots = SeatStack(dt.date.min, 0)
        self.cycles: tuple[ChargeCycle, ...] = ()
        self.cycle_index = 0
        self.window_line = 0
        self.trial = False
        self.auto_renew = True
        self.id = ""
        self.product = ""
        self.unit_price = _ZERO
        self.quantity = 0
        self.term = Term.P1M
        self.frequency = BillingFrequency.MONTHLY
        self.term_start = dt.date.min
        self.term_end = dt.date.min
        self.window_opened = dt.datetime.min.replace(tzinfo=dt.UTC)
        self.template: _Template | None = None
        self.custom_end: dt.date | None = None
        # The share of the unit price the current cycle was charged at (a shortened cycle after a
        # billing-plan change); proration within the cycle scales by it.
        self.fraction = (1, 1)

    @property
    def cycle(self) -> ChargeCycle:
        return self.cycles[self.cycle_index]


class _Rater:
    """Replays one subscription's history into charge lines (internal)."""

    def __init__(self, sub: Subscription, *, rounding: ProrationRounding) -> None:
        self.currency = sub.currency
        self.quantum = _quantum(sub.currency)
        self.unit_first = rounding is ProrationRounding.UNIT_PRICE_FIRST
        self.lines: list[ChargeLine] = []
        self.zero = _make(_ZERO, self.currency)
        self.references = 0
        self.max_quantity = sub.max_quantity
        base = _Track()
        base.id = sub.id
        base.product = sub.product
        base.unit_price = sub.unit_price.amount
        base.quantity = sub.quantity
        base.term = sub.term
        base.frequency = sub.frequency
        base.trial = sub.trial
        base.auto_renew = sub.auto_renew
        base.qualifiers = _TRIAL if sub.trial else ()
        base.term_start = sub.start
        base.term_end = sub.term_end
        base.cycles = term_cycles(
            sub.start, sub.term.months, sub.frequency.months, end=sub.end, term_end=base.term_end
        )
        base.custom_end = sub.end
        base.lots = SeatStack(sub.start, sub.quantity)  # the purchase instant falls on the start date
        base.window_opened = sub.purchased_at
        self.refresh(base)
        self.base = base
        self.tracks = [base]
        self.queue: list[tuple[dt.date, int, int, _Track]] = []
        self.prices: list[tuple[dt.date, Decimal]] = []

    # -- line construction -----------------------------------------------------------------------

    def refresh(self, track: _Track) -> None:
        """Recompute the parts of ``track``'s lines that only change with its state (internal)."""
        months = track.frequency.months
        track.template = (
            track.product,
            track.id,
            _make(track.unit_price, self.currency),
            track.qualifiers,
            track.term_start,
            track.term_end,
            None,  # TermAndBillingCycle is free text that Microsoft words per product; not invented here
            None if months is None or months == track.term.months else _FREQUENCY_TEXT[months],
            {},  # subtotals of full cycles by seat count: every cycle charge at one count is the same
        )

    def emit(  # noqa: PLR0917 - internal hot path, positional for speed
        self,
        track: _Track,
        order_date: dt.date,
        charge_type: ChargeType,
        share: _Share,
        quantity: int,
        start: dt.date,
        end: dt.date,
        reference: str | None,
        *,
        subtotal: Decimal | None = None,
    ) -> None:
        template = track.template
        if template is None:  # pragma: no cover - set by refresh() before any line
            raise AssertionError
        self.build(template, order_date, charge_type, share, quantity, start, end, reference, subtotal)

    def build(  # noqa: PLR0917 - internal hot path, positional for speed
        self,
        template: _Template,
        order_date: dt.date,
        charge_type: ChargeType,
        share: _Share,
        quantity: int,
        start: dt.date,
        end: dt.date,
        reference: str | None,
        subtotal: Decimal | None = None,
    ) -> None:
        currency = self.currency
        product, subscription_id, unit_price, qualifiers, sub_start, sub_end, text, frequency, full = template
        numerator, denominator = share
        eup = _shown(numerator, denominator)
        full_cycle = eup is unit_price.amount and subtotal is None
        money = full.get(quantity) if full_cycle else None
        if money is None:
            if subtotal is not None:
                amount = subtotal
            else:
                # ROUNDDOWN of the exact fraction, to the currency's minor unit: units of the quantum
                # that fit, toward zero, from the exact numerator (never from the shown quotient).
                step = _mul(self.quantum, denominator)
                if self.unit_first:
                    amount = _mul(_truncated(numerator, step), _mul(self.quantum, quantity))
                else:
                    amount = _mul(_truncated(_mul(numerator, quantity), step), self.quantum)
            money = _make(amount, currency)
            if full_cycle:
                full[quantity] = money
        line: ChargeLine = _new(ChargeLine)
        _set_order_date(line, order_date)
        _set_charge_type(line, charge_type)
        _set_product(line, product)
        _set_subscription_id(line, subscription_id)
        _set_unit_price(line, unit_price)
        # A full cycle's EUP is the unit price itself: share the (immutable) Money.
        _set_effective_unit_price(line, unit_price if eup is unit_price.amount else _make(eup, currency))
        _set_quantity(line, _QUANTITIES[quantity] if quantity < _CACHED else Decimal(quantity))
        _set_subtotal(line, money)
        _set_charge_start(line, start)
        _set_charge_end(line, end)
        _set_tax(line, self.zero)
        _set_total(line, money)
        _set_reference_id(line, reference)
        _set_qualifiers(line, qualifiers)
        _set_customer_id(line, None)
        _set_subscription_start(line, sub_start)
        _set_subscription_end(line, sub_end)
        _set_term_and_billing_cycle(line, text)
        _set_billing_frequency(line, frequency)
        self.lines.append(line)

    def prorate(self, track: _Track, price: Decimal, day: dt.date) -> _Share:
        """The EUP of ``price`` from ``day`` to the end of ``track``'s current cycle (internal)."""
        cycle = track.cycles[track.cycle_index]
        billing_days = (cycle.end - day).days + 1
        share, whole = track.fraction
        if share == whole:
            return _share(price, billing_days, cycle.days)
        return _mul(price, share * billing_days), whole * cycle.days

    def reference(self, track: _Track, day: dt.date) -> str:
        self.references += 1
        return f"{track.id}/{day.isoformat()}/{self.references}"

    # -- time ------------------------------------------------------------------------------------

    def schedule(self, track: _Track) -> None:
        """(Re)queue ``track`` by the day its next cycle or renewal starts, after any change to it.

        The queue holds every active track once by (day, creation order); an entry of an older version
        of the track is skipped. So :meth:`advance` visits only the tracks that are due, in the order
        that the final stable sort by date relies on (internal).
        """
        track.version += 1
        if not track.active:
            return
        if track.cycle_index + 1 < len(track.cycles):
            due = track.cycles[track.cycle_index + 1].start
        elif track.term_end < dt.date.max:
            due = track.term_end + _ONE_DAY
        else:  # pragma: no cover - no term ends on December 31, 9999 (term_end refuses year 10000)
            return
        heapq.heappush(self.queue, (due, track.position, track.version, track))

    def advance(self, day: dt.date) -> None:
        """Charge every cycle (and renewal) that starts on or before ``day``."""
        queue = self.queue
        while queue and queue[0][0] <= day:
            _, _, version, track = heapq.heappop(queue)
            if version != track.version:
                continue
            if track.cycle_index + 1 < len(track.cycles):
                track.cycle_index += 1
                track.fraction = (1, 1)
                if track.pending_plan is not None:
                    self.apply_plan(track, track.pending_plan)
                else:
                    self.charge_cycle(track, _CYCLE)
            else:
                self.renew(track, track.term_end + _ONE_DAY)
            self.schedule(track)

    def charge_cycle(self, track: _Track, charge_type: ChargeType) -> None:
        cycle = track.cycles[track.cycle_index]
        start = cycle.start
        end = cycle.end
        days = cycle.days
        share = _share(track.unit_price, (end - start).days + 1, days)
        self.build(track.template, start, charge_type, share, track.quantity, start, end, None)  # type: ignore[arg-type]

    def renew(self, track: _Track, renewal: dt.date) -> None:
        if not track.auto_renew or track.trial:
            track.active = False
            return
        if track.pending_plan is not None:
            track.frequency = track.pending_plan.frequency
            track.unit_price = track.pending_plan.unit_price.amount
            track.pending_plan = None
        if track is self.base and self.prices:
            # The latest list price (events are applied in date order, after the day's renewals).
            track.renewal_price = self.prices[-1][1]
        if track.renewal_price is not None:
            track.unit_price = track.renewal_price
            track.renewal_price = None
        try:
            self.start_term(track, renewal, track.term, track.frequency)
        except InvalidInput:
            raise InvalidInput(
                "through",
                f"reaches a renewal on {renewal.isoformat()} whose term ends after year 9999",
                renewal,
            ) from None
        self.charge_cycle(track, ChargeType.RENEW)

    def start_term(self, track: _Track, start: dt.date, term: Term, frequency: BillingFrequency) -> None:
        track.term = term
        track.frequency = frequency
        track.term_start = start
        track.term_end = term_end(start, term)
        track.cycles = term_cycles(start, term.months, frequency.months, end=None, term_end=track.term_end)
        track.cycle_index = 0
        track.custom_end = None
        track.fraction = (1, 1)
        track.lots = SeatStack(start, track.quantity)
        track.window_opened = dt.datetime(start.year, start.month, start.day, tzinfo=dt.UTC)
        track.window_line = len(self.lines)
        self.refresh(track)

    # -- events ----------------------------------------------------------------------------------

    def apply(self, event: Event) -> None:
        if isinstance(event, ChangeQuantity):
            self.change_quantity(event)
        elif isinstance(event, Cancel):
            self.cancel(event)
        elif isinstance(event, Upgrade):
            self.upgrade(event)
        elif isinstance(event, ChangeBillingPlan):
            self.change_plan(event)
        elif isinstance(event, ConvertTrial):
            self.convert(event)
        else:
            self.prices.append((event.on, event.unit_price.amount))

    def check_active(self, track: _Track, day: dt.date) -> None:
        if not track.active:
            raise SubscriptionInactive(
                f"subscription {track.id} is no longer active on {day.isoformat()}",
                reasons=(
                    Reason(
                        "billing.subscription.inactive",
                        {"subscription": track.id, "on": day},
                        source=Source(
                            "create-a-new-subscription.md", "Cancel new commerce license-based subscriptions"
                        ),
                    ),
                ),
            )

    def change_quantity(self, event: ChangeQuantity) -> None:
        track = self.base
        day = event.on
        self.check_active(track, day)
        if track.trial:
            raise TrialRestriction(
                "the seat count of a trial cannot change",
                reasons=(
                    Reason(
                        "billing.trial.quantity_locked", {"quantity": track.quantity}, source=_TRIAL_SOURCE
                    ),
                ),
            )
        new = event.quantity
        if new < 1 or (self.max_quantity is not None and new > self.max_quantity):
            raise QuantityOutOfRange(
                f"quantity {new} is out of range",
                reasons=(
                    Reason(
                        "billing.seats.out_of_range",
                        {"quantity": new, "minimum": 1, "maximum": self.max_quantity},
                        source=Source("pricing-and-offers.md"),
                    ),
                ),
            )
        old = track.quantity
        if new == old:  # no change, so no order and no lines
            return
        if new < old:
            track.lots.reduce(old - new, on=day)
        else:
            track.lots.add(day, new - old)
        cycle = track.cycle
        share = self.prorate(track, track.unit_price, day)
        kind = ChargeType.REMOVE_QUANTITY if new < old else ChargeType.ADD_QUANTITY
        reference = self.reference(track, day)
        self.emit(track, day, kind, _refund(share), old, day, cycle.end, reference)
        track.quantity = new
        self.emit(track, day, kind, share, new, day, cycle.end, reference)

    def cancel(self, event: Cancel) -> None:
        track = self.base
        day = event.day
        self.check_active(track, day)
        quote = cancellation_quote(track.window_opened, at=event.at)
        cycle = track.cycle
        if quote.kind is CancellationKind.FULL:
            charged = [
                line.subtotal.amount
                for line in self.lines[track.window_line :]
                if line.subscription_id == track.id
            ]
            refund = functools.reduce(_add, charged, _ZERO).copy_negate()
            start = min(track.term_start, day)
            self.emit(
                track,
                day,
                ChargeType.CANCEL_IMMEDIATE,
                (refund, track.quantity),
                track.quantity,
                start,
                cycle.end,
                None,
                subtotal=refund,
            )
        else:
            self.emit(
                track,
                day,
                ChargeType.CANCEL_IMMEDIATE,
                _refund(self.prorate(track, track.unit_price, day)),
                track.quantity,
                day,
                cycle.end,
                None,
            )
        track.active = False

    def check_upgrade(self, track: _Track, event: Upgrade) -> int:
        """Refuse what Partner Center refuses; return the number of seats upgraded (internal)."""
        self.check_active(track, event.on)
        if track.trial:
            raise TrialRestriction(
                "a trial is converted, not upgraded",
                reasons=(Reason("billing.trial.convert_instead", {}, source=_TRIAL_SOURCE),),
            )
        if event.term is not None and event.term.months < track.term.months:
            raise TermDowngradeRefused(
                f"cannot move from {track.term.value} to {event.term.value}",
                reasons=(
                    Reason(
                        "billing.term.downgrade",
                        {"current": track.term, "requested": event.term},
                        source=_TERM_SOURCE,
                    ),
                ),
            )
        if event.quantity is not None and event.quantity > track.quantity:
            raise UpgradeRefused(
                f"cannot upgrade {event.quantity} of {track.quantity} seats",
                reasons=(
                    Reason(
                        "billing.upgrade.quantity",
                        {"quantity": event.quantity, "available": track.quantity},
                        source=_UPGRADE_SOURCE,
                    ),
                ),
            )
        return track.quantity if event.quantity is None else event.quantity

    def spawn(self, parent: _Track, subscription_id: str, day: dt.date, quantity: int) -> _Track:
        """The coterminous subscription a partial upgrade creates (internal)."""
        target = _Track()
        for name in (
            "auto_renew",
            "term",
            "frequency",
            "term_start",
            "term_end",
            "custom_end",
            "cycles",
            "cycle_index",
            "fraction",
        ):
            setattr(target, name, getattr(parent, name))
        target.window_opened = parent.window_opened  # inherited, not reopened
        target.id = subscription_id
        target.window_line = len(self.lines)
        target.lots = SeatStack(day, quantity)
        target.quantity = quantity
        target.position = len(self.tracks)
        self.tracks.append(target)
        return target

    def upgrade(self, event: Upgrade) -> None:
        track = self.base
        day = event.on
        quantity = self.check_upgrade(track, event)
        partial = quantity < track.quantity
        kind = ChargeType.MOVE_QUANTITY if event.into_existing else ChargeType.CONVERT
        cycle = track.cycle
        reference = self.reference(track, day)
        self.emit(
            track,
            day,
            kind,
            _refund(self.prorate(track, track.unit_price, day)),
            quantity,
            day,
            cycle.end,
            reference,
        )
        target_id = (
            track.id if not partial else event.subscription_id or f"{track.id}/upgrade/{day.isoformat()}"
        )
        new_price = event.unit_price.amount
        longer = event.term is not None and event.term.months > track.term.months
        if event.into_existing:
            # The seats join a subscription cspcore is not rating: only the pair is produced here,
            # and a full move leaves this subscription without seats.
            base_template = track.template
            if base_template is None:  # pragma: no cover - set by refresh() before any event
                raise AssertionError
            _, _, _, qualifiers, sub_start, sub_end, text, shown_frequency, _ = base_template
            moved: _Template = (
                event.product,
                event.subscription_id or target_id,
                event.unit_price,
                qualifiers,
                sub_start,
                sub_end,
                text,
                shown_frequency,
                {},
            )
            share = self.prorate(track, new_price, day)
            self.build(moved, day, kind, share, quantity, day, cycle.end, reference)
            track.lots.shrink(quantity)
            track.quantity -= quantity
            track.active = track.quantity > 0
            return
        if partial:
            track.lots.shrink(quantity)
            track.quantity -= quantity
            target = self.spawn(track, target_id, day, quantity)
        else:
            target = track
            self.prices.clear()  # earlier list prices were the old product's
        target.product = event.product
        target.unit_price = new_price
        self.refresh(target)
        if longer and event.term is not None:
            frequency = event.frequency or track.frequency
            opened = target.window_opened
            self.start_term(target, day, event.term, frequency)
            target.window_opened = opened
            first = target.cycle
            share = _share(new_price, first.length, first.days)
            self.emit(target, day, kind, share, quantity, day, first.end, reference)
            return
        self.emit(
            target, day, kind, self.prorate(target, new_price, day), quantity, day, cycle.end, reference
        )

    def change_plan(self, event: ChangeBillingPlan) -> None:
        track = self.base
        self.check_active(track, event.on)
        if (track.term, track.frequency, event.frequency) not in _PLAN_CHANGES or track.trial:
            raise BillingPlanChangeRefused(
                f"cannot change a {track.term.value} {track.frequency.value} plan to {event.frequency.value}",
                reasons=(
                    Reason(
                        "billing.plan.change_refused",
                        {"term": track.term, "current": track.frequency, "requested": event.frequency},
                        source=_PLAN_SOURCE,
                    ),
                ),
            )
        track.pending_plan = event
        self.prices.clear()  # earlier list prices were the old plan's

    def apply_plan(self, track: _Track, event: ChangeBillingPlan) -> None:
        """Switch plans at the start of the cycle ``track.cycle_index`` (internal).

        The first cycle of the new plan runs to the end of the new plan's cycle that contains it
        (the grid of the term does not move) and is charged by the whole months it covers: 11 of 12
        months of an annual price in Microsoft's monthly-to-annual example.
        """
        effective = track.cycle.start
        track.frequency = event.frequency
        track.unit_price = event.unit_price.amount
        track.pending_plan = None
        new_months = event.frequency.months or 1
        grid = term_cycles(
            track.term_start, track.term.months, new_months, end=track.custom_end, term_end=track.term_end
        )
        index = next(i for i, c in enumerate(grid) if c.start <= effective <= c.end)
        current = grid[index]
        after = current.end + _ONE_DAY
        months = min(new_months, (after.year - effective.year) * 12 + after.month - effective.month)
        length = (current.end - effective).days + 1
        track.cycles = (ChargeCycle(effective, current.end, length), *grid[index + 1 :])
        track.cycle_index = 0
        track.fraction = (months, new_months)
        self.refresh(track)
        self.emit(
            track,
            effective,
            ChargeType.CHANGE_BILLING_PLAN,
            self.prorate(track, track.unit_price, effective),
            track.quantity,
            effective,
            current.end,
            None,
        )

    def convert(self, event: ConvertTrial) -> None:
        track = self.base
        day = event.on
        self.check_active(track, day)
        if not track.trial:
            raise TrialRestriction(
                "only a trial can be converted",
                reasons=(
                    Reason("billing.trial.not_a_trial", {"subscription": track.id}, source=_TRIAL_SOURCE),
                ),
            )
        quantity = track.quantity if event.quantity is None else event.quantity
        if quantity < track.quantity:
            raise QuantityOutOfRange(
                f"a trial converts with at least its {track.quantity} seats",
                reasons=(
                    Reason(
                        "billing.seats.out_of_range",
                        {"quantity": quantity, "minimum": track.quantity, "maximum": self.max_quantity},
                        source=_TRIAL_SOURCE,
                    ),
                ),
            )
        reference = self.reference(track, day)
        self.emit(track, day, ChargeType.CONVERT, (_ZERO, 1), track.quantity, day, track.term_end, reference)
        track.quantity = quantity
        track.trial = False
        track.qualifiers = ()
        track.unit_price = event.unit_price.amount
        self.start_term(track, day, event.term, event.frequency)
        first = track.cycle
        self.emit(
            track, day, ChargeType.CONVERT, (track.unit_price, 1), track.quantity, day, first.end, reference
        )


@functools.cache
def _quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-minor_units(currency))


def _refund(share: _Share) -> _Share:
    """The same share, negated: the refund half of a refund-and-recreate pair (internal)."""
    return share[0].copy_negate(), share[1]


_new = object.__new__
_mul = _EXACT.multiply
_add = _EXACT.add
_CACHED: Final = 1024
_QUANTITIES: Final = tuple(Decimal(n) for n in range(_CACHED))
_Template = tuple[
    str, str, Money, tuple[str, ...], dt.date, dt.date, str | None, str | None, dict[int, Money]
]


def _setter(name: str) -> Callable[[ChargeLine, object], None]:
    """The slot setter of one ChargeLine field: lines built here skip re-validation (internal)."""
    descriptor = ChargeLine.__dict__[name]
    return descriptor.__set__  # type: ignore[no-any-return]


_set_order_date = _setter("order_date")
_set_charge_type = _setter("charge_type")
_set_product = _setter("product")
_set_subscription_id = _setter("subscription_id")
_set_unit_price = _setter("unit_price")
_set_effective_unit_price = _setter("effective_unit_price")
_set_quantity = _setter("quantity")
_set_subtotal = _setter("subtotal")
_set_charge_start = _setter("charge_start")
_set_charge_end = _setter("charge_end")
_set_tax = _setter("tax")
_set_total = _setter("total")
_set_reference_id = _setter("reference_id")
_set_qualifiers = _setter("qualifiers")
_set_customer_id = _setter("customer_id")
_set_subscription_start = _setter("subscription_start")
_set_subscription_end = _setter("subscription_end")
_set_term_and_billing_cycle = _setter("term_and_billing_cycle")
_set_billing_frequency = _setter("billing_frequency")


def _check_event(index: int, event: object, sub: Subscription) -> Event:
    if not isinstance(event, _EVENT_TYPES):
        raise InvalidInput(
            f"events[{index}]",
            "expected ChangeQuantity, Cancel, Upgrade, ChangeBillingPlan, ConvertTrial or PriceChange",
            event,
        )
    if event.day < sub.start:
        raise InvalidInput(f"events[{index}]", f"happens before the subscription starts ({sub.start})", event)
    price = getattr(event, "unit_price", None)
    if price is not None and price.currency != sub.currency:
        raise CurrencyMismatch(f"events[{index}].unit_price", sub.currency, price.currency)
    return event


def rate(
    subscription: Subscription,
    events: Iterable[Event] = (),
    *,
    through: dt.date,
    rounding: ProrationRounding = ProrationRounding.UNIT_PRICE_FIRST,
) -> tuple[ChargeLine, ...]:
    """Every charge line of a subscription's history whose order date is on or before ``through``.

    Events are applied in date order; events of one day keep the order they are given in, so the
    result does not depend on how events of different days are ordered. Cycle charges and renewals
    of a day come before that day's events.

    Args:
        subscription: The subscription as purchased.
        events: Dated :class:`ChangeQuantity`, :class:`Cancel`, :class:`Upgrade`,
            :class:`ChangeBillingPlan`, :class:`ConvertTrial` and :class:`PriceChange` events.
        through: The last order date to produce lines for; later events are not examined.
        rounding: How prorated subtotals are rounded (see :class:`ProrationRounding`).

    Returns:
        The lines in the order they happen.

    Raises:
        CancellationWindowClosed: a cancellation after the seven-day window.
        SeatReductionWindowClosed: a reduction of seats added more than seven days earlier.
        QuantityOutOfRange: a seat count below 1 or above ``max_quantity``.
        TrialRestriction: a seat change during a trial, a conversion of a paid subscription.
        TermDowngradeRefused: an upgrade to a shorter term.
        BillingPlanChangeRefused: a plan change Partner Center does not offer for the term.
        UpgradeRefused: more seats upgraded than the subscription has.
        SubscriptionInactive: an event after a cancellation or the end of the last term.
        InvalidInput: for invalid arguments.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Cancel, Subscription, rate
    >>> sub = Subscription(
    ...     id="s",
    ...     product="Microsoft 365 Business Standard",
    ...     start=dt.date(2021, 7, 15),
    ...     term="P1M",
    ...     frequency="monthly",
    ...     quantity=10,
    ...     unit_price=Money("10.08", "EUR"),
    ... )
    >>> lines = rate(sub, [Cancel(dt.datetime(2021, 7, 17, 12, tzinfo=dt.UTC))], through=dt.date(2021, 7, 31))
    >>> [str(line.total.amount) for line in lines]
    ['100.80', '-94.20']
    """
    sub: Subscription = _validate.instance(subscription, Subscription, "subscription")
    until = _validate.date(through, "through")
    mode = _validate.enum_member(ProrationRounding, rounding, "rounding")
    given: object = events
    if isinstance(given, (str, bytes)) or not isinstance(given, Iterable):
        raise InvalidInput("events", "expected an iterable of events", events)
    checked = [(i, _check_event(i, e, sub)) for i, e in enumerate(given)]
    checked.sort(key=_day)
    rater = _Rater(sub, rounding=mode)
    if sub.start > until:
        return ()
    rater.charge_cycle(rater.base, ChargeType.NEW)
    rater.schedule(rater.base)
    for index, event in checked:
        day = event.day
        if day > until:
            break
        rater.advance(day)
        known = len(rater.tracks)
        try:
            rater.apply(event)
        except InvalidInput as refused:  # a new term that would end after year 9999
            raise InvalidInput(f"events[{index}]", refused.problem, event) from None
        # an event changes the base subscription, and may create one (a partial upgrade)
        for track in (rater.base, *rater.tracks[known:]):
            rater.schedule(track)
    rater.advance(until)
    if len(rater.tracks) > 1:
        rater.lines.sort(key=_order_date)
    return tuple(rater.lines)


def _day(indexed: tuple[int, Event]) -> dt.date:
    return indexed[1].day


def _order_date(line: ChargeLine) -> dt.date:
    return line.order_date
