"""The state of one subscription while its history is replayed (internal to rating).

A :class:`Track` is what :class:`~cspcore.billing._replay.Replay` keeps of each subscription: its
term, plan, seats, price, seat lots, cancellation window, suspension and scheduled change, and the
parts of its charge lines that only change with that state (:data:`Template`).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from cspcore.billing.families import ProductFamily
from cspcore.billing.terms import BillingFrequency, Term
from cspcore.money import Money

if TYPE_CHECKING:
    from decimal import Decimal

    from cspcore.billing.cycles import ChargeCycle
    from cspcore.billing.events import ChangeBillingPlan
    from cspcore.billing.lifecycle_events import ScheduleChange
    from cspcore.billing.seat_lots import SeatStack
    from cspcore.billing.states import EndReason

__all__ = ["TRIAL", "Template", "Track"]

_ONE_DAY: Final = dt.timedelta(days=1)
_YEAR: Final = Term.P1Y
_MONTHLY: Final = BillingFrequency.MONTHLY
#: The qualifiers of a trial's lines.
TRIAL: Final = ("Trial",)
_FREQUENCY_TEXT: Final = {1: "Monthly", 12: "Annual", 36: "Triennial"}
#: What every line of a subscription in one state shares: product, id, unit price, qualifiers,
#: subscription start and end, term text, frequency text, and the subtotals of full cycles by seats.
Template = tuple[str, str, Money, tuple[str, ...], dt.date, dt.date, str | None, str | None, dict[int, Money]]


class Track:
    """The mutable state of one subscription while its history is replayed.

    Every field is set here from the subscription's real values: the purchase (:class:`Replay`) or the
    subscription a partial upgrade creates (:meth:`Replay.spawn`); a track is never built empty and
    filled in afterwards.
    """

    __slots__ = (
        "auto_renew",
        "custom_end",
        "cycle_index",
        "cycles",
        "end_reason",
        "ended_on",
        "family",
        "fraction",
        "frequency",
        "id",
        "lots",
        "max_quantity",
        "paid_price",
        "parent",
        "pending_plan",
        "position",
        "prices",
        "product",
        "qualifiers",
        "quantity",
        "renewal_pending",
        "scheduled",
        "suspended",
        "template",
        "term",
        "term_end",
        "term_start",
        "unit_price",
        "window_line",
        "window_opened",
    )

    def __init__(
        self,
        *,
        position: int,
        subscription_id: str,
        product: str,
        unit_price: Decimal,
        quantity: int,
        qualifiers: tuple[str, ...],
        auto_renew: bool,
        term: Term,
        frequency: BillingFrequency,
        term_start: dt.date,
        term_end: dt.date,
        cycles: tuple[ChargeCycle, ...],
        cycle_index: int,
        fraction: tuple[int, int],
        currency: str,
        window: tuple[SeatStack, dt.datetime, int],
        custom_end: dt.date | None = None,
        max_quantity: int | None = None,
        paid_price: Decimal | None = None,
        parent: str | None = None,
        family: ProductFamily = ProductFamily.LICENSE_BASED,
    ) -> None:
        self.ended_on: dt.date | None = None  # the first day the subscription is no longer active
        self.end_reason: EndReason | None = None  # why it ended (cancelled, expired, moved, ...)
        self.suspended = False
        self.renewal_pending = False  # a renewal started and has not completed: read-only until it does
        self.scheduled: ScheduleChange | None = None  # the change saved for the next term
        self.prices: list[tuple[dt.date, Decimal]] = []  # list prices announced during the term
        # the seat lots a reduction is checked against, the instant the cancellation window opened and
        # the first line of the term (which a full refund returns from)
        self.lots, self.window_opened, self.window_line = window
        self.custom_end = custom_end  # the custom end of the current term (coterminous or calendar-aligned)
        self.max_quantity = max_quantity
        self.paid_price = paid_price  # a trial's price once it converts at its end
        self.parent = parent  # the subscription a partial upgrade split this one from
        self.family = family  # the product family, whose policy decides refunds and seat changes
        self.position = position  # creation order among the tracks of one rating, and index in them
        self.pending_plan: ChangeBillingPlan | None = None  # a plan change that waits for the next cycle
        self.id = subscription_id
        self.product = product
        self.unit_price = unit_price
        self.quantity = quantity
        self.qualifiers = qualifiers
        self.auto_renew = auto_renew
        self.term = term
        self.frequency = frequency
        self.term_start = term_start
        self.term_end = term_end
        self.cycles = cycles
        self.cycle_index = cycle_index
        # The share of the unit price the current cycle was charged at (a shortened cycle after a
        # billing-plan change); proration within the cycle scales by it.
        self.fraction = fraction
        self.refresh(currency)

    @property
    def active(self) -> bool:
        """Whether the subscription still runs: not cancelled, ended with its term or moved away."""
        return self.ended_on is None

    def end(self, day: dt.date, reason: EndReason) -> None:
        """Stop the subscription on ``day`` (the first day it no longer runs), for ``reason``."""
        self.ended_on = day
        self.end_reason = reason
        self.scheduled = None

    @property
    def trial(self) -> bool:
        """Whether the subscription is a trial: its lines carry the ``Trial`` qualifier."""
        return self.qualifiers == TRIAL

    @property
    def cycle(self) -> ChargeCycle:
        return self.cycles[self.cycle_index]

    def next_term(self) -> tuple[str, Decimal | None, int, Term, BillingFrequency, dt.date | None]:
        """What the renewal will start, as of now: product, price, seats, term, plan, custom end.

        The one place of the order Partner Center applies them in: a trial converts to a year billed
        monthly at its paid price; a billing-plan change still waiting sets the plan and its price;
        the latest list price announced during the term applies (price protection ends); the change
        saved for renewal comes last. The price is ``None`` for a trial whose paid price is unknown.
        """
        price: Decimal | None = self.unit_price
        term, frequency = self.term, self.frequency
        if self.trial:
            term, frequency, price = _YEAR, _MONTHLY, self.paid_price
        if self.pending_plan is not None:
            frequency, price = self.pending_plan.frequency, self.pending_plan.unit_price.amount
        if self.prices:
            price = self.prices[-1][1]
        product, quantity, end = self.product, self.quantity, None
        change = self.scheduled
        if change is not None:
            product = product if change.product is None else change.product
            price = price if change.unit_price is None else change.unit_price.amount
            quantity = quantity if change.quantity is None else change.quantity
            if change.term is not None and change.frequency is not None:
                term, frequency = change.term, change.frequency
            end = change.end
        return product, price, quantity, term, frequency, end

    @property
    def next_term_start(self) -> dt.date | None:
        """The day after the current term, when a renewal would start it; None after December 31, 9999.

        A term may end on the calendar's last day; no day follows it, so no renewal can start.
        """
        return None if self.term_end == dt.date.max else self.term_end + _ONE_DAY

    def due(self) -> dt.date | None:
        """The day the next cycle or renewal starts; None once the track has nothing more to charge."""
        if not self.active:
            return None
        if self.cycle_index + 1 < len(self.cycles):
            return self.cycles[self.cycle_index + 1].start
        return self.next_term_start

    def refresh(self, currency: str) -> None:
        """Recompute the parts of the track's lines that only change with its state."""
        months = self.frequency.months
        self.template: Template = (
            self.product,
            self.id,
            Money(self.unit_price, currency),
            self.qualifiers,
            self.term_start,
            self.term_end,
            None,  # TermAndBillingCycle is free text that Microsoft words per product; not invented here
            None if months is None or months == self.term.months else _FREQUENCY_TEXT[months],
            {},  # subtotals of full cycles by seat count: every cycle charge at one count is the same
        )
