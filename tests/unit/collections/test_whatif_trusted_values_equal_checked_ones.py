"""What-if values built by the simulation's trusted constructors equal those built by the public ones."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import InvalidInput, Money
from cspcore.billing import STRICT
from cspcore.billing.collections.whatif.results import (
    DayPoint,
    SimulationResult,
    Transition,
    day_point_of,
    transition_of,
    trusted_result,
)
from cspcore.billing.portfolio import sample_portfolio
from cspcore.billing.whatif import simulate

names = st.text(min_size=1, max_size=8)
days = st.dates()
# A point has one count and one amount (never negative, one currency) per stage.
points = st.integers(min_value=0, max_value=6).flatmap(
    lambda width: st.tuples(
        st.lists(st.integers(min_value=0, max_value=10**6), min_size=width, max_size=width).map(tuple),
        st.lists(st.decimals(min_value=0, max_value=10**9, places=2), min_size=width, max_size=width).map(
            lambda values: tuple(Money(value, "EUR") for value in values)
        ),
    )
)


@given(account=names, on=days, before=names, after=names)
@example(account="A", on=dt.date.min, before="clear", after="reminder")
@example(account="A", on=dt.date(2024, 2, 29), before="reminder", after="clear")
@example(account="A", on=dt.date.max, before="clear", after="clear")
def test_a_trusted_transition_equals_a_checked_one(
    account: str, on: dt.date, before: str, after: str
) -> None:
    expected = Transition(account=account, on=on, before=before, after=after)
    assert expected == transition_of(account, on, before, after)
    assert hash(expected) == hash(transition_of(account, on, before, after))


@given(day=days, point=points)
@example(day=dt.date.max, point=((), ()))
def test_a_trusted_day_point_equals_a_checked_one(
    day: dt.date, point: tuple[tuple[int, ...], tuple[Money, ...]]
) -> None:
    accounts, overdue = point
    assert DayPoint(day=day, accounts=accounts, overdue=overdue) == day_point_of(day, accounts, overdue)


def test_a_simulated_result_equals_its_fields_through_the_public_constructor() -> None:
    result = simulate(
        STRICT, sample_portfolio(seed=9, accounts=12), start=dt.date(2024, 1, 1), end=dt.date(2024, 5, 31)
    )
    fields = attrs.asdict(result, recurse=False)
    assert SimulationResult(**fields) == result
    assert trusted_result(**fields) == result
    assert result.transitions  # a real field, there from the start
    assert all(type(t) is Transition for t in result.transitions)
    assert all(type(p) is DayPoint for p in result.series)


def test_the_trusted_constructors_refuse_a_missing_or_unknown_field() -> None:
    with pytest.raises(TypeError):  # a caller's slip, as a missing argument of any function is
        transition_of("A", dt.date(2024, 1, 1), "clear")
    with pytest.raises(TypeError):
        day_point_of(dt.date(2024, 1, 1), (), (), ())
    fields = {field.name: None for field in attrs.fields(SimulationResult)}
    with pytest.raises(InvalidInput) as missing:
        trusted_result(**{k: v for k, v in fields.items() if k != "summary"})
    with pytest.raises(InvalidInput) as unknown:
        trusted_result(**fields, extra=None)
    assert [missing.value.field, unknown.value.field] == ["values"] * 2


def test_simulated_values_are_slotted_frozen_values() -> None:
    result = simulate(
        STRICT, sample_portfolio(seed=9, accounts=3), start=dt.date(2024, 1, 1), end=dt.date(2024, 1, 3)
    )
    for value in (result, result.series[0]):
        assert not hasattr(value, "__dict__")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            value.policy = "x"  # type: ignore[misc, union-attr]
