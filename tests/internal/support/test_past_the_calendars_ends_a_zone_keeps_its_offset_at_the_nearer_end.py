"""Past the calendar's ends, the business-time timeline reads a zone's offset at the nearer end.

``_timeline.day_intervals`` splits a day whose UTC offset changes into pieces of one offset, probing
the zone at instants that may lie before 0001-01-01T00:00Z or after 9999-12-31T24:00Z, where no
``datetime`` exists. There the offset is the zone's at the calendar's first wall-clock instant (before
it) or at its last one (after it, ``fold=1``). No IANA zone changes its offset on either day, so the
zones here are built from TZif data (``ZoneInfo.from_file``): one east of Greenwich that changes on
0001-01-01, one west of it whose last day changes offset.
"""

from __future__ import annotations

import datetime as dt
import io
import struct
from zoneinfo import ZoneInfo

from cspcore.support._timeline import day_intervals, midnight_of

H = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)
#: 0001-01-01T10:00Z, as seconds since 1970 (TZif's clock).
_TEN_ON_THE_FIRST_DAY = int(
    (dt.datetime(1, 1, 1, 10, tzinfo=dt.UTC) - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)).total_seconds()
)


def _zone(types: list[tuple[int, str]], transitions: list[tuple[int, int]], footer: str) -> ZoneInfo:
    """A zone from TZif version 2 data.

    ``types`` are (UTC offset in seconds, name), ``transitions`` (seconds since 1970, type index), and
    ``footer`` the POSIX rule after the last transition. The version 1 block, which readers of version 2
    skip, has no transitions (a transition in year 1 does not fit its 32 bits).
    """
    names = b"".join(name.encode() + b"\0" for _, name in types)
    starts = [sum(len(name) + 1 for _, name in types[:index]) for index in range(len(types))]
    infos = b"".join(
        struct.pack(">lBB", offset, 0, at) for (offset, _), at in zip(types, starts, strict=True)
    )

    def block(count: int, times: bytes, kinds: bytes) -> bytes:
        header = b"TZif2" + bytes(15) + struct.pack(">6l", 0, 0, 0, count, len(types), len(names))
        return header + times + kinds + infos + names

    version_one = block(0, b"", b"")
    times = b"".join(struct.pack(">q", at) for at, _ in transitions)
    version_two = block(len(transitions), times, bytes(kind for _, kind in transitions))
    return ZoneInfo.from_file(io.BytesIO(version_one + version_two + b"\n" + footer.encode() + b"\n"))


#: UTC+1 until 0001-01-01T10:00Z, UTC+3 from then on.
EAST = _zone([(3600, "AAA"), (3 * 3600, "BBB")], [(_TEN_ON_THE_FIRST_DAY, 1)], "BBB-3")
#: UTC-5, but UTC-4 from 23:00 on the last day of each year: the calendar's last wall-clock instant is UTC-4.
WEST = _zone([(-5 * 3600, "EST")], [], "EST5EDT,J365/23,J1/0")


def test_the_first_day_reads_the_offset_of_the_calendars_first_instant_before_it() -> None:
    """Local midnight of 0001-01-01 is 0000-12-31T23:00Z: the day opens at 00:30 local, 23:30Z."""
    midnight = midnight_of(dt.date.min)
    found = day_intervals(EAST, dt.date.min, ((H / 2, DAY),))
    assert found == [(midnight + H / 2 - H, midnight + 10 * H), (midnight + 10 * H, midnight + DAY - 3 * H)]


def test_the_last_day_reads_the_offset_of_the_calendars_last_instant_after_it() -> None:
    """9999-12-31 ends at 10000-01-01T04:00Z; from the calendar's end on, the offset is UTC-4."""
    midnight = midnight_of(dt.date.max)
    found = day_intervals(WEST, dt.date.max, ((23 * H + H / 2, DAY),))
    assert found == [(midnight + DAY + 4 * H - H / 2, midnight + DAY + 4 * H)]
