"""Rule: a what-if result or day point built by hand is checked field against field; merge refuses by type.

A ``SimulationResult`` holds one point a day of its period, one count and amount per stage, every
amount in its currency; a ``DayPoint`` holds counts that are counts and one amount per count. So
``merge`` never relabels a currency or fails with a bare ``ValueError`` or ``IndexError``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import STRICT
from cspcore.billing.portfolio import sample_portfolio
from cspcore.billing.whatif import DayPoint, SimulationResult, Summary, Transition, merge, simulate
from cspcore.errors import CurrencyMismatch, ErrorCode

D = dt.date
EUR = Money(0, "EUR")
SUMMARY = Summary(
    suspensions=0,
    account_days_suspended=0,
    write_offs=0,
    written_off=EUR,
    overdue_at_microsoft_due=(),
    exposure=EUR,
)


def point(day: dt.date, accounts: tuple[int, ...] = (1,), overdue: tuple[Money, ...] = (EUR,)) -> DayPoint:
    return DayPoint(day=day, accounts=accounts, overdue=overdue)


def result(**changes: Any) -> SimulationResult:
    fields: dict[str, Any] = {
        "policy": "p",
        "start": D(2024, 1, 1),
        "end": D(2024, 1, 2),
        "currency": "EUR",
        "stage_names": ("clear",),
        "transitions": (),
        "series": (point(D(2024, 1, 1)), point(D(2024, 1, 2))),
        "summary": SUMMARY,
    }
    fields.update(changes)
    return SimulationResult(**fields)


def test_a_consistent_result_built_by_hand_is_taken_and_merges() -> None:
    assert merge([result(), result()]).series[0].accounts == (2,)


@pytest.mark.parametrize(
    ("accounts", "field"), [((-5,), "accounts[0]"), ((10**100,), "accounts[0]"), ((1, 10**10), "accounts[1]")]
)
def test_a_day_point_refuses_a_count_out_of_range(accounts: tuple[int, ...], field: str) -> None:
    with raises_invalid(field=field, code=ErrorCode.OUT_OF_RANGE):
        point(D(2024, 1, 1), accounts, (EUR,) * len(accounts))


def test_a_day_point_refuses_amounts_that_are_not_one_per_count() -> None:
    with raises_invalid(field="overdue", code=ErrorCode.INCONSISTENT):
        point(D(2024, 1, 1), (1, 2), (EUR,))


def test_a_day_point_refuses_amounts_in_two_currencies_or_below_zero() -> None:
    with raises_invalid(field="overdue[1]", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
        point(D(2024, 1, 1), (1, 1), (EUR, Money(5, "USD")))
    with raises_invalid(field="overdue[0]", code=ErrorCode.OUT_OF_RANGE):
        point(D(2024, 1, 1), (1,), (Money(-5, "EUR"),))


def test_a_result_refuses_a_currency_that_is_no_code() -> None:
    with raises_invalid(field="currency", code=ErrorCode.UNKNOWN_VALUE):
        result(currency="nope")


def test_a_result_refuses_series_amounts_or_a_summary_in_another_currency() -> None:
    usd = Money(5, "USD")
    with raises_invalid(
        field="series[0].overdue[0]", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch
    ):
        result(series=(point(D(2024, 1, 1), overdue=(usd,)), point(D(2024, 1, 2), overdue=(usd,))))
    in_usd = attrs.evolve(SUMMARY, written_off=Money(0, "USD"), exposure=Money(0, "USD"))
    with raises_invalid(
        field="summary.written_off", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch
    ):
        result(summary=in_usd)


def test_a_result_refuses_an_end_before_its_start_or_a_century_away() -> None:
    with raises_invalid(field="end", code=ErrorCode.INCONSISTENT):
        result(end=D(2023, 12, 31), series=())
    with raises_invalid(field="end", code=ErrorCode.OUT_OF_RANGE):
        result(end=D(2224, 1, 1))


def test_a_result_refuses_a_series_that_is_not_one_point_a_day_of_its_period() -> None:
    with raises_invalid(field="series", code=ErrorCode.INCONSISTENT):
        result(series=(point(D(2024, 1, 1)),))
    with raises_invalid(field="series[1].day", code=ErrorCode.INCONSISTENT):
        result(series=(point(D(2024, 1, 1)), point(D(2024, 1, 3))))


def test_a_result_refuses_points_without_one_count_per_stage() -> None:
    short = (point(D(2024, 1, 1), (), ()), point(D(2024, 1, 2), (), ()))
    with raises_invalid(field="series[0].accounts", code=ErrorCode.INCONSISTENT):
        result(series=short)


def test_a_result_refuses_stage_names_not_starting_clear_or_repeated() -> None:
    with raises_invalid(field="stage_names", code=ErrorCode.INCONSISTENT):
        result(stage_names=("remind",))
    two = (point(D(2024, 1, 1), (1, 0), (EUR, EUR)), point(D(2024, 1, 2), (1, 0), (EUR, EUR)))
    with raises_invalid(field="stage_names", code=ErrorCode.DUPLICATE):
        result(stage_names=("clear", "clear"), series=two)


def test_a_result_refuses_a_transition_outside_its_period_or_stages() -> None:
    late = Transition(account="a", on=D(2024, 1, 3), before="clear", after="clear")
    with raises_invalid(field="transitions[0].on", code=ErrorCode.OUT_OF_RANGE):
        result(transitions=(late,))
    unknown = Transition(account="a", on=D(2024, 1, 2), before="clear", after="remind")
    with raises_invalid(field="transitions[0].after", code=ErrorCode.UNKNOWN_VALUE):
        result(transitions=(unknown,))


def test_merge_refuses_summaries_whose_microsoft_due_days_differ() -> None:
    due = attrs.evolve(SUMMARY, overdue_at_microsoft_due=((D(2024, 1, 2), EUR),))
    with raises_invalid(field="results[1].summary.overdue_at_microsoft_due", code=ErrorCode.INCONSISTENT):
        merge([result(), result(summary=due)])


def test_a_simulated_result_passes_every_check_of_the_public_constructor() -> None:
    simulated = simulate(
        STRICT, sample_portfolio(seed=9, accounts=12), start=D(2024, 1, 1), end=D(2024, 5, 31)
    )
    assert SimulationResult(**attrs.asdict(simulated, recurse=False)) == simulated
