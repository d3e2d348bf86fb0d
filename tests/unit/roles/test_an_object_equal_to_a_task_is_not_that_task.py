"""An object that only hashes and compares like a task is not that task, and a subclass of ``str``
naming one is read as a name: each is decided (or refused) as the straightforward reading decides it,
even after the task itself was asked about."""

from __future__ import annotations

from typing import Any

import pytest
from tests.property.can_reference import reference_can

from cspcore import InvalidInput
from cspcore.roles import PartnerRole, Task, can


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
