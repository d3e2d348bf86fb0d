"""Laws of terms, charge cycles and rating."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import Money
from cspcore.billing import (
    CANCELLATION_WINDOW_RULE,
    BillingFrequency,
    Cancel,
    CancellationKind,
    CancellationWindowClosed,
    ChangeQuantity,
    ChargeLine,
    ProrationRounding,
    Subscription,
    Term,
    calendar_aligned_end,
    cancellation_quote,
    charge_cycles,
    coterminous_end,
    rate,
    term_end,
)
from cspcore.testing.billing import (
    event_histories,
    histories,
    start_dates,
    subscriptions,
)
from cspcore.testing.strategies import aware_datetimes

D = dt.date
ROUNDINGS = st.sampled_from(list(ProrationRounding))


def plain(start: dt.date, term: Term, frequency: BillingFrequency, *, price: str = "10.08") -> Subscription:
    return Subscription(
        id="s",
        product="P",
        start=start,
        term=term,
        frequency=frequency,
        quantity=3,
        unit_price=Money(price, "EUR"),
    )


def net(lines: tuple[ChargeLine, ...] | list[ChargeLine]) -> Decimal:
    return sum((line.subtotal.amount for line in lines), Decimal(0))


@given(subscriptions())
@example(plain(D(2021, 1, 31), Term.P1Y, BillingFrequency.MONTHLY))
@example(plain(D(2021, 1, 30), Term.P1Y, BillingFrequency.MONTHLY))
@example(plain(D(2023, 2, 28), Term.P1Y, BillingFrequency.MONTHLY))
@example(plain(D(2024, 2, 29), Term.P3Y, BillingFrequency.MONTHLY))
@example(plain(D(2024, 2, 28), Term.P1Y, BillingFrequency.MONTHLY))
@example(plain(D(2021, 3, 30), Term.P3Y, BillingFrequency.ANNUAL))
@example(plain(D(2021, 12, 31), Term.P1M, BillingFrequency.MONTHLY))
@example(plain(D(2021, 3, 31), Term.P1Y, BillingFrequency.MONTHLY))
@example(plain(D(2021, 2, 28), Term.P3Y, BillingFrequency.MONTHLY))
@example(plain(D(2023, 12, 31), Term.P1Y, BillingFrequency.MONTHLY))
def test_charge_cycles_tile_the_term(sub: Subscription) -> None:
    cycles = charge_cycles(sub)
    assert cycles[0].start == sub.start
    assert cycles[-1].end == sub.term_end
    for before, after in itertools.pairwise(cycles):
        assert before.end + dt.timedelta(days=1) == after.start
    for cycle in cycles:
        assert cycle.start <= cycle.end
        assert cycle.days >= cycle.length
    assert all(cycle.is_full for cycle in cycles[1:])


@given(start_dates(), st.sampled_from(list(Term)))
@example(D(2024, 2, 29), Term.P1Y)
@example(D(2021, 1, 31), Term.P1M)
def test_term_ends_are_one_day_before_the_same_day_a_term_later(start: dt.date, term: Term) -> None:
    end = term_end(start, term)
    aligned = calendar_aligned_end(start, term)
    assert start <= aligned <= end
    assert aligned.month != (aligned + dt.timedelta(days=1)).month
    assert (end + dt.timedelta(days=1)).day in {start.day, 1} or (
        end + dt.timedelta(days=2)
    ).month != end.month


@given(start_dates(), st.sampled_from(list(Term)), st.sampled_from(list(Term)), st.integers(0, 2000))
def test_coterminous_ends_fall_within_the_first_term(
    start: dt.date, term: Term, existing_term: Term, offset: int
) -> None:
    from cspcore.billing import CotermRefused
    from cspcore.billing.terms import months_after

    existing_end = start + dt.timedelta(days=offset)
    end: dt.date | CotermRefused
    try:
        end = coterminous_end(start, term, existing_end=existing_end, existing_term=existing_term)
    except CotermRefused as refused:
        end = refused
    if isinstance(end, CotermRefused):
        assert end.reasons[0].code.startswith("billing.coterm.")
    else:
        assert start <= end <= months_after(start, term.months)


@given(subscriptions(aligned=False), ROUNDINGS)
@example(plain(D(2024, 2, 29), Term.P1Y, BillingFrequency.MONTHLY), ProrationRounding.UNIT_PRICE_FIRST)
@example(plain(D(2021, 1, 31), Term.P3Y, BillingFrequency.MONTHLY), ProrationRounding.LINE_TOTAL)
def test_a_history_without_events_costs_the_cycle_price_times_the_cycles(
    sub: Subscription, rounding: ProrationRounding
) -> None:
    lines = rate(sub, [], through=sub.term_end, rounding=rounding)
    cycles = charge_cycles(sub)
    assert len(cycles) == len(lines)
    assert sub.unit_price.amount * sub.quantity * len(cycles) == net(lines)


@given(subscriptions(), st.integers(min_value=0, max_value=2000), ROUNDINGS)
def test_setting_the_seat_count_it_already_has_changes_nothing(
    sub: Subscription, offset: int, rounding: ProrationRounding
) -> None:
    day = min(sub.start + dt.timedelta(days=offset), sub.term_end)
    lines = rate(
        sub, [ChangeQuantity(on=day, quantity=sub.quantity)], through=sub.term_end, rounding=rounding
    )
    assert rate(sub, [], through=sub.term_end, rounding=rounding) == lines


@given(st.one_of(histories(), event_histories()), ROUNDINGS)
def test_refunds_never_exceed_what_was_charged_in_the_cycle(
    history: tuple[Subscription, list[Event]], rounding: ProrationRounding
) -> None:
    sub, events = history
    last = max([sub.start, *(event.day for event in events)])
    lines = rate(sub, events, through=last + dt.timedelta(days=40), rounding=rounding)
    by_cycle: dict[tuple[str, dt.date], list[ChargeLine]] = {}
    for line in lines:
        by_cycle.setdefault((line.subscription_id, line.charge_end), []).append(line)
    for cycle_lines in by_cycle.values():
        assert net(cycle_lines) >= 0
    # Lines are built without re-validation; rebuilding each through its validators changes nothing.
    assert [attrs.evolve(line) for line in lines] == list(lines)


@given(
    subscriptions(aligned=False),
    st.integers(min_value=0, max_value=167),
    st.integers(min_value=0, max_value=167),
)
def test_a_later_cancellation_in_a_term_never_refunds_more(
    sub: Subscription, first: int, second: int
) -> None:
    opened = sub.purchased_at
    window = CANCELLATION_WINDOW_RULE.at(opened.astimezone(dt.UTC).date()).value  # 72 before March 2022
    early, late = sorted((first % window, second % window))

    def refund(hours: int) -> Decimal:
        at = opened + dt.timedelta(hours=hours)
        return -net([line for line in rate(sub, [Cancel(at=at)], through=at.date()) if line.is_refund])

    assert refund(early) >= refund(late) >= 0


@given(st.data(), ROUNDINGS)
def test_rating_does_not_depend_on_the_order_of_events_of_different_days(
    data: st.DataObject, rounding: ProrationRounding
) -> None:
    sub, events = data.draw(event_histories())
    by_day: dict[dt.date, list[Event]] = {}
    for event in events:
        by_day.setdefault(event.day, []).append(event)
    groups = data.draw(st.permutations(list(by_day.values())))
    shuffled = [event for group in groups for event in group]
    through = max([sub.start, *by_day]) + dt.timedelta(days=31)
    expected = rate(sub, events, through=through, rounding=rounding)
    assert expected == rate(sub, shuffled, through=through, rounding=rounding)
    assert expected == rate(sub, tuple(events), through=through, rounding=rounding)


@given(histories(cancel=False))
def test_lines_through_a_date_are_a_prefix_of_the_full_history(
    history: tuple[Subscription, list[Event]],
) -> None:
    sub, events = history
    last = max([sub.start, *(event.day for event in events)])
    full = rate(sub, events, through=last + dt.timedelta(days=62))
    middle = sub.start + (last - sub.start) / 2
    partial = rate(sub, events, through=middle)
    assert list(partial) == [line for line in full if line.order_date <= middle]


if TYPE_CHECKING:
    from cspcore.billing import Event


@given(aware_datetimes(), st.integers(min_value=0, max_value=200 * 3600))
@example(dt.datetime(2024, 3, 31, 0, 30, tzinfo=ZoneInfo("Europe/Prague")), 25 * 3600)  # DST starts
@example(dt.datetime(2024, 10, 26, 23, 0, tzinfo=ZoneInfo("Europe/Prague")), 168 * 3600 - 1)  # DST ends
@example(dt.datetime(2007, 11, 4, 1, 50, tzinfo=ZoneInfo("America/New_York")), 600)  # into the repeated hour
@example(
    dt.datetime(2024, 10, 27, 2, 30, tzinfo=ZoneInfo("Europe/Prague")), 24 * 3600
)  # from the first 02:30
@example(dt.datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Prague")), 24 * 3600 - 1)
def test_the_cancellation_quote_depends_only_on_elapsed_time(purchased_at: dt.datetime, seconds: int) -> None:
    at = (purchased_at.astimezone(dt.UTC) + dt.timedelta(seconds=seconds)).astimezone(purchased_at.tzinfo)
    elapsed_hours = seconds / 3600
    window = CANCELLATION_WINDOW_RULE.at(purchased_at.astimezone(dt.UTC).date()).value
    try:
        kind = cancellation_quote(purchased_at, at=at).kind
    except CancellationWindowClosed:
        assert elapsed_hours >= window
        return
    assert elapsed_hours < window
    expected = CancellationKind.FULL if elapsed_hours < 24 else CancellationKind.PRORATED
    assert expected == kind
    assert kind == cancellation_quote(purchased_at.astimezone(dt.UTC), at=at.astimezone(dt.UTC)).kind


# -- money is conserved at any bounded quantity ------------------------------------------------------

MAX_SEATS = 10**12
PRICES = st.decimals(min_value=Decimal("0.01"), max_value=Decimal(10) ** 9, places=4)


def _truncated(value: Fraction) -> Fraction:
    """ROUNDDOWN to the cent, toward zero, of an exact fraction."""
    cents = int(abs(value) * 100)
    return Fraction(cents if value >= 0 else -cents, 100)


@given(
    st.integers(min_value=1, max_value=MAX_SEATS - 1),
    st.integers(min_value=1, max_value=27),
    PRICES,
    ROUNDINGS,
)
@example(MAX_SEATS - 1, 3, Decimal("10.00"), ProrationRounding.LINE_TOTAL)
@example(6, 24, Decimal("2.00"), ProrationRounding.LINE_TOTAL)  # 2/7 x 7 seats is 2.00, not 1.99
@example(10**12 - 1, 19, Decimal("9.9999"), ProrationRounding.UNIT_PRICE_FIRST)
@example(1, 27, Decimal("0.01"), ProrationRounding.LINE_TOTAL)
def test_adding_one_seat_and_removing_it_the_same_day_nets_to_zero_and_each_half_is_one_seats_share(
    seats: int, day: int, price: Decimal, rounding: ProrationRounding
) -> None:
    sub = attrs.evolve(
        plain(D(2023, 2, 1), Term.P1M, BillingFrequency.MONTHLY, price=str(price)), quantity=seats
    )
    on = D(2023, 2, 1 + day)
    lines = rate(
        sub,
        [ChangeQuantity(on=on, quantity=seats + 1), ChangeQuantity(on=on, quantity=seats)],
        through=on,
        rounding=rounding,
    )
    added, removed = lines[1:3], lines[3:5]
    assert net(lines[1:]) == 0
    # the addition charges exactly one seat's prorated share, computed from the exact fraction
    eup = Fraction(price) * (28 - day) / 28
    if rounding is ProrationRounding.UNIT_PRICE_FIRST:
        share = _truncated(eup) * (seats + 1) - _truncated(eup) * seats
    else:
        share = _truncated(eup * (seats + 1)) - _truncated(eup * seats)
    assert Fraction(net(added)) == share
    assert net(removed) == -net(added)


@given(
    st.integers(min_value=1, max_value=MAX_SEATS // 2),
    st.integers(min_value=1, max_value=MAX_SEATS // 2),
    st.integers(min_value=1, max_value=30),
    PRICES,
    ROUNDINGS,
)
@example(MAX_SEATS // 2, MAX_SEATS // 2, 1, Decimal("999999999.9999"), ProrationRounding.LINE_TOTAL)
def test_adding_k_seats_charges_the_exact_difference_of_the_two_seat_counts(
    seats: int, k: int, day: int, price: Decimal, rounding: ProrationRounding
) -> None:
    sub = attrs.evolve(
        plain(D(2021, 7, 1), Term.P1Y, BillingFrequency.MONTHLY, price=str(price)), quantity=seats
    )
    on = D(2021, 7, day)
    refund, charge = rate(sub, [ChangeQuantity(on=on, quantity=seats + k)], through=on, rounding=rounding)[1:]
    eup = Fraction(price) * (32 - day) / 31
    if rounding is ProrationRounding.UNIT_PRICE_FIRST:
        expected = (_truncated(eup) * seats, _truncated(eup) * (seats + k))
    else:
        expected = (_truncated(eup * seats), _truncated(eup * (seats + k)))
    assert (Fraction(-refund.subtotal.amount), Fraction(charge.subtotal.amount)) == expected
