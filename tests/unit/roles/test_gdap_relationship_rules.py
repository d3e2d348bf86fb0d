"""GDAP relationships, requests and effective roles: every refusal and every decision, whole.

Each bad input names its field, its problem and the value; each rule violation and each answer carries
its full reasons (code, params and source); each rule is pinned at its boundaries (1 and 730 days,
the 30th day before the end, the 90th day of a request, an instant equal to the activation).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest

import cspcore.roles
from cspcore import ErrorCode, InvalidInput, Reason, Source
from cspcore.roles import (
    ADMIN_AGENTS,
    HELPDESK_AGENTS,
    AutoExtendNotAllowed,
    DapRelationship,
    EffectiveRoles,
    EntraRole,
    ExpiryNotice,
    GdapRelationship,
    GdapRequest,
    GdapStatus,
    RelationshipNotActive,
    RequestExpired,
    RoleGrant,
    RoleNotApproved,
    approve,
    effective_roles,
    grant,
    terminate,
)

if TYPE_CHECKING:
    from collections.abc import Callable

#: The package, untyped, so that the tables below can pass ill-typed arguments.
loose: Any = cspcore.roles
START = dt.datetime(2024, 1, 31, 9, 30, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
TICK = dt.timedelta(microseconds=1)
NAIVE = dt.datetime(2024, 1, 1)  # noqa: DTZ001 - refused below
NAIVE_PROBLEM = "naive datetimes are refused; attach a timezone (UTC for Partner Center)"
LONG = "x" * 257
LONG_SHOWN = repr(LONG)[:77] + "..."
ENTRA_VALUES = ", ".join(role.value for role in EntraRole)
UA, HA, GA = EntraRole.USER_ADMINISTRATOR, EntraRole.HELPDESK_ADMINISTRATOR, EntraRole.GLOBAL_ADMINISTRATOR
AUTO_EXTEND_SOURCE = Source(
    document="expiring-gdap-relationships-and-auto-extend-gdap",
    section="Don't autoextend GDAP with Global Administrator",
    url="https://learn.microsoft.com/partner-center/customers/expiring-gdap-relationships-and-auto-extend-gdap",
)
AUTO_EXTEND_REASON = Reason(
    code="roles.gdap.auto_extend_global_admin", params={"role": GA}, source=AUTO_EXTEND_SOURCE
)
DAP = DapRelationship(customer_id="contoso", established_at=START)


def shown(value: object) -> str:
    """The value as an error message shows it (its repr, cut at 80 characters)."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def relationship(**changes: object) -> GdapRelationship:
    values: dict[str, object] = {
        "customer_id": "contoso",
        "roles": {UA, HA},
        "duration": 90,
        "activated_at": START,
        "grants": (RoleGrant(group="Desk", roles={HA}),),
    }
    values.update(changes)
    return GdapRelationship(**values)  # type: ignore[arg-type]


