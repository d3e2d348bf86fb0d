"""Money, totals, formatting and import time, each beside the baseline the foundation issue names.

Amounts are drawn like invoice figures: four-decimal unit prices up to a million, small adjustments,
six currencies (JPY without minor units); formatted amounts are charges, refunds and zeros in seven
currencies (JPY none, KWD three decimals) and seven locales (India's grouping too). The baselines are plain
``Decimal`` arithmetic, babel's own formatter, py-moneyed, and importing cspcore's own dependencies.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from babel import Locale
from babel.numbers import format_currency

import cspcore
from cspcore import Money, Rounding, total
from cspcore.i18n import format_money
from cspcore.money import minor_units
from paired import Case, bench

if TYPE_CHECKING:
    import random

CURRENCIES = ("EUR", "USD", "CZK", "PLN", "HUF", "JPY")
#: Formatting leaves HUF out: cspcore shows ISO 4217's two decimals (since 0.1.0), babel CLDR's none.
FORMATTED = ("EUR", "USD", "CZK", "PLN", "JPY", "INR", "KWD")
#: Six locales of the catalogs' countries, and India's grouping (12,34,567.00).
LOCALES = ("cs_CZ", "en_US", "de_DE", "pl_PL", "hu_HU", "ja_JP", "en_IN")


def amount(rng: random.Random) -> Decimal:
    """An amount of up to a million with four decimals (a unit price times a fraction of a cycle)."""
    return Decimal(rng.randint(1, 10**10)).scaleb(-4)


def pairs(rng: random.Random, size: int) -> list[tuple[Decimal, Decimal, str, int]]:
    """Two amounts and their currency, with its minor units from cspcore's table (input, not work)."""
    drawn = [
        (amount(rng), Decimal(rng.randint(-50_000, 50_000)).scaleb(-4), rng.choice(CURRENCIES))
        for _ in range(size)
    ]
    return [(a, b, c, minor_units(c)) for a, b, c in drawn]


# -- (a + b).round() ---------------------------------------------------------------------------


def build_add(rng: random.Random, size: int) -> tuple[list[tuple[Money, Money]], list[tuple[Decimal, ...]]]:
    drawn = pairs(rng, size)
    money = [(Money(a, c), Money(b, c)) for a, b, c, _ in drawn]
    return money, [(a, b, Decimal(1).scaleb(-d)) for a, b, _, d in drawn]


def add_round(pairs: list[tuple[Money, Money]]) -> list[Money]:
    return [(a + b).round() for a, b in pairs]


def add_round_baseline(pairs: list[tuple[Decimal, ...]]) -> list[Decimal]:
    return [(a + b).quantize(quantum, rounding=ROUND_HALF_UP) for a, b, quantum in pairs]


def amounts(result: list[Money]) -> list[Decimal]:
    return [m.amount for m in result]


ADD_ROUND = Case(
    name="money: add + round",
    build=build_add,
    case=add_round,
    baseline=add_round_baseline,
    answer=amounts,
    size=5_000,
    limit=2,
)


# -- against py-moneyed --------------------------------------------------------------------------


def build_moneyed(
    rng: random.Random, size: int
) -> tuple[list[tuple[Money, Money]], list[tuple[Any, Any, int]]]:
    import moneyed

    drawn = pairs(rng, size)
    ours = [(Money(a, c), Money(b, c)) for a, b, c, _ in drawn]
    return ours, [(moneyed.Money(a, c), moneyed.Money(b, c), d) for a, b, c, d in drawn]


def add_round_even(pairs: list[tuple[Money, Money]]) -> list[Decimal]:
    return [(a + b).round(Rounding.HALF_EVEN).amount for a, b in pairs]


def add_round_moneyed(pairs: list[tuple[Any, Any, int]]) -> list[Decimal]:
    return [(a + b).round(digits).amount for a, b, digits in pairs]


MONEYED = Case(
    name="money: add + round, vs py-moneyed",
    build=build_moneyed,
    case=add_round_even,
    baseline=add_round_moneyed,
    size=5_000,
)


# -- total ---------------------------------------------------------------------------------------


def build_total(rng: random.Random, size: int) -> tuple[list[Money], list[Decimal]]:
    """Line subtotals: a price in cents times a seat count, so that hardly two are equal."""
    decimals = [Decimal(rng.randint(100, 60_000) * rng.randint(1, 300)).scaleb(-2) for _ in range(size)]
    return [Money(d, "EUR") for d in decimals], decimals


