"""A datetime subclass given as an instant is read as the plain datetime it holds.

Same instant, same tzinfo and fold; no override of the caller's (a hostile ``astimezone``,
``utcoffset`` or ``__add__``) reaches a rule, and nothing of the subclass is kept or handed back.
Subclasses such as pendulum's ``DateTime`` and pandas' ``Timestamp`` are accepted, as plain datetimes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import _validate
from cspcore.support import SlaClock, due_at

_PRAGUE = ZoneInfo("Europe/Prague")


class _Hostile(dt.datetime):
    """Every method a rule might call raises."""

    def astimezone(self, *_args: Any) -> NoReturn:
        raise AssertionError("the caller's astimezone ran")

    def utcoffset(self) -> NoReturn:
        raise AssertionError("the caller's utcoffset ran")

    def __add__(self, other: object) -> NoReturn:
        raise AssertionError("the caller's __add__ ran")


def _hostile(moment: dt.datetime) -> _Hostile:
    return _Hostile(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond,
        tzinfo=moment.tzinfo,
        fold=moment.fold,
    )


def test_due_at_hands_back_a_plain_datetime() -> None:
    received = _hostile(dt.datetime(2024, 3, 28, 16, tzinfo=dt.UTC))

    zero = due_at(received, dt.timedelta(0), hours=None)
    later = due_at(received, dt.timedelta(hours=1), hours=None)

    assert (type(zero), type(later)) == (dt.datetime, dt.datetime)
    assert later == dt.datetime(2024, 3, 28, 17, tzinfo=dt.UTC)


def test_an_sla_clock_keeps_plain_datetimes() -> None:
    at = _hostile(dt.datetime(2024, 3, 4, 9, tzinfo=dt.UTC))

    started = SlaClock.start(dt.timedelta(hours=1), at=at, hours=None)
    hour = dt.timedelta(hours=1)
    built = SlaClock(target=hour, started_at=at, banked=hour, paused_at=at, breached_at=at)
    paused = started.pause(at=at)

    kept = (started.started_at, started.running_since, built.started_at, built.paused_at, built.breached_at)
    assert {type(moment) for moment in (*kept, paused.paused_at)} == {dt.datetime}
    assert started.breach_at == dt.datetime(2024, 3, 4, 10, tzinfo=dt.UTC)


class _PendulumStyle(dt.datetime):
    """A harmless subclass with methods of its own, as pendulum's ``DateTime`` is."""

    def add(self, **kwargs: float) -> dt.datetime:
        return self + dt.timedelta(**kwargs)


def test_a_pendulum_style_subclass_is_accepted_as_a_plain_datetime() -> None:
    given = _PendulumStyle(2024, 3, 31, 2, 30, tzinfo=_PRAGUE)

    plain = _validate.aware_datetime(given, "at")

    assert type(plain) is dt.datetime
    assert (plain, plain.tzinfo, plain.fold) == (given, given.tzinfo, given.fold)


def test_a_pandas_timestamp_is_accepted_as_a_plain_datetime() -> None:
    pandas = pytest.importorskip("pandas")
    given = pandas.Timestamp("2024-03-28 16:00:00.000001", tz="Europe/Prague")

    plain = _validate.aware_datetime(given, "at")

    assert type(plain) is dt.datetime
    assert (plain, plain.tzinfo) == (given.to_pydatetime(), given.tzinfo)


@given(
    moment=st.datetimes(
        min_value=dt.datetime(1, 1, 2),  # noqa: DTZ001 - bounds of a naive strategy
        max_value=dt.datetime(9999, 12, 30),  # noqa: DTZ001
        timezones=st.sampled_from([dt.UTC, _PRAGUE, ZoneInfo("America/New_York")]),
    )
)
@example(moment=dt.datetime(2024, 11, 3, 1, 10, fold=1, tzinfo=ZoneInfo("America/New_York")))
@example(moment=dt.datetime(2024, 3, 31, 2, 30, tzinfo=_PRAGUE))
def test_the_plain_copy_is_the_same_instant_wall_clock_and_zone(moment: dt.datetime) -> None:
    plain = _validate.aware_datetime(_hostile(moment), "at")

    assert type(plain) is dt.datetime
    assert dt.datetime.__eq__(plain, moment)
    assert (plain.replace(tzinfo=None), plain.tzinfo, plain.fold) == (
        moment.replace(tzinfo=None),
        moment.tzinfo,
        moment.fold,
    )
