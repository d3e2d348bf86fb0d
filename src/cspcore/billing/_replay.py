"""The replay behind :func:`~cspcore.billing.rate`: a subscription's state, calendar and lines (internal).

:class:`Replay` keeps every subscription of one rating (:class:`Track`), charges each cycle and
renewal when it falls due, and builds the charge lines (through
:func:`~cspcore.billing.charges.charge_line_of`, from fields it has checked). The events that
change a subscription are applied by :mod:`cspcore.billing.rating`.
"""

from __future__ import annotations

import datetime as dt
import heapq
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from cspcore import _decimal
from cspcore.billing._track import TRIAL, Template, Track
from cspcore.billing.charges import FIELD_ORDER, ChargeLine, ChargeType, charge_line_of
from cspcore.billing.cycles import ChargeCycle, term_cycles
from cspcore.billing.proration import (
    ProrationRounding,
    Share,
    trusted_prorated,
    trusted_shown_price,
    trusted_subtotal,
)
from cspcore.billing.seat_lots import SeatStack
from cspcore.billing.states import EndReason
from cspcore.billing.terms import BillingFrequency, Term, term_end
from cspcore.currencies import MINOR_UNIT
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.money import Money, exact_money

if TYPE_CHECKING:
    from collections.abc import Sequence

    from cspcore.billing.events import ChangeBillingPlan
    from cspcore.billing.exchange import ExchangeRates, MonthRate
    from cspcore.billing.subscription import Subscription

__all__ = ["Replay", "Template", "Track"]  # Template and Track are re-exported from _track

_CYCLE: Final = ChargeType.CYCLE_CHARGE
_ONE_DAY: Final = dt.timedelta(days=1)
_ZERO: Final = Decimal(0)
_CACHED: Final = 1024
_QUANTITIES: Final = tuple(Decimal(n) for n in range(_CACHED))


