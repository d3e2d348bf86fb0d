"""Security laws of access decisions, least privilege and GDAP relationships."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import attrs
from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import ErrorCode
from cspcore.roles import (
    ENTRA_PRIVILEGE_ORDER,
    PARTNER_PRIVILEGE_ORDER,
    DapRelationship,
    EntraRole,
    GdapRelationship,
    GdapRequest,
    GdapStatus,
    GdapTask,
    PartnerRole,
    RoleGrant,
    Task,
    approve,
    can,
    effective_roles,
    least_privileged,
    roles_for,
    task_rule,
)
from cspcore.testing.dst import instants_near_dst_changes
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
from cspcore.testing.strategies import timezones

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
def test_auto_extend_keeps_the_current_end_ahead_until_termination(
    rel: GdapRelationship, minutes: int
) -> None:
    at = rel.activated_at + dt.timedelta(minutes=minutes)
    end = rel.current_end_at(at)
    if rel.terminated_at is not None and at >= rel.terminated_at:
        assert end == rel.terminated_at  # it ended then, whatever its end would have been
        assert end.utcoffset() == dt.timedelta(0)
    elif rel.auto_extend:
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


def written_in(rel: GdapRelationship, zone: ZoneInfo) -> GdapRelationship:
    """The same relationship with its instants written in ``zone`` (same instants, other wall clocks)."""
    terminated = None if rel.terminated_at is None else rel.terminated_at.astimezone(zone)
    local: GdapRelationship = attrs.evolve(
        rel, activated_at=rel.activated_at.astimezone(zone), terminated_at=terminated
    )
    return local


NEW_YORK = ZoneInfo("America/New_York")
PRAGUE = ZoneInfo("Europe/Prague")
# New York fell back on 2007-11-04: 01:50 EDT (05:50 UTC) comes 20 minutes before 01:10 EST (06:10 UTC).
NY_REPEATED_HOUR = attrs.evolve(
    DST_EVE,
    activated_at=dt.datetime(2007, 11, 4, 5, 50, tzinfo=dt.UTC),
    terminated_at=dt.datetime(2007, 11, 4, 6, 10, tzinfo=dt.UTC),
)
# Prague fell back on 2024-10-27 (02:00-03:00 twice) and sprang forward on 2024-03-31 (02:00-03:00 missing).
PRAGUE_FIRST_0230 = attrs.evolve(DST_EVE, activated_at=dt.datetime(2024, 10, 27, 0, 30, tzinfo=dt.UTC))
PRAGUE_ENDED_SECOND_0210 = attrs.evolve(
    DST_EVE,
    duration=30,
    activated_at=dt.datetime(2024, 10, 26, tzinfo=dt.UTC),
    terminated_at=dt.datetime(2024, 10, 27, 1, 10, tzinfo=dt.UTC),
)
PRAGUE_BEFORE_THE_GAP = attrs.evolve(DST_EVE, activated_at=dt.datetime(2024, 3, 31, 0, 59, tzinfo=dt.UTC))


@given(gdap_relationships(), st.integers(min_value=-2 * 1440, max_value=1000 * 1440), timezones())
@example(NY_REPEATED_HOUR, 10, NEW_YORK)  # at 01:00 EST, after activation at 01:50 EDT
@example(NY_REPEATED_HOUR, 20, NEW_YORK)  # at the termination, 01:10 EST
@example(PRAGUE_FIRST_0230, 40, PRAGUE)  # at 02:10 CET (fold=1), after activation at 02:30 CEST
@example(PRAGUE_ENDED_SECOND_0210, 24 * 60 + 40, PRAGUE)  # at 02:40 CEST, before termination at 02:10 CET
@example(PRAGUE_BEFORE_THE_GAP, 1, PRAGUE)  # at 03:00 CEST, a minute after activation at 01:59 CET
@example(PRAGUE_BEFORE_THE_GAP, 0, PRAGUE)
def test_a_relationship_behaves_the_same_whatever_zone_its_instants_are_written_in(
    rel: GdapRelationship, minutes: int, zone: ZoneInfo
) -> None:
    at = rel.activated_at.astimezone(dt.UTC) + dt.timedelta(minutes=minutes)
    local, local_at = written_in(rel, zone), at.astimezone(zone)
    assert rel.status_at(at) is local.status_at(local_at)
    assert rel.current_end_at(at) == local.current_end_at(local_at)
    groups = {"Desk", "Billing", "Ops"}
    assert rel.roles_for_groups(groups, at=at) == local.roles_for_groups(groups, at=local_at)
    assert effective_roles(groups, [rel], at=at).roles == effective_roles(groups, [local], at=local_at).roles


@given(
    aware_instants(),
    st.none() | st.integers(min_value=0, max_value=3 * 1440),
    st.integers(min_value=-3 * 1440, max_value=3 * 1440),
    timezones(),
)
@example(dt.datetime(2007, 11, 4, 5, 50, tzinfo=dt.UTC), 20, 10, NEW_YORK)  # 01:50 EDT .. 01:10 EST
@example(dt.datetime(2007, 11, 4, 5, 0, tzinfo=dt.UTC), 70, 50, NEW_YORK)  # 01:00 EDT .. 01:10 EST
@example(dt.datetime(2024, 10, 27, 0, 30, tzinfo=dt.UTC), 40, 30, PRAGUE)  # 02:30 CEST .. 02:10 CET
@example(dt.datetime(2024, 10, 27, 0, 30, tzinfo=dt.UTC), 40, -1, PRAGUE)
@example(dt.datetime(2024, 3, 31, 0, 59, tzinfo=dt.UTC), 1, 0, PRAGUE)  # 01:59 CET .. 03:00 CEST
def test_dap_relationships_and_gdap_requests_order_instants_not_wall_clocks(
    start: dt.datetime, removed_after: int | None, at_after: int, zone: ZoneInfo
) -> None:
    removed = None if removed_after is None else start + dt.timedelta(minutes=removed_after)
    at = start + dt.timedelta(minutes=at_after)
    dap = DapRelationship(
        customer_id="contoso",
        established_at=start.astimezone(zone),
        removed_at=None if removed is None else removed.astimezone(zone),
    )
    in_force = at_after >= 0 and (removed_after is None or at_after < removed_after)
    assert in_force == dap.active_at(at.astimezone(zone))
    request = GdapRequest(
        customer_id="contoso",
        roles={EntraRole.DIRECTORY_READERS},
        duration=30,
        created_at=start.astimezone(zone),
    )
    if at_after < 0:
        with raises_invalid(field="at", code=ErrorCode.OUT_OF_ORDER):
            approve(request, at=at.astimezone(zone))
    else:
        activated = approve(request, at=at.astimezone(zone)).activated_at
        assert at == activated.astimezone(dt.UTC)


@given(
    instants_near_dst_changes(),
    st.none() | st.integers(min_value=0, max_value=120),
    st.integers(min_value=-120, max_value=120),
)
@example(dt.datetime(2007, 11, 4, 1, 50, tzinfo=NEW_YORK), 20, 10)  # 01:50 EDT, ends 01:10 EST, at 01:00 EST
@example(dt.datetime(2024, 10, 27, 2, 30, tzinfo=PRAGUE), 40, 30)  # 02:30 CEST, ends 02:10 CET, at 02:00 CET
@example(dt.datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=PRAGUE), None, -40)  # 02:30 CET, at 02:50 CEST
@example(dt.datetime(2024, 3, 31, 1, 59, tzinfo=PRAGUE), 1, 1)  # 01:59 CET, ends 03:00 CEST
def test_status_around_a_dst_change_follows_elapsed_minutes(
    activated_at: dt.datetime, terminated_after: int | None, at_after: int
) -> None:
    zone = activated_at.tzinfo

    def after(minutes: int) -> dt.datetime:
        return (activated_at.astimezone(dt.UTC) + dt.timedelta(minutes=minutes)).astimezone(zone)

    rel = GdapRelationship(
        customer_id="contoso",
        roles={EntraRole.HELPDESK_ADMINISTRATOR},
        duration=60,
        activated_at=activated_at,
        grants=(RoleGrant(group="Desk", roles={EntraRole.HELPDESK_ADMINISTRATOR}),),
        terminated_at=None if terminated_after is None else after(terminated_after),
    )
    if at_after < 0:
        expected = GdapStatus.APPROVED
    elif terminated_after is not None and at_after >= terminated_after:
        expected = GdapStatus.TERMINATED
    else:
        expected = GdapStatus.ACTIVE
    assert expected is rel.status_at(after(at_after))
    dap = DapRelationship(
        customer_id="contoso",
        established_at=activated_at,
        removed_at=None if terminated_after is None else after(terminated_after),
    )
    assert (expected is GdapStatus.ACTIVE) == dap.active_at(after(at_after))
