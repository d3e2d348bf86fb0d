"""The README's promise: two commands, and CI runs the second one verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parents[2]


def _quickstart_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text("utf-8")
    quickstart = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", quickstart, flags=re.DOTALL)]


def test_the_quickstart_has_exactly_two_single_line_commands() -> None:
    commands = _quickstart_commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    assert "cspcore demo" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_second_command_verbatim() -> None:
    script = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert _quickstart_commands()[1] in script


def test_the_changelog_keeps_an_unreleased_section() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text("utf-8")
    assert "## [Unreleased]" in changelog
