"""Reading Partner Center payloads (internal): JSON text, field look-up, numbers, dates, money.

Everything here turns Microsoft's loosely typed values into checked Python values, or raises
:class:`~cspcore.errors.InvalidInput` naming the item and the field. Nothing reads files or the clock.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any, Final

from cspcore import _validate
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.money import is_currency

#: Partner Center writes "0001-01-01T00:00:00" (.NET's DateTime.MinValue) for "no date": the one
#: owner of that date for every interop reader and writer.
NO_DATE: Final = dt.date(1, 1, 1)

#: The ISO 8601 forms Partner Center writes: a date, then optionally a time with minutes (seconds and
#: any number of fractional digits optional), then optionally ``Z`` or an offset with or without a
#: colon. Only the form is checked here; :meth:`datetime.datetime.fromisoformat` reads the values
#: (it alone would also take forms no Partner Center file has: ``20240101``, week dates, a bare
#: hour, any separator, offsets in seconds, and ``+01:60`` as two hours).
#: Digits are ASCII ``[0-9]`` only (``\d`` would take ``２０２２`` or ``٢٠٢٢``, which no Partner Center
#: file holds); blanks around the date are any white space, as text cells are stripped.
_ISO: Final = re.compile(
    r"^\s*(?P<date>[0-9]{4}-[0-9]{2}-[0-9]{2})"
    r"(?:[T ](?P<time>[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?)\s*"
    r"(?P<offset>Z|z|[+-][0-9]{2}:?[0-9]{2})?)?\s*$"
)
_US: Final = re.compile(
    r"^\s*([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})"
    r"(?:\s+([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?\s*([AaPp][Mm])?)?\s*$"
)


def load_json(payload: object, field: str = "payload") -> object:
    """Decode ``payload`` (str or bytes) as JSON with exact decimals; mappings and lists pass through.

    Floats in JSON become :class:`Decimal` values, so ``2076.63`` stays ``2076.63``. An object that
    names a key twice (``{"subtotal": 10, "subtotal": 1000}``) is refused as ``field`` with code
    ``duplicate`` and the key as the value, rather than read with its last copy: which copy Microsoft
    meant cannot be told. (Keys that differ in case are two keys here; :func:`lookup` reads Microsoft's
    own spelling.)

    >>> load_json('{"a": 0.1}')
    {'a': Decimal('0.1')}
    >>> load_json('{"a": 1,}')
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: payload: invalid JSON at line 1, column 9: Expecting property name ...
    """
    if isinstance(payload, (Mapping, list, tuple)):
        return payload
    if isinstance(payload, (bytes, bytearray, memoryview)):
        try:
            text = bytes(payload).decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise InvalidInput(
                field,
                f"not UTF-8 text (byte {error.start})",
                bytes(payload[:40]),
                show_value=False,
                code=ErrorCode.MALFORMED,
            ) from None
    elif isinstance(payload, str):
        text = payload.removeprefix("\ufeff")
    else:
        raise InvalidInput(
            field,
            "expected JSON text (str or bytes) or a decoded mapping",
            payload,
            code=ErrorCode.WRONG_TYPE,
        )
    try:
        return json.loads(
            text, parse_float=Decimal, parse_constant=_refuse_constant, object_pairs_hook=_distinct_pairs
        )
    except _Duplicate as error:
        raise InvalidInput(
            field, "an object names the key twice", error.key, code=ErrorCode.DUPLICATE
        ) from None
    except json.JSONDecodeError as error:
        raise InvalidInput(
            field,
            f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
            text[max(0, error.pos - 20) : error.pos + 20],
            code=ErrorCode.MALFORMED,
        ) from None
    except RecursionError:
        raise InvalidInput(
            field, "JSON nested too deeply", len(text), show_value=False, code=ErrorCode.TOO_LONG
        ) from None
    except ValueError as error:  # a refused constant, or an integer literal too long to convert
        code = ErrorCode.NOT_FINITE if isinstance(error, _NotFinite) else ErrorCode.TOO_MANY_DIGITS
        raise InvalidInput(field, f"invalid JSON: {error}", len(text), show_value=False, code=code) from None


class _Duplicate(Exception):
    """A key named twice in one JSON object: raised out of the decoder, caught in :func:`load_json`."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _distinct_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object's pairs as a dict; a key named twice raises :class:`_Duplicate`."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _Duplicate(key)
            seen.add(key)
    return result


class _NotFinite(ValueError):
    """NaN or an infinity in JSON text (``NaN``, ``Infinity``): Python's reader accepts them, cspcore not."""


def _refuse_constant(name: str) -> object:
    msg = f"{name} is not a number"
    raise _NotFinite(msg)


def utf8_text(value: bytes | bytearray | memoryview, field: str) -> str:
    r"""``value`` decoded as UTF-8 (a byte-order mark dropped), or ``MALFORMED`` naming the first bad byte.

    >>> utf8_text(b"\xef\xbb\xbfUsageDate", "rows")
    'UsageDate'
    """
    try:
        return bytes(value).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput(
            field, f"not UTF-8 text (byte {error.start})", None, show_value=False, code=ErrorCode.MALFORMED
        ) from None


