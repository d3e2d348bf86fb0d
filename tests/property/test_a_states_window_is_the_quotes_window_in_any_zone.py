"""Law: the window a replayed subscription reports (``full_refund_until``, ``cancellable_until``) is the
one ``cancellation_quote`` gives for its purchase instant, in whatever zone that instant is given, and
the renewal calendar lists its closings at those instants, 24 and 168 hours (72 before March 2022)
after the purchase."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import Money
from cspcore.billing import (
    CalendarKind,
    Subscription,
    cancellation_quote,
    lifecycle,
    renewal_calendar,
)

ZONES = [ZoneInfo(name) for name in ("America/New_York", "Europe/Prague", "Australia/Lord_Howe", "UTC")]


@given(
    st.datetimes(
        min_value=dt.datetime(2021, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive
        max_value=dt.datetime(2030, 12, 31),  # noqa: DTZ001
        timezones=st.sampled_from(ZONES),
    )
)
@example(dt.datetime(2024, 3, 9, 12, tzinfo=ZoneInfo("America/New_York")))
@example(dt.datetime(2024, 11, 3, 1, 30, tzinfo=ZoneInfo("America/New_York")))
@example(dt.datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=ZoneInfo("America/New_York")))
@example(dt.datetime(2022, 3, 20, 10, tzinfo=ZoneInfo("Europe/Prague")))
def test_the_states_window_is_the_quotes_window(purchased_at: dt.datetime) -> None:
    day = purchased_at.astimezone(dt.UTC).date()
    sub = Subscription(
        id="a",
        product="Microsoft 365 E3",
        start=day,
        term="P1Y",
        frequency="monthly",
        quantity=3,
        unit_price=Money("36.00", "USD"),
        purchased_at=purchased_at,
    )
    replay = lifecycle(sub, through=day)
    state = replay.states["a"]
    quote = cancellation_quote(purchased_at, at=purchased_at)
    assert state.full_refund_until.astimezone(dt.UTC) == quote.full_refund_until.astimezone(dt.UTC)
    assert state.cancellable_until.astimezone(dt.UTC) == quote.closes_at.astimezone(dt.UTC)
    kinds = {CalendarKind.FULL_REFUND_END, CalendarKind.CANCELLATION_WINDOW_CLOSE}
    entries = renewal_calendar(replay, start=day, end=day + dt.timedelta(days=8), kinds=kinds).entries
    window = quote.reasons[-1].params
    assert [(entry.at, entry.reason.params["hours"]) for entry in entries] == [
        (quote.full_refund_until.astimezone(dt.UTC), window["full_refund_hours"]),
        (quote.closes_at.astimezone(dt.UTC), window["window_hours"]),
    ]
