"""A ``DecisionTable`` makes each reason once per task and the roles it names, and hands the same
reason to every decision that gives it (``can``, which keeps nothing, makes equal ones afresh)."""

from __future__ import annotations

from cspcore.roles import DecisionTable, PartnerRole, Task, can

ADMIN, AGENT, VIEWER = PartnerRole.BILLING_ADMIN, PartnerRole.SALES_AGENT, PartnerRole.REPORT_VIEWER


def test_two_role_sets_granted_by_the_same_role_share_its_reason() -> None:
    table = DecisionTable()
    alone = table.can({ADMIN}, Task.VIEW_INVOICES)
    joined = table.can({ADMIN, AGENT}, Task.VIEW_INVOICES)
    assert alone is not joined
    assert alone.reasons[0] is joined.reasons[0]
    assert joined == can({ADMIN, AGENT}, Task.VIEW_INVOICES)


def test_a_reason_is_kept_per_task() -> None:
    table = DecisionTable()
    invoices = table.can({ADMIN}, Task.VIEW_INVOICES)
    recon = table.can({ADMIN}, Task.DOWNLOAD_RECON_FILES)
    assert invoices.reasons[0] is not recon.reasons[0]
    assert (invoices.reasons[0].params["task"], recon.reasons[0].params["task"]) == (
        Task.VIEW_INVOICES,
        Task.DOWNLOAD_RECON_FILES,
    )


def test_after_clear_the_reasons_are_made_again() -> None:
    table = DecisionTable()
    before = table.can({VIEWER}, Task.VIEW_INVOICES).reasons[0]
    table.clear()
    after = table.can({VIEWER}, Task.VIEW_INVOICES).reasons[0]
    assert after == before
    assert after is not before
