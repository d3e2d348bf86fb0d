"""Charge cycles: how a term is cut into the periods that are charged one at a time.

A subscription is charged once per *charge cycle* (``common-billing-scenarios-onetime-recurring.md``,
"What is an NCE charge cycle?"): every month on a monthly plan, every year on an annual plan, once on
an upfront plan. :func:`charge_cycles` lists a first term's cycles; they tile the term exactly.

Two month-end rules, each where Microsoft documents it (same page, "Monthly term subscription
expiration dates on special cases"):

* **Term ends** (and annual cycles) follow the anchor day, clamped to the month's end:
  a monthly term bought January 30 or 31, 2021 ends February 27 (:func:`~cspcore.billing.term_end`).
* **Monthly charge cycles** of longer terms bought on the *last day* of a month start on the last
  day of every month (January 31, February 28, March 31, April 30, ...); bought on the *day before
  the last day*, on the day before the last day of every month (January 30, February 27, March 30,
  April 29, ...). Cycles starting on any other day follow the anchor day, clamped.

Where the two disagree at the end of a term (a February start across a leap year), the term end
wins: the last cycle ends on the term's end date.

A term with a custom end (coterminous or calendar-aligned) is cut from its end backwards: the cycles
start on the day after the end, stepped back by whole cycles, and the first cycle is the short,
prorated remainder (``billing-basics.md``, "charge cycle").

>>> import datetime as dt
>>> from cspcore import Money
>>> from cspcore.billing import Subscription, charge_cycles
>>> sub = Subscription(
...     id="s",
...     product="P",
...     start=dt.date(2021, 1, 31),
...     term="P1Y",
...     frequency="monthly",
...     quantity=1,
...     unit_price=Money("10", "EUR"),
... )
>>> [(c.start.isoformat(), c.end.isoformat()) for c in charge_cycles(sub)[:3]]
[('2021-01-31', '2021-02-27'), ('2021-02-28', '2021-03-30'), ('2021-03-31', '2021-04-29')]

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import itertools
from calendar import isleap
from typing import TYPE_CHECKING, Final, TypeVar

import attrs

from cspcore import _validate
from cspcore._keyword_only import positional_deprecated
from cspcore._months import MONTH_DAYS, month_days, ordinal
from cspcore._trusted import trusted_constructor
from cspcore.billing import _bounds
from cspcore.billing.subscription import Subscription
from cspcore.errors import ErrorCode, InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["MAX_MONTHS", "ChargeCycle", "charge_cycles", "cycle_boundary"]

_ONE_DAY: Final = dt.timedelta(days=1)
#: The most months :func:`cycle_boundary` moves either way: the calendar's length (years 1 to 9999).
MAX_MONTHS: Final = 12 * (dt.MAXYEAR - dt.MINYEAR + 1)
#: What a boundary is given as: a date, or its (year, month, day) numbers.
_Day = TypeVar("_Day")


@positional_deprecated("start", "end", "days")
@attrs.frozen(kw_only=True)
class ChargeCycle:
    """One charge cycle.

    Args:
        start: The first day of the cycle.
        end: The last day of the cycle (inclusive).
        days: The cycle's *charge cycle days*, the denominator of every proration in it: the number
            of days of a full cycle (28-31 for a monthly cycle, 365 or 366 for an annual one). For
            the short first cycle of a term with a custom end it is the length of the full cycle it
            is cut from, so that ``days >= length``. At least 1, at most 3,652,059 (the calendar's
            span).

    >>> import datetime as dt
    >>> ChargeCycle(start=dt.date(2022, 2, 21), end=dt.date(2022, 3, 20), days=28).length
    28
    """

    start: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    end: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    days: int = attrs.field(validator=_validate.attrs_validator(_validate.integer))

    def __attrs_post_init__(self) -> None:
        _bounds.days(self.days, "days", minimum=1)

    @property
    def length(self) -> int:
        """The days in this cycle, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def is_full(self) -> bool:
        """``True`` unless this is a shortened (prorated) first cycle."""
        return self.length == self.days


