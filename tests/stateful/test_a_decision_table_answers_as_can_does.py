"""A caller's ``DecisionTable`` answers every question exactly as ``can`` does, and stays within its bound.

Driven through any sequence of questions (roles in every collection and spelling, bad input, every
task in every spelling, any ``on`` day), clears and re-asks, a table of a small bound gives for each
question what ``can`` and the straightforward reading (``can_reference.py``) give, field for field
and reason for reason, or refuses it the same way; it never holds more entries than its bound.
"""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from tests.property.can_reference import reference_can
from tests.property.test_a_role_check_decides_as_the_straightforward_reading import (
    BAD_ITEMS,
    DAYS,
    ITEM,
    TASK_SPELLINGS,
    outcome,
    replay,
    role_collections,
)

from cspcore.roles import DecisionTable, can


def _reference(roles: object, task: object, on: object, got: object) -> object:
    """The reference's outcome; ``got`` when the reference itself cannot hash a hostile item."""
    try:
        return outcome(reference_can, roles, task, on)
    except (TypeError, RuntimeError):  # it hashed a hostile item inside a frozenset it built
        return got


class DecisionTableMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.table = DecisionTable()
        self.asked: list[tuple[object, object, object]] = []

    @initialize(bound=st.integers(min_value=2, max_value=24))
    def start(self, bound: int) -> None:
        self.table = DecisionTable(max_decisions=bound)

    @rule(roles=role_collections(ITEM | BAD_ITEMS), task=TASK_SPELLINGS, on=DAYS)
    def ask(self, roles: object, task: object, on: object) -> None:
        kept, rest = replay(roles)
        plain, reference = replay(rest)
        got = outcome(self.table.can, kept, task, on)
        assert got == outcome(can, plain, task, on)
        assert got == _reference(reference, task, on, got)
        if not hasattr(roles, "__next__"):
            self.asked.append((roles, task, on))

    @rule(data=st.data())
    def ask_again(self, data: st.DataObject) -> None:
        if self.asked:
            roles, task, on = self.asked[data.draw(st.integers(0, len(self.asked) - 1))]
            got = outcome(self.table.can, roles, task, on)
            assert got == _reference(roles, task, on, got)

    @rule()
    def clear(self) -> None:
        self.table.clear()
        assert len(self.table) == 0

    @invariant()
    def within_its_bound(self) -> None:
        assert 0 <= len(self.table) <= self.table.max_decisions


DecisionTableMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=40, deadline=None)
TestDecisionTable = DecisionTableMachine.TestCase
