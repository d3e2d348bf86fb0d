"""A refusal said again in a caller's words keeps everything else it said.

:meth:`~cspcore.errors.InvalidInput.reworded` is how a rule that refuses through a shared check
(a tax rate, a markup: both fractions) says what the value was meant to be: the class, field,
value, shown value, code and choices stay, and the message is the one a refusal raised with the new
problem would have. The tax rate and the markup refuse so, and keep the shared check's field and code.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspcore.billing import Pricing, TaxRule
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput

fields = st.text(min_size=1, max_size=30)
values = st.one_of(st.none(), st.integers(), st.text(max_size=120), st.lists(st.integers(), max_size=20))


@given(
    field=fields,
    problem=st.text(min_size=1, max_size=40),
    value=values,
    show=st.booleans(),
    code=st.sampled_from(ErrorCode),
    choices=st.lists(st.text(max_size=8), max_size=3).map(tuple),
    new=st.text(min_size=1, max_size=40),
)
def test_a_reworded_refusal_is_the_refusal_raised_with_the_new_problem(
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
    reworded = raised.reworded(new)
    fresh = InvalidInput(field, new, value, show_value=show, code=code, choices=choices)
    assert type(reworded) is InvalidInput
    assert vars(reworded) == vars(fresh)
    assert str(reworded) == str(fresh)
    assert raised.problem == problem  # the refusal it came from is left as it was


def test_a_currency_mismatch_stays_one_with_both_currencies() -> None:
    reworded = CurrencyMismatch("total", "EUR", "USD").reworded("the invoice's currencies differ")
    assert type(reworded) is CurrencyMismatch
    assert (reworded.field, reworded.left, reworded.right, reworded.code) == (
        "total",
        "EUR",
        "USD",
        ErrorCode.CURRENCY_MISMATCH,
    )


@pytest.mark.parametrize("rate", [21, Decimal("-0.01")])
def test_a_tax_rate_out_of_range_keeps_the_fraction_rules_field_and_code(rate: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        TaxRule(rate=rate)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "rate",
        ErrorCode.OUT_OF_RANGE,
        rate,
    )


def test_a_tax_rate_that_is_no_number_is_refused_as_the_fraction_rule_refuses_it() -> None:
    with pytest.raises(InvalidInput) as caught:
        TaxRule(rate="21%")
    assert (caught.value.field, caught.value.code) == ("rate", ErrorCode.NOT_A_NUMBER)


def test_a_markup_over_its_ceiling_keeps_the_fraction_rules_field_and_code() -> None:
    with pytest.raises(InvalidInput) as caught:
        Pricing(markup=Decimal(2))
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "markup",
        ErrorCode.OUT_OF_RANGE,
        2,
    )
