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

Everything printed that came from a file passes :func:`terminal_text` (no control characters,
escape sequences or bidi overrides reach the terminal) and every CSV cell written passes
:func:`csv_cell` (no text cell starts a spreadsheet formula).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import json
import os
import re
import sys
import tomllib
import unicodedata
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Final, NoReturn, TextIO, TypeVar

from cspcore import (
    CspError,
    InvalidInput,
    Money,
    Reason,
    Rounding,
    __version__,
    _plain,
    _validate,
    allocate,
    total,
)
from cspcore.billing import PRESETS, CollectionsPolicy, history_from_dict, rate
from cspcore.billing.portfolio import portfolio_from_dict, sample_portfolio
from cspcore.i18n import SUPPORTED_LOCALES, format_money, locale_of, render
from cspcore.interop import RECON_COLUMNS, iter_recon_rows, parse_recon_rows, reconcile, to_recon_rows
from cspcore.interop.explain import explain_charge_reasons

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence

T = TypeVar("T")

#: Exit status for usage errors and refused input.
USAGE_ERROR = 2
#: The largest file (or standard input) read, in bytes; a bigger one (or ``/dev/zero``) is refused.
MAX_FILE_BYTES = 512 * 1024 * 1024
_CHUNK: Final = 1024 * 1024

# -- output safety: the one place that makes file-derived text safe to print or to put in a CSV cell