def cycle_boundary(anchor: dt.date, months: int, *, monthly: bool = True) -> dt.date:
    """The start of the cycle ``months`` months after (or before) the cycle starting on ``anchor``.

    With ``monthly=True`` the month-end rule of monthly charge cycles applies: an anchor on the
    last day of its month lands on the last day of the target month, one on the day before the last
    day on the day before the last day. Otherwise (and for every other anchor) the day is kept,
    clamped to the month's end.

    ``months`` is a whole number of months, at most :data:`MAX_MONTHS` either way; a boundary that
    would fall before year 1 or after year 9999 is refused with ``InvalidInput`` on ``months``
    (``out_of_range``), never a ``ValueError``.

    >>> import datetime as dt
    >>> cycle_boundary(dt.date(2021, 1, 30), 1), cycle_boundary(dt.date(2021, 1, 30), 1, monthly=False)
    (datetime.date(2021, 2, 27), datetime.date(2021, 2, 28))
    >>> from cspcore.errors import InvalidInput
    >>> try:
    ...     cycle_boundary(dt.date(9999, 12, 31), 1)
    ... except InvalidInput as error:
    ...     print(error.field, error.code.value)
    months out_of_range
    """
    d = _validate.date(anchor, "anchor")
    n = _validate.integer(months, "months", minimum=-MAX_MONTHS, maximum=MAX_MONTHS)
    rule = _validate.flag(monthly, "monthly")
    if not dt.MINYEAR <= (d.year * 12 + d.month - 1 + n) // 12 <= dt.MAXYEAR:
        raise InvalidInput(
            "months", "the boundary would fall outside years 1-9999", months, code=ErrorCode.OUT_OF_RANGE
        )
    return _boundary(d, n, rule)


def _boundary(anchor: dt.date, months: int, monthly: bool) -> dt.date:
    return next(_boundaries(anchor, months, monthly))


def _boundaries(anchor: dt.date, step: int, monthly: bool) -> Iterator[dt.date]:
    """The cycle boundaries ``step``, ``2 * step``, ... months from ``anchor`` (a negative step goes back).

    The one owner of the month-end rule (see :func:`cycle_boundary`). What only depends on the anchor
    (its day, how far it is from its month's end) is worked out once, so each boundary costs a few
    integer operations and a date.
    """
    return _boundaries_of(anchor.year, anchor.month, anchor.day, step, monthly, dt.date)


def _day_after(day: dt.date) -> tuple[int, int, int]:
    """The next day as (year, month, day) numbers: 9999-12-31 is followed by (10000, 1, 1)."""
    if day.day < month_days(day.year, day.month):
        return day.year, day.month, day.day + 1
    if day.month < 12:
        return day.year, day.month + 1, 1
    return day.year + 1, 1, 1


def _boundaries_of(  # noqa: PLR0917 - internal hot path, positional for speed
    year: int, month: int, day: int, step: int, monthly: bool, make: Callable[[int, int, int], _Day]
) -> Iterator[_Day]:
    """:func:`_boundaries` of an anchor given as numbers: it may be the day after 9999-12-31.

    Each boundary is ``make(year, month, day)``: a date, or with :func:`_numbers` the numbers
    themselves, for a walk whose last boundary may fall before year 1.
    """
    month0 = month - 1
    from_end = month_days(year, month) - day
    month_end_rule = monthly and from_end <= 1
    common = MONTH_DAYS
    while True:
        month0 += step
        if not 0 <= month0 < 12:
            year, month0 = year + month0 // 12, month0 % 12
        last = common[month0 + 1] if month0 != 1 else 29 if isleap(year) else 28  # month_days, inlined
        if month_end_rule:
            yield make(year, month0 + 1, last - from_end)
        else:
            yield make(year, month0 + 1, day if day <= last else last)  # noqa: FURB136 - no call in the loop


