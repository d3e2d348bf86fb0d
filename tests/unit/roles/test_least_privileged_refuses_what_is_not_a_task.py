"""``least_privileged`` takes one task or an iterable of tasks; anything else is refused under ``tasks``,
showing what was given."""

from __future__ import annotations

import pytest
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.roles import least_privileged


@pytest.mark.parametrize("given", [5, None, 2.5], ids=repr)
def test_a_value_that_is_neither_a_task_nor_an_iterable_is_refused_showing_it(given: object) -> None:
    with raises_invalid(field="tasks", code=ErrorCode.WRONG_TYPE) as caught:
        least_privileged(given)  # type: ignore[arg-type]
    assert caught.value.value == given
