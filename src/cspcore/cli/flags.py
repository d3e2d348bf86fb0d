"""Flags and usage errors: a refused flag is one line on standard error and exit status 2."""

from __future__ import annotations

import argparse
import ast
import datetime as dt
import functools
import inspect
import re
import sys
from typing import TYPE_CHECKING, Any, Final, NoReturn, TypeVar

from cspcore import InvalidInput, _validate
from cspcore.cli import words
from cspcore.cli.progress import paint
from cspcore.cli.safety import terminal_text
from cspcore.cli.words import DEFAULT_LOCALE, message
from cspcore.errors import ErrorCode
from cspcore.i18n import messages, placeholders, resolve_locale

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

__all__ = [
    "USAGE_ERROR",
    "Parser",
    "error_line",
    "flag",
    "help_formatter",
    "iso_date",
    "tolerance",
    "usage_text",
    "whole_number",
]

T = TypeVar("T")

#: Exit status for usage errors and refused input.
USAGE_ERROR = 2


def help_formatter(
    locale: str, base: type[argparse.HelpFormatter] = argparse.HelpFormatter
) -> type[argparse.HelpFormatter]:
    r"""A help formatter like ``base`` whose usage line starts with ``usage`` in ``locale``'s language.

    >>> parser = argparse.ArgumentParser(prog="cspcore", formatter_class=help_formatter("pl_PL"))
    >>> parser.format_usage()
    'użycie: cspcore [-h]\n'
    """
    usage_prefix = f"{message('cli.help.usage', locale=locale)}: "

    class Formatter(base):  # type: ignore[valid-type,misc]  # a class built for the locale
        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, prefix if prefix is not None else usage_prefix)

    return Formatter


class Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, not a usage dump, and whose help speaks ``locale``.

    Its help's fixed words (the usage prefix, the headings of the arguments and options, the help of
    ``-h``) are the ``cli`` catalog's ``cli.help.*`` entries in ``locale``'s language.

    >>> parser = Parser(prog="cspcore", locale="cs_CZ")
    >>> print(parser.format_help().strip())
    použití: cspcore [-h]
    <BLANKLINE>
    volby:
      -h, --help  zobrazit tuto nápovědu a skončit
    """

    #: Writes the epilog when the help is shown, so that a long reference costs nothing otherwise.
    epilog_of: Callable[[], str] | None = None

    def __init__(self, *args: Any, locale: str = DEFAULT_LOCALE, **kwargs: Any) -> None:
        kwargs["formatter_class"] = help_formatter(
            locale, kwargs.get("formatter_class", argparse.HelpFormatter)
        )
        kwargs["add_help"] = False
        self.locale = locale
        #: The headings of the two groups argparse's constructor makes, in its order: the positional
        #: arguments, then the options (taken by :meth:`add_argument_group` while it runs).
        self._headings = [
            message("cli.help.positionals", locale=locale),
            message("cli.help.options", locale=locale),
        ]
        super().__init__(*args, **kwargs)
        self._headings = []
        self.add_argument("-h", "--help", action="help", help=message("cli.help.help", locale=locale))

    def add_argument_group(self, *args: Any, **kwargs: Any) -> Any:
        """A group of arguments; those argparse makes for itself are headed in the parser's locale."""
        if self._headings:
            args = (self._headings.pop(0), *args[1:])
            kwargs.pop("title", None)
        return super().add_argument_group(*args, **kwargs)

    def format_help(self) -> str:
        """The help, with the epilog written (by :attr:`epilog_of`) on first use."""
        if self.epilog is None and self.epilog_of is not None:
            self.epilog = self.epilog_of()
        return super().format_help()

    def error(self, message: str) -> NoReturn:
        """Report a usage error in one line on standard error and exit with :data:`USAGE_ERROR`.

        argparse's own sentence (``the following arguments are required: ...``) is worded in the
        parser's locale (:func:`usage_text`).
        """
        said = usage_text(message, locale=self.locale)
        see = words.message("cli.usage.see_help", locale=self.locale)  # `message` is argparse's here
        self.exit(USAGE_ERROR, error_line(f"{said} {see}", locale=self.locale))


