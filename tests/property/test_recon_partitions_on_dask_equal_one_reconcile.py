"""Rule: two recon files reconciled as partitions (each read by its task) give reconcile's report.

Both files are drawn from a small pool of lines over a few subscriptions (shared keys, repeats,
refunds), the billed side reordered and changed (amounts, references, quantities); the merged report
must equal :func:`~cspcore.interop.reconcile` of the parsed files, lists in the same order.
"""

from __future__ import annotations

import csv
import pathlib
import tempfile
from typing import TYPE_CHECKING

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from cspcore import Money
from cspcore.interop import RECON_COLUMNS, parse_recon_rows, reconcile, to_recon_rows
from cspcore.interop.recon_dask import (
    ReconPartition,
    merge_partitions,
    reconcile_on_dask,
    reconcile_partition,
)
from cspcore.testing.interop import charge_lines

if TYPE_CHECKING:
    from cspcore.billing import ChargeLine

POOL = st.lists(
    charge_lines(currency="EUR", subscription_ids=st.sampled_from(["s1", "s2", "S3", "s4", "s5"])),
    min_size=1,
    max_size=6,
)
CHANGES = st.sampled_from(["none", "none", "reference", "amount", "quantity", "refund"])


def _write(path: pathlib.Path, lines: list[ChargeLine]) -> str:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=RECON_COLUMNS)
        writer.writeheader()
        writer.writerows(to_recon_rows(lines))
    return str(path)


def _changed(line: ChargeLine, change: str, number: int) -> ChargeLine:
    cent = Money("0.01", "EUR")
    if change == "reference":
        return attrs.evolve(line, reference_id=f"r-{number}")
    if change == "amount":
        return attrs.evolve(line, subtotal=line.subtotal + cent, total=line.total + cent)
    if change == "quantity":
        return attrs.evolve(line, quantity=line.quantity + 1)
    if change == "refund":
        return attrs.evolve(line, subtotal=-line.subtotal, tax=-line.tax, total=-line.total)
    return line


@settings(max_examples=150, deadline=None)
@given(
    POOL,
    st.lists(st.tuples(st.integers(0, 9), CHANGES), max_size=12),
    st.lists(st.integers(0, 9), max_size=12),
    st.integers(1, 5),
    st.sampled_from(["0", "0.01"]),
)
def test_partitions_merge_into_the_report_of_one_reconcile(
    pool: list[ChargeLine],
    billed_picks: list[tuple[int, str]],
    expected_picks: list[int],
    parts: int,
    tolerance: str,
) -> None:
    billed = [_changed(pool[pick % len(pool)], change, n) for n, (pick, change) in enumerate(billed_picks)]
    expected = [pool[pick % len(pool)] for pick in expected_picks]
    with tempfile.TemporaryDirectory() as folder:
        mine = _write(pathlib.Path(folder) / "expected.csv", expected)
        theirs = _write(pathlib.Path(folder) / "billed.csv", billed)
        whole = reconcile(
            parse_recon_rows(pathlib.Path(mine).read_text(encoding="utf-8")),
            parse_recon_rows(pathlib.Path(theirs).read_text(encoding="utf-8")),
            tolerance=tolerance,
        )
        pieces = [
            reconcile_partition(
                ReconPartition(
                    expected_path=mine, actual_path=theirs, index=i, count=parts, tolerance=tolerance
                )
            )
            for i in range(parts)
        ]
        assert merge_partitions(pieces) == whole
        assert (
            reconcile_on_dask(mine, theirs, partitions=parts, tolerance=tolerance, scheduler="sync") == whole
        )
