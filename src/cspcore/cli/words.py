"""The shell's own sentences in the user's language: ``--locale``, the fallback note, :func:`message`.

Every command takes ``--locale``. Its messages come from the ``cli`` catalog domain
(``cspcore/i18n/locales/<language>/LC_MESSAGES/cli.po``) through :func:`message`; numbers, amounts
and dates in them are formatted for the locale. A locale whose language has no catalog (``de_DE``)
is accepted: the messages are in English, the numbers and dates follow the locale, and
:func:`announce` says so in one line on standard error. A name CLDR does not know is a usage error
that names the flag.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Final

from cspcore.cli.guidance import hint
from cspcore.errors import CspError, InvalidInput
from cspcore.explain import Reason
from cspcore.i18n import SUPPORTED_LOCALES, label, locale_of, render, resolve_locale

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence
    from typing import TextIO

__all__ = [
    "DEFAULT_LOCALE",
    "WordedInput",
    "add_locale",
    "announce",
    "error_text",
    "flag_refusal",
    "message",
    "requested_locale",
]

#: The locale of a command run without ``--locale``.
DEFAULT_LOCALE: Final = "en_US"


def message(code: str, *, locale: str, **params: object) -> str:
    """The ``cli`` catalog's message ``code`` in ``locale``, its parameters formatted for the locale.

    >>> message("cli.demo.ledger.title", locale="cs_CZ", date="20. 3. 2024", policy="standard")
    'Stav vymáhání pohledávek k 20. 3. 2024 (politika: standard)'
    """
    return render(Reason(code=code, params=params), locale=locale)


def flag_refusal(error: InvalidInput, text: str, *, locale: str) -> str:
    """What a usage error says of a flag's value ``text`` that a check refused, in ``locale``'s language.

    argparse puts it after the flag's name (``argument --start:``, worded for the locale by
    :class:`~cspcore.cli.flags.Parser`). In English, the check's own words, the value and the
    suggestion; in a translated language, the kind of refusal (its :class:`~cspcore.errors.ErrorCode`,
    translated, or the words of a :class:`WordedInput`), the value as given and the suggestion.

    >>> from cspcore.errors import ErrorCode
    >>> error = InvalidInput("date", "not an ISO date", "2024-13-01", code=ErrorCode.MALFORMED)
    >>> flag_refusal(error, "2024-13-01", locale="en_US")
    "not an ISO date (got '2024-13-01')"
    >>> flag_refusal(error, "2024-13-01", locale="pl_PL")
    "nieprawidłowy format ('2024-13-01')"
    """
    if _english(locale):
        return f"{error.problem} (got {text!r}){hint(error, locale=locale)}"
    kind = error.problem if isinstance(error, WordedInput) else label(error.code, locale=locale)
    return message("cli.usage.refused_value", locale=locale, kind=kind, value=repr(text)) + hint(
        error, locale=locale
    )


def _locale_flag(locale: str) -> Callable[[str], str]:
    """An argparse ``type=`` for ``--locale``: a locale CLDR knows, as written (refused in ``locale``)."""

    def convert(text: str) -> str:
        try:
            locale_of(text)
        except InvalidInput as error:
            raise argparse.ArgumentTypeError(flag_refusal(error, text, locale=locale)) from None
        return text

    convert.__name__ = "locale"
    return convert


def add_locale(parser: argparse.ArgumentParser, *, purpose: str, locale: str = DEFAULT_LOCALE) -> None:
    """Add ``--locale`` to a command; ``purpose`` says what it changes (``language of the report``).

    Its help is in ``locale``'s language (``purpose`` is given already worded in it).
    """
    parser.add_argument(
        "--locale",
        type=_locale_flag(locale),
        default=DEFAULT_LOCALE,
        help=message(
            "cli.help.locale",
            locale=locale,
            purpose=purpose,
            locales=", ".join(SUPPORTED_LOCALES),
            default=DEFAULT_LOCALE,
        ),
    )


def requested_locale(argv: Sequence[str]) -> str:
    """The locale that ``--locale X`` or ``--locale=X`` asks for in ``argv`` (the last one given).

    A name CLDR does not know, or none given, is :data:`DEFAULT_LOCALE` (the parser then reports
    the unknown name as usual). The help is worded in this locale before the arguments are parsed.

    >>> (
    ...     requested_locale(["rate", "--help", "--locale", "hu_HU"]),
    ...     requested_locale(["demo", "--locale=ja_JP"]),
    ... )
    ('hu_HU', 'ja_JP')
    >>> requested_locale(["demo", "--locale", "xx_YY"]), requested_locale(["demo", "--locale"])
    ('en_US', 'en_US')
    """
    found = DEFAULT_LOCALE
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--locale" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--locale="):
            found = arg.removeprefix("--locale=")
    try:
        locale_of(found)
    except InvalidInput:
        return DEFAULT_LOCALE
    return found


def _english(locale: str) -> bool:
    """Whether the messages of ``locale`` are in English (its own language, or the fallback)."""
    return resolve_locale(locale).language == "en"


class WordedInput(InvalidInput):
    """A refusal the command has worded itself, already in the user's language (said as it is)."""


def error_text(error: CspError, *, locale: str) -> str:
    """What the one-line error says of ``error``, in ``locale``'s language.

    In English, the error's own words. In a translated language, a refused input is told by its
    field (a path in the file or a flag: data), the kind of refusal (its :class:`~cspcore.errors.ErrorCode`,
    translated) and the value as given; the English detail is left out, and a program reads the
    field and the code either way. A refusal the command worded itself (:class:`WordedInput`) keeps
    its words, already said in the locale, with the value shown as the locale shows one; a refusal of
    a rule keeps its message.

    >>> from cspcore.errors import ErrorCode
    >>> error = InvalidInput("events[1].quantity", "must be positive", 0, code=ErrorCode.OUT_OF_RANGE)
    >>> error_text(error, locale="cs_CZ")
    'events[1].quantity: mimo povolený rozsah (0)'
    >>> error_text(error, locale="en_US")
    'events[1].quantity: must be positive (got 0)'
    """
    if _english(locale) or not isinstance(error, InvalidInput):
        return str(error)
    kind = error.problem if isinstance(error, WordedInput) else label(error.code, locale=locale)
    if error.shown_value is None:
        return message("cli.error.refused", locale=locale, field=error.field, kind=kind)
    return message(
        "cli.error.refused_value", locale=locale, field=error.field, kind=kind, value=error.shown_value
    )


def announce(locale: str, *, stream: TextIO | None = None) -> None:
    r"""When ``locale`` has no translation, say so in one line on ``stream`` (standard error).

    The line names the locale, the language the messages are in instead, and the languages that
    have translations; nothing is written for a locale with a catalog.

    >>> import io
    >>> err = io.StringIO()
    >>> announce("de_DE", stream=err)
    >>> for part in err.getvalue().split("; "):
    ...     print(part)
    No translation for de_DE: messages in English, numbers and dates as in de_DE
    translated languages: cs, en, hu, ja, pl.
    <BLANKLINE>
    >>> announce("pl_PL", stream=err)
    >>> err.getvalue().count("\n")
    1
    """
    choice = resolve_locale(locale)
    if not choice.fallback:
        return
    language = str(locale_of(choice.language).get_display_name(choice.language))
    line = message(
        "cli.locale.fallback",
        locale=locale,
        requested=locale,
        language=language,
        languages=", ".join(choice.catalog_languages),
    )
    (stream if stream is not None else sys.stderr).write(line + "\n")
