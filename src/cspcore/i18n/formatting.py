r"""Locale-aware formatting of amounts, numbers, percentages, dates and instants, through babel (CLDR).

Formatting works for any CLDR locale, passed explicitly: the environment's locale is never read.
The names here are also exported by :mod:`cspcore.i18n`.

>>> from cspcore import Money
>>> format_money(Money("1234.5", "CZK"), locale="cs_CZ")
'1\xa0234,50\xa0Kč'

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import copy
import decimal as _decimal
import functools
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Literal

from cspcore import _validate
from cspcore._iso4217 import MINOR_UNITS
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.money import Money, Rounding, minor_units

# LAZY: babel is imported inside the functions that use it, not here. It costs about 35 ms, more than
# the rest of ``import cspcore`` (which loads this module through cspcore.explain), so it is loaded on
# the first formatting call. These in-function imports break no import cycle: babel never imports cspcore.
if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from babel import Locale
    from babel.numbers import NumberPattern

__all__ = [
    "DateFormat",
    "FormatType",
    "format_amount",
    "format_date",
    "format_datetime",
    "format_decimal",
    "format_money",
    "format_percent",
    "locale_of",
]

#: Formatting runs in this context so that the ambient one cannot change a digit.
_FORMAT: Final = _decimal.Context(prec=200, rounding=_decimal.ROUND_HALF_EVEN)

FormatType = Literal["standard", "accounting", "name"]
DateFormat = Literal["short", "medium", "long", "full"]


@functools.lru_cache(maxsize=128)
def _locale(name: str) -> Locale:
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - lazy babel (see LAZY)

    try:
        return Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise InvalidInput(
            "locale", "not a locale known to CLDR", name, code=ErrorCode.UNKNOWN_VALUE
        ) from None


def locale_of(name: str) -> Locale:
    """Parse (once, then from cache) a locale identifier such as ``cs_CZ`` or ``ja-JP``.

    >>> locale_of("pl-PL").get_display_name("en")
    'Polish (Poland)'
    """
    return _locale(_validate.text(name, "locale", max_length=64))


@functools.lru_cache(maxsize=512)
def _currency_pattern(name: str, format_type: str, digits: int) -> NumberPattern:
    """The locale's pattern for ``format_type`` showing exactly ``digits`` decimals (cspcore's table's)."""
    loc = _locale(name)
    try:
        base: NumberPattern = (
            loc.decimal_formats[None] if format_type == "name" else loc.currency_formats[format_type]
        )
    except KeyError:
        raise InvalidInput(
            "format_type", "expected 'standard' or 'accounting'", format_type, code=ErrorCode.UNKNOWN_VALUE
        ) from None
    pattern = copy.copy(base)
    pattern.frac_prec = (digits, digits)
    return pattern


def format_money(
    money: Money,
    *,
    locale: str,
    format_type: FormatType = "standard",
    rounding: Rounding = Rounding.HALF_EVEN,
) -> str:
    r"""Format an amount as CLDR does for ``locale``, at the currency's ISO 4217 minor units.

    The symbols, separators and patterns are CLDR's (through babel); the number of decimals is
    cspcore's own (:func:`cspcore.money.minor_units`), so the text does not change with babel's
    version (HUF shows two decimals, as ISO 4217 gives it). Amounts finer than that are rounded with
    ``rounding`` (half-even by default, as babel does) rather than by the ambient decimal context,
    and a zero is never shown with a minus sign.

    Args:
        money: The amount.
        locale: A CLDR locale identifier (``cs_CZ``, ``ja-JP``, ``en``).
        format_type: ``"standard"``, ``"accounting"`` (negative amounts in parentheses where the
            locale says so) or ``"name"`` (``1.00 US dollars``).
        rounding: How to round an amount finer than the minor unit.

    >>> format_money(Money("-5.5", "EUR"), locale="pl_PL")
    '-5,50\xa0€'
    >>> format_money(Money("1.005", "EUR"), locale="en_US", rounding=Rounding.HALF_UP)
    '€1.01'
    >>> (
    ...     format_money(Money("-0.004", "USD"), locale="en_US"),
    ...     format_money(Money("1234.5", "HUF"), locale="hu_HU"),
    ... )
    ('$0.00', '1\xa0234,50\xa0Ft')
    """
    # Fast path: a (locale, format type, currency) seen before, compiled then; anything else is checked.
    if type(money) is Money and type(rounding) is Rounding:
        try:
            compiled = _COMPILED.get((locale, format_type, money.currency))
        except TypeError:  # an unhashable locale or format type: refused on the checked path below
            compiled = None
        if compiled is not None:
            # round() gives the table's minor units and never a negative zero.
            return compiled(money.round(rounding).amount)
    return _format_money_checked(money, locale=locale, format_type=format_type, rounding=rounding)


