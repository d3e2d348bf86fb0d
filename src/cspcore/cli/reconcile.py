"""``cspcore reconcile``: reconcile two reconciliation-style CSV files (exit 1 on any difference)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from cspcore.cli.files import add_allow_empty, read_rows_text
from cspcore.cli.flags import flag, tolerance
from cspcore.cli.progress import Progress
from cspcore.cli.safety import say
from cspcore.cli.words import DEFAULT_LOCALE, add_locale, announce, message
from cspcore.i18n import render
from cspcore.interop import iter_recon_rows, parse_recon_rows, reconcile

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

__all__ = ["HELP", "add_arguments", "run"]

HELP: Final = "reconcile expected charge lines against Microsoft's"


def add_arguments(parser: argparse.ArgumentParser, *, locale: str = DEFAULT_LOCALE) -> None:
    """The command's arguments: the two files, the tolerance and the report's locale (help in ``locale``)."""
    parser.add_argument("expected", metavar="EXPECTED.csv")
    parser.add_argument("actual", metavar="ACTUAL.csv")
    parser.add_argument(
        "--tolerance",
        type=flag(tolerance, "tolerance", locale=locale),
        default=Decimal(0),
        help=message("cli.help.reconcile.tolerance", locale=locale),
    )
    add_locale(parser, purpose=message("cli.help.locale.reconcile", locale=locale), locale=locale)
    add_allow_empty(parser, locale=locale)


def run(args: argparse.Namespace) -> int:
    r"""Reconcile two reconciliation-style CSV files; print the report; exit 1 when they differ.

    The billed file is split into lines only where CSV ends a line (``\n``, ``\r\n``, ``\r``), as
    :func:`~cspcore.interop.parse_recon_rows` reads it: a product name holding U+2028 or ``\x85``
    stays one field.
    """
    announce(args.locale)
    expected = parse_recon_rows(
        read_rows_text(args.expected, allow_empty=args.allow_empty, locale=args.locale)
    )
    actual_text = read_rows_text(args.actual, allow_empty=args.allow_empty, locale=args.locale)
    progress = Progress(
        max(actual_text.count("\n") or actual_text.count("\r"), 1),
        message("cli.progress.reconciling", locale=args.locale),
    )

    def counted(lines: io.StringIO) -> Iterator[str]:
        for index, line in enumerate(lines):
            if index and index % 1000 == 0:
                progress.advance(1000)
            yield line

    actual = iter_recon_rows(counted(io.StringIO(actual_text.removeprefix("\ufeff"), newline="")))
    report = reconcile(expected, actual, tolerance=args.tolerance)
    progress.close()
    for reason in report.reasons:
        say(render(reason, locale=args.locale))
    for mismatch in report.mismatched:
        line = mismatch.actual
        where = {
            "subscription": line.subscription_id,
            "charge_type": line.charge_type.value,
            "start": line.charge_start,
            "field": mismatch.reason.params["field"],  # Microsoft's column name, as the reasons show it
        }
        if mismatch.difference is None:
            say("  " + message("cli.reconcile.differs_no_amount", locale=args.locale, **where))
        else:
            say(
                "  "
                + message(
                    "cli.reconcile.differs", locale=args.locale, difference=mismatch.difference, **where
                )
            )
    return 0 if report.is_clean else 1
