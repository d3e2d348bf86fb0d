"""Every bad flag, file or standard input is one line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

import pytest

from cspcore.cli import demos, files, main

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


def _one_line_and_two(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1
    assert captured.err.startswith("cspcore: error: ")
    assert "Traceback" not in captured.err
    return captured.err


@pytest.fixture
def csv_file(rated: Callable[[str], str], tmp_path: Path) -> str:
    path = tmp_path / "lines.csv"
    path.write_text(rated('"M365"'), encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("tolerance", "problem"),
    [
        ("abc", "not a decimal number"),
        ("NaN", "finite"),
        ("-1", "negative"),
        ("1e999999", "magnitude"),
        ("1" * 300, "characters"),
    ],
)
def test_a_bad_tolerance_names_the_flag(
    tolerance: str, problem: str, csv_file: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _one_line_and_two(["reconcile", csv_file, csv_file, "--tolerance", tolerance], capsys)
    assert "argument --tolerance" in err
    assert problem in err


@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (["whatif", "--start", "2024-02-30"], "--start"),
        (["whatif", "--end", "tomorrow"], "--end"),
        (["whatif", "--seed", "1e3"], "--seed"),
        (["whatif", "--accounts", "many"], "--accounts"),
        (["--bogus"], "--bogus"),
        (["rate"], "SUBSCRIPTION.toml"),
    ],
)
def test_a_bad_flag_names_itself(argv: list[str], flag: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert flag in _one_line_and_two(argv, capsys)


def test_an_unknown_locale_is_refused_before_any_file_is_read(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["explain-charge", "missing.csv"], ["reconcile", "missing.csv", "missing.csv"]):
        assert "locale" in _one_line_and_two([*command, "--locale", "xx_XX"], capsys)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("deep.json", '{"a": ' * 5000 + "1" + "}" * 5000, "nested"),
        ("deep.toml", "a = " + "[" * 5000 + "]" * 5000 + "\n", "nested"),
        ("dotted.toml", "a" + ".a" * 5000 + " = 1\n", "nested"),
        ("inline.toml", "a = " + "{b = " * 500 + "1" + "}" * 500 + "\n", "nested"),
        ("huge.toml", "through = " + "9" * 5000 + "\n", "not valid TOML"),
        ("huge.json", '{"through": ' + "9" * 5000 + "}", "not valid JSON"),
        ("nan.json", '{"through": NaN}', "NaN"),
        ("broken.json", '{"through": ', "not valid JSON"),
        ("latin1.toml", "product = 'Caf\xe9'", "not UTF-8"),
        ("list.json", "[1, 2]", "table"),
    ],
)
def test_a_bad_data_file_is_refused_by_every_command_that_reads_one(
    name: str, content: str, problem: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    if name.startswith("latin1"):
        path.write_bytes(content.encode("latin-1"))
    else:
        path.write_text(content, encoding="utf-8")
    for argv in (["rate", str(path)], ["whatif", str(path)], ["whatif", "--portfolio", str(path)]):
        assert problem in _one_line_and_two(argv, capsys)


def test_missing_files_directories_and_unusable_paths_are_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "cannot read" in _one_line_and_two(["explain-charge", str(tmp_path / "missing.csv")], capsys)
    assert "cannot read" in _one_line_and_two(["explain-charge", str(tmp_path)], capsys)
    assert "not a usable path" in _one_line_and_two(["rate", "bad\x00name.toml"], capsys)


def test_a_file_over_the_size_bound_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    path = tmp_path / "big.csv"
    path.write_text("x" * 1001, encoding="utf-8")
    assert "larger than 1000 bytes" in _one_line_and_two(["explain-charge", str(path)], capsys)
    path.write_text("x" * 1000, encoding="utf-8")  # at the bound: read, then refused as a CSV
    assert "larger than" not in _one_line_and_two(["explain-charge", str(path)], capsys)


def test_standard_input_is_bounded_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr("sys.stdin", io.StringIO("x" * 101))
    assert "larger than 100 bytes" in _one_line_and_two(["rate", "-"], capsys)


def test_standard_input_as_bytes_is_decoded_and_bounded(
    history: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Stdin:
        def __init__(self, data: bytes) -> None:
            self.buffer = io.BytesIO(data)

    monkeypatch.setattr("sys.stdin", Stdin(b"\xef\xbb\xbf" + history.read_bytes()))
    assert main(["rate", "-"]) == 0
    assert capsys.readouterr().out.startswith("CustomerId,")
    monkeypatch.setattr("sys.stdin", Stdin(b"\xff"))
    assert "not UTF-8" in _one_line_and_two(["rate", "-"], capsys)
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 10)
    monkeypatch.setattr("sys.stdin", Stdin(b"x" * 11))
    assert "larger than 10 bytes" in _one_line_and_two(["rate", "-"], capsys)


def test_an_error_message_holding_control_characters_stays_one_safe_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "keys.toml"
    path.write_text('"\\u001b[2J\\nevil\\u202e" = 1\n', encoding="utf-8")
    err = _one_line_and_two(["rate", str(path)], capsys)
    assert "\x1b" not in err
    assert "\u202e" not in err
    assert "\\x1b[2J\\x0aevil\\u202e" in err


def test_an_unexpected_failure_is_one_line_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*, locale: str) -> str:
        raise ZeroDivisionError(locale)

    monkeypatch.setattr(demos, "demo", broken)
    assert "unexpected ZeroDivisionError" in _one_line_and_two(["demo"], capsys)


def test_help_and_version_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "reconcile" in capsys.readouterr().out
    assert main(["--version"]) == 0
