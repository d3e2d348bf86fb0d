"""Examples for cspcore.errors, cspcore.explain and cspcore._validate."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

import pytest
from tests.refusals import raises_invalid

from cspcore import CspError, InvalidInput, Money, Reason, RuleViolation, Source, _validate
from cspcore.errors import ErrorCode
from cspcore.explain import Params


def test_invalid_input_names_field_and_value() -> None:
    error = InvalidInput("stages[1].after_days", "must not be less than stages[0].after_days (1)", 0)
    assert str(error) == "stages[1].after_days: must not be less than stages[0].after_days (1) (got 0)"
    assert isinstance(error, ValueError)
    assert isinstance(error, CspError)


def test_long_values_are_shortened_in_messages() -> None:
    assert str(InvalidInput("x", "bad", "y" * 500)).endswith("...)")


def test_rule_violation_carries_reasons() -> None:
    reason = Reason(code="core.money.currency_mismatch", params={"left": "EUR", "right": "USD"})
    error = RuleViolation("refused", reasons=(reason,))
    assert error.reasons == (reason,)
    assert not isinstance(error, ValueError)


@pytest.mark.parametrize(
    ("bad", "code"),
    [
        ("", ErrorCode.MALFORMED),
        ("nodot", ErrorCode.MALFORMED),
        ("Upper.case", ErrorCode.MALFORMED),
        ("billing..x", ErrorCode.MALFORMED),
        (3, ErrorCode.WRONG_TYPE),
    ],
)
def test_reason_codes_must_be_dotted_identifiers(bad: object, code: ErrorCode) -> None:
    with raises_invalid(field="code", code=code):
        Reason(code=bad)  # type: ignore[arg-type]


def test_reason_params_are_immutable_and_hashable() -> None:
    reason = Reason(
        code="billing.x.y",
        params={"amount": Money("1", "EUR"), "on": dt.date(2024, 1, 1), "roles": ("a", "b")},
    )
    assert hash(reason) == hash(Reason(code="billing.x.y", params=dict(reason.params)))
    assert reason.params == {"amount": Money("1", "EUR"), "on": dt.date(2024, 1, 1), "roles": ("a", "b")}
    loose: Any = reason.params  # a type checker refuses the write; at run time it raises
    with pytest.raises(AttributeError):
        loose._items = {}
    assert repr(Params(a=1)) == "Params({'a': 1})"
    assert Params(a=1) != 3
    assert len(Params(a=1, b=2)) == 2


@pytest.mark.parametrize(
    ("params", "field", "code"),
    [
        ({"x": 1.5}, "params.x", ErrorCode.WRONG_TYPE),
        ({"x": object()}, "params.x", ErrorCode.WRONG_TYPE),
        ({"not an identifier": 1}, "params", ErrorCode.MALFORMED),
        ({"x": (1, 2.5)}, "params.x", ErrorCode.WRONG_TYPE),
        ("x=1", "params", ErrorCode.WRONG_TYPE),
        ([("x", 1)], "params", ErrorCode.WRONG_TYPE),
    ],
)
def test_reason_params_refuse_unrenderable_values(params: object, field: str, code: ErrorCode) -> None:
    with raises_invalid(field=field, code=code):
        Reason(code="billing.x.y", params=params)  # type: ignore[arg-type]


def test_reason_domain_and_english_text() -> None:
    reason = Reason(code="core.money.currency_mismatch", params={"left": "EUR", "right": "USD"})
    assert reason.domain == "core"
    assert str(reason) == "Amounts in EUR and USD cannot be combined without a conversion."


def test_source_citations() -> None:
    assert (
        Source(document="gdap-faq.md", section="Duration").cite() == "Partner Center: gdap-faq.md, Duration"
    )
    assert Source(document="x.md", publisher="Microsoft Graph").cite() == "Microsoft Graph: x.md"


class Colour(enum.Enum):
    DARK_RED = "darkRed"
    BLUE = "blue"


@pytest.mark.parametrize(
    "given", [Colour.DARK_RED, "darkRed", "DARKRED", "dark_red", "Dark Red", " darkred "]
)
def test_enum_members_are_matched_leniently(given: object) -> None:
    assert _validate.enum_member(Colour, given, "colour") is Colour.DARK_RED


@pytest.mark.parametrize(
    ("given", "code"),
    [("green", ErrorCode.UNKNOWN_VALUE), (3, ErrorCode.WRONG_TYPE), (None, ErrorCode.WRONG_TYPE)],
)
def test_unknown_enum_values_list_the_allowed_ones(given: object, code: ErrorCode) -> None:
    with raises_invalid(field="colour", code=code) as refused:
        _validate.enum_member(Colour, given, "colour")
    assert refused.value.choices == ("darkRed", "blue")


def test_validators_refuse_what_they_should() -> None:
    with raises_invalid(field="at", code=ErrorCode.NAIVE_DATETIME):
        _validate.aware_datetime(dt.datetime(2024, 1, 1), "at")  # noqa: DTZ001
    with raises_invalid(field="at", code=ErrorCode.WRONG_TYPE):
        _validate.aware_datetime(dt.date(2024, 1, 1), "at")
    with raises_invalid(field="on", code=ErrorCode.WRONG_TYPE):
        _validate.date("2024-01-01", "on")
    with raises_invalid(field="n", code=ErrorCode.OUT_OF_RANGE):
        _validate.integer(0, "n", minimum=1)
    with raises_invalid(field="n", code=ErrorCode.OUT_OF_RANGE):
        _validate.integer(2, "n", maximum=1)
    with raises_invalid(field="id", code=ErrorCode.EMPTY):
        _validate.text("  ", "id")
    with raises_invalid(field="id", code=ErrorCode.TOO_LONG):
        _validate.text("abc", "id", max_length=2)
    with raises_invalid(field="id", code=ErrorCode.WRONG_TYPE):
        _validate.text(3, "id")
    with raises_invalid(field="x", code=ErrorCode.WRONG_TYPE):
        _validate.instance(1.5, (int, str), "x")
    with raises_invalid(field="x", code=ErrorCode.OUT_OF_RANGE):
        _validate.decimal("-1", "x", allow_negative=False)
    assert _validate.text("", "note", allow_empty=True) == ""
    assert _validate.decimal(" 1000.5 ", "x") == Decimal("1000.5")
    # Python's Decimal() reads "1_000.5" as 1000.5; a number given to cspcore is plain ASCII digits
    with raises_invalid(field="x", code=ErrorCode.NOT_A_NUMBER):
        _validate.decimal(" 1_000.5 ", "x")
