"""Access checks: can() against a bare frozenset test and against pycasbin's RBAC enforcer.

Groups ``roles-can-<task>-vs-frozenset`` (one allowed task, one denied): the baseline is the
membership test a caller would write with the permissions of the role set precomputed; ``can()``
must stay within 5x of it (stretch: 2x).
Groups ``roles-can-<task>-vs-casbin``: the baseline is pycasbin's enforcer loaded with the same
role -> task model; ``can()`` must take at most 1/100 of its time (limit 0.01).
"""

from __future__ import annotations

from typing import Any

import casbin
import pytest

from cspcore.roles import PartnerRole, Task, all_rules, can

ROLES = frozenset({PartnerRole.BILLING_ADMIN, PartnerRole.SALES_AGENT})
ALLOWED_TASK = Task.DOWNLOAD_RECON_FILES
DENIED_TASK = Task.REQUEST_GDAP

#: Many calls per timed round, so that the timer's own cost does not swamp sub-microsecond calls.
FAST: dict[str, int] = {"iterations": 5000, "rounds": 200, "warmup_rounds": 5}
SLOW: dict[str, int] = {"iterations": 20, "rounds": 50, "warmup_rounds": 2}

RBAC_MODEL = """
[request_definition]
r = sub, obj

[policy_definition]
p = sub, obj

[role_definition]
g = _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub) && r.obj == p.obj
"""


def permissions(roles: frozenset[PartnerRole]) -> frozenset[Task]:
    return frozenset(rule.task for rule in all_rules() if rule.roles & roles)


def membership(perms: frozenset[Task], task: Task) -> bool:
    return task in perms


def enforcer() -> Any:
    model = casbin.Enforcer.new_model(text=RBAC_MODEL)
    found = casbin.Enforcer(model)
    for rule in all_rules():
        for role in rule.roles:
            found.add_policy(role.name, rule.task.value)
    for role in ROLES:
        found.add_role_for_user("clerk", role.name)
    return found


@pytest.mark.parametrize("task", [ALLOWED_TASK, DENIED_TASK], ids=["allowed", "denied"])
def test_frozenset_membership_baseline(benchmark: Any, task: Task) -> None:
    benchmark.group = f"roles-can-{task.value}-vs-frozenset"
    perms = permissions(ROLES)
    assert (task in perms) == benchmark.pedantic(membership, args=(perms, task), **FAST)


@pytest.mark.parametrize("task", [ALLOWED_TASK, DENIED_TASK], ids=["allowed", "denied"])
def test_can(benchmark: Any, task: Task) -> None:
    benchmark.group = f"roles-can-{task.value}-vs-frozenset"
    benchmark.extra_info["limit"] = 5
    assert (task in permissions(ROLES)) == bool(benchmark.pedantic(can, args=(ROLES, task), **FAST))


@pytest.mark.parametrize("task", [ALLOWED_TASK, DENIED_TASK], ids=["allowed", "denied"])
def test_casbin_enforce_baseline(benchmark: Any, task: Task) -> None:
    benchmark.group = f"roles-can-{task.value}-vs-casbin"
    found = enforcer()
    assert (task in permissions(ROLES)) == benchmark.pedantic(
        found.enforce, args=("clerk", task.value), **SLOW
    )


@pytest.mark.parametrize("task", [ALLOWED_TASK, DENIED_TASK], ids=["allowed", "denied"])
def test_can_against_casbin(benchmark: Any, task: Task) -> None:
    benchmark.group = f"roles-can-{task.value}-vs-casbin"
    benchmark.extra_info["limit"] = 0.01
    assert (task in permissions(ROLES)) == bool(benchmark.pedantic(can, args=(ROLES, task), **FAST))
