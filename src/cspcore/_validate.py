"""Input checks shared by every area (internal).

Each check returns the normalised value or raises :class:`~cspcore.errors.InvalidInput` naming the
field and the value. Use these instead of writing new ones, so that every public function refuses
bad input the same way. Numbers, text, dates and collections are checked here; the type checks and
the attrs adapters (:func:`instance`, :func:`attrs_validator`, :func:`attrs_instance_of`,
:func:`attrs_items_of`, :func:`plain_text`) live in :mod:`cspcore._attrs_checks` and are
re-exported here.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Final, TypeVar
from zoneinfo import ZoneInfo

from cspcore._attrs_checks import attrs_instance_of, attrs_items_of, attrs_validator, instance, plain_text
from cspcore._decimal import EXACT, more_digits_than
from cspcore.enums import find_member, unknown_member
from cspcore.errors import CspError, ErrorCode, InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

__all__ = [
    "LAST_INSTANT",
    "MAX_DIGITS",
    "MAX_EXPONENT",
    "MAX_ITEMS",
    "MAX_QUANTITY",
    "attrs_instance_of",
    "attrs_items_of",
    "attrs_validator",
    "aware_datetime",
    "bounded",
    "date",
    "decimal",
    "enum_member",
    "flag",
    "fraction",
    "instance",
    "instant",
    "integer",
    "items",
    "iterable",
    "iterator",
    "later",
    "one_of",
    "optional",
    "optional_text",
    "plain_text",
    "quantity",
    "text",
]

E = TypeVar("E", bound=enum.Enum)
T = TypeVar("T")

#: Largest decimal exponent (either way) an amount or quantity may have; keeps arithmetic exact
#: and bounded. 10**30 is far beyond any real-world amount.
MAX_EXPONENT = 30
#: Most significant digits a number given to cspcore may have (trailing zeros past the point do not
#: count). With :data:`MAX_EXPONENT` this bounds every input, so that sums and products of inputs stay
#: exact in cspcore's 200-digit context and no rounding or formatting runs away.
MAX_DIGITS = 50
#: Longest numeric string read: a bounded number never needs more characters than this.
_MAX_NUMBER_TEXT = 200
#: Ints at or above this are refused before any conversion (a huge int is slow to convert).
_INT_LIMIT = 10 ** (MAX_EXPONENT + 1)
#: A number written in text: ASCII digits with at most one sign, one point and an exponent
#: (``-1.50``, ``.5``, ``2.``, ``1E+3``), nothing else (no ``_``, no other script's digits).
_NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?", re.ASCII)
#: Decimal's own words for what is not finite (``NaN``, ``-Infinity``), refused later as not finite.
_NOT_FINITE_TEXT = re.compile(r"[+-]?(?:inf(?:inity)?|s?nan[0-9]*)", re.ASCII | re.IGNORECASE)


def _bounded(result: Decimal, field: str, value: object) -> Decimal:
    """The one bound on numbers: finite, magnitude within 10**±30, at most 50 significant digits."""
    if not result.is_finite():
        raise InvalidInput(field, "must be a finite number", value, code=ErrorCode.NOT_FINITE)
    if not result:
        # a zero's exponent carries no value: 0E-99999 is plain zero
        return result if int(result.as_tuple().exponent) >= -MAX_EXPONENT else Decimal(0)
    if abs(result.adjusted()) > MAX_EXPONENT:
        raise InvalidInput(
            field, f"magnitude beyond 10**{MAX_EXPONENT} either way", value, code=ErrorCode.OUT_OF_RANGE
        )
    if more_digits_than(result, MAX_DIGITS):
        # trailing zeros after the point are no precision: 1.5000…0 is 1.5
        sign, digits, exponent = result.as_tuple()
        kept = len(digits)
        while kept > MAX_DIGITS and digits[kept - 1] == 0 and int(exponent) + len(digits) - kept < 0:
            kept -= 1
        if kept > MAX_DIGITS:
            raise InvalidInput(
                field, f"more than {MAX_DIGITS} significant digits", value, code=ErrorCode.TOO_MANY_DIGITS
            )
        result = Decimal((sign, digits[:kept], int(exponent) + len(digits) - kept))
    return result


def _read(value: str, field: str) -> Decimal:
    """The number written in ``value``: ASCII digits, one sign, one point, an exponent (or NaN, Infinity)."""
    # A plain copy first: no override of a subclass (its strip(), its len()) decides anything.
    written = str.__str__(value)
    if len(written) > _MAX_NUMBER_TEXT:
        raise InvalidInput(
            field, f"a number of more than {_MAX_NUMBER_TEXT} characters", value, code=ErrorCode.TOO_LONG
        )
    written = written.strip()
    if _NUMBER_TEXT.fullmatch(written) is None and _NOT_FINITE_TEXT.fullmatch(written) is None:
        # Decimal() alone would also read "1_000", Arabic-Indic and full-width digits
        raise InvalidInput(field, "not a decimal number", value, code=ErrorCode.NOT_A_NUMBER)
    try:
        # read in cspcore's own context: the ambient one would decide whether an exponent past
        # what decimal can hold (1E+999999999999999999) raises or reads as NaN
        result = Decimal(written, EXACT)
    except InvalidOperation:
        raise InvalidInput(
            field, f"magnitude beyond 10**{MAX_EXPONENT} either way", value, code=ErrorCode.OUT_OF_RANGE
        ) from None
    return result


def decimal(value: object, field: str, *, allow_negative: bool = True) -> Decimal:
    """Return ``value`` as a finite, bounded :class:`Decimal`; refuse floats, bools, NaN and infinities.

    Every number that enters cspcore passes here: its magnitude is within 10**±30 and it has at most
    50 significant digits (:data:`MAX_DIGITS`), so no later arithmetic, rounding or formatting can run
    away or lose a digit. Text is ASCII digits with at most one sign, one point and an exponent
    (whitespace around it aside); ``"1_000"`` and other scripts' digits, which ``Decimal()`` reads, are
    refused (``not_a_number``).

    >>> decimal("1.50", "price")
    Decimal('1.50')
    >>> decimal(2, "quantity")
    Decimal('2')
    >>> decimal("1." + "0" * 80, "price")
    Decimal('1.0000000000000000000000000000000000000000000000000')
    >>> decimal("1_000", "price")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: price: not a decimal number (got '1_000')
    """
    if isinstance(value, Decimal):
        # a subclass's value as a plain Decimal: no override of it reaches a rule or a stored value
        result = value if type(value) is Decimal else Decimal(value)
    elif isinstance(value, bool):
        raise InvalidInput(field, "booleans are not numbers", value, code=ErrorCode.WRONG_TYPE)
    elif isinstance(value, int):
        if not -_INT_LIMIT < value < _INT_LIMIT:
            raise InvalidInput(
                field, f"magnitude beyond 10**{MAX_EXPONENT} either way", value, code=ErrorCode.OUT_OF_RANGE
            )
        result = Decimal(value)
    elif isinstance(value, str):
        result = _read(value, field)
    elif isinstance(value, float):
        raise InvalidInput(
            field, "floats are refused, pass a Decimal, int or str", value, code=ErrorCode.WRONG_TYPE
        )
    else:
        raise InvalidInput(
            field,
            f"expected a Decimal, int or str, not {type(value).__name__}",
            value,
            code=ErrorCode.WRONG_TYPE,
        )
    result = _bounded(result, field, value)
    if not allow_negative and result < 0:
        raise InvalidInput(field, "must not be negative", value, code=ErrorCode.OUT_OF_RANGE)
    return result


#: Largest quantity (seats, licences, usage units) a line or event may carry: a trillion units, far
#: beyond any subscription or day of metered usage, and small enough that every rating product stays
#: exact.
MAX_QUANTITY = 10**12


def quantity(value: object, field: str, *, allow_negative: bool = True) -> Decimal:
    """Return ``value`` as a bounded quantity: a number of at most :data:`MAX_QUANTITY` either way.

    >>> quantity(25, "quantity")
    Decimal('25')
    >>> quantity(10**13, "quantity")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: quantity: at most 1000000000000 either way (got 10000000000000)
    """
    result = decimal(value, field, allow_negative=allow_negative)
    if result.copy_abs() > MAX_QUANTITY:  # copy_abs is exact: abs() would round in the ambient context
        raise InvalidInput(field, f"at most {MAX_QUANTITY} either way", value, code=ErrorCode.OUT_OF_RANGE)
    return result


def fraction(
    value: object,
    field: str,
    *,
    at_least: Decimal | int = 0,
    at_most: Decimal | int = 1,
    above: bool = False,
) -> Decimal:
    """Return ``value`` as a share written as a fraction (``0.21`` for 21 %), within its bounds.

    The one rule for rates, markups, discounts and percentages: a number over ``at_most`` (``21``
    meant as 21 %) is refused with a hint, never read as 2,100 %. ``above=True`` makes ``at_least``
    exclusive (a markup must stay above -1, a 100 % discount).

    >>> fraction("0.21", "rate")
    Decimal('0.21')
    >>> fraction(21, "rate")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: rate: a fraction, 0.21 for 21 %; at most 1 (got 21)
    """
    result = decimal(value, field)
    if result > at_most:
        raise InvalidInput(
            field, f"a fraction, 0.21 for 21 %; at most {at_most}", value, code=ErrorCode.OUT_OF_RANGE
        )
    if result < at_least or (above and result == at_least):
        bound = "greater than" if above else "at least"
        raise InvalidInput(
            field, f"a fraction, 0.21 for 21 %; {bound} {at_least}", value, code=ErrorCode.OUT_OF_RANGE
        )
    return result


def integer(value: object, field: str, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """Return ``value`` as an ``int`` within ``[minimum, maximum]``; refuse bools and floats.

    >>> integer(3, "days", minimum=0)
    3
    """
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(field, "expected an int", value, code=ErrorCode.WRONG_TYPE)
    if minimum is not None and value < minimum:
        raise InvalidInput(field, f"must be at least {minimum}", value, code=ErrorCode.OUT_OF_RANGE)
    if maximum is not None and value > maximum:
        raise InvalidInput(field, f"must be at most {maximum}", value, code=ErrorCode.OUT_OF_RANGE)
    return value


def date(value: object, field: str) -> dt.date:
    """Return ``value`` if it is a calendar date; refuse datetimes (which subclass ``date``).

    pendulum ``Date`` values are accepted as they are (they subclass ``datetime.date``).

    >>> date(dt.date(2024, 2, 29), "start")
    datetime.date(2024, 2, 29)
    """
    if isinstance(value, dt.datetime):
        raise InvalidInput(
            field,
            "expected a date, got a datetime; pass .date() if that is meant",
            value,
            code=ErrorCode.WRONG_TYPE,
        )
    if not isinstance(value, dt.date):
        raise InvalidInput(field, "expected a datetime.date", value, code=ErrorCode.WRONG_TYPE)
    return value


#: The fields of a datetime, read by ``datetime``'s own descriptors (a subclass's overrides never run).
_DATETIME_FIELDS: Final[tuple[Any, ...]] = tuple(
    vars(dt.date)[name] for name in ("year", "month", "day")
) + tuple(vars(dt.datetime)[name] for name in ("hour", "minute", "second", "microsecond", "tzinfo", "fold"))
#: Time zones whose conversions run no caller code and always work (their ``fromutc`` is their own).
_KNOWN_ZONES: Final = frozenset({type(dt.UTC), ZoneInfo})


def _plain_datetime(value: dt.datetime) -> dt.datetime:
    """``value`` as a plain ``datetime``: the same fields, tzinfo and fold, none of a subclass's code."""
    year, month, day, hour, minute, second, microsecond, zone, fold = (
        field.__get__(value) for field in _DATETIME_FIELDS
    )
    return dt.datetime(year, month, day, hour, minute, second, microsecond, tzinfo=zone, fold=fold)


