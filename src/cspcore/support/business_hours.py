"""Business hours: a weekly schedule of open hours in one time zone, with holidays and partial days.

A :class:`BusinessHours` is a weekly schedule in one IANA time zone: for each weekday (0 = Monday)
one or more ``(open, close)`` ranges of wall-clock time, plus holidays (any container of dates, so
a calendar from the ``holidays`` package plugs straight in) and per-date overrides for partial-day
closures (a half day on 24 December).

The schedule is wall-clock time: the desk is open at every instant whose local time, in the
schedule's zone, lies inside a range of that local date. On the day clocks spring forward a range
across the gap is an hour shorter; on the day they fall back, a range across the repeated hour is
an hour longer. The business-time arithmetic over a schedule (``due_at``,
``business_time_between``) is in :mod:`cspcore.support.business_time`.

>>> import datetime as dt
>>> from cspcore.support import BusinessHours
>>> prague = BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17))
>>> prague.is_open(dt.datetime(2024, 3, 8, 15, 59, tzinfo=dt.timezone.utc))  # 16:59 in Prague
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Container, Mapping, Sequence
from typing import TYPE_CHECKING, Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs

from cspcore import _validate
from cspcore._keyword_only import positional_deprecated
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.support._timeline import Ranges, datetime_of, day_intervals, instant_of, local_day

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["BusinessHours", "Ranges", "TimeRanges"]

_ZERO: Final = dt.timedelta(0)
_MIDNIGHT: Final = dt.time(0)
#: One day's ``(open, close)`` wall-clock pairs (``Ranges``, from the internal timeline, are their offsets).
TimeRanges = tuple[tuple[dt.time, dt.time], ...]


def _offset(value: dt.time) -> dt.timedelta:
    return dt.timedelta(
        hours=value.hour, minutes=value.minute, seconds=value.second, microseconds=value.microsecond
    )


def _time_ranges(value: object, field: str) -> TimeRanges:  # noqa: C901 - one check per way a range can be wrong
    """Validate one day's ``(open, close)`` pairs; sort them and merge touching ranges.

    ``close == time(0)`` means midnight at the end of the day (24:00).
    """
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise InvalidInput(
            field, "expected a sequence of (open, close) time pairs", value, code=ErrorCode.WRONG_TYPE
        )
    pairs: list[tuple[dt.time, dt.time]] = []
    for index, pair in enumerate(value):
        where = f"{field}[{index}]"
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise InvalidInput(
                where, "expected an (open, close) pair of datetime.time", pair, code=ErrorCode.WRONG_TYPE
            )
        opens, closes = pair
        for name, moment in (("open", opens), ("close", closes)):
            if not isinstance(moment, dt.time):
                raise InvalidInput(
                    f"{where}.{name}", "expected a datetime.time", moment, code=ErrorCode.WRONG_TYPE
                )
            if moment.tzinfo is not None:
                raise InvalidInput(
                    f"{where}.{name}",
                    "times are wall-clock times of the schedule's zone; drop tzinfo",
                    moment,
                    code=ErrorCode.NOT_ALLOWED,
                )
        end = dt.timedelta(days=1) if closes == _MIDNIGHT else _offset(closes)
        if _offset(opens) >= end:
            raise InvalidInput(
                where,
                "open must be before close (a close of 00:00 means midnight)",
                pair,
                code=ErrorCode.INCONSISTENT,
            )
        pairs.append((opens.replace(fold=0), closes.replace(fold=0)))
    pairs.sort(key=lambda p: _offset(p[0]))
    merged: list[tuple[dt.time, dt.time]] = []
    for opens, closes in pairs:
        if merged:
            last_open, last_close = merged[-1]
            last_end = dt.timedelta(days=1) if last_close == _MIDNIGHT else _offset(last_close)
            if _offset(opens) < last_end:
                raise InvalidInput(field, "ranges overlap", value, code=ErrorCode.INCONSISTENT)
            if _offset(opens) == last_end:
                merged[-1] = (last_open, closes)
                continue
        merged.append((opens, closes))
    return tuple(merged)


def _weekly(
    given: Mapping[int, Sequence[tuple[dt.time, dt.time]]] | Sequence[Sequence[tuple[dt.time, dt.time]]],
) -> tuple[TimeRanges, ...]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    if isinstance(value, Mapping):
        days: list[TimeRanges] = [() for _ in range(7)]
        for key, ranges in value.items():
            weekday = _validate.integer(key, "weekly (weekday key)", minimum=0, maximum=6)
            days[weekday] = _time_ranges(ranges, f"weekly[{weekday}]")
        result = tuple(days)
    elif isinstance(value, Sequence) and not isinstance(value, (str, bytes)) and len(value) == 7:
        result = tuple(_time_ranges(ranges, f"weekly[{i}]") for i, ranges in enumerate(value))
    else:
        raise InvalidInput(
            "weekly",
            "expected a mapping weekday (0 = Monday) -> (open, close) pairs, or 7 such days",
            value,
            code=ErrorCode.WRONG_TYPE,
        )
    if not any(result):
        raise InvalidInput(
            "weekly", "a schedule needs at least one open range in the week", value, code=ErrorCode.EMPTY
        )
    return result


def _overrides(given: Mapping[dt.date, Sequence[tuple[dt.time, dt.time]]]) -> Mapping[dt.date, TimeRanges]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    if not isinstance(value, Mapping):
        raise InvalidInput(
            "overrides", "expected a mapping date -> (open, close) pairs", value, code=ErrorCode.WRONG_TYPE
        )
    found: dict[dt.date, TimeRanges] = {}
    for key, ranges in value.items():
        day = _validate.date(key, "overrides (date key)")
        found[day] = _time_ranges(ranges, f"overrides[{day.isoformat()}]")
    return types.MappingProxyType(dict(sorted(found.items())))


@attrs.frozen
class _CheckedCalendar:
    """A caller's own holiday container whose membership test may fail: a failure is an InvalidInput."""

    calendar: Container[dt.date]

    def __contains__(self, day: object) -> bool:
        try:
            return day in self.calendar
        except Exception as error:  # noqa: BLE001 - a hostile container must not escape as anything else
            raise InvalidInput(
                "holidays", f"membership test failed: {error}", self.calendar, code=ErrorCode.IO_FAILED
            ) from None


