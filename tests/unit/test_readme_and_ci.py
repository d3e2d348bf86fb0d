"""The README's promise: two commands, and CI runs the second one verbatim."""

from __future__ import annotations

import re
import tomllib
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


def _pins() -> dict[str, str]:
    lines = (ROOT / "constraints.txt").read_text("utf-8").splitlines()
    pins = [line.split("==", 1) for line in lines if line.strip() and not line.startswith("#")]
    assert all(len(pin) == 2 for pin in pins), "every constraint pins one exact version"
    return {_normalise(name): version for name, version in pins}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def test_the_check_command_installs_the_tools_from_the_committed_constraints() -> None:
    command = _quickstart_commands()[1]
    assert 'pip install -q -c constraints.txt -e ".[test,dev]"' in command
    assert (ROOT / "constraints.txt").is_file()


def test_the_constraints_pin_every_dependency_and_tool_but_not_cspcore() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    project = pyproject["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    wanted += project["optional-dependencies"]["dev"]
    names = {_normalise(re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0]) for requirement in wanted}
    pins = _pins()
    assert names - pins.keys() == set()
    assert "cspcore" not in pins


def test_the_runtime_dependency_ranges_stay_open_for_users() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert all("==" not in requirement for requirement in pyproject["project"]["dependencies"])
    assert "iso4217" not in str(pyproject["project"]), "the ISO table is generated, not a dependency"
