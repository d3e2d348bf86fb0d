"""A subscription's full refund ends 24 hours, and its cancellation window closes 168 hours, of elapsed
time after the purchase or renewal, whatever zone that instant is given in: a daylight-saving change
between the two moves the wall clock, not the deadline (``billing-basics.md``, "Subscription
cancelation"). The state, the renewal calendar and ``cancellation_quote`` agree to the second."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from tests.lifecycle_subscriptions import subscription

from cspcore.billing import (
    CalendarKind,
    Cancel,
    CompleteRenewal,
    Subscription,
    cancellation_quote,
    lifecycle,
    rate,
    renewal_calendar,
)

NEW_YORK = ZoneInfo("America/New_York")
HOUR = dt.timedelta(hours=1)

#: Noon before the clocks spring forward (March 10, 2024) and half past one before they fall back
#: (November 3, 2024, the first of the two 01:30s), in New York.
SPRING = dt.datetime(2024, 3, 9, 12, tzinfo=NEW_YORK)
AUTUMN = dt.datetime(2024, 11, 3, 1, 30, tzinfo=NEW_YORK)


def bought(purchased_at: dt.datetime) -> Subscription:
    day = purchased_at.astimezone(dt.UTC).date()
    return subscription("a", start=day, term="P1Y", purchased_at=purchased_at)


@pytest.mark.parametrize("purchased_at", [SPRING, AUTUMN], ids=["spring-forward", "fall-back"])
def test_the_states_window_ends_are_24_and_168_elapsed_hours_after_the_purchase(
    purchased_at: dt.datetime,
) -> None:
    state = lifecycle(bought(purchased_at), through=purchased_at.astimezone(dt.UTC).date()).states["a"]
    start = purchased_at.astimezone(dt.UTC)
    assert state.full_refund_until.astimezone(dt.UTC) == start + 24 * HOUR
    assert state.cancellable_until.astimezone(dt.UTC) == start + 168 * HOUR
    quote = cancellation_quote(purchased_at, at=purchased_at)
    assert (state.full_refund_until, state.cancellable_until) == (quote.full_refund_until, quote.closes_at)


def test_the_state_and_the_replay_agree_on_the_last_prorated_instant_after_spring_forward() -> None:
    # 168 hours after noon EST on March 9 is 13:00 EDT on March 16: 12:30 EDT is still in the window.
    sub = bought(SPRING)
    state = lifecycle(sub, through=dt.date(2024, 3, 9)).states["a"]
    inside = dt.datetime(2024, 3, 16, 12, 30, tzinfo=NEW_YORK)
    assert inside < state.cancellable_until
    assert rate(sub, [Cancel(at=inside)], through=dt.date(2024, 3, 16))[-1].total.is_negative()


def test_a_renewal_completed_in_a_local_zone_keeps_its_window_in_elapsed_hours() -> None:
    # a month's term renewing on Sunday, March 10, 2024, completed at 01:30 EST (06:30 UTC): the clocks
    # spring forward an hour later, and the window still closes 168 hours after the completion
    sub = subscription("a", start=dt.date(2024, 2, 10))
    done = CompleteRenewal(on=dt.date(2024, 3, 10), at=dt.datetime(2024, 3, 10, 1, 30, tzinfo=NEW_YORK))
    state = lifecycle(sub, [done], through=dt.date(2024, 3, 10)).states["a"]
    assert state.full_refund_until == dt.datetime(2024, 3, 11, 6, 30, tzinfo=dt.UTC)
    assert state.cancellable_until == dt.datetime(2024, 3, 17, 6, 30, tzinfo=dt.UTC)


@pytest.mark.parametrize("purchased_at", [SPRING, AUTUMN], ids=["spring-forward", "fall-back"])
def test_the_calendar_lists_the_window_closings_at_24_and_168_hours(purchased_at: dt.datetime) -> None:
    day = purchased_at.astimezone(dt.UTC).date()
    replay = lifecycle(bought(purchased_at), through=day)
    kinds = {CalendarKind.FULL_REFUND_END, CalendarKind.CANCELLATION_WINDOW_CLOSE}
    entries = renewal_calendar(replay, start=day, end=day + dt.timedelta(days=8), kinds=kinds).entries
    start = purchased_at.astimezone(dt.UTC)
    assert [(entry.kind, entry.at, entry.reason.params["hours"]) for entry in entries] == [
        (CalendarKind.FULL_REFUND_END, start + 24 * HOUR, 24),
        (CalendarKind.CANCELLATION_WINDOW_CLOSE, start + 168 * HOUR, 168),
    ]
