"""The tools under test are scripts, not a package: load tools/mutation.py from its file."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).parents[3]


@pytest.fixture(scope="module")
def mutation_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("mutation_script", ROOT / "tools/mutation.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