#: The most decimals any ISO 4217 currency has (CLF and UYW have 4).
_MAX_DIGITS: Final = max(MINOR_UNITS.values())
#: The most compiled formats kept: one per locale, format type and currency a caller has used.
_MAX_COMPILED: Final = 4096
#: (locale name, format type, currency) → its compiled format (:func:`_compile`), for triples already
#: validated: CLDR data laid out once, never an answer (each call formats its own amount).
_COMPILED: dict[tuple[str, str, str], Callable[[Decimal], str]] = {}


def _format_money_checked(money: Money, *, locale: str, format_type: str, rounding: Rounding) -> str:
    value = _validate.instance(money, Money, "money")
    name = _validate.text(locale, "locale", max_length=64)
    _validate.one_of(format_type, ("standard", "accounting", "name"), "format_type")
    if not isinstance(rounding, Rounding):
        raise InvalidInput("rounding", "expected a Rounding", rounding, code=ErrorCode.WRONG_TYPE)
    rounded = value.round(rounding)
    digits = minor_units(value.currency)
    loc = _locale(name)
    if format_type == "name":
        from babel.numbers import format_currency  # noqa: PLC0415 - lazy babel (see LAZY)

        with _decimal.localcontext(_FORMAT):
            text = format_currency(
                rounded.amount,
                rounded.currency,
                format=_currency_pattern(name, format_type, digits),
                locale=loc,
                currency_digits=False,
                format_type="name",
            )
        return str(text)
    key = (name, format_type, value.currency)
    compiled = _COMPILED.get(key)
    if compiled is None:
        compiled = _compile(_currency_pattern(name, format_type, digits), loc, value.currency)
        if len(_COMPILED) < _MAX_COMPILED:
            _COMPILED[key] = compiled
    return compiled(rounded.amount)


class _CompiledFormat:
    """One locale's currency pattern for one currency, laid out once from babel's CLDR data.

    Called with an amount that has exactly the pattern's decimals (an amount rounded to the
    currency's minor units), it returns what babel's ``NumberPattern.apply`` returns for it
    (property-tested in tests/property/test_format_money_matches_babel.py): the sign's prefix and
    suffix with the currency symbol already in them, then the digits grouped as the pattern says.
    """

    __slots__ = ("_first", "_group", "_negative", "_point", "_positive", "_rest", "_table")

    def __init__(
        self,
        affixes: tuple[tuple[str, str], tuple[str, str]],
        grouping: tuple[int, int],
        group: str,
        point: str,
    ) -> None:
        self._positive, self._negative = affixes
        self._first, self._rest = grouping
        self._group, self._point = group, point
        # Three by three: Decimal's own "," format groups the digits, one translate puts the symbols in.
        self._table = str.maketrans({",": group, ".": point}) if grouping == (3, 3) else None

    def __call__(self, amount: Decimal) -> str:
        if amount.is_signed():  # never a negative zero: Money.round() gives none
            prefix, suffix = self._negative
            amount = amount.copy_abs()  # copy_abs, not abs(): no context rounds it
        else:
            prefix, suffix = self._positive
        if self._table is not None:
            return prefix + format(amount, ",f").translate(self._table) + suffix
        whole, point, fraction = format(amount, "f").partition(".")
        grouped, size = "", self._first
        while len(whole) > size:  # babel's grouping: the first group, then every other one
            grouped = self._group + whole[-size:] + grouped
            whole, size = whole[:-size], self._rest
        return prefix + whole + grouped + (self._point + fraction if point else "") + suffix