def _holidays(given: Container[dt.date]) -> Container[dt.date]:
    """Holidays as a container of dates; a date of the wrong kind is refused, never silently ignored.

    A set, frozenset, list or tuple must hold only dates (a string such as ``"2025-03-10"`` would
    never match a date, so the desk would open on the holiday). A mapping (a ``holidays`` package
    calendar, which fills in years as they are asked for) must be keyed by dates. Any other
    container is only asked about dates, and a failure of its membership test is an InvalidInput.
    """
    value: object = given  # typed for callers; checked below whatever it is at run time
    if not isinstance(value, Container) or isinstance(value, (str, bytes)):
        raise InvalidInput(
            "holidays",
            "expected a container of dates (a set, or a holidays calendar)",
            value,
            code=ErrorCode.WRONG_TYPE,
        )
    if isinstance(value, (set, frozenset, list, tuple)):
        return frozenset(_holiday(day, index) for index, day in enumerate(value))
    if isinstance(value, Mapping):
        for index, day in enumerate(list(value)):
            _holiday(day, index)
    checked = _CheckedCalendar(value)
    dt.date(2000, 1, 1) in checked  # noqa: B015 - probe that membership tests work
    return value if isinstance(value, dict) else checked


def _holiday(day: object, index: int) -> dt.date:
    """One holiday: a date, never a datetime. A refusal names the parameter, and the item in its problem."""
    if isinstance(day, dt.datetime) or not isinstance(day, dt.date):
        problem = f"item {index} is not a datetime.date (parse text with datetime.date.fromisoformat)"
        raise InvalidInput("holidays", problem, day, code=ErrorCode.WRONG_TYPE)
    return day


def _zone_name(value: str | ZoneInfo) -> str:
    if isinstance(value, ZoneInfo):
        # A zone built from a name carries it; one read from a file (ZoneInfo.from_file) has none,
        # and a schedule is kept by name so that it compares and prints the same everywhere.
        if value.key is None:
            raise InvalidInput(
                "tz",
                "a ZoneInfo without an IANA name (from_file); give its name",
                value,
                code=ErrorCode.MISSING,
            )
        value = value.key
    # A plain str: a subclass's own ``__str__``/``__repr__`` (which may fail) is never kept or called.
    name = str.__str__(_validate.text(value, "tz", max_length=64))
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput("tz", "not an IANA time zone name", value, code=ErrorCode.UNKNOWN_VALUE) from None
    return name


def _as_offsets(ranges: TimeRanges) -> tuple[Ranges, dt.timedelta]:
    offsets = tuple((_offset(o), dt.timedelta(days=1) if c == _MIDNIGHT else _offset(c)) for o, c in ranges)
    return offsets, sum((c - o for o, c in offsets), _ZERO)


