"""How cspcore.errors builds its messages and what each error carries."""

from __future__ import annotations

from cspcore import CspError, CurrencyMismatch, ErrorCode, InvalidInput, Reason, RuleViolation


class TestInvalidInput:
    def test_it_keeps_field_problem_and_value(self) -> None:
        error = InvalidInput("quantity", "must be at least 1", 0)
        assert (error.field, error.problem, error.value) == ("quantity", "must be at least 1", 0)
        assert str(error) == "quantity: must be at least 1 (got 0)"
        assert error.args == ("quantity: must be at least 1 (got 0)",)

    def test_the_value_defaults_to_none_and_is_shown(self) -> None:
        error = InvalidInput("currency", "needed")
        assert error.value is None
        assert str(error) == "currency: needed (got None)"

    def test_the_value_can_be_kept_out_of_the_message(self) -> None:
        error = InvalidInput("secret", "is wrong", "hunter2", show_value=False)
        assert str(error) == "secret: is wrong"
        assert error.value == "hunter2"

    def test_a_repr_of_80_characters_is_shown_whole(self) -> None:
        value = "x" * 78  # repr adds the two quotes: 80 characters
        assert f"f: bad (got '{value}')" == str(InvalidInput("f", "bad", value))

    def test_a_longer_repr_is_cut_to_80_characters_ending_in_an_ellipsis(self) -> None:
        value = "x" * 79
        shown = "'" + "x" * 76 + "..."
        assert len(shown) == 80
        assert f"f: bad (got {shown})" == str(InvalidInput("f", "bad", value))

    def test_it_is_a_value_error_and_a_csp_error(self) -> None:
        assert isinstance(InvalidInput("f", "bad"), ValueError)
        assert isinstance(InvalidInput("f", "bad"), CspError)


class TestCurrencyMismatch:
    def test_it_keeps_both_currencies_and_its_code(self) -> None:
        # its wording is pinned once, in test_error_wording.py
        error = CurrencyMismatch("operand", "EUR", "USD")
        assert (error.field, error.left, error.right) == ("operand", "EUR", "USD")
        assert error.value == ("EUR", "USD")
        assert error.code == ErrorCode.CURRENCY_MISMATCH
        assert isinstance(error, InvalidInput)


class TestRuleViolation:
    def test_it_keeps_its_message_and_its_reasons_as_a_tuple(self) -> None:
        reason = Reason(code="core.money.currency_mismatch", params={"left": "EUR", "right": "USD"})
        error = RuleViolation("cancellation refused", reasons=[reason])  # type: ignore[arg-type]
        assert str(error) == "cancellation refused"
        assert (reason,) == error.reasons
        assert isinstance(error, CspError)

    def test_reasons_default_to_none_given(self) -> None:
        assert RuleViolation("refused").reasons == ()
