"""The renewal calendar exports as RFC 5545 iCalendar text: parsed back, it gives the same entries."""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import (
    CalendarKind,
    RenewalCalendar,
    ScheduleChange,
    Subscription,
    lifecycle,
    renewal_calendar,
)
from cspcore.errors import ErrorCode

STAMP = dt.datetime(2024, 6, 1, 8, 30, tzinfo=dt.UTC)


def _calendar() -> RenewalCalendar:
    sub = Subscription(
        id="sub;1,a",  # characters iCalendar TEXT must escape
        product="Microsoft 365 E3",
        start=dt.date(2024, 1, 10),
        term="P1Y",
        frequency="annual",
        quantity=10,
        unit_price=Money("432.00", "USD"),
    )
    result = lifecycle(
        sub, [ScheduleChange(on=dt.date(2024, 6, 1), quantity=12)], through=dt.date(2024, 6, 1)
    )
    return renewal_calendar(result, start=dt.date(2024, 6, 1), end=dt.date(2025, 1, 31))


def _unescape(text: str) -> str:
    out, chars = [], iter(text)
    for char in chars:
        if char == "\\":
            nxt = next(chars)
            out.append("\n" if nxt in "nN" else nxt)
        else:
            out.append(char)
    return "".join(out)


def _events(text: str) -> list[dict[str, str]]:
    assert text.endswith("\r\n")
    lines = text.replace("\r\n ", "").split("\r\n")[:-1]  # unfold (RFC 5545, 3.1)
    assert lines[0] == "BEGIN:VCALENDAR"
    assert lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines
    events: list[dict[str, str]] = []
    for line in lines:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and line != "END:VEVENT":
            events[-1][name] = value
    return events


def test_every_physical_line_is_at_most_75_octets_and_ends_in_crlf() -> None:
    text = _calendar().to_ics(stamp=STAMP, locale="ja_JP")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_parsed_back_each_entry_is_one_event_on_its_day_or_instant() -> None:
    calendar = _calendar()
    events = _events(calendar.to_ics(stamp=STAMP))
    entries = calendar.entries
    assert len(events) == len(entries) > 0
    for event, entry in zip(events, entries, strict=True):
        assert event["DTSTAMP"] == "20240601T083000Z"
        assert event["CATEGORIES"] == entry.kind.value
        if entry.at is None:
            assert event["DTSTART;VALUE=DATE"] == entry.on.strftime("%Y%m%d")
            assert event["DTEND;VALUE=DATE"] == (entry.on + dt.timedelta(days=1)).strftime("%Y%m%d")
        else:
            assert dt.datetime.strptime(event["DTSTART"], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC) == entry.at
        assert _unescape(event["SUMMARY"]).endswith(": sub;1,a (Microsoft 365 E3)")
        assert "create-a-new-subscription.md" in _unescape(event["DESCRIPTION"]) or "billing-basics.md" in (
            _unescape(event["DESCRIPTION"])
        )
    assert len({event["UID"] for event in events}) == len(events)


def test_the_renewal_event_reads_in_the_locale_asked_for() -> None:
    calendar = _calendar()
    events = _events(calendar.to_ics(stamp=STAMP, locale="cs_CZ"))
    kinds = [entry.kind for entry in calendar.entries]
    renewal = events[kinds.index(CalendarKind.RENEWAL)]
    assert _unescape(renewal["SUMMARY"]).startswith("Obnovení: ")
    assert _unescape(renewal["DESCRIPTION"]).startswith("Předplatné sub;1,a se 10. 1. 2025 obnoví")


def test_the_same_calendar_exports_the_same_uids() -> None:
    first = _events(_calendar().to_ics(stamp=STAMP))
    later = _events(_calendar().to_ics(stamp=STAMP + dt.timedelta(days=3)))
    assert [e["UID"] for e in first] == [e["UID"] for e in later]


def test_a_naive_stamp_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        _calendar().to_ics(stamp=dt.datetime(2024, 6, 1))  # noqa: DTZ001
    assert (caught.value.field, caught.value.code) == ("stamp", ErrorCode.NAIVE_DATETIME)
