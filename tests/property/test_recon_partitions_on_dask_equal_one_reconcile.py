"""Rule: two recon files reconciled as partitions on Dask give what one process gives.

Both files are drawn from a small pool of lines over a few subscriptions (shared keys, repeats,
refunds), the billed side reordered and changed (amounts, references, quantities). Split once and
reconciled a partition per task on a cluster (a small in-process ``LocalCluster``: the tasks still
go through the scheduler, the client and the worker), the summary must equal
:func:`~cspcore.interop.recon_files.reconcile_files` over the same partitions in one process, the
whole report too with ``keep_matched``. Each partition read by its task from the whole files (the
deprecated path), the merged report must equal :func:`~cspcore.interop.reconcile` of the parsed
files, lists in the same order.
"""

from __future__ import annotations

import csv
import importlib.util
import pathlib
import tempfile
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspcore import Money
from cspcore.interop import RECON_COLUMNS, parse_recon_rows, reconcile, to_recon_rows
from cspcore.interop.recon_dask import (
    ReconPartition,
    merge_partitions,
    reconcile_files_on_dask,
    reconcile_on_dask,
    reconcile_partition,
)
from cspcore.interop.recon_files import reconcile_files
from cspcore.testing.interop import charge_lines

if TYPE_CHECKING:
    from cspcore.billing import ChargeLine

pytest.importorskip("distributed")

POOL = st.lists(
    charge_lines(currency="EUR", subscription_ids=st.sampled_from(["s1", "s2", "S3", "s4", "s5"])),
    min_size=1,
    max_size=6,
)
CHANGES = st.sampled_from(["none", "none", "reference", "amount", "quantity", "refund"])
#: Which pool lines the billed file holds (each changed or not), and which the expected file holds.
BILLED_PICKS = st.lists(st.tuples(st.integers(0, 9), CHANGES), max_size=12)
EXPECTED_PICKS = st.lists(st.integers(0, 9), max_size=12)
TOLERANCES = st.sampled_from(["0", "0.01"])
#: The columnar cut too, when pyarrow is installed (the pure path alone otherwise).
ENGINES = st.sampled_from(["pure", "arrow"] if importlib.util.find_spec("pyarrow") else ["pure"])


def _write(path: pathlib.Path, lines: list[ChargeLine]) -> str:
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=RECON_COLUMNS)
        writer.writeheader()
        writer.writerows(to_recon_rows(lines))
    return str(path)


def _month(
    folder: str, pool: list[ChargeLine], billed_picks: list[tuple[int, str]], expected_picks: list[int]
) -> tuple[str, str]:
    """The expected and billed files drawn from the pool: their paths."""
    billed = [_changed(pool[pick % len(pool)], change, n) for n, (pick, change) in enumerate(billed_picks)]
    expected = [pool[pick % len(pool)] for pick in expected_picks]
    return _write(pathlib.Path(folder) / "expected.csv", expected), _write(
        pathlib.Path(folder) / "billed.csv", billed
    )


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


@settings(max_examples=16, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(POOL, BILLED_PICKS, EXPECTED_PICKS, st.integers(1, 4), TOLERANCES, st.booleans(), ENGINES)
def test_the_cluster_gives_the_summary_of_one_process(  # noqa: PLR0917 - drawn values
    client: object,
    pool: list[ChargeLine],
    billed_picks: list[tuple[int, str]],
    expected_picks: list[int],
    parts: int,
    tolerance: str,
    keep: bool,
    engine: str,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        mine, theirs = _month(folder, pool, billed_picks, expected_picks)
        sides = {"expected": mine, "billed": theirs, "tolerance": tolerance, "partitions": parts}
        one = reconcile_files(**sides, workdir=folder, keep_matched=keep, engine="pure")  # type: ignore[arg-type]
        on_cluster = reconcile_files_on_dask(
            **sides,  # type: ignore[arg-type]
            workdir=folder,
            keep_matched=keep,
            engine=engine,
            client=client,
        )
        assert on_cluster == one
        assert on_cluster.report == one.report
        assert sorted(path.name for path in pathlib.Path(folder).iterdir()) == ["billed.csv", "expected.csv"]


@pytest.mark.filterwarnings("ignore:reconcile_on_dask is deprecated:DeprecationWarning")
@settings(max_examples=150, deadline=None)
@given(POOL, BILLED_PICKS, EXPECTED_PICKS, st.integers(1, 5), TOLERANCES)
def test_partitions_merge_into_the_report_of_one_reconcile(
    pool: list[ChargeLine],
    billed_picks: list[tuple[int, str]],
    expected_picks: list[int],
    parts: int,
    tolerance: str,
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        mine, theirs = _month(folder, pool, billed_picks, expected_picks)
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
