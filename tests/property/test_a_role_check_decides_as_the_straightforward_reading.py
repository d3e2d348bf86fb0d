"""A role check decides exactly as the straightforward reading does, whatever collection the roles come in.

``can`` finds a role set's decisions in a table made once per distinct set (issue 19); the reference
(``can_reference.py``) reads every role and builds every reason on every call. For random role
collections of every type (frozenset, set, list, tuple, generator, one role, names in any case, roles of
the other kind), every task and any ``on`` day, both give the same decision, field for field and reason
for reason (codes, parameters in order, sources), asked once and asked again; and both refuse the same
bad input with the same error type, field and code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.property.can_reference import reference_can

from cspcore import InvalidInput
from cspcore.roles import Decision, EntraRole, GdapTask, PartnerRole, Task, can

ROLES: list[PartnerRole | EntraRole] = [*PartnerRole, *EntraRole]
TASKS: list[Task | GdapTask] = [*Task, *GdapTask]


class Unhashable:
    __hash__ = None  # type: ignore[assignment]


class BadHash:
    def __hash__(self) -> int:
        raise RuntimeError("no hash")


class LikeARole:
    """Hashes and compares like a Partner Center role, but is not one."""

    def __hash__(self) -> int:
        return hash(PartnerRole.BILLING_ADMIN)

    def __eq__(self, other: object) -> bool:
        return True


def spellings(role: PartnerRole | EntraRole) -> st.SearchStrategy[object]:
    """A role as a member or as a name (display name or member name, in any case)."""
    return st.sampled_from(
        [role, role, role.value, role.name, role.value.upper(), role.value.lower(), f" {role.value} "]
    )


#: Items that are not roles, or names that no role has.
BAD_ITEMS = st.sampled_from(
    [None, 3, 1.5, b"Global admin", ("Global admin",), "Root", "", " ", "x" * 300]
) | st.sampled_from([Unhashable, BadHash, LikeARole]).map(lambda hostile: hostile())

ITEM = st.sampled_from(ROLES).flatmap(spellings)


def _hashed(build: Any, drawn: list[object]) -> object:
    """``build(drawn)``, or the list itself when an item cannot go into a set or dict."""
    try:
        return build(drawn)
    except (TypeError, RuntimeError):
        return drawn


#: Every collection a caller may hold roles in, from a list of items.
FORMS: dict[str, Any] = {
    "frozenset": lambda drawn: _hashed(frozenset, drawn),
    "set": lambda drawn: _hashed(set, drawn),
    "dict": lambda drawn: _hashed(dict.fromkeys, drawn),
    "list": list,
    "tuple": tuple,
    "generator": lambda drawn: (item for item in drawn),
}


@st.composite
def role_collections(draw: st.DrawFn, items: st.SearchStrategy[object] = ITEM) -> object:
    """Roles in any form a caller may pass them (or one role alone)."""
    drawn = draw(st.lists(items, max_size=5))
    form = draw(st.sampled_from([*FORMS, "one"]))
    if form == "one":
        return drawn[0] if drawn else draw(items)
    return FORMS[form](drawn)


TASK_SPELLINGS = st.sampled_from(TASKS).flatmap(
    lambda task: st.sampled_from([task, task, task.name] + ([task.value] if isinstance(task, Task) else []))
)
DAYS = st.none() | st.dates(min_value=dt.date(2015, 1, 1), max_value=dt.date(2032, 12, 31))


def summary(decision: Decision) -> tuple[Any, ...]:
    """Everything a decision says, with each reason's parameters in their order."""
    reasons = tuple((r.code, tuple(r.params.items()), r.source) for r in decision.reasons)
    return (
        decision.is_allowed,
        decision.task,
        decision.roles,
        decision.granted_by,
        decision.would_allow,
        reasons,
    )


def outcome(call: Any, roles: object, task: object, on: object) -> object:
    try:
        decision = call(roles, task) if on is None else call(roles, task, on)
    except InvalidInput as error:
        return (type(error), error.field, error.code)
    assert isinstance(decision, Decision)
    return summary(decision)


def replay(roles: object) -> tuple[object, object]:
    """Two copies of ``roles`` for two calls (a generator is consumed by its first reader)."""
    if hasattr(roles, "__next__"):
        items = list(roles)  # type: ignore[call-overload]
        return iter(items), iter(items)
    return roles, roles