def aware_datetime(value: object, field: str) -> dt.datetime:
    """Return ``value`` as a plain, timezone-aware datetime; refuse naive ones and plain dates.

    A subclass (pendulum's ``DateTime``, pandas' ``Timestamp``) is copied to a plain ``datetime``
    with the same fields, tzinfo and fold, so no override of the caller's reaches a rule. Its tzinfo
    must give a UTC offset and convert a UTC instant back to local time (which ``tzinfo.fromutc``
    does only when ``dst()`` gives a ``timedelta``): else ``naive_datetime``, whatever the tzinfo
    raised.

    >>> aware_datetime(dt.datetime(2024, 1, 1, tzinfo=dt.UTC), "at").isoformat()
    '2024-01-01T00:00:00+00:00'
    >>> class Stamp(dt.datetime):
    ...     pass
    >>> type(aware_datetime(Stamp(2024, 1, 1, tzinfo=dt.UTC), "at")).__name__
    'datetime'
    """
    if not isinstance(value, dt.datetime):
        raise InvalidInput(field, "expected a timezone-aware datetime", value, code=ErrorCode.WRONG_TYPE)
    moment = value if type(value) is dt.datetime else _plain_datetime(value)
    zone = moment.tzinfo
    try:
        # The offset of this value's own wall clock and fold (PEP 495): in a repeated hour fold=1 is
        # the second pass. Callers compare and subtract instants (``astimezone(UTC)``), never wall clocks.
        offset = moment.utcoffset()
    except Exception:  # noqa: BLE001 - a custom tzinfo: 24 h or more, not a timedelta, or it raised
        raise InvalidInput(
            field, "its tzinfo gave no valid UTC offset", value, code=ErrorCode.NAIVE_DATETIME
        ) from None
    if zone is None or offset is None:
        raise InvalidInput(
            field,
            "naive datetimes are refused; attach a timezone (UTC for Partner Center)",
            value,
            code=ErrorCode.NAIVE_DATETIME,
        )
    if type(zone) not in _KNOWN_ZONES:
        try:
            zone.fromutc(moment)  # as ``astimezone(zone)`` does when a result is given in this zone
        except OverflowError:  # at the ends of the calendar: the range is checked where it matters
            pass
        except Exception:  # noqa: BLE001 - dst() gave None, or the tzinfo raised
            raise InvalidInput(
                field,
                "its tzinfo cannot convert a UTC instant to local time (does dst() return None?)",
                value,
                code=ErrorCode.NAIVE_DATETIME,
            ) from None
    return moment


