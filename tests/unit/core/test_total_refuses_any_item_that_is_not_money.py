"""``total`` refuses an item that is not Money, None included, whatever the iterable: a list, a tuple or a
stream. The refusal names ``amounts`` and shows the item."""

from __future__ import annotations

from typing import Any

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode, Money
from cspcore.money import total

EUR = Money("1.00", "EUR")


@pytest.mark.parametrize("shape", [list, tuple, iter], ids=["list", "tuple", "stream"])
@pytest.mark.parametrize("bad", [None, "1.00", 1], ids=repr)
def test_an_item_that_is_not_money_is_refused_showing_it(shape: Any, bad: object) -> None:
    with raises_invalid(field="amounts", code=ErrorCode.WRONG_TYPE) as caught:
        total(shape([EUR, bad, EUR]))
    assert caught.value.value == bad
