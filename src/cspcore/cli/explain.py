"""``cspcore explain-charge``: explain each charge of a reconciliation-style CSV file to the customer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from cspcore.cli.files import add_allow_empty, read_rows_text
from cspcore.cli.safety import say
from cspcore.cli.words import DEFAULT_LOCALE, add_locale, announce, message
from cspcore.i18n import render
from cspcore.interop import parse_recon_rows
from cspcore.interop.explain import explain_charge_reasons

if TYPE_CHECKING:
    import argparse

__all__ = ["HELP", "add_arguments", "run"]

HELP: Final = "explain the charges in a reconciliation CSV"


def add_arguments(parser: argparse.ArgumentParser, *, locale: str = DEFAULT_LOCALE) -> None:
    """The command's arguments: the file and the explanation's locale (their help in ``locale``)."""
    parser.add_argument("file", metavar="RECON.csv")
    add_locale(parser, purpose=message("cli.help.locale.explain_charge", locale=locale), locale=locale)
    add_allow_empty(parser, locale=locale)


def run(args: argparse.Namespace) -> int:
    """Explain each charge line of a reconciliation-style CSV file to the customer, a sentence a line."""
    announce(args.locale)
    lines = parse_recon_rows(read_rows_text(args.file, allow_empty=args.allow_empty, locale=args.locale))
    for line in lines:
        for reason in explain_charge_reasons(line, locale=args.locale):
            say(render(reason, locale=args.locale))  # product names and ids come from the file
        say()
    return 0
