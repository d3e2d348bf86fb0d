"""``cspcore rate``: rate a subscription history file into reconciliation-style CSV."""

from __future__ import annotations

import csv
import sys
from typing import TYPE_CHECKING, Final

from cspcore.billing import history_from_dict, rate
from cspcore.cli.files import read_data
from cspcore.cli.safety import csv_cell
from cspcore.cli.words import add_locale, announce
from cspcore.interop import RECON_COLUMNS, to_recon_rows

if TYPE_CHECKING:
    import argparse

__all__ = ["HELP", "add_arguments", "run"]

HELP: Final = "rate a subscription history (TOML) into reconciliation CSV"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's argument: the history file."""
    parser.add_argument("file", metavar="SUBSCRIPTION.toml", help="the history (see cspcore.billing.history)")
    add_locale(parser, purpose="language of the error messages (the CSV is Microsoft's columns)")


def run(args: argparse.Namespace) -> int:
    """Rate a subscription history file and write its charge lines as reconciliation-style CSV."""
    announce(args.locale)
    subscription, events, through, rounding = history_from_dict(read_data(args.file))
    lines = rate(subscription, events, through=through, rounding=rounding)
    writer = csv.DictWriter(sys.stdout, fieldnames=list(RECON_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows({column: csv_cell(cell) for column, cell in row.items()} for row in to_recon_rows(lines))
    return 0
