"""money.py and _validate.py were split by responsibility; every name callers used is still where it was."""

from __future__ import annotations

import re
from pathlib import Path

import cspcore
import cspcore.money
from cspcore import _attrs_checks, _validate, currencies, rounding

#: cspcore.money's __all__ before the split: the contract (DESIGN.md) and what downstream code imports.
MONEY_NAMES = {
    "MAX_ITEMS",
    "MAX_MAGNITUDE",
    "Money",
    "Rounding",
    "allocate",
    "as_money",
    "cash_increment",
    "exact_money",
    "is_currency",
    "minor_units",
    "total",
}
SOURCES = Path(cspcore.__file__).parent


def test_money_still_exports_every_public_name() -> None:
    assert set(cspcore.money.__all__) >= MONEY_NAMES  # names may be added, none lost
    assert all(hasattr(cspcore.money, name) for name in MONEY_NAMES)


def test_the_moved_currency_facts_are_the_same_objects() -> None:
    for name in ("is_currency", "minor_units", "cash_increment"):
        assert getattr(cspcore.money, name) is getattr(currencies, name)
    assert cspcore.money.Rounding is rounding.Rounding is cspcore.Rounding
    assert cspcore.money.allocate is cspcore.allocate


def test_validate_still_offers_every_name_its_callers_use() -> None:
    used = {
        name
        for path in SOURCES.rglob("*.py")
        for name in re.findall(r"\b_validate\.([A-Za-z]\w*)", path.read_text("utf-8"))
    }
    assert {"attrs_validator", "attrs_items_of", "decimal", "text"} <= used  # the scan finds the callers
    assert used <= set(_validate.__all__)
    assert all(hasattr(_validate, name) for name in _validate.__all__)


def test_the_attrs_adapters_are_re_exported_as_they_are() -> None:
    assert set(_attrs_checks.__all__) <= set(_validate.__all__)
    for name in _attrs_checks.__all__:
        assert getattr(_validate, name) is getattr(_attrs_checks, name)


def test_the_attrs_checks_do_not_depend_on_validate() -> None:
    # _validate re-exports _attrs_checks; the other way round would be an import cycle.
    assert "_validate" not in vars(_attrs_checks)
