r"""Message catalogs: reasons and labels as sentences, through ``babel.support.Translations``.

The messages are gettext ``.po`` catalogs shipped inside the package, one folder per language
(:data:`CATALOG_LANGUAGES`) and one catalog per domain (:data:`DOMAINS`, the first segment of a
reason code): ``cspcore/i18n/locales/<language>/LC_MESSAGES/<domain>.po``, plus any
``<domain>-<part>.po`` files, so that one area's messages can be split by module. A message id is a
reason code (``billing.cancel.full_refund``) or a label id (``label.<EnumClass>.<MEMBER>``); a
message text is a template with ``{name}`` placeholders, one per parameter.

On first use, each part is parsed, compiled in memory with babel's ``write_mo`` and loaded as a
:class:`babel.support.Translations` for its domain; the parts of a domain are merged into one, and
English is its fallback, so a message a catalog lacks is shown in English. The ``.po`` files are the
only source: no compiled ``.mo`` file is kept beside them to fall out of step.

**Plural forms.** A message whose wording depends on a number (days, hours, seats, invoices) is a
plural entry (``msgid_plural`` and one ``msgstr[i]`` per form of the language's ``Plural-Forms``
header, which is babel's rule for the language: English and Hungarian have 2 forms, Czech and
Polish 3, Japanese 1). Its ``msgctxt`` names the parameter whose value picks the form; the template
is then chosen with ``npgettext(msgctxt, code, code, value)``. That value must be a whole number
(an ``int``, or a ``Decimal`` without a fraction); its sign does not matter. Every form keeps every
placeholder, the number included. A message with two numbers picks its form by the one the sentence
turns on and words the other so that it needs no agreement (``overdue invoices: {count}``).

>>> from cspcore import Reason
>>> for days in (1, 2, 5, 22):
...     reason = Reason(
...         code="roles.gdap.expiry_notice", params={"customer": "c1", "end": "1.7.", "days": days}
...     )
...     print(render(reason, locale="pl_PL"))
Relacja GDAP z klientem c1 wygasa 1.7., czyli za 1 dzień.
Relacja GDAP z klientem c1 wygasa 1.7., czyli za 2 dni.
Relacja GDAP z klientem c1 wygasa 1.7., czyli za 5 dni.
Relacja GDAP z klientem c1 wygasa 1.7., czyli za 22 dni.

To add a message, add its entry to the English catalog of its domain and then to the four others
(the tests check that every catalog has the same ids, forms and placeholders). To add a language,
copy the English folder, give it the ``Plural-Forms`` header of
``babel.messages.plurals.get_plural(<language>)``, translate every entry, and add the language to
:data:`CATALOG_LANGUAGES`.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import string
import types
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from io import BytesIO
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _validate
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.i18n.formatting import (
    format_amount,
    format_date,
    format_datetime,
    format_decimal,
    format_money,
    locale_of,
)
from cspcore.money import Money

# LAZY: babel (about 35 ms) and importlib.resources (about 20 ms, with zipfile) are imported inside the
# functions that load a catalog or format a list, not here: together they cost more than the rest of
# ``import cspcore``, which loads this module through cspcore.explain, so they wait for the first
# rendering. These in-function imports break no import cycle: neither imports cspcore.
if TYPE_CHECKING:
    from cspcore.explain import Reason

__all__ = [
    "CATALOG_LANGUAGES",
    "DOMAINS",
    "SUPPORTED_LOCALES",
    "LocaleChoice",
    "label",
    "messages",
    "placeholders",
    "render",
    "resolve_locale",
]

#: The five locales of cspcore's source documents, each with a full message catalog.
SUPPORTED_LOCALES: Final = ("en_US", "cs_CZ", "pl_PL", "hu_HU", "ja_JP")
#: The languages that have message catalogs.
CATALOG_LANGUAGES: Final = ("en", "cs", "pl", "hu", "ja")
#: The catalog domains: the first segment of every reason code.
DOMAINS: Final = ("core", "billing", "roles", "support", "interop", "cli")


@attrs.frozen
class _Catalog:
    """One language's catalog of one domain, loaded."""

    #: Renders the messages; falls back to the English catalog of the domain.
    translations: gettext.GNUTranslations
    #: Message id → its template (for a plural entry, its last form: the general plural).
    templates: Mapping[str, str]
    #: Message id → the parameter that picks the form, for the plural entries.
    counts: Mapping[str, str]


