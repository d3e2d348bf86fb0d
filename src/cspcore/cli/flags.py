"""Flags and usage errors: a refused flag is one line on standard error and exit status 2."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from cspcore import InvalidInput, _validate
from cspcore.cli import words
from cspcore.cli.guidance import hint
from cspcore.cli.progress import paint
from cspcore.cli.safety import terminal_text
from cspcore.cli.words import DEFAULT_LOCALE, message
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable
    from decimal import Decimal

__all__ = ["USAGE_ERROR", "Parser", "error_line", "flag", "help_formatter", "iso_date", "tolerance"]

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
        """Report a usage error in one line on standard error and exit with :data:`USAGE_ERROR`."""
        see = words.message("cli.usage.see_help", locale=self.locale)  # `message` is argparse's here
        self.exit(USAGE_ERROR, error_line(f"{message} {see}", locale=self.locale))


def error_line(problem: str, *, locale: str = DEFAULT_LOCALE) -> str:
    """The one line on stderr that reports an error (whatever the problem holds, it stays one line).

    Its fixed part (``error``) is in ``locale``'s language; the problem is given already worded.
    """
    prefix = f"cspcore: {message('cli.error.prefix', locale=locale)}:"
    return f"{paint(prefix, 'red', sys.stderr)} {terminal_text(problem)}\n"


def flag(check: Callable[[str], T], name: str) -> Callable[[str], T]:
    """An argparse ``type=`` from a check that raises InvalidInput: a refusal is a one-line usage error."""

    def convert(text: str) -> T:
        try:
            return check(text)
        except InvalidInput as error:
            raise argparse.ArgumentTypeError(
                f"{error.problem} (got {text!r}){hint(error, locale='en_US')}"
            ) from None

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


def tolerance(text: str) -> Decimal:
    """A non-negative decimal given as ``--tolerance``."""
    return _validate.decimal(text, "tolerance", allow_negative=False)
