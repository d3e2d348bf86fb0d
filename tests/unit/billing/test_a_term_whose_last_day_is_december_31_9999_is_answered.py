"""A term, a custom end or a charge cycle may end on December 31, 9999, the calendar's last day: only one
whose last day would fall after it is refused (``InvalidInput`` on ``start``, ``out_of_range``). The day
such a term would renew, January 1, 10000, is never needed to answer."""

from __future__ import annotations

import datetime as dt
import itertools
from calendar import isleap

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import (
    ChargeType,
    Subscription,
    Term,
    calendar_aligned_end,
    charge_cycles,
    coterminous_end,
    rate,
    term_end,
)
from cspcore.errors import ErrorCode

LAST = dt.date.max
_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def subscription(start: dt.date, term: str, frequency: str, **extra: object) -> Subscription:
    fields: dict[str, object] = {
        "id": "s",
        "product": "P",
        "start": start,
        "term": term,
        "frequency": frequency,
        "quantity": 3,
        "unit_price": Money("10", "EUR"),
    }
    fields.update(extra)
    return Subscription(**fields)  # type: ignore[arg-type]


def month_days(year: int, month: int) -> int:
    return 29 if month == 2 and isleap(year) else _DAYS[month]


def reference_last_day(start: dt.date, months: int) -> tuple[int, int, int]:
    """The term's last day as (year, month, day) numbers: the day before the same day ``months`` later,
    clamped to its month's end; it may be in the year 10000."""
    year, month0 = divmod(start.year * 12 + start.month - 1 + months, 12)
    month = month0 + 1
    day = min(start.day, month_days(year, month))
    if day > 1:
        return year, month, day - 1
    if month > 1:
        return year, month - 1, month_days(year, month - 1)
    return year - 1, 12, 31


@pytest.mark.parametrize(
    ("start", "term"),
    [(dt.date(9999, 12, 1), Term.P1M), (dt.date(9999, 1, 1), Term.P1Y), (dt.date(9997, 1, 1), Term.P3Y)],
)
def test_a_term_from_the_first_of_its_month_may_end_on_the_calendars_last_day(
    start: dt.date, term: Term
) -> None:
    assert term_end(start, term) == LAST


@pytest.mark.parametrize(
    ("start", "term"),
    [(dt.date(9999, 12, 2), Term.P1M), (dt.date(9999, 1, 2), Term.P1Y), (dt.date(9997, 1, 2), Term.P3Y)],
)
def test_a_term_whose_last_day_is_in_the_year_10000_is_refused_on_start(start: dt.date, term: Term) -> None:
    with raises_invalid(field="start", code=ErrorCode.OUT_OF_RANGE) as caught:
        term_end(start, term)
    assert caught.value.value == start


@pytest.mark.parametrize(
    ("start", "term", "frequency", "count"),
    [
        (dt.date(9999, 12, 1), "P1M", "monthly", 1),
        (dt.date(9999, 1, 1), "P1Y", "monthly", 12),
        (dt.date(9999, 1, 1), "P1Y", "annual", 1),
        (dt.date(9997, 1, 1), "P3Y", "monthly", 36),
        (dt.date(9997, 1, 1), "P3Y", "annual", 3),
        (dt.date(9997, 1, 1), "P3Y", "triennial", 1),
    ],
)
def test_a_subscription_ending_on_the_calendars_last_day_is_cut_into_cycles_ending_on_it(
    start: dt.date, term: str, frequency: str, count: int
) -> None:
    cycles = charge_cycles(subscription(start, term, frequency))
    assert len(cycles) == count
    assert (cycles[0].start, cycles[-1].end) == (start, LAST)
    assert all(c.is_full for c in cycles)
    assert all(b.start == a.end + dt.timedelta(days=1) for a, b in itertools.pairwise(cycles))


def test_the_last_monthly_cycle_of_the_calendar_is_december_9999() -> None:
    last = charge_cycles(subscription(dt.date(9999, 1, 1), "P1Y", "monthly"))[-1]
    assert (last.start, last.end, last.days) == (dt.date(9999, 12, 1), LAST, 31)


def test_a_monthly_term_ending_on_the_calendars_last_day_is_rated_to_it_without_a_renewal() -> None:
    lines = rate(subscription(dt.date(9999, 12, 1), "P1M", "monthly"), through=LAST)
    assert [(line.charge_type, line.charge_start, line.charge_end) for line in lines] == [
        (ChargeType.NEW, dt.date(9999, 12, 1), LAST)
    ]


