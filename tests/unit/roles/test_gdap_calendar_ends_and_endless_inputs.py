"""GDAP arithmetic at years 1 and 9999, and endless collections, end in InvalidInput or the right answer."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import TYPE_CHECKING, Any

import pytest

from cspcore import InvalidInput
from cspcore.roles import (
    AUTO_EXTEND,
    DapRelationship,
    EntraRole,
    GdapRelationship,
    GdapRequest,
    GdapStatus,
    PartnerRole,
    RoleGrant,
    Task,
    approve,
    can,
    effective_roles,
    grant,
    least_privileged,
)

if TYPE_CHECKING:
    from collections.abc import Callable

UTC = dt.UTC
EAST = dt.timezone(dt.timedelta(hours=14))
WEST = dt.timezone(dt.timedelta(hours=-12))
ROLE = EntraRole.USER_ADMINISTRATOR
START = dt.datetime(2024, 1, 1, tzinfo=UTC)
REL = GdapRelationship(
    customer_id="c",
    roles={ROLE},
    duration=30,
    activated_at=START,
    grants=(RoleGrant(group="Desk", roles={ROLE}),),
)


def _field(call: Callable[[], object]) -> str:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value.field


@pytest.mark.parametrize(
    "activated_at",
    [
        dt.datetime.max.replace(tzinfo=UTC),
        dt.datetime(9999, 12, 15, tzinfo=UTC),  # 30 days later is past year 9999
        dt.datetime.max.replace(tzinfo=WEST),  # after year 9999 in UTC
        dt.datetime.min.replace(tzinfo=EAST),  # before year 1 in UTC
    ],
)
def test_a_relationship_whose_end_or_start_leaves_the_calendar_is_refused(activated_at: dt.datetime) -> None:
    assert (
        _field(
            lambda: GdapRelationship(customer_id="c", roles={ROLE}, duration=30, activated_at=activated_at)
        )
        == "activated_at"
    )


def test_the_last_relationship_that_fits_works() -> None:
    end = dt.datetime.max.replace(tzinfo=UTC)
    rel = GdapRelationship(
        customer_id="c", roles={ROLE}, duration=730, activated_at=end - dt.timedelta(days=730)
    )
    assert rel.end_at == end
    assert rel.status_at(end - dt.timedelta(microseconds=1)) is GdapStatus.EXPIRING
    assert rel.status_at(end) is GdapStatus.EXPIRED
    assert [notice.days_before for notice in rel.expiry_notices()] == [30, 7, 1]


def test_a_relationship_from_the_first_instant_expires_and_notifies_without_overflow() -> None:
    first = dt.datetime.min.replace(tzinfo=UTC)
    rel = GdapRelationship(customer_id="c", roles={ROLE}, duration=1, activated_at=first)
    assert rel.status_at(first) is GdapStatus.EXPIRING  # its end is less than 30 days away
    assert rel.status_at(first + dt.timedelta(days=1)) is GdapStatus.EXPIRED
    assert [(n.days_before, n.at) for n in rel.expiry_notices()] == [(1, first)]


def test_an_auto_extended_end_past_year_9999_is_refused_naming_at() -> None:
    rel = GdapRelationship(customer_id="c", roles={ROLE}, duration=30, activated_at=START, auto_extend=True)
    late = dt.datetime.max.replace(tzinfo=UTC)
    assert _field(lambda: rel.current_end_at(late)) == "at"
    earlier = dt.datetime(9999, 1, 1, tzinfo=UTC)
    end = rel.current_end_at(earlier)
    assert end > earlier
    assert (end - rel.end_at) % AUTO_EXTEND == dt.timedelta(0)


@pytest.mark.parametrize("at", [dt.datetime.min.replace(tzinfo=EAST), dt.datetime.max.replace(tzinfo=WEST)])
def test_an_instant_outside_the_calendar_in_utc_is_refused_naming_at(at: dt.datetime) -> None:
    dap = DapRelationship(customer_id="c", established_at=START)
    for call in (
        lambda: REL.status_at(at),
        lambda: REL.current_end_at(at),
        lambda: REL.roles_for_groups({"Desk"}, at=at),
        lambda: dap.active_at(at),
        lambda: effective_roles({"Desk"}, [], at=at),
        lambda: approve(GdapRequest(customer_id="c", roles={ROLE}, duration=30, created_at=START), at=at),
    ):
        assert _field(call) == "at"
    assert (
        _field(
            lambda: GdapRelationship(
                customer_id="c", roles={ROLE}, duration=30, activated_at=START, terminated_at=at
            )
        )
        == "terminated_at"
    )
    assert _field(lambda: DapRelationship(customer_id="c", established_at=at)) == "established_at"
    assert (
        _field(lambda: DapRelationship(customer_id="c", established_at=START, removed_at=at)) == "removed_at"
    )


def test_requests_and_approvals_near_year_9999() -> None:
    late = dt.datetime(9999, 11, 1, tzinfo=UTC)
    assert (
        _field(lambda: GdapRequest(customer_id="c", roles={ROLE}, duration=30, created_at=late))
        == "created_at"
    )
    request = GdapRequest(
        customer_id="c", roles={ROLE}, duration=730, created_at=dt.datetime(9999, 1, 1, tzinfo=UTC)
    )
    assert _field(lambda: approve(request, at=dt.datetime(9999, 1, 2, tzinfo=UTC))) == "at"


ENDLESS: list[tuple[str, Callable[[], Any]]] = [
    ("roles", lambda: can(itertools.repeat(PartnerRole.GLOBAL_ADMIN), Task.VIEW_INVOICES)),
    ("tasks", lambda: least_privileged(itertools.repeat(Task.VIEW_INVOICES))),
    (
        "roles",
        lambda: GdapRelationship(
            customer_id="c", roles=itertools.repeat(ROLE), duration=30, activated_at=START
        ),
    ),
    (
        "grants",
        lambda: GdapRelationship(
            customer_id="c",
            roles={ROLE},
            duration=30,
            activated_at=START,
            grants=itertools.repeat(REL.grants[0]),
        ),
    ),
    ("roles", lambda: RoleGrant(group="g", roles=itertools.repeat(ROLE))),
    ("roles", lambda: grant(REL, "g", itertools.repeat(ROLE))),
    (
        "roles",
        lambda: GdapRequest(customer_id="c", roles=itertools.repeat(ROLE), duration=30, created_at=START),
    ),
    ("groups", lambda: REL.roles_for_groups(itertools.repeat("Desk"), at=START)),
    ("groups", lambda: effective_roles(itertools.repeat("Desk"), [REL], at=START)),
    ("relationships", lambda: effective_roles({"Desk"}, itertools.repeat(REL), at=START)),
]


@pytest.mark.parametrize(("field", "call"), ENDLESS)
def test_an_endless_collection_is_refused_naming_its_field(field: str, call: Callable[[], Any]) -> None:
    assert _field(call) == field


def test_finite_generators_still_work() -> None:
    assert can((r for r in [PartnerRole.GLOBAL_ADMIN]), Task.VIEW_INVOICES).is_allowed
    assert GdapRelationship(
        customer_id="c", roles=(r for r in [ROLE]), duration=30, activated_at=START
    ).roles == frozenset({ROLE})
    assert effective_roles((g for g in ["Desk"]), (r for r in [REL]), at=START).roles == frozenset({ROLE})
