from __future__ import annotations

import datetime as dt

import pytest
from tests.refusals import raises_invalid

from cspcore.billing import (
    CancellationKind,
    CancellationWindowClosed,
    SeatLot,
    SeatReductionWindowClosed,
    cancellation_quote,
    reduce_lots,
    reducible_seats,
    seat_reduction_deadline,
)
from cspcore.errors import ErrorCode
from cspcore.i18n import SUPPORTED_LOCALES, render

BOUGHT = dt.datetime(2024, 3, 15, 11, tzinfo=dt.UTC)
D = dt.date


@pytest.mark.parametrize(
    ("hours", "kind"),
    [
        (0, CancellationKind.FULL),
        (23, CancellationKind.FULL),
        (24, CancellationKind.PRORATED),
        (167, CancellationKind.PRORATED),
    ],
)
def test_the_quote_is_full_under_24_hours_and_prorated_under_168(hours: int, kind: CancellationKind) -> None:
    quote = cancellation_quote(BOUGHT, at=BOUGHT + dt.timedelta(hours=hours, minutes=59))
    assert kind == quote.kind
    assert BOUGHT + dt.timedelta(hours=168) == quote.closes_at
    assert quote.reasons[0].source is not None


def test_the_window_closes_at_exactly_168_hours() -> None:
    with pytest.raises(CancellationWindowClosed) as caught:
        cancellation_quote(BOUGHT, at=dt.datetime(2024, 3, 22, 11, tzinfo=dt.UTC))
    assert caught.value.reasons[0].params["hours"] == 168


def test_instants_in_other_time_zones_are_compared_as_instants() -> None:
    prague = dt.timezone(dt.timedelta(hours=1))
    quote = cancellation_quote(BOUGHT, at=dt.datetime(2024, 3, 16, 11, 30, tzinfo=prague))
    assert quote.kind == CancellationKind.FULL


def test_quotes_refuse_naive_and_earlier_instants() -> None:
    with raises_invalid(field="at", code=ErrorCode.INCONSISTENT):
        cancellation_quote(BOUGHT, at=BOUGHT - dt.timedelta(seconds=1))
    with raises_invalid(field="purchased_at", code=ErrorCode.NAIVE_DATETIME):
        cancellation_quote(dt.datetime(2024, 3, 15), at=BOUGHT)  # noqa: DTZ001


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_quote_reason_renders_in_every_locale(locale: str) -> None:
    for hours in (1, 30):
        reason = cancellation_quote(BOUGHT, at=BOUGHT + dt.timedelta(hours=hours)).reasons[0]
        text = render(reason, locale=locale)
        assert str(hours) in text
        assert reason.code not in text


def test_each_lot_has_its_own_deadline() -> None:
    lots = (
        SeatLot(added_on=D(2022, 3, 5), quantity=10),
        SeatLot(added_on=D(2022, 3, 7), quantity=5),
        SeatLot(added_on=D(2022, 3, 10), quantity=10),
    )
    assert D(2022, 3, 12) == seat_reduction_deadline(D(2022, 3, 5))
    assert reducible_seats(lots, on=D(2022, 3, 12)) == 25
    assert reducible_seats(lots, on=D(2022, 3, 13)) == 15
    assert (
        SeatLot(added_on=D(2022, 3, 5), quantity=10),
        SeatLot(added_on=D(2022, 3, 7), quantity=2),
    ) == reduce_lots(lots, 13, on=D(2022, 3, 14))


def test_a_reduction_beyond_the_open_lots_is_refused() -> None:
    lots = (SeatLot(added_on=D(2022, 3, 5), quantity=10),)
    with pytest.raises(SeatReductionWindowClosed) as caught:
        reduce_lots(lots, 1, on=D(2022, 3, 13))
    assert caught.value.reasons[0].params["deadline"] == D(2022, 3, 12)
    with pytest.raises(SeatReductionWindowClosed):
        reduce_lots((), 1, on=D(2022, 3, 13))


def test_lots_refuse_bad_values() -> None:
    with raises_invalid(field="quantity", code=ErrorCode.OUT_OF_RANGE):
        SeatLot(added_on=D(2022, 3, 5), quantity=0)
    with raises_invalid(field="by", code=ErrorCode.OUT_OF_RANGE):
        reduce_lots((), -1, on=D(2022, 3, 5))
