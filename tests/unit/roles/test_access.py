from __future__ import annotations

import pytest

from cspcore import InvalidInput
from cspcore.i18n import render
from cspcore.roles import (
    Decision,
    EntraRole,
    GdapTask,
    PartnerRole,
    Task,
    can,
    least_privileged,
)


def test_a_billing_admin_may_download_recon_files_and_the_reason_cites_the_page() -> None:
    decision = can({PartnerRole.BILLING_ADMIN}, Task.DOWNLOAD_RECON_FILES)
    assert decision
    assert {PartnerRole.BILLING_ADMIN} == decision.granted_by
    reason = decision.reasons[0]
    assert (reason.code, getattr(reason.source, "document", None)) == (
        "roles.can.granted",
        "use-the-reconciliation-files.md",
    )


def test_a_denial_names_the_roles_that_would_allow() -> None:
    decision = can([PartnerRole.SALES_AGENT, PartnerRole.HELPDESK_AGENT], Task.REQUEST_CREDIT)
    assert not decision
    assert frozenset() == decision.granted_by
    assert {PartnerRole.ADMIN_AGENT, PartnerRole.GLOBAL_ADMIN} == decision.would_allow
    assert decision.reasons[0].code == "roles.can.denied"
    text = render(decision.reasons[0], locale="en_US")
    assert "Admin agent" in text
    assert "Global admin" in text


def test_no_roles_is_denied_by_default() -> None:
    decision = can(frozenset(), Task.VIEW_PRICING)
    assert not decision
    assert decision.reasons[0].code == "roles.can.no_roles"


def test_a_single_role_or_a_display_name_is_accepted() -> None:
    assert can(PartnerRole.ADMIN_AGENT, Task.REQUEST_GDAP)
    assert can("Admin agent", "requestGdap")
    assert can(["admin AGENT"], Task.REQUEST_GDAP)
    assert can({"ADMIN_AGENT"}, Task.REQUEST_GDAP)


def test_decisions_are_equal_for_equal_inputs_in_any_container() -> None:
    as_set = can({PartnerRole.BILLING_ADMIN, PartnerRole.SALES_AGENT}, Task.VIEW_INVOICES)
    as_list = can([PartnerRole.SALES_AGENT, PartnerRole.BILLING_ADMIN], Task.VIEW_INVOICES)
    as_frozenset = can(frozenset({PartnerRole.SALES_AGENT, PartnerRole.BILLING_ADMIN}), Task.VIEW_INVOICES)
    assert as_set == as_list == as_frozenset


def test_gdap_tasks_are_decided_against_entra_roles() -> None:
    decision = can({EntraRole.HELPDESK_ADMINISTRATOR}, GdapTask.USERS_RESET_PASSWORD_FOR_NONADMIN)
    assert decision
    assert decision.reasons[0].code == "roles.gdap.granted"
    assert getattr(decision.reasons[0].source, "document", None) == "permissions-reference"


def test_the_tables_role_cites_the_table() -> None:
    decision = can({EntraRole.PASSWORD_ADMINISTRATOR}, GdapTask.USERS_RESET_PASSWORD_FOR_NONADMIN)
    assert getattr(decision.reasons[0].source, "document", None) == "gdap-least-privileged-roles-by-task.md"


def test_a_gdap_denial_lists_the_allowed_roles() -> None:
    decision = can({EntraRole.DIRECTORY_READERS}, GdapTask.USERS_CREATE_USER)
    assert not decision
    assert decision.reasons[0].code == "roles.gdap.denied"
    assert EntraRole.USER_ADMINISTRATOR in decision.would_allow


def test_no_entra_roles_is_denied() -> None:
    assert can([], GdapTask.USERS_CREATE_USER).reasons[0].code == "roles.can.no_roles"


@pytest.mark.parametrize(
    ("roles", "task"),
    [
        ({"Root"}, Task.VIEW_INVOICES),
        (3, Task.VIEW_INVOICES),
        ([[1]], Task.VIEW_INVOICES),
        ({PartnerRole.GLOBAL_ADMIN}, "teleport"),
        ({PartnerRole.GLOBAL_ADMIN}, 7),
    ],
)
def test_unknown_input_is_invalid_input(roles: object, task: object) -> None:
    with pytest.raises(InvalidInput):
        can(roles, task)  # type: ignore[arg-type]


def test_decision_is_a_value() -> None:
    decision = can({PartnerRole.GLOBAL_ADMIN}, Task.CANCEL_AZURE_SUBSCRIPTION)
    assert isinstance(decision, Decision)
    assert decision.is_allowed is True


