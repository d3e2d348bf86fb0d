"""``reduce_lots`` and ``reducible_seats`` read the subscription's lots on ``on``, oldest first: lots out
of date order are refused (``out_of_order``), and so is a lot added after ``on`` (``inconsistent``):
those seats were not there on that day. Neither is answered with a wrong count."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore.billing import SeatLot, reduce_lots, reducible_seats
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable

OLD = SeatLot(added_on=dt.date(2024, 3, 1), quantity=3)
NEW = SeatLot(added_on=dt.date(2024, 3, 4), quantity=3)
ON = dt.date(2024, 3, 5)


def test_the_newest_seats_are_removed_first_from_lots_oldest_first() -> None:
    assert (SeatLot(added_on=OLD.added_on, quantity=2),) == reduce_lots((OLD, NEW), 4, on=ON)
    assert reducible_seats((OLD, NEW), on=ON) == 6


@pytest.mark.parametrize(
    "ask", [lambda lots: reduce_lots(lots, 4, on=ON), lambda lots: reducible_seats(lots, on=ON)]
)
def test_lots_out_of_date_order_are_refused(ask: Callable[[tuple[SeatLot, ...]], object]) -> None:
    with raises_invalid(field="lots[1].added_on", code=ErrorCode.OUT_OF_ORDER):
        ask((NEW, OLD))


@pytest.mark.parametrize(
    "ask", [lambda lots: reduce_lots(lots, 0, on=ON), lambda lots: reducible_seats(lots, on=ON)]
)
def test_a_lot_added_after_the_day_asked_about_is_refused(
    ask: Callable[[tuple[SeatLot, ...]], object],
) -> None:
    later = SeatLot(added_on=ON + dt.timedelta(days=1), quantity=3)
    with raises_invalid(field="lots[2].added_on", code=ErrorCode.INCONSISTENT):
        ask((OLD, NEW, later))


def test_lots_added_on_the_same_day_and_on_the_day_itself_are_accepted() -> None:
    today = SeatLot(added_on=ON, quantity=2)
    assert reducible_seats((OLD, NEW, today, today), on=ON) == 10  # all within their 7 days


@given(
    days=st.lists(st.integers(min_value=0, max_value=60), min_size=1, max_size=8),
    quantities=st.lists(st.integers(min_value=1, max_value=50), min_size=8, max_size=8),
    after=st.integers(min_value=0, max_value=30),
    data=st.data(),
)
@example(days=[0, 3], quantities=[3] * 8, after=4, data=None)
def test_removing_what_may_be_removed_leaves_every_lot_past_its_window_and_conserves_seats(
    days: list[int], quantities: list[int], after: int, data: st.DataObject | None
) -> None:
    start = dt.date(2024, 2, 27)
    lots = tuple(
        SeatLot(added_on=start + dt.timedelta(days=day), quantity=quantity)
        for day, quantity in zip(sorted(days), quantities, strict=False)
    )
    on = lots[-1].added_on + dt.timedelta(days=after)
    available = reducible_seats(lots, on=on)
    by = available if data is None else data.draw(st.integers(min_value=0, max_value=available))
    left = reduce_lots(lots, by, on=on)
    assert sum(lot.quantity for lot in lots) - by == sum(lot.quantity for lot in left)
    assert available - by == reducible_seats(left, on=on)
    assert [lot.added_on for lot in left] == sorted(lot.added_on for lot in left)
