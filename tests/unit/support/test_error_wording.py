"""The English wording of each kind of refusal in roles and support, pinned once.

Every other roles and support test asserts a refusal's type, field and code, or a rule violation's
class, code and reasons; this file keeps one whole message per family (each
:class:`~cspcore.ErrorCode` that roles and support raise themselves, and each
:class:`~cspcore.RuleViolation` subclass), so a change of wording shows up here and nowhere else.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from cspcore import ErrorCode, InvalidInput, RuleViolation
from cspcore.roles import (
    AutoExtendNotAllowed,
    EntraRole,
    GdapRelationship,
    GdapRequest,
    PartnerRole,
    RelationshipNotActive,
    RequestExpired,
    RoleGrant,
    RoleNotApproved,
    Task,
    approve,
    can,
    effective_roles,
    terminate,
)
from cspcore.support import BusinessHours, ClockNotPaused, ClockPaused, SlaClock, SupportProfile, due_at

if TYPE_CHECKING:
    from collections.abc import Callable

START = dt.datetime(2024, 1, 31, 9, 30, tzinfo=dt.UTC)
HOUR = dt.timedelta(hours=1)
UA, GA = EntraRole.USER_ADMINISTRATOR, EntraRole.GLOBAL_ADMINISTRATOR


class Unusable:
    """A holiday calendar whose membership test fails."""

    def __contains__(self, day: object) -> bool:
        message = "calendar offline"
        raise LookupError(message)

    def __repr__(self) -> str:
        return "Unusable()"


def relationship(**changes: object) -> GdapRelationship:
    fields: dict[str, object] = {
        "customer_id": "contoso",
        "roles": {UA},
        "duration": 90,
        "activated_at": START,
    }
    return GdapRelationship(**{**fields, **changes})  # type: ignore[arg-type]


FAMILIES: list[tuple[ErrorCode, Callable[[], object], str]] = [
    (
        ErrorCode.WRONG_TYPE,
        lambda: can(3, Task.VIEW_INVOICES),  # type: ignore[arg-type]
        "roles: expected a role or an iterable of roles (got 3)",
    ),
    (
        ErrorCode.EMPTY,
        lambda: relationship(roles=set()),
        "roles: a relationship needs at least one role (got set())",
    ),
    (
        ErrorCode.UNKNOWN_VALUE,
        lambda: PartnerRole.lookup("Root"),
        "display_name: no Partner Center role has this name (got 'Root')",
    ),
    (
        ErrorCode.TOO_PRECISE,
        lambda: relationship(duration=dt.timedelta(hours=36)),
        "duration: must be a whole number of days (got datetime.timedelta(days=1, seconds=43200))",
    ),
    (
        ErrorCode.INCONSISTENT,
        lambda: relationship(terminated_at=START - HOUR),
        (
            "terminated_at: before activated_at"
            " (got datetime.datetime(2024, 1, 31, 8, 30, tzinfo=datetime.timezone.utc))"
        ),
    ),
    (
        ErrorCode.NOT_ALLOWED,
        lambda: effective_roles(
            {"Desk"},
            [relationship(), relationship(customer_id="fabrikam")],
            at=START,
        ),
        "relationships: span several customers; pass customer_id= (got ['contoso', 'fabrikam'])",
    ),
    (
        ErrorCode.OUT_OF_ORDER,
        lambda: SlaClock.start(HOUR, at=START, hours=None).pause(at=START - HOUR),
        (
            "at: before the clock's last event at 2024-01-31T09:30:00+00:00"
            " (got datetime.datetime(2024, 1, 31, 8, 30, tzinfo=datetime.timezone.utc))"
        ),
    ),
    (
        ErrorCode.OUT_OF_RANGE,
        lambda: due_at(START, -HOUR, hours=None),
        "target: must not be negative (got datetime.timedelta(days=-1, seconds=82800))",
    ),
    (
        ErrorCode.MISSING,
        SupportProfile,
        "profile: give at least one of email, telephone, website",
    ),
    (
        ErrorCode.MALFORMED,
        lambda: SupportProfile(email="a@b"),
        "email: not an email address (got 'a@b')",
    ),
    (
        ErrorCode.IO_FAILED,
        lambda: BusinessHours.from_weekdays("UTC", dt.time(9), dt.time(17), holidays=Unusable()),
        "holidays: membership test failed: calendar offline (got Unusable())",
    ),
]


@pytest.mark.parametrize(("code", "refused", "message"), FAMILIES, ids=[str(code) for code, _, _ in FAMILIES])
def test_each_kind_of_refusal_reads_so(code: ErrorCode, refused: Callable[[], object], message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        refused()
    assert (code, message) == (caught.value.code, str(caught.value))


def _paused_clock() -> object:
    return SlaClock.start(HOUR, at=START, hours=None).pause(at=START).pause(at=START + HOUR)


VIOLATIONS: list[tuple[type[RuleViolation], Callable[[], object], str]] = [
    (
        AutoExtendNotAllowed,
        lambda: relationship(roles={GA}, auto_extend=True),
        "auto-extend is not allowed with Global administrator",
    ),
    (
        RoleNotApproved,
        lambda: relationship(grants=(RoleGrant(group="Ops", roles={GA}),)),
        "group 'Ops' was granted roles outside the relationship",
    ),
    (
        RelationshipNotActive,
        lambda: terminate(relationship(duration=1), at=START + 2 * dt.timedelta(days=1)),
        "cannot terminate a relationship that is expired",
    ),
    (
        RequestExpired,
        lambda: approve(
            GdapRequest(customer_id="contoso", roles={UA}, duration=90, created_at=START),
            at=START + dt.timedelta(days=90),
        ),
        "the request expired before the customer approved it",
    ),
    (ClockPaused, _paused_clock, "the SLA clock is paused already"),
    (
        ClockNotPaused,
        lambda: SlaClock.start(HOUR, at=START, hours=None).resume(at=START + HOUR),
        "the SLA clock is running",
    ),
]


@pytest.mark.parametrize(
    ("violation", "refused", "message"), VIOLATIONS, ids=[violation.code for violation, _, _ in VIOLATIONS]
)
def test_each_rule_violation_reads_so(
    violation: type[RuleViolation], refused: Callable[[], object], message: str
) -> None:
    with pytest.raises(violation) as caught:
        refused()
    assert message == str(caught.value)
