"""currency_code is the one currency check: it accepts exactly what is_currency accepts, naming the field."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import InvalidInput, Money
from cspcore._iso4217 import MINOR_UNITS, NO_MINOR_UNIT
from cspcore.currencies import MINOR_UNIT, currency_code, is_currency, minor_units
from cspcore.errors import ErrorCode

CODES = st.sampled_from(sorted(MINOR_UNITS)) | st.sampled_from(sorted(NO_MINOR_UNIT)) | st.text(max_size=5)


@given(CODES)
@example("eur")
@example(" EUR")
@example("XAU")
@example("")
def test_it_accepts_exactly_the_currencies(code: str) -> None:
    if is_currency(code):
        assert currency_code(code, "billing_currency") == code
    else:
        with pytest.raises(InvalidInput) as caught:
            currency_code(code, "billing_currency")
        assert caught.value.field == "billing_currency"


@pytest.mark.parametrize("value", [None, 978, b"EUR", ["EUR"]])
def test_a_value_that_is_not_text_is_refused_as_the_wrong_type(value: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        currency_code(value, "currency")
    assert (caught.value.field, caught.value.code) == ("currency", ErrorCode.WRONG_TYPE)


def test_a_code_without_a_minor_unit_is_an_unknown_value() -> None:
    with pytest.raises(InvalidInput) as caught:
        currency_code("XAU")
    assert (caught.value.field, caught.value.code) == ("currency", ErrorCode.UNKNOWN_VALUE)


def test_a_str_subclass_comes_back_as_a_plain_str() -> None:
    class Code(str):
        __slots__ = ()

    assert type(currency_code(Code("EUR"))) is str


@given(st.sampled_from(sorted(MINOR_UNITS)))
def test_the_minor_unit_has_as_many_places_as_minor_units_says(code: str) -> None:
    assert MINOR_UNIT[code] == Decimal(1).scaleb(-minor_units(code))
    rounded = Money(1, code).round().amount
    assert rounded == 1
    assert rounded.as_tuple().exponent == MINOR_UNIT[code].as_tuple().exponent


@pytest.mark.parametrize("field", [0.0, None, b"currency"])
def test_a_field_name_that_is_not_text_is_refused_even_for_a_good_code(field: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        currency_code("EUR", field)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("field", ErrorCode.WRONG_TYPE)
