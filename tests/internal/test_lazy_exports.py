"""A package's public names load on first use, and its three lists of them agree.

Each package ``__init__`` (``cspcore``, ``billing``, ``roles``, ``support``, ``interop``) names what it
exports in its ``if TYPE_CHECKING:`` imports (for mypy and IDEs), in ``__all__``, and in the lazy table
handed to ``cspcore._lazy.attach`` (for the interpreter); see docs/conventions.md. The lists are read from
the source, so a name added to one and not the others fails here with its name. Importing a package runs
none of its submodules, and never the heavy dependencies (babel's locale data, zoneinfo, pandas, dask,
matplotlib): that is checked in a fresh interpreter.
"""

from __future__ import annotations

import ast
import importlib
import json
import pickle
import subprocess
import sys
import types
from pathlib import Path

import pytest

SRC = Path(__file__).parents[2] / "src"
LAZY_PACKAGES = ("cspcore", "cspcore.billing", "cspcore.roles", "cspcore.support", "cspcore.interop")
#: Modules that importing the four area packages must not import (their first use loads them).
HEAVY = ("babel", "zoneinfo", "pandas", "dask", "distributed", "matplotlib", "numpy", "holidays", "cattrs")


def _source(package: str) -> ast.Module:
    return ast.parse((SRC / package.replace(".", "/") / "__init__.py").read_text("utf-8"))


def _type_checking_imports(tree: ast.Module, package: str) -> dict[str, str]:
    """Each name imported under ``if TYPE_CHECKING:``, and the submodule (relative) it comes from."""
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom), ast.unparse(statement)
                assert statement.module is not None
                assert statement.module.startswith(f"{package}."), statement.module
                for alias in statement.names:
                    assert alias.asname is None, alias.name
                    found[alias.name] = statement.module.removeprefix(f"{package}.")
    return found


def _lazy_table(tree: ast.Module) -> dict[str, str]:
    """Each name of the table handed to ``attach``, and its submodule."""
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            call = node.value
            if isinstance(call.func, ast.Name) and call.func.id == "attach":
                table = ast.literal_eval(call.args[1])
                return {name: module for module, names in table.items() for name in names}
    pytest.fail("no attach(...) call")


def _eager_names(tree: ast.Module) -> set[str]:
    """Names the ``__init__`` binds itself (``__version__``)."""
    return {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id != "__all__"
    }


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_the_type_checking_imports_the_lazy_table_and_all_name_the_same_names(package: str) -> None:
    tree = _source(package)
    imported, table = _type_checking_imports(tree, package), _lazy_table(tree)
    assert imported == table
    exported = set(importlib.import_module(package).__all__)
    assert exported - _eager_names(tree) == set(table)


@pytest.mark.parametrize("package", LAZY_PACKAGES)
def test_every_public_name_resolves_to_the_object_its_submodule_defines(package: str) -> None:
    module = importlib.import_module(package)
    for name, where in _lazy_table(_source(package)).items():
        assert getattr(module, name) is getattr(importlib.import_module(f"{package}.{where}"), name)
        assert name in dir(module)


def test_a_public_name_keeps_its_meaning_when_a_submodule_has_the_same_name() -> None:
    code = (
        "import cspcore.interop.reconcile, cspcore.billing.preview, cspcore.billing.ledger.aging\n"
        "import cspcore.interop, cspcore.billing\n"
        "print(all(callable(f) and not hasattr(f, '__path__') and f.__name__ == n for f, n in [\n"
        "    (cspcore.interop.reconcile, 'reconcile'), (cspcore.billing.preview, 'preview'),\n"
        "    (cspcore.billing.aging, 'aging')]))\n"
    )
    assert _fresh(code) == "True"
    assert isinstance(importlib.import_module("cspcore.interop").reconcile, types.FunctionType)


def test_a_submodule_is_still_an_attribute_of_its_package() -> None:
    shown = _fresh("import cspcore.billing; print(cspcore.billing.whatif.__name__)")
    assert shown == "cspcore.billing.whatif"


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = importlib.import_module("cspcore.support").no_such_name
    assert not hasattr(importlib.import_module("cspcore.roles"), "__no_such_dunder__")


def test_star_import_gives_every_name_of_all() -> None:
    names = _fresh("from cspcore.billing import *; print(sorted(k for k in dir() if not k.startswith('__')))")
    assert set(json.loads(names.replace("'", '"'))) == set(importlib.import_module("cspcore.billing").__all__)


def test_importing_the_area_packages_runs_none_of_their_submodules_nor_a_heavy_dependency() -> None:
    code = (
        "import sys, json\n"
        "before = set(sys.modules)\n"
        "import cspcore.billing, cspcore.roles, cspcore.support, cspcore.interop\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))\n"
    )
    loaded = json.loads(_fresh(code))
    ours = {name for name in loaded if name.startswith("cspcore")}
    assert ours == {*LAZY_PACKAGES, "cspcore._lazy"}
    assert not [name for name in loaded if name.split(".")[0] in HEAVY]


def test_a_billing_call_loads_what_it_needs_and_no_heavy_dependency() -> None:
    code = (
        "import sys, json, datetime as dt\n"
        "import cspcore.billing as billing\n"
        "from cspcore import Money\n"
        "sub = billing.Subscription(id='s', product='P', start=dt.date(2024, 1, 31), term='P1Y',\n"
        "    frequency='monthly', quantity=1, unit_price=Money('10', 'EUR'))\n"
        "assert len(billing.charge_cycles(sub)) == 12\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    loaded = json.loads(_fresh(code))
    assert not [name for name in loaded if name.split(".")[0] in {"pandas", "dask", "matplotlib", "numpy"}]
    assert "cspcore.interop" not in loaded
    assert "cspcore.roles" not in loaded


def _fresh(code: str) -> str:
    done = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": str(SRC), "PATH": ""},
    )
    return done.stdout.strip()


@pytest.mark.parametrize("name", LAZY_PACKAGES)
def test_a_lazy_package_pickles_by_its_name(name: str) -> None:
    cloudpickle = pytest.importorskip("cloudpickle")  # what Dask sends a module with (client.run)
    package = importlib.import_module(name)
    assert pickle.loads(pickle.dumps(package)) is package  # noqa: S301 - our own bytes
    assert cloudpickle.loads(cloudpickle.dumps(package)) is package
