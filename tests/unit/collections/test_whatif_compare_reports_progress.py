"""``compare`` reports each simulated policy to a progress callback, and refuses one it cannot call."""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore.billing import PRESETS
from cspcore.billing.portfolio import sample_portfolio
from cspcore.billing.whatif import compare
from cspcore.errors import ErrorCode, InvalidInput

START, END = dt.date(2024, 1, 1), dt.date(2024, 2, 29)


def test_compare_advances_the_progress_once_per_policy() -> None:
    steps: list[int] = []
    book = sample_portfolio(seed=1, accounts=4)
    result = compare(list(PRESETS.values()), book, start=START, end=END, progress=steps.append)
    assert steps == [1, 1, 1]
    assert result == compare(list(PRESETS.values()), book, start=START, end=END)


def test_a_progress_that_cannot_be_called_is_refused() -> None:
    book = sample_portfolio(accounts=1)
    with pytest.raises(InvalidInput) as raised:
        compare(list(PRESETS.values()), book, start=START, end=END, progress=3)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.code) == ("progress", ErrorCode.WRONG_TYPE)
    with pytest.raises(InvalidInput) as raised:
        sample_portfolio(accounts=1, progress="bar")  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.code) == ("progress", ErrorCode.WRONG_TYPE)
