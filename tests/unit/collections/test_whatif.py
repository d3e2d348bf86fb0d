from __future__ import annotations

import datetime as dt

import pytest
from tests.refusals import raises_invalid

from cspcore import InvalidInput, Money
from cspcore.billing import LENIENT, STANDARD, STRICT, CollectionsPolicy, Invoice, Ledger, Payment, evaluate
from cspcore.billing.collections.whatif import (
    compare,
    merge,
    simulate,
    simulate_partitioned,
)
from cspcore.billing.portfolio import Account, Portfolio, cycles_left, sample_portfolio
from cspcore.errors import CurrencyMismatch, ErrorCode

D = dt.date
START, END = D(2024, 1, 1), D(2024, 12, 31)
PORTFOLIO = sample_portfolio(seed=42, accounts=40)


def test_the_sample_portfolio_is_deterministic_and_realistic() -> None:
    assert sample_portfolio(seed=42, accounts=40) == PORTFOLIO
    assert sample_portfolio(seed=43, accounts=40) != PORTFOLIO
    never = [a for a in sample_portfolio(seed=42, accounts=400).accounts if not a.ledger.payments]
    assert 0 < len(never) < 40


def test_the_series_counts_every_account_every_day_and_matches_evaluate() -> None:
    result = simulate(STANDARD, PORTFOLIO, start=START, end=END)
    assert all(sum(point.accounts) == 40 for point in result.series)
    for point in result.series[::29]:
        stages = [evaluate(STANDARD, a.ledger, as_of=point.day).stage for a in PORTFOLIO.accounts]
        expected = [sum(1 for s in stages if s is None)]
        expected += [
            sum(1 for s in stages if s is not None and s.name == name) for name in result.stage_names[1:]
        ]
        assert tuple(expected) == point.accounts


def test_a_stricter_policy_suspends_more_account_days() -> None:
    comparison = compare([LENIENT, STRICT], PORTFOLIO, start=START, end=END)
    lenient, strict = comparison.results
    assert lenient.summary.account_days_suspended <= strict.summary.account_days_suspended
    assert lenient.summary.suspensions <= strict.summary.suspensions
    assert (
        len(strict.summary.overdue_at_microsoft_due) == 12 or len(strict.summary.overdue_at_microsoft_due) > 0
    )
    assert [row["policy"] for row in comparison.summary_records()] == ["lenient", "strict"]
    assert "strict" in comparison.table()
    assert comparison._repr_html_().startswith("<table>")
    assert strict._repr_html_().startswith("<table>")
    assert len(comparison.records()) == 2 * len(strict.records())


def test_transitions_record_each_change_of_stage() -> None:
    ledger = Ledger(
        invoices=(
            Invoice(
                id="I",
                issued=D(2024, 1, 1),
                due=D(2024, 1, 31),
                currency="EUR",
                total_charges=Money(100, "EUR"),
            ),
        ),
        payments=(Payment(id="P", amount=Money(100, "EUR"), received=D(2024, 3, 10)),),
    )
    account = Account(id="A", ledger=ledger, monthly_cost=Money(10, "EUR"), term_end=D(2024, 12, 31))
    result = simulate(STANDARD, Portfolio(accounts=(account,)), start=START, end=D(2024, 3, 31))
    assert [("clear", "reminder", D(2024, 2, 3)), ("reminder", "final_notice", D(2024, 2, 10))] == [
        (t.before, t.after, t.on) for t in result.transitions[:2]
    ]
    assert result.transitions[-1].after == "clear"
    assert D(2024, 3, 10) == result.transitions[-1].on
    assert result.summary.suspensions == 1
    assert Money(100, "EUR") == result.summary.exposure


def test_write_offs_are_counted_with_the_amount_overdue() -> None:
    ledger = Ledger(
        invoices=(
            Invoice(
                id="I",
                issued=D(2024, 1, 1),
                due=D(2024, 1, 31),
                currency="EUR",
                total_charges=Money(70, "EUR"),
            ),
        )
    )
    result = simulate(STRICT, Portfolio(accounts=(Account(id="A", ledger=ledger),)), start=START, end=END)
    assert (1, Money(70, "EUR")) == (result.summary.write_offs, result.summary.written_off)


