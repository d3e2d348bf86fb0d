"""Every refusal names its kind: each ``InvalidInput(...)`` in the library passes a specific ``code=``.

The source files are read, not imported: the test walks each file's syntax tree and fails on a call of
``InvalidInput`` without a ``code=`` keyword, or whose code is ``ErrorCode.INVALID`` (the default, which
says nothing a program could match on). Each area lists its files and directories in its own tuple.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[2] / "src" / "cspcore"

#: The core values and the billing package: money, dates, reasons, allocation, rounding, currencies,
#: decimal arithmetic, enums, and everything under billing/ (ledger, collections, what-if).
CORE_AND_BILLING: tuple[str, ...] = (
    "_validate.py",
    "money.py",
    "dates.py",
    "explain.py",
    "_allocation.py",
    "rounding.py",
    "currencies.py",
    "_decimal.py",
    "enums.py",
    "billing",
)

#: Functions whose plain-data structuring is being rebuilt on cattrs (each refusal of the new code
#: carries its own code); their hand-written refusals are not counted here. (file, function) pairs.
BEING_REPLACED: frozenset[tuple[str, str]] = frozenset(
    {
        ("billing/history.py", "history_from_dict"),
        ("billing/history.py", "_price"),
        ("billing/portfolio.py", "portfolio_from_dict"),
        ("billing/portfolio.py", "_day"),
        ("billing/collections/policy.py", "from_dict"),
        ("billing/collections/policy.py", "_known_keys"),
        ("billing/collections/policy.py", "_threshold"),
        ("billing/collections/policy.py", "_stage_from_dict"),
    }
)


def _files(*areas: tuple[str, ...]) -> list[str]:
    found: set[str] = set()
    for area in areas:
        for entry in area:
            path = SOURCE / entry
            paths = sorted(path.rglob("*.py")) if path.is_dir() else [path]
            found.update(p.relative_to(SOURCE).as_posix() for p in paths)
    return sorted(found)


def _is_invalid_input(call: ast.Call) -> bool:
    function = call.func
    name = function.id if isinstance(function, ast.Name) else getattr(function, "attr", None)
    return name == "InvalidInput"


def _names_the_default(code: ast.expr) -> bool:
    return any(isinstance(node, ast.Attribute) and node.attr == "INVALID" for node in ast.walk(code)) or any(
        isinstance(node, ast.Constant) and node.value == "invalid" for node in ast.walk(code)
    )


def uncoded_refusals(source: str, relative: str) -> list[str]:
    """Where ``source`` builds an InvalidInput without a specific code: ``line: function`` entries.

    >>> uncoded_refusals("def f():\\n    raise InvalidInput('x', 'bad', 1)\\n", "m.py")
    ['2: f']
    >>> uncoded_refusals("raise InvalidInput('x', 'bad', code=ErrorCode.INVALID)\\n", "m.py")
    ['1: <module>']
    >>> uncoded_refusals("raise InvalidInput('x', 'bad', code=ErrorCode.EMPTY)\\n", "m.py")
    []
    """
    found: list[str] = []

    def visit(node: ast.AST, functions: tuple[str, ...]) -> None:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            functions = (*functions, node.name)
            if any((relative, name) in BEING_REPLACED for name in functions):
                return
        if isinstance(node, ast.Call) and _is_invalid_input(node):
            code = next((k.value for k in node.keywords if k.arg == "code"), None)
            if code is None or _names_the_default(code):
                found.append(f"{node.lineno}: {'.'.join(functions) or '<module>'}")
        for child in ast.iter_child_nodes(node):
            visit(child, functions)

    visit(ast.parse(source), ())
    return found


@pytest.mark.parametrize("relative", _files(CORE_AND_BILLING))
def test_every_refusal_names_a_specific_code(relative: str) -> None:
    source = (SOURCE / relative).read_text(encoding="utf-8")
    assert uncoded_refusals(source, relative) == []


def test_the_areas_name_files_that_exist() -> None:
    for entry in CORE_AND_BILLING:
        assert (SOURCE / entry).exists(), entry
