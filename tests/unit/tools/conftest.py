"""The tools under test are scripts, not a package: load each from its file."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).parents[3]


def _script(name: str, path: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def mutation_tool() -> ModuleType:
    return _script("mutation_script", "tools/mutation.py")


@pytest.fixture(scope="module")
def fold_tool() -> ModuleType:
    return _script("fold_changelog_script", "tools/fold_changelog.py")