def test_exempt_accounts_stay_clear() -> None:
    import attrs

    policy = attrs.evolve(STRICT, exempt_accounts={PORTFOLIO.accounts[0].id})
    result = simulate(policy, Portfolio(accounts=PORTFOLIO.accounts[:1]), start=START, end=END)
    assert all(point.accounts[0] == 1 for point in result.series)


def test_partitions_merge_into_the_single_process_result() -> None:
    whole = simulate(STANDARD, PORTFOLIO, start=START, end=END)
    assert whole == merge(simulate(STANDARD, part, start=START, end=END) for part in PORTFOLIO.partition(4))
    with raises_invalid(field="results", code=ErrorCode.EMPTY):
        merge([])
    other = simulate(STRICT, PORTFOLIO.partition(2)[0], start=START, end=END)
    with raises_invalid(field="results[1]", code=ErrorCode.INCONSISTENT):
        merge([whole, other])


def test_dask_runs_partitions_with_the_local_scheduler_and_agrees() -> None:
    pytest.importorskip("dask")
    whole = simulate(STANDARD, PORTFOLIO, start=START, end=END)
    assert whole == simulate_partitioned(
        STANDARD, PORTFOLIO, start=START, end=END, partitions=3, scheduler="synchronous"
    )
    assert whole == simulate_partitioned(STANDARD, PORTFOLIO, start=START, end=END, partitions=5)


def test_results_convert_to_pandas_and_plot() -> None:
    pandas = pytest.importorskip("pandas")
    pytest.importorskip("matplotlib")
    result = simulate(STANDARD, PORTFOLIO, start=START, end=D(2024, 3, 31))
    frame = result.to_pandas()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame.columns) == [
        "policy",
        "day",
        "stage",
        "accounts",
        "overdue",
        "overdue_exact",
        "currency",
    ]
    comparison = compare([STANDARD, STRICT], PORTFOLIO, start=START, end=D(2024, 3, 31))
    assert len(comparison.to_pandas()) == len(comparison.records())
    png = comparison.to_png()
    assert png.startswith(b"\x89PNG")
    assert result.to_png().startswith(b"\x89PNG")
    assert comparison.plot(title="x") is not None


