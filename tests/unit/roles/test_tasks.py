"""Partner tasks: each task page's "Appropriate roles" line, and the overview table."""

from __future__ import annotations

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode
from cspcore.roles import PartnerRole, Task, all_rules, can, task_rule

# The "Appropriate roles" lines, copied by hand from the pages (kvamseek/partner-center @ 85eb3c4).
PAGE_ROLES = {
    Task.CREATE_CUSTOMER: (
        "add-a-new-customer.md",
        "Global admin | User management admin | Admin agent | Sales agent",
    ),
    Task.MANAGE_SUBSCRIPTIONS: (
        "create-a-new-subscription.md",
        "Admin agent | Billing admin | Global admin | Helpdesk agent | Sales agent",
    ),
    Task.DOWNLOAD_RECON_FILES: ("use-the-reconciliation-files.md", "Billing admin | Global admin"),
    Task.VIEW_INVOICES: ("read-your-bill.md", "Global admin | Billing admin | Admin agent"),
    Task.CHANGE_BILLING_FREQUENCY: (
        "billing-frequency-changes.md",
        "Admin agent | Billing admin | Global admin",
    ),
    Task.ESCALATE_TO_MICROSOFT: (
        "escalating-to-microsoft.md",
        "Admin agent | Global admin | Sales agent | Helpdesk agent",
    ),
    Task.ASSIGN_SUPPORT_CONTACT: (
        "assign-support-contacts.md",
        "Admin agent | Global admin | Helpdesk agent",
    ),
    Task.REQUEST_CREDIT: ("request-credit.md", "Admin agent | Global admin"),
    Task.REQUEST_GDAP: ("gdap-obtain-admin-permissions-to-manage-customer.md", "Admin agent"),
    Task.PROVIDE_BILLING_SUPPORT: (
        "provide-billing-support.md",
        "Global admin | User management admin | Helpdesk agent | Billing admin | Sales agent",
    ),
    Task.MANAGE_PARTNER_USERS: (
        "create-user-accounts-and-set-permissions.md",
        "Account admin | Global admin | User management admin",
    ),
    Task.VIEW_PRICING: (
        "pricing-and-offers.md",
        (
            "Global admin | User management admin | Admin agent | MPN Partner Admin"
            " | Sales agent | Billing admin"
        ),
    ),
    Task.ADD_PAYMENT_METHOD: ("add-payment-method.md", "Global admin | MPN Partner admin"),
    Task.VIEW_CREDIT_LIMIT: ("credit-limit-enforcement.md", "Billing admin"),
}


def roles_of(line: str) -> frozenset[PartnerRole]:
    return frozenset(PartnerRole.lookup(name.strip()) for name in line.split("|"))


@pytest.mark.parametrize(("task", "page"), PAGE_ROLES.items(), ids=lambda v: getattr(v, "name", ""))
def test_each_task_takes_the_roles_of_its_page(task: Task, page: tuple[str, str]) -> None:
    document, line = page
    rule = task_rule(task)
    assert roles_of(line) == rule.roles
    assert document == rule.source.document


@pytest.mark.parametrize(("task", "page"), PAGE_ROLES.items(), ids=lambda v: getattr(v, "name", ""))
def test_every_page_role_is_allowed_and_every_other_role_denied(task: Task, page: tuple[str, str]) -> None:
    allowed = roles_of(page[1])
    for role in PartnerRole:
        assert (role in allowed) == bool(can({role}, task))


def test_billing_support_roles_match_the_seeds() -> None:
    expected = {
        PartnerRole.GLOBAL_ADMIN,
        PartnerRole.USER_MANAGEMENT_ADMIN,
        PartnerRole.HELPDESK_AGENT,
        PartnerRole.BILLING_ADMIN,
        PartnerRole.SALES_AGENT,
    }
    assert expected == task_rule(Task.PROVIDE_BILLING_SUPPORT).roles


def test_the_page_wins_over_the_overview_table_and_says_so() -> None:
    rule = task_rule(Task.MANAGE_SUBSCRIPTIONS)
    assert rule.page_overrides_overview
    assert PartnerRole.BILLING_ADMIN in rule.roles
    assert rule.overview_roles is not None
    assert PartnerRole.BILLING_ADMIN not in rule.overview_roles
    decision = can({PartnerRole.BILLING_ADMIN}, Task.MANAGE_SUBSCRIPTIONS)
    assert [r.code for r in decision.reasons] == ["roles.can.granted", "roles.can.page_over_overview"]


def test_a_page_that_agrees_with_the_overview_adds_no_override_reason() -> None:
    assert not task_rule(Task.DOWNLOAD_RECON_FILES).page_overrides_overview
    assert [r.code for r in can({PartnerRole.BILLING_ADMIN}, Task.DOWNLOAD_RECON_FILES).reasons] == [
        "roles.can.granted"
    ]


def test_partner_support_tickets_follow_their_page_over_the_help_and_support_and_insights_rows() -> None:
    rule = task_rule(Task.CREATE_PARTNER_SUPPORT_TICKET)
    assert rule.roles == frozenset(PartnerRole)
    assert rule.source.document == "report-problems-with-partner-center.md"
    ((overview, overview_roles),) = rule.disagreements
    assert overview.document == "permissions-overview.md"
    assert overview_roles == frozenset(PartnerRole) - {PartnerRole.CO_SELL_SOLUTION_ADMIN}


def test_every_task_has_a_rule_with_at_least_one_role() -> None:
    assert [rule.task for rule in all_rules()] == list(Task)
    assert all(rule.roles for rule in all_rules())


def test_every_partner_role_can_do_something() -> None:
    assert set(PartnerRole) == {role for rule in all_rules() for role in rule.roles}


def test_tasks_are_found_by_value_or_name() -> None:
    assert task_rule("requestGdap") is task_rule("REQUEST_GDAP")


def test_an_unknown_task_is_invalid_input() -> None:
    with raises_invalid(field="task", code=ErrorCode.UNKNOWN_VALUE):
        task_rule("fly to the moon")