def total_baseline(decimals: list[Decimal]) -> Decimal:
    return sum(decimals, Decimal(0))


def total_amount(result: Money) -> Decimal:
    return result.amount


TOTAL = Case(
    name="money: total of amounts",
    build=build_total,
    case=total,
    baseline=total_baseline,
    answer=total_amount,
    size=1_000_000,
    limit=1.5,
    rounds=5,
)


def build_column(rng: random.Random, size: int) -> tuple[Any, list[Decimal]]:
    """The same line subtotals as a column: one currency, the amounts checked as the column is built.

    Imported here, not at the top: ``before_after.py`` runs these cases against versions without it.
    """
    from cspcore.money import MoneyColumn

    _, decimals = build_total(rng, size)
    return MoneyColumn(decimals, "EUR"), decimals


TOTAL_COLUMN = dataclasses.replace(TOTAL, name="money: total of a column", build=build_column)


# -- format_money ----------------------------------------------------------------------------------


@functools.cache
def parsed_locales() -> dict[str, Locale]:
    """The locales, parsed once per process, as a babel user keeps them (cspcore keeps its own)."""
    return {name: Locale.parse(name) for name in LOCALES}


def signed(rng: random.Random) -> Decimal:
    """An amount as an invoice shows it: a charge, a refund (one in five) or, now and then, zero."""
    drawn = rng.choice((amount(rng), amount(rng), amount(rng), amount(rng), -amount(rng)))
    return Decimal(0) if rng.random() < 0.02 else drawn


def build_format(
    rng: random.Random, size: int
) -> tuple[list[tuple[Money, str]], list[tuple[Decimal, str, Locale]]]:
    drawn = [(signed(rng), rng.choice(FORMATTED), rng.choice(LOCALES)) for _ in range(size)]
    parsed = parsed_locales()
    return [(Money(a, c), loc) for a, c, loc in drawn], [(a, c, parsed[loc]) for a, c, loc in drawn]


def format_case(items: list[tuple[Money, str]]) -> list[str]:
    return [format_money(money, locale=locale) for money, locale in items]


def format_baseline(items: list[tuple[Decimal, str, Locale]]) -> list[str]:
    return [format_currency(a, c, locale=loc) for a, c, loc in items]


FORMAT = Case(
    name="i18n: format_money in seven locales",
    build=build_format,
    case=format_case,
    baseline=format_baseline,
    size=2_000,
    limit=1.0,
    prime_size=400,  # babel and cspcore load each (locale, currency) format once per process (49 pairs)
)


# -- import time -----------------------------------------------------------------------------------


def _import(statement: str) -> None:
    # The interpreter finds the cspcore under test, wherever this one found it.
    env = {**os.environ, "PYTHONPATH": str(Path(cspcore.__file__).resolve().parents[1])}
    subprocess.run([sys.executable, "-c", statement], check=True, env=env)  # noqa: S603 - our own interpreter


def build_import(rng: random.Random, size: int) -> tuple[str, str]:
    del rng, size
    return "import cspcore", "import attrs, babel, cattrs"


IMPORT = Case(
    name="import: cspcore against its dependencies",
    build=build_import,
    case=_import,
    baseline=_import,
    size=1,
    limit=1.3,
    rounds=11,
    warm=False,  # a second import in one interpreter costs nothing
)

try:
    import moneyed  # noqa: F401 - only whether it is there
except ImportError:  # pragma: no cover - py-moneyed is a dev dependency
    CASES: tuple[Case, ...] = (ADD_ROUND, TOTAL, TOTAL_COLUMN, FORMAT, IMPORT)
else:
    CASES = (ADD_ROUND, MONEYED, TOTAL, TOTAL_COLUMN, FORMAT, IMPORT)


def test_add_round(benchmark: Any) -> None:
    bench(benchmark, ADD_ROUND)


def test_add_round_against_py_moneyed(benchmark: Any) -> None:
    pytest.importorskip("moneyed")
    bench(benchmark, MONEYED)


def test_total(benchmark: Any) -> None:
    bench(benchmark, TOTAL)


def test_total_of_a_column(benchmark: Any) -> None:
    bench(benchmark, TOTAL_COLUMN)


def test_format_money(benchmark: Any) -> None:
    bench(benchmark, FORMAT)


def test_import(benchmark: Any) -> None:
    bench(benchmark, IMPORT)