def test_simulate_refuses_bad_input() -> None:
    with raises_invalid(field="end", code=ErrorCode.INCONSISTENT):
        simulate(STANDARD, PORTFOLIO, start=END, end=START)
    usd_policy = CollectionsPolicy.from_dict(
        {
            "name": "u",
            "stages": [
                {
                    "name": "r",
                    "after_days": 0,
                    "actions": ["remind"],
                    "min_overdue": {"amount": "1", "currency": "USD"},
                }
            ],
        }
    )
    with raises_invalid(field="policy", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
        simulate(usd_policy, PORTFOLIO, start=START, end=END)
    with raises_invalid(field="policies", code=ErrorCode.EMPTY):
        compare([], PORTFOLIO, start=START, end=END)
    with raises_invalid(field="policies", code=ErrorCode.DUPLICATE):
        compare([STANDARD, STANDARD], PORTFOLIO, start=START, end=END)


def test_portfolio_values_refuse_inconsistent_accounts() -> None:
    with raises_invalid(field="term_end", code=ErrorCode.INCONSISTENT):
        Account(id="a", ledger=Ledger(), monthly_cost=Money(1, "EUR"))
    with raises_invalid(field="accounts", code=ErrorCode.DUPLICATE):
        Portfolio(accounts=(Account(id="a", ledger=Ledger()), Account(id="a", ledger=Ledger())))
    usd = Ledger(
        invoices=(Invoice(id="U", issued=D(2024, 1, 1), currency="USD", total_charges=Money(1, "USD")),)
    )
    with raises_invalid(field="accounts", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
        Portfolio(accounts=(PORTFOLIO.accounts[0], Account(id="u", ledger=usd)))
    with raises_invalid(field="accounts", code=ErrorCode.WRONG_TYPE):
        Portfolio(accounts="x")  # type: ignore[arg-type]
    assert Account(id="a", ledger=Ledger()).exposure(START) is None
    assert cycles_left(D(2025, 1, 1), D(2024, 12, 31)) == 0
    assert cycles_left(D(2023, 12, 31), D(2024, 12, 31)) == 12


def test_cycles_left_agrees_with_stepping_back_month_by_month() -> None:
    from cspcore.dates import add_months

    ends = [D(2024, 12, 31), D(2025, 2, 27), D(2024, 3, 30), D(2026, 1, 30)]
    for end in ends:
        anchor = end + dt.timedelta(days=1)
        for offset in range(0, 800, 7):
            day = D(2023, 1, 1) + dt.timedelta(days=offset)
            expected = sum(1 for k in range(1, 60) if day < add_months(anchor, -k) <= end)
            assert expected == cycles_left(day, end), (day, end)


def test_an_empty_comparison_renders_as_empty() -> None:
    from cspcore.billing.collections.whatif import Comparison

    assert Comparison(results=()).table() == ""
    assert Comparison(results=())._repr_html_() == "<table></table>"


def test_at_a_terminal_stage_the_series_still_follows_new_overdue_invoices() -> None:
    first = Invoice(
        id="I1", issued=D(2024, 1, 1), due=D(2024, 1, 1), currency="EUR", total_charges=Money(1, "EUR")
    )
    second = Invoice(
        id="I2", issued=D(2024, 1, 1), due=D(2024, 1, 10), currency="EUR", total_charges=Money(2, "EUR")
    )
    policy = CollectionsPolicy.from_dict(
        {
            "name": "t",
            "stages": [{"name": "end", "after_days": 0, "actions": ["write_off"], "terminal": True}],
        }
    )
    ledger = Ledger(invoices=(first, second))
    result = simulate(
        policy, Portfolio(accounts=(Account(id="A", ledger=ledger),)), start=D(2024, 1, 5), end=D(2024, 1, 15)
    )
    for point in result.series:
        assert evaluate(policy, ledger, as_of=point.day).overdue == point.overdue[1]
    assert Money(3, "EUR") == result.series[-1].overdue[1]
    assert D(2024, 1, 11) == evaluate(policy, ledger, as_of=D(2024, 1, 5)).next_review


def test_a_simulation_result_reads_like_one_built_by_hand() -> None:
    import pickle

    import attrs

    from cspcore.billing.whatif import SimulationResult

    portfolio = sample_portfolio(seed=7, accounts=30)
    result = simulate(STRICT, portfolio, start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 30))
    same = simulate(STRICT, portfolio, start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 30))
    by_hand = SimulationResult(
        policy=result.policy,
        start=result.start,
        end=result.end,
        currency=result.currency,
        stage_names=result.stage_names,
        transitions=result.transitions,
        series=result.series,
        summary=result.summary,
    )
    assert by_hand == same  # transitions is a real field, built with the result
    assert list(by_hand.transitions) == sorted(by_hand.transitions, key=lambda t: (t.on, t.account))
    unpickled = pickle.loads(pickle.dumps(simulate(STRICT, portfolio, start=result.start, end=result.end)))  # noqa: S301
    assert (by_hand, by_hand.transitions) == (unpickled, unpickled.transitions)
    assert attrs.evolve(same, policy="copy").transitions == result.transitions
    assert not hasattr(result, "nonexistent")


def test_days_without_changes_share_the_previous_days_values() -> None:
    portfolio = sample_portfolio(seed=3, accounts=5)
    result = simulate(STANDARD, portfolio, start=dt.date(2000, 1, 1), end=dt.date(2049, 12, 31))
    quiet = [
        (a, b) for a, b in zip(result.series, result.series[1:], strict=False) if a.accounts == b.accounts
    ]
    assert len(quiet) > 18_000  # the sample's invoices end in 2024: decades of unchanged days
    assert all(a.overdue is b.overdue for a, b in quiet if a.overdue == b.overdue)
    for point in (result.series[0], result.series[9000], result.series[-1]):
        standings = [evaluate(STANDARD, a.ledger, as_of=point.day) for a in portfolio.accounts]
        assert sum(1 for s in standings if s.stage is None) == point.accounts[0]


@pytest.mark.parametrize("accounts", [0, 2])
def test_the_sample_portfolio_checks_its_terms_even_with_no_accounts(accounts: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        sample_portfolio(accounts=accounts, terms=0.0)  # type: ignore[arg-type]
    assert refused.value.field == "terms"