def error_line(problem: str, *, locale: str = DEFAULT_LOCALE) -> str:
    """The one line on stderr that reports an error (whatever the problem holds, it stays one line).

    Its fixed part (``error``) is in ``locale``'s language; the problem is given already worded.
    """
    prefix = f"cspcore: {message('cli.error.prefix', locale=locale)}:"
    return f"{paint(prefix, 'red', sys.stderr)} {terminal_text(problem)}\n"


#: The argparse messages a user can meet, worded in the user's language: for each, the words its
#: template starts with (the same from Python 3.2 to 3.14), the ``cli`` catalog entry that words it, and
#: the names given to the template's unnamed placeholders (``%s``, ``%r``). The rest of each template is
#: read from the running argparse (:func:`_argparse_templates`), so that its wording and quoting are
#: those of the Python in use; a template is taken for an entry only when its placeholders give every
#: value the entry says. The more specific starts come first.
_ARGPARSE_MESSAGES: Final = (
    ("argument ", "cli.usage.argument", ()),
    ("invalid choice", "cli.usage.invalid_choice", ()),
    ("invalid ", "cli.usage.invalid_type", ()),
    ("the following arguments are required", "cli.usage.required", ("arguments",)),
    ("unrecognized arguments", "cli.usage.unrecognized", ("arguments",)),
    ("expected one argument", "cli.usage.expected_one", ()),
    ("expected at most one argument", "cli.usage.expected_at_most_one", ()),
    ("expected at least one argument", "cli.usage.expected_at_least_one", ()),
    ("expected ", "cli.usage.expected", ("count",)),
    ("ambiguous option", "cli.usage.ambiguous", ()),
    ("not allowed with argument", "cli.usage.not_allowed_with", ("argument",)),
    ("ignored explicit argument", "cli.usage.ignored_explicit", ("value",)),
    ("one of the arguments", "cli.usage.one_required", ("arguments",)),
)
#: A %-placeholder of an argparse template (``%(name)s``, ``%(name)r``, ``%s``, ``%r``, ``%d``), or ``%%``.
_PLACEHOLDER = re.compile(r"%(?:\((?P<name>\w+)\))?[srd]|%%")
#: The gettext calls argparse words its messages with: ``_(text)`` and ``ngettext(one, many, n)``.
_GETTEXT = frozenset({"_", "ngettext"})


def _argparse_texts() -> list[str]:
    """The message templates of the running argparse: the texts it passes to gettext, in its order.

    Read from its source; without one (a standard library shipped compiled), there are none, and
    argparse's messages stay as it words them.
    """
    try:
        tree = ast.parse(inspect.getsource(argparse))
    except (OSError, TypeError, SyntaxError):
        return []
    return [
        argument.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _GETTEXT
        for argument in node.args
        if isinstance(argument, ast.Constant) and isinstance(argument.value, str)
    ]


def _pattern(template: str, unnamed: tuple[str, ...]) -> tuple[re.Pattern[str], frozenset[str]] | None:
    """A pattern matching what ``template`` words, capturing its values by name; None if it cannot."""
    parts: list[str] = []
    names: list[str] = []
    spare = iter(unnamed)
    end = 0
    for found in _PLACEHOLDER.finditer(template):
        parts.append(re.escape(template[end : found.start()]))
        end = found.end()
        if found.group() == "%%":
            parts.append("%")
            continue
        name = found["name"] or next(spare, None)
        if name is None or name in names:
            return None
        names.append(name)
        parts.append(f"(?P<{name}>.*?)")
    parts.append(re.escape(template[end:]))
    if next(spare, None) is not None:  # fewer values than the entry's names for them
        return None
    return re.compile("".join(parts), re.DOTALL), frozenset(names)