def instant(value: object, field: str) -> dt.datetime:
    """Return ``value``, an aware datetime, as a UTC instant.

    Rules compare and subtract UTC instants, never wall clocks (two datetimes of one zone compare by
    their wall clocks, ignoring ``fold``). A datetime whose UTC instant falls outside years 1 to 9999
    (``datetime.min`` with a positive offset, say) is refused rather than overflowing later.

    >>> instant(dt.datetime(2024, 1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))), "at").isoformat()
    '2024-01-01T00:00:00+00:00'
    >>> instant(dt.datetime.min.replace(tzinfo=dt.timezone(dt.timedelta(hours=1))), "at")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: at: its UTC instant falls before year 1 or after year 9999 (got ...)
    """
    moment = aware_datetime(value, field)
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        raise InvalidInput(
            field,
            "its UTC instant falls before year 1 or after year 9999",
            value,
            code=ErrorCode.OUT_OF_RANGE,
        ) from None


#: The calendar's last instant, in UTC: where a window or term that would run past year 9999 ends.
LAST_INSTANT: Final = dt.datetime.max.replace(tzinfo=dt.UTC)


def later(moment: dt.datetime, delta: dt.timedelta, field: str, value: object) -> dt.datetime:
    """``moment + delta``, or InvalidInput naming ``field`` (and showing ``value``) past year 9999.

    >>> later(dt.datetime(2024, 1, 1, tzinfo=dt.UTC), dt.timedelta(days=1), "at", None).day
    2
    """
    try:
        return moment + delta
    except OverflowError:
        raise InvalidInput(
            field, "the result would fall after year 9999", value, code=ErrorCode.OUT_OF_RANGE
        ) from None


