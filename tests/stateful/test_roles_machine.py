"""A GDAP relationship's lifecycle, driven step by step against a plain-dict oracle."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from cspcore.roles import (
    EntraRole,
    GdapRelationship,
    GdapRequest,
    GdapStatus,
    RelationshipNotActive,
    RequestExpired,
    approve,
    grant,
    terminate,
)

START = dt.datetime(2024, 1, 31, 12, tzinfo=dt.UTC)
ROLES = (EntraRole.USER_ADMINISTRATOR, EntraRole.HELPDESK_ADMINISTRATOR, EntraRole.DIRECTORY_READERS)


class RelationshipLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.now = START
        self.request: GdapRequest | None = None
        self.relationship: GdapRelationship | None = None
        # The oracle: plain facts and a hand-written status rule.
        self.oracle: dict[str, object] = {"grants": {}}

    @precondition(lambda self: self.request is None)
    @rule(days=st.integers(min_value=1, max_value=730), auto_extend=st.booleans())
    def send_request(self, days: int, auto_extend: bool) -> None:
        self.request = GdapRequest(
            customer_id="contoso", roles=ROLES, duration=days, created_at=self.now, auto_extend=auto_extend
        )
        self.oracle.update(requested=self.now, days=days, auto_extend=auto_extend)

    @rule(hours=st.integers(min_value=1, max_value=24 * 200))
    def wait(self, hours: int) -> None:
        self.now += dt.timedelta(hours=hours)

    @precondition(lambda self: self.request is not None and self.relationship is None)
    @rule()
    def customer_approves(self) -> None:
        assert self.request is not None
        requested = self.oracle["requested"]
        assert isinstance(requested, dt.datetime)
        if self.now - requested >= dt.timedelta(days=90):
            with pytest.raises(RequestExpired):
                approve(self.request, at=self.now)
            self.request = None
            return
        self.relationship = approve(self.request, at=self.now)
        self.oracle["activated"] = self.now

    @precondition(lambda self: self.relationship is not None)
    @rule(group=st.sampled_from(("Desk", "Ops")), role=st.sampled_from(ROLES))
    def grant_a_role(self, group: str, role: EntraRole) -> None:
        assert self.relationship is not None
        self.relationship = grant(self.relationship, group, {role})
        grants = self.oracle["grants"]
        assert isinstance(grants, dict)
        grants.setdefault(group, set()).add(role)

    @precondition(lambda self: self.relationship is not None)
    @rule()
    def partner_terminates(self) -> None:
        assert self.relationship is not None
        if self.expected_status() in {"active", "expiring"}:
            self.relationship = terminate(self.relationship, at=self.now)
            self.oracle["terminated"] = self.now
        else:
            with pytest.raises(RelationshipNotActive):
                terminate(self.relationship, at=self.now)

    def expected_status(self) -> str:
        activated = self.oracle["activated"]
        assert isinstance(activated, dt.datetime)
        if "terminated" in self.oracle:
            return "terminated"
        if self.oracle["auto_extend"]:
            return "active"
        days = self.oracle["days"]
        assert isinstance(days, int)
        left = activated + dt.timedelta(days=days) - self.now
        if left <= dt.timedelta(0):
            return "expired"
        return "expiring" if left <= dt.timedelta(days=30) else "active"

    @invariant()
    def status_matches_the_oracle(self) -> None:
        if self.relationship is not None:
            assert GdapStatus(self.expected_status()) == self.relationship.status_at(self.now)

    @invariant()
    def roles_reach_groups_only_while_active(self) -> None:
        if self.relationship is None:
            return
        grants = self.oracle["grants"]
        assert isinstance(grants, dict)
        expected = (
            set().union(*grants.values()) if self.expected_status() in {"active", "expiring"} else set()
        )
        assert expected == self.relationship.roles_for_groups({"Desk", "Ops"}, at=self.now)

    @invariant()
    def notices_fall_before_the_end(self) -> None:
        if self.relationship is not None:
            for notice in self.relationship.expiry_notices():
                assert self.relationship.activated_at <= notice.at < self.relationship.end_at


TestRelationshipLifecycle = RelationshipLifecycle.TestCase
TestRelationshipLifecycle.settings = settings(stateful_step_count=10, max_examples=150)
