"""Role values a caller builds hold bounded numbers and finite collections, or are refused by field."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import cspcore.roles
from cspcore import ErrorCode, InvalidInput, Reason, Source
from cspcore.roles import MAX_DURATION, ExpiryNotice, LeastPrivilege, PartnerRole, Task, TaskRule

#: The package, untyped, so that the tests below can pass ill-typed arguments.
loose: Any = cspcore.roles
AT = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
NOTICE = Reason(code="roles.gdap.expiry_notice", params={"customer": "c", "days": 7, "end": AT})
SOURCE = Source(document="request-credit.md", section="Appropriate roles")


@given(days=st.integers(0, MAX_DURATION.days))
@example(days=0)
@example(days=MAX_DURATION.days)
def test_an_expiry_notice_takes_days_from_0_to_the_longest_relationship(days: int) -> None:
    assert ExpiryNotice(at=AT, days_before=days, reason=NOTICE).days_before == days


@given(days=st.integers(MAX_DURATION.days + 1) | st.integers(max_value=-1))
@example(days=MAX_DURATION.days + 1)
@example(days=-1)
@example(days=10**40)
@example(days=-(10**4300))
def test_an_expiry_notice_refuses_days_out_of_range(days: int) -> None:
    with pytest.raises(InvalidInput) as caught:
        ExpiryNotice(at=AT, days_before=days, reason=NOTICE)
    assert (caught.value.field, caught.value.code) == ("days_before", ErrorCode.OUT_OF_RANGE)


@pytest.mark.parametrize("endless", [itertools.count(), itertools.repeat(Task.VIEW_INVOICES)])
def test_least_privilege_refuses_an_iterator_of_tasks(endless: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        LeastPrivilege(tasks=endless, roles=frozenset(), covers=(), reasons=())  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("tasks", ErrorCode.WRONG_TYPE)


@pytest.mark.parametrize(
    ("field", "value", "refused"),
    [
        ("roles", itertools.repeat(PartnerRole.ADMIN_AGENT), "roles"),
        ("roles", frozenset({Task.VIEW_INVOICES}), "roles"),
        ("covers", itertools.cycle([(PartnerRole.ADMIN_AGENT, (Task.VIEW_INVOICES,))]), "covers"),
        ("reasons", [NOTICE], "reasons"),
        ("reasons", (NOTICE, "not a reason"), "reasons[1]"),  # the misfit item, by its position
    ],
)
def test_least_privilege_refuses_fields_not_of_their_type(field: str, value: object, refused: str) -> None:
    given = {"tasks": frozenset(), "roles": frozenset(), "covers": (), "reasons": ()}
    with pytest.raises(InvalidInput) as caught:
        loose.LeastPrivilege(**{**given, field: value})
    assert (caught.value.field, caught.value.code) == (refused, ErrorCode.WRONG_TYPE)


@pytest.mark.parametrize(
    "overview",
    [
        itertools.repeat(PartnerRole.ADMIN_AGENT),
        itertools.count(),
        [PartnerRole.ADMIN_AGENT],
        frozenset({"Admin agent"}),
    ],
)
def test_a_task_rule_refuses_overview_roles_not_a_frozenset_of_partner_roles(
    overview: object,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        loose.TaskRule(
            task=Task.REQUEST_CREDIT,
            roles=frozenset({PartnerRole.ADMIN_AGENT}),
            source=SOURCE,
            overview_roles=overview,
        )
    assert caught.value.field == "overview_roles"


def test_a_task_rule_keeps_the_overview_roles_it_is_given() -> None:
    overview = frozenset({PartnerRole.GLOBAL_ADMIN})
    rule = TaskRule(
        task=Task.REQUEST_CREDIT,
        roles=frozenset({PartnerRole.ADMIN_AGENT}),
        source=SOURCE,
        overview_roles=overview,
    )
    assert rule.overview_roles == overview
    assert rule.page_overrides_overview