@functools.cache
def _catalog(language: str, domain: str) -> _Catalog:
    from importlib import resources  # noqa: PLC0415 - lazy (see LAZY)

    from babel.messages.mofile import write_mo  # noqa: PLC0415 - lazy (see LAZY)
    from babel.messages.pofile import read_po  # noqa: PLC0415 - lazy (see LAZY)
    from babel.support import Translations  # noqa: PLC0415 - lazy (see LAZY)

    folder = resources.files(__package__).joinpath("locales", language, "LC_MESSAGES")
    translations = None  # the first part's, which brings its Plural-Forms rule; the others merge into it
    templates: dict[str, str] = {}
    counts: dict[str, str] = {}
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        name = path.name
        if name != f"{domain}.po" and not (name.startswith(f"{domain}-") and name.endswith(".po")):
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language, domain=domain)
        for message in list(catalog)[1:]:  # the first is the header
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy or not all(forms):  # left out: shown in English
                catalog.delete(message.id, context=message.context)
                continue
            code = str(message.id[0] if isinstance(message.id, tuple) else message.id)
            templates[code] = str(forms[-1])
            if message.pluralizable and message.context:
                counts[code] = str(message.context)
        compiled = BytesIO()
        write_mo(compiled, catalog)
        compiled.seek(0)
        part = Translations(compiled, domain=domain)
        translations = part if translations is None else translations.merge(part)
    if translations is None:  # no part for this domain: every message falls back to English
        translations = Translations(domain=domain)
    if language != "en":
        translations.add_fallback(_catalog("en", domain).translations)
    return _Catalog(
        translations=translations,
        templates=types.MappingProxyType(templates),
        counts=types.MappingProxyType(counts),
    )


def _language(locale: str) -> str:
    language = str(locale_of(locale).language)
    return language if language in CATALOG_LANGUAGES else "en"


def _name(value: object, field: str) -> str:
    return _validate.text(value, field, max_length=64)


def _catalog_language(value: object, field: str) -> str:
    return _validate.one_of(value, CATALOG_LANGUAGES, field)


@attrs.frozen(kw_only=True)
class LocaleChoice:
    """What a locale gives: the language of the messages and the locale of the numbers and dates.

    Built by :func:`resolve_locale`.
    """

    #: The locale asked for, as given (``de_DE``).
    requested: str = attrs.field(converter=_validate.plain_text, validator=_validate.attrs_validator(_name))
    #: The locale that formats numbers, amounts and dates: always the one asked for, normalized
    #: (``de-DE`` becomes ``de_DE``).
    formats: str = attrs.field(converter=_validate.plain_text, validator=_validate.attrs_validator(_name))
    #: The catalog language the messages are in (one of :data:`CATALOG_LANGUAGES`).
    language: str = attrs.field(validator=_validate.attrs_validator(_catalog_language))
    #: Whether the locale's own language has no catalog, so that the messages are in English.
    fallback: bool = attrs.field(validator=_validate.attrs_validator(_validate.flag))

    @property
    def catalog_languages(self) -> tuple[str, ...]:
        """The languages that have catalogs, sorted: what a user may choose to read messages in."""
        return tuple(sorted(CATALOG_LANGUAGES))


def resolve_locale(name: str) -> LocaleChoice:
    """Say which language the messages of locale ``name`` are in, and whether that is a fallback.

    Numbers, amounts and dates follow any CLDR locale; messages exist in the languages of
    :data:`CATALOG_LANGUAGES` only. A locale whose language has no catalog gets English messages
    (``fallback`` is then true) and keeps its own number and date formats. An unknown locale is
    refused with :class:`~cspcore.errors.InvalidInput` (``field="locale"``).

    >>> resolve_locale("de_DE")
    LocaleChoice(requested='de_DE', formats='de_DE', language='en', fallback=True)
    >>> resolve_locale("cs-CZ").language, resolve_locale("cs-CZ").fallback
    ('cs', False)
    >>> resolve_locale("de_DE").catalog_languages
    ('cs', 'en', 'hu', 'ja', 'pl')
    """
    parsed = locale_of(name)
    used = _language(name)
    return LocaleChoice(requested=name, formats=str(parsed), language=used, fallback=used != parsed.language)


def messages(language: str, domain: str) -> Mapping[str, str]:
    """The message templates of one catalog, by message id (a reason code or a label id).

    A plural entry is given by its last form, the general plural (``{days} days``); :func:`render`
    picks the form that fits the number.

    >>> messages("en", "core")["core.money.currency_mismatch"]
    'Amounts in {left} and {right} cannot be combined without a conversion.'
    >>> messages("cs", "roles")["roles.gdap.expiry_notice"]
    'Vztah GDAP se zákazníkem {customer} vyprší {end}, tedy za {days} dní.'
    """
    return _catalog(
        _validate.one_of(language, CATALOG_LANGUAGES, "language"), _validate.one_of(domain, DOMAINS, "domain")
    ).templates


