"""A decision asked ``on=`` a day before a task's rule changed follows the earlier rule, and the
current rule's decisions stay the current rule's, whatever was asked before (``access.task_rule`` is
replaced by one whose Invoices page named other roles before 2020)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
import pytest
from tests.property import can_reference
from tests.property.can_reference import reference_can

from cspcore.roles import DecisionTable, PartnerRole, Task, access, can, task_rule

if TYPE_CHECKING:
    from cspcore.roles import TaskRule

VIEWER = frozenset({PartnerRole.REPORT_VIEWER})
BEFORE = dt.date(2019, 6, 1)


@pytest.fixture
def earlier_invoices_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    current = task_rule(Task.VIEW_INVOICES)
    earlier = attrs.evolve(current, roles=frozenset({PartnerRole.REPORT_VIEWER}))

    def dated(task: Task, on: dt.date | None = None) -> TaskRule:
        if task is Task.VIEW_INVOICES and on is not None and on < dt.date(2020, 1, 1):
            return earlier
        return task_rule(task) if on is None else task_rule(task, on=on)

    monkeypatch.setattr(access, "task_rule", dated)
    monkeypatch.setattr(can_reference, "task_rule", dated)


@pytest.mark.usefixtures("earlier_invoices_rule")
def test_the_earlier_rule_decides_its_days_and_the_current_rule_the_others() -> None:
    for _ in range(2):
        old = can(VIEWER, Task.VIEW_INVOICES, on=BEFORE)
        assert old == reference_can(VIEWER, Task.VIEW_INVOICES, on=BEFORE)
        assert old.is_allowed
        for now in (can(VIEWER, Task.VIEW_INVOICES), can(list(VIEWER), "viewInvoices", dt.date(2020, 1, 1))):
            assert not now.is_allowed
            assert now == reference_can(VIEWER, Task.VIEW_INVOICES)


@pytest.mark.usefixtures("earlier_invoices_rule")
def test_a_decision_table_never_keeps_a_decision_by_an_earlier_rule() -> None:
    table = DecisionTable()
    for spelling in (VIEWER, list(VIEWER), "Report viewer"):
        old = table.can(spelling, Task.VIEW_INVOICES, on=BEFORE)
        assert old == reference_can(VIEWER, Task.VIEW_INVOICES, on=BEFORE)
        assert old.is_allowed
        assert len(table) == 0
    now = table.can(VIEWER, Task.VIEW_INVOICES)
    assert not now.is_allowed
    assert now == reference_can(VIEWER, Task.VIEW_INVOICES)
    held = len(table)
    assert table.can(VIEWER, Task.VIEW_INVOICES, on=BEFORE) == old
    assert table.can(VIEWER, "viewInvoices", on=dt.date(2020, 1, 1)) is now  # the current rule's, kept
    assert len(table) == held


@pytest.mark.usefixtures("earlier_invoices_rule")
def test_a_denial_by_the_earlier_rule_names_the_roles_that_rule_allows() -> None:
    agent = frozenset({PartnerRole.SALES_AGENT})
    for denied in (
        can(agent, Task.VIEW_INVOICES, on=BEFORE),
        DecisionTable().can(agent, Task.VIEW_INVOICES, on=BEFORE),
    ):
        assert denied == reference_can(agent, Task.VIEW_INVOICES, on=BEFORE)
        assert not denied.is_allowed
        assert denied.would_allow == VIEWER
        assert denied.reasons[0].params["allowed"] == (PartnerRole.REPORT_VIEWER,)
