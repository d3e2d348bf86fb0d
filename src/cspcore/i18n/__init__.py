r"""Locale-aware formatting and the rendering of reasons, in cspcore's five locales and beyond.

cspcore speaks the languages of its source documents: English, Czech, Polish, Hungarian and
Japanese (:data:`SUPPORTED_LOCALES`). Formatting works for any CLDR locale; reason messages come from
gettext catalogs in the five languages and fall back to English for any other language.

The locale is always passed explicitly; the environment's locale is never read.

>>> from cspcore import Money
>>> from cspcore.i18n import format_money, format_date
>>> import datetime as dt
>>> format_money(Money("1234.5", "CZK"), locale="cs_CZ")
'1\xa0234,50\xa0Kč'
>>> format_money(Money("1234", "JPY"), locale="ja_JP")
'￥1,234'
>>> format_date(dt.date(2024, 2, 29), locale="hu_HU")
'2024. febr. 29.'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import copy
import datetime as dt
import decimal as _decimal
import functools
import string
from decimal import Decimal
from enum import Enum
from importlib import resources
from typing import TYPE_CHECKING, Any, Final, Literal

from cspcore import _validate
from cspcore._iso4217 import MINOR_UNITS
from cspcore.errors import InvalidInput
from cspcore.explain import Reason
from cspcore.money import Money, Rounding, minor_units

if TYPE_CHECKING:
    from collections.abc import Mapping

    from babel import Locale
    from babel.numbers import NumberPattern

__all__ = [
    "CATALOG_LANGUAGES",
    "SUPPORTED_LOCALES",
    "format_date",
    "format_datetime",
    "format_decimal",
    "format_money",
    "format_percent",
    "label",
    "messages",
    "render",
]

#: The five locales of cspcore's source documents, each with a full message catalog.
SUPPORTED_LOCALES: Final = ("en_US", "cs_CZ", "pl_PL", "hu_HU", "ja_JP")
#: The languages that have message catalogs.
CATALOG_LANGUAGES: Final = ("en", "cs", "pl", "hu", "ja")
#: The catalog domains: the first segment of every reason code.
DOMAINS: Final = ("core", "billing", "roles", "support", "interop", "cli")

#: Formatting runs in this context so that the ambient one cannot change a digit.
_FORMAT: Final = _decimal.Context(prec=200, rounding=_decimal.ROUND_HALF_EVEN)

FormatType = Literal["standard", "accounting", "name"]
DateFormat = Literal["short", "medium", "long", "full"]


@functools.lru_cache(maxsize=128)
def _locale(name: str) -> Locale:
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - keep ``import cspcore`` cheap

    try:
        return Locale.parse(name.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise InvalidInput("locale", "not a locale known to CLDR", name) from None


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
        raise InvalidInput("format_type", "expected 'standard' or 'accounting'", format_type) from None
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
    # Fast path: a valid (locale, format type) pair seen before; anything else takes the checked path.
    try:
        prepared = _PREPARED.get((locale, format_type))
    except TypeError:  # an unhashable locale or format type: refused on the checked path below
        prepared = None
    if prepared is None or type(money) is not Money or type(rounding) is not Rounding:
        return _format_money_checked(money, locale=locale, format_type=format_type, rounding=rounding)
    patterns, loc = prepared
    # round() gives the table's minor units and never a negative zero; babel only lays the digits out.
    rounded = money.round(rounding)
    with _decimal.localcontext(_FORMAT):
        return str(
            patterns[minor_units(rounded.currency)].apply(
                rounded.amount, loc, currency=rounded.currency, currency_digits=False
            )
        )


#: The most decimals any ISO 4217 currency has (CLF and UYW have 4).
_MAX_DIGITS: Final = max(MINOR_UNITS.values())
#: (locale name, format type) → (its pattern for each number of decimals, Locale), for pairs already
#: validated: a memo of CLDR data.
_PREPARED: dict[tuple[str, str], tuple[tuple[NumberPattern, ...], Locale]] = {}


def _format_money_checked(money: Money, *, locale: str, format_type: str, rounding: Rounding) -> str:
    value = _validate.instance(money, Money, "money")
    name = _validate.text(locale, "locale", max_length=64)
    _validate.one_of(format_type, ("standard", "accounting", "name"), "format_type")
    if not isinstance(rounding, Rounding):
        raise InvalidInput("rounding", "expected a Rounding", rounding)
    rounded = value.round(rounding)
    digits = minor_units(value.currency)
    loc = _locale(name)
    with _decimal.localcontext(_FORMAT):
        if format_type == "name":
            from babel.numbers import format_currency  # noqa: PLC0415

            text = format_currency(
                rounded.amount,
                rounded.currency,
                format=_currency_pattern(name, format_type, digits),
                locale=loc,
                currency_digits=False,
                format_type="name",
            )
            return str(text)
        patterns = tuple(_currency_pattern(name, format_type, places) for places in range(_MAX_DIGITS + 1))
        if len(_PREPARED) < 4096:
            _PREPARED[name, format_type] = (patterns, loc)
        return str(
            patterns[digits].apply(rounded.amount, loc, currency=rounded.currency, currency_digits=False)
        )


def format_decimal(number: Decimal | int, *, locale: str) -> str:
    r"""Format a number with the locale's separators, keeping all its digits.

    >>> format_decimal(Decimal("12345.678"), locale="cs_CZ")
    '12\xa0345,678'
    """
    from babel.numbers import format_decimal as babel_format_decimal  # noqa: PLC0415

    value = _validate.decimal(number, "number")
    with _decimal.localcontext(_FORMAT):
        return str(babel_format_decimal(value, locale=locale_of(locale), decimal_quantization=False))


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
    from babel.dates import format_date as babel_format_date  # noqa: PLC0415

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
    from babel.dates import format_datetime as babel_format_datetime  # noqa: PLC0415

    value = _validate.aware_datetime(moment, "moment")
    return str(
        babel_format_datetime(
            value, format=_format_name(format), tzinfo=value.tzinfo, locale=locale_of(locale)
        )
    )


def _format_name(value: str) -> str:
    return _validate.one_of(value, ("short", "medium", "long", "full"), "format")


# -- message catalogs --------------------------------------------------------------------------


def _language(locale: str) -> str:
    language = str(locale_of(locale).language)
    return language if language in CATALOG_LANGUAGES else "en"


def messages(language: str, domain: str) -> Mapping[str, str]:
    """The message templates of one catalog, by message id (a reason code or a label id).

    Catalogs are gettext ``.po`` files shipped inside the package
    (``cspcore/i18n/locales/<language>/LC_MESSAGES/<domain>.po``, plus any ``<domain>-<part>.po``
    files, so that one area's messages can be split by module), parsed once with babel.

    >>> messages("en", "core")["core.money.currency_mismatch"]
    'Amounts in {left} and {right} cannot be combined without a conversion.'
    """
    return _messages(
        _validate.one_of(language, CATALOG_LANGUAGES, "language"), _validate.one_of(domain, DOMAINS, "domain")
    )


@functools.cache
def _messages(language: str, domain: str) -> Mapping[str, str]:
    from babel.messages.pofile import read_po  # noqa: PLC0415

    folder = resources.files(__package__).joinpath("locales", language, "LC_MESSAGES")
    found: dict[str, str] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name == f"{domain}.po" or (path.name.startswith(f"{domain}-") and path.name.endswith(".po")):
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language, domain=domain)
            found.update({str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy})
    return found


def placeholders(template: str) -> frozenset[str]:
    """The ``{name}`` placeholders of a template.

    >>> sorted(placeholders("{a} and {b}"))
    ['a', 'b']
    """
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


def label(member: Enum, *, locale: str) -> str:
    """A human label for an enum member, from the catalogs when they have one.

    Labels are the message ids ``label.<EnumClass>.<MEMBER>`` in the member's area's catalog.
    Without one, the member's value is shown.

    >>> from cspcore import Rounding
    >>> label(Rounding.HALF_UP, locale="cs_CZ")
    'zaokrouhlení polovin nahoru'
    """
    _validate.instance(member, Enum, "member")
    module = type(member).__module__.split(".")
    domain = module[1] if len(module) > 1 and module[1] in DOMAINS else "core"
    key = f"label.{type(member).__name__}.{member.name}"
    language = _language(locale)
    text = messages(language, domain).get(key) or messages("en", domain).get(key)
    return text if text is not None else str(member.value)


def _format_param(value: Any, locale: str) -> str:  # noqa: PLR0911 - one branch per kind of value
    if isinstance(value, Money):
        return format_money(value, locale=locale)
    if isinstance(value, dt.datetime):
        return format_datetime(value, locale=locale)
    if isinstance(value, dt.date):
        return format_date(value, locale=locale)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (Decimal, int)):
        return format_decimal(value, locale=locale)
    if isinstance(value, Enum):
        return label(value, locale=locale)
    if isinstance(value, tuple):
        from babel.lists import format_list  # noqa: PLC0415

        return str(format_list([_format_param(item, locale) for item in value], locale=locale_of(locale)))
    if value is None:
        return "-"
    return str(value)


def render(reason: Reason, *, locale: str) -> str:
    """Render a reason as a sentence in ``locale``.

    The template comes from the reason's domain catalog in the locale's language (English for
    languages without a catalog); each parameter is formatted for the locale (amounts, dates,
    numbers, lists, enum labels).

    >>> from cspcore import Money, Reason
    >>> reason = Reason(code="core.money.currency_mismatch", params={"left": "EUR", "right": "CZK"})
    >>> render(reason, locale="cs_CZ")
    'Částky v EUR a CZK nelze sčítat bez převodu měn.'
    """
    value = _validate.instance(reason, Reason, "reason")
    language = _language(locale)
    template = messages(language, value.domain).get(value.code) or messages("en", value.domain).get(
        value.code
    )
    if template is None:
        details = ", ".join(f"{k}={_format_param(v, locale)}" for k, v in value.params.items())
        return f"{value.code}({details})"
    params = {key: _format_param(param, locale) for key, param in value.params.items()}
    missing = placeholders(template) - params.keys()
    if missing:
        raise InvalidInput(
            "reason.params", f"missing for {value.code}: {', '.join(sorted(missing))}", value.params
        )
    return template.format_map(params)
