"""``cspcore rate``: rate a subscription history file into reconciliation-style CSV.

``cspcore rate --help`` documents the history file; its reference is written from
:func:`cspcore.billing.history.history_schema`, so it lists every key the reader accepts.
"""

from __future__ import annotations

import argparse
import csv
import decimal
import functools
import sys
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from cspcore import Reason, RuleViolation
from cspcore.billing import (
    BillingFrequency,
    LifecycleEvent,
    ProductFamily,
    ProrationRounding,
    history_from_dict,
    rate,
)
from cspcore.billing.history import EVENT_KINDS, history_schema
from cspcore.cli.files import read_data, within
from cspcore.cli.flags import Parser, help_formatter
from cspcore.cli.safety import csv_cell
from cspcore.cli.words import DEFAULT_LOCALE, add_locale, announce, message
from cspcore.i18n import render
from cspcore.interop import RECON_COLUMNS, to_recon_rows

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from cspcore.billing.history import HistoryKey

__all__ = ["HELP", "add_arguments", "epilog", "run", "shown_price"]

HELP: Final = "rate a subscription history (TOML) into reconciliation CSV"
#: The decimals of EffectiveUnitPrice in Microsoft's reconciliation files (see docs/cli.md, "rate").
_PRICE_DECIMALS: Final = Decimal("0.01")
#: The choices listed beside a kind of value in the help.
_CHOICES: Final = {
    value: tuple(member.name.lower() for member in members)
    for value, members in (
        ("frequency", BillingFrequency),
        ("family", ProductFamily),
        ("rounding", ProrationRounding),
    )
}


def _say(code: str, locale: str, **params: object) -> str:
    return render(Reason(code=code, params=params), locale=locale)


def _key_line(key: HistoryKey, locale: str) -> str:
    value = _say(f"cli.rate.value.{key.value}", locale, choices=", ".join(_CHOICES.get(key.value, ())))
    need = _say("cli.rate.help.required" if key.required else "cli.rate.help.optional", locale)
    return f"    {key.name:<16} {value}; {need}"


def _example(name: str, keys: Sequence[HistoryKey]) -> str:
    required = " ".join(f"{key.name} = {key.example}," for key in keys if key.in_example).rstrip(",")
    return f"      {{ kind = {name!r}, {required} }}".replace("'", '"')


def epilog(*, locale: str = "en_US") -> str:
    """The history file's reference that ``cspcore rate --help`` shows, in ``locale``.

    Every table and key comes from :func:`~cspcore.billing.history.history_schema`; each event kind
    has an example holding its required keys.

    >>> text = epilog()
    >>> "change_quantity" in text and "unit_price" in text and "events = [" in text
    True
    """
    schema = history_schema()
    lines = [_say("cli.rate.help.intro", locale), ""]
    for table in ("", "subscription"):
        lines.append(f"  [{table}]" if table else f"  ({_say('cli.rate.help.top', locale)})")
        lines += [_key_line(key, locale) for key in schema[table]]
    lines += ["", _say("cli.rate.help.events", locale)]
    for kind in EVENT_KINDS:
        lines.append(f"  kind = {kind!r}".replace("'", '"'))
        lines += [_key_line(key, locale) for key in schema[kind]]
    lines += ["", _say("cli.rate.help.example", locale), ""]
    lines += [
        f"  {key.name} = {key.example}"
        for key in schema[""]
        if key.in_example and key.value not in {"table", "tables"}
    ]
    lines += ["  events = ["]
    lines += [_example(kind, schema[kind]) + "," for kind in EVENT_KINDS]
    lines += ["  ]", "", "  [subscription]"]
    lines += [f"  {key.name} = {key.example}" for key in schema["subscription"] if key.in_example]
    lines += ["", _say("cli.rate.help.prices", locale)]
    return "\n".join(lines)


def add_arguments(parser: argparse.ArgumentParser, *, locale: str = DEFAULT_LOCALE) -> None:
    """The command's argument (the history file) and its reference, shown by ``--help`` in ``locale``."""
    parser.formatter_class = help_formatter(locale, argparse.RawDescriptionHelpFormatter)
    if isinstance(parser, Parser):
        parser.epilog_of = functools.partial(epilog, locale=locale)
    parser.add_argument(
        "file", metavar="SUBSCRIPTION.toml", help=message("cli.help.rate.file", locale=locale)
    )
    add_locale(parser, purpose=message("cli.help.locale.rate", locale=locale), locale=locale)


def shown_price(amount: Decimal) -> Decimal:
    """An effective unit price as Microsoft's reconciliation files show it: two decimals, half up.

    >>> shown_price(Decimal("11.225806451612903225806451612903")), shown_price(Decimal("-9.408"))
    (Decimal('11.23'), Decimal('-9.41'))
    >>> shown_price(Decimal("12"))
    Decimal('12.00')
    """
    return amount.quantize(_PRICE_DECIMALS, rounding=decimal.ROUND_HALF_UP, context=decimal.Context(prec=64))


def _refused_event(
    violation: RuleViolation,
    path: str,
    events: Sequence[LifecycleEvent],
    fails: Callable[[int], bool],
    *,
    locale: str,
) -> RuleViolation:
    """``violation`` naming the event that provoked it: its index, kind and day, and why (its reasons).

    ``fails(n)`` rates the first ``n`` events and says whether they are refused; the event is the
    last of the fewest that are (found by halving, so a long history costs few ratings).
    """
    low, high = 0, len(events)
    if not events or fails(0):  # the subscription itself is refused, not an event
        return violation
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if fails(middle) else (middle, high)
    event = events[high - 1]
    kind = next((name for name, cls in EVENT_KINDS.items() if type(event) is cls), type(event).__name__)
    day = getattr(event, "on", None) or getattr(event, "at", "")
    why = " ".join(render(reason, locale=locale) for reason in violation.reasons) or str(violation)
    where = f"{path}:events[{high - 1}] ({kind}, {day})"
    return type(violation)(f"{where}: {violation.code}: {why}", reasons=violation.reasons)


def run(args: argparse.Namespace) -> int:
    """Rate a subscription history file and write its charge lines as reconciliation-style CSV."""
    announce(args.locale)
    with within(args.file):
        subscription, events, through, rounding = history_from_dict(read_data(args.file))

    def fails(count: int) -> bool:
        try:
            rate(subscription, events[:count], through=through, rounding=rounding)
        except RuleViolation:
            return True
        return False

    try:
        with within(args.file):  # a rule may refuse a value only the whole history shows wrong
            lines = rate(subscription, events, through=through, rounding=rounding)
    except RuleViolation as violation:
        raise _refused_event(violation, args.file, events, fails, locale=args.locale) from None
    writer = csv.DictWriter(sys.stdout, fieldnames=list(RECON_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for line, row in zip(lines, to_recon_rows(lines), strict=True):
        row["EffectiveUnitPrice"] = f"{shown_price(line.effective_unit_price.amount)}"
        writer.writerow({column: csv_cell(cell) for column, cell in row.items()})
    return 0
