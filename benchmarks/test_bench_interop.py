"""Reading and reconciling a month of new-commerce reconciliation rows, against a csv + Decimal loop.

The issue's limit: ``parse_recon_rows`` + ``reconcile`` of 1,000,000 rows within 3x a minimal loop that
reads the same rows with :mod:`csv` and sums ``Subtotal`` per subscription with :class:`Decimal`.
Rows are generated (seeded) into a temporary CSV file; both sides stream it from disk. Set
``CSPCORE_BENCH_ROWS`` to change the row count (1,000,000 by default). Peak memory of one pass of each
side is measured with :mod:`tracemalloc` and reported in ``extra_info`` (MiB): for cspcore, the memory
of the expected lines (``expected_lines_mib``, held before the run) and the peak allocated while
parsing and reconciling the streamed rows (``peak_mib``: the index of the expected lines and a
pointer or two per matched pair, since a billed row equal to its expected line is represented by
that line; no list of row dicts or of all rows is built).
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import random
import tracemalloc
from collections import defaultdict
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING, Any

import pytest

from cspcore.interop import RECON_COLUMNS, iter_recon_rows, parse_recon_rows, reconcile

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

    from cspcore.billing import ChargeLine

ROWS = int(os.environ.get("CSPCORE_BENCH_ROWS", "1000000"))
KINDS = ("new", "cycleCharge", "renew", "addQuantity", "removeQuantity", "cancelImmediate")
PRODUCTS = ("Microsoft 365 E3", "Microsoft 365 Business Standard", "Teams Phone Standard", "Power BI Pro")


def write_rows(path: Path, count: int) -> None:
    """A month of rows for 50,000 subscriptions: prorated prices, refunds, tax, all the columns read."""
    rng = random.Random(20240301)
    start = dt.date(2024, 3, 1)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(RECON_COLUMNS)
        for index in range(count):
            subscription = f"{rng.randrange(50_000):08d}-0e74-4f65-cb23-f8ad95867994"
            day = start + dt.timedelta(days=rng.randrange(31))
            end = dt.date(2024, 3, 31) + dt.timedelta(days=day.day - 1)
            days = (end - day).days + 1
            unit = Decimal(rng.choice((12, 36, "10.08", "22.50", "8.40")))
            effective = (unit * days / 31).quantize(Decimal("0.000001"))
            quantity = rng.randrange(1, 300)
            sign = -1 if rng.random() < 0.2 else 1
            subtotal = (effective * quantity).quantize(Decimal("0.01"), rounding=ROUND_DOWN) * sign
            tax = (subtotal * Decimal("0.21")).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
            writer.writerow((
                "c" + subscription[:8], day.isoformat(), rng.choice(PRODUCTS), rng.choice(KINDS), unit,
                quantity, subtotal, tax, subtotal + tax, "EUR", subscription, day.isoformat(),
                end.isoformat(),
                "One-Year commitment for monthly/yearly billing", effective * sign, quantity, "Monthly",
                "2024-01-01", "2024-12-31", f"ref-{index}", "",
            ))  # fmt: skip


@pytest.fixture(scope="module")
def recon_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("recon") / "recon.csv"
    write_rows(path, ROWS)
    return path


def baseline(path: Path) -> dict[str, Decimal]:
    """The minimal loop: csv rows, Decimal subtotals summed per subscription."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        header = next(rows)
        subscription, subtotal = header.index("SubscriptionId"), header.index("Subtotal")
        for row in rows:
            totals[row[subscription]] += Decimal(row[subtotal])
    return totals


def peak_mib(call: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        call()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_reconcile_month_baseline(benchmark: Any, recon_file: Path) -> None:
    benchmark.group = "interop: parse_recon_rows + reconcile"
    benchmark.extra_info["rows"] = ROWS
    benchmark.extra_info["peak_mib"] = round(peak_mib(lambda: baseline(recon_file)), 1)
    totals = benchmark.pedantic(baseline, args=(recon_file,), rounds=3, iterations=1)
    assert len(totals) > 1000


def test_reconcile_month_cspcore(benchmark: Any, recon_file: Path) -> None:
    benchmark.group = "interop: parse_recon_rows + reconcile"
    benchmark.extra_info["limit"] = 3
    benchmark.extra_info["rows"] = ROWS
    expected: tuple[ChargeLine, ...] = ()

    def load() -> None:
        nonlocal expected
        with recon_file.open(newline="", encoding="utf-8") as handle:
            expected = parse_recon_rows(handle)  # stands for your own rating, already in memory

    benchmark.extra_info["expected_lines_mib"] = round(peak_mib(load), 1)

    def run() -> bool:
        with recon_file.open(newline="", encoding="utf-8") as handle:
            report = reconcile(expected, iter_recon_rows(handle))
        return report.is_clean

    # Allocated while reconciling: the index of the expected lines and the report's matched pairs.
    benchmark.extra_info["peak_mib"] = round(peak_mib(run), 1)
    assert benchmark.pedantic(run, rounds=3, iterations=1)