def items_of(document: object, field: str = "payload") -> list[Mapping[str, Any]] | tuple[Any, ...]:
    """The ``items`` of a Partner Center collection, or the list itself when given a bare list."""
    if isinstance(document, (list, tuple)):
        return document
    if isinstance(document, Mapping):
        items = lookup(document, "items", field)
        if isinstance(items, (list, tuple)):
            return items
        raise InvalidInput(f"{field}.items", "expected a list of items", items, code=ErrorCode.WRONG_TYPE)
    raise InvalidInput(
        field, "expected a collection (an object with items, or a list)", document, code=ErrorCode.WRONG_TYPE
    )


def mapping(value: object, field: str) -> Mapping[str, Any]:
    """``value`` if it is a mapping (a JSON object)."""
    if not isinstance(value, Mapping):
        raise InvalidInput(field, "expected a JSON object", value, code=ErrorCode.WRONG_TYPE)
    return value


def distinct_keys(item: Mapping[Any, Any], field: str) -> dict[str, Any]:
    """Each key of a row mapping by its case-folded text; keys that differ only in case are refused.

    A file's rows given as mappings are read with their column names in any case, as the file's
    header is; ``{"Subtotal": "120", "subtotal": "999"}`` names one column twice, as a header that
    names it twice does, and is refused as ``field`` (code ``duplicate``) rather than read from one
    copy. (A JSON payload's object is read by :func:`lookup`, where Microsoft's own spelling of a key
    wins over another spelling.)
    """
    folded: dict[str, Any] = {}
    for key in item:
        name = str(key).casefold()
        if name in folded:
            raise InvalidInput(
                field,
                f"has the keys {folded[name]!r} and {key!r}, which differ only in case",
                tuple(item)[:50],
                code=ErrorCode.DUPLICATE,
            )
        folded[name] = key
    return folded


def lookup(item: Mapping[str, Any], name: str, where: str, *, required: bool = True) -> Any:
    """The value of ``name`` in ``item``, with the key matched in any case (``Total``/``total``).

    Blank strings and ``null`` count as absent.
    """
    value = item.get(name)
    if value is None:
        folded = name.casefold()
        for key, candidate in item.items():
            if str(key).casefold() == folded:
                value = candidate
                break
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InvalidInput(f"{where}.{name}", "is required", value, code=ErrorCode.MISSING)
        return None
    return value


def text(item: Mapping[str, Any], name: str, where: str, *, required: bool = True) -> str | None:
    """A text field; numbers are accepted and shown as text (``"mpnId": 4391507``)."""
    value = lookup(item, name, where, required=required)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise InvalidInput(f"{where}.{name}", "expected text", value, code=ErrorCode.WRONG_TYPE)
    return _validate.text(str(value).strip(), f"{where}.{name}", max_length=2000)


def number(item: Mapping[str, Any], name: str, where: str, *, required: bool = True) -> Decimal | None:
    """A numeric field; Microsoft writes numbers both as JSON numbers and as strings."""
    value = lookup(item, name, where, required=required)
    if value is None:
        return None
    return to_decimal(value, f"{where}.{name}")


def to_decimal(value: object, field: str) -> Decimal:
    """A finite decimal from a Decimal, int or numeric string; floats are refused."""
    if isinstance(value, float):
        raise InvalidInput(
            field,
            "floats are refused: pass the JSON text, or decode it with parse_float=Decimal",
            value,
            code=ErrorCode.WRONG_TYPE,
        )
    return _validate.decimal(value, field)


def quantity(item: Mapping[str, Any], name: str, where: str, *, required: bool = True) -> Decimal | None:
    """A quantity field: a number within the shared bound on quantities (``_validate.quantity``)."""
    value = lookup(item, name, where, required=required)
    if value is None:
        return None
    return to_quantity(value, f"{where}.{name}")


def to_quantity(value: object, field: str) -> Decimal:
    """A quantity from a Decimal, int or numeric string (at most 10**12 either way); floats are refused."""
    to_decimal(value, field)  # the float refusal and the bound on every number, with their messages
    return _validate.quantity(value, field)


def currency(value: object, field: str) -> str:
    """An ISO 4217 code known to CLDR; lower case is tolerated (``usd``).

    A value that is not text (``5``, ``true``, a list) is of the wrong kind (``WRONG_TYPE``); text
    that names no currency is an unknown value (``UNKNOWN_VALUE``).
    """
    if value is not None and not isinstance(value, str):
        raise InvalidInput(field, "expected a currency code as text", value, code=ErrorCode.WRONG_TYPE)
    if not isinstance(value, str) or not is_currency(value.strip().upper()):
        raise InvalidInput(field, "not an ISO 4217 currency code", value, code=ErrorCode.UNKNOWN_VALUE)
    return value.strip().upper()


