"""Growth exponents of access checks: many questions, and one question about a long collection of roles.

``can`` reads each collection once (one step per item) and finds each role set's decision in a table,
so ten times the questions, or ten times the items of one collection, take ten times as long.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from cspcore.roles import PartnerRole, Task, all_rules, can
from growth import measure, record

RULES = {rule.task: frozenset(rule.roles) for rule in all_rules()}


def _questions(n: int) -> list[tuple[list[str], Task]]:
    """``n`` questions by a staff's role sets, the roles as display names (fresh strings)."""
    rng = random.Random(n)
    roles, tasks = list(PartnerRole), list(Task)
    return [
        ([f"{role.value} "[:-1] for role in rng.sample(roles, rng.randint(1, 3))], rng.choice(tasks))
        for _ in range(n)
    ]


def _answers(asked: list[tuple[list[str], Task]]) -> list[bool]:
    return [can(roles, task).is_allowed for roles, task in asked]


@pytest.mark.benchmark(group="growth: roles")
def test_growth_of_many_questions(benchmark: Any) -> None:
    growth = measure(_questions, _answers, small=2_000)
    large = _questions(20_000)
    by_name = {task: frozenset(role.value for role in roles) for task, roles in RULES.items()}
    assert growth.result == [not by_name[task].isdisjoint(roles) for roles, task in large]
    record(benchmark, growth, limit=1.3)
    benchmark.pedantic(_answers, args=(large,), rounds=1)


def _long(n: int) -> list[PartnerRole | str]:
    """One staff member's roles, listed ``n`` times over as members and names (as merged claims may)."""
    held: list[PartnerRole | str] = [
        PartnerRole.SALES_AGENT,
        "Helpdesk agent",
        PartnerRole.REPORT_VIEWER,
        "incentives user",
    ]
    return [held[i % len(held)] for i in range(n)]


def _asked(roles: list[PartnerRole | str]) -> bool:
    return can(roles, Task.VIEW_INVOICES).is_allowed is False and bool(can(iter(roles), Task.CREATE_CUSTOMER))


@pytest.mark.benchmark(group="growth: roles")
def test_growth_of_one_long_collection(benchmark: Any) -> None:
    growth = measure(_long, _asked, small=5_000)
    assert growth.result is (
        not RULES[Task.CREATE_CUSTOMER].isdisjoint({PartnerRole.SALES_AGENT, PartnerRole.HELPDESK_AGENT})
    )
    record(benchmark, growth, limit=1.3)
    benchmark.pedantic(_asked, args=(_long(50_000),), rounds=1)
