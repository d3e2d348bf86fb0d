"""The tables of decisions per role set (``access._DECIDED``, one per task) stay within their bound
together, and never keep a decision made by an earlier, dated rule; what they answer stays what the
reference answers. Only spellings of members and plain names are kept as keys, and a role set's
bitmask lists its roles in display order."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING

import attrs
from hypothesis import given
from hypothesis import strategies as st
from tests.property import can_reference
from tests.property.can_reference import reference_can

from cspcore import InvalidInput
from cspcore.roles import PartnerRole, Task, access, can, task_rule
from cspcore.roles._order import sorted_roles
from cspcore.roles._role_sets import BIT, key_of, ordered, read, roles_of

if TYPE_CHECKING:
    import pytest

SETS = [frozenset(pair) for pair in itertools.combinations(PartnerRole, 2)]


def test_the_table_starts_again_when_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(access, "MAX_DECISIONS", 12)
    for roles, task in zip(SETS, itertools.cycle(Task), strict=False):
        for spelling in (roles, list(roles), set(roles)):
            assert can(spelling, task) == reference_can(roles, task)
            held = sum(len(decided) for _, decided, _ in access._TABLES)
            assert held == access._HELD[0] <= 12


def test_a_decision_by_an_earlier_rule_is_never_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    current = task_rule(Task.VIEW_INVOICES)
    earlier = attrs.evolve(current, roles=frozenset({PartnerRole.REPORT_VIEWER}))

    def dated(task: Task, on: dt.date | None = None) -> object:
        if task is Task.VIEW_INVOICES and on is not None and on < dt.date(2020, 1, 1):
            return earlier
        return task_rule(task) if on is None else task_rule(task, on=on)

    monkeypatch.setattr(access, "task_rule", dated)
    monkeypatch.setattr(can_reference, "task_rule", dated)
    viewer = frozenset({PartnerRole.REPORT_VIEWER})
    old = can(viewer, Task.VIEW_INVOICES, on=dt.date(2019, 6, 1))
    assert old == reference_can(viewer, Task.VIEW_INVOICES, on=dt.date(2019, 6, 1))
    assert old.is_allowed
    now = can(viewer, Task.VIEW_INVOICES)
    assert not now.is_allowed
    assert now == reference_can(viewer, Task.VIEW_INVOICES)
    assert can(viewer, Task.VIEW_INVOICES, on=dt.date(2019, 6, 1)) == old


def test_only_spellings_of_members_and_plain_names_are_kept() -> None:
    admin = PartnerRole.GLOBAL_ADMIN
    name = type("Name", (str,), {})
    assert read([admin, "billing admin"], PartnerRole)[1] == (admin, "billing admin")
    assert read({" Billing  ADMIN "}, PartnerRole)[1] == frozenset({" Billing  ADMIN "})
    assert read("Global admin", PartnerRole)[1] == "Global admin"
    assert read(iter([admin]), PartnerRole)[1] is None
    assert read([name("Global admin")], PartnerRole) == (BIT[admin], None)  # a subclass is read every time
    assert read(name("Global admin"), PartnerRole) == (BIT[admin], None)
    assert key_of(name("Global admin")) is None


@given(st.integers(min_value=0, max_value=(1 << len(BIT)) - 1))
def test_a_mask_lists_its_roles_in_display_order(mask: int) -> None:
    assert ordered(mask) == sorted_roles(roles_of(mask))
    assert read(roles_of(mask), PartnerRole)[0] == mask


class LikeATask:
    """Hashes like a task and says it equals anything: it finds the task's table, but is no task."""

    def __hash__(self) -> int:
        return hash(Task.VIEW_INVOICES)

    def __eq__(self, other: object) -> bool:
        return True


def test_a_kept_decision_is_handed_only_to_its_task_or_a_plain_string_naming_it() -> None:
    admins = frozenset({PartnerRole.GLOBAL_ADMIN})
    kept = can(admins, Task.VIEW_INVOICES)
    assert can(admins, Task.VIEW_INVOICES.value) is kept
    assert can(admins, Task.VIEW_INVOICES.name) is kept
    text = type("Text", (str,), {})
    for impostor in (LikeATask(), text(Task.VIEW_INVOICES.value)):
        try:
            expected: object = reference_can(admins, impostor)
        except InvalidInput as error:
            expected = (error.field, error.code)
        try:
            got: object = can(admins, impostor)  # type: ignore[arg-type]
        except InvalidInput as error:
            got = (error.field, error.code)
        assert got == expected
