"""The modules of ``cspcore.roles`` keep nothing between calls: no module-level memo of answers.

Every mutable container a module of the package holds at module level (its constant tables, built at
import) is exactly what it was after thousands of access decisions, least-privilege questions and
task look-ups, in every spelling (docs/conventions.md, "No memo of answers"). A caller who wants
decisions remembered holds a ``DecisionTable`` of its own.
"""

from __future__ import annotations

import copy
import datetime as dt
import importlib
import itertools
import pkgutil
from typing import TYPE_CHECKING

import cspcore.roles
from cspcore.roles import EntraRole, GdapTask, PartnerRole, Task, can, least_privileged, task_rule

if TYPE_CHECKING:
    import types

MUTABLE = (dict, list, set, bytearray)


def _modules() -> list[types.ModuleType]:
    return [
        importlib.import_module(f"cspcore.roles.{found.name}")
        for found in pkgutil.iter_modules(cspcore.roles.__path__)
    ]


def _state() -> dict[tuple[str, str], object]:
    """A deep copy of every mutable container held at module level by the package's modules."""
    return {
        (module.__name__, name): copy.deepcopy(value)
        for module in (cspcore.roles, *_modules())
        for name, value in vars(module).items()
        if isinstance(value, MUTABLE) and not name.startswith("__")
    }


def _ask_everything() -> None:
    partner = [frozenset(pair) for pair in itertools.combinations(PartnerRole, 2)]
    entra = [frozenset(pair) for pair in itertools.combinations(list(EntraRole)[:8], 2)]
    for roles, task in zip(partner, itertools.cycle(Task), strict=False):
        for spelling in (roles, set(roles), list(roles), [role.value for role in roles], iter(roles)):
            can(spelling, task)
            can(spelling, task.value, on=dt.date(2019, 3, 1))
    for held, gdap in zip(entra, itertools.cycle(GdapTask), strict=False):
        can(held, gdap)
        can([*held, PartnerRole.GLOBAL_ADMIN], gdap.name)
    for task in Task:
        can(PartnerRole.GLOBAL_ADMIN, task)
        can("Global admin", task)
        task_rule(task, on=dt.date(2020, 1, 1))
    least_privileged([Task.VIEW_INVOICES, Task.DOWNLOAD_RECON_FILES])


def _ask_once() -> None:
    """One question of each kind, so that the names a first call loads (lazily) are loaded."""
    can(PartnerRole.ADMIN_AGENT, Task.REQUEST_CREDIT)
    can([EntraRole.USER_ADMINISTRATOR], GdapTask.USERS_CREATE_USER.name, on=dt.date(2024, 1, 1))
    least_privileged([Task.REQUEST_CREDIT])


def test_no_module_of_the_package_keeps_anything_between_calls() -> None:
    _ask_once()
    before = _state()
    _ask_everything()
    after = _state()
    changed = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
    assert changed == []
