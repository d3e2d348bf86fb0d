"""mypy --strict refuses values of the wrong kind at cspcore's constructors (``rejected_calls.py``).

Each line of ``rejected_calls.py`` that must be a type error carries ``# E: <code>``; mypy runs once per
session on that file, with the project's configuration, and the (line, code) pairs it reports must be
exactly the marked ones.
"""

from __future__ import annotations

import contextlib
import io
import re
import tokenize
from pathlib import Path

import pytest
from mypy import api

ROOT = Path(__file__).parents[2]
CALLS = Path(__file__).with_name("rejected_calls.py")
MARK = re.compile(r"#\s*E:\s*([a-z][a-z-]*)\s*$")
REPORTED = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): error: .*\[(?P<code>[a-z][a-z-]*)\]$")


def marked(path: Path) -> set[tuple[int, str]]:
    """The (line, code) pairs that the ``# E: code`` comments of ``path`` ask for."""
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    found = set()
    for token in tokens:
        if token.type == tokenize.COMMENT:
            match = MARK.search(token.string)
            if match:
                found.add((token.start[0], match.group(1)))
    return found


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> set[tuple[int, str]]:
    """The (line, code) pairs of the errors mypy reports in ``rejected_calls.py`` (one run per session)."""
    cache = tmp_path_factory.mktemp("mypy-cache")
    with contextlib.chdir(ROOT):  # the configuration's paths (mypy_path) are relative to the project
        stdout, stderr, _ = api.run(
            [
                "--config-file",
                str(ROOT / "pyproject.toml"),
                "--strict",
                "--cache-dir",
                str(cache),
                "--show-error-codes",
                "--no-pretty",
                "--no-color-output",
                "--no-error-summary",
                str(CALLS.relative_to(ROOT)),
            ]
        )
    assert not stderr, stderr
    found = set()
    for line in stdout.splitlines():
        match = REPORTED.match(line)
        if match is None:
            assert ": note: " in line, line  # nothing but errors and their notes
            continue
        assert Path(match["path"]).name == CALLS.name, line  # an error elsewhere is a bug of its own
        found.add((int(match["line"]), match["code"]))
    return found


def test_the_file_marks_the_calls_the_issue_names() -> None:
    assert len(marked(CALLS)) >= 19


def test_every_marked_call_is_a_type_error_and_nothing_else_is(reported: set[tuple[int, str]]) -> None:
    expected = marked(CALLS)
    assert (set(), set()) == (expected - reported, reported - expected)
