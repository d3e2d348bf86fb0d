"""An iCalendar (RFC 5545) text of renewal-calendar entries (:meth:`RenewalCalendar.to_ics`).

Pure string building: no clock (the export instant is given), no I/O.

>>> import datetime as dt
>>> ics_text((), stamp=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)).splitlines()[0]
'BEGIN:VCALENDAR'

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING, Final

from cspcore import _validate
from cspcore.i18n import label, render

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cspcore.billing.portfolio_calendar import CalendarEntry

__all__ = ["ics_text"]

_ONE_DAY: Final = dt.timedelta(days=1)


def _text(value: str) -> str:
    """RFC 5545 TEXT escaping (backslash, semicolon, comma, line breaks)."""
    escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return escaped.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def _fold(line: str) -> str:
    """A content line folded at 75 octets (RFC 5545, 3.1), never inside a UTF-8 character."""
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode())
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # a continuation line starts with one space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _date(day: dt.date) -> str:
    """An RFC 5545 DATE with its four-digit year (``strftime("%Y")`` drops a year's leading zeros)."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _stamp(moment: dt.datetime) -> str:
    """An RFC 5545 UTC DATE-TIME of a UTC ``moment``."""
    return f"{_date(moment)}T{moment.hour:02d}{moment.minute:02d}{moment.second:02d}Z"


def ics_text(entries: Iterable[CalendarEntry], *, stamp: dt.datetime, locale: str = "en_US") -> str:
    """The entries as an iCalendar text: one event each (see :meth:`RenewalCalendar.to_ics`)."""
    made = _stamp(_validate.instant(stamp, "stamp"))
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//cspcore//renewal calendar//EN",
        "CALSCALE:GREGORIAN",
    ]
    for entry in entries:
        key = "|".join(
            (
                entry.kind.value,
                entry.subscription,
                entry.on.isoformat(),
                "" if entry.at is None else entry.at.isoformat(),
                str(entry.quantity),
            )
        )
        uid = hashlib.sha256(key.encode()).hexdigest()[:32]
        lines += ["BEGIN:VEVENT", f"UID:{uid}@cspcore", f"DTSTAMP:{made}"]
        if entry.at is None:
            lines.append(f"DTSTART;VALUE=DATE:{_date(entry.on)}")
            if entry.on < dt.date.max:
                lines.append(f"DTEND;VALUE=DATE:{_date(entry.on + _ONE_DAY)}")
        else:
            lines.append(f"DTSTART:{_stamp(entry.at.astimezone(dt.UTC))}")
        summary = f"{label(entry.kind, locale=locale)}: {entry.subscription} ({entry.product})"
        source = entry.reason.source
        description = render(entry.reason, locale=locale)
        if source is not None:
            description += "\n" + source.cite()
        lines += [
            f"SUMMARY:{_text(summary)}",
            f"DESCRIPTION:{_text(description)}",
            f"CATEGORIES:{_text(entry.kind.value)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