@functools.cache
def _argparse_templates() -> tuple[tuple[re.Pattern[str], str], ...]:
    """Each argparse template the catalog words, as a pattern, with its catalog entry (read once)."""
    english = messages("en", "cli")
    texts = _argparse_texts()
    found = []
    for start, code, unnamed in _ARGPARSE_MESSAGES:
        for text in texts:
            pattern = _pattern(text, unnamed) if text.startswith(start) else None
            if pattern is not None and placeholders(english[code]) <= pattern[1]:
                found.append((pattern[0], code))
    return tuple(found)


def usage_text(said: str, *, locale: str) -> str:
    """The sentence ``said`` of argparse in ``locale``'s language, its values (flags, text given) as given.

    A sentence argparse words from one of its templates (``argument --seed: expected one argument``)
    is the ``cli`` catalog's ``cli.usage.*`` entry for that template, its values kept as data; the
    message inside ``argument X: ...`` is worded the same way. In English, or for a sentence no
    template words (a flag refusal, already worded by :func:`flag`), ``said`` is returned as it is.

    >>> usage_text("argument --seed: expected one argument", locale="hu_HU")
    '--seed: egy értéket vár'
    >>> usage_text("the following arguments are required: ACTUAL.csv", locale="pl_PL")
    'brak wymaganych argumentów: ACTUAL.csv'
    >>> usage_text("unrecognized arguments: --x", locale="en_US")
    'unrecognized arguments: --x'
    """
    if resolve_locale(locale).language == "en":
        return said
    for pattern, code in _argparse_templates():
        found = pattern.fullmatch(said)
        if found is None:
            continue
        params: dict[str, object] = dict(found.groupdict())
        if "message" in params:  # the message argparse puts after the flag's name
            params["message"] = usage_text(found["message"], locale=locale)
        count = params.get("count")
        if isinstance(count, str) and count.isdigit():  # the number that picks a plural form
            params["count"] = int(count)
        return message(code, locale=locale, **params)
    return said


def flag(check: Callable[[str], T], name: str, *, locale: str = DEFAULT_LOCALE) -> Callable[[str], T]:
    """An argparse ``type=`` from a check that raises InvalidInput: a refusal is a one-line usage error.

    The refusal is worded in ``locale``'s language (:func:`~cspcore.cli.words.flag_refusal`): the
    command gives the locale its help is worded in, which is the one ``--locale`` asks for.

    >>> import contextlib, io
    >>> parser = Parser(prog="cspcore", locale="cs_CZ")
    >>> _ = parser.add_argument("--start", type=flag(iso_date, "date", locale="cs_CZ"))
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err), contextlib.suppress(SystemExit):
    ...     parser.parse_args(["--start", "2024-13-01"])
    >>> print(err.getvalue().strip())
    cspcore: chyba: --start: chybný formát ('2024-13-01') (viz 'cspcore --help')
    """

    def convert(text: str) -> T:
        try:
            return check(text)
        except InvalidInput as error:
            raise argparse.ArgumentTypeError(words.flag_refusal(error, text, locale=locale)) from None

    convert.__name__ = name
    return convert


def iso_date(text: str) -> dt.date:
    """An ISO date (``2024-01-31``) given as a flag."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            "date", "not an ISO date such as 2024-01-31", text, code=ErrorCode.MALFORMED
        ) from None


def whole_number(text: str) -> int:
    """A whole number (``2024``, ``-3``) given as a flag.

    >>> whole_number("50")
    50
    """
    try:
        return int(text.strip(), 10)
    except ValueError:
        raise InvalidInput("number", "not a whole number", text, code=ErrorCode.NOT_A_NUMBER) from None


def tolerance(text: str) -> Decimal:
    """A non-negative decimal given as ``--tolerance``."""
    return _validate.decimal(text, "tolerance", allow_negative=False)
