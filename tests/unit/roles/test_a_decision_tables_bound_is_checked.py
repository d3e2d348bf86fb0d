"""The bound of a ``DecisionTable`` is an ``int`` from 2 (a decision and one spelling) to 1,048,576:
anything else is refused with the field ``max_decisions`` and its code."""

from __future__ import annotations

from decimal import Decimal

import pytest

from cspcore import InvalidInput
from cspcore.errors import ErrorCode
from cspcore.roles import DecisionTable


@pytest.mark.parametrize("bound", [0, 1, -1, -16_384, 1_048_577, 10**30])
def test_a_bound_out_of_range_is_refused(bound: int) -> None:
    with pytest.raises(InvalidInput) as refused:
        DecisionTable(max_decisions=bound)
    assert (refused.value.field, refused.value.code) == ("max_decisions", ErrorCode.OUT_OF_RANGE)


@pytest.mark.parametrize("bound", [True, 16.0, float("inf"), "16384", Decimal(16), None, [16]])
def test_a_bound_of_the_wrong_kind_is_refused(bound: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        DecisionTable(max_decisions=bound)  # type: ignore[arg-type]
    assert (refused.value.field, refused.value.code) == ("max_decisions", ErrorCode.WRONG_TYPE)


@pytest.mark.parametrize("bound", [2, 3, 16_384, 1_048_576])
def test_a_bound_in_range_is_taken(bound: int) -> None:
    assert DecisionTable(max_decisions=bound).max_decisions == bound
