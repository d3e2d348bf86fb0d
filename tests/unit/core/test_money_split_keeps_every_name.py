"""money.py and _validate.py were split by responsibility; every name callers used is still where it was."""

from __future__ import annotations

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
#: The attrs adapters and type checks that moved to cspcore._attrs_checks.
ATTRS_NAMES = {"annotated_fields", "attrs_instance_of", "attrs_validator", "instance", "plain_text"}
#: The checks that stayed in cspcore._validate.
VALIDATE_NAMES = {
    "aware_datetime",
    "bounded",
    "date",
    "decimal",
    "enum_member",
    "flag",
    "fraction",
    "instant",
    "integer",
    "items",
    "iterable",
    "iterator",
    "later",
    "one_of",
    "optional",
    "optional_text",
    "quantity",
    "text",
}


def test_money_still_exports_every_public_name() -> None:
    assert set(cspcore.money.__all__) == MONEY_NAMES
    assert all(hasattr(cspcore.money, name) for name in MONEY_NAMES)


def test_the_moved_currency_facts_are_the_same_objects() -> None:
    for name in ("is_currency", "minor_units", "cash_increment"):
        assert getattr(cspcore.money, name) is getattr(currencies, name)
    assert cspcore.money.Rounding is rounding.Rounding is cspcore.Rounding
    assert cspcore.money.allocate is cspcore.allocate


def test_validate_still_offers_every_check_and_adapter() -> None:
    assert set(_validate.__all__) >= VALIDATE_NAMES | ATTRS_NAMES
    for name in ATTRS_NAMES:
        assert getattr(_validate, name) is getattr(_attrs_checks, name)
    for name in VALIDATE_NAMES:
        assert callable(getattr(_validate, name))


def test_the_attrs_checks_do_not_depend_on_validate() -> None:
    # _validate re-exports _attrs_checks; the other way round would be an import cycle.
    assert "_validate" not in vars(_attrs_checks)
