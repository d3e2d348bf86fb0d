"""An empty or header-only CSV is refused (exit 2, naming the file) unless ``--allow-empty`` expects it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.refusals import raises_invalid

from cspcore.cli import main
from cspcore.cli.files import read_rows_text
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path


@pytest.fixture
def files(rated: Callable[[str], str], tmp_path: Path) -> dict[str, str]:
    """A full reconciliation file, a 0-byte one and a header-only one, by name."""
    full = rated('"M365"')
    paths = {"full": full, "empty": "", "header": full.splitlines()[0] + "\n", "blank": "\n \n"}
    for name, text in paths.items():
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    return {name: str(tmp_path / f"{name}.csv") for name in paths}


@pytest.mark.parametrize("kind", ["empty", "header", "blank"])
@pytest.mark.parametrize("command", ["reconcile-expected", "reconcile-actual", "explain-charge"])
def test_a_file_without_charge_lines_is_refused_naming_it(
    kind: str, command: str, files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    argv = {
        "reconcile-expected": ["reconcile", files[kind], files["full"]],
        "reconcile-actual": ["reconcile", files["full"], files[kind]],
        "explain-charge": ["explain-charge", files[kind]],
    }[command]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{files[kind]}:" in err
    assert "--allow-empty" in err


@pytest.mark.parametrize("kind", ["empty", "header"])
def test_allow_empty_accepts_it(kind: str, files: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain-charge", files[kind], "--allow-empty"]) == 0
    assert main(["reconcile", files[kind], files[kind], "--allow-empty"]) == 0
    assert (
        main(["reconcile", files["full"], files[kind], "--allow-empty"]) == 1
    )  # every line expected, none billed
    capsys.readouterr()


def test_the_refusal_is_empty_at_the_file(files: dict[str, str]) -> None:
    with raises_invalid(field=files["header"], code=ErrorCode.EMPTY):
        read_rows_text(files["header"], allow_empty=False, locale="en_US")
    assert read_rows_text(files["full"], allow_empty=False, locale="en_US").startswith("CustomerId")


def test_the_refusal_speaks_the_commands_locale(
    files: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain-charge", files["empty"], "--locale", "pl_PL"]) == 2
    assert "--allow-empty" in capsys.readouterr().err
