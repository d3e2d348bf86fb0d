"""Rule: a what-if run as slices on a Dask cluster gives exactly the single-process result.

The cluster is a small in-process ``LocalCluster`` (one worker, two threads): the tasks still go
through the scheduler, the client and the worker, and each generates its accounts from its slice.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cspcore.billing import LENIENT, STANDARD, STRICT
from cspcore.billing.whatif import PortfolioSlice, simulate, simulate_partitioned

pytest.importorskip("distributed")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    seed=st.integers(min_value=0, max_value=2**64 - 1),
    first=st.integers(min_value=0, max_value=10**6),
    count=st.integers(min_value=0, max_value=24),
    partitions=st.none() | st.integers(min_value=1, max_value=6),
    policy=st.sampled_from([LENIENT, STANDARD, STRICT]),
    months=st.integers(min_value=1, max_value=14),
)
def test_slices_simulated_on_a_cluster_merge_into_the_single_process_result(  # noqa: PLR0917 - drawn values
    client: object, seed: int, first: int, count: int, partitions: int | None, policy: object, months: int
) -> None:
    book = PortfolioSlice(seed=seed, first=first, count=count)
    start = dt.date(2024, 1, 1)
    end = dt.date(2024 + (months - 1) // 12, (months - 1) % 12 + 1, 28)
    whole = simulate(policy, book.portfolio(), start=start, end=end)  # type: ignore[arg-type]
    on_cluster = simulate_partitioned(
        policy,  # type: ignore[arg-type]
        book,
        start=start,
        end=end,
        partitions=partitions,
        client=client,
    )
    assert on_cluster == whole


def test_the_running_client_is_used_for_the_distributed_scheduler_and_accounts_still_work(
    client: object,
) -> None:
    book = PortfolioSlice(seed=3, count=9)
    start, end = dt.date(2024, 1, 1), dt.date(2024, 6, 30)
    whole = simulate(STRICT, book.portfolio(), start=start, end=end)
    assert (
        simulate_partitioned(STRICT, book, start=start, end=end, partitions=3, scheduler="distributed")
        == whole
    )
    accounts = book.portfolio()
    assert simulate_partitioned(STRICT, accounts, start=start, end=end, partitions=2, client=client) == whole
