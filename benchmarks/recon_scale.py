"""Reconciliation at partner scale: realistic month files, and the plain ways of reconciling them.

:func:`write_month` writes two reconciliation files of ``rows`` rows each (24 columns), streamed so
that ten million rows need no memory: the expected month (many customers, each with a few
subscriptions; unit prices at any cent, quantities 1 to 5,000, prorated seat changes as refunds and
charges; nearly every amount cell distinct; a product qualifier, quoted, on one row in fifty; a
seat change billed twice on one day now and then, so keys are shared) and the billed one, which
differs as real months do (1 % a cent off, 0.5 % not billed, 0.5 % billed unexpectedly, its own
reference ids, rows reordered within blocks of a thousand).

The plain ways, each giving the same :data:`Answer` (matched, missing, unexpected, mismatched
fields, and the matched lines' total as a Decimal):

* :func:`plain_reconcile`: :mod:`csv` and :class:`~decimal.Decimal`, line by line, every expected line
  indexed in a dict (the issue's "plain line-level reconcile").
* :func:`pandas_reconcile`: both files read by pandas, a line-level outer merge on the pairing keys
  (with a running number for lines that share a key), compared column by column.
* :func:`cspcore_reconcile`: :func:`cspcore.interop.recon_files.reconcile_files` (the pure engine);
  :func:`cspcore_arrow_reconcile` the same with the columnar fast path (``engine="arrow"``).

Measure one of them, in a process of its own, with its peak memory (``ru_maxrss``)::

    PYTHONPATH=src .venv/bin/python benchmarks/recon_scale.py write --rows 10000000 --folder /tmp/m
    PYTHONPATH=src .venv/bin/python benchmarks/recon_scale.py run --method cspcore --folder /tmp/m

(``--partitions N`` sets a cspcore method's partitions; by default they come from the files' size.)

Or compare them in one process, alternated round by round (each method's wall and CPU seconds as a
ratio to the plain reconcile's in the same round; the answers asserted equal)::

    PYTHONPATH=src .venv/bin/python benchmarks/recon_scale.py compare --folder /tmp/m --rounds 3
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import resource
import sys
import time
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from typing import Any

KINDS_CHARGE = ("new", "cycleCharge", "renew", "addQuantity")
KINDS_REFUND = ("removeQuantity", "cancelImmediate")
PRODUCTS = (
    "Microsoft 365 E3",
    "Microsoft 365 Business Standard",
    "Teams Phone Standard",
    "Power BI Pro",
    "Microsoft 365 E5",
    "Exchange Online (Plan 1)",
)
COLUMNS = (
    "CustomerId", "OrderDate", "ProductName", "ChargeType", "UnitPrice", "Quantity", "Subtotal", "TaxTotal",
    "Total", "Currency", "SubscriptionId", "ChargeStartDate", "ChargeEndDate", "TermAndBillingCycle",
    "EffectiveUnitPrice", "BillableQuantity", "BillingFrequency", "SubscriptionStartDate",
    "SubscriptionEndDate", "ReferenceId", "ProductQualifiers", "PricingCurrency", "PCToBCExchangeRate",
    "PCToBCExchangeRateDate",
)  # fmt: skip
COMPARED = ("UnitPrice", "EffectiveUnitPrice", "Subtotal", "TaxTotal", "Total")
KEY = ("SubscriptionId", "ChargeType", "ChargeStartDate", "ChargeEndDate", "BillableQuantity")
CENT = Decimal("0.01")
MONTH = dt.date(2024, 3, 1)
#: (matched, missing, unexpected, mismatched fields, matched total)
Answer = tuple[int, int, int, int, Decimal]


def _row(rng: random.Random, subscription: int, index: int) -> list[str]:
    day = MONTH + dt.timedelta(days=rng.randrange(31))
    end = dt.date(2024, 3, 31) + dt.timedelta(days=day.day - 1)
    days = (end - day).days + 1
    unit = Decimal(rng.randint(100, 90_000)).scaleb(-2)
    effective = (unit * days / 31).quantize(Decimal("0.000001"))
    quantity = rng.randint(1, 5_000)
    refund = rng.random() < 0.15
    kind = rng.choice(KINDS_REFUND if refund else KINDS_CHARGE)
    sign = -1 if refund else 1
    subtotal = (effective * quantity).quantize(CENT, rounding=ROUND_DOWN) * sign
    tax = (subtotal * Decimal("0.21")).quantize(CENT, rounding=ROUND_DOWN)
    sid = f"{subscription:08x}-0e74-4f65-cb23-f8ad95867994"
    return [
        f"c{subscription // 4:07d}", day.isoformat(), PRODUCTS[subscription % len(PRODUCTS)], kind,
        str(unit), str(quantity), str(subtotal), str(tax), str(subtotal + tax), "EUR", sid,
        day.isoformat(), end.isoformat(), "One-Year commitment for monthly/yearly billing",
        str(effective * sign), str(quantity),
        "Monthly", "2024-01-01", "2024-12-31", f"ref-{index}", '["Trial"]' if rng.random() < 0.02 else "",
        "", "", "",
    ]  # fmt: skip


def write_month(folder: Path, rows: int, seed: int = 1) -> tuple[Path, Path]:
    """Write ``expected.csv`` and ``billed.csv`` of about ``rows`` rows each into ``folder``."""
    rng = random.Random(seed)
    subscriptions = max(1, rows // 8)
    expected_path, billed_path = folder / "expected.csv", folder / "billed.csv"
    with (
        expected_path.open("w", newline="", encoding="utf-8") as mine,
        billed_path.open("w", newline="", encoding="utf-8") as theirs,
    ):
        ours, billed = csv.writer(mine), csv.writer(theirs)
        ours.writerow(COLUMNS)
        billed.writerow(COLUMNS)
        block: list[list[str]] = []
        index = 0
        while index < rows:
            row = _row(rng, rng.randrange(subscriptions), index)
            copies = 2 if rng.random() < 0.01 else 1  # a seat change billed twice on one day
            for _ in range(copies):
                index += 1
                ours.writerow(row)
                pick = rng.random()
                if pick < 0.005:  # not billed
                    continue
                copy = list(row)
                copy[19] = f"ms-{index}"
                if pick < 0.015:  # a cent off
                    copy[6] = str(Decimal(copy[6]) + CENT)
                    copy[8] = str(Decimal(copy[8]) + CENT)
                block.append(copy)
                if rng.random() < 0.005:  # billed, never expected
                    block.append(_row(rng, subscriptions + rng.randrange(subscriptions), -index))
            if len(block) >= 1_000:
                rng.shuffle(block)
                billed.writerows(block)
                block = []
        rng.shuffle(block)
        billed.writerows(block)
    return expected_path, billed_path


def plain_reconcile(expected: Path, billed: Path) -> Answer:
    """Line-level reconcile with csv and Decimal: every expected line indexed, the billed file streamed."""
    pending: dict[tuple[Any, ...], list[tuple[Decimal, ...]]] = {}
    with expected.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        at = {name: position for position, name in enumerate(next(rows))}
        keys = [at[name] for name in KEY]
        figures = [at[name] for name in COMPARED]
        subtotal = at["Subtotal"]
        for row in rows:
            key = (*(row[k] for k in keys), row[subtotal].startswith("-"))
            pending.setdefault(key, []).append(tuple(Decimal(row[f]) for f in figures))
    matched = unexpected = fields = 0
    total = Decimal(0)
    with billed.open(newline="", encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows)
        for row in rows:
            key = (*(row[k] for k in keys), row[subtotal].startswith("-"))
            held = pending.get(key)
            if not held:
                unexpected += 1
                continue
            got = tuple(Decimal(row[f]) for f in figures)
            chosen = got if got in held else held[0]
            held.remove(chosen)
            differing = sum(a != b for a, b in zip(chosen, got, strict=True))
            if differing:
                fields += differing
            else:
                matched += 1
                total += chosen[-1]
    missing = sum(len(held) for held in pending.values())
    return matched, missing, unexpected, fields, total


def pandas_reconcile(expected: Path, billed: Path) -> Answer:
    """Line-level merge with pandas: both files read whole, merged on the keys and a running number."""
    import pandas as pd

    columns = [*KEY, *COMPARED]
    frames = []
    for path in (expected, billed):
        frame = pd.read_csv(path, usecols=columns, dtype=dict.fromkeys(KEY, str))
        frame["Refund"] = frame["Subtotal"] < 0
        frame["Seq"] = frame.groupby([*KEY, "Refund"]).cumcount()
        frames.append(frame)
    merged = frames[0].merge(
        frames[1], on=[*KEY, "Refund", "Seq"], how="outer", suffixes=("", "_b"), indicator=True
    )
    both = merged[merged["_merge"] == "both"]
    differs = pd.DataFrame({name: (both[name] - both[f"{name}_b"]).abs() > 1e-9 for name in COMPARED})
    clean = ~differs.any(axis=1)
    total = Decimal(str(round(float(both.loc[clean, "Total"].sum()), 2))).quantize(CENT)
    return (
        int(clean.sum()),
        int((merged["_merge"] == "left_only").sum()),
        int((merged["_merge"] == "right_only").sum()),
        int(differs.to_numpy().sum()),
        total,
    )


def cspcore_reconcile(
    expected: Path, billed: Path, partitions: int | None = None, engine: str = "pure"
) -> Answer:
    """cspcore's partitioned reconcile of the two files (the pure engine unless told)."""
    from cspcore.interop.recon_files import reconcile_files

    summary = reconcile_files(expected=expected, billed=billed, partitions=partitions, engine=engine)
    total = Decimal(0) if summary.matched_total is None else summary.matched_total.amount
    return summary.matched, len(summary.missing), len(summary.unexpected), len(summary.mismatched), total


