r"""Locale-aware formatting and the rendering of reasons, in cspcore's five locales and beyond.

cspcore speaks the languages of its source documents: English, Czech, Polish, Hungarian and
Japanese (:data:`SUPPORTED_LOCALES`). Formatting works for any CLDR locale
(:mod:`cspcore.i18n.formatting`); reason messages come from gettext catalogs in the five languages,
with plural forms, and fall back to English for any other language (:mod:`cspcore.i18n.catalogs`).
This package gathers both.

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

# The names in __all__ are the package's public API; the others are re-exported for the callers that
# already import them from here (each module's own __all__ lists them).
from cspcore.i18n.catalogs import (
    CATALOG_LANGUAGES,
    SUPPORTED_LOCALES,
    LocaleChoice,
    label,
    messages,
    render,
    resolve_locale,
)
from cspcore.i18n.catalogs import DOMAINS as DOMAINS
from cspcore.i18n.catalogs import placeholders as placeholders
from cspcore.i18n.formatting import DateFormat as DateFormat
from cspcore.i18n.formatting import FormatType as FormatType
from cspcore.i18n.formatting import (
    format_amount,
    format_date,
    format_datetime,
    format_decimal,
    format_money,
    format_percent,
)
from cspcore.i18n.formatting import locale_of as locale_of

__all__ = [
    "CATALOG_LANGUAGES",
    "SUPPORTED_LOCALES",
    "LocaleChoice",
    "format_amount",
    "format_date",
    "format_datetime",
    "format_decimal",
    "format_money",
    "format_percent",
    "label",
    "messages",
    "render",
    "resolve_locale",
]
