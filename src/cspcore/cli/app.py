"""The ``cspcore`` command: its parser and :func:`main`, which runs one command and returns its status."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Final

from cspcore import CspError, __version__
from cspcore.cli import demos, explain, rate, reconcile, whatif
from cspcore.cli.flags import USAGE_ERROR, Parser, error_line
from cspcore.cli.guidance import hint
from cspcore.cli.words import DEFAULT_LOCALE, error_text, message, requested_locale

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

__all__ = ["build_parser", "main"]

#: Each command: its name, its one-line help in English (the ``cli.help.command.*`` entry words it in
#: the user's language), the function adding its arguments, the function running it.
_COMMANDS: Final[
    tuple[
        tuple[str, str, Callable[..., None], Callable[[argparse.Namespace], int]],
        ...,
    ]
] = (
    ("demo", demos.HELP, demos.add_arguments, demos.run),
    ("whatif", whatif.HELP, whatif.add_arguments, whatif.run),
    ("rate", rate.HELP, rate.add_arguments, rate.run),
    ("reconcile", reconcile.HELP, reconcile.add_arguments, reconcile.run),
    ("explain-charge", explain.HELP, explain.add_arguments, explain.run),
)


def build_parser(*, locale: str = DEFAULT_LOCALE) -> argparse.ArgumentParser:
    """The argument parser for the ``cspcore`` command, its help in ``locale``'s language.

    >>> print(build_parser(locale="hu_HU").format_usage().strip())
    használat: cspcore [-h] [--version] COMMAND ...
    """
    parser = Parser(prog="cspcore", description=message("cli.help.description", locale=locale), locale=locale)
    parser.add_argument(
        "--version",
        action="version",
        version=f"cspcore {__version__}",
        help=message("cli.help.version", locale=locale),
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name, _, add_arguments, _ in _COMMANDS:
        said = message(f"cli.help.command.{name.replace('-', '_')}", locale=locale)
        add_arguments(commands.add_parser(name, help=said, locale=locale), locale=locale)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 done, 1 files differ, 2 refused input or flags)."""
    parser = build_parser(locale=requested_locale(sys.argv[1:] if argv is None else argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version, or a usage error already reported in one line
        return stop.code if isinstance(stop.code, int) else USAGE_ERROR
    command = next((run for name, _, _, run in _COMMANDS if name == args.command), None)
    if command is None:
        parser.print_help()
        return USAGE_ERROR
    locale = getattr(args, "locale", DEFAULT_LOCALE)  # parsed and checked by then
    try:
        return command(args)
    except BrokenPipeError:  # the reader went away (| head): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except CspError as error:  # InvalidInput and every refusal of a rule
        said = error_text(error, locale=locale)
        suggestion = hint(error, locale=locale)
        if suggestion.removeprefix("; ") in said:  # the library's English already suggests it
            suggestion = ""
        sys.stderr.write(error_line(said + suggestion, locale=locale))
        return USAGE_ERROR
    except Exception as error:  # noqa: BLE001 - whatever a file provokes, one line and status 2, not a traceback
        unexpected = message(
            "cli.error.unexpected", locale=locale, kind=type(error).__name__, detail=str(error)
        )
        sys.stderr.write(error_line(unexpected, locale=locale))
        return USAGE_ERROR