class Replay:
    """Replays the histories of one or more subscriptions into charge lines: their state, lines and calendar.

    The events themselves are applied by :mod:`cspcore.billing.rating`, on top of this. Each
    :class:`Track` keeps what events read of it: its seat lots, its cancellation window (the instant it
    opened and the first line of the term), its custom end, suspension and the change scheduled for
    its renewal. Several subscriptions replayed together share one calendar, so that an upgrade into
    an existing subscription rates both of them.
    """

    def __init__(
        self,
        subs: Sequence[Subscription],
        *,
        rounding: ProrationRounding,
        completions: frozenset[tuple[str, dt.date]] = frozenset(),
        exchange: ExchangeRates | None = None,
    ) -> None:
        first = subs[0]
        self.currency = first.currency  # the currency of prices (the pricing currency)
        self.quantum = MINOR_UNIT[first.currency]
        # amounts are in the billing currency: the pricing currency unless an exchange rate converts them
        self.exchange = exchange
        self.billing_currency = first.currency if exchange is None else exchange.billing_currency
        self.billing_quantum = MINOR_UNIT[self.billing_currency]
        self.rounding = rounding
        self.lines: list[ChargeLine] = []
        self.zero = Money.zero(self.billing_currency)
        self.references = 0
        # the renewals whose completion instant an event gives: read-only from 00:00 UTC until it applies
        self.completions = completions
        self.tracks: list[Track] = []
        self.by_id: dict[str, Track] = {}
        self.queue: list[tuple[dt.date, int]] = []  # (day due, track position); see schedule()
        for sub in subs:
            self.add(
                Track(
                    position=len(self.tracks),
                    subscription_id=sub.id,
                    product=sub.product,
                    unit_price=sub.unit_price.amount,
                    quantity=sub.quantity,
                    qualifiers=TRIAL if sub.trial else (),
                    auto_renew=sub.auto_renew,
                    term=sub.term,
                    frequency=sub.frequency,
                    term_start=sub.start,
                    term_end=sub.term_end,
                    cycles=term_cycles(
                        sub.start, sub.term.months, sub.frequency.months, end=sub.end, term_end=sub.term_end
                    ),
                    cycle_index=0,
                    fraction=(1, 1),
                    currency=self.currency,
                    # the purchase falls on the start date, and its lines are the first of the term
                    window=(SeatStack(sub.start, sub.quantity), sub.purchased_at, len(self.lines)),
                    custom_end=sub.end,
                    max_quantity=sub.max_quantity,
                    paid_price=None if sub.paid_unit_price is None else sub.paid_unit_price.amount,
                    family=sub.family,
                )
            )
        self.base = self.tracks[0]

    def add(self, track: Track) -> None:
        """Register a new track (a subscription rated here, or one a partial upgrade creates)."""
        self.tracks.append(track)
        self.by_id[track.id] = track

    # -- line construction -----------------------------------------------------------------------

    def refresh(self, track: Track) -> None:
        """Recompute the parts of ``track``'s lines that only change with its state (internal)."""
        track.refresh(self.currency)

    def emit(  # noqa: PLR0917 - internal hot path, positional for speed
        self,
        track: Track,
        order_date: dt.date,
        charge_type: ChargeType,
        share: Share,
        quantity: int,
        start: dt.date,
        end: dt.date,
        reference: str | None,
        *,
        subtotal: Decimal | None = None,
    ) -> None:
        self.build(track.template, order_date, charge_type, share, quantity, start, end, reference, subtotal)

    def build(  # noqa: PLR0917 - internal hot path, positional for speed
        self,
        template: Template,
        order_date: dt.date,
        charge_type: ChargeType,
        share: Share,
        quantity: int,
        start: dt.date,
        end: dt.date,
        reference: str | None,
        subtotal: Decimal | None = None,
    ) -> None:
        currency = self.currency
        product, subscription_id, unit_price, qualifiers, sub_start, sub_end, text, frequency, full = template
        eup = trusted_shown_price(*share)
        exchange = self.exchange
        month = None if exchange is None else self.month_rate(exchange, order_date)
        # The memo of full-cycle subtotals by seat count and the two caches below are shortcuts: a miss
        # computes the same value, so their mutants are equivalent (docs/quality.md) and not made.
        # (the rate changes by month: no memo with an exchange rate)
        full_cycle = eup is unit_price.amount and subtotal is None and month is None  # pragma: no mutate
        money = full.get(quantity) if full_cycle else None  # pragma: no mutate - the memo
        if money is None:
            if subtotal is not None:
                amount = subtotal
            elif month is None:
                amount = trusted_subtotal(share, quantity, self.quantum, self.rounding)
            else:
                amount = trusted_subtotal(
                    share,
                    quantity,
                    self.billing_quantum,
                    self.rounding,
                    rate=month.rate,
                    price_quantum=self.quantum,
                )
            money = exact_money(amount, self.billing_currency)
            if full_cycle:  # pragma: no mutate - the memo
                full[quantity] = money  # pragma: no mutate - the memo
        # a full cycle's EUP is the unit price: share its (immutable) Money
        shown = unit_price if eup is unit_price.amount else exact_money(eup, currency)  # pragma: no mutate
        count = _QUANTITIES[quantity] if quantity < _CACHED else Decimal(quantity)  # pragma: no mutate
        # positional, in ChargeLine's FIELD_ORDER (charge_line_of refuses a tuple of another length)
        line = charge_line_of(
            (
                order_date,
                charge_type,
                product,
                subscription_id,
                unit_price,
                shown,
                count,
                money,
                start,
                end,
                self.zero,
                money,
                reference,
                qualifiers,
                None,
                sub_start,
                sub_end,
                text,
                frequency,
                None if month is None else currency,
                None if month is None else month.rate,
                None if month is None else month.rate_date,
            )
        )
        self.lines.append(line)

    @staticmethod
    def month_rate(exchange: ExchangeRates, day: dt.date) -> MonthRate:
        """The exchange rate of the month of ``day``; refused at ``exchange`` when it has none."""
        try:
            return exchange.rate_for(day)
        except InvalidInput:
            raise InvalidInput(
                "exchange",
                f"has no rate for {day:%Y-%m}, the month of a line dated {day.isoformat()}",
                day,
                code=ErrorCode.MISSING,
            ) from None

    def prorate(self, track: Track, price: Decimal, day: dt.date) -> Share:
        """The EUP of ``price`` from ``day`` to the end of ``track``'s current cycle (internal)."""
        cycle = track.cycles[track.cycle_index]
        billing_days = (cycle.end - day).days + 1
        share, whole = track.fraction
        if share == whole:
            return trusted_prorated(price, billing_days, cycle.days)
        return _decimal.EXACT.multiply(price, share * billing_days), whole * cycle.days

    def reference(self, track: Track, day: dt.date) -> str:
        self.references += 1
        return f"{track.id}/{day.isoformat()}/{self.references}"

    # -- time ------------------------------------------------------------------------------------

    def schedule(self, track: Track) -> None:
        """Queue ``track`` by the day its next cycle or renewal starts, after any change to it.

        An entry is not taken out when the track changes again: :meth:`advance` skips an entry whose
        day is no longer the track's next one (:meth:`Track.due`), so each due day is charged once,
        and the queue visits the tracks that are due by (day, creation order), the order that the
        final stable sort by date relies on (internal).
        """
        due = track.due()
        if due is not None:
            heapq.heappush(self.queue, (due, track.position))

    def advance(self, day: dt.date) -> None:
        """Charge every cycle (and renewal) that starts on or before ``day``."""
        queue = self.queue
        while queue and queue[0][0] <= day:
            due, position = heapq.heappop(queue)
            track = self.tracks[position]
            if track.due() != due:  # queued before a later change (or charged already): stale
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

    def charge_cycle(self, track: Track, charge_type: ChargeType) -> None:
        cycle = track.cycles[track.cycle_index]
        start = cycle.start
        end = cycle.end
        days = cycle.days
        share = trusted_prorated(track.unit_price, (end - start).days + 1, days)
        self.build(track.template, start, charge_type, share, track.quantity, start, end, None)

    def renew(self, track: Track, renewal: dt.date) -> None:
        """Start the next term on ``renewal`` (or end the subscription): scheduled changes apply here."""
        if track.suspended:  # suspending turned auto-renew off; the term ended unreactivated
            track.end(renewal, EndReason.NOT_REACTIVATED)
            return
        if not track.auto_renew:
            track.end(renewal, EndReason.TRIAL_ENDED if track.trial else EndReason.EXPIRED)
            return
        product, price, quantity, term, frequency, end = track.next_term()
        if price is None:
            raise InvalidInput(
                "paid_unit_price",
                f"the trial converts to paid on {renewal.isoformat()} (auto-renew is on); give the "
                "paid price per charge cycle, or turn auto-renew off",
                None,
                code=ErrorCode.MISSING,
            )
        track.product, track.unit_price, track.quantity = product, price, quantity
        track.qualifiers = ()  # a trial converts; a paid subscription has none
        track.scheduled = track.pending_plan = None
        track.prices.clear()
        try:
            self.start_term(track, renewal, term, frequency, end=end)
        except InvalidInput:
            raise InvalidInput(
                "through",
                f"reaches a renewal on {renewal.isoformat()} whose term ends after year 9999",
                renewal,
                code=ErrorCode.OUT_OF_RANGE,
            ) from None
        self.charge_cycle(track, ChargeType.RENEW)

    def start_term(
        self,
        track: Track,
        start: dt.date,
        term: Term,
        frequency: BillingFrequency,
        *,
        end: dt.date | None = None,
        window: bool = True,
    ) -> None:
        """Start a new term of ``track`` on ``start`` (a renewal, a conversion, a move to a longer term).

        A new term gives the subscription a new seat lot and (unless ``window`` is false: an upgrade
        keeps the window of the purchase) a new cancellation window, opening at 00:00 UTC of ``start``
        or, for a renewal whose completion an event gives, once that event applies.
        """
        track.term = term
        track.frequency = frequency
        track.term_start = start
        track.term_end = end if end is not None else term_end(start, term)
        track.custom_end = end
        track.cycles = term_cycles(start, term.months, frequency.months, end=end, term_end=track.term_end)
        track.cycle_index = 0
        track.fraction = (1, 1)
        if window:
            track.lots = SeatStack(start, track.quantity)
            track.window_opened = dt.datetime(start.year, start.month, start.day, tzinfo=dt.UTC)
            track.window_line = len(self.lines)
            track.renewal_pending = (track.id, start) in self.completions
        self.refresh(track)

    # -- events ----------------------------------------------------------------------------------

    def spawn(
        self, parent: Track, subscription_id: str, quantity: int, product: str, unit_price: Decimal
    ) -> Track:
        """The coterminous subscription a partial upgrade creates, in the parent's current cycle (internal).

        It inherits the parent's cancellation window (``new-commerce-cancellation-policy`` 2024+: the
        window "doesn't reopen until the subscription itself renews"): the same opening instant and
        first line, and its seats count as added when that window opened.
        """
        target = Track(
            position=len(self.tracks),
            subscription_id=subscription_id,
            product=product,
            unit_price=unit_price,
            quantity=quantity,
            qualifiers=parent.qualifiers,
            auto_renew=parent.auto_renew,
            term=parent.term,
            frequency=parent.frequency,
            term_start=parent.term_start,
            term_end=parent.term_end,
            cycles=parent.cycles,
            cycle_index=parent.cycle_index,
            fraction=parent.fraction,
            currency=self.currency,
            window=(
                SeatStack(parent.window_opened.astimezone(dt.UTC).date(), quantity),
                parent.window_opened,
                parent.window_line,
            ),
            custom_end=parent.custom_end,
            max_quantity=parent.max_quantity,
            parent=parent.id,
            family=parent.family,
        )
        self.add(target)
        return target

    def apply_plan(self, track: Track, event: ChangeBillingPlan) -> None:
        """Switch plans at the start of the cycle ``track.cycle_index`` (internal).

        The first cycle of the new plan runs to the end of the new plan's cycle that contains it
        (the grid of the term does not move) and is charged by the whole months it covers: 11 of 12
        months of an annual price in Microsoft's monthly-to-annual example.
        """
        effective = track.cycle.start
        track.frequency = event.frequency
        track.unit_price = event.unit_price.amount
        track.pending_plan = None
        new_months = event.frequency.months
        if new_months is None:  # pragma: no cover - a plan changes only to monthly or annual (_refusals)
            raise AssertionError
        grid = term_cycles(
            track.term_start, track.term.months, new_months, end=track.custom_end, term_end=track.term_end
        )
        index = next(i for i, c in enumerate(grid) if c.start <= effective <= c.end)
        current = grid[index]
        after = current.end + _ONE_DAY
        months = min(new_months, (after.year - effective.year) * 12 + after.month - effective.month)
        length = (current.end - effective).days + 1
        track.cycles = (ChargeCycle(start=effective, end=current.end, days=length), *grid[index + 1 :])
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


#: The order :meth:`Replay.build` lists a line's values in; checked against ChargeLine's own at import.
_LINE_ORDER = (
    "order_date", "charge_type", "product", "subscription_id", "unit_price", "effective_unit_price",
    "quantity", "subtotal", "charge_start", "charge_end", "tax", "total", "reference_id", "qualifiers",
    "customer_id", "subscription_start", "subscription_end", "term_and_billing_cycle", "billing_frequency",
    "pricing_currency", "exchange_rate", "exchange_rate_date",
)  # fmt: skip
if _LINE_ORDER != FIELD_ORDER:  # pragma: no cover - guards a change to ChargeLine
    msg = f"rating builds lines in the order {_LINE_ORDER}, ChargeLine has {FIELD_ORDER}"
    raise ImportError(msg)
