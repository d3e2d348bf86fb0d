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
