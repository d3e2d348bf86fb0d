"""Law: a cancellation of a license-based purchase is judged by the elapsed time since the purchase
instant, in whatever zones the two instants are given: under 24 hours it refunds everything (the
lines add up to zero), and an instant before the purchase is refused as inconsistent."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import Cancel, Subscription, rate
from cspcore.errors import ErrorCode

ZONES = [ZoneInfo(name) for name in ("America/New_York", "Europe/Prague", "Australia/Lord_Howe", "UTC")]
NEW_YORK = ZoneInfo("America/New_York")


@given(
    st.datetimes(
        min_value=dt.datetime(2022, 3, 1),  # noqa: DTZ001 - hypothesis bounds are naive
        max_value=dt.datetime(2030, 12, 31),  # noqa: DTZ001
        timezones=st.sampled_from(ZONES),
    ),
    st.integers(min_value=-12 * 3600, max_value=24 * 3600 - 1),
    st.sampled_from(ZONES),
)
@example(dt.datetime(2024, 11, 3, 1, 30, tzinfo=NEW_YORK), 40 * 60, NEW_YORK)
@example(dt.datetime(2024, 11, 3, 1, 30, fold=1, tzinfo=NEW_YORK), -1, NEW_YORK)
@example(dt.datetime(2024, 3, 10, 1, 59, tzinfo=NEW_YORK), 60, NEW_YORK)
def test_a_cancellation_is_judged_by_the_time_since_the_purchase(
    purchased_at: dt.datetime, seconds: int, zone: ZoneInfo
) -> None:
    start = purchased_at.astimezone(dt.UTC)
    cancelled = (start + dt.timedelta(seconds=seconds)).astimezone(zone)
    sub = Subscription(
        id="a",
        product="Microsoft 365 E3",
        start=start.date(),
        term="P1Y",
        frequency="monthly",
        quantity=3,
        unit_price=Money("36.00", "USD"),
        purchased_at=purchased_at,
    )
    through = cancelled.astimezone(dt.UTC).date()
    if through < sub.start:
        return  # dated before the start day: refused as such (events[0])
    if seconds < 0:
        with raises_invalid(field="events[0].at", code=ErrorCode.INCONSISTENT):
            rate(sub, [Cancel(at=cancelled)], through=through)
        return
    lines = rate(sub, [Cancel(at=cancelled)], through=through)
    assert sum(line.total.amount for line in lines) == 0
