"""A misspelt preset, flag value or key gets "did you mean ...?", from one helper for the whole shell."""

from __future__ import annotations

import pytest

from cspcore import InvalidInput
from cspcore.cli import main
from cspcore.cli.guidance import closest, hint
from cspcore.errors import ErrorCode


def _error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("cspcore: error: ")
    assert err.count("\n") == 1
    return err


def test_a_misspelt_preset_names_the_presets_and_the_closest(capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(["whatif", "standrad"], capsys)
    assert "POLICY" in err
    assert "'standard'" in err
    assert "lenient" in err  # the presets are listed
    assert "strict" in err
    assert "cannot read" not in err


def test_a_missing_policy_file_is_still_reported_as_a_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert "file:" in _error(["whatif", "missing-policy.toml"], capsys)


def test_a_bad_start_names_the_flag_and_the_expected_form(capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(["whatif", "--start", "2024-13-01"], capsys)
    assert "--start" in err
    assert "2024-01-31" in err  # an example of the form expected


def test_a_flag_value_close_to_a_choice_is_suggested(capsys: pytest.CaptureFixture[str]) -> None:
    err = _error(["whatif", "--plot", "chart.pnq"], capsys)
    assert "--plot" in err
    assert "'png'" in err


@pytest.mark.parametrize(
    ("word", "choices", "expected"),
    [
        ("eur", ("EUR", "CZK"), "EUR"),
        ("STRICT", ("lenient", "standard", "strict"), "strict"),
        ("chnage_quantity", ("change_quantity", "cancel"), "change_quantity"),
        ("xyz", ("lenient", "standard", "strict"), None),
        ("a" * 10_000, ("a",), None),  # a huge word is not compared (difflib is quadratic)
        ("x", (), None),
    ],
)
def test_closest_finds_the_likely_choice_or_none(
    word: str, choices: tuple[str, ...], expected: str | None
) -> None:
    assert closest(word, choices) == expected


@pytest.mark.parametrize("locale", ["en_US", "cs_CZ", "pl_PL", "hu_HU", "ja_JP"])
def test_the_hint_speaks_the_locale_and_names_the_choice(locale: str) -> None:
    error = InvalidInput(
        "kind", "unknown", "cancle", code=ErrorCode.UNKNOWN_VALUE, choices=("cancel", "upgrade")
    )
    assert "'cancel'" in hint(error, locale=locale)


def test_no_hint_without_choices_or_a_close_one() -> None:
    assert hint(InvalidInput("x", "bad", "y", code=ErrorCode.MALFORMED), locale="en_US") == ""
    far = InvalidInput("x", "bad", "qqqq", code=ErrorCode.UNKNOWN_VALUE, choices=("monthly",))
    assert hint(far, locale="en_US") == ""
