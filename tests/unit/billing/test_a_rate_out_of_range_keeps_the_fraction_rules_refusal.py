"""A tax rate or a markup out of range is the fraction rule's refusal, in the rule's own words.

Both are fractions (``0.21`` for 21 %), refused by the one fraction rule; each says what the value was
meant to be through :meth:`~cspcore.errors.InvalidInput.reworded`, so the field, value and code are
the fraction rule's. A tax rate that is no number at all is refused as the fraction rule refuses it.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from cspcore.billing import Pricing, TaxRule
from cspcore.errors import ErrorCode, InvalidInput


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