def request(**changes: object) -> GdapRequest:
    values: dict[str, object] = {
        "customer_id": "contoso",
        "roles": {EntraRole.DIRECTORY_READERS},
        "duration": 30,
        "created_at": START,
    }
    values.update(changes)
    return GdapRequest(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        # Durations: whole days, 1 to 730, as an int or a timedelta.
        (lambda: relationship(duration=0), "duration", ErrorCode.OUT_OF_RANGE),
        (lambda: relationship(duration=731), "duration", ErrorCode.OUT_OF_RANGE),
        (lambda: relationship(duration=-1), "duration", ErrorCode.OUT_OF_RANGE),
        (lambda: relationship(duration="30"), "duration", ErrorCode.WRONG_TYPE),
        (lambda: relationship(duration=True), "duration", ErrorCode.WRONG_TYPE),
        (lambda: relationship(duration=1.5), "duration", ErrorCode.WRONG_TYPE),
        (lambda: relationship(duration=None), "duration", ErrorCode.WRONG_TYPE),
        (lambda: relationship(duration=0 * DAY), "duration", ErrorCode.OUT_OF_RANGE),
        (lambda: relationship(duration=731 * DAY), "duration", ErrorCode.OUT_OF_RANGE),
        (lambda: relationship(duration=-DAY), "duration", ErrorCode.OUT_OF_RANGE),
        (
            lambda: relationship(duration=dt.timedelta(days=1, hours=12)),
            "duration",
            ErrorCode.TOO_PRECISE,
        ),
        (
            lambda: relationship(duration=DAY - TICK),
            "duration",
            ErrorCode.TOO_PRECISE,
        ),
        (lambda: request(duration=0), "duration", ErrorCode.OUT_OF_RANGE),
        (lambda: request(duration=731), "duration", ErrorCode.OUT_OF_RANGE),
        # Roles: a non-empty collection of Entra roles or their display names.
        (
            lambda: relationship(roles=set(), grants=()),
            "roles",
            ErrorCode.EMPTY,
        ),
        (
            lambda: relationship(roles=[], grants=()),
            "roles",
            ErrorCode.EMPTY,
        ),
        (
            lambda: relationship(roles=UA, grants=()),
            "roles",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: relationship(roles="User administrator", grants=()),
            "roles",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: relationship(roles=5, grants=()),
            "roles",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: relationship(roles=[5], grants=()),
            "roles",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: relationship(roles=["Root"], grants=()),
            "roles",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (lambda: request(roles=()), "roles", ErrorCode.EMPTY),
        (lambda: request(roles=7), "roles", ErrorCode.WRONG_TYPE),
        # Names.
        (lambda: relationship(customer_id=" "), "customer_id", ErrorCode.EMPTY),
        (lambda: relationship(customer_id=None), "customer_id", ErrorCode.WRONG_TYPE),
        (
            lambda: relationship(customer_id=LONG),
            "customer_id",
            ErrorCode.TOO_LONG,
        ),
        (lambda: request(customer_id=""), "customer_id", ErrorCode.EMPTY),
        (
            lambda: request(customer_id=LONG),
            "customer_id",
            ErrorCode.TOO_LONG,
        ),
        (lambda: RoleGrant(group="", roles={HA}), "group", ErrorCode.EMPTY),
        (lambda: RoleGrant(group=3, roles={HA}), "group", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
        (
            lambda: RoleGrant(group=LONG, roles={HA}),
            "group",
            ErrorCode.TOO_LONG,
        ),
        (
            lambda: RoleGrant(group="Desk", roles=set()),
            "roles",
            ErrorCode.EMPTY,
        ),
        # Flags, instants and grants.
        (lambda: relationship(auto_extend=1), "auto_extend", ErrorCode.WRONG_TYPE),
        (lambda: request(auto_extend=None), "auto_extend", ErrorCode.WRONG_TYPE),
        (
            lambda: relationship(activated_at=NAIVE),
            "activated_at",
            ErrorCode.NAIVE_DATETIME,
        ),
        (lambda: request(created_at=NAIVE), "created_at", ErrorCode.NAIVE_DATETIME),
        (
            lambda: relationship(terminated_at=NAIVE),
            "terminated_at",
            ErrorCode.NAIVE_DATETIME,
        ),
        (
            lambda: relationship(terminated_at="2024-02-01"),
            "terminated_at",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: relationship(terminated_at=START - TICK),
            "terminated_at",
            ErrorCode.INCONSISTENT,
        ),
        (
            lambda: relationship(grants="Desk"),
            "grants",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: relationship(grants=3), "grants", ErrorCode.WRONG_TYPE),
        (
            lambda: relationship(grants=RoleGrant(group="x", roles={HA})),
            "grants",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: relationship(grants=[3]), "grants", ErrorCode.WRONG_TYPE),
        (
            lambda: ExpiryNotice(at=START, days_before=1, reason="soon"),  # type: ignore[arg-type]
            "reason",
            ErrorCode.WRONG_TYPE,
        ),
        # The instant of a question.
        (lambda: relationship().status_at(NAIVE), "at", ErrorCode.NAIVE_DATETIME),
        (lambda: relationship().current_end_at(NAIVE), "at", ErrorCode.NAIVE_DATETIME),
        (
            lambda: relationship().roles_for_groups({"Desk"}, at=NAIVE),
            "at",
            ErrorCode.NAIVE_DATETIME,
        ),
        (
            lambda: loose.GdapRelationship.current_end_at(relationship(), dt.date(2024, 1, 1)),
            "at",
            ErrorCode.WRONG_TYPE,
        ),
        # Groups of a partner user.
        (
            lambda: relationship().roles_for_groups("Desk", at=START),
            "groups",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.GdapRelationship.roles_for_groups(relationship(), None, at=START),
            "groups",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.GdapRelationship.roles_for_groups(relationship(), {3}, at=START),
            "group",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: relationship().roles_for_groups([""], at=START),
            "group",
            ErrorCode.EMPTY,
        ),
        # Operations.
        (
            lambda: loose.grant(3, "Ops", {UA}),
            "relationship",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: grant(relationship(), "", {UA}), "group", ErrorCode.EMPTY),
        (
            lambda: grant(relationship(), "Ops", set()),
            "roles",
            ErrorCode.EMPTY,
        ),
        (
            lambda: loose.terminate(None, at=START),
            "relationship",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: terminate(relationship(), at=NAIVE), "at", ErrorCode.NAIVE_DATETIME),
        (
            lambda: loose.approve("request", at=START),
            "request",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: approve(request(), at=NAIVE), "at", ErrorCode.NAIVE_DATETIME),
        (
            lambda: approve(request(), at=START - TICK),
            "at",
            ErrorCode.OUT_OF_ORDER,
        ),
        # DAP.
        (
            lambda: DapRelationship(customer_id="", established_at=START),
            "customer_id",
            ErrorCode.EMPTY,
        ),
        (
            lambda: DapRelationship(customer_id="c", established_at=NAIVE),
            "established_at",
            ErrorCode.NAIVE_DATETIME,
        ),
        (
            lambda: DapRelationship(customer_id="c", established_at=START, removed_at=NAIVE),
            "removed_at",
            ErrorCode.NAIVE_DATETIME,
        ),
        (
            lambda: loose.DapRelationship(customer_id="c", established_at=START, removed_at=3),
            "removed_at",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: DapRelationship(customer_id="c", established_at=START, removed_at=START - TICK),
            "removed_at",
            ErrorCode.INCONSISTENT,
        ),
        (
            lambda: DapRelationship(customer_id="c", established_at=START).active_at(NAIVE),
            "at",
            ErrorCode.NAIVE_DATETIME,
        ),
        # Effective roles.
        (
            lambda: effective_roles({"Desk"}, [relationship()], at=NAIVE),
            "at",
            ErrorCode.NAIVE_DATETIME,
        ),
        (
            lambda: effective_roles("Desk", [relationship()], at=START),
            "groups",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.effective_roles({"Desk"}, 3, at=START),
            "relationships",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.effective_roles({"Desk"}, "contoso", at=START),
            "relationships",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.effective_roles({"Desk"}, DAP, at=START),
            "relationships",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.effective_roles({"Desk"}, ["x"], at=START),
            "relationships",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: effective_roles(
                {"Desk"}, [relationship(), relationship(customer_id="fabrikam")], at=START
            ),
            "relationships",
            ErrorCode.NOT_ALLOWED,
        ),
        (
            lambda: effective_roles({"Desk"}, [relationship()], at=START, customer_id=" "),
            "customer_id",
            ErrorCode.EMPTY,
        ),
        (
            lambda: loose.effective_roles({"Desk"}, [relationship()], at=START, customer_id=3),
            "customer_id",
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


class TestDuration:
    @pytest.mark.parametrize(
        ("given", "days"),
        [(1, 1), (730, 730), (DAY, 1), (730 * DAY, 730), (3 * DAY, 3), (2, 2)],
    )
    def test_one_to_730_whole_days_are_accepted_as_ints_or_timedeltas(
        self, given: int | dt.timedelta, days: int
    ) -> None:
        rel = relationship(duration=given)
        assert (dt.timedelta(days=days), START + dt.timedelta(days=days)) == (rel.duration, rel.end_at)

    def test_a_request_keeps_its_duration_in_days(self) -> None:
        assert request(duration=730).duration == 730 * DAY
        assert request(duration=DAY).duration == DAY


class TestRules:
    @pytest.mark.parametrize(
        "make",
        [
            lambda: relationship(roles={GA, UA}, grants=(), auto_extend=True),
            lambda: request(roles=[UA, GA], auto_extend=True),
        ],
        ids=["relationship", "request"],
    )
    def test_auto_extend_with_global_administrator_is_refused_with_its_reason(
        self, make: Callable[[], object]
    ) -> None:
        with pytest.raises(AutoExtendNotAllowed) as caught:
            make()
        expected = ("auto_extend_not_allowed", (AUTO_EXTEND_REASON,))
        assert expected == (caught.value.code, caught.value.reasons)

    def test_global_administrator_without_auto_extend_is_allowed(self) -> None:
        assert frozenset({GA}) == relationship(roles={GA}, grants=()).roles
        assert frozenset({GA}) == request(roles={GA}).roles

    def test_auto_extend_without_global_administrator_is_allowed(self) -> None:
        assert relationship(auto_extend=True).auto_extend
        assert request(auto_extend=True).auto_extend

    def test_a_grant_outside_the_relationship_is_refused_naming_the_group_and_the_extra_roles(self) -> None:
        ok = RoleGrant(group="Desk", roles={HA})
        bad = RoleGrant(group="Ops", roles={HA, EntraRole.SECURITY_READER, GA})
        with pytest.raises(RoleNotApproved) as caught:
            relationship(grants=(ok, bad))
        expected = Reason(
            code="roles.gdap.role_not_approved",
            params={"group": "Ops", "roles": (GA, EntraRole.SECURITY_READER)},
            source=Source(document="gdap-assign-azure-ad-roles.md"),
        )
        assert ("role_not_approved", (expected,)) == (
            caught.value.code,
            caught.value.reasons,
        )

    def test_grant_refuses_an_unapproved_role_with_the_same_reason(self) -> None:
        with pytest.raises(RoleNotApproved) as caught:
            grant(relationship(), "Ops", [EntraRole.PRINTER_ADMINISTRATOR, EntraRole.GUEST_INVITER])
        assert (
            Reason(
                code="roles.gdap.role_not_approved",
                params={"group": "Ops", "roles": (EntraRole.GUEST_INVITER, EntraRole.PRINTER_ADMINISTRATOR)},
                source=Source(document="gdap-assign-azure-ad-roles.md"),
            ),
        ) == caught.value.reasons

    def test_grants_may_be_a_list_and_are_kept_as_a_tuple_in_order(self) -> None:
        first = RoleGrant(group="Desk", roles={HA})
        second = RoleGrant(group="Admins", roles=[EntraRole.USER_ADMINISTRATOR, HA])
        rel = relationship(grants=[first, second])
        assert (first, second) == rel.grants
        assert frozenset({UA, HA}) == second.roles

    def test_grant_adds_a_grant_after_the_existing_ones(self) -> None:
        rel = loose.grant(relationship(), "Ops", ["User administrator"])
        assert (
            RoleGrant(group="Desk", roles={HA}),
            RoleGrant(group="Ops", roles={UA}),
        ) == rel.grants
        assert relationship(grants=rel.grants) == rel

    def test_termination_at_the_activation_instant_is_allowed(self) -> None:
        rel = relationship(terminated_at=START)
        assert (rel.terminated_at, rel.status_at(START)) == (START, GdapStatus.TERMINATED)


class TestEnd:
    def test_the_end_is_the_activation_plus_the_duration_in_utc(self) -> None:
        tokyo = dt.datetime(2024, 3, 1, 9, tzinfo=dt.timezone(dt.timedelta(hours=9)))
        rel = relationship(activated_at=tokyo, duration=10)
        assert dt.datetime(2024, 3, 11, 0, tzinfo=dt.UTC) == rel.end_at

    @pytest.mark.parametrize(
        ("after_end", "periods"),
        [
            (-TICK, 0),
            (dt.timedelta(0), 1),
            (90 * DAY, 1),
            (180 * DAY - TICK, 1),
            (180 * DAY, 2),
            (400 * DAY, 3),
        ],
    )
    def test_auto_extend_rolls_the_end_forward_by_whole_periods_of_180_days(
        self, after_end: dt.timedelta, periods: int
    ) -> None:
        rel = relationship(duration=10, auto_extend=True)
        end = START + 10 * DAY
        assert end + 180 * DAY * periods == rel.current_end_at(end + after_end)

    @pytest.mark.parametrize("after_end", [-DAY, dt.timedelta(0), 90 * DAY, 400 * DAY])
    def test_without_auto_extend_the_end_never_moves(self, after_end: dt.timedelta) -> None:
        rel = relationship(duration=10)
        assert rel.current_end_at(START + 10 * DAY + after_end) == START + 10 * DAY

    @pytest.mark.parametrize("auto_extend", [True, False])
    def test_a_terminated_relationship_ends_at_its_termination_and_rolls_no_further(
        self, auto_extend: bool
    ) -> None:
        stopped = START + 200 * DAY
        east = dt.timezone(dt.timedelta(hours=2))
        rel = relationship(duration=10, auto_extend=auto_extend, terminated_at=stopped.astimezone(east))
        planned = START + 10 * DAY + (2 * 180 * DAY if auto_extend else dt.timedelta(0))
        assert rel.current_end_at(stopped - TICK) == planned  # still in force: the end then
        for later in (dt.timedelta(0), DAY, 4000 * DAY):
            end = rel.current_end_at(stopped + later)
            assert (end, end.utcoffset()) == (stopped, dt.timedelta(0))  # the termination, in UTC


class TestStatus:
    @pytest.mark.parametrize(
        ("at", "status"),
        [
            (START - TICK, GdapStatus.APPROVED),
            (START, GdapStatus.ACTIVE),
            (START + 60 * DAY - TICK, GdapStatus.ACTIVE),
            (START + 60 * DAY, GdapStatus.EXPIRING),
            (START + 83 * DAY, GdapStatus.EXPIRING),
            (START + 90 * DAY - TICK, GdapStatus.EXPIRING),
            (START + 90 * DAY, GdapStatus.EXPIRED),
            (START + 900 * DAY, GdapStatus.EXPIRED),
        ],
    )
    def test_a_90_day_relationship_is_expiring_in_its_last_30_days(
        self, at: dt.datetime, status: GdapStatus
    ) -> None:
        assert status == relationship(duration=90).status_at(at)

    @pytest.mark.parametrize(
        ("at", "status"),
        [
            (START - TICK, GdapStatus.APPROVED),
            (START + 89 * DAY, GdapStatus.ACTIVE),
            (START + 90 * DAY, GdapStatus.ACTIVE),
            (START + 900 * DAY, GdapStatus.ACTIVE),
        ],
    )
    def test_an_auto_extending_relationship_is_never_expiring_nor_expired(
        self, at: dt.datetime, status: GdapStatus
    ) -> None:
        assert status == relationship(duration=90, auto_extend=True).status_at(at)

    @pytest.mark.parametrize(
        ("at", "status"),
        [
            (START + 5 * DAY - TICK, GdapStatus.ACTIVE),
            (START + 5 * DAY, GdapStatus.TERMINATED),
            (START + 900 * DAY, GdapStatus.TERMINATED),
        ],
    )
    def test_termination_wins_from_its_instant_on(self, at: dt.datetime, status: GdapStatus) -> None:
        rel = relationship(duration=90, auto_extend=True, terminated_at=START + 5 * DAY)
        assert status == rel.status_at(at)


class TestNotices:
    def notices(self, rel: GdapRelationship, *days: int) -> tuple[ExpiryNotice, ...]:
        return tuple(
            ExpiryNotice(
                at=rel.end_at - d * DAY,
                days_before=d,
                reason=Reason(
                    code="roles.gdap.expiry_notice",
                    params={"customer": rel.customer_id, "days": d, "end": rel.end_at},
                    source=Source(document="gdap-expiring-notifications.md"),
                ),
            )
            for d in days
        )

    @pytest.mark.parametrize(
        ("duration", "days"),
        [(730, (30, 7, 1)), (30, (30, 7, 1)), (29, (7, 1)), (7, (7, 1)), (6, (1,)), (1, (1,))],
    )
    def test_notices_go_out_30_7_and_1_days_before_the_end_but_not_before_activation(
        self, duration: int, days: tuple[int, ...]
    ) -> None:
        rel = relationship(duration=duration, customer_id="fabrikam")
        assert self.notices(rel, *days) == rel.expiry_notices()

    def test_an_auto_extending_relationship_gets_no_notices(self) -> None:
        assert relationship(duration=30, auto_extend=True).expiry_notices() == ()


class TestRolesForGroups:
    def rel(self, **changes: object) -> GdapRelationship:
        grants = (
            RoleGrant(group="Desk", roles={HA}),
            RoleGrant(group="Admins", roles={UA}),
            RoleGrant(group="Desk", roles={EntraRole.SECURITY_READER}),
        )
        values: dict[str, object] = {
            "roles": {UA, HA, EntraRole.SECURITY_READER},
            "grants": grants,
            "duration": 90,
        }
        values.update(changes)
        return relationship(**values)

    @pytest.mark.parametrize(
        ("groups", "roles"),
        [
            ({"Desk"}, {HA, EntraRole.SECURITY_READER}),
            (["Admins"], {UA}),
            (("Desk", "Admins"), {HA, UA, EntraRole.SECURITY_READER}),
            ({"Sales"}, set()),
            ((), set()),
        ],
    )
    def test_a_user_gets_the_union_of_the_grants_to_their_groups(
        self, groups: object, roles: set[EntraRole]
    ) -> None:
        assert frozenset(roles) == self.rel().roles_for_groups(groups, at=START)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        ("at", "roles"),
        [
            (START - TICK, set()),
            (START, {HA, EntraRole.SECURITY_READER}),
            (START + 89 * DAY, {HA, EntraRole.SECURITY_READER}),
            (START + 90 * DAY, set()),
        ],
    )
    def test_roles_apply_while_active_or_expiring_only(self, at: dt.datetime, roles: set[EntraRole]) -> None:
        assert frozenset(roles) == self.rel().roles_for_groups({"Desk"}, at=at)


class TestTerminate:
    def test_terminating_an_active_or_expiring_relationship_records_the_instant(self) -> None:
        for at in (START, START + 89 * DAY):
            ended = terminate(relationship(), at=at)
            assert ended == relationship(terminated_at=at)

    @pytest.mark.parametrize(
        ("rel", "at", "status"),
        [
            (relationship(), START - TICK, GdapStatus.APPROVED),
            (relationship(), START + 90 * DAY, GdapStatus.EXPIRED),
            (relationship(terminated_at=START + DAY), START + DAY, GdapStatus.TERMINATED),
        ],
    )
    def test_a_relationship_that_grants_no_access_cannot_be_terminated(
        self, rel: GdapRelationship, at: dt.datetime, status: GdapStatus
    ) -> None:
        with pytest.raises(RelationshipNotActive) as caught:
            terminate(rel, at=at)
        expected = Reason(
            code="roles.gdap.not_active",
            params={"customer": "contoso", "status": status},
            source=Source(document="gdap-partner-terminate.md"),
        )
        assert ("relationship_not_active", (expected,)) == (
            caught.value.code,
            caught.value.reasons,
        )


class TestApprove:
    @pytest.mark.parametrize("after", [dt.timedelta(0), DAY, 90 * DAY - TICK])
    def test_approval_within_90_days_activates_the_requested_relationship_then(
        self, after: dt.timedelta
    ) -> None:
        req = request(customer_id="fabrikam", roles={UA, HA}, duration=45, auto_extend=True)
        expected = GdapRelationship(
            customer_id="fabrikam", roles={UA, HA}, duration=45, activated_at=START + after, auto_extend=True
        )
        assert expected == approve(req, at=START + after)

    def test_approval_keeps_auto_extend_off_when_not_requested(self) -> None:
        assert not approve(request(), at=START).auto_extend

    @pytest.mark.parametrize("after", [90 * DAY, 91 * DAY, 900 * DAY])
    def test_approval_from_the_90th_day_on_is_refused_with_its_reason(self, after: dt.timedelta) -> None:
        req = request(customer_id="fabrikam")
        with pytest.raises(RequestExpired) as caught:
            approve(req, at=START + after)
        expected = Reason(
            code="roles.gdap.request_expired",
            params={"customer": "fabrikam", "expired": START + 90 * DAY},
            source=Source(document="gdap-faq.md", section="Setting up GDAP"),
        )
        assert ("request_expired", (expected,)) == (
            caught.value.code,
            caught.value.reasons,
        )


class TestDap:
    @pytest.mark.parametrize(
        ("removed_at", "at", "active"),
        [
            (None, START - TICK, False),
            (None, START, True),
            (None, START + 9000 * DAY, True),
            (START + DAY, START + DAY - TICK, True),
            (START + DAY, START + DAY, False),
            (START, START, False),
        ],
    )
    def test_dap_is_in_force_from_its_start_until_its_removal(
        self, removed_at: dt.datetime | None, at: dt.datetime, active: bool
    ) -> None:
        dap = DapRelationship(customer_id="c", established_at=START, removed_at=removed_at)
        assert active is dap.active_at(at)


GDAP_SOURCE = Source(document="gdap-faq.md", section="Roles")
DAP_SOURCE = Source(document="customers-revoke-admin-privileges.md")
NONE = EffectiveRoles(
    roles=frozenset(),
    via="none",
    reasons=(
        Reason(
            code="roles.gdap.effective_none",
            params={},
            source=Source(document="gdap-assign-azure-ad-roles.md"),
        ),
    ),
)


def via_gdap(*roles: EntraRole) -> EffectiveRoles:
    return EffectiveRoles(
        roles=frozenset(roles),
        via="gdap",
        reasons=(Reason(code="roles.gdap.effective_gdap", params={"roles": roles}, source=GDAP_SOURCE),),
    )


def via_dap(*roles: EntraRole) -> EffectiveRoles:
    return EffectiveRoles(
        roles=frozenset(roles),
        via="dap",
        reasons=(Reason(code="roles.gdap.effective_dap", params={"roles": roles}, source=DAP_SOURCE),),
    )


class TestEffectiveRoles:
    def test_gdap_roles_of_several_relationships_add_up_in_entra_order(self) -> None:
        first = relationship(roles={UA, HA}, grants=(RoleGrant(group="Desk", roles={UA, HA}),))
        second = relationship(roles={GA}, grants=(RoleGrant(group="Ops", roles={GA}),))
        assert via_gdap(GA, HA, UA) == effective_roles({"Desk", "Ops"}, [first, second], at=START)

    def test_a_relationship_that_grants_nothing_does_not_erase_earlier_ones(self) -> None:
        granting = relationship()
        silent = relationship(grants=())
        assert via_gdap(HA) == effective_roles({"Desk"}, [granting, silent], at=START)
        assert via_gdap(HA) == effective_roles({"Desk"}, [silent, granting], at=START)

    def test_gdap_takes_precedence_over_dap(self) -> None:
        assert via_gdap(HA) == effective_roles({"Desk", ADMIN_AGENTS}, [DAP, relationship()], at=START)

    def test_dap_maps_both_agent_groups_when_gdap_grants_nothing(self) -> None:
        groups = {"Desk", ADMIN_AGENTS, HELPDESK_AGENTS}
        expired = START + 90 * DAY
        assert via_dap(GA, HA) == effective_roles(groups, [relationship(), DAP], at=expired)

    @pytest.mark.parametrize(
        ("groups", "expected"),
        [
            ({ADMIN_AGENTS}, via_dap(GA)),
            ({HELPDESK_AGENTS}, via_dap(HA)),
            ({"Desk"}, NONE),
            (set(), NONE),
        ],
    )
    def test_dap_maps_only_its_two_groups(self, groups: set[str], expected: EffectiveRoles) -> None:
        assert expected == effective_roles(groups, [DAP], at=START)

    @pytest.mark.parametrize(
        "relationships",
        [
            [],
            [DapRelationship(customer_id="contoso", established_at=START + DAY)],
            [DapRelationship(customer_id="contoso", established_at=START - DAY, removed_at=START)],
            [relationship(duration=1, activated_at=START - DAY)],
        ],
    )
    def test_nothing_in_force_grants_nothing(
        self, relationships: list[GdapRelationship | DapRelationship]
    ) -> None:
        assert effective_roles({ADMIN_AGENTS, "Desk"}, relationships, at=START) == NONE

    def test_customer_id_picks_the_relationships_of_one_customer(self) -> None:
        contoso_gdap = relationship()
        fabrikam_dap = DapRelationship(customer_id="fabrikam", established_at=START)
        fabrikam_gdap = relationship(customer_id="fabrikam", grants=(RoleGrant(group="Desk", roles={UA}),))
        everything: list[GdapRelationship | DapRelationship] = [contoso_gdap, fabrikam_dap, fabrikam_gdap]
        groups = {"Desk", ADMIN_AGENTS}
        assert via_gdap(HA) == effective_roles(groups, everything, at=START, customer_id="contoso")
        assert via_gdap(UA) == effective_roles(groups, everything, at=START, customer_id="fabrikam")
        assert via_dap(GA) == effective_roles(groups, everything[:2], at=START, customer_id="fabrikam")
        assert effective_roles(groups, everything, at=START, customer_id="northwind") == NONE

    def test_one_customer_needs_no_customer_id(self) -> None:
        assert via_gdap(HA) == effective_roles({"Desk"}, (relationship(), DAP), at=START)

    def test_the_answer_supports_membership_and_truth(self) -> None:
        found = effective_roles({"Desk"}, [relationship()], at=START)
        assert (HA in found, UA in found, bool(found)) == (True, False, True)
        assert (HA in NONE, bool(NONE)) == (False, False)