#: The most items read from an iterator a caller passes (a generator, ``itertools.repeat``): far
#: beyond any tenant's roles or an invoice's lines, and small enough that an endless iterator is
#: refused in a blink. A list, tuple, set or mapping is not bounded by count: it is already in memory
#: (pass one for more items than this). Streams that are long by nature (recon rows, amounts to total)
#: have their own, larger bounds.
MAX_ITEMS = 100_000

_FINITE = (tuple, list, set, frozenset, dict, range)


def bounded(value: Iterable[T], field: str) -> Iterable[T]:
    """The items of ``value``: a built-in collection as it is, an iterator at most :data:`MAX_ITEMS` deep.

    An iterator that raises while it is read is refused (``io_failed``, see :func:`_capped`).

    >>> import itertools
    >>> sum(1 for _ in bounded(itertools.repeat("x", 3), "groups"))
    3
    >>> sum(1 for _ in bounded(itertools.repeat("x"), "groups"))
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: groups: more than 100000 items (got repeat('x'))
    """
    if type(value) in _FINITE:  # exact types: a subclass may iterate for ever
        return value
    return _capped(value, field)


def _capped(value: Iterable[T], field: str) -> Iterator[T]:
    """The items of the caller's iterable, at most :data:`MAX_ITEMS` of them.

    An exception the iterable raises while it is read (a generator whose source went away) is an
    ``io_failed`` InvalidInput naming ``field``, with the exception as its cause; a cspcore error it
    raises (a generator that itself builds cspcore values) passes as it is.
    """
    index = 0
    try:
        iterator = iter(value)
    except Exception as error:
        raise _unreadable(error, field) from error
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except Exception as error:
            raise _unreadable(error, field) from error
        if index >= MAX_ITEMS:
            raise InvalidInput(field, f"more than {MAX_ITEMS} items", value, code=ErrorCode.TOO_LONG)
        index += 1
        yield item


