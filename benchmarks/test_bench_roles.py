"""Access checks: ``can()`` against a plain rule table and against pycasbin's RBAC enforcer.

The questions are drawn like a partner's staff: role sets of one to three of the sixteen Partner
Center roles, asked about any of the partner tasks (about 20,000 possible questions; a batch holds
1,000). Both baselines get the same rules, taken from ``all_rules()`` once, as a caller loads its
configuration once:

* ``vs rule table``: a dict task -> roles that may do it, and ``not roles.isdisjoint(allowed)``; ``can``
  must stay within 5x of it (stretch: 2x), although it also builds a decision with its reasons;
* ``vs casbin``: pycasbin's enforcer with the same role -> task model, one user per role set;
  ``can`` must take at most 1/100 of its time (limit 0.01).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import casbin

from cspcore.roles import PartnerRole, Task, all_rules, can
from paired import Case, bench

if TYPE_CHECKING:
    import random

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

Question = tuple[frozenset[PartnerRole], Task]


def questions(rng: random.Random, size: int) -> list[Question]:
    roles, tasks = list(PartnerRole), list(Task)
    return [(frozenset(rng.sample(roles, rng.randint(1, 3))), rng.choice(tasks)) for _ in range(size)]


def decide(asked: list[Question]) -> list[bool]:
    return [bool(can(roles, task)) for roles, task in asked]


# -- against a rule table --------------------------------------------------------------------------


def build_table(
    rng: random.Random, size: int
) -> tuple[list[Question], tuple[dict[Task, frozenset[PartnerRole]], list[Question]]]:
    asked = questions(rng, size)
    table = {rule.task: frozenset(rule.roles) for rule in all_rules()}
    return asked, (table, list(asked))


def table_baseline(data: tuple[dict[Task, frozenset[PartnerRole]], list[Question]]) -> list[bool]:
    table, asked = data
    return [not roles.isdisjoint(table[task]) for roles, task in asked]


TABLE = Case(
    name="roles: can(), vs a rule table",
    build=build_table,
    case=decide,
    baseline=table_baseline,
    size=1_000,
    limit=5,
)


# -- against casbin --------------------------------------------------------------------------------


def build_casbin(rng: random.Random, size: int) -> tuple[list[Question], tuple[Any, list[tuple[str, str]]]]:
    asked = questions(rng, size)
    found = casbin.Enforcer(casbin.Enforcer.new_model(text=RBAC_MODEL))
    for rule in all_rules():
        for role in rule.roles:
            found.add_policy(role.name, rule.task.value)
    users: dict[frozenset[PartnerRole], str] = {}
    for roles, _ in asked:
        if roles not in users:
            users[roles] = user = f"user-{len(users)}"
            for role in roles:
                found.add_role_for_user(user, role.name)
    return asked, (found, [(users[roles], task.value) for roles, task in asked])


def casbin_baseline(data: tuple[Any, list[tuple[str, str]]]) -> list[bool]:
    found, asked = data
    return [bool(found.enforce(user, task)) for user, task in asked]


CASBIN = Case(
    name="roles: can(), vs casbin",
    build=build_casbin,
    case=decide,
    baseline=casbin_baseline,
    size=1_000,
    limit=0.01,
    rounds=5,
)

CASES = (TABLE, CASBIN)


def test_can_against_a_rule_table(benchmark: Any) -> None:
    bench(benchmark, TABLE)


def test_can_against_casbin(benchmark: Any) -> None:
    bench(benchmark, CASBIN)
