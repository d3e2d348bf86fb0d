"""An iCalendar export writes every date as RFC 5545 says, ``YYYYMMDD`` (and ``YYYYMMDDTHHMMSSZ``), with
the year's four digits in any year cspcore accepts: an entry in year 998 is on ``09980113``, never on
``9980113`` (which no reader parses, or reads as another day). Parsed back, each event is on its entry's
day or instant (a round trip)."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import Money
from cspcore.billing import RenewalCalendar, Subscription, lifecycle, renewal_calendar

STAMP = dt.datetime(2024, 6, 1, 8, 30, tzinfo=dt.UTC)


def calendar_of(start: dt.date) -> RenewalCalendar:
    sub = Subscription(
        id="a",
        product="Microsoft 365 E3",
        start=start,
        term="P1Y",
        frequency="monthly",
        quantity=10,
        unit_price=Money("36.00", "USD"),
    )
    return renewal_calendar(lifecycle(sub, through=start), start=start, end=start + dt.timedelta(days=400))


def dated_lines(text: str) -> list[tuple[str, str]]:
    """The (name, value) of every DTSTART and DTSTAMP line, in order."""
    found = []
    for line in text.split("\r\n"):
        if line.startswith(("DTSTART", "DTSTAMP")):
            name, _, value = line.partition(":")
            found.append((name, value))
    return found


def parsed(name: str, value: str) -> dt.date | dt.datetime:
    """An RFC 5545 DATE (``VALUE=DATE``) or UTC DATE-TIME, read by its fixed columns."""
    day = dt.date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    if name.endswith("VALUE=DATE"):
        assert len(value) == 8, value
        return day
    assert len(value) == 16, value
    assert value[8] + value[-1] == "TZ", value
    hour, minute, second = int(value[9:11]), int(value[11:13]), int(value[13:15])
    return dt.datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=dt.UTC)


def test_a_year_before_1000_keeps_its_leading_zeros() -> None:
    text = calendar_of(dt.date(998, 1, 10)).to_ics(stamp=dt.datetime(5, 1, 2, 3, 4, 5, tzinfo=dt.UTC))
    lines = dated_lines(text)
    assert lines[0] == ("DTSTAMP", "00050102T030405Z")
    assert lines[1] == ("DTSTART", "09980111T000000Z")  # the full refund ends 24 hours after 00:00 UTC
    assert ("DTSTART;VALUE=DATE", "09980113") in lines  # seats reducible 3 days (before March 2022)


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9990, 12, 31)))
@example(dt.date(1, 1, 1))
@example(dt.date(999, 12, 31))
@example(dt.date(1000, 1, 1))
def test_every_event_parses_back_to_its_entrys_day_or_instant(start: dt.date) -> None:
    calendar = calendar_of(start)
    events = [(name, value) for name, value in dated_lines(calendar.to_ics(stamp=STAMP)) if name != "DTSTAMP"]
    assert [parsed(name, value) for name, value in events] == [
        entry.on if entry.at is None else entry.at for entry in calendar.entries
    ]
