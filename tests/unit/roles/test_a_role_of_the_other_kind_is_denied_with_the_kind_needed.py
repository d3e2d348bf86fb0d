"""A real role of the other kind (a Partner Center role for a GDAP task, an Entra role for a Partner Center
task) is denied with a reason saying which kind of role the task needs; only what is not a role is refused."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspcore import ErrorCode, InvalidInput
from cspcore.i18n import SUPPORTED_LOCALES, render
from cspcore.roles import Decision, EntraRole, GdapTask, PartnerRole, Task, can


@given(st.sets(st.sampled_from(list(PartnerRole)), min_size=1), st.sampled_from(list(GdapTask)))
def test_partner_roles_never_do_a_gdap_task_and_are_told_to_get_an_entra_role(
    roles: set[PartnerRole], task: GdapTask
) -> None:
    decision = can(roles, task)
    assert isinstance(decision, Decision)
    assert not decision
    assert decision.granted_by == frozenset()
    assert decision.roles == frozenset(roles)
    assert decision.would_allow
    assert all(isinstance(role, EntraRole) for role in decision.would_allow)
    first = decision.reasons[0]
    assert first.code == "roles.can.needs_entra_role"
    assert first.params["task"] is task
    assert set(first.params["roles"]) == roles


@given(st.sets(st.sampled_from(list(EntraRole)), min_size=1), st.sampled_from(list(Task)))
def test_entra_roles_never_do_a_partner_task_and_are_told_to_get_a_partner_role(
    roles: set[EntraRole], task: Task
) -> None:
    decision = can(frozenset(roles), task)
    assert not decision
    assert decision.reasons[0].code == "roles.can.needs_partner_role"
    assert decision.reasons[0].params["roles"] == tuple(sorted(roles, key=list(EntraRole).index))


def test_the_helpdesk_agent_filing_a_gdap_ticket_is_told_which_role_to_get() -> None:
    decision = can({PartnerRole.HELPDESK_AGENT}, GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET)
    assert EntraRole.SERVICE_SUPPORT_ADMINISTRATOR in decision.would_allow
    assert decision.reasons[0].source is not None
    assert decision.reasons[0].source.document == "gdap-least-privileged-roles-by-task.md"
    for locale in SUPPORTED_LOCALES:
        assert "{" not in render(decision.reasons[0], locale=locale)


def test_with_roles_of_both_kinds_the_right_kind_decides_and_the_other_is_explained() -> None:
    task = GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET
    allowed = can([PartnerRole.HELPDESK_AGENT, EntraRole.SERVICE_SUPPORT_ADMINISTRATOR], task)
    assert allowed
    assert allowed.granted_by == {EntraRole.SERVICE_SUPPORT_ADMINISTRATOR}
    assert [r.code for r in allowed.reasons] == ["roles.gdap.granted", "roles.can.needs_entra_role"]
    denied = can([PartnerRole.HELPDESK_AGENT, EntraRole.GUEST_INVITER], task)
    assert not denied
    assert [r.code for r in denied.reasons] == ["roles.gdap.denied", "roles.can.needs_entra_role"]
    assert denied.reasons[0].params["roles"] == (EntraRole.GUEST_INVITER,)


def test_a_name_of_the_other_kind_is_read_as_that_role() -> None:
    decision = can("Helpdesk agent", GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET)
    assert decision.roles == {PartnerRole.HELPDESK_AGENT}
    assert decision.reasons[0].code == "roles.can.needs_entra_role"
    assert can(["Global administrator"], Task.VIEW_INVOICES).reasons[0].code == "roles.can.needs_partner_role"


@pytest.mark.parametrize(
    ("roles", "field", "code"),
    [
        ({"Root"}, "roles", ErrorCode.UNKNOWN_VALUE),
        (3, "roles", ErrorCode.WRONG_TYPE),
        ([None], "roles", ErrorCode.WRONG_TYPE),
    ],
)
def test_what_is_not_a_role_is_still_refused(roles: object, field: str, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        can(roles, GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == (field, code)