def _numbers(year: int, month: int, day: int) -> tuple[int, int, int]:
    return year, month, day


#: ChargeCycle's trusted constructor, for the cycles this module works out from checked inputs.
_cycle: Final = trusted_constructor(ChargeCycle)


def _cycles(
    start: dt.date, term_months: int, frequency_months: int, end: dt.date | None, term_end: dt.date
) -> tuple[ChargeCycle, ...]:
    """The cycles of one term (validated inputs), worked out anew: a division and a date per boundary."""
    monthly = frequency_months == 1
    if end is None:
        count = term_months // frequency_months
        starts = [start]
        starts.extend(itertools.islice(_boundaries(start, frequency_months, monthly), count - 1))
        result = [_cycle(s, e - _ONE_DAY, (e - s).days) for s, e in itertools.pairwise(starts)]
        last = starts[-1]
        result.append(_cycle(last, term_end, (term_end - last).days + 1))
        return tuple(result)
    # The cycles run back from the day after ``end`` (the next term's first day), which may lie past
    # 9999-12-31: it is given to the month grid as numbers, never built as a date.
    after = _day_after(end)
    first = (start.year, start.month, start.day)
    numbers: list[tuple[int, int, int]] = []
    for previous in _boundaries_of(*after, -frequency_months, monthly, _numbers):
        numbers.append(previous)
        if previous <= first:
            break
    # numbers[-1] <= start < ... < numbers[0] < the day after end. Only the cycle around ``start``
    # may begin before year 1 (a custom end in the first years of the calendar): it is counted from
    # its grid start by ordinals of numbers, and no date of it is built.
    bounds = [dt.date(*previous) for previous in reversed(numbers[:-1])]
    ends = [*(b - _ONE_DAY for b in bounds), end]
    result = [_cycle(start, ends[0], ends[0].toordinal() - ordinal(*numbers[-1]) + 1)]
    result.extend(_cycle(s, e, (e - s).days + 1) for s, e in zip(bounds, ends[1:], strict=True))
    return tuple(result)


def term_cycles(
    start: dt.date,
    term_months: int,
    frequency_months: int | None,
    *,
    end: dt.date | None,
    term_end: dt.date,
) -> tuple[ChargeCycle, ...]:
    """The cycles of a term whose inputs are already validated (internal)."""
    if frequency_months is None:
        return (_cycle(start, term_end, (term_end - start).days + 1),)
    return _cycles(start, term_months, frequency_months, end, term_end)


def charge_cycles(subscription: Subscription) -> tuple[ChargeCycle, ...]:
    """The charge cycles of a subscription's first term, in order.

    The cycles tile the term: the first starts on ``start``, each starts the day after the previous
    one ends, and the last ends on the term's end date. See the module notes for the month-end rules.

    Args:
        subscription: The subscription.

    Returns:
        One cycle for upfront plans and trials; 12 or 36 monthly cycles, or 3 annual ones, otherwise
        (fewer with a custom end date).

    Raises:
        InvalidInput: if ``subscription`` is not a :class:`~cspcore.billing.Subscription`.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Subscription
    >>> sub = Subscription(
    ...     id="s",
    ...     product="P",
    ...     start=dt.date(2022, 7, 15),
    ...     term="P1Y",
    ...     frequency="monthly",
    ...     quantity=1,
    ...     unit_price=Money("10", "EUR"),
    ...     end=dt.date(2023, 6, 30),
    ... )
    >>> first = charge_cycles(sub)[0]
    >>> first.start, first.end, first.days
    (datetime.date(2022, 7, 15), datetime.date(2022, 7, 31), 31)
    """
    sub: Subscription = _validate.instance(subscription, Subscription, "subscription")
    return term_cycles(sub.start, sub.term.months, sub.frequency.months, end=sub.end, term_end=sub.term_end)