def _compile(pattern: NumberPattern, loc: Locale, currency: str) -> Callable[[Decimal], str]:
    """``pattern`` (showing exactly its decimals) for ``currency`` in ``loc``, as a formatter of amounts.

    A pattern this does not lay out itself (scientific, significant digits, a padded integer part, a
    currency name, quoted text or a symbol holding a quote, which babel's unquoting would touch) is
    left to babel: the formatter then calls ``pattern.apply``.
    """
    from babel.numbers import (  # noqa: PLC0415 - lazy babel (see LAZY)
        UnsupportedNumberingSystemError,
        get_currency_symbol,
        get_decimal_symbol,
        get_group_symbol,
    )

    try:
        group, point = get_group_symbol(loc), get_decimal_symbol(loc)
    except UnsupportedNumberingSystemError:  # pragma: no cover - every locale of babel 2.19 has them
        return functools.partial(_babel_apply, pattern, loc, currency)  # which then raises as babel does
    symbol = get_currency_symbol(currency, loc)
    texts = (pattern.prefix[0], pattern.suffix[0], pattern.prefix[1], pattern.suffix[1])
    code = currency.upper()
    positive_prefix, positive_suffix, negative_prefix, negative_suffix = (
        text.replace("¤¤", code).replace("¤", symbol) for text in texts
    )
    filled = (positive_prefix, positive_suffix), (negative_prefix, negative_suffix)
    first, rest = pattern.grouping
    plain = (
        not pattern.scale
        and not pattern.exp_prec
        and "@" not in pattern.pattern
        and pattern.number_pattern != ""
        and pattern.int_prec[0] <= 1
        and pattern.frac_prec[0] == pattern.frac_prec[1]
        and first > 0
        and rest > 0
        and not any("¤¤¤" in text for text in texts)
        and not any("'" in text for pair in filled for text in pair)
        and not any(mark in text for text in (group, point) for mark in ("'", "¤"))
    )
    if not plain:
        return functools.partial(_babel_apply, pattern, loc, currency)
    return _CompiledFormat(filled, (first, rest), group, point)


def _babel_apply(pattern: NumberPattern, loc: Locale, currency: str, amount: Decimal) -> str:
    with _decimal.localcontext(_FORMAT):
        return str(pattern.apply(amount, loc, currency=currency, currency_digits=False))


def format_decimal(number: Decimal | int, *, locale: str, min_decimals: int = 0) -> str:
    r"""Format a number with the locale's separators, keeping all its digits.

    Trailing zeros of the fraction are dropped unless ``min_decimals`` asks for them; nothing is
    ever rounded.

    >>> format_decimal(Decimal("12345.678"), locale="cs_CZ")
    '12\xa0345,678'
    >>> (
    ...     format_decimal(Decimal("34770.30"), locale="pl_PL"),
    ...     format_decimal(Decimal("34770.30"), locale="pl_PL", min_decimals=2),
    ... )
    ('34\xa0770,3', '34\xa0770,30')
    """
    from babel.numbers import format_decimal as babel_format_decimal  # noqa: PLC0415 - lazy babel (see LAZY)

    value = _validate.decimal(number, "number")
    loc = locale_of(locale)
    places = _validate.integer(min_decimals, "min_decimals", minimum=0, maximum=_MAX_DIGITS)
    with _decimal.localcontext(_FORMAT):
        if not places:
            return str(babel_format_decimal(value, locale=loc, decimal_quantization=False))
        pattern = copy.copy(loc.decimal_formats[None])
        pattern.frac_prec = (places, max(places, pattern.frac_prec[1]))
        return str(pattern.apply(value, loc, decimal_quantization=False))


