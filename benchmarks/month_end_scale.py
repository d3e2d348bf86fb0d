"""Month-end close at partner scale: peak memory of the streaming close against the close held in memory.

Run by hand (never in the test suite). Each method runs in a process of its own, which reports its
CPU time and its peak memory (``ru_maxrss``); the two methods must give the same summary (customers,
invoices, lines, Microsoft's subtotal, the invoiced and balance totals), which is asserted.

* ``streaming``: :func:`cspcore.interop.close_month` (partitions by ``CustomerId``, closes handed to a
  callback, nothing kept).
* ``in_memory``: the baseline: both files parsed whole and reconciled (:func:`~cspcore.interop.reconcile`),
  every customer's lines grouped at once, and
  :func:`cspcore.interop.close_customer` for each (what a close without partitions holds).

The month comes from ``recon_scale.write_month`` (24 columns, a customer per four subscriptions,
distinct amounts, a few differences between the two files)::

    PYTHONPATH=src .venv/bin/python benchmarks/month_end_scale.py measure --rows 10000 100000 \\
        --folder /work/scratch17/month_end

On a shared 2-core machine the CPU times are noisy; the peak memory is the figure to read, and
the ratio streaming ÷ in memory at each size (memory that does not grow with the rows is the law).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from cspcore.billing import STANDARD, ChargeLine, Pricing, TaxRule
from cspcore.interop import (
    CustomerClose,
    CustomerTerms,
    close_customer,
    close_month,
    parse_recon_rows,
    reconcile,
)
from cspcore.money import Money
from recon_scale import write_month

ISSUED = dt.date(2024, 4, 1)
TERMS = CustomerTerms(pricing=Pricing(markup=Decimal("0.12")), tax=TaxRule(rate=Decimal("0.21")))


class _EveryCustomer(Mapping[str, CustomerTerms]):
    """The same terms for every customer, without a dict of them (a lazy mapping)."""

    def __getitem__(self, key: str) -> CustomerTerms:
        return TERMS

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


class _Tally:
    def __init__(self) -> None:
        self.customers = self.invoices = self.lines = 0
        self.invoiced = Decimal(0)

    def __call__(self, close: CustomerClose) -> None:
        self.customers += 1
        self.lines += close.lines
        if close.invoice is not None:
            self.invoices += 1
            self.invoiced += close.invoice.total_charges.amount
        if close.credit_note is not None:
            self.invoiced -= close.credit_note.amount.amount


def streaming(folder: Path, partitions: int | None) -> dict[str, Any]:
    tally = _Tally()
    closed = close_month(
        billed=folder / "billed.csv",
        expected=folder / "expected.csv",
        customers=_EveryCustomer(),
        policy=STANDARD,
        issued=ISSUED,
        as_of=ISSUED,
        partitions=partitions,
        workdir=folder,
        on_customer=tally,
    )
    return {
        "customers": tally.customers,
        "invoices": tally.invoices,
        "lines": tally.lines,
        "invoiced": str(tally.invoiced),
        "microsoft": [str(m) for m in closed.summary.microsoft_subtotal],
        "matched": closed.summary.reconciliation.matched,
    }


def in_memory(folder: Path, _partitions: int | None) -> dict[str, Any]:
    with (folder / "billed.csv").open(encoding="utf-8", newline="") as handle:
        billed = parse_recon_rows(handle)
    with (folder / "expected.csv").open(encoding="utf-8", newline="") as handle:
        report = reconcile(parse_recon_rows(handle), billed)
    groups: dict[str, list[ChargeLine]] = {}
    for line in billed:
        groups.setdefault(line.customer_id or "", []).append(line)
    tally = _Tally()
    for customer in sorted(groups):
        tally(close_customer(customer, groups[customer], TERMS, policy=STANDARD, issued=ISSUED, as_of=ISSUED))
    total = sum((line.subtotal for line in billed), Money.zero("EUR"))
    return {
        "customers": tally.customers,
        "invoices": tally.invoices,
        "lines": tally.lines,
        "invoiced": str(tally.invoiced),
        "microsoft": [str(total)] if billed else [],
        "matched": len(report.matched_expected),
    }


METHODS = {"streaming": streaming, "in_memory": in_memory}


def run(method: str, folder: Path, partitions: int | None) -> dict[str, Any]:
    start = time.process_time()
    answer = METHODS[method](folder, partitions)
    return {
        "method": method,
        "cpu_s": round(time.process_time() - start, 2),
        "peak_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "answer": answer,
    }


def measure(sizes: list[int], folder: Path, partitions: int | None) -> list[dict[str, Any]]:
    rows = []
    for size in sizes:
        where = folder / str(size)
        where.mkdir(parents=True, exist_ok=True)
        write_month(where, size)
        found = {}
        for method in METHODS:
            command = [sys.executable, __file__, "run", "--method", method, "--folder", str(where)]
            if partitions is not None:
                command += ["--partitions", str(partitions)]
            done = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
            found[method] = json.loads(done.stdout)
        assert found["streaming"]["answer"] == found["in_memory"]["answer"], found
        rows.append(
            {
                "rows": size,
                "cpu_s": {m: found[m]["cpu_s"] for m in METHODS},
                "peak_mib": {m: found[m]["peak_mib"] for m in METHODS},
                "peak_ratio": round(found["streaming"]["peak_mib"] / found["in_memory"]["peak_mib"], 2),
            }
        )
        for name in ("expected.csv", "billed.csv"):
            (where / name).unlink()
        where.rmdir()
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("measure", "run"))
    parser.add_argument("--folder", type=Path, required=True)
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000])
    parser.add_argument("--method", choices=tuple(METHODS), default="streaming")
    parser.add_argument("--partitions", type=int, default=None)
    arguments = parser.parse_args(argv)
    if arguments.action == "run":
        sys.stdout.write(json.dumps(run(arguments.method, arguments.folder, arguments.partitions)) + "\n")
        return
    arguments.folder.mkdir(parents=True, exist_ok=True)
    for row in measure(arguments.rows, arguments.folder, arguments.partitions):
        sys.stdout.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
