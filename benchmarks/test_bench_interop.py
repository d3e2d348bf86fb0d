"""Reconciling a month of new-commerce reconciliation rows, against a csv + Decimal loop doing the same.

The issue's limit: ``reconcile`` of a streamed file of 1,000,000 rows (``iter_recon_rows``) within 3x
a minimal loop that does the same job with :mod:`csv` and :class:`Decimal`: index the expected
lines by what identifies a charge (subscription, charge type, start, end, quantity, sign), stream
the billed file, pair each row, compare unit price, effective unit price, subtotal, tax and total, and
count what is missing and what was not expected. Both sides get the expected lines already in memory
(cspcore's from ``parse_recon_rows``, standing for your own rating; the loop's as tuples of
Decimals) and index them in the timed call.

Each round writes two seeded files: the expected month (50,000 subscriptions, prorated prices,
refunds, tax, four currencies' worth of unit prices in EUR) and the billed one, which differs the
way real months do: about 1 % of rows billed a cent off, 0.5 % not billed, 0.5 % billed unexpectedly.
Set ``CSPCORE_BENCH_SCALE`` (``paired.py``) for fewer rows.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import shutil
import tempfile
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cspcore.interop import RECON_COLUMNS, iter_recon_rows, parse_recon_rows, reconcile
from paired import Case, bench

if TYPE_CHECKING:
    import random

    from cspcore.billing import ChargeLine
    from cspcore.interop import ReconciliationReport

KINDS = ("new", "cycleCharge", "renew", "addQuantity", "removeQuantity", "cancelImmediate")
PRODUCTS = ("Microsoft 365 E3", "Microsoft 365 Business Standard", "Teams Phone Standard", "Power BI Pro")
CENT = Decimal("0.01")
#: The fields compared between paired lines, by their column.
COMPARED = (
    ("unit_price", "UnitPrice"),
    ("effective_unit_price", "EffectiveUnitPrice"),
    ("subtotal", "Subtotal"),
    ("tax", "TaxTotal"),
    ("total", "Total"),
)
#: The answer both sides give: matched, missing and unexpected counts, and every mismatch as
#: (subscription id, charge start, field), sorted.
Answer = tuple[int, int, int, list[tuple[str, str, str]]]


def draw_row(rng: random.Random, index: int) -> list[Any]:
    """A row of a month for 50,000 subscriptions: prorated prices, refunds, tax, all the columns read."""
    subscription = f"{rng.randrange(50_000):08d}-0e74-4f65-cb23-f8ad95867994"
    day = dt.date(2024, 3, 1) + dt.timedelta(days=rng.randrange(31))
    end = dt.date(2024, 3, 31) + dt.timedelta(days=day.day - 1)
    days = (end - day).days + 1
    unit = Decimal(rng.randint(100, 60_000)).scaleb(-2)
    effective = (unit * days / 31).quantize(Decimal("0.000001"))
    quantity = rng.randrange(1, 300)
    sign = -1 if rng.random() < 0.2 else 1
    subtotal = (effective * quantity).quantize(CENT, rounding=ROUND_DOWN) * sign
    tax = (subtotal * Decimal("0.21")).quantize(CENT, rounding=ROUND_DOWN)
    return [
        "c" + subscription[:8], day.isoformat(), rng.choice(PRODUCTS), rng.choice(KINDS), unit, quantity,
        subtotal, tax, subtotal + tax, "EUR", subscription, day.isoformat(), end.isoformat(),
        "One-Year commitment for monthly/yearly billing", effective * sign, quantity, "Monthly",
        "2024-01-01", "2024-12-31", f"ref-{index}", "",
        "", "", "",  # PricingCurrency, PCToBCExchangeRate, PCToBCExchangeRateDate: priced in EUR
    ]  # fmt: skip


def identity(row: list[Any]) -> tuple[str, str, str, str, int, bool]:
    """What pairs a row: subscription, charge type, start, end, quantity and sign."""
    return str(row[10]), str(row[3]), str(row[11]), str(row[12]), int(row[5]), Decimal(row[6]) < 0


def month(rng: random.Random, count: int) -> tuple[list[list[Any]], list[list[Any]]]:
    """The expected rows (identities unique, as in a real file) and the billed rows."""
    expected: list[list[Any]] = []
    seen: set[tuple[str, str, str, str, int, bool]] = set()
    index = 0
    while len(expected) < count:
        row = draw_row(rng, index)
        index += 1
        if identity(row) not in seen:
            seen.add(identity(row))
            expected.append(row)
    billed: list[list[Any]] = []
    for row in expected:
        pick = rng.random()
        if pick < 0.005:  # not billed
            continue
        copy = list(row)
        if pick < 0.015:  # billed a cent off
            copy[6] += CENT
            copy[8] += CENT
        billed.append(copy)
    while len(billed) < count:  # billed, never expected
        row = draw_row(rng, index)
        index += 1
        if identity(row) not in seen:
            seen.add(identity(row))
            billed.insert(rng.randrange(len(billed) + 1), row)
    return expected, billed


def write(path: Path, rows: list[list[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(RECON_COLUMNS)
        writer.writerows(rows)


Plain = list[tuple[tuple[str, str, str, str, int, bool], tuple[Decimal, ...]]]


def build(rng: random.Random, size: int) -> tuple[tuple[tuple[ChargeLine, ...], Path], tuple[Plain, Path]]:
    expected, billed = month(rng, size)
    folder = Path(tempfile.mkdtemp(prefix="cspcore-bench-"))
    write(folder / "expected.csv", expected)
    write(folder / "billed.csv", billed)
    with (folder / "expected.csv").open(newline="", encoding="utf-8") as handle:
        lines = parse_recon_rows(handle)
    columns = [RECON_COLUMNS.index(column) for _, column in COMPARED]
    plain = [(identity(row), tuple(Decimal(row[c]) for c in columns)) for row in expected]
    return (lines, folder / "billed.csv"), (plain, folder / "billed.csv")


def cleanup(case_input: tuple[Any, Path], baseline_input: tuple[Any, Path]) -> None:
    del baseline_input
    shutil.rmtree(case_input[1].parent, ignore_errors=True)


def reconcile_file(data: tuple[tuple[ChargeLine, ...], Path]) -> ReconciliationReport:
    expected, billed = data
    with billed.open(newline="", encoding="utf-8") as handle:
        return reconcile(expected, iter_recon_rows(handle))


def answer(report: ReconciliationReport) -> Answer:
    mismatches = sorted(
        (m.expected.subscription_id, m.expected.charge_start.isoformat(), m.field) for m in report.mismatched
    )
    return len(report.matched_expected), len(report.missing), len(report.unexpected), mismatches


def baseline(data: tuple[Plain, Path]) -> Answer:
    """Index the expected lines, stream the billed file, pair, compare, count."""
    expected, billed = data
    pending = dict(expected)
    matched = unexpected = 0
    mismatches: list[tuple[str, str, str]] = []
    with billed.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        header = next(rows)
        at = {name: header.index(name) for name in RECON_COLUMNS}
        columns = [at[column] for _, column in COMPARED]
        for row in rows:
            key = (
                row[at["SubscriptionId"]],
                row[at["ChargeType"]],
                row[at["ChargeStartDate"]],
                row[at["ChargeEndDate"]],
                int(row[at["Quantity"]]),
                row[at["Subtotal"]].startswith("-"),
            )
            figures = pending.pop(key, None)
            if figures is None:
                unexpected += 1
                continue
            found = len(mismatches)
            for (name, _), column, wanted in zip(COMPARED, columns, figures, strict=True):
                if Decimal(row[column]) != wanted:
                    mismatches.append((key[0], key[2], name))
            matched += len(mismatches) == found
    return matched, len(pending), unexpected, sorted(mismatches)


RECONCILE = Case(
    name="interop: reconcile a month of rows",
    build=build,
    case=reconcile_file,
    baseline=baseline,
    answer=answer,
    cleanup=cleanup,
    size=int(os.environ.get("CSPCORE_BENCH_ROWS", "1000000")),
    limit=3,
    rounds=3,
    prime_size=100,
)

CASES = (RECONCILE,)


def test_reconcile_month(benchmark: Any) -> None:
    bench(benchmark, RECONCILE)
