"""Security laws of access decisions, least privilege and GDAP relationships."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore.roles import (
    ENTRA_PRIVILEGE_ORDER,
    PARTNER_PRIVILEGE_ORDER,
    EntraRole,
    GdapRelationship,
    GdapStatus,
    GdapTask,
    PartnerRole,
    RoleGrant,
    Task,
    can,
    effective_roles,
    least_privileged,
    roles_for,
    task_rule,
)
from cspcore.testing.roles import (
    aware_instants,
    entra_role_sets,
    entra_roles,
    gdap_relationships,
    gdap_tasks,
    partner_role_sets,
    partner_roles,
    tasks,
)

if TYPE_CHECKING:
    from random import Random

AnyRole = PartnerRole | EntraRole
AnyTask = Task | GdapTask


@given(partner_role_sets(), partner_roles(), tasks())
def test_adding_a_partner_role_never_removes_a_permission(
    roles: frozenset[PartnerRole], extra: PartnerRole, task: Task
) -> None:
    if can(roles, task):
        assert can(roles | {extra}, task)


@given(entra_role_sets(), entra_roles(), gdap_tasks())
def test_adding_an_entra_role_never_removes_a_permission(
    roles: frozenset[EntraRole], extra: EntraRole, task: GdapTask
) -> None:
    if can(roles, task):
        assert can(roles | {extra}, task)


@given(partner_role_sets(), tasks())
def test_a_partner_role_set_is_allowed_exactly_the_union_of_its_roles_tasks(
    roles: frozenset[PartnerRole], task: Task
) -> None:
    assert bool(can(roles, task)) == any(can(frozenset({role}), task) for role in roles)
    assert can(roles, task).granted_by == {role for role in roles if can(frozenset({role}), task)}


@given(entra_role_sets(), gdap_tasks())
def test_an_entra_role_set_is_allowed_exactly_the_union_of_its_roles_tasks(
    roles: frozenset[EntraRole], task: GdapTask
) -> None:
    assert bool(can(roles, task)) == any(can(frozenset({role}), task) for role in roles)


@given(st.one_of(tasks(), gdap_tasks()))
def test_the_empty_set_is_allowed_nothing(task: AnyTask) -> None:
    decision = can(frozenset(), task)
    assert not decision
    assert frozenset() == decision.granted_by


def performers(task: AnyTask) -> frozenset[AnyRole]:
    return frozenset(task_rule(task).roles) if isinstance(task, Task) else frozenset(roles_for(task))


def brute_force_size(asked: list[AnyTask], pool: tuple[AnyRole, ...], global_admin: AnyRole) -> int:
    """The size of the smallest cover, with Global admin(istrator) only when a task needs it."""
    others = tuple(r for r in pool if r is not global_admin)
    forced = [t for t in asked if not (performers(t) & set(others))]
    rest = [t for t in asked if not (forced and global_admin in performers(t))]
    for size in range(len(others) + 1):
        for combo in itertools.combinations(others, size):
            if all(performers(t) & set(combo) for t in rest):
                return size + (1 if forced else 0)
    raise AssertionError  # pragma: no cover


@given(st.lists(gdap_tasks(), min_size=1, max_size=4, unique=True))
@example([GdapTask.USERS_UPDATE_USER_SETTINGS, GdapTask.USERS_CREATE_GUEST_USER])
@example([GdapTask.GROUPS_UPDATE_GROUP_OWNERS])
def test_least_privileged_entra_roles_cover_and_no_smaller_set_does(asked: list[GdapTask]) -> None:
    advice = least_privileged(asked)
    assert all(can(advice.entra_roles, task) for task in asked)
    assert brute_force_size(list(asked), ENTRA_PRIVILEGE_ORDER, EntraRole.GLOBAL_ADMINISTRATOR) == len(
        advice.roles
    )
    needs_global = any(performers(t) <= {EntraRole.GLOBAL_ADMINISTRATOR} for t in asked)
    assert needs_global == (EntraRole.GLOBAL_ADMINISTRATOR in advice.roles)


@given(st.lists(tasks(), min_size=1, max_size=4, unique=True))
@example([Task.CANCEL_AZURE_SUBSCRIPTION, Task.REQUEST_GDAP])
def test_least_privileged_partner_roles_cover_and_no_smaller_set_does(asked: list[Task]) -> None:
    advice = least_privileged(asked)
    assert all(can(advice.partner_roles, task) for task in asked)
    assert brute_force_size(list(asked), PARTNER_PRIVILEGE_ORDER, PartnerRole.GLOBAL_ADMIN) == len(
        advice.roles
    )
    needs_global = any(performers(t) <= {PartnerRole.GLOBAL_ADMIN} for t in asked)
    assert needs_global == (PartnerRole.GLOBAL_ADMIN in advice.roles)


@given(st.lists(st.one_of(tasks(), gdap_tasks()), min_size=1, max_size=4, unique=True), st.randoms())
def test_least_privileged_is_deterministic_whatever_the_order(asked: list[AnyTask], random: Random) -> None:
    shuffled = list(asked)
    random.shuffle(shuffled)
    assert least_privileged(asked) == least_privileged(shuffled)


@given(st.lists(st.one_of(tasks(), gdap_tasks()), max_size=4, unique=True))
def test_every_chosen_role_is_relied_on_for_some_task(asked: list[AnyTask]) -> None:
    advice = least_privileged(asked)
    covered = [task for _, tasks_ in advice.covers for task in tasks_]
    assert sorted(covered, key=repr) == sorted(set(asked), key=repr)
    for role, tasks_ in advice.covers:
        assert tasks_
        assert all(role in performers(task) for task in tasks_)


def cutoff(rel: GdapRelationship) -> dt.datetime | None:
    ends = [rel.terminated_at] if rel.terminated_at is not None else []
    if not rel.auto_extend:
        ends.append(rel.end_at)
    return min(ends) if ends else None


LEAP_DAY = GdapRelationship(
    customer_id="contoso",
    roles={EntraRole.USER_ADMINISTRATOR},
    duration=365,
    activated_at=dt.datetime(2024, 2, 29, 23, 59, tzinfo=ZoneInfo("Europe/Budapest")),
    grants=(RoleGrant(group="Desk", roles={EntraRole.USER_ADMINISTRATOR}),),
)
DST_EVE = GdapRelationship(
    customer_id="contoso",
    roles={EntraRole.HELPDESK_ADMINISTRATOR},
    duration=1,
    activated_at=dt.datetime(2024, 10, 26, 12, tzinfo=ZoneInfo("Europe/Warsaw")),
    grants=(RoleGrant(group="Ops", roles={EntraRole.HELPDESK_ADMINISTRATOR}),),
)


@given(gdap_relationships(), st.integers(min_value=0, max_value=5000 * 24 * 60))
@example(LEAP_DAY, 0)
@example(DST_EVE, 0)
@example(attrs.evolve(DST_EVE, terminated_at=DST_EVE.activated_at), 0)
def test_an_expired_or_terminated_relationship_grants_nothing_at_any_later_time(
    rel: GdapRelationship, minutes: int
) -> None:
    end = cutoff(rel)
    if end is None:
        return
    later = end + dt.timedelta(minutes=minutes)
    assert rel.status_at(later) in {GdapStatus.EXPIRED, GdapStatus.TERMINATED}
    assert frozenset() == rel.roles_for_groups({"Desk", "Billing", "Ops"}, at=later)
    assert not effective_roles({"Desk", "Billing", "Ops"}, [rel], at=later)


@given(gdap_relationships(), st.integers(min_value=0, max_value=800 * 24 * 60))
def test_an_active_relationship_grants_exactly_its_groups_roles(rel: GdapRelationship, minutes: int) -> None:
    at = rel.activated_at + dt.timedelta(minutes=minutes)
    granted = rel.roles_for_groups({"Desk", "Billing", "Ops"}, at=at)
    if rel.status_at(at).grants_access:
        assert granted == frozenset().union(*(g.roles for g in rel.grants))
        assert granted <= rel.roles
    else:
        assert frozenset() == granted


@given(gdap_relationships(), st.integers(min_value=0, max_value=3000 * 24 * 60))
def test_auto_extend_keeps_the_current_end_ahead(rel: GdapRelationship, minutes: int) -> None:
    at = rel.activated_at + dt.timedelta(minutes=minutes)
    end = rel.current_end_at(at)
    if rel.auto_extend:
        assert at < end <= max(at, rel.end_at) + dt.timedelta(days=180)
        assert (end - rel.end_at) % dt.timedelta(days=180) == dt.timedelta(0)
    else:
        assert rel.end_at == end


@given(gdap_relationships(), aware_instants())
def test_no_relationship_grants_anything_before_it_is_activated(
    rel: GdapRelationship, at: dt.datetime
) -> None:
    if at < rel.activated_at:
        assert rel.status_at(at) == GdapStatus.APPROVED
        assert frozenset() == rel.roles_for_groups({"Desk", "Billing", "Ops"}, at=at)