@settings(max_examples=400)
@given(role_collections(), TASK_SPELLINGS, DAYS)
@example(frozenset(), Task.VIEW_INVOICES, None)
@example([], GdapTask.USERS_CREATE_USER, None)
@example(frozenset(PartnerRole), Task.VIEW_INVOICES, None)
@example(set(EntraRole), GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET, None)
@example([PartnerRole.HELPDESK_AGENT, EntraRole.GUEST_INVITER], GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET, None)
@example(["Billing admin", "billing ADMIN", PartnerRole.BILLING_ADMIN], "viewInvoices", dt.date(2020, 2, 29))
@example(("Helpdesk administrator", "Global admin"), "USERS_RESET_PASSWORD_FOR_NONADMIN", None)
@example(EntraRole.GLOBAL_ADMINISTRATOR, Task.VIEW_INVOICES, None)
@example("Global admin", Task.VIEW_INVOICES, dt.date(2015, 1, 1))
@example(iter([PartnerRole.GLOBAL_ADMIN]), Task.DOWNLOAD_RECON_FILES, None)
# a key made by the fast path and handed to the careful one, which keeps it: the same roles twice,
# names and members mixed, a name read as the other kind, a name the key keeps but a set folds
@example({"Billing admin", PartnerRole.BILLING_ADMIN}, Task.DOWNLOAD_RECON_FILES, None)
@example(["billing ADMIN", "Billing admin", PartnerRole.BILLING_ADMIN], "downloadReconFiles", None)
@example({"Global admin"}, GdapTask.USERS_CREATE_USER, None)
@example((" Global admin ",), Task.VIEW_INVOICES, None)
@example([EntraRole.GLOBAL_ADMINISTRATOR], Task.VIEW_INVOICES, None)
def test_every_collection_of_roles_decides_as_the_reference(roles: object, task: object, on: object) -> None:
    first, second = replay(roles)
    expected = outcome(reference_can, first, task, on)
    again_roles, _ = replay(second)
    got_roles, then_roles = replay(again_roles)
    assert outcome(can, got_roles, task, on) == expected
    assert outcome(can, then_roles, task, on) == expected  # the second time, from the table


@settings(max_examples=300)
@given(role_collections(ITEM | BAD_ITEMS), TASK_SPELLINGS | st.sampled_from([None, 7, "teleport", []]), DAYS)
@example([Unhashable()], Task.VIEW_INVOICES, None)
@example((BadHash(),), GdapTask.USERS_CREATE_USER, None)
@example([LikeARole()], Task.VIEW_INVOICES, None)
@example({LikeARole()}, Task.VIEW_INVOICES, None)
@example([PartnerRole.BILLING_ADMIN, Unhashable()], Task.VIEW_INVOICES, None)
@example({PartnerRole.BILLING_ADMIN, b"Billing admin"}, Task.VIEW_INVOICES, None)
@example(frozenset({LikeARole()}), Task.VIEW_INVOICES, None)
@example([PartnerRole.GLOBAL_ADMIN], BadHash(), None)
@example(3, Task.VIEW_INVOICES, None)
@example([PartnerRole.GLOBAL_ADMIN], Task.VIEW_INVOICES, "2024-01-01")
def test_bad_input_is_refused_as_the_reference_refuses_it(roles: object, task: object, on: object) -> None:
    first, second = replay(roles)
    try:
        expected = outcome(reference_can, first, task, on)
    except (TypeError, RuntimeError):  # the reference hashed a hostile item inside a frozenset it built
        pytest.skip("the reference itself cannot read this collection")
    assert outcome(can, second, task, on) == expected


@given(st.lists(st.sampled_from(ROLES), max_size=4), st.sampled_from(TASKS))
def test_every_spelling_of_one_role_set_gets_the_same_decision(
    roles: list[PartnerRole | EntraRole], task: Task | GdapTask
) -> None:
    forms: list[Any] = [
        frozenset(roles),
        set(roles),
        roles,
        tuple(reversed(roles)),
        iter(roles),
        [r.value for r in roles],
    ]
    decisions = [can(form, task) for form in forms]
    assert all(summary(decision) == summary(decisions[0]) for decision in decisions)
    assert summary(decisions[0]) == summary(reference_can(roles, task))