def _unreadable(error: Exception, field: str) -> Exception:
    """The refusal of an iterable that raised ``error`` while it was read (a cspcore error as it is)."""
    if isinstance(error, CspError):
        return error
    return InvalidInput(
        field, f"could not be read: {type(error).__name__}", None, show_value=False, code=ErrorCode.IO_FAILED
    )


def enum_member(cls: type[E], value: object, field: str) -> E:
    """Return the member of ``cls`` that ``value`` is or names (by value or name, any case).

    >>> import enum
    >>> class Colour(enum.Enum):
    ...     DARK_RED = "darkRed"
    >>> enum_member(Colour, "DARKRED", "colour")
    <Colour.DARK_RED: 'darkRed'>
    >>> enum_member(Colour, "dark_red", "colour")
    <Colour.DARK_RED: 'darkRed'>
    """
    found = find_member(cls, value)
    if found is None:
        raise unknown_member(cls, value, field)
    return found


def text(value: object, field: str, *, allow_empty: bool = False, max_length: int = 10_000) -> str:
    """Return ``value`` as a plain string of acceptable length.

    A subclass of ``str`` is copied to a plain ``str``: a value keeps no behaviour of the caller's
    (a ``__str__`` or ``__repr__`` that raises, say).

    >>> text("sub-1", "id")
    'sub-1'
    """
    if type(value) is not str:
        if not isinstance(value, str):
            raise InvalidInput(field, "expected a str", value, code=ErrorCode.WRONG_TYPE)
        value = str.__str__(value)
    if not allow_empty and not value.strip():
        raise InvalidInput(field, "must not be empty", value, code=ErrorCode.EMPTY)
    if len(value) > max_length:
        raise InvalidInput(field, f"longer than {max_length} characters", value, code=ErrorCode.TOO_LONG)
    return value


def one_of(value: object, allowed: Collection[str], field: str) -> str:
    """Return ``value`` if it is one of the ``allowed`` strings.

    >>> one_of("short", ("short", "long"), "format")
    'short'
    """
    if not isinstance(value, str) or value not in allowed:
        raise InvalidInput(
            field,
            f"expected one of: {', '.join(allowed)}",
            value,
            code=ErrorCode.UNKNOWN_VALUE,
            choices=tuple(allowed),
        )
    return value


def iterable(value: object, field: str) -> list[Any]:
    """Return the items of any iterable (a generator too) as a list; refuse strings, mappings and scalars.

    An iterator is read at most :data:`MAX_ITEMS` deep (see :func:`bounded`).

    >>> iterable((x for x in (1, 2)), "xs"), iterable([3], "xs")
    ([1, 2], [3])
    """
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InvalidInput(
            field, "expected an iterable (a list, tuple or generator, say)", value, code=ErrorCode.WRONG_TYPE
        )
    return list(bounded(value, field))


def iterator(value: object, field: str) -> Iterator[Any]:
    """Return an iterator over any iterable without consuming it; refuse strings, mappings and scalars.

    For inputs that are streamed (a million reconciliation rows, say) and must not be held in memory.

    >>> next(iterator([1, 2], "rows"))
    1
    """
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise InvalidInput(
            field, "expected an iterable (a list, tuple or generator, say)", value, code=ErrorCode.WRONG_TYPE
        )
    return iter(value)


def items(value: object, field: str) -> tuple[Any, ...]:
    """Return the items of a tuple, list, set or frozenset; refuse strings, mappings and scalars.

    >>> items({3}, "plans")
    (3,)
    """
    if not isinstance(value, (tuple, list, set, frozenset)):
        raise InvalidInput(field, "expected a tuple, list or set", value, code=ErrorCode.WRONG_TYPE)
    return tuple(value)


def optional(check: Callable[[Any, str], T]) -> Callable[[Any, str], T | None]:
    """Wrap ``check`` so that ``None`` passes through unchecked.

    >>> optional(date)(None, "due") is None
    True
    """

    def check_optional(value: object, field: str) -> T | None:
        return None if value is None else check(value, field)

    return check_optional


def flag(value: object, field: str) -> bool:
    """Return ``value`` if it is a ``bool``; refuse 0, 1, "yes" and the like.

    >>> flag(True, "cash")
    True
    """
    if not isinstance(value, bool):
        raise InvalidInput(field, "expected a bool (True or False)", value, code=ErrorCode.WRONG_TYPE)
    return value


def optional_text(value: object, field: str) -> str | None:
    """Return ``value`` if it is None or a non-empty string.

    >>> optional_text(None, "invoice_id") is None
    True
    """
    return None if value is None else text(value, field)