#: Bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069): they reorder what a terminal or an
#: editor shows (CVE-2021-42574, "Trojan Source").
_BIDI: Final = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
#: C0 controls (ESC starts terminal escape sequences), DEL, C1 controls, bidi controls, and the
#: Unicode line and paragraph separators: each shown as a visible escape such as ``\x1b``.
_UNSAFE: Final = (*range(0x20), 0x7F, *range(0x80, 0xA0), *_BIDI, 0x2028, 0x2029)
_ESCAPES: Final = {code: (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}") for code in _UNSAFE}
_ESCAPES_KEEP_NEWLINES: Final = {code: text for code, text in _ESCAPES.items() if code != ord("\n")}
#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection").
FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")
_NUMBER: Final = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def terminal_text(text: str, *, newlines: bool = False) -> str:
    r"""``text`` made safe to print: control characters and bidi overrides shown as escapes.

    C0 and C1 controls (ESC, which starts terminal escape sequences, among them), DEL, the bidi
    overrides and isolates and the Unicode line separators are written as ``\x1b`` or
    ``\u202e``; the rest of the text is kept. With ``newlines=True``, ``\n`` stays a line break.

    >>> print(terminal_text("Contoso\x1b[2J\u202eevil"))
    Contoso\x1b[2J\u202eevil
    >>> print(terminal_text("two\nlines\r", newlines=True))
    two
    lines\x0d
    """
    return text.translate(_ESCAPES_KEEP_NEWLINES if newlines else _ESCAPES)


def csv_cell(value: str) -> str:
    """A CSV cell that a spreadsheet shows as text, never runs as a formula (OWASP's advice).

    A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading single quote; a number (``-12.50``) is left as it is, so it stays a number. Control
    characters are escaped as in :func:`terminal_text`.

    >>> csv_cell("=cmd|' /C calc'!A0"), csv_cell("-12.50"), csv_cell("Microsoft 365")
    ("'=cmd|' /C calc'!A0", '-12.50', 'Microsoft 365')
    """
    text = terminal_text(value)
    if text.startswith(FORMULA_STARTS) and _NUMBER.fullmatch(text) is None:
        return "'" + text
    return text


def _say(text: str = "", *, newlines: bool = False) -> None:
    """Print a line of file-derived text, made safe for the terminal."""
    sys.stdout.write(terminal_text(text, newlines=newlines) + "\n")


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
        self.exit(USAGE_ERROR, _error_line(f"{message} (see 'cspcore --help')"))


def _error_line(message: str) -> str:
    """The one line on stderr that reports an error (whatever the message holds, it stays one line)."""
    return f"{_paint('cspcore: error:', 'red', sys.stderr)} {terminal_text(message)}\n"


def _flag(check: Callable[[str], T], name: str) -> Callable[[str], T]:
    """An argparse ``type=`` from a check that raises InvalidInput: a refusal is a one-line usage error."""

    def convert(text: str) -> T:
        try:
            return check(text)
        except InvalidInput as error:
            raise argparse.ArgumentTypeError(f"{error.problem} (got {text!r})") from None

    convert.__name__ = name
    return convert


def _iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput("date", "not an ISO date such as 2024-01-31", text) from None


def _tolerance(text: str) -> Decimal:
    return _validate.decimal(text, "tolerance", allow_negative=False)


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


def _read_bytes(stream: BinaryIO, path: str) -> bytes:
    """At most :data:`MAX_FILE_BYTES` of ``stream``, read a chunk at a time (``/dev/zero`` ends too)."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(_CHUNK):
        size += len(chunk)
        if size > MAX_FILE_BYTES:
            raise InvalidInput("file", f"larger than {MAX_FILE_BYTES} bytes", path)
        chunks.append(chunk)
    return b"".join(chunks)


def _read_text(path: str) -> str:
    """A UTF-8 file (``-`` for standard input) as text, a leading byte order mark dropped."""
    try:
        if path == "-":
            stdin = getattr(sys.stdin, "buffer", None)
            if stdin is None:  # a text stream put in place of stdin (tests, embedding)
                text = sys.stdin.read(MAX_FILE_BYTES + 1)
                if len(text) > MAX_FILE_BYTES:
                    raise InvalidInput("file", f"larger than {MAX_FILE_BYTES} bytes", path)
                return text.removeprefix("\ufeff")
            data = _read_bytes(stdin, path)
        else:
            with Path(path).open("rb") as stream:
                data = _read_bytes(stream, path)
    except OSError as error:
        raise InvalidInput("file", f"cannot read: {error.strerror or error}", path) from None
    except ValueError as error:  # a path with a NUL byte
        if isinstance(error, InvalidInput):
            raise
        raise InvalidInput("file", "not a usable path", path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInput("file", f"is not UTF-8 text (byte {error.start})", path) from None


def _no_constant(name: str) -> object:
    raise InvalidInput("file", f"{name} is not a number JSON allows", name)


def _read_data(path: str) -> dict[str, object]:
    """A TOML or JSON file (by extension; TOML otherwise) as plain data; Decimals for JSON numbers.

    Nesting deeper than :data:`cspcore._plain.MAX_NESTING` is refused before parsing, so that no
    parser recurses until the stack runs out.
    """
    text = _read_text(path)
    kind = "JSON" if path.endswith(".json") else "TOML"
    _plain.nesting(text, "file")
    try:
        if kind == "JSON":
            data = json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
        else:
            data = tomllib.loads(text)
    except InvalidInput:
        raise
    except ValueError as error:  # JSONDecodeError, TOMLDecodeError, an int of over 4,300 digits
        raise InvalidInput("file", f"is not valid {kind}: {error}", path) from None
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
    start, end = args.start, args.end
    progress = Progress(len(policies), "simulating")
    results = []
    for policy in policies:
        results.append(simulate(policy, portfolio, start=start, end=end))
        progress.advance()
    progress.close()
    comparison = Comparison(results=tuple(results))
    _say(comparison.table(), newlines=True)  # policy names come from files
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
    writer.writerows({column: csv_cell(cell) for column, cell in row.items()} for row in to_recon_rows(lines))
    return 0


def reconcile_command(args: argparse.Namespace) -> int:
    r"""Reconcile two reconciliation-style CSV files; print the report; exit 1 when they differ.

    The billed file is split into lines only where CSV ends a line (``\n``, ``\r\n``, ``\r``), as
    :func:`~cspcore.interop.parse_recon_rows` reads it: a product name holding U+2028 or ``\x85``
    stays one field.
    """
    locale_of(args.locale)  # refuse an unknown locale before reading anything
    expected = parse_recon_rows(_read_text(args.expected))
    actual_text = _read_text(args.actual)
    progress = Progress(max(actual_text.count("\n") or actual_text.count("\r"), 1), "reconciling")

    def counted(lines: io.StringIO) -> Iterator[str]:
        for index, line in enumerate(lines):
            if index and index % 1000 == 0:
                progress.advance(1000)
            yield line

    actual = iter_recon_rows(counted(io.StringIO(actual_text.removeprefix("\ufeff"), newline="")))
    report = reconcile(expected, actual, tolerance=args.tolerance)
    progress.close()
    for reason in report.reasons:
        _say(render(reason, locale=args.locale))
    for mismatch in report.mismatched:
        line = mismatch.actual
        shown = f"  {line.subscription_id} {line.charge_type.value} {line.charge_start}: {mismatch.field}"
        _say(shown + (f" differs by {mismatch.difference}" if mismatch.difference is not None else ""))
    return 0 if report.ok else 1


def explain_command(args: argparse.Namespace) -> int:
    """Explain each charge line of a reconciliation-style CSV file to the customer, a sentence a line."""
    locale_of(args.locale)  # refuse an unknown locale before reading anything
    lines = parse_recon_rows(_read_text(args.file))
    for line in lines:
        for reason in explain_charge_reasons(line, locale=args.locale):
            _say(render(reason, locale=args.locale))  # product names and ids come from the file
        _say()
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
    whatif_parser.add_argument(
        "--start",
        type=_flag(_iso_date, "date"),
        default=dt.date(2024, 1, 1),
        help="first day simulated (ISO date)",
    )
    whatif_parser.add_argument(
        "--end",
        type=_flag(_iso_date, "date"),
        default=dt.date(2024, 12, 31),
        help="last day simulated (ISO date)",
    )
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
        "--tolerance",
        type=_flag(_tolerance, "tolerance"),
        default=Decimal(0),
        help="allowed difference per amount, a non-negative decimal (default 0)",
    )
    reconcile_parser.add_argument("--locale", default="en_US", help="language of the report")
    explain_parser = commands.add_parser("explain-charge", help="explain the charges in a reconciliation CSV")
    explain_parser.add_argument("file", metavar="RECON.csv")
    explain_parser.add_argument("--locale", default="en_US", help="language of the explanation")
    return parser


def _demo_command(args: argparse.Namespace) -> int:
    sys.stdout.write(demo(locale=args.locale) + "\n")
    return 0


_COMMANDS: Final[dict[str, Callable[[argparse.Namespace], int]]] = {
    "demo": _demo_command,
    "whatif": whatif,
    "rate": rate_command,
    "reconcile": reconcile_command,
    "explain-charge": explain_command,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 done, 1 files differ, 2 refused input or flags)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version, or a usage error already reported in one line
        return stop.code if isinstance(stop.code, int) else USAGE_ERROR
    command = _COMMANDS.get(args.command)
    if command is None:
        parser.print_help()
        return USAGE_ERROR
    try:
        return command(args)
    except BrokenPipeError:  # the reader went away (| head): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except CspError as error:  # InvalidInput and every refusal of a rule
        sys.stderr.write(_error_line(str(error)))
        return USAGE_ERROR
    except Exception as error:  # noqa: BLE001 - whatever a file provokes, one line and status 2, not a traceback
        sys.stderr.write(_error_line(f"unexpected {type(error).__name__}: {error}"))
        return USAGE_ERROR


__all__ = [
    "FORMULA_STARTS",
    "MAX_FILE_BYTES",
    "build_parser",
    "csv_cell",
    "demo",
    "main",
    "money_section",
    "terminal_text",
]