class TestLeastPrivileged:
    def test_a_billing_clerk_needs_billing_admin(self) -> None:
        advice = least_privileged(
            [Task.VIEW_INVOICES, Task.DOWNLOAD_RECON_FILES, Task.CHANGE_BILLING_FREQUENCY]
        )
        assert {PartnerRole.BILLING_ADMIN} == advice.roles

    def test_a_helpdesk_engineer_needs_helpdesk_agent(self) -> None:
        advice = least_privileged(
            [Task.PROVIDE_BILLING_SUPPORT, Task.ESCALATE_TO_MICROSOFT, Task.ASSIGN_SUPPORT_CONTACT]
        )
        assert {PartnerRole.HELPDESK_AGENT} == advice.partner_roles

    def test_a_sales_rep_needs_sales_agent(self) -> None:
        advice = least_privileged([Task.CREATE_CUSTOMER, Task.MANAGE_SUBSCRIPTIONS, Task.VIEW_PRICING])
        assert {PartnerRole.SALES_AGENT} == advice.roles

    def test_global_admin_only_when_a_task_needs_it(self) -> None:
        advice = least_privileged([Task.CANCEL_AZURE_SUBSCRIPTION, Task.REQUEST_GDAP])
        assert {PartnerRole.GLOBAL_ADMIN, PartnerRole.ADMIN_AGENT} == advice.roles
        assert advice.reasons[0].code == "roles.least.global_admin_needed"

    def test_global_administrator_covers_everything_once_needed(self) -> None:
        advice = least_privileged([GdapTask.USERS_UPDATE_USER_SETTINGS, GdapTask.USERS_CREATE_USER])
        assert {EntraRole.GLOBAL_ADMINISTRATOR} == advice.roles

    def test_the_single_row_needing_global_administrator_says_so(self) -> None:
        advice = least_privileged(GdapTask.USERS_UPDATE_USER_SETTINGS)
        assert {EntraRole.GLOBAL_ADMINISTRATOR} == advice.roles
        assert advice.reasons[0].code == "roles.least.global_admin_needed"

    def test_two_tasks_that_one_role_covers_get_that_role(self) -> None:
        advice = least_privileged(
            [GdapTask.USERS_RESET_PASSWORD_FOR_NONADMIN, GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET]
        )
        assert {EntraRole.HELPDESK_ADMINISTRATOR} == advice.roles

    def test_ties_go_to_the_less_privileged_role(self) -> None:
        # Groups administrator and User administrator both create groups and manage their settings.
        advice = least_privileged([GdapTask.GROUPS_CREATE_GROUP, GdapTask.GROUPS_MANAGE_GROUP_SETTINGS])
        assert {EntraRole.GROUPS_ADMINISTRATOR} == advice.roles

    def test_the_explanation_says_which_role_covers_which_task(self) -> None:
        advice = least_privileged(
            [GdapTask.USERS_CREATE_GUEST_USER, GdapTask.USERS_RESET_PASSWORD_FOR_PRIVILEGED_ADMIN]
        )
        assert advice.covers == (
            (
                EntraRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR,
                (GdapTask.USERS_RESET_PASSWORD_FOR_PRIVILEGED_ADMIN,),
            ),
            (EntraRole.GUEST_INVITER, (GdapTask.USERS_CREATE_GUEST_USER,)),
        )
        assert {"roles.least.table_role"} == {r.code for r in advice.reasons}

    def test_a_role_chosen_beyond_the_table_cites_the_entra_reference(self) -> None:
        advice = least_privileged([GdapTask.USERS_CREATE_USER, GdapTask.USERS_RESET_PASSWORD_FOR_NONADMIN])
        sources = {r.source.document for r in advice.reasons if r.source is not None}
        assert {"gdap-least-privileged-roles-by-task.md", "permissions-reference"} == sources

    def test_mixed_partner_and_gdap_tasks_get_both_kinds_of_roles(self) -> None:
        advice = least_privileged([Task.REQUEST_GDAP, GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET])
        assert {PartnerRole.ADMIN_AGENT} == advice.partner_roles
        assert {EntraRole.SERVICE_SUPPORT_ADMINISTRATOR} == advice.entra_roles

    def test_no_tasks_need_no_roles(self) -> None:
        assert frozenset() == least_privileged([]).roles

    def test_duplicates_and_names_are_accepted(self) -> None:
        advice = least_privileged(["viewInvoices", Task.VIEW_INVOICES, "USERS_CREATE_USER"])
        assert {PartnerRole.BILLING_ADMIN, EntraRole.USER_ADMINISTRATOR} == advice.roles

    @pytest.mark.parametrize("tasks", [3, [3], ["nothing"]])
    def test_bad_tasks_are_invalid_input(self, tasks: object) -> None:
        with pytest.raises(InvalidInput):
            least_privileged(tasks)  # type: ignore[arg-type]


def test_repeated_checks_of_a_frozenset_decide_the_same() -> None:
    roles = frozenset({PartnerRole.REFERRALS_USER, PartnerRole.INCENTIVES_USER})
    assert can(roles, Task.CREATE_CO_SELL_OPPORTUNITIES) == can(roles, Task.CREATE_CO_SELL_OPPORTUNITIES)


def test_a_frozenset_of_members_decides_as_any_other_spelling_of_the_roles() -> None:
    members = frozenset({PartnerRole.REPORT_VIEWER, PartnerRole.CO_SELL_SOLUTION_ADMIN})
    spelled = [role.value for role in members]
    for task in (Task.PUBLISH_CO_SELL_SOLUTIONS, Task.VIEW_INVOICES):
        assert can(spelled, task) == can(members, task)
        assert can(members, task).roles == members
