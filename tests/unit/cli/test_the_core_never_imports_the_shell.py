"""Everything in ``src/cspcore/`` but ``cli/`` and ``__main__.py`` is pure: none of it imports the shell."""

from __future__ import annotations

import ast
from pathlib import Path

import cspcore

PACKAGE = Path(cspcore.__file__).parent
SHELL = PACKAGE / "cli"


def _imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def test_no_core_module_imports_the_shell() -> None:
    core = [
        path for path in PACKAGE.rglob("*.py") if SHELL not in path.parents and path.name != "__main__.py"
    ]
    assert len(core) > 50
    importers = sorted(
        str(path.relative_to(PACKAGE))
        for path in core
        if any(name == "cspcore.cli" or name.startswith("cspcore.cli.") for name in _imported_modules(path))
    )
    assert importers == []


def test_no_demo_is_left_in_a_core_package() -> None:
    assert sorted(p.name for p in PACKAGE.rglob("*demo*.py") if SHELL not in p.parents) == []
