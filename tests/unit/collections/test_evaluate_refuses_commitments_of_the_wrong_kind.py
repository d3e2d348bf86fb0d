"""Rule: evaluate's ``commitments`` is a tuple or list of Commitment; any other value is refused.

Its default is the empty tuple: ``None``, ``0``, ``False``, ``""``, ``0.0``, ``{}`` or ``set()`` is
not taken for "no commitments" but refused with ``wrong_type``, as ``1`` or ``"x"`` always was.
"""

from __future__ import annotations

import datetime as dt

import pytest
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import STANDARD, Commitment, Invoice, Ledger, evaluate
from cspcore.errors import ErrorCode

D = dt.date
LEDGER = Ledger(
    invoices=(
        Invoice(
            id="A", issued=D(2024, 1, 1), due=D(2024, 1, 31), currency="EUR", total_charges=Money(100, "EUR")
        ),
    )
)
SUSPENDED_ON = D(2024, 3, 5)


@pytest.mark.parametrize("wrong", [None, 0, False, "", 0.0, {}, set(), frozenset(), b"", 1, True, "x", 1.5])
def test_a_value_that_is_no_list_of_commitments_is_refused(wrong: object) -> None:
    with raises_invalid(field="commitments", code=ErrorCode.WRONG_TYPE):
        evaluate(STANDARD, LEDGER, as_of=SUSPENDED_ON, commitments=wrong)  # type: ignore[arg-type]


@pytest.mark.parametrize("none", [(), []])
def test_an_empty_tuple_or_list_means_no_commitments(none: object) -> None:
    standing = evaluate(STANDARD, LEDGER, as_of=SUSPENDED_ON, commitments=none)  # type: ignore[arg-type]
    assert standing == evaluate(STANDARD, LEDGER, as_of=SUSPENDED_ON)
    assert standing.exposure is None


def test_commitments_in_a_list_or_a_tuple_give_the_same_standing() -> None:
    held = Commitment(subscription_id="s", term_end=D(2024, 12, 31), remaining=Money(300, "EUR"))
    as_list = evaluate(STANDARD, LEDGER, as_of=SUSPENDED_ON, commitments=[held])
    assert as_list == evaluate(STANDARD, LEDGER, as_of=SUSPENDED_ON, commitments=(held,))
    assert as_list.exposure == Money(300, "EUR")


def test_an_item_that_is_no_commitment_is_refused_by_its_position() -> None:
    with raises_invalid(field="commitments[0]", code=ErrorCode.WRONG_TYPE):
        evaluate(STANDARD, LEDGER, as_of=SUSPENDED_ON, commitments=[None])  # type: ignore[list-item]
