"""Near years 1 and 9999 billing answers or refuses with InvalidInput naming the field."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import InvalidInput, Money
from cspcore.billing import (
    Cancel,
    CancellationWindowClosed,
    ChangeQuantity,
    ConvertTrial,
    SeatLot,
    Subscription,
    Term,
    cancellation_quote,
    coterminous_end,
    rate,
    reduce_lots,
    reducible_seats,
    seat_reduction_deadline,
)
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable

UTC = dt.UTC
WEST = dt.timezone(dt.timedelta(hours=-5))
EAST = dt.timezone(dt.timedelta(hours=5))
LAST = dt.datetime(9999, 12, 31, 23, tzinfo=UTC)


def subscription(start: dt.date, **extra: object) -> Subscription:
    fields: dict[str, object] = {
        "id": "s",
        "product": "P",
        "start": start,
        "term": "P1M",
        "frequency": "monthly",
        "quantity": 10,
        "unit_price": Money("10.08", "EUR"),
    }
    fields.update(extra)
    return Subscription(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: cancellation_quote(LAST, at=LAST), "purchased_at"),
        (lambda: cancellation_quote(LAST - dt.timedelta(hours=30), at=LAST), "purchased_at"),
        (lambda: cancellation_quote(dt.datetime(9999, 12, 31, 22, tzinfo=WEST), at=LAST), "purchased_at"),
        (lambda: cancellation_quote(dt.datetime(1, 1, 1, 1, tzinfo=EAST), at=LAST), "purchased_at"),
        (lambda: cancellation_quote(dt.datetime(2021, 1, 1, tzinfo=UTC), at=LAST.replace(tzinfo=WEST)), "at"),
        (lambda: seat_reduction_deadline(dt.date(9999, 12, 30)), "added_on"),
        (lambda: SeatLot(added_on=dt.date(9999, 12, 25), quantity=1).deadline, "added_on"),
        (lambda: Cancel(at=dt.datetime(9999, 12, 31, 23, tzinfo=WEST)), "at"),
        (
            lambda: subscription(dt.date(1, 1, 1), purchased_at=dt.datetime(1, 1, 1, 1, tzinfo=EAST)),
            "purchased_at",
        ),
        (lambda: subscription(dt.date(9999, 12, 2)), "start"),  # its last day would be January 1, 10000
        (
            lambda: rate(subscription(dt.date(9999, 10, 2)), through=dt.date(9999, 12, 31)),
            "through",
        ),
        (
            lambda: rate(
                subscription(dt.date(9999, 11, 1), trial=True, frequency="none", unit_price=Money(0, "EUR")),
                [ConvertTrial(on=dt.date(9999, 11, 5), unit_price=Money(1, "EUR"))],
                through=dt.date(9999, 11, 30),
            ),
            "events[0]",
        ),
    ],
)
def test_a_value_that_leaves_the_calendar_is_refused_naming_it(
    call: Callable[[], object], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert caught.value.field == field


def test_a_renewal_whose_term_would_end_after_year_9999_is_refused_as_out_of_range_naming_its_day() -> None:
    # monthly renewals in 9999: the term renewed on December 2 would end on January 1, 10000
    with raises_invalid(field="through", code=ErrorCode.OUT_OF_RANGE) as caught:
        rate(subscription(dt.date(9999, 9, 2)), through=dt.date(9999, 12, 31))
    assert caught.value.value == dt.date(9999, 12, 2)


def test_a_term_ending_on_the_calendars_last_day_is_rated_to_its_end_and_not_renewed() -> None:
    # a custom end on 9999-12-31: the cycles run back from the day after it, which no date can hold
    sub = Subscription(
        id="s",
        product="P",
        start=dt.date(9998, 12, 31),
        term=Term.P1Y,
        frequency="monthly",
        quantity=1,
        unit_price=Money("10", "EUR"),
        end=dt.date(9999, 12, 31),
    )
    lines = rate(sub, through=dt.date(9999, 12, 31))
    assert [(line.charge_start, line.charge_end) for line in lines[:2]] == [
        (dt.date(9998, 12, 31), dt.date(9998, 12, 31)),
        (dt.date(9999, 1, 1), dt.date(9999, 1, 31)),
    ]
    assert lines[-1].charge_end == dt.date(9999, 12, 31)
    assert len(lines) == 13  # the prorated first day and twelve months, no renewal


def test_seats_added_in_the_calendars_last_week_may_still_be_counted_and_removed() -> None:
    lots = (
        SeatLot(added_on=dt.date(9999, 12, 25), quantity=3),
        SeatLot(added_on=dt.date(9999, 12, 30), quantity=2),
    )
    assert reducible_seats(lots, on=dt.date(9999, 12, 31)) == 5
    assert reduce_lots(lots, 4, on=dt.date(9999, 12, 31)) == (
        SeatLot(added_on=dt.date(9999, 12, 25), quantity=1),
    )


def test_seats_added_on_the_calendars_first_day_are_reducible_within_their_window() -> None:
    # Year 1 falls under the first (72-hour, three-day) version of the seat-reduction rule.
    sub = subscription(dt.date(1, 1, 1))
    events = [
        ChangeQuantity(on=dt.date(1, 1, 3), quantity=15),
        ChangeQuantity(on=dt.date(1, 1, 4), quantity=4),
    ]
    lines = rate(sub, events, through=dt.date(1, 1, 4))
    assert [line.quantity for line in lines] == [10, 10, 15, 15, 4]
    assert (
        sum(line.subtotal.amount for line in lines[1:3]) > 0 > sum(line.subtotal.amount for line in lines[3:])
    )


@given(st.integers(min_value=0, max_value=200))
@example(0)
@example(168)
def test_a_quote_in_the_calendars_last_hours_is_refused_or_answered_never_overflowing(hours: int) -> None:
    bought = LAST - dt.timedelta(hours=hours)
    # a closed window is refused by the rule; an open one closes after year 9999, so has no answer
    expected: type[Exception] = CancellationWindowClosed if hours >= 168 else InvalidInput
    with pytest.raises(expected) as caught:
        cancellation_quote(bought, at=LAST)
    assert getattr(caught.value, "field", "purchased_at") == "purchased_at"


def test_coterminous_end_across_the_whole_calendar_answers_at_once() -> None:
    end = coterminous_end(
        dt.date(9999, 11, 1), Term.P1M, existing_end=dt.date(1, 1, 31), existing_term=Term.P1M
    )
    assert end == dt.date(9999, 11, 30)
