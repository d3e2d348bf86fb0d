"""The command-line shell: the only place in cspcore that reads files, the clock or the terminal.

Commands:

* ``cspcore demo [--locale LOCALE]``: walks the embedded sample partner through cspcore's areas.
* ``cspcore --version``.

Bad flags and bad input print one line on stderr and exit with status 2; no traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, NoReturn, TextIO

from cspcore import CspError, Money, Rounding, __version__, allocate, total
from cspcore.i18n import SUPPORTED_LOCALES, format_money, locale_of

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

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
    return f"{text}\n{'=' * len(text)}"


def money_section(*, locale: str) -> str:
    """Money arithmetic, rounding, allocation and formatting, shown in every supported locale."""
    price = Money("9.408", "EUR")
    seats = 3
    line = price * seats
    parts = allocate(Money("100.00", "EUR"), [1, 1, 1])
    rows = [
        _heading("Money"),
        f"effective unit price {price} x {seats} seats = {line} (kept exact)",
        f"reconciliation-file formula ROUNDDOWN(EUP, 2) x qty: {price.round(Rounding.DOWN) * seats}",
        f"truncating the product instead: {line.round(Rounding.DOWN)}; half-up: {line.round()}",
        f"EUR 100.00 split three ways: {', '.join(str(p) for p in parts)} (sum {total(parts)})",
        f"CHF 10.07 in cash: {Money('10.07', 'CHF').round(cash=True)}",
        "",
        "The same amounts in each locale:",
    ]
    samples = [Money("1234.5", "EUR"), Money("1234.5", "CZK"), Money("1234", "JPY"), Money("-0.5", "USD")]
    for name in SUPPORTED_LOCALES:
        marker = "*" if name == str(locale_of(locale)) else " "
        shown = "   ".join(format_money(sample, locale=name) for sample in samples)
        rows.append(f" {marker} {name}: {shown}")
    digits = len(str((Money("1", "EUR") / 3).amount)) - 2
    rows.append(f"(dividing EUR 1 by 3 keeps {digits} digits: no silent rounding)")
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "demo":
            sys.stdout.write(demo(locale=args.locale) + "\n")
            return 0
    except CspError as error:
        sys.stderr.write(f"{_paint('cspcore: error:', 'red', sys.stderr)} {error}\n")
        return USAGE_ERROR
    parser.print_help()
    return USAGE_ERROR


__all__ = ["build_parser", "demo", "main", "money_section"]
