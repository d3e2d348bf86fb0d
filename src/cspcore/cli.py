"""The command-line shell: the only place in cspcore that reads files, the clock or the terminal.

Commands:

* ``cspcore demo [--locale LOCALE]``: walks the embedded sample partner through cspcore's areas.
* ``cspcore whatif [POLICY...] [--plot OUT.png]``: compares collections policies (presets or files) on the
  embedded sample portfolio and prints the summary table.
* ``cspcore rate SUBSCRIPTION.toml``: rates a subscription history into reconciliation-style CSV.
* ``cspcore reconcile EXPECTED.csv ACTUAL.csv``: reconciles two reconciliation files (exit 1 on any
  difference).
* ``cspcore explain-charge RECON.csv [--locale cs_CZ]``: explains each charge to the customer.
* ``cspcore --version``.

Bad flags and bad input print one line on stderr and exit with status 2; no traceback.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import sys
import tomllib
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from cspcore import CspError, InvalidInput, Money, Reason, Rounding, __version__, allocate, total
from cspcore.billing import PRESETS, CollectionsPolicy, history_from_dict, rate
from cspcore.billing.portfolio import portfolio_from_dict, sample_portfolio
from cspcore.i18n import SUPPORTED_LOCALES, format_money, locale_of, render
from cspcore.interop import RECON_COLUMNS, iter_recon_rows, parse_recon_rows, reconcile, to_recon_rows
from cspcore.interop.explain import explain_charge

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

#: Exit status for usage errors and refused input.
USAGE_ERROR = 2


class Progress:
    """A one-line progress bar on a terminal; nothing at all when the stream is piped or redirected.

    Args:
        total: How many steps the work has.
        label: What is being done.
        stream: Where to draw (standard error by default).
        enabled: Force drawing on or off; by default, only when ``stream`` is a terminal.
    """

    WIDTH = 24

    def __init__(
        self, total: int, label: str, *, stream: TextIO | None = None, enabled: bool | None = None
    ) -> None:
        self.total = max(total, 1)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.done = 0

    def advance(self, steps: int = 1) -> None:
        """Record finished steps and redraw."""
        self.done = min(self.total, self.done + steps)
        if self.enabled:
            filled = self.WIDTH * self.done // self.total
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            percent = 100 * self.done // self.total
            self.stream.write(f"\r{_paint(self.label, 'cyan', self.stream)} [{bar}] {percent:3d}%")
            self.stream.flush()

    def close(self) -> None:
        """Erase the bar, leaving the terminal as it was."""
        if self.enabled:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()


_COLOURS = {"red": "31", "cyan": "36", "bold": "1"}


def _paint(text: str, colour: str, stream: TextIO) -> str:
    """Colour ``text`` for a terminal; plain when piped or when NO_COLOR is set (https://no-color.org)."""
    if not stream.isatty() or os.environ.get("NO_COLOR"):
        return text
    return f"\x1b[{_COLOURS[colour]}m{text}\x1b[0m"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line, not a usage dump."""

    def error(self, message: str) -> NoReturn:
        self.exit(
            USAGE_ERROR, f"{_paint('cspcore: error:', 'red', sys.stderr)} {message} (see 'cspcore --help')\n"
        )


def _heading(text: str) -> str:
    width = sum(2 if unicodedata.east_asian_width(char) in {"W", "F"} else 1 for char in text)
    return f"{text}\n{'=' * width}"


def money_section(*, locale: str) -> str:
    """Money arithmetic, rounding, allocation and formatting, explained in ``locale``."""

    def say(code: str, **params: object) -> str:
        return render(Reason(code, params), locale=locale)

    price = Money("9.408", "EUR")
    seats = 3
    line = price * seats
    hundred = Money("100.00", "EUR")
    parts = allocate(hundred, [1, 1, 1])
    rows = [
        _heading(say("core.demo.money.title")),
        say("core.demo.money.exact", price=str(price), seats=seats, line=str(line)),
        say(
            "core.demo.money.recon",
            recon=price.round(Rounding.DOWN) * seats,
            truncated=line.round(Rounding.DOWN),
            half_up=line.round(),
        ),
        say("core.demo.money.split", total=hundred, parts=parts, sum=total(parts)),
        say(
            "core.demo.money.cash", amount=Money("10.07", "CHF"), cash=Money("10.07", "CHF").round(cash=True)
        ),
        "",
        say("core.demo.money.locales"),
    ]
    samples = [Money("1234.5", "EUR"), Money("1234.5", "CZK"), Money("1234", "JPY"), Money("-0.5", "USD")]
    for name in SUPPORTED_LOCALES:
        marker = "*" if name == str(locale_of(locale)) else " "
        shown = "   ".join(format_money(sample, locale=name) for sample in samples)
        rows.append(f" {marker} {name}: {shown}")
    digits = len(str((Money("1", "EUR") / 3).amount)) - 2
    rows.append(say("core.demo.money.division", amount=Money("1", "EUR"), digits=digits))
    return "\n".join(rows)


def _sections() -> list[Callable[..., str]]:
    from cspcore.billing._demo import demo as billing_demo  # noqa: PLC0415 - load an area only when shown
    from cspcore.billing._demo_ledger import demo as ledger_demo  # noqa: PLC0415
    from cspcore.interop._demo import demo as interop_demo  # noqa: PLC0415
    from cspcore.roles._demo import demo as roles_demo  # noqa: PLC0415
    from cspcore.support._demo import demo as support_demo  # noqa: PLC0415

    return [money_section, billing_demo, interop_demo, ledger_demo, roles_demo, support_demo]


def demo(*, locale: str) -> str:
    """The whole demo text for ``locale``."""
    locale_of(locale)  # refuse an unknown locale before printing anything
    return "\n\n".join(section(locale=locale) for section in _sections())


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except OSError as error:
        raise InvalidInput("file", f"cannot read: {error.strerror or error}", path) from None
    except UnicodeDecodeError:
        raise InvalidInput("file", "is not UTF-8 text", path) from None


def _read_data(path: str) -> dict[str, object]:
    """A TOML or JSON file (by extension; TOML otherwise) as plain data; Decimals for JSON numbers."""
    text = _read_text(path)
    try:
        data = json.loads(text, parse_float=Decimal) if path.endswith(".json") else tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as error:
        raise InvalidInput(
            "file", f"is not valid {'JSON' if path.endswith('.json') else 'TOML'}: {error}", path
        ) from None
    if not isinstance(data, dict):
        raise InvalidInput("file", "must hold a table (mapping) at the top", path)
    return data


def _policies(names: Sequence[str]) -> list[CollectionsPolicy]:
    policies = []
    for name in names:
        preset = PRESETS.get(name.lower())
        policies.append(preset if preset is not None else CollectionsPolicy.from_dict(_read_data(name)))
    return policies


def whatif(args: argparse.Namespace) -> int:
    """Compare collections policies over a portfolio; print the summary, optionally plot it."""
    from cspcore.billing.whatif import Comparison, simulate  # noqa: PLC0415 - the what-if engine only when asked

    policies = _policies(args.policies or list(PRESETS))
    if args.portfolio == "sample":
        portfolio = sample_portfolio(seed=args.seed, accounts=args.accounts)
    else:
        portfolio = portfolio_from_dict(_read_data(args.portfolio))
    start, end = dt.date.fromisoformat(args.start), dt.date.fromisoformat(args.end)
    progress = Progress(len(policies), "simulating")
    results = []
    for policy in policies:
        results.append(simulate(policy, portfolio, start=start, end=end))
        progress.advance()
    progress.close()
    comparison = Comparison(results=tuple(results))
    sys.stdout.write(comparison.table() + "\n")
    if args.plot:
        try:
            Path(args.plot).write_bytes(comparison.to_png())
        except OSError as error:
            raise InvalidInput("--plot", f"cannot write: {error.strerror or error}", args.plot) from None
    return 0


def rate_command(args: argparse.Namespace) -> int:
    """Rate a subscription history file and write its charge lines as reconciliation-style CSV."""
    subscription, events, through, rounding = history_from_dict(_read_data(args.file))
    lines = rate(subscription, events, through=through, rounding=rounding)
    writer = csv.DictWriter(sys.stdout, fieldnames=list(RECON_COLUMNS), lineterminator="\n")
    writer.writeheader()
    writer.writerows(to_recon_rows(lines))
    return 0


def reconcile_command(args: argparse.Namespace) -> int:
    """Reconcile two reconciliation-style CSV files; print the report; exit 1 when they differ."""
    expected = parse_recon_rows(_read_text(args.expected))
    actual_rows = _read_text(args.actual).splitlines()
    progress = Progress(max(len(actual_rows) - 1, 1), "reconciling")

    def counted(rows: list[str]) -> Iterator[str]:
        for index, row in enumerate(rows):
            if index and index % 1000 == 0:
                progress.advance(1000)
            yield row

    report = reconcile(expected, iter_recon_rows(counted(actual_rows)), tolerance=Decimal(args.tolerance))
    progress.close()
    for reason in report.reasons:
        sys.stdout.write(render(reason, locale=args.locale) + "\n")
    for mismatch in report.mismatched:
        line = mismatch.actual
        sys.stdout.write(
            f"  {line.subscription_id} {line.charge_type.value} {line.charge_start}: {mismatch.field}"
        )
        sys.stdout.write(f" differs by {mismatch.difference}\n" if mismatch.difference is not None else "\n")
    return 0 if report.ok else 1


def explain_command(args: argparse.Namespace) -> int:
    """Explain each charge line of a reconciliation-style CSV file to the customer."""
    lines = parse_recon_rows(_read_text(args.file))
    for line in lines:
        sys.stdout.write(explain_charge(line, locale=args.locale) + "\n\n")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for the ``cspcore`` command."""
    parser = _Parser(
        prog="cspcore", description="Rules of Microsoft CSP partners: billing, roles and support."
    )
    parser.add_argument("--version", action="version", version=f"cspcore {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    demo_parser = commands.add_parser("demo", help="walk the embedded sample partner through every area")
    demo_parser.add_argument(
        "--locale",
        default="en_US",
        help=f"language and formats of the explanations ({', '.join(SUPPORTED_LOCALES)}; default en_US)",
    )
    whatif_parser = commands.add_parser("whatif", help="compare collections policies on a portfolio")
    whatif_parser.add_argument(
        "policies",
        nargs="*",
        metavar="POLICY",
        help="preset names (lenient, standard, strict) or TOML/JSON files",
    )
    whatif_parser.add_argument(
        "--portfolio", default="sample", help="sample (embedded, the default) or a TOML/JSON file"
    )
    whatif_parser.add_argument("--seed", type=int, default=2024, help="the sample portfolio's seed")
    whatif_parser.add_argument("--accounts", type=int, default=50, help="accounts in the sample portfolio")
    whatif_parser.add_argument("--start", default="2024-01-01", help="first day simulated (ISO date)")
    whatif_parser.add_argument("--end", default="2024-12-31", help="last day simulated (ISO date)")
    whatif_parser.add_argument(
        "--plot", metavar="OUT.png", help="write the stacked-stages chart to this PNG file"
    )
    rate_parser = commands.add_parser(
        "rate", help="rate a subscription history (TOML) into reconciliation CSV"
    )
    rate_parser.add_argument(
        "file", metavar="SUBSCRIPTION.toml", help="the history (see cspcore.billing.history)"
    )
    reconcile_parser = commands.add_parser(
        "reconcile", help="reconcile expected charge lines against Microsoft's"
    )
    reconcile_parser.add_argument("expected", metavar="EXPECTED.csv")
    reconcile_parser.add_argument("actual", metavar="ACTUAL.csv")
    reconcile_parser.add_argument(
        "--tolerance", default="0", help="allowed difference per amount (default 0)"
    )
    reconcile_parser.add_argument("--locale", default="en_US", help="language of the report")
    explain_parser = commands.add_parser("explain-charge", help="explain the charges in a reconciliation CSV")
    explain_parser.add_argument("file", metavar="RECON.csv")
    explain_parser.add_argument("--locale", default="en_US", help="language of the explanation")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "demo":
            sys.stdout.write(demo(locale=args.locale) + "\n")
            return 0
        handlers = {
            "whatif": whatif,
            "rate": rate_command,
            "reconcile": reconcile_command,
            "explain-charge": explain_command,
        }
        if args.command in handlers:
            return handlers[args.command](args)
    except BrokenPipeError:  # the reader went away (| head): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except ValueError as error:  # InvalidInput, and bad ISO dates or tolerances from the command line
        sys.stderr.write(f"{_paint('cspcore: error:', 'red', sys.stderr)} {error}\n")
        return USAGE_ERROR
    except CspError as error:
        sys.stderr.write(f"{_paint('cspcore: error:', 'red', sys.stderr)} {error}\n")
        return USAGE_ERROR
    parser.print_help()
    return USAGE_ERROR


__all__ = ["build_parser", "demo", "main", "money_section"]
