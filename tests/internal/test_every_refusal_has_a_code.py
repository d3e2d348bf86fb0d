"""Every refusal cspcore raises carries a specific code: no ``InvalidInput(...)`` is left at ``invalid``.

Programs match on :attr:`~cspcore.errors.InvalidInput.code` (and ``field``), never on the English
message, so each place that builds an :class:`~cspcore.errors.InvalidInput` names its kind with
``code=``: a member of :class:`~cspcore.errors.ErrorCode` other than ``INVALID``, or a code passed on
from the error it rewraps (``code=error.code``). The source is read, not run, so a refusal on a path
no test reaches is checked too. Every module of the package is read.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Final

import pytest

SOURCE: Final = Path(__file__).resolve().parents[2] / "src" / "cspcore"


def _files() -> list[Path]:
    return sorted(SOURCE.rglob("*.py"))


def uncoded_refusals(source: str) -> list[int]:
    """The line of each ``InvalidInput(...)`` call in ``source`` with no ``code=``, or ``code=...INVALID``.

    >>> uncoded_refusals("raise InvalidInput('f', 'bad', 1)")
    [1]
    >>> uncoded_refusals("raise errors.InvalidInput('f', 'bad', 1, code=ErrorCode.INVALID)")
    [1]
    >>> uncoded_refusals("raise InvalidInput('f', 'bad', 1, code=ErrorCode.EMPTY)")
    []
    >>> uncoded_refusals("raise InvalidInput('f', error.problem, 1, code=error.code)")
    []
    """
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        callee = node.func
        name = callee.id if isinstance(callee, ast.Name) else getattr(callee, "attr", None)
        if name != "InvalidInput":
            continue
        code = next((keyword.value for keyword in node.keywords if keyword.arg == "code"), None)
        if code is None or (isinstance(code, ast.Attribute) and code.attr == "INVALID"):
            found.append(node.lineno)
    return found


@pytest.mark.parametrize("path", _files(), ids=lambda path: str(path.relative_to(SOURCE)))
def test_every_refusal_names_its_code(path: Path) -> None:
    assert uncoded_refusals(path.read_text(encoding="utf-8")) == []


def test_the_whole_package_is_read() -> None:
    names = {path.relative_to(SOURCE).as_posix() for path in _files()}
    assert {"money.py", "billing/rating.py", "interop/recon_csv.py", "roles/access.py"} <= names
