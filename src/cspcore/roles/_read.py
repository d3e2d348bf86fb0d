"""Reading the collections callers pass to the roles rules, and their instants (internal).

A collection may be any iterable, a generator too, so an endless one (``itertools.repeat(role)``)
must stop with an error rather than hang: at most :data:`MAX_ITEMS` items are read. An instant is
compared in UTC, and one whose UTC instant falls outside years 1 to 9999 (``datetime.min`` with a
positive offset, say) is refused rather than overflowing.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

from cspcore import _validate
from cspcore.errors import InvalidInput

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

#: The most items read from one collection of roles, tasks, groups, grants or relationships: far
#: beyond any real tenant, and small enough that an endless iterable is refused in a blink.
MAX_ITEMS: Final = 100_000

_FINITE: Final = (tuple, list, set, frozenset, dict, range)


def items(value: Iterable[object], field: str) -> Iterable[object]:
    """The items of ``value``, refusing the read past :data:`MAX_ITEMS` of them.

    >>> import itertools
    >>> sum(1 for _ in items(itertools.repeat("x", 3), "groups"))
    3
    >>> sum(1 for _ in items(itertools.repeat("x"), "groups"))
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: groups: more than 100000 items (got repeat('x'))
    """
    if isinstance(value, _FINITE) and len(value) <= MAX_ITEMS:
        return value
    return _capped(value, field)


def _capped(value: Iterable[object], field: str) -> Iterator[object]:
    for index, item in enumerate(value):
        if index >= MAX_ITEMS:
            raise InvalidInput(field, f"more than {MAX_ITEMS} items", value)
        yield item


def utc(value: object, field: str) -> dt.datetime:
    """``value``, checked to be an aware datetime, as a UTC instant.

    Comparing UTC instants measures elapsed time: two datetimes of one zone compare by their wall
    clocks, ignoring ``fold`` (PEP 495).

    >>> utc(dt.datetime(2024, 1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))), "at").isoformat()
    '2024-01-01T00:00:00+00:00'
    >>> utc(dt.datetime.min.replace(tzinfo=dt.timezone(dt.timedelta(hours=1))), "at")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: at: its UTC instant falls before year 1 or after year 9999 (got ...)
    """
    moment = _validate.aware_datetime(value, field)
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise InvalidInput(field, "its UTC instant falls before year 1 or after year 9999", value) from None


def later(moment: dt.datetime, delta: dt.timedelta, field: str, value: object) -> dt.datetime:
    """``moment + delta``, or InvalidInput naming ``field`` when that falls after year 9999.

    >>> later(dt.datetime(2024, 1, 1, tzinfo=dt.UTC), dt.timedelta(days=1), "at", None).day
    2
    """
    try:
        return moment + delta
    except OverflowError:
        raise InvalidInput(field, "the result would fall after year 9999", value) from None
