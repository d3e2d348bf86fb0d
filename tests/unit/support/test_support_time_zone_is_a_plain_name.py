"""A schedule's time zone is kept as a plain str; a name that cannot be printed is refused or kept safely."""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore import ErrorCode, InvalidInput
from cspcore.support import BusinessHours


class _Unprintable(str):
    """A str whose repr and str raise, as a hostile caller's subclass might."""

    __slots__ = ()

    def __repr__(self) -> str:
        raise LookupError

    __str__ = __repr__


@pytest.mark.parametrize("zone", ["Europe/Prague", "Asia/Tokyo", "UTC"])
def test_a_zone_given_as_a_str_subclass_is_kept_as_a_plain_str(zone: str) -> None:
    hours = BusinessHours.from_weekdays(_Unprintable(zone), dt.time(9), dt.time(17))
    assert type(hours.tz) is str
    assert hours.tz == zone
    assert zone in repr(hours)


@pytest.mark.parametrize("zone", ["Nowhere/Atlantis", "../etc/passwd", "Europe/"])
def test_an_unknown_zone_that_cannot_be_printed_is_refused_cleanly(zone: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        BusinessHours.from_weekdays(_Unprintable(zone), dt.time(9), dt.time(17))
    assert caught.value.field == "tz"
    assert isinstance(str(caught.value), str)


def test_a_zone_that_is_not_text_is_a_wrong_type() -> None:
    with pytest.raises(InvalidInput) as caught:
        BusinessHours.from_weekdays(3, dt.time(9), dt.time(17))  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("tz", ErrorCode.WRONG_TYPE)
