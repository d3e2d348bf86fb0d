"""A number given as text is ASCII digits with at most one sign, one point and an exponent (surrounding
whitespace aside): Python's ``Decimal()`` also reads ``1_000``, Arabic-Indic and full-width digits, which
cspcore refuses as ``not_a_number``. A ``str`` subclass is read as the plain text it holds: none of its
own methods decides the number."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.errors import ErrorCode


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12", Decimal(12)),
        (" -1.50 ", Decimal("-1.50")),
        ("+.5", Decimal("0.5")),
        ("2.", Decimal(2)),
        ("1E+3", Decimal("1E+3")),
        ("2.5e-2", Decimal("0.025")),
    ],
)
def test_ascii_digits_a_sign_a_point_and_an_exponent_are_read(text: str, expected: Decimal) -> None:
    assert expected == Money(text, "EUR").amount


@pytest.mark.parametrize(
    "text",
    [
        "1_000",
        "1_000.50",
        "\u0661\u0662\u0663",  # Arabic-Indic 123
        "\uff11\uff12\uff13",  # full-width 123
        "\u0967\u0968",  # Devanagari 12
        "1.2.3",
        "--1",
        "+-1",
        "1e",
        "e5",
        ".",
        "",
        "0x10",
        "1 000",
        "12abc",
    ],
)
def test_anything_else_is_not_a_number(text: str) -> None:
    with raises_invalid(field="amount", code=ErrorCode.NOT_A_NUMBER):
        Money(text, "EUR")


@pytest.mark.parametrize("text", ["NaN", "-Infinity", "inf", "sNaN"])
def test_decimals_words_for_what_is_not_finite_are_refused_as_not_finite(text: str) -> None:
    with raises_invalid(field="amount", code=ErrorCode.NOT_FINITE):
        Money(text, "EUR")


class Liar(str):
    """Text whose own methods say something else than the text it holds."""

    __slots__ = ()

    def strip(self, chars: str | None = None) -> str:  # noqa: ARG002 - the override is the point
        return "1"

    def __str__(self) -> str:
        return "2"

    def __len__(self) -> int:
        return 0


@pytest.mark.parametrize(("text", "expected"), [(" 3.5 ", Decimal("3.5")), ("abc", None)])
def test_a_str_subclass_is_read_as_the_plain_text_it_holds(text: str, expected: Decimal | None) -> None:
    if expected is None:
        with raises_invalid(field="amount", code=ErrorCode.NOT_A_NUMBER):
            Money(Liar(text), "EUR")
    else:
        assert expected == Money(Liar(text), "EUR").amount


@given(st.text(alphabet=st.characters(categories=["Nd"]), min_size=1, max_size=6))
@example("\u0661")
def test_digits_of_other_scripts_are_refused(text: str) -> None:
    if text.isascii():
        assert Decimal(text) == Money(text, "EUR").amount
    else:
        with raises_invalid(field="amount", code=ErrorCode.NOT_A_NUMBER):
            Money(text, "EUR")