def format_amount(money: Money, *, locale: str, min_decimals: int | None = None) -> str:
    r"""Format an amount with every digit it has, the locale's separators and the ISO currency code.

    This is how an amount is written inside a sentence when it is exact rather than payable: a
    price per unit finer than the currency's minor unit (``9.408 EUR``), or the product of one and
    a quantity before the round-down. Nothing is rounded; the code, not the symbol, marks an amount
    that is not a payable sum. :func:`format_money` is for amounts at the currency's minor units.

    Args:
        money: The amount, kept digit for digit.
        locale: A CLDR locale identifier.
        min_decimals: At least this many decimals (padded with zeros); the currency's minor units
            by default.

    >>> format_amount(Money("9.408", "EUR"), locale="cs_CZ")
    '9,408 EUR'
    >>> format_amount(Money("28224.5", "EUR"), locale="en_US")
    '28,224.50 EUR'
    >>> format_amount(Money(12, "JPY"), locale="ja_JP")
    '12 JPY'
    >>> format_amount(Money("12", "EUR"), locale="pl_PL", min_decimals=0)
    '12 EUR'
    """
    value = _validate.instance(money, Money, "money")
    low = minor_units(value.currency) if min_decimals is None else min_decimals
    return f"{format_decimal(value.amount, locale=locale, min_decimals=low)} {value.currency}"


def format_percent(number: Decimal | int, *, locale: str, digits: int = 0) -> str:
    r"""Format a fraction as a percentage (``Decimal("0.155")`` is 15.5 %).

    Args:
        number: The fraction.
        locale: A CLDR locale identifier.
        digits: Decimal places to show; rounded half-up.

    >>> format_percent(Decimal("0.155"), locale="en_US", digits=1)
    '15.5%'
    >>> format_percent(Decimal("0.155"), locale="cs_CZ", digits=1)
    '15,5\xa0%'
    """
    value = _validate.decimal(number, "number")
    places = _validate.integer(digits, "digits", minimum=0, maximum=10)
    loc = locale_of(locale)
    pattern = copy.copy(loc.percent_formats[None])
    pattern.frac_prec = (places, places)
    rounded = value.quantize(
        Decimal(1).scaleb(-(places + 2)), rounding=_decimal.ROUND_HALF_UP, context=_FORMAT
    )
    with _decimal.localcontext(_FORMAT):
        return str(pattern.apply(rounded, loc))


def format_date(day: dt.date, *, locale: str, format: DateFormat = "medium") -> str:  # noqa: A002
    """Format a date as CLDR does for ``locale``.

    >>> import datetime as dt
    >>> format_date(dt.date(2024, 2, 29), locale="cs_CZ"), format_date(dt.date(2024, 2, 29), locale="ja_JP")
    ('29. 2. 2024', '2024/02/29')
    """
    from babel.dates import format_date as babel_format_date  # noqa: PLC0415 - lazy babel (see LAZY)

    value = _validate.date(day, "day")
    return str(babel_format_date(value, format=_format_name(format), locale=locale_of(locale)))


def format_datetime(moment: dt.datetime, *, locale: str, format: DateFormat = "medium") -> str:  # noqa: A002
    r"""Format an aware datetime in its own time zone, as CLDR does for ``locale``.

    >>> import datetime as dt
    >>> moment = dt.datetime(2024, 3, 15, 11, 0, tzinfo=dt.UTC)
    >>> format_datetime(moment, locale="en_US")
    'Mar 15, 2024, 11:00:00\u202fAM'
    >>> format_datetime(moment, locale="pl_PL")
    '15 mar 2024, 11:00:00'
    """
    from babel.dates import format_datetime as babel_format_datetime  # noqa: PLC0415 - lazy babel (see LAZY)

    value = _validate.aware_datetime(moment, "moment")
    return str(
        babel_format_datetime(
            value, format=_format_name(format), tzinfo=value.tzinfo, locale=locale_of(locale)
        )
    )


def _format_name(value: str) -> str:
    return _validate.one_of(value, ("short", "medium", "long", "full"), "format")
