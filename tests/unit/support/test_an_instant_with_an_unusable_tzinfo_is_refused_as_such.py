"""An instant whose tzinfo gives no offset, raises, or cannot convert from UTC is refused, typed.

A tzinfo whose ``dst()`` returns ``None`` is allowed by the datetime docs, but ``tzinfo.fromutc``
(and so ``astimezone``) cannot give a local time in it; a hostile one may raise anything. Each is
refused with ``naive_datetime`` under the argument, never with a bare exception.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode
from cspcore.roles import EntraRole, GdapRelationship
from cspcore.support import BusinessHours, SlaClock, business_time_between, due_at

if TYPE_CHECKING:
    from collections.abc import Callable

_HOURS = BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17))
_UTC_START = dt.datetime(2024, 3, 28, 9, tzinfo=dt.UTC)


class _NoDst(dt.tzinfo):
    """A fixed +01:00 zone that does not know its daylight-saving time."""

    def utcoffset(self, _moment: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(hours=1)

    def dst(self, _moment: dt.datetime | None) -> None:
        return None

    def tzname(self, _moment: dt.datetime | None) -> str:
        return "+01"


class _Raising(dt.tzinfo):
    def __init__(self, error: Exception) -> None:
        self.error = error

    def utcoffset(self, _moment: dt.datetime | None) -> dt.timedelta:
        raise self.error

    def dst(self, _moment: dt.datetime | None) -> dt.timedelta:
        raise self.error

    def tzname(self, _moment: dt.datetime | None) -> str:
        return "?"


class _UntilNextYear(dt.tzinfo):
    """A zone that knows 2024 only: any later instant raises."""

    def utcoffset(self, moment: dt.datetime | None) -> dt.timedelta:
        if moment is not None and moment.year > 2024:
            raise KeyError(moment.year)
        return dt.timedelta(hours=1)

    def dst(self, _moment: dt.datetime | None) -> dt.timedelta:
        return dt.timedelta(0)

    def tzname(self, _moment: dt.datetime | None) -> str:
        return "+01"


ZONES = [_NoDst(), _Raising(KeyError("Europe/Nowhere")), _Raising(RuntimeError("tz database gone"))]


def _calls(at: dt.datetime) -> list[tuple[Callable[[], object], str]]:
    clock = SlaClock.start(dt.timedelta(hours=4), at=_UTC_START, hours=_HOURS)
    return [
        (lambda: due_at(at, dt.timedelta(hours=1), hours=None), "received_at"),
        (lambda: due_at(at, dt.timedelta(hours=1), hours=_HOURS), "received_at"),
        (lambda: business_time_between(at, _UTC_START, hours=_HOURS), "start"),
        (lambda: SlaClock.start(dt.timedelta(hours=1), at=at, hours=None), "at"),
        (lambda: clock.elapsed(at=at), "at"),
        (
            lambda: GdapRelationship(
                customer_id="c", roles={EntraRole.USER_ADMINISTRATOR}, duration=1, activated_at=at
            ),
            "activated_at",
        ),
    ]


@pytest.mark.parametrize("zone", ZONES, ids=lambda zone: type(zone).__name__)
@pytest.mark.parametrize("index", range(6))
def test_an_unusable_tzinfo_is_refused_under_the_argument(zone: dt.tzinfo, index: int) -> None:
    at = dt.datetime(2024, 3, 28, 16, tzinfo=zone)
    call, field = _calls(at)[index]

    with raises_invalid(field=field, code=ErrorCode.NAIVE_DATETIME):
        call()


def test_a_tzinfo_that_fails_only_for_the_due_instant_is_refused_typed() -> None:
    received = dt.datetime(2024, 12, 31, 22, tzinfo=_UntilNextYear())

    with raises_invalid(field="received_at", code=ErrorCode.NAIVE_DATETIME):
        due_at(received, dt.timedelta(days=2), hours=None)


def test_a_fixed_offset_zone_still_gives_the_due_instant_in_that_zone() -> None:
    plus_one = dt.timezone(dt.timedelta(hours=1))
    received = dt.datetime(2024, 3, 28, 16, tzinfo=plus_one)

    due = due_at(received, dt.timedelta(hours=1), hours=None)

    assert (due, due.tzinfo) == (received + dt.timedelta(hours=1), plus_one)
