"""Every refusal carries a stable, machine-readable code beside its field and value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspcore import CurrencyMismatch, ErrorCode, InvalidInput, Money, RuleViolation
from cspcore.billing import CancellationWindowClosed


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (1.5, ErrorCode.WRONG_TYPE),
        (True, ErrorCode.WRONG_TYPE),
        ([1], ErrorCode.WRONG_TYPE),
        ("ten", ErrorCode.NOT_A_NUMBER),
        ("NaN", ErrorCode.NOT_FINITE),
        (Decimal("Infinity"), ErrorCode.NOT_FINITE),
        ("1e31", ErrorCode.OUT_OF_RANGE),
        (10**31, ErrorCode.OUT_OF_RANGE),
        ("0." + "1" * 51, ErrorCode.TOO_MANY_DIGITS),
        ("1" * 201, ErrorCode.TOO_LONG),
    ],
)
def test_a_refused_amount_says_what_kind_of_refusal_it_is(value: object, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        Money(value, "EUR")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("amount", code)


def test_an_unknown_currency_and_a_mismatch_have_their_own_codes() -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        _ = Money(1, "EUR") + Money(1, "USD")
    assert caught.value.code is ErrorCode.CURRENCY_MISMATCH
    assert (caught.value.left, caught.value.right) == ("EUR", "USD")


def test_codes_are_plain_strings_for_programs() -> None:
    assert all(code.value == code for code in ErrorCode)
    assert len({code.value for code in ErrorCode}) == len(ErrorCode)


def test_a_rule_violation_is_coded_by_its_class() -> None:
    assert CancellationWindowClosed.code == "cancellation_window_closed"
    assert RuleViolation("no").code == "rule_violation"

    class SeatsLocked(RuleViolation):
        code = "seats_locked_by_policy"

    assert SeatsLocked("locked").code == "seats_locked_by_policy"

    class TermEndPassed(RuleViolation):  # no code of its own: its name, in snake case
        pass

    assert TermEndPassed("passed").code == "term_end_passed"


@given(
    st.integers(min_value=10**31, max_value=10**6000)
    | st.integers(max_value=-(10**31), min_value=-(10**6000))
)
def test_a_huge_int_is_refused_and_its_message_always_builds(value: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        Money(value, "EUR")
    assert caught.value.code is ErrorCode.OUT_OF_RANGE
    assert len(str(caught.value)) < 200


class _Hostile:
    def __repr__(self) -> str:
        raise RuntimeError("no repr for you")


def test_a_value_whose_repr_raises_still_gives_an_error() -> None:
    with pytest.raises(InvalidInput) as caught:
        Money(_Hostile(), "EUR")  # type: ignore[arg-type]
    assert caught.value.code is ErrorCode.WRONG_TYPE
    assert "_Hostile" in str(caught.value)


def test_naive_datetimes_are_coded() -> None:
    from cspcore.billing import cancellation_quote

    with pytest.raises(InvalidInput) as caught:
        cancellation_quote(dt.datetime(2024, 1, 1), at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC))  # noqa: DTZ001
    assert (caught.value.field, caught.value.code) == ("purchased_at", ErrorCode.NAIVE_DATETIME)


def test_an_error_with_a_field_that_is_not_text_is_still_raised() -> None:
    error = InvalidInput(_Hostile(), "bad")  # type: ignore[arg-type]
    assert error.field == "<_Hostile object>" or error.field.startswith("<_Hostile")
    assert str(error).endswith(": bad (got None)")
