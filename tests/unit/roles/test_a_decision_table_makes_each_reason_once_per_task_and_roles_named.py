"""A ``DecisionTable`` makes each reason once per task and the roles it names, and hands the same
reason to every decision that gives it (``can``, which keeps nothing, makes equal ones afresh)."""

from __future__ import annotations

from cspcore.roles import DecisionTable, EntraRole, PartnerRole, Task, can

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


def test_role_sets_of_both_kinds_share_the_reasons_that_name_the_same_roles() -> None:
    """A partner task asked with Entra roles too: one reason for the partner roles, one for the others."""
    table = DecisionTable()
    reader, security = EntraRole.GLOBAL_READER, EntraRole.SECURITY_READER
    asked: list[frozenset[PartnerRole | EntraRole]] = [
        frozenset({ADMIN, reader}),
        frozenset({ADMIN, security}),
        frozenset({AGENT, reader}),
    ]
    admin_and_reader, admin_and_security, agent_and_reader = (
        table.can(roles, Task.VIEW_INVOICES) for roles in asked
    )
    assert admin_and_reader.reasons[0] is admin_and_security.reasons[0]  # granted by the billing admin
    assert admin_and_reader.reasons[1] is agent_and_reader.reasons[1]  # the global reader is no partner role
    assert [admin_and_reader, admin_and_security, agent_and_reader] == [
        can(roles, Task.VIEW_INVOICES) for roles in asked
    ]
