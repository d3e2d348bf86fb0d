"""``cspcore whatif``: compare collections policies on a portfolio, optionally plot the comparison."""

from __future__ import annotations

import datetime as dt
import gc
from pathlib import Path
from typing import TYPE_CHECKING, Final

from cspcore import InvalidInput
from cspcore.billing import PRESETS, CollectionsPolicy
from cspcore.billing.portfolio import portfolio_from_dict, sample_portfolio
from cspcore.billing.whatif import compare
from cspcore.cli.files import read_data
from cspcore.cli.flags import flag, iso_date
from cspcore.cli.progress import Progress
from cspcore.cli.safety import say
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from cspcore.billing.portfolio import Portfolio

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


def _policies(names: Sequence[str]) -> list[CollectionsPolicy]:
    policies = []
    for name in names:
        preset = PRESETS.get(name.lower())
        policies.append(preset if preset is not None else CollectionsPolicy.from_dict(read_data(name)))
    return policies


def _sample(seed: int, accounts: int) -> Portfolio:
    """The sample portfolio, with a progress bar while a large one is built.

    Building one allocates millions of small values that live as long as the run: the cyclic
    garbage collector, which would scan them again and again while they are built, is paused for
    the build (:func:`run` then keeps them out of its sight while it simulates). The shell owns the
    process; the core never touches the collector.
    """
    progress = Progress(accounts, "building the sample portfolio")
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        portfolio = sample_portfolio(seed=seed, accounts=accounts, progress=progress.advance)
    finally:
        if was_enabled:
            gc.enable()
        progress.close()
    return portfolio


def run(args: argparse.Namespace) -> int:
    """Compare collections policies over a portfolio; print the summary, optionally plot it."""
    policies = _policies(args.policies or list(PRESETS))
    if args.portfolio == "sample":
        portfolio = _sample(args.seed, args.accounts)
    else:
        portfolio = portfolio_from_dict(read_data(args.portfolio))
    progress = Progress(len(policies), "simulating")
    gc.freeze()  # the portfolio lives until the end: the collector need not scan it while we simulate
    try:
        # One pass over each ledger serves every policy (compare shares it, and drops it on return).
        comparison = compare(policies, portfolio, start=args.start, end=args.end, progress=progress.advance)
    finally:
        gc.unfreeze()
        progress.close()
    say(comparison.table(), newlines=True)  # policy names come from files
    if args.plot:
        try:
            Path(args.plot).write_bytes(comparison.to_png())
        except OSError as error:
            raise InvalidInput(
                "--plot", f"cannot write: {error.strerror or error}", args.plot, code=ErrorCode.IO_FAILED
            ) from None
    return 0
