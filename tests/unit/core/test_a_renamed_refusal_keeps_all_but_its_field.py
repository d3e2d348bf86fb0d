"""A refusal named again by where it sits, or said in a caller's words, keeps everything else it said.

:meth:`~cspcore.errors.InvalidInput.renamed` is the one way a reader (a payload, a recon file, a
file given on the command line) puts a refusal raised deeper down under the caller's path: the class,
problem, value, shown value, code and choices stay, and the message is the one a refusal raised
with the new field would have. :meth:`~cspcore.errors.InvalidInput.reworded` is the same for the
problem: a rule that refuses through a shared check says what the value was meant to be.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspcore.cli.words import WordedInput
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.interop import parse_invoice_line_items

fields = st.text(min_size=1, max_size=30)
values = st.one_of(st.none(), st.integers(), st.text(max_size=120), st.lists(st.integers(), max_size=20))


@given(
    field=fields,
    problem=st.text(min_size=1, max_size=40),
    value=values,
    show=st.booleans(),
    code=st.sampled_from(ErrorCode),
    choices=st.lists(st.text(max_size=8), max_size=3).map(tuple),
    new=fields,
)
def test_a_renamed_refusal_is_the_refusal_raised_under_the_new_field(
    *,
    field: str,
    problem: str,
    value: object,
    show: bool,
    code: ErrorCode,
    choices: tuple[str, ...],
    new: str,
) -> None:
    raised = InvalidInput(field, problem, value, show_value=show, code=code, choices=choices)
    moved = raised.renamed(new)
    fresh = InvalidInput(new, problem, value, show_value=show, code=code, choices=choices)
    assert type(moved) is InvalidInput
    assert vars(moved) == vars(fresh)
    assert str(moved) == str(fresh)
    # ``reworded`` is the same law for the problem: the refusal raised with the new one.
    reworded = raised.reworded(new)
    said = InvalidInput(field, new, value, show_value=show, code=code, choices=choices)
    assert type(reworded) is InvalidInput
    assert (vars(reworded), str(reworded)) == (vars(said), str(said))
    assert (raised.field, str(raised)) == (field, str(InvalidInput(field, problem, value, show_value=show)))


def test_a_currency_mismatch_stays_one_with_both_currencies() -> None:
    moved = CurrencyMismatch("total", "EUR", "USD").renamed("invoices[0].total")
    assert type(moved) is CurrencyMismatch
    assert (moved.field, moved.left, moved.right, moved.code) == (
        "invoices[0].total",
        "EUR",
        "USD",
        ErrorCode.CURRENCY_MISMATCH,
    )
    assert moved.shown_value is None
    assert str(moved) == str(CurrencyMismatch("invoices[0].total", "EUR", "USD"))
    reworded = moved.reworded("the invoice's currencies differ")
    assert type(reworded) is CurrencyMismatch
    assert (reworded.field, reworded.left, reworded.right) == ("invoices[0].total", "EUR", "USD")


def test_a_worded_refusal_stays_worded() -> None:
    moved = WordedInput("seats", "musí být kladné", 0, code=ErrorCode.OUT_OF_RANGE).renamed("sub.toml:seats")
    assert type(moved) is WordedInput
    assert (moved.field, moved.problem, moved.value) == ("sub.toml:seats", "musí být kladné", 0)


def test_a_field_that_is_not_text_is_shown_rather_than_stopping_the_refusal() -> None:
    moved = InvalidInput("x", "bad", 1).renamed(3)  # type: ignore[arg-type]
    assert moved.field == "3"


def test_the_notes_added_to_a_raise_stay_with_that_raise() -> None:
    raised = InvalidInput("[1]", "expected a str", 5, code=ErrorCode.WRONG_TYPE)
    raised.add_note("Structuring item @ index 1")
    moved = raised.renamed("names[1]")
    assert not hasattr(moved, "__notes__")
    assert raised.__notes__ == ["Structuring item @ index 1"]


def test_the_refusal_renamed_is_left_as_it_was() -> None:
    raised = InvalidInput("amount", "not a number", "ten", code=ErrorCode.NOT_A_NUMBER)
    before = (str(raised), dict(vars(raised)))
    raised.renamed("lines[0].amount")
    assert (str(raised), vars(raised)) == before


# -- a reader's refusal is the inner one, renamed -----------------------------------------------


def test_a_line_items_refusal_is_the_charge_lines_own_under_the_items_path() -> None:
    office = {"billingProvider": "office", "chargeType": "Cycle fee", "offerName": "E3",
              "subscriptionId": "s", "unitPrice": 10, "quantity": 1, "subtotal": "10", "tax": "0",
              "currency": "EUR", "chargeStartDate": "2017-05-12T00:00:00",
              "chargeEndDate": "2017-05-01T00:00:00"}  # fmt: skip
    with pytest.raises(InvalidInput) as caught:
        parse_invoice_line_items({"items": [office]})
    error = caught.value
    assert (error.field, error.value) == ("items[0].charge_end", dt.date(2017, 5, 1))
    inner = error.renamed("charge_end")  # what the charge line raised, before the reader named the item
    assert str(error) == str(inner.renamed("items[0].charge_end"))
    assert error.shown_value == repr(dt.date(2017, 5, 1))
