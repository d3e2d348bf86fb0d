"""``cspcore whatif``: compare collections policies on a portfolio, optionally plot the comparison."""

from __future__ import annotations

import datetime as dt
import gc
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final

from cspcore import InvalidInput
from cspcore.billing import PRESETS, CollectionsPolicy
from cspcore.billing.portfolio import portfolio_from_dict, sample_portfolio
from cspcore.billing.whatif import compare
from cspcore.cli.files import read_data
from cspcore.cli.flags import flag, iso_date
from cspcore.cli.progress import Progress
from cspcore.cli.safety import display_width, say
from cspcore.cli.words import add_locale, announce, message
from cspcore.errors import ErrorCode
from cspcore.i18n import format_decimal, messages

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from cspcore.billing.portfolio import Portfolio
    from cspcore.billing.whatif import Comparison

__all__ = ["HELP", "add_arguments", "run"]

HELP: Final = "compare collections policies on a portfolio"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments and flags."""
    parser.add_argument(
        "policies",
        nargs="*",
        metavar="POLICY",
        help="preset names (lenient, standard, strict) or TOML/JSON files",
    )
    parser.add_argument(
        "--portfolio", default="sample", help="sample (embedded, the default) or a TOML/JSON file"
    )
    parser.add_argument("--seed", type=int, default=2024, help="the sample portfolio's seed")
    parser.add_argument("--accounts", type=int, default=50, help="accounts in the sample portfolio")
    parser.add_argument(
        "--start",
        type=flag(iso_date, "date"),
        default=dt.date(2024, 1, 1),
        help="first day simulated (ISO date)",
    )
    parser.add_argument(
        "--end",
        type=flag(iso_date, "date"),
        default=dt.date(2024, 12, 31),
        help="last day simulated (ISO date)",
    )
    parser.add_argument("--plot", metavar="OUT.png", help="write the stacked-stages chart to this PNG file")
    add_locale(parser, purpose="language and number formats of the table")


def _policies(names: Sequence[str]) -> list[CollectionsPolicy]:
    policies = []
    for name in names:
        preset = PRESETS.get(name.lower())
        policies.append(preset if preset is not None else CollectionsPolicy.from_dict(read_data(name)))
    return policies


def _sample(seed: int, accounts: int, locale: str) -> Portfolio:
    """The sample portfolio, with a progress bar while a large one is built.

    Building one allocates millions of small values that live as long as the run: the cyclic
    garbage collector, which would scan them again and again while they are built, is paused for
    the build (:func:`run` then keeps them out of its sight while it simulates). The shell owns the
    process; the core never touches the collector.
    """
    progress = Progress(accounts, message("cli.progress.building", locale=locale))
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        portfolio = sample_portfolio(seed=seed, accounts=accounts, progress=progress.advance)
    finally:
        if was_enabled:
            gc.enable()
        progress.close()
    return portfolio


def _table(comparison: Comparison, locale: str) -> str:
    """The comparison's summary as a plain-text table in ``locale``.

    Headings come from the catalog (a column it does not know is headed by its name), numbers are in
    the locale's format with every digit kept, and columns are aligned as a terminal shows them (a
    CJK character takes two columns).
    """
    rows = comparison.summary_records()
    if not rows:
        return ""
    columns = list(rows[0])
    english = messages("en", "cli")
    heads = [
        message(f"cli.whatif.column.{name}", locale=locale)
        if f"cli.whatif.column.{name}" in english
        else name
        for name in columns
    ]
    cells = [[_cell(row[name], locale) for name in columns] for row in rows]
    widths = [max(display_width(text) for text in column) for column in zip(heads, *cells, strict=True)]
    lines = [
        "  ".join(
            text + " " * (width - display_width(text)) for text, width in zip(line, widths, strict=True)
        )
        for line in (heads, *cells)
    ]
    return "\n".join(line.rstrip() for line in lines)


def _cell(value: object, locale: str) -> str:
    """A table cell: a number in the locale's format with the decimals it has, anything else as it is."""
    if isinstance(value, Decimal):
        exponent = value.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return format_decimal(value, locale=locale, min_decimals=places)
    if isinstance(value, int) and not isinstance(value, bool):
        return format_decimal(value, locale=locale)
    return str(value)


def run(args: argparse.Namespace) -> int:
    """Compare collections policies over a portfolio; print the summary, optionally plot it."""
    announce(args.locale)
    policies = _policies(args.policies or list(PRESETS))
    if args.portfolio == "sample":
        portfolio = _sample(args.seed, args.accounts, args.locale)
    else:
        portfolio = portfolio_from_dict(read_data(args.portfolio))
    progress = Progress(len(policies), message("cli.progress.simulating", locale=args.locale))
    gc.freeze()  # the portfolio lives until the end: the collector need not scan it while we simulate
    try:
        # One pass over each ledger serves every policy (compare shares it, and drops it on return).
        comparison = compare(policies, portfolio, start=args.start, end=args.end, progress=progress.advance)
    finally:
        gc.unfreeze()
        progress.close()
    say(_table(comparison, args.locale), newlines=True)  # policy names come from files
    if args.plot:
        try:
            Path(args.plot).write_bytes(comparison.to_png())
        except OSError as error:
            raise InvalidInput(
                "--plot", f"cannot write: {error.strerror or error}", args.plot, code=ErrorCode.IO_FAILED
            ) from None
    return 0
