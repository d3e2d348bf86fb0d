"""A refusal raised in a worker process (a Dask task, a process pool) reaches the caller as it was raised.

Processes send errors pickled: an :class:`~cspcore.errors.InvalidInput` and a
:class:`~cspcore.errors.CurrencyMismatch` come back with their type, field, code, value and message.
"""

from __future__ import annotations

import pickle

import pytest

from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput


@pytest.mark.parametrize(
    "raised",
    [
        InvalidInput("billed.rows[812].Subtotal", "not a number", "ten", code=ErrorCode.NOT_A_NUMBER),
        InvalidInput("rows", "too long", list(range(50)), show_value=False, code=ErrorCode.TOO_LONG),
        CurrencyMismatch("expected.rows[3].Currency", "EUR", "USD"),
    ],
)
def test_a_refusal_pickles_whole(raised: InvalidInput) -> None:
    back = pickle.loads(pickle.dumps(raised))  # noqa: S301 - what this test pickled itself
    assert type(back) is type(raised)
    assert (back.field, back.code, back.value, back.problem) == (
        raised.field,
        raised.code,
        raised.value,
        raised.problem,
    )
    assert str(back) == str(raised)
    assert vars(back) == vars(raised)  # a currency mismatch's left and right too
