"""Money, totals, formatting and import time, each beside the baseline the foundation issue names."""

from __future__ import annotations

import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pytest
from babel import Locale
from babel.numbers import format_currency

from cspcore import Money, total
from cspcore.i18n import format_money

A = Decimal("1234.5678")
B = Decimal("0.0042")
CENT = Decimal("0.01")


# -- (a + b).round() ---------------------------------------------------------------------------


@pytest.mark.benchmark(group="money: add + round")
def test_add_round_baseline(benchmark: Any) -> None:
    def run() -> Decimal:
        return (A + B).quantize(CENT, rounding=ROUND_HALF_UP)

    assert benchmark(run) == Decimal("1234.57")


@pytest.mark.benchmark(group="money: add + round")
def test_add_round_cspcore(benchmark: Any) -> None:
    a, b = Money(A, "EUR"), Money(B, "EUR")
    benchmark.extra_info["limit"] = 3.0

    def run() -> Money:
        return (a + b).round()

    assert benchmark(run) == Money("1234.57", "EUR")


@pytest.mark.benchmark(group="money: add + round")
def test_add_round_py_moneyed(benchmark: Any) -> None:
    moneyed = pytest.importorskip("moneyed")
    a, b = moneyed.Money(A, "EUR"), moneyed.Money(B, "EUR")
    result = benchmark(lambda: (a + b).round(2))
    assert result.amount == Decimal("1234.57")


# -- totalling 1,000,000 amounts ------------------------------------------------------------------

MANY = 1_000_000


@pytest.fixture(scope="module")
def decimals() -> list[Decimal]:
    return [Decimal(i % 10_000).scaleb(-2) for i in range(MANY)]


@pytest.mark.benchmark(group="money: total of 1,000,000")
def test_total_baseline(benchmark: Any, decimals: list[Decimal]) -> None:
    result = benchmark.pedantic(sum, args=(decimals, Decimal(0)), rounds=5, iterations=1)
    assert result > 0


@pytest.mark.benchmark(group="money: total of 1,000,000")
def test_total_cspcore(benchmark: Any, decimals: list[Decimal]) -> None:
    amounts = [Money(d, "EUR") for d in decimals]
    benchmark.extra_info["limit"] = 1.5
    result = benchmark.pedantic(total, args=(amounts,), rounds=5, iterations=1)
    assert result.amount == sum(decimals, Decimal(0))


# -- format_money ----------------------------------------------------------------------------------


@pytest.mark.benchmark(group="i18n: format money")
def test_format_baseline(benchmark: Any) -> None:
    locale = Locale.parse("cs_CZ")
    assert benchmark(format_currency, A, "CZK", locale=locale) == "1\xa0234,57\xa0Kč"


@pytest.mark.benchmark(group="i18n: format money")
def test_format_cspcore(benchmark: Any) -> None:
    amount = Money(A, "CZK")
    benchmark.extra_info["limit"] = 1.0
    assert benchmark(format_money, amount, locale="cs_CZ") == "1\xa0234,57\xa0Kč"


# -- import time -----------------------------------------------------------------------------------


def _import(statement: str) -> None:
    subprocess.run([sys.executable, "-c", statement], check=True)  # noqa: S603 - our own interpreter


@pytest.mark.benchmark(group="import")
def test_import_baseline(benchmark: Any) -> None:
    benchmark.pedantic(_import, args=("import attrs, babel, cattrs",), rounds=15, iterations=1)


@pytest.mark.benchmark(group="import")
def test_import_cspcore(benchmark: Any) -> None:
    benchmark.extra_info["limit"] = 1.3
    benchmark.pedantic(_import, args=("import cspcore",), rounds=15, iterations=1)
