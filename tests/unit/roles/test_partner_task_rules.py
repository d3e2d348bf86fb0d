"""Partner task rules: the refusals of task_rule and TaskRule, and the rules a caller may build."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

import cspcore.roles
from cspcore import ErrorCode, InvalidInput, Source
from cspcore.roles import EntraRole, PartnerRole, Task, TaskRule, all_rules, task_rule

if TYPE_CHECKING:
    from collections.abc import Callable

#: The package, untyped, so that the tables below can pass ill-typed arguments.
loose: Any = cspcore.roles
TASK_VALUES = ", ".join(task.value for task in Task)
SOURCE = Source(document="request-credit.md", section="Appropriate roles")
MIXED = frozenset({PartnerRole.ADMIN_AGENT, EntraRole.GLOBAL_ADMINISTRATOR})


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (lambda: task_rule("fly"), "task", ErrorCode.UNKNOWN_VALUE),
        (
            lambda: loose.task_rule(None),
            "task",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.task_rule(PartnerRole.ADMIN_AGENT),
            "task",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.TaskRule(
                task=Task.REQUEST_CREDIT, roles=frozenset({EntraRole.GUEST_INVITER}), source=SOURCE
            ),
            "roles",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.TaskRule(task=Task.REQUEST_CREDIT, roles=frozenset({"Admin agent"}), source=SOURCE),
            "roles",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.TaskRule(task="requestCredit", roles=frozenset(), source=SOURCE),
            "task",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.TaskRule(task=Task.REQUEST_CREDIT, roles={PartnerRole.ADMIN_AGENT}, source=SOURCE),
            "roles",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.TaskRule(task=Task.REQUEST_CREDIT, roles=frozenset(), source="request-credit.md"),
            "source",
            ErrorCode.WRONG_TYPE,
        ),
    ],
)
def test_bad_input_names_the_field_the_problem_and_the_value(
    call: Callable[[], object], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert (field, code) == (caught.value.field, caught.value.code)


@pytest.mark.parametrize(
    "roles",
    [
        frozenset(),
        frozenset({PartnerRole.ADMIN_AGENT}),
        frozenset({PartnerRole.ADMIN_AGENT, PartnerRole.GLOBAL_ADMIN}),
    ],
)
def test_a_caller_may_build_a_rule_from_partner_roles(roles: frozenset[PartnerRole]) -> None:
    rule = TaskRule(task=Task.REQUEST_CREDIT, roles=roles, source=SOURCE)
    assert (roles, None, False) == (rule.roles, rule.overview_roles, rule.page_overrides_overview)


@pytest.mark.parametrize(
    ("overview", "overrides"),
    [
        (frozenset({PartnerRole.ADMIN_AGENT}), False),
        (frozenset({PartnerRole.GLOBAL_ADMIN}), True),
        (frozenset(), True),
    ],
)
def test_a_rule_overrides_the_overview_when_their_roles_differ(
    overview: frozenset[PartnerRole], overrides: bool
) -> None:
    rule = TaskRule(
        task=Task.REQUEST_CREDIT,
        roles=frozenset({PartnerRole.ADMIN_AGENT}),
        source=SOURCE,
        overview_roles=overview,
    )
    assert overrides is rule.page_overrides_overview


@pytest.mark.parametrize("spelling", ["requestCredit", "REQUEST_CREDIT", "request_credit", "Request Credit"])
def test_a_task_is_found_by_its_value_or_member_name_in_any_case(spelling: str) -> None:
    assert task_rule(Task.REQUEST_CREDIT) is task_rule(spelling)


def test_all_rules_are_the_rules_of_task_rule_in_task_order() -> None:
    assert tuple(task_rule(task) for task in Task) == all_rules()


@pytest.mark.parametrize(
    ("task", "document", "section", "overview"),
    [
        (Task.CREATE_CUSTOMER, "add-a-new-customer.md", "Appropriate roles", {PartnerRole.ADMIN_AGENT}),
        (Task.CHANGE_BILLING_FREQUENCY, "billing-frequency-changes.md", "Appropriate roles", None),
        (Task.MANAGE_INCENTIVES, "permissions-overview.md", "Manage incentives", None),
        (Task.VIEW_INSIGHTS_REPORTS, "permissions-overview.md", "View Partner Center Insights data", None),
    ],
)
def test_each_rule_cites_its_page_or_its_row_of_the_overview(
    task: Task, document: str, section: str, overview: set[PartnerRole] | None
) -> None:
    rule = task_rule(task)
    expected = (Source(document=document, section=section), None if overview is None else frozenset(overview))
    assert expected == (rule.source, rule.overview_roles)
