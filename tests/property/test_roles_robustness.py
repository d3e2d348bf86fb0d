"""Public roles functions refuse bad input with InvalidInput (or a RuleViolation), nothing else."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cspcore import CspError
from cspcore.roles import (
    EntraRole,
    GdapRelationship,
    GdapRequest,
    GdapTask,
    PartnerRole,
    Task,
    approve,
    can,
    effective_roles,
    grant,
    least_privileged,
    roles_for,
    task_rule,
    tasks_of,
    terminate,
)
from cspcore.testing.strategies import adversarial_values

START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
REL = GdapRelationship(customer_id="c", roles={EntraRole.USER_ADMINISTRATOR}, duration=30, activated_at=START)
REQ = GdapRequest(customer_id="c", roles={EntraRole.USER_ADMINISTRATOR}, duration=30, created_at=START)


def refuses_cleanly(call: Any, *args: object, **kwargs: object) -> None:
    with contextlib.suppress(CspError):
        call(*args, **kwargs)


@given(adversarial_values(), st.sampled_from([Task.VIEW_INVOICES, GdapTask.USERS_CREATE_USER]))
def test_can_refuses_bad_roles_cleanly(value: object, task: object) -> None:
    refuses_cleanly(can, value, task)


@given(adversarial_values())
def test_can_refuses_bad_tasks_cleanly(value: object) -> None:
    refuses_cleanly(can, {PartnerRole.GLOBAL_ADMIN}, value)


@given(adversarial_values())
def test_lookups_refuse_bad_values_cleanly(value: object) -> None:
    for call in (PartnerRole.lookup, EntraRole.lookup, task_rule, roles_for, tasks_of, least_privileged):
        refuses_cleanly(call, value)
    refuses_cleanly(GdapTask.lookup, value, "Create user")
    refuses_cleanly(GdapTask.lookup, "Users", value)


@given(
    adversarial_values(),
    st.sampled_from(
        ["customer_id", "roles", "duration", "activated_at", "auto_extend", "grants", "terminated_at"]
    ),
)
def test_relationships_refuse_bad_fields_cleanly(value: object, field: str) -> None:
    fields: dict[str, object] = {
        "customer_id": "c",
        "roles": {EntraRole.USER_ADMINISTRATOR},
        "duration": 30,
        "activated_at": START,
        field: value,
    }
    refuses_cleanly(GdapRelationship, **fields)


@given(adversarial_values())
def test_relationship_rules_refuse_bad_values_cleanly(value: object) -> None:
    refuses_cleanly(REL.status_at, value)
    refuses_cleanly(REL.current_end_at, value)
    refuses_cleanly(REL.roles_for_groups, value, at=START)
    refuses_cleanly(terminate, REL, at=value)
    refuses_cleanly(terminate, value, at=START)
    refuses_cleanly(approve, REQ, at=value)
    refuses_cleanly(approve, value, at=START)
    refuses_cleanly(grant, REL, value, {EntraRole.USER_ADMINISTRATOR})
    refuses_cleanly(grant, REL, "Desk", value)
    refuses_cleanly(effective_roles, value, [REL], at=START)
    refuses_cleanly(effective_roles, {"Desk"}, value, at=START)
    refuses_cleanly(effective_roles, {"Desk"}, [REL], at=value)
    refuses_cleanly(effective_roles, {"Desk"}, [REL], at=START, customer_id=value)
