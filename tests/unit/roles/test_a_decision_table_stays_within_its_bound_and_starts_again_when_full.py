"""A ``DecisionTable`` keeps each decision under its role set and the caller's spelling, holds at most
``max_decisions`` entries, and starts again, empty, when one more would not fit; what it answers is
always what ``can`` answers."""

from __future__ import annotations

import itertools

from tests.property.can_reference import reference_can

from cspcore.roles import DecisionTable, PartnerRole, Task, can
from cspcore.roles.access import MAX_DECISIONS

PAIRS = [frozenset(pair) for pair in itertools.combinations(PartnerRole, 2)]


def test_a_question_asked_again_gets_the_kept_decision() -> None:
    table = DecisionTable()
    roles = frozenset({PartnerRole.BILLING_ADMIN, PartnerRole.SALES_AGENT})
    first = table.can(roles, Task.VIEW_INVOICES)
    assert first == can(roles, Task.VIEW_INVOICES) == reference_can(roles, Task.VIEW_INVOICES)
    for again in (roles, set(roles), list(roles), iter(roles), Task.VIEW_INVOICES.value):
        if isinstance(again, str):
            assert table.can(roles, again) is first
        else:
            assert table.can(again, Task.VIEW_INVOICES) is first
    assert len(table) == 3  # under the mask, the frozenset (a set finds it too) and the list's items


def test_it_starts_again_when_full() -> None:
    table = DecisionTable(max_decisions=12)
    held = []
    for roles, task in zip(PAIRS[:14], itertools.cycle(Task), strict=False):
        assert table.can(roles, task) == reference_can(roles, task)
        held.append(len(table))
    assert held == [2, 4, 6, 8, 10, 12, 2, 4, 6, 8, 10, 12, 2, 4]


def test_it_never_holds_more_than_its_bound() -> None:
    for bound in (2, 3, 5, 12):
        table = DecisionTable(max_decisions=bound)
        for roles, task in zip(PAIRS, itertools.cycle(Task), strict=False):
            for spelling in (roles, list(roles), [role.value for role in roles], set(roles), iter(roles)):
                assert table.can(spelling, task) == reference_can(roles, task)
                assert len(table) <= bound


def test_clear_empties_it_and_the_answers_stay() -> None:
    table = DecisionTable()
    asked = [(roles, task) for roles, task in zip(PAIRS, itertools.cycle(Task), strict=False)]
    before = [table.can(roles, task) for roles, task in asked]
    assert len(table) > 0
    table.clear()
    assert len(table) == 0
    assert [table.can(roles, task) for roles, task in asked] == before


def test_its_bound_is_the_default_unless_given() -> None:
    assert DecisionTable().max_decisions == MAX_DECISIONS == 16_384
    assert DecisionTable(max_decisions=2).max_decisions == 2
    assert repr(DecisionTable(max_decisions=40)) == "DecisionTable(max_decisions=40)"