@positional_deprecated("tz", "weekly")
@attrs.frozen(kw_only=True)
class BusinessHours:
    """A weekly schedule of open hours in one time zone, with holidays and partial days.

    Args:
        tz: An IANA time zone, by name (``"Europe/Prague"``) or as a :class:`zoneinfo.ZoneInfo`
            built from one (``ZoneInfo("Europe/Prague")``); it is kept as the name. The ranges are
            wall-clock times there.
        weekly: A mapping from weekday (0 = Monday ... 6 = Sunday) to a sequence of
            ``(open, close)`` :class:`datetime.time` pairs (several ranges a day are fine: a lunch
            break is two ranges). A close of ``time(0)`` means midnight at the end of the day.
            Days left out are closed. Stored as a 7-tuple indexed by weekday.
        holidays: Dates on which the desk is closed all day: any container of dates, such as a
            ``frozenset`` or a calendar from the ``holidays`` package
            (``holidays.country_holidays("CZ")``).
        overrides: Dates whose ranges replace the weekly ones: a partial-day closure
            (``{date(2024, 12, 24): ((time(8), time(12)),)}``) or an extra open day. An override wins
            over a holiday on the same date; an empty tuple closes the day.

    Raises:
        InvalidInput: Unknown zone, a ``ZoneInfo`` without a name (``ZoneInfo.from_file``; code
            ``missing``), a range that does not open before it closes, overlapping ranges, or a week
            without any open range.

    >>> import datetime as dt
    >>> hours = BusinessHours(
    ...     tz="Asia/Tokyo",
    ...     weekly={d: ((dt.time(9), dt.time(12)), (dt.time(13), dt.time(17, 30))) for d in range(5)},
    ... )
    >>> hours.weekly[0]
    ((datetime.time(9, 0), datetime.time(12, 0)), (datetime.time(13, 0), datetime.time(17, 30)))
    >>> hours.weekly[6]
    ()
    """

    tz: str = attrs.field(converter=_zone_name)
    weekly: tuple[TimeRanges, ...] = attrs.field(converter=_weekly)
    holidays: Container[dt.date] = attrs.field(factory=frozenset, converter=_holidays, hash=False)
    overrides: Mapping[dt.date, TimeRanges] = attrs.field(factory=dict, converter=_overrides, hash=False)
    # Derived from the fields above (attrs sets fields in order), each once, when the value is built.
    _zone: ZoneInfo = attrs.field(
        init=False,
        default=attrs.Factory(lambda self: ZoneInfo(self.tz), takes_self=True),
        repr=False,
        eq=False,
        hash=False,
    )
    _week: tuple[tuple[Ranges, dt.timedelta], ...] = attrs.field(
        init=False,
        default=attrs.Factory(lambda self: tuple(_as_offsets(day) for day in self.weekly), takes_self=True),
        repr=False,
        eq=False,
        hash=False,
    )
    _special: Mapping[dt.date, tuple[Ranges, dt.timedelta]] = attrs.field(
        init=False,
        default=attrs.Factory(
            lambda self: {day: _as_offsets(ranges) for day, ranges in self.overrides.items()},
            takes_self=True,
        ),
        repr=False,
        eq=False,
        hash=False,
    )

    @classmethod
    def from_weekdays(
        cls,
        tz: str | ZoneInfo,
        opens: dt.time,
        closes: dt.time,
        *,
        days: Sequence[int] = (0, 1, 2, 3, 4),
        holidays: Container[dt.date] = frozenset(),
        overrides: Mapping[dt.date, TimeRanges] | None = None,
    ) -> BusinessHours:
        """One range on each of ``days`` (Monday to Friday by default).

        >>> import datetime as dt
        >>> from zoneinfo import ZoneInfo
        >>> BusinessHours.from_weekdays("UTC", dt.time(8), dt.time(18)).weekly[4]
        ((datetime.time(8, 0), datetime.time(18, 0)),)
        >>> BusinessHours.from_weekdays(ZoneInfo("Europe/Prague"), dt.time(9), dt.time(17)).tz
        'Europe/Prague'

        .. versionchanged:: 0.2.0
            ``tz`` may be a :class:`zoneinfo.ZoneInfo`.
        """
        if isinstance(days, (str, bytes)) or not isinstance(days, Sequence):
            raise InvalidInput(
                "days", "expected a sequence of weekdays (0 = Monday)", days, code=ErrorCode.WRONG_TYPE
            )
        return cls(
            tz=tz,
            weekly=dict.fromkeys(days, ((opens, closes),)),
            holidays=holidays,
            overrides=overrides if overrides is not None else {},
        )

    @property
    def zone(self) -> ZoneInfo:
        """The schedule's time zone.

        >>> BusinessHours.from_weekdays("Europe/Warsaw", dt.time(9), dt.time(17)).zone.key
        'Europe/Warsaw'
        """
        return self._zone

    def ranges_on(self, day: dt.date) -> TimeRanges:
        """The wall-clock ranges of one local date, after holidays and overrides.

        >>> import datetime as dt
        >>> hours = BusinessHours.from_weekdays(
        ...     "Europe/Budapest", dt.time(9), dt.time(17), holidays={dt.date(2024, 3, 15)}
        ... )
        >>> hours.ranges_on(dt.date(2024, 3, 15)), hours.ranges_on(dt.date(2024, 3, 14))
        ((), ((datetime.time(9, 0), datetime.time(17, 0)),))
        """
        checked = _validate.date(day, "day")
        if checked in self.overrides:
            return self.overrides[checked]
        if checked in self.holidays:
            return ()
        return self.weekly[checked.weekday()]

    def is_open(self, at: dt.datetime) -> bool:
        """Whether the desk is open at an instant (ranges include their open, exclude their close).

        Raises:
            InvalidInput: ``at`` is naive, or outside years 1 to 9999 in UTC or on the schedule's
                wall clock (``out_of_range``).

        >>> import datetime as dt
        >>> hours = BusinessHours.from_weekdays("America/New_York", dt.time(9), dt.time(17))
        >>> hours.is_open(dt.datetime(2024, 3, 11, 13, 0, tzinfo=dt.UTC))  # 09:00 EDT
        True
        >>> hours.is_open(dt.datetime(2024, 3, 11, 12, 59, tzinfo=dt.UTC))
        False
        """
        moment = _validate.aware_datetime(at, "at")
        try:
            day = local_day(self._zone, moment)
        except OverflowError:
            raise InvalidInput(
                "at",
                "outside years 1 to 9999 in UTC or on the schedule's wall clock",
                at,
                code=ErrorCode.OUT_OF_RANGE,
            ) from None
        instant = instant_of(moment)
        return any(s <= instant < e for s, e in day_intervals(self._zone, day, self._plan(day)[0]))

    def day_plan(self, day: dt.date) -> tuple[Ranges, dt.timedelta]:
        """One local date's open ranges as offsets from its local midnight, and their total length.

        The form the business-time arithmetic walks day by day: after holidays and overrides, with
        a close at midnight as an offset of one day.

        >>> import datetime as dt
        >>> hours = BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17, 30))
        >>> ranges, total = hours.day_plan(dt.date(2024, 3, 8))
        >>> [(str(o), str(c)) for o, c in ranges], str(total)
        ([('9:00:00', '17:30:00')], '8:30:00')
        """
        return self._plan(_validate.date(day, "day"))

    @property
    def plan_lookup(self) -> Callable[[dt.date], tuple[Ranges, dt.timedelta]]:
        """:meth:`day_plan` without its check of the date, for arithmetic that walks day by day.

        The caller checks its first date once; the walk then asks for thousands of days.

        >>> import datetime as dt
        >>> hours = BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17))
        >>> hours.plan_lookup(dt.date(2024, 3, 9))  # a Saturday
        ((), datetime.timedelta(0))
        """
        return self._plan

    def utc_intervals(self, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
        """The open instants of one local date, as sorted UTC intervals ``[open, close)``.

        Intervals may touch, never overlap. On a day whose UTC offset changes, a range across the
        gap loses it and a range across the repeated hour gets both passes.

        Raises:
            InvalidInput: ``day`` is not a date, or its open hours fall before year 1 or after
                year 9999 in UTC (``out_of_range``), as 00:30 on 0001-01-01 in Prague does.

        >>> import datetime as dt
        >>> hours = BusinessHours.from_weekdays("Europe/Prague", dt.time(9), dt.time(17))
        >>> [(b.isoformat(), e.isoformat()) for b, e in hours.utc_intervals(dt.date(2024, 3, 8))]
        [('2024-03-08T08:00:00+00:00', '2024-03-08T16:00:00+00:00')]
        """
        checked = _validate.date(day, "day")
        found = day_intervals(self._zone, checked, self._plan(checked)[0])
        try:
            return [(datetime_of(begin), datetime_of(end)) for begin, end in found]
        except OverflowError:
            raise InvalidInput(
                "day",
                "its open hours fall before year 1 or after year 9999 in UTC",
                day,
                code=ErrorCode.OUT_OF_RANGE,
            ) from None

    def _plan(self, day: dt.date) -> tuple[Ranges, dt.timedelta]:
        special = self._special
        if special and day in special:
            return special[day]
        if day in self.holidays:
            return _CLOSED
        return self._week[day.weekday()]


_CLOSED: Final[tuple[Ranges, dt.timedelta]] = ((), _ZERO)
