"""The money section of ``cspcore demo``: arithmetic, rounding, allocation and formatting.

>>> print(money_section(locale="en_US").splitlines()[0])
Money
"""

from __future__ import annotations

from cspcore import Money, Reason, Rounding, allocate, total
from cspcore.cli.safety import display_width
from cspcore.i18n import SUPPORTED_LOCALES, format_money, locale_of, render

__all__ = ["heading", "money_section"]


def heading(text: str) -> str:
    """``text`` underlined with ``=``, as wide as a terminal shows it (a CJK character takes two columns)."""
    return f"{text}\n{'=' * display_width(text)}"


def money_section(*, locale: str) -> str:
    """Money arithmetic, rounding, allocation and formatting, explained in ``locale``."""

    def say(code: str, **params: object) -> str:
        return render(Reason(code=code, params=params), locale=locale)

    price = Money("9.408", "EUR")
    seats = 3
    line = price * seats
    hundred = Money("100.00", "EUR")
    parts = allocate(hundred, [1, 1, 1])
    rows = [
        heading(say("cli.demo.money.title")),
        say("cli.demo.money.exact", price=price, seats=seats, line=line),
        say(
            "cli.demo.money.recon",
            recon=price.round(Rounding.DOWN) * seats,
            truncated=line.round(Rounding.DOWN),
            half_up=line.round(),
        ),
        say("cli.demo.money.split", total=hundred, parts=parts, sum=total(parts)),
        say("cli.demo.money.cash", amount=Money("10.07", "CHF"), cash=Money("10.07", "CHF").round(cash=True)),
        "",
        say("cli.demo.money.locales"),
    ]
    samples = [Money("1234.5", "EUR"), Money("1234.5", "CZK"), Money("1234", "JPY"), Money("-0.5", "USD")]
    for name in SUPPORTED_LOCALES:
        marker = "*" if name == str(locale_of(locale)) else " "
        shown = "   ".join(format_money(sample, locale=name) for sample in samples)
        rows.append(f" {marker} {name}: {shown}")
    digits = len(str((Money("1", "EUR") / 3).amount)) - 2
    rows.append(say("cli.demo.money.division", amount=Money("1", "EUR"), digits=digits))
    return "\n".join(rows)
