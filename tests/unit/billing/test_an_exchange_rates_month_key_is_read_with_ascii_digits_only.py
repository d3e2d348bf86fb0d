"""A month key written as text is read with ASCII digits only, like every date and number read from text."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import InvalidInput
from cspcore.billing.exchange import ExchangeRates
from cspcore.errors import ErrorCode


def _rates(key: str) -> ExchangeRates:
    return ExchangeRates(pricing_currency="USD", billing_currency="EUR", rates={key: "0.95"})


@pytest.mark.parametrize(
    "key",
    [
        "\uff12\uff10\uff12\uff14-01",  # full-width year
        "2024-\uff101",  # one full-width digit in the month
        "\u0662\u0660\u0662\u0664-01",  # Arabic-Indic year
        "2024-\u0967\u0968",  # Devanagari month
    ],
)
def test_a_month_key_with_other_scripts_digits_is_refused(key: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        _rates(key)
    error = caught.value
    assert (error.field, error.code, error.value) == ("rates[]", ErrorCode.MALFORMED, key)


def test_a_month_key_with_ascii_digits_is_read() -> None:
    assert _rates(" 2024-01 ").months == (dt.date(2024, 1, 1),)


_NON_ASCII_DIGITS = st.characters(categories=["Nd"]).filter(lambda char: not char.isascii())


_KEYS = st.sampled_from(["2024-01", "0002-12", "9999-12"])


@given(key=_KEYS, where=st.integers(0, 5), digit=_NON_ASCII_DIGITS)
@example(key="2024-01", where=0, digit="\uff12")
@example(key="9999-12", where=5, digit="\U0001d7d7")  # mathematical double-struck nine
def test_any_non_ascii_digit_in_a_month_key_is_refused(key: str, where: int, digit: str) -> None:
    position = where if where < 4 else where + 1  # skip the hyphen
    changed = key[:position] + digit + key[position + 1 :]
    with pytest.raises(InvalidInput) as caught:
        _rates(changed)
    assert (caught.value.field, caught.value.code) == ("rates[]", ErrorCode.MALFORMED)
