"""A term ending on December 31, 9999 is replayed, previewed and listed like any other, with no renewal:
no day follows it, so its state has no ``renews_on`` and no next term, a change saved for its renewal
is refused (``InvalidInput`` on ``events[i]``, ``out_of_range``), a change that can be undone until
the renewal can be undone until the calendar's last instant, and the renewal calendar lists no expiry
of a term that would renew. Never an ``OverflowError``."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from tests.refusals import raises_invalid

from cspcore import InvalidInput, Money
from cspcore.billing import (
    CalendarKind,
    ChangeQuantity,
    ScheduleChange,
    SetAutoRenew,
    Subscription,
    lifecycle,
    preview,
    renewal_calendar,
)
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable

LAST = dt.date.max
LAST_INSTANT = dt.datetime.max.replace(tzinfo=dt.UTC)


def subscription(**changes: object) -> Subscription:
    """Three seats at EUR 10 for a month from December 1, 9999: its term ends on the calendar's last day."""
    fields: dict[str, object] = {
        "id": "s",
        "product": "P",
        "start": dt.date(9999, 12, 1),
        "term": "P1M",
        "frequency": "monthly",
        "quantity": 3,
        "unit_price": Money("10", "EUR"),
        **changes,
    }
    return Subscription(**fields)  # type: ignore[arg-type]


def monthly(*, auto_renew: bool = True) -> Subscription:
    return subscription(auto_renew=auto_renew)


def triennial() -> Subscription:
    return subscription(start=dt.date(9997, 1, 1), term="P3Y", frequency="annual")


def trial() -> Subscription:
    # commit 7d4001c: the last trial of the calendar starts on December 2, 9999 and ends on its last day
    return subscription(
        start=dt.date(9999, 12, 2),
        frequency="none",
        unit_price=Money(0, "EUR"),
        trial=True,
        paid_unit_price=Money("10", "EUR"),
    )


@pytest.mark.parametrize("make", [monthly, triennial, trial])
def test_an_auto_renewing_term_ending_on_the_calendars_last_day_has_no_renewal_day(
    make: Callable[[], Subscription],
) -> None:
    sub = make()
    state = lifecycle(sub, through=LAST).states["s"]
    assert (state.term_end, state.auto_renew, state.is_active) == (LAST, True, True)
    assert (state.renews_on, state.next_term) == (None, None)


@pytest.mark.parametrize("make", [monthly, triennial, trial])
def test_a_change_saved_for_a_renewal_after_the_calendars_last_day_is_refused_on_the_event(
    make: Callable[[], Subscription],
) -> None:
    sub = make()
    with raises_invalid(field="events[0]", code=ErrorCode.OUT_OF_RANGE) as caught:
        lifecycle(sub, [ScheduleChange(on=dt.date(9999, 12, 3), quantity=5)], through=LAST)
    assert type(caught.value) is InvalidInput


def test_a_seat_change_in_the_calendars_last_month_is_previewed() -> None:
    result = preview(
        monthly(),
        [],
        ChangeQuantity(on=dt.date(9999, 12, 2), quantity=5),
        at=dt.datetime(9999, 12, 2, tzinfo=dt.UTC),
    )
    assert result.refusal is None
    assert result.net == Money("19.34", "EUR")  # two seats for 30 of 31 days


def test_turning_auto_renew_off_can_be_undone_until_the_calendars_last_instant() -> None:
    result = preview(
        monthly(),
        [],
        SetAutoRenew(on=dt.date(9999, 12, 2), enabled=False),
        at=dt.datetime(9999, 12, 2, tzinfo=dt.UTC),
    )
    assert result.refusal is None
    assert result.reversible_until == LAST_INSTANT


def test_the_renewal_calendar_lists_no_expiry_of_a_term_that_would_renew_after_the_calendar() -> None:
    replay = lifecycle(monthly(), through=dt.date(9999, 12, 1))
    entries = renewal_calendar(replay, start=dt.date(9999, 12, 1), end=LAST).entries
    assert all(entry.kind is not CalendarKind.EXPIRY for entry in entries)


def test_the_renewal_calendar_lists_the_expiry_of_a_term_ending_on_the_calendars_last_day() -> None:
    replay = lifecycle(monthly(auto_renew=False), through=dt.date(9999, 12, 1))
    entries = renewal_calendar(replay, start=dt.date(9999, 12, 1), end=LAST).entries
    assert [(entry.kind, entry.on) for entry in entries if entry.kind is CalendarKind.EXPIRY] == [
        (CalendarKind.EXPIRY, LAST)
    ]
