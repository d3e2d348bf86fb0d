"""A partitioned what-if sends each task a slice, never the accounts, and agrees with one process."""

from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest
from tests.clusters import small_cluster
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import STANDARD, STRICT
from cspcore.billing.collections.whatif.engine import simulate_packed, unpack_transitions
from cspcore.billing.collections.whatif.slices import merge_outcomes, outcome_result, simulate_piece
from cspcore.billing.portfolio import MAX_ACCOUNT_NUMBER, sample_accounts
from cspcore.billing.terms_of_payment import PaymentTerms
from cspcore.billing.whatif import PortfolioSlice, merge, simulate, simulate_partitioned
from cspcore.errors import CurrencyMismatch, ErrorCode

D = dt.date
START, END = D(2024, 1, 1), D(2024, 9, 30)


def test_sample_accounts_of_consecutive_ranges_make_up_the_whole_range() -> None:
    whole = sample_accounts(seed=9, first=5, count=12)
    parts = [sample_accounts(seed=9, first=5, count=4), sample_accounts(seed=9, first=9, count=8)]
    assert parts[0].accounts + parts[1].accounts == whole.accounts
    assert [a.id for a in whole.accounts][:2] == ["A00005", "A00006"]
    assert sample_accounts(seed=10, first=5, count=12) != whole


def test_sample_accounts_draw_realistic_payment_behaviours() -> None:
    accounts = sample_accounts(seed=1, count=400).accounts
    never_paid = [a for a in accounts if not a.ledger.payments]
    assert 0 < len(never_paid) < 40
    assert all(len(a.ledger.invoices) == 12 for a in accounts)


def test_sample_accounts_refuse_a_range_past_the_last_account_number() -> None:
    with raises_invalid(field="count", code=ErrorCode.OUT_OF_RANGE):
        sample_accounts(first=MAX_ACCOUNT_NUMBER, count=2)
    with raises_invalid(field="first", code=ErrorCode.OUT_OF_RANGE):
        sample_accounts(first=-1, count=2)
    assert [a.id for a in sample_accounts(first=MAX_ACCOUNT_NUMBER, count=1).accounts] == ["A999999999"]


def test_a_slice_is_a_small_picklable_description_of_its_accounts() -> None:
    book = PortfolioSlice(seed=4, first=100, count=50_000, currency="USD", terms=PaymentTerms(net_days=45))
    assert book.currency == "USD"
    assert len(pickle.dumps(book)) < 1_000
    assert pickle.loads(pickle.dumps(book)) == book  # noqa: S301 - our own bytes


def test_a_slice_splits_into_consecutive_non_empty_slices_that_make_it_up() -> None:
    book = PortfolioSlice(seed=4, first=7, count=10)
    pieces = book.split(3)
    assert [(p.first, p.count) for p in pieces] == [(7, 4), (11, 3), (14, 3)]
    assert sum((p.portfolio().accounts for p in pieces), ()) == book.portfolio().accounts
    assert len(book.split(50)) == 10
    assert PortfolioSlice(count=0).split(4) == (PortfolioSlice(count=0),)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"seed": -1}, "seed", ErrorCode.OUT_OF_RANGE),
        ({"count": 1_000_001}, "count", ErrorCode.OUT_OF_RANGE),
        ({"first": MAX_ACCOUNT_NUMBER, "count": 2}, "count", ErrorCode.OUT_OF_RANGE),
        ({"invoices": 121}, "invoices", ErrorCode.OUT_OF_RANGE),
        ({"start": "2024-01-08"}, "start", ErrorCode.WRONG_TYPE),
        ({"start": D(9999, 6, 1)}, "start", ErrorCode.OUT_OF_RANGE),
        ({"currency": "XYZ"}, "currency", ErrorCode.UNKNOWN_VALUE),
        ({"terms": 30}, "terms", ErrorCode.WRONG_TYPE),
    ],
)
def test_a_slice_refuses_what_the_sample_refuses(
    changes: dict[str, object], field: str, code: ErrorCode
) -> None:
    arguments: dict[str, object] = {"count": 3, **changes}
    with raises_invalid(field=field, code=code):
        PortfolioSlice(**arguments)  # type: ignore[arg-type]


def test_a_task_sends_back_its_transitions_packed_and_they_unpack_to_its_result() -> None:
    book = PortfolioSlice(seed=2, first=30, count=15)
    outcome = simulate_piece(STRICT, book, START, END)
    assert outcome.result.transitions == ()
    assert outcome_result(outcome) == simulate(STRICT, book.portfolio(), start=START, end=END)


def test_a_task_builds_no_transition_value_and_the_packed_ones_are_the_simulations() -> None:
    book = PortfolioSlice(seed=6, first=99_990, count=20)  # ids past A99999 sort apart from their numbers
    result, ids, codes = simulate_packed(STANDARD, book.portfolio(), start=START, end=END)
    whole = simulate(STANDARD, book.portfolio(), start=START, end=END)
    assert result.transitions == ()
    assert attrs.evolve(result, transitions=whole.transitions) == whole
    assert unpack_transitions(codes, ids, START.toordinal(), result.stage_names) == whole.transitions