def placeholders(template: str) -> frozenset[str]:
    """The ``{name}`` placeholders of a template.

    >>> sorted(placeholders("{a} and {b}"))
    ['a', 'b']
    """
    text = _validate.text(template, "template", allow_empty=True)
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


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
    catalog = _catalog(_language(locale), domain)
    if key in catalog.templates or key in _catalog("en", domain).templates:
        return str(catalog.translations.gettext(key))
    return str(member.value)


def _format_params(params: Mapping[str, Any], locale: str) -> dict[str, str]:
    """Each parameter formatted for ``locale``; a refusal names the parameter (``reason.params.days``)."""
    found: dict[str, str] = {}
    for key, param in params.items():
        found[key] = _format_param(param, locale, f"reason.params.{key}")
    return found


def _format_param(value: Any, locale: str, field: str) -> str:
    """One parameter formatted for ``locale`` (the locale is known good); a refusal names ``field``."""
    try:
        return _formatted(value, locale, field)
    except InvalidInput as error:
        if error.field.startswith(f"{field}["):  # an item of a tuple, named already
            raise
        raise error.renamed(field) from None


def _formatted(value: Any, locale: str, field: str) -> str:  # noqa: PLR0911 - one branch per kind of value
    if isinstance(value, Money):  # finer than the currency's minor unit: every digit, never rounded
        return (
            format_money(value, locale=locale)
            if value.round() == value
            else format_amount(value, locale=locale)
        )
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
        from babel.lists import format_list  # noqa: PLC0415 - lazy (see LAZY)

        items = [_format_param(item, locale, f"{field}[{index}]") for index, item in enumerate(value)]
        return str(format_list(items, locale=locale_of(locale)))
    if value is None:
        return "-"
    return str(value)


def _count(params: Mapping[str, Any], name: str, code: str) -> int:
    """The whole number in parameter ``name`` that picks a plural form (its magnitude: -1 reads as 1)."""
    if name not in params:
        raise InvalidInput("reason.params", f"missing for {code}: {name}", params, code=ErrorCode.MISSING)
    value = params[name]
    if type(value) is int or isinstance(value, Decimal):
        # Bounded as every number cspcore formats (10**30 either way), so int() below is cheap.
        number = _validate.decimal(value, f"reason.params.{name}")
        if number == number.to_integral_value():
            return abs(int(number))
    raise InvalidInput(
        f"reason.params.{name}",
        f"picks the plural form of {code}, so must be a whole number",
        value,
        code=ErrorCode.WRONG_TYPE,
    )


def _render(code: str, params: Mapping[str, Any], locale: str) -> str:
    """The sentence for ``code`` with ``params`` in ``locale``: the engine behind :func:`render`."""
    domain = _validate.one_of(code.split(".", 1)[0], DOMAINS, "domain")
    catalog = _catalog(_language(locale), domain)
    english = _catalog("en", domain)
    owner = catalog if code in catalog.templates else english
    if code not in owner.templates:
        details = ", ".join(f"{k}={v}" for k, v in _format_params(params, locale).items())
        return f"{code}({details})"
    count = owner.counts.get(code)
    if count is None:
        template = str(catalog.translations.gettext(code))
    else:
        template = str(catalog.translations.npgettext(count, code, code, _count(params, count, code)))
    missing = placeholders(template) - params.keys()
    if missing:
        raise InvalidInput(
            "reason.params",
            f"missing for {code}: {', '.join(sorted(missing))}",
            params,
            code=ErrorCode.MISSING,
        )
    return template.format_map(_format_params(params, locale))


def render(reason: Reason, *, locale: str) -> str:
    """Render a reason as a sentence in ``locale``.

    The template comes from the reason's domain catalog in the locale's language (English for
    languages without a catalog), in the plural form that fits the reason's number if it has one; each
    parameter is formatted for the locale (amounts, dates, numbers, lists, enum labels). A code
    without a message is shown as itself with its parameters.

    Any value with a string ``code`` and a mapping of ``params`` is rendered as a
    :class:`~cspcore.explain.Reason` is (this module does not import :mod:`cspcore.explain`, which
    renders through it).

    >>> from cspcore import Money, Reason
    >>> reason = Reason(code="core.money.currency_mismatch", params={"left": "EUR", "right": "CZK"})
    >>> render(reason, locale="cs_CZ")
    'Částky v EUR a CZK nelze sčítat bez převodu měn.'
    >>> render(
    ...     Reason(code="support.route.initial_response", params={"severity": "A", "hours": 1}),
    ...     locale="en_US",
    ... )
    "Microsoft's initial response for severity A is 1 hour (English-language break-fix support)."
    """
    code = getattr(reason, "code", None)
    params = getattr(reason, "params", None)
    if not isinstance(code, str) or not isinstance(params, Mapping):
        raise InvalidInput("reason", "expected a Reason", reason, code=ErrorCode.WRONG_TYPE)
    return _render(code, params, locale)
