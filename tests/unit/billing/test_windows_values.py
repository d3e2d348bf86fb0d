"""Cancellation and seat-reduction windows: refusals by field and message, and the quote's bounds."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from cspcore import InvalidInput
from cspcore.billing.windows import (
    CancellationWindowClosed,
    SeatLot,
    SeatReductionWindowClosed,
    cancellation_quote,
    reduce_lots,
    reducible_seats,
    seat_reduction_deadline,
)
from cspcore.errors import ErrorCode

BOUGHT = dt.datetime(2021, 7, 15, tzinfo=dt.UTC)
NAIVE = (
    "naive datetimes are refused; attach a timezone (UTC for Partner Center)"
    " (got datetime.datetime(2021, 7, 15, 0, 0))"
)


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (
            lambda: cancellation_quote(dt.datetime(2021, 7, 15), at=BOUGHT),  # noqa: DTZ001 - refused
            "purchased_at",
            ErrorCode.NAIVE_DATETIME,
        ),
        (lambda: cancellation_quote(BOUGHT, at=dt.datetime(2021, 7, 15)), "at", ErrorCode.NAIVE_DATETIME),  # noqa: DTZ001
        (
            lambda: cancellation_quote(BOUGHT, at=BOUGHT - dt.timedelta(hours=1)),
            "at",
            (ErrorCode.INCONSISTENT),
        ),
        (lambda: seat_reduction_deadline("x"), "added_on", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
        (
            lambda: reducible_seats("x", on=dt.date(2021, 1, 1)),  # type: ignore[arg-type]
            "lots",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: reducible_seats(["x"], on=dt.date(2021, 1, 1)),  # type: ignore[arg-type]
            "lots[]",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: reducible_seats((), on="x"), "on", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
        (lambda: reduce_lots((), 1, on="x"), "on", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
    ],
)
def test_window_functions_refuse_bad_values_by_name(call: object, field: str, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as refused:
        call()  # type: ignore[operator]
    assert (field, code) == (refused.value.field, refused.value.code)


def test_a_quote_gives_its_bounds_in_the_purchases_own_zone() -> None:
    prague = ZoneInfo("Europe/Prague")
    bought = dt.datetime(2024, 10, 25, 12, 0, tzinfo=prague)  # the window spans the end of summer time
    quote = cancellation_quote(bought, at=bought + dt.timedelta(hours=1))
    assert (
        bought,
        bought.astimezone(dt.UTC) + dt.timedelta(hours=24),
        bought.astimezone(dt.UTC) + dt.timedelta(hours=168),
    ) == (
        quote.window_opened_at,
        quote.full_refund_until,
        quote.closes_at,
    )
    assert (prague, prague) == (quote.full_refund_until.tzinfo, quote.closes_at.tzinfo)
    assert (
        dt.datetime(2024, 11, 1, 11, 0, tzinfo=prague) == quote.closes_at
    )  # 11:00 CET is 12:00 CEST + 168 h


def test_a_closed_window_says_when_it_closed() -> None:
    with pytest.raises(CancellationWindowClosed) as refused:
        cancellation_quote(BOUGHT, at=BOUGHT + dt.timedelta(days=8))
    assert (refused.value.code, tuple(r.code for r in refused.value.reasons)) == (
        "cancellation_window_closed",
        ("billing.cancel.window_closed", "billing.cancel.rule_version"),
    )


LOTS = (
    SeatLot(added_on=dt.date(2022, 3, 5), quantity=10),
    SeatLot(added_on=dt.date(2022, 3, 10), quantity=10),
)  # deadlines 12 and 17 March


def test_reducing_by_nothing_is_allowed_and_changes_nothing() -> None:
    assert reduce_lots(LOTS, 0, on=dt.date(2022, 3, 20)) == LOTS


def test_reducing_by_a_negative_count_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput) as refused:
        reduce_lots(LOTS, -1, on=dt.date(2022, 3, 12))
    assert (refused.value.field, refused.value.code, refused.value.value) == (
        "by",
        ErrorCode.OUT_OF_RANGE,
        -1,
    )


def test_a_refused_reduction_names_the_latest_deadline_already_passed() -> None:
    # On 17 March the second lot's window is still open (its last day) and the first one's closed.
    with pytest.raises(SeatReductionWindowClosed) as refused:
        reduce_lots(LOTS, 11, on=dt.date(2022, 3, 17))
    assert (refused.value.code, tuple(r.code for r in refused.value.reasons)) == (
        "seat_reduction_window_closed",
        ("billing.seats.reduction_closed", "billing.seats.rule_version"),
    )
    assert {
        "requested": 11,
        "reducible": 10,
        "on": dt.date(2022, 3, 17),
        "deadline": dt.date(2022, 3, 12),
    } == dict(refused.value.reasons[0].params)


def test_seats_past_their_window_are_never_removed_and_lots_out_of_order_are_refused() -> None:
    # Lots out of date order were once accepted; they are refused now (oldest first is the contract).
    lots = (
        SeatLot(added_on=dt.date(2022, 3, 1), quantity=10),
        SeatLot(added_on=dt.date(2022, 3, 10), quantity=10),
        SeatLot(added_on=dt.date(2022, 3, 12), quantity=10),
    )
    left = reduce_lots(lots, 15, on=dt.date(2022, 3, 15))  # the 1 March lot's window closed on 8 March
    assert (
        SeatLot(added_on=dt.date(2022, 3, 1), quantity=10),
        SeatLot(added_on=dt.date(2022, 3, 10), quantity=5),
    ) == left
    with pytest.raises(InvalidInput) as refused:
        reduce_lots((lots[1], lots[0], lots[2]), 15, on=dt.date(2022, 3, 15))
    assert (refused.value.field, refused.value.code) == ("lots[1].added_on", ErrorCode.OUT_OF_ORDER)