@pytest.mark.parametrize("parts", [1, 2, 3, 7])
def test_the_driver_merges_packed_outcomes_into_the_single_process_result(parts: int) -> None:
    book = PortfolioSlice(seed=6, first=99_990, count=20)
    outcomes = [simulate_piece(STRICT, piece, START, END) for piece in book.split(parts)]
    whole = simulate(STRICT, book.portfolio(), start=START, end=END)
    assert merge_outcomes(outcomes) == whole
    assert merge_outcomes(outcomes) == merge([outcome_result(outcome) for outcome in outcomes])
    assert merge_outcomes([simulate_piece(STRICT, PortfolioSlice(count=0), START, END)]).transitions == ()


def test_merging_outcomes_refuses_what_merge_refuses() -> None:
    book = PortfolioSlice(seed=6, count=4)
    with raises_invalid(field="results", code=ErrorCode.EMPTY):
        merge_outcomes([])
    with raises_invalid(field="results[1]", code=ErrorCode.INCONSISTENT):
        merge_outcomes([simulate_piece(STRICT, book, START, END), simulate_piece(STANDARD, book, START, END)])


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_by_default_each_worker_thread_simulates_one_slice(scheduler: str) -> None:
    book = PortfolioSlice(seed=8, count=23)
    whole = simulate(STANDARD, book.portfolio(), start=START, end=END)
    assert simulate_partitioned(STANDARD, book, start=START, end=END, scheduler=scheduler) == whole


@pytest.mark.parametrize("scheduler", ["sync", "threads"])
def test_a_partitioned_slice_gives_the_single_process_result(scheduler: str) -> None:
    book = PortfolioSlice(seed=8, count=23)
    whole = simulate(STANDARD, book.portfolio(), start=START, end=END)
    assert (
        simulate_partitioned(STANDARD, book, start=START, end=END, partitions=4, scheduler=scheduler) == whole
    )
    assert merge([simulate(STANDARD, p.portfolio(), start=START, end=END) for p in book.split(4)]) == whole


def test_a_partitioned_slice_refuses_a_policy_in_another_currency_before_running() -> None:
    first, *rest = STANDARD.stages
    policy = attrs.evolve(STANDARD, stages=(attrs.evolve(first, min_overdue=Money(1, "USD")), *rest))
    with raises_invalid(field="policy", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch) as caught:
        simulate_partitioned(policy, PortfolioSlice(count=3), start=START, end=END, partitions=2)
    refused = caught.value
    assert isinstance(refused, CurrencyMismatch)
    assert (refused.left, refused.right) == ("USD", PortfolioSlice(count=3).currency)


def test_one_partition_is_the_single_process_result() -> None:
    book = PortfolioSlice(seed=4, first=0, count=7)
    whole = simulate(STANDARD, book.portfolio(), start=START, end=END)
    assert simulate_partitioned(STANDARD, book, start=START, end=END, partitions=1, scheduler="sync") == whole


@pytest.mark.parametrize("partitions", [0, -1, 100_001])
def test_partitions_outside_one_to_a_hundred_thousand_are_refused_before_running(partitions: int) -> None:
    with raises_invalid(field="partitions", code=ErrorCode.OUT_OF_RANGE):
        simulate_partitioned(STANDARD, PortfolioSlice(count=3), start=START, end=END, partitions=partitions)


def test_a_client_runs_the_tasks_itself_so_another_scheduler_is_refused() -> None:
    with raises_invalid(field="scheduler", code=ErrorCode.INCONSISTENT):
        simulate_partitioned(
            STANDARD,
            PortfolioSlice(count=3),
            start=START,
            end=END,
            partitions=2,
            scheduler="sync",
            client=object(),
        )


def test_a_client_that_is_not_a_distributed_client_is_refused_before_running() -> None:
    with raises_invalid(field="client", code=ErrorCode.WRONG_TYPE):
        simulate_partitioned(
            STANDARD, PortfolioSlice(count=3), start=START, end=END, partitions=2, client=object()
        )


def test_the_tasks_run_on_the_client_given_though_another_is_dasks_default() -> None:
    distributed = pytest.importorskip("distributed")
    book = PortfolioSlice(seed=8, count=23)
    whole = simulate(STANDARD, book.portfolio(), start=START, end=END)
    with small_cluster(threads=1) as given, small_cluster(threads=2) as default:
        assert distributed.get_client() is default  # the latest client is Dask's default
        with (
            distributed.get_task_stream(client=given) as on_given,
            distributed.get_task_stream(client=default) as on_default,
        ):
            result = simulate_partitioned(STANDARD, book, start=START, end=END, client=given)
        assert result == whole
        # One slice per thread of the client given (one), all of them run on its worker.
        assert len(on_given.data) == 1
        assert on_default.data == []