def date_value(value: object, field: str) -> dt.date:
    """The UTC calendar date of a Partner Center date or date-time.

    Accepts ISO 8601 dates and date-times with any number of fractional digits (Partner Center
    writes seven), ``Z`` or a numeric offset (converted to UTC) or none (taken as UTC, as Partner
    Center's dates are), US ``M/D/YYYY`` dates as the CSV downloads show them, and ``date`` or aware
    ``datetime`` values.

    >>> date_value("2019-02-04T09:22:40.1767993-08:00", "chargeStartDate")
    datetime.date(2019, 2, 4)
    >>> date_value("2021-05-20T23:30:00-01:00", "orderDate")
    datetime.date(2021, 5, 21)
    >>> date_value("6/20/2022 12:00:00 AM", "OrderDate")
    datetime.date(2022, 6, 20)
    """
    if isinstance(value, dt.datetime):
        moment = _validate.aware_datetime(value, field)
        return moment.astimezone(dt.UTC).date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InvalidInput(field, "expected a date", value, code=ErrorCode.WRONG_TYPE)
    found = _ISO.match(value)
    try:
        if found:
            return _iso(found)
        us = _US.match(value)
        if us:
            return _us(us)
    except (ValueError, OverflowError):
        raise InvalidInput(field, "not a valid calendar date", value, code=ErrorCode.MALFORMED) from None
    raise InvalidInput(
        field, "not a date (expected ISO 8601 such as 2022-06-20)", value, code=ErrorCode.MALFORMED
    )


def _iso(found: re.Match[str]) -> dt.date:
    """The UTC date of an ISO date or date-time in :data:`_ISO`'s form; ValueError if it names none."""
    date, time, offset = found.group("date", "time", "offset")
    if time is None:
        return dt.date.fromisoformat(date)
    if offset is None or offset in {"Z", "z"}:
        offset = "+00:00"  # Partner Center's dates are UTC
    elif int(offset[-2:]) >= 60:  # minutes: "+01:60" is no offset, not +02:00
        raise ValueError(offset)
    moment = dt.datetime.fromisoformat(f"{date}T{time}{offset}")
    return moment.astimezone(dt.UTC).date()


def _us(found: re.Match[str]) -> dt.date:
    month, day, year, hour, minute, second, half = found.groups()
    if hour is not None:
        clock = int(hour)
        if half and not 1 <= clock <= 12:  # a 12-hour clock ("12:00:00 AM") runs from 1 to 12
            raise ValueError
        dt.time(clock, int(minute), int(second or 0))  # range check only
    return dt.date(int(year), int(month), int(day))


def known_date(day: dt.date, value: object, field: str) -> dt.date:
    """``day``, read from ``value`` for a required date: :data:`NO_DATE` there is a date missing.

    The one rule for Partner Center's "no date" in a required field, for every reader of a payload,
    a reconciliation row or a usage row: refused as ``field`` with code ``missing``, as a blank or
    absent date is, never read as 1 January of the year 1.

    >>> known_date(dt.date(2022, 3, 5), "2022-03-05", "rows[1].OrderDate")
    datetime.date(2022, 3, 5)
    >>> try:
    ...     known_date(NO_DATE, "0001-01-01", "rows[1].OrderDate")
    ... except InvalidInput as error:
    ...     print(error.field, error.code.value)
    rows[1].OrderDate missing
    """
    if day == NO_DATE:
        raise InvalidInput(field, "is required (0001-01-01 means no date)", value, code=ErrorCode.MISSING)
    return day


def date_field(item: Mapping[str, Any], name: str, where: str, *, required: bool = True) -> dt.date | None:
    """A date field; the .NET minimum date means "none": absent, so refused as missing when required."""
    value = lookup(item, name, where, required=required)
    if value is None:
        return None
    day = date_value(value, f"{where}.{name}")
    if required:
        return known_date(day, value, f"{where}.{name}")
    return None if day == NO_DATE else day


def qualifiers(value: object, field: str) -> tuple[str, ...]:
    """``ProductQualifiers``: a JSON list, or its text form in CSV (``["AddOn","Trial"]``), or blank."""
    if value is None:
        return ()
    if isinstance(value, str):
        stripped = value.strip()
        if not stripped:
            return ()
        if stripped.startswith("["):
            try:
                decoded = json.loads(stripped)
            except (ValueError, RecursionError):  # RecursionError: brackets nested too deeply
                raise InvalidInput(
                    field, "not a list of qualifiers", value, code=ErrorCode.MALFORMED
                ) from None
            return qualifiers(decoded, field)
        return tuple(part.strip() for part in stripped.split(",") if part.strip())
    if isinstance(value, (list, tuple)):
        result = []
        for index, part in enumerate(value):
            if not isinstance(part, str) or not part.strip():
                raise InvalidInput(
                    f"{field}[{index}]",
                    "expected text",
                    part,
                    code=ErrorCode.EMPTY if isinstance(part, str) else ErrorCode.WRONG_TYPE,
                )
            result.append(part.strip())
        return tuple(result)
    raise InvalidInput(field, "expected a list of qualifiers", value, code=ErrorCode.WRONG_TYPE)
