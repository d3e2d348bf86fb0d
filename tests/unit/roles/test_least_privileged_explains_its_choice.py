"""least_privileged explains why it chose a role over another: the privilege order with its source, and every
other ranked role that could do each task with why it lost; ``prefer=`` overrides the order."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspcore import ErrorCode, InvalidInput
from cspcore.i18n import SUPPORTED_LOCALES, render
from cspcore.roles import (
    ENTRA_PRIVILEGE_ORDER,
    PARTNER_PRIVILEGE_ORDER,
    EntraRole,
    GdapTask,
    PartnerRole,
    Task,
    can,
    least_privileged,
    roles_for,
    task_rule,
)

RANK: dict[PartnerRole | EntraRole, int] = {
    **{role: i for i, role in enumerate(PARTNER_PRIVILEGE_ORDER)},
    **{role: i for i, role in enumerate(ENTRA_PRIVILEGE_ORDER)},
}
SUPPORT = [Task.PROVIDE_BILLING_SUPPORT, Task.ESCALATE_TO_MICROSOFT]


def performers(task: Task | GdapTask) -> frozenset[PartnerRole] | frozenset[EntraRole]:
    return task_rule(task).roles if isinstance(task, Task) else roles_for(task)


def test_billing_support_and_escalation_go_to_sales_agent_and_say_why_not_helpdesk_agent() -> None:
    advice = least_privileged(SUPPORT)
    assert advice.roles == {PartnerRole.SALES_AGENT}
    order, *others = advice.ranking
    assert order.code == "roles.least.order"
    assert order.params["order"] == PARTNER_PRIVILEGE_ORDER
    assert order.source is not None
    assert order.source.document == "permissions-overview.md"
    assert [reason.code for reason in others] == ["roles.least.more_privileged"] * 2
    for reason in others:
        assert reason.params["role"] is PartnerRole.SALES_AGENT
        assert PartnerRole.HELPDESK_AGENT in reason.params["others"]


def test_prefer_overrides_the_order_and_says_so() -> None:
    advice = least_privileged(SUPPORT, prefer=[PartnerRole.HELPDESK_AGENT])
    assert advice.roles == {PartnerRole.HELPDESK_AGENT}
    assert advice.ranking[0].code == "roles.least.preferred"
    assert advice.ranking[0].params["preferred"] == (PartnerRole.HELPDESK_AGENT,)
    assert advice.ranking[0].params["order"][0] is PartnerRole.HELPDESK_AGENT
    assert all(can({PartnerRole.HELPDESK_AGENT}, task) for task in SUPPORT)


def test_a_preferred_role_that_needs_more_roles_still_loses() -> None:
    # Report viewer can create a Partner Center support ticket but not provide billing support.
    advice = least_privileged(
        [Task.CREATE_PARTNER_SUPPORT_TICKET, Task.PROVIDE_BILLING_SUPPORT], prefer=[PartnerRole.REPORT_VIEWER]
    )
    assert advice.roles == {PartnerRole.SALES_AGENT}
    lost = {
        r.params["alternative"]: r.params["missing"]
        for r in advice.ranking
        if r.code == "roles.least.needs_more_roles"
    }
    assert lost[PartnerRole.REPORT_VIEWER] == (Task.PROVIDE_BILLING_SUPPORT,)
    assert set(lost.values()) == {(Task.PROVIDE_BILLING_SUPPORT,)}


def test_a_single_gdap_task_keeps_its_table_role_and_names_the_lesser_one() -> None:
    advice = least_privileged(GdapTask.USERS_ADD_USER_TO_GROUP)
    choice = [r for r in advice.ranking if r.code == "roles.least.table_choice"]
    assert choice
    for reason in choice:
        assert reason.params["role"] is EntraRole.USER_ADMINISTRATOR
        assert RANK[reason.params["alternative"]] < RANK[EntraRole.USER_ADMINISTRATOR]
        assert reason.params["alternative"] in roles_for(GdapTask.USERS_ADD_USER_TO_GROUP)


@pytest.mark.parametrize(
    ("prefer", "code"),
    [
        ("Helpdesk agent", ErrorCode.WRONG_TYPE),
        (3, ErrorCode.WRONG_TYPE),
        ([PartnerRole.SALES_AGENT, "x"], ErrorCode.WRONG_TYPE),
        ([PartnerRole.SALES_AGENT, PartnerRole.SALES_AGENT], ErrorCode.DUPLICATE),
        ([EntraRole.DIRECTORY_WRITERS], ErrorCode.NOT_ALLOWED),
    ],
)
def test_a_bad_prefer_is_refused(prefer: object, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        least_privileged(SUPPORT, prefer=prefer)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("prefer", code)


@pytest.mark.parametrize("task", list(Task), ids=lambda t: t.name)
def test_one_partner_task_gets_a_role_that_can_do_it_and_no_lower_role_can(task: Task) -> None:
    (role,) = least_privileged(task).roles
    assert role in task_rule(task).roles
    if role is not PartnerRole.GLOBAL_ADMIN:
        assert all(RANK[other] >= RANK[role] for other in task_rule(task).roles)


task_sets = st.lists(st.sampled_from([*Task, *GdapTask]), min_size=1, max_size=4, unique=True)


@given(task_sets)
def test_the_chosen_roles_can_do_every_task_and_every_other_able_role_is_explained(
    tasks: list[Task | GdapTask],
) -> None:
    advice = least_privileged(tasks)
    relied = {task: role for role, covered in advice.covers for task in covered}
    assert set(relied) == set(tasks)
    for task, role in relied.items():
        assert role in performers(task)
    explained: dict[Task | GdapTask, set[object]] = {task: set() for task in tasks}
    for reason in advice.ranking[1:]:
        if reason.code in {"roles.least.order", "roles.least.preferred"}:
            continue
        task, role = reason.params["task"], reason.params["role"]
        assert role is relied[task]
        if reason.code == "roles.least.more_privileged":
            assert all(RANK[other] > RANK[role] for other in reason.params["others"])
            assert set(reason.params["others"]) <= performers(task)
            explained[task].update(reason.params["others"])
        else:
            other = reason.params["alternative"]
            assert RANK[other] < RANK[role]
            assert other in performers(task)
            if reason.code == "roles.least.needs_more_roles":
                assert all(other not in performers(t) for t in reason.params["missing"])
            else:
                assert reason.code == "roles.least.table_choice"
                # only the one GDAP task of a request keeps the table's role
                assert [t for t in tasks if isinstance(t, GdapTask)] == [task]
            explained[task].add(other)
    for task in tasks:
        able = {r for r in performers(task) if r in RANK and r not in advice.roles}
        assert explained[task] == able


@given(task_sets)
def test_the_ranking_is_deterministic_and_renders_in_every_locale(tasks: list[Task | GdapTask]) -> None:
    advice = least_privileged(tasks)
    assert advice == least_privileged(list(reversed(tasks)))
    for reason in advice.ranking:
        for locale in SUPPORTED_LOCALES:
            text = render(reason, locale=locale)
            assert "{" not in text
            assert reason.code not in text
