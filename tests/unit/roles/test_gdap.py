from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode
from cspcore.roles import (
    ADMIN_AGENTS,
    HELPDESK_AGENTS,
    AutoExtendNotAllowed,
    DapRelationship,
    EntraRole,
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

START = dt.datetime(2024, 1, 31, 9, 30, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
NEW_YORK = ZoneInfo("America/New_York")


def relationship(**changes: object) -> GdapRelationship:
    values: dict[str, object] = {
        "customer_id": "contoso",
        "roles": {EntraRole.USER_ADMINISTRATOR, EntraRole.HELPDESK_ADMINISTRATOR},
        "duration": 730,
        "activated_at": START,
        "grants": (RoleGrant(group="Desk", roles={EntraRole.HELPDESK_ADMINISTRATOR}),),
    }
    values.update(changes)
    return GdapRelationship(**values)  # type: ignore[arg-type]


class TestDuration:
    @pytest.mark.parametrize("days", [1, 730, dt.timedelta(days=90)])
    def test_one_to_730_days_are_accepted(self, days: int | dt.timedelta) -> None:
        rel = relationship(duration=days)
        assert START + (days if isinstance(days, dt.timedelta) else dt.timedelta(days=days)) == rel.end_at

    @pytest.mark.parametrize(
        ("days", "code"),
        [
            (0, ErrorCode.OUT_OF_RANGE),
            (731, ErrorCode.OUT_OF_RANGE),
            (-1, ErrorCode.OUT_OF_RANGE),
            (1.5, ErrorCode.WRONG_TYPE),
            ("30", ErrorCode.WRONG_TYPE),
            (True, ErrorCode.WRONG_TYPE),
            (dt.timedelta(hours=36), ErrorCode.TOO_PRECISE),
        ],
    )
    def test_other_durations_are_invalid_input(self, days: object, code: ErrorCode) -> None:
        with raises_invalid(field="duration", code=code):
            relationship(duration=days)

    def test_the_end_of_a_leap_day_relationship(self) -> None:
        rel = relationship(activated_at=dt.datetime(2024, 2, 29, tzinfo=dt.UTC), duration=365)
        assert dt.datetime(2025, 2, 28, tzinfo=dt.UTC) == rel.end_at


class TestValidation:
    def test_naive_activation_is_refused(self) -> None:
        with raises_invalid(field="activated_at", code=ErrorCode.NAIVE_DATETIME):
            relationship(activated_at=dt.datetime(2024, 1, 1))  # noqa: DTZ001 - the point of the test

    @pytest.mark.parametrize(
        ("roles", "code"),
        [
            (set(), ErrorCode.EMPTY),
            ("User administrator", ErrorCode.WRONG_TYPE),
            (EntraRole.USER_ADMINISTRATOR, ErrorCode.WRONG_TYPE),
            (5, ErrorCode.WRONG_TYPE),
        ],
    )
    def test_roles_must_be_a_non_empty_collection(self, roles: object, code: ErrorCode) -> None:
        with raises_invalid(field="roles", code=code):
            relationship(roles=roles, grants=())

    def test_roles_may_be_display_names(self) -> None:
        assert {EntraRole.GLOBAL_READER} == relationship(roles=["global READER"], grants=()).roles

    def test_customer_must_be_named(self) -> None:
        with raises_invalid(field="customer_id", code=ErrorCode.EMPTY):
            relationship(customer_id=" ")

    def test_termination_before_activation_is_refused(self) -> None:
        with raises_invalid(field="terminated_at", code=ErrorCode.INCONSISTENT):
            relationship(terminated_at=START - DAY)

    @pytest.mark.parametrize(
        "grants",
        ["Desk", b"Desk", [3], RoleGrant(group="x", roles={EntraRole.GLOBAL_READER}), {}, {"Desk": "x"}],
        ids=repr,
    )
    def test_grants_must_be_role_grants(self, grants: object) -> None:
        with raises_invalid(field="grants", code=ErrorCode.WRONG_TYPE):
            relationship(grants=grants)


class TestAutoExtend:
    def test_auto_extend_is_refused_with_global_administrator(self) -> None:
        with pytest.raises(AutoExtendNotAllowed) as caught:
            relationship(roles={EntraRole.GLOBAL_ADMINISTRATOR}, grants=(), auto_extend=True)
        assert caught.value.reasons[0].code == "roles.gdap.auto_extend_global_admin"

    def test_auto_extend_rolls_the_end_forward_by_180_days(self) -> None:
        rel = relationship(duration=10, auto_extend=True)
        assert rel.end_at == rel.current_end_at(START)
        assert rel.end_at + 180 * DAY == rel.current_end_at(rel.end_at)
        assert rel.end_at + 360 * DAY == rel.current_end_at(rel.end_at + 200 * DAY)
        assert rel.status_at(rel.end_at + 1000 * DAY) == GdapStatus.ACTIVE

    def test_without_auto_extend_the_end_stays(self) -> None:
        rel = relationship(duration=10)
        assert rel.end_at == rel.current_end_at(rel.end_at + 50 * DAY)

    def test_auto_extend_gets_no_expiry_notices(self) -> None:
        assert relationship(auto_extend=True).expiry_notices() == ()


class TestStatus:
    def test_the_lifecycle_of_a_90_day_relationship(self) -> None:
        rel = relationship(duration=90)
        assert rel.status_at(START - DAY) == GdapStatus.APPROVED
        assert rel.status_at(START) == GdapStatus.ACTIVE
        assert rel.status_at(rel.end_at - 30 * DAY - dt.timedelta(seconds=1)) == GdapStatus.ACTIVE
        assert rel.status_at(rel.end_at - 30 * DAY) == GdapStatus.EXPIRING
        assert rel.status_at(rel.end_at - dt.timedelta(seconds=1)) == GdapStatus.EXPIRING
        assert rel.status_at(rel.end_at) == GdapStatus.EXPIRED

    def test_termination_ends_access_at_once(self) -> None:
        rel = terminate(relationship(), at=START + DAY)
        assert rel.status_at(START) == GdapStatus.ACTIVE
        assert rel.status_at(START + DAY) == GdapStatus.TERMINATED

    def test_an_expired_relationship_cannot_be_terminated(self) -> None:
        rel = relationship(duration=1)
        with pytest.raises(RelationshipNotActive) as caught:
            terminate(rel, at=START + 2 * DAY)
        assert caught.value.reasons[0].code == "roles.gdap.not_active"

    def test_status_needs_an_aware_instant(self) -> None:
        with raises_invalid(field="at", code=ErrorCode.NAIVE_DATETIME):
            relationship().status_at(dt.datetime(2024, 1, 1))  # noqa: DTZ001 - the point of the test


class TestNotices:
    def test_notices_go_out_30_7_and_1_days_before_the_end(self) -> None:
        rel = relationship(duration=365)
        notices = rel.expiry_notices()
        assert [n.days_before for n in notices] == [30, 7, 1]
        assert [rel.end_at - d * DAY for d in (30, 7, 1)] == [n.at for n in notices]
        assert notices[0].reason.code == "roles.gdap.expiry_notice"

    def test_a_one_day_relationship_gets_only_the_last_notice(self) -> None:
        assert [n.days_before for n in relationship(duration=1).expiry_notices()] == [1]


class TestGrants:
    def test_granting_an_unapproved_role_is_refused(self) -> None:
        with pytest.raises(RoleNotApproved) as caught:
            grant(relationship(), "Ops", {EntraRole.GLOBAL_ADMINISTRATOR})
        assert caught.value.reasons[0].code == "roles.gdap.role_not_approved"

    def test_a_grant_reaches_members_of_that_group_only(self) -> None:
        rel = grant(relationship(), "Ops", {EntraRole.USER_ADMINISTRATOR})
        assert {EntraRole.USER_ADMINISTRATOR} == rel.roles_for_groups({"Ops"}, at=START)
        assert frozenset() == rel.roles_for_groups({"Sales"}, at=START)

    def test_groups_must_be_a_collection_of_names(self) -> None:
        with raises_invalid(field="groups", code=ErrorCode.WRONG_TYPE):
            relationship().roles_for_groups("Desk", at=START)


class TestRequests:
    def request(self, **changes: object) -> GdapRequest:
        values: dict[str, object] = {
            "customer_id": "contoso",
            "roles": {EntraRole.DIRECTORY_READERS},
            "duration": 30,
            "created_at": START,
        }
        values.update(changes)
        return GdapRequest(**values)  # type: ignore[arg-type]

    def test_a_request_approved_within_90_days_becomes_active_then(self) -> None:
        rel = approve(self.request(), at=START + 89 * DAY)
        assert (rel.activated_at, rel.end_at) == (START + 89 * DAY, START + 119 * DAY)

    def test_a_request_expires_after_90_days(self) -> None:
        with pytest.raises(RequestExpired) as caught:
            approve(self.request(), at=START + 90 * DAY)
        assert caught.value.reasons[0].code == "roles.gdap.request_expired"

    def test_approval_before_the_request_is_invalid(self) -> None:
        with raises_invalid(field="at", code=ErrorCode.OUT_OF_ORDER):
            approve(self.request(), at=START - DAY)

    def test_requests_refuse_auto_extend_with_global_administrator(self) -> None:
        with pytest.raises(AutoExtendNotAllowed):
            self.request(roles={EntraRole.GLOBAL_ADMINISTRATOR}, auto_extend=True)


class TestEffectiveRoles:
    def test_gdap_takes_precedence_over_dap(self) -> None:
        found = effective_roles(
            {"Desk", ADMIN_AGENTS},
            [relationship(), DapRelationship(customer_id="contoso", established_at=START)],
            at=START,
        )
        assert ("gdap", frozenset({EntraRole.HELPDESK_ADMINISTRATOR})) == (found.via, found.roles)
        assert EntraRole.HELPDESK_ADMINISTRATOR in found
        assert found.reasons[0].code == "roles.gdap.effective_gdap"

    @pytest.mark.parametrize(
        ("group", "role"),
        [(ADMIN_AGENTS, EntraRole.GLOBAL_ADMINISTRATOR), (HELPDESK_AGENTS, EntraRole.HELPDESK_ADMINISTRATOR)],
    )
    def test_legacy_dap_maps_its_groups(self, group: str, role: EntraRole) -> None:
        found = effective_roles(
            {group}, [DapRelationship(customer_id="contoso", established_at=START)], at=START
        )
        assert ("dap", frozenset({role})) == (found.via, found.roles)

    def test_removed_dap_grants_nothing(self) -> None:
        dap = DapRelationship(customer_id="contoso", established_at=START, removed_at=START + DAY)
        found = effective_roles({ADMIN_AGENTS}, [dap], at=START + DAY)
        assert ("none", frozenset()) == (found.via, found.roles)
        assert not found

    def test_an_expired_gdap_relationship_grants_nothing(self) -> None:
        rel = relationship(duration=5)
        assert not effective_roles({"Desk"}, [rel], at=rel.end_at)

    def test_several_customers_need_a_customer_id(self) -> None:
        other = relationship(customer_id="fabrikam")
        with raises_invalid(field="relationships", code=ErrorCode.NOT_ALLOWED):
            effective_roles({"Desk"}, [relationship(), other], at=START)
        assert effective_roles({"Desk"}, [relationship(), other], at=START, customer_id="fabrikam")

    @pytest.mark.parametrize(
        "relationships", [relationship(), ["x"], 3, b"", {}, {"contoso": relationship()}], ids=repr
    )
    def test_relationships_must_be_a_collection_of_relationships(self, relationships: object) -> None:
        with raises_invalid(field="relationships", code=ErrorCode.WRONG_TYPE):
            effective_roles({"Desk"}, relationships, at=START)  # type: ignore[arg-type]

    def test_dap_removal_before_establishment_is_refused(self) -> None:
        with raises_invalid(field="removed_at", code=ErrorCode.INCONSISTENT):
            DapRelationship(customer_id="contoso", established_at=START, removed_at=START - DAY)


def test_days_are_elapsed_days_across_a_daylight_saving_change() -> None:
    prague = dt.datetime(2024, 3, 30, 12, tzinfo=ZoneInfo("Europe/Prague"))
    rel = relationship(activated_at=prague, duration=1)
    assert dt.timedelta(hours=24) == rel.end_at - prague
    assert rel.end_at.tzinfo == dt.UTC
    assert (
        rel.status_at(dt.datetime(2024, 3, 31, 12, 30, tzinfo=ZoneInfo("Europe/Prague")))
        == GdapStatus.EXPIRING
    )


class TestInstantsInTheRepeatedHour:
    """Times in one zone are compared as instants, not wall clocks (PEP 495 ``fold``).

    On 2007-11-04 New York's clocks fell back from 02:00 EDT to 01:00 EST, so 01:10 EST (the second
    pass, ``fold=1``, 06:10 UTC) is 20 minutes *after* 01:50 EDT (the first pass, 05:50 UTC).
    """

    EDT_0150 = dt.datetime(2007, 11, 4, 1, 50, tzinfo=NEW_YORK)
    EST_0110 = dt.datetime(2007, 11, 4, 1, 10, fold=1, tzinfo=NEW_YORK)

    def test_a_relationship_may_be_terminated_in_the_second_pass_after_activation_in_the_first(self) -> None:
        rel = relationship(activated_at=self.EDT_0150, terminated_at=self.EST_0110)
        assert rel.terminated_at is self.EST_0110

    def test_a_relationship_is_active_in_the_second_pass_after_activation_in_the_first(self) -> None:
        rel = relationship(activated_at=self.EDT_0150)
        assert rel.status_at(self.EST_0110) == GdapStatus.ACTIVE
        assert {EntraRole.HELPDESK_ADMINISTRATOR} == rel.roles_for_groups({"Desk"}, at=self.EST_0110)

    def test_a_relationship_is_not_terminated_before_its_termination_in_the_second_pass(self) -> None:
        rel = relationship(activated_at=self.EDT_0150 - 10 * DAY, terminated_at=self.EST_0110)
        assert rel.status_at(self.EDT_0150) == GdapStatus.ACTIVE
        assert rel.status_at(self.EST_0110) == GdapStatus.TERMINATED

    def test_a_request_may_be_approved_in_the_second_pass_after_creation_in_the_first(self) -> None:
        request = GdapRequest(
            customer_id="contoso", roles={EntraRole.DIRECTORY_READERS}, duration=30, created_at=self.EDT_0150
        )
        assert approve(request, at=self.EST_0110).activated_at is self.EST_0110

    def test_a_dap_relationship_removed_in_the_second_pass_after_it_began_in_the_first_is_valid(self) -> None:
        dap = DapRelationship(customer_id="contoso", established_at=self.EDT_0150, removed_at=self.EST_0110)
        assert dap.active_at(self.EDT_0150 + dt.timedelta(minutes=5))

    def test_a_dap_relationship_is_in_force_until_its_removal_in_the_second_pass(self) -> None:
        dap = DapRelationship(
            customer_id="contoso", established_at=self.EDT_0150 - 10 * DAY, removed_at=self.EST_0110
        )
        assert dap.active_at(self.EDT_0150)
        assert not dap.active_at(self.EST_0110)

    def test_a_dap_relationship_established_in_the_first_pass_is_in_force_in_the_second(self) -> None:
        dap = DapRelationship(customer_id="contoso", established_at=self.EDT_0150)
        assert dap.active_at(self.EST_0110)
        assert effective_roles({ADMIN_AGENTS}, [dap], at=self.EST_0110).via == "dap"
