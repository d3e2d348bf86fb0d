"""``cspcore whatif``: compare collections policies on a portfolio, optionally plot the comparison."""

from __future__ import annotations

import datetime as dt
import functools
import gc
import io
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final

from cspcore import InvalidInput, Reason
from cspcore._extras import MissingExtra, require
from cspcore.billing import PRESETS, CollectionsPolicy
from cspcore.billing.portfolio import portfolio_from_dict, sample_portfolio
from cspcore.billing.whatif import compare
from cspcore.cli.files import read_data, within
from cspcore.cli.flags import flag, iso_date, whole_number
from cspcore.cli.progress import Progress
from cspcore.cli.safety import display_width, say
from cspcore.cli.words import DEFAULT_LOCALE, WordedInput, add_locale, announce, message
from cspcore.errors import ErrorCode
from cspcore.i18n import format_decimal, messages, render

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from cspcore.billing.portfolio import Portfolio
    from cspcore.billing.whatif import Comparison

__all__ = ["HELP", "add_arguments", "plot_file", "plot_formats", "run"]

HELP: Final = "compare collections policies on a portfolio"


def add_arguments(parser: argparse.ArgumentParser, *, locale: str = DEFAULT_LOCALE) -> None:
    """The command's arguments and flags (their help in ``locale``)."""

    def said(name: str) -> str:
        return message(f"cli.help.whatif.{name}", locale=locale)

    parser.add_argument("policies", nargs="*", metavar="POLICY", help=said("policies"))
    parser.add_argument("--portfolio", default="sample", help=said("portfolio"))
    number = flag(whole_number, "number", locale=locale)
    parser.add_argument("--seed", type=number, default=2024, help=said("seed"))
    parser.add_argument("--accounts", type=number, default=50, help=said("accounts"))
    date = flag(iso_date, "date", locale=locale)
    parser.add_argument("--start", type=date, default=dt.date(2024, 1, 1), help=said("start"))
    parser.add_argument("--end", type=date, default=dt.date(2024, 12, 31), help=said("end"))
    parser.add_argument(
        "--plot",
        metavar="OUT.png",
        type=flag(functools.partial(plot_file, locale=locale), "plot", locale=locale),
        help=render(Reason(code="cli.flag.plot", params={"formats": "png, svg, pdf, ..."}), locale=locale),
    )
    add_locale(parser, purpose=message("cli.help.locale.whatif", locale=locale), locale=locale)


def plot_formats(*, locale: str = DEFAULT_LOCALE) -> tuple[str, ...]:
    """The chart formats ``--plot`` writes: matplotlib's, but PGF (which needs a LaTeX installation).

    Raises:
        InvalidInput: at ``--plot``, when matplotlib (the ``whatif`` extra) is not installed, with the
            command that installs it, so that the run stops before any work (worded in ``locale``).
    """
    try:
        require("matplotlib", "whatif")
    except MissingExtra:
        command = "pip install 'cspcore[whatif]'"
        problem = render(
            Reason(
                code="cli.extra.missing",
                params={"flag": "--plot", "module": "matplotlib", "command": command},
            ),
            locale=locale,
        )
        raise WordedInput("--plot", problem, None, show_value=False, code=ErrorCode.MISSING) from None
    from matplotlib.backend_bases import FigureCanvasBase  # noqa: PLC0415 - optional extra

    return tuple(sorted(name for name in FigureCanvasBase.get_supported_filetypes() if name != "pgf"))


def plot_file(path: str, *, locale: str = DEFAULT_LOCALE) -> str:
    """A ``--plot`` path whose extension names a format that matplotlib writes (``.png``, ``.svg``, ...).

    A refusal is worded in ``locale``'s language.
    """
    formats = plot_formats(locale=locale)
    extension = Path(path).suffix.lower().removeprefix(".")
    if extension not in formats:
        problem = render(
            Reason(
                code="cli.plot.unknown_format",
                params={"extension": f"'{extension}'" if extension else "''", "formats": ", ".join(formats)},
            ),
            locale=locale,
        )
        raise WordedInput("--plot", problem, extension, code=ErrorCode.UNKNOWN_VALUE, choices=formats)
    return path


def _policies(names: Sequence[str], locale: str) -> list[CollectionsPolicy]:
    """The policies named: presets by name (any case), else policy files (TOML or JSON)."""
    policies = []
    for name in names:
        preset = PRESETS.get(name.lower())
        if preset is not None:
            policies.append(preset)
        elif name == "-" or name.lower().endswith((".toml", ".json")) or Path(name).exists():
            with within(name):
                policies.append(CollectionsPolicy.from_dict(read_data(name)))
        else:  # neither a preset nor a file: most likely a misspelt preset
            problem = render(
                Reason(code="cli.whatif.unknown_policy", params={"presets": tuple(PRESETS)}), locale=locale
            )
            raise WordedInput("POLICY", problem, name, code=ErrorCode.UNKNOWN_VALUE, choices=tuple(PRESETS))
    return policies


def _figure_bytes(comparison: Comparison, extension: str) -> bytes:
    """The comparison's chart in the format its file's ``extension`` names."""
    buffer = io.BytesIO()
    comparison.plot().savefig(buffer, format=extension)
    return buffer.getvalue()


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
    policies = _policies(args.policies or list(PRESETS), args.locale)
    if args.portfolio == "sample":
        portfolio = _sample(args.seed, args.accounts, args.locale)
    else:
        with within(args.portfolio):
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
    for currency in sorted({result.currency for result in comparison.results}):
        say(render(Reason(code="cli.whatif.currency", params={"currency": currency}), locale=args.locale))
    if args.plot:
        try:
            Path(args.plot).write_bytes(_figure_bytes(comparison, Path(args.plot).suffix.lower()[1:]))
        except OSError as error:
            raise InvalidInput(
                "--plot", f"cannot write: {error.strerror or error}", args.plot, code=ErrorCode.IO_FAILED
            ) from None
    return 0