def test_a_monthly_term_from_december_31_9999_is_refused_on_start() -> None:
    with raises_invalid(field="start", code=ErrorCode.OUT_OF_RANGE):
        subscription(LAST, "P1M", "monthly")


def test_a_calendar_aligned_end_on_the_calendars_last_day_makes_a_subscription() -> None:
    end = calendar_aligned_end(dt.date(9999, 12, 15), Term.P1M)
    assert end == LAST
    cycles = charge_cycles(subscription(dt.date(9999, 12, 15), "P1M", "monthly", end=end))
    assert [(c.start, c.end, c.days) for c in cycles] == [(dt.date(9999, 12, 15), LAST, 31)]


def test_a_custom_end_may_be_any_day_up_to_the_calendars_last_when_the_term_would_renew_after_it() -> None:
    sub = subscription(dt.date(9999, 1, 15), "P1Y", "monthly", end=LAST)
    assert sub.term_end == LAST
    assert charge_cycles(sub)[-1].end == LAST


@pytest.mark.parametrize(
    ("start", "term", "existing_end", "existing_term"),
    [
        (dt.date(9999, 12, 1), Term.P1M, LAST, Term.P1M),
        (dt.date(9999, 12, 1), Term.P1M, dt.date(9000, 11, 30), Term.P1M),
        (dt.date(9999, 1, 1), Term.P1Y, dt.date(9998, 12, 31), Term.P1Y),
        (dt.date(9999, 6, 1), Term.P1Y, dt.date(9000, 12, 31), Term.P1Y),
        (dt.date(9998, 3, 1), Term.P3Y, dt.date(9998, 12, 31), Term.P1Y),
    ],
)
def test_a_coterminous_end_may_be_the_calendars_last_day(
    start: dt.date, term: Term, existing_end: dt.date, existing_term: Term
) -> None:
    end = coterminous_end(start, term, existing_end=existing_end, existing_term=existing_term)
    assert end == LAST
    assert subscription(start, term.value, "monthly", end=end).term_end == LAST


_STARTS = st.one_of(st.dates(min_value=dt.date(9996, 1, 1)), st.dates())


@given(_STARTS, st.sampled_from(Term))
@example(dt.date(9999, 12, 1), Term.P1M)
@example(dt.date(9999, 12, 2), Term.P1M)
@example(dt.date(9999, 11, 30), Term.P1M)
@example(dt.date(9999, 1, 1), Term.P1Y)
@example(dt.date(9999, 1, 2), Term.P1Y)
@example(dt.date(9998, 12, 31), Term.P1Y)
@example(dt.date(9997, 1, 1), Term.P3Y)
@example(dt.date(9996, 12, 31), Term.P3Y)
@example(dt.date(9997, 1, 2), Term.P3Y)
@example(dt.date(1, 1, 1), Term.P1M)
def test_a_term_end_is_answered_exactly_when_its_last_day_is_in_the_calendar(
    start: dt.date, term: Term
) -> None:
    year, month, day = reference_last_day(start, term.months)
    if year > dt.MAXYEAR:
        with raises_invalid(field="start", code=ErrorCode.OUT_OF_RANGE):
            term_end(start, term)
    else:
        assert dt.date(year, month, day) == term_end(start, term)


@given(st.dates(min_value=dt.date(9996, 1, 1)), st.sampled_from(["P1M", "P1Y", "P3Y"]))
@example(dt.date(9999, 12, 1), "P1M")
@example(dt.date(9999, 1, 31), "P1Y")
@example(dt.date(9997, 1, 1), "P3Y")
@example(dt.date(9996, 12, 31), "P3Y")
def test_a_subscriptions_monthly_cycles_tile_its_term_whenever_the_term_fits(
    start: dt.date, term: str
) -> None:
    year, month, day = reference_last_day(start, Term(term).months)
    if year > dt.MAXYEAR:
        with raises_invalid(field="start", code=ErrorCode.OUT_OF_RANGE):
            subscription(start, term, "monthly")
        return
    cycles = charge_cycles(subscription(start, term, "monthly"))
    assert (cycles[0].start, cycles[-1].end) == (start, dt.date(year, month, day))
    assert len(cycles) == Term(term).months
    assert all(b.start == a.end + dt.timedelta(days=1) for a, b in itertools.pairwise(cycles))