def cspcore_arrow_reconcile(expected: Path, billed: Path, partitions: int | None = None) -> Answer:
    """cspcore's partitioned reconcile with the columnar fast path (pyarrow)."""
    return cspcore_reconcile(expected, billed, partitions, engine="arrow")


def cspcore_stream_reconcile(expected: Path, billed: Path, partitions: int | None = None) -> Answer:
    """cspcore a partition at a time (columnar when pyarrow is there): differences counted, none kept."""
    from cspcore.interop.recon_files import iter_reconcile_files
    from cspcore.interop.recon_summary import tally

    counted = tally(iter_reconcile_files(expected=expected, billed=billed, partitions=partitions))
    total = Decimal(0) if counted.matched_total is None else counted.matched_total.amount
    return counted.matched, counted.missing, counted.unexpected, counted.mismatched, total


METHODS = {
    "plain": plain_reconcile,
    "pandas": pandas_reconcile,
    "cspcore": cspcore_reconcile,
    "cspcore-arrow": cspcore_arrow_reconcile,
    "cspcore-stream": cspcore_stream_reconcile,
}


def run(method: str, folder: Path, partitions: int | None = None) -> dict[str, Any]:
    """Time one method on the files in ``folder``, in this process; its peak memory in MiB.

    ``partitions`` for a cspcore method (by default, from the files' size).
    """
    started = time.perf_counter()
    cpu = time.process_time()
    files = (folder / "expected.csv", folder / "billed.csv")
    if partitions is None:
        answer = METHODS[method](*files)
    elif method.startswith("cspcore"):
        answer = METHODS[method](*files, partitions)  # type: ignore[call-arg]
    else:
        msg = f"{method} takes no partitions"
        raise SystemExit(msg)
    return {
        "method": method,
        "partitions": partitions,
        "seconds": time.perf_counter() - started,
        "cpu_seconds": time.process_time() - cpu,
        "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "answer": [*answer[:4], str(answer[4])],
    }


