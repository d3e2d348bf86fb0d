"""An object that only hashes and compares like a task is not that task, and a subclass of ``str``
naming one is read as a name: each is decided (or refused) as the straightforward reading decides it,
even after the task itself was asked about, and a ``DecisionTable`` hands what it keeps for a task only
to that task or a plain string naming it."""

from __future__ import annotations

from typing import Any

import pytest
from tests.property.can_reference import reference_can

from cspcore import InvalidInput
from cspcore.roles import DecisionTable, PartnerRole, Task, can


class LikeATask:
    """Hashes like a task and says it equals anything, but is no task."""

    def __hash__(self) -> int:
        return hash(Task.VIEW_INVOICES)

    def __eq__(self, other: object) -> bool:
        return True


Text = type("Text", (str,), {})
ADMINS = frozenset({PartnerRole.GLOBAL_ADMIN})


def _outcome(call: Any, task: object) -> object:
    try:
        return call(ADMINS, task)
    except InvalidInput as error:
        return (type(error), error.field, error.code)


@pytest.mark.parametrize("impostor", [LikeATask(), Text(Task.VIEW_INVOICES.value)], ids=["equal", "str"])
def test_an_impostor_is_decided_as_the_reference_decides_it(impostor: object) -> None:
    assert can(ADMINS, Task.VIEW_INVOICES) == can(ADMINS, Task.VIEW_INVOICES.value)
    assert _outcome(can, impostor) == _outcome(reference_can, impostor)


@pytest.mark.parametrize("impostor", [LikeATask(), Text(Task.VIEW_INVOICES.value)], ids=["equal", "str"])
def test_a_decision_table_hands_a_kept_decision_only_to_its_task(impostor: object) -> None:
    table = DecisionTable()
    kept = table.can(ADMINS, Task.VIEW_INVOICES)
    assert table.can(ADMINS, Task.VIEW_INVOICES.value) is kept
    assert table.can(ADMINS, Task.VIEW_INVOICES.name) is kept
    assert _outcome(table.can, impostor) == _outcome(reference_can, impostor)
