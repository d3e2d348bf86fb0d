"""The command-line shell, in process and end to end."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from cspcore import __version__
from cspcore.cli import main

if TYPE_CHECKING:
    import pytest

SRC = str(Path(__file__).parents[3] / "src")


def test_demo_prints_every_locale_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--locale", "ja_JP"]) == 0
    out = capsys.readouterr().out
    assert "* ja_JP" in out
    for locale in ("en_US", "cs_CZ", "pl_PL", "hu_HU"):
        assert locale in out
    assert "€28.20" in out  # ROUNDDOWN(9.408, 2) × 3, formatted for ja_JP
    assert out.startswith("金額\n====\n")  # the underline spans the double-width heading


def test_unknown_locale_is_one_line_and_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--locale", "xx_XX"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(
        "cspcore: error: argument --locale: not a locale known to CLDR (got 'xx_XX')"
    )
    assert captured.err.count("\n") == 1


def test_bad_flag_is_one_line_and_exit_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--bogus"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "unrecognized arguments: --bogus" in err


def test_no_command_prints_help_and_exits_two(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "demo" in capsys.readouterr().out


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": SRC}
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "cspcore", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )


def test_python_dash_m_runs_the_demo() -> None:
    result = _run("demo")
    assert result.returncode == 0
    assert result.stdout.startswith("Money\n=====")
    assert result.stderr == ""


def test_version_flag() -> None:
    result = _run("--version")
    assert result.stdout.strip() == f"cspcore {__version__}"


def test_errors_never_show_a_traceback() -> None:
    result = _run("demo", "--locale", "")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