def compare(folder: Path, rounds: int, methods: tuple[str, ...] = tuple(METHODS)) -> dict[str, Any]:
    """Each method's median wall and CPU time over ``rounds`` alternated rounds, as ratios to plain's."""
    wall: dict[str, list[float]] = {method: [] for method in methods}
    cpu: dict[str, list[float]] = {method: [] for method in methods}
    answers = set()
    for round_number in range(rounds):
        order = methods if round_number % 2 == 0 else tuple(reversed(methods))
        for method in order:
            started, used = time.perf_counter(), time.process_time()
            answer = METHODS[method](folder / "expected.csv", folder / "billed.csv")
            wall[method].append(time.perf_counter() - started)
            cpu[method].append(time.process_time() - used)
            answers.add(answer)
    if len(answers) != 1:
        msg = f"the methods disagree: {answers}"
        raise AssertionError(msg)

    def median(values: list[float]) -> float:
        return sorted(values)[len(values) // 2]

    return {
        method: {
            "seconds": round(median(wall[method]), 3),
            "cpu_seconds": round(median(cpu[method]), 3),
            "wall_ratio": round(median(wall[method]) / median(wall["plain"]), 2),
            "cpu_ratio": round(median(cpu[method]) / median(cpu["plain"]), 2),
        }
        for method in methods
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("write", "run", "compare"))
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--method", choices=tuple(METHODS), default="cspcore")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--partitions", type=int, default=None, help="for run: a cspcore method's partitions")
    parser.add_argument(
        "--methods", default=",".join(METHODS), help="for compare: plain and others, comma-separated"
    )
    arguments = parser.parse_args(argv)
    if arguments.action == "write":
        arguments.folder.mkdir(parents=True, exist_ok=True)
        write_month(arguments.folder, arguments.rows)
    elif arguments.action == "compare":
        methods = tuple(arguments.methods.split(","))
        sys.stdout.write(json.dumps(compare(arguments.folder, arguments.rounds, methods), indent=1) + "\n")
    else:
        sys.stdout.write(json.dumps(run(arguments.method, arguments.folder, arguments.partitions)) + "\n")


if __name__ == "__main__":
    main()
