"""No import cycle among cspcore's modules, hidden or not.

The graph is read from the source (AST), with every import a module makes at run time: at the top, inside a
function (a hidden cycle breaker counts as an edge too) or in a conditional; only imports under
``if TYPE_CHECKING:`` are left out, as they never run. Importing ``a.b.c`` also runs the ``__init__`` of
``a.b`` (and ``a``) unless the importer is already inside that package, so those count as edges as well.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src"


def _name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_name(path): path for path in (SRC / "cspcore").rglob("*.py")}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _run_time_nodes(node: ast.AST) -> list[ast.AST]:
    """Every node under ``node`` that can run, skipping the bodies of ``if TYPE_CHECKING:``."""
    found: list[ast.AST] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                found.append(other)
                found.extend(_run_time_nodes(other))
            continue
        found.append(child)
        found.extend(_run_time_nodes(child))
    return found


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _targets(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    """The modules an import statement runs: each imported module, or the module a name comes from."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    source = node.module or ""
    if node.level:
        base = package.split(".")[: len(package.split(".")) - node.level + 1]
        source = ".".join([*base, *([node.module] if node.module else [])])
    return [
        f"{source}.{alias.name}" if f"{source}.{alias.name}" in MODULES else source for alias in node.names
    ]


def imports_of(module: str) -> set[str]:
    """The cspcore modules whose code runs when ``module`` runs (first-hand only)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    inside = set(_ancestors(package))  # packages the importer already runs inside: not run again
    edges: set[str] = set()
    for node in _run_time_nodes(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            for target in _targets(node, package):
                edges.update(
                    name
                    for name in _ancestors(target)
                    if name in MODULES and name != module and (name == target or name not in inside)
                )
    return edges


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, ()))
    return seen


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that (directly or not) import each other, each sorted."""
    reach = {node: _reachable(graph, node) for node in graph}
    found: list[list[str]] = []
    for node in sorted(graph):
        group = sorted(other for other in reach[node] if node in reach.get(other, ()))
        if node in reach[node] and group not in found:
            found.append(group)
    return found


def test_cspcore_modules_import_each_other_without_a_cycle() -> None:
    graph = {module: imports_of(module) for module in MODULES}
    assert cycles(graph) == []


def test_the_check_sees_a_cycle_through_a_package_init_and_one_hidden_in_a_function() -> None:
    assert cycles({"a": {"b.c"}, "b": {"a"}, "b.c": {"b"}}) == [["a", "b", "b.c"]]
    assert imports_of("cspcore.explain") >= {"cspcore.i18n", "cspcore.i18n.catalogs"}
    assert "cspcore.explain" not in imports_of("cspcore.i18n.catalogs")


@pytest.mark.parametrize("module", ["cspcore.explain", "cspcore.i18n", "cspcore.i18n.catalogs"])
def test_the_explain_and_i18n_modules_import_first_in_a_fresh_interpreter(module: str) -> None:
    result = subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=False,
        env={"PYTHONPATH": str(SRC)},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
