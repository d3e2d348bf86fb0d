"""A refusal raised in a worker process (a Dask task, a process pool) reaches the caller as it was raised.

Processes send errors pickled: an :class:`~cspcore.errors.InvalidInput` and a
:class:`~cspcore.errors.CurrencyMismatch` come back with their type, field, code, value and message.
"""

from __future__ import annotations

import pickle

from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput


def test_a_refusal_pickles_whole() -> None:
    raised = InvalidInput("billed.rows[812].Subtotal", "not a number", "ten", code=ErrorCode.NOT_A_NUMBER)
    back = pickle.loads(pickle.dumps(raised))  # noqa: S301 - what this test pickled itself
    assert type(back) is InvalidInput
    assert (back.field, back.code, back.value, back.problem) == (
        raised.field,
        raised.code,
        "ten",
        raised.problem,
    )
    assert str(back) == str(raised)


def test_a_currency_mismatch_pickles_whole() -> None:
    raised = CurrencyMismatch("expected.rows[3].Currency", "EUR", "USD")
    back = pickle.loads(pickle.dumps(raised))  # noqa: S301 - what this test pickled itself
    assert type(back) is CurrencyMismatch
    assert (back.field, back.code, back.left, back.right) == (
        raised.field,
        ErrorCode.CURRENCY_MISMATCH,
        "EUR",
        "USD",
    )
    assert str(back) == str(raised)
