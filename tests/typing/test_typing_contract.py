"""The typing contract module imports cleanly (mypy checks its types; this checks its imports resolve)."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def test_the_contract_module_imports_and_defines_each_contract() -> None:
    path = Path(__file__).with_name("api.py")
    spec = importlib.util.spec_from_file_location("cspcore_typing_contract", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    contracts = sorted(name for name in vars(module) if name.endswith("_contract"))
    assert contracts == [
        "billing_values_contract",
        "dates_contract",
        "errors_contract",
        "i18n_contract",
        "money_contract",
    ]


def test_pyright_strict_agrees_with_the_contract() -> None:
    import shutil
    import subprocess
    import sys

    import pytest

    pytest.importorskip("pyright")
    if shutil.which("node") is None:  # pragma: no cover - the machines this project runs on have node
        pytest.skip("pyright needs node")
    root = Path(__file__).parents[2]
    result = subprocess.run(  # noqa: S603 - our own interpreter and the pyright package
        [
            sys.executable,
            "-m",
            "pyright",
            "--pythonpath",
            sys.executable,
            "-p",
            str(root / "pyrightconfig.json"),
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
