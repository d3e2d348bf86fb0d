"""How near a warm caller-held ``DecisionTable`` is to the least any role check keyed on the caller's
collection can cost, and where ``can()``, which keeps nothing, stands.

``test_bench_roles`` says how far ``can(roles, task)`` and ``table.can(roles, task)`` (a
``DecisionTable`` the caller keeps, a cache) are from the plain check a caller writes (a dict task ->
allowed roles and ``isdisjoint``); this says what is reachable at all. The **floor** is the smallest
function that finds a kept decision by the caller's collection, with none of the table's checks (the
task's type, the collection's type, ``on``)::

    def floor(roles, task):
        return decided[task][frozenset(roles)]

(a list is keyed by ``tuple(roles)``, a frozenset as it is), and **floor inline** is the same two
lookups written in the caller's loop, with no call. Every side answers ``Decision.is_allowed`` for
the same questions (drawn as in ``test_bench_roles``: one to three of the sixteen Partner Center
roles, any partner task), each side on collections of its own made afresh every round (as each
request builds its own; with ``--same`` each side asks with the same collections every round, as
``test_bench_roles``'s warm rounds do); the sides alternate (forward, then backward, round after
round) and each figure is the median of the per-round ratios of CPU time to the plain check's::

    PYTHONPATH=src python benchmarks/roles_floor.py --questions 1000 --rounds 101 [--same]

>>> rows = floor_rows(questions=50, rounds=3)
>>> [(form, roles, side) for form, roles, side, _ in rows[:4]]
[('set', '1', 'plain check'), ('set', '1', 'can()'), ('set', '1', 'table.can()'), ('set', '1', 'floor')]
>>> rows[0][3]
1.0
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from typing import TYPE_CHECKING, Any

from cspcore.roles import Decision, DecisionTable, PartnerRole, Task, all_rules, can

if TYPE_CHECKING:
    from collections.abc import Callable

Asked = list[tuple[Any, Task]]

#: Each collection type measured, with how ``can`` keys it.
FORMS: dict[str, tuple[type, Callable[[Any], Any]]] = {
    "set": (set, frozenset),
    "frozenset": (frozenset, frozenset),
    "list": (list, tuple),
}


def _sides(form: str, asked: Asked) -> dict[str, Callable[[Asked], list[bool]]]:
    """The plain check, ``can``, a caller-held table and the two floors, the tables filled beforehand."""
    _, key = FORMS[form]
    allowed = {rule.task: frozenset(rule.roles) for rule in all_rules()}
    decided: dict[Task, dict[Any, Decision]] = {task: {} for task in Task}
    table = DecisionTable()
    for roles, task in asked:
        decided[task][key(roles)] = table.can(roles, task)

    def plain(questions: Asked) -> list[bool]:
        if form == "list":
            return [not allowed[task].isdisjoint(roles) for roles, task in questions]
        return [not roles.isdisjoint(allowed[task]) for roles, task in questions]

    def floor(roles: Any, task: Task) -> Decision:
        return decided[task][key(roles)]

    return {
        "plain check": plain,
        "can()": lambda questions: [can(roles, task).is_allowed for roles, task in questions],
        "table.can()": lambda questions: [table.can(roles, task).is_allowed for roles, task in questions],
        "floor": lambda questions: [floor(roles, task).is_allowed for roles, task in questions],
        "floor inline": lambda questions: [decided[task][key(roles)].is_allowed for roles, task in questions],
    }


def floor_rows(
    questions: int = 1_000, rounds: int = 101, seed: int = 7, *, fresh: bool = True
) -> list[tuple[str, str, str, float]]:
    """Rows (collection type, roles per question, side, median ratio to the plain check).

    ``fresh``: each round asks with collections made for it; else each side keeps its own throughout.
    """
    rows: list[tuple[str, str, str, float]] = []
    for form, (make, _) in FORMS.items():
        for low, high in ((1, 1), (1, 3)):
            rng = random.Random(seed)
            drawn = [
                (rng.sample(list(PartnerRole), rng.randint(low, high)), rng.choice(list(Task)))
                for _ in range(questions)
            ]
            sides = _sides(form, [(make(roles), task) for roles, task in drawn])
            names = list(sides)
            ratios: dict[str, list[float]] = {name: [] for name in names}
            expected = sides["plain check"]([(make(roles), task) for roles, task in drawn])
            kept = {name: [(make(roles), task) for roles, task in drawn] for name in names}
            for round_ in range(rounds):
                spent: dict[str, float] = {}
                for name in names if round_ % 2 == 0 else reversed(names):
                    asked = [(make(roles), task) for roles, task in drawn] if fresh else kept[name]
                    started = time.process_time_ns()
                    answer = sides[name](asked)
                    spent[name] = time.process_time_ns() - started
                    if answer != expected:
                        raise AssertionError(f"{name} answered otherwise than the plain check")
                for name in names:
                    ratios[name].append(spent[name] / max(spent["plain check"], 1))
                gc.collect()
            rows.extend(
                (form, f"{low}" if low == high else f"{low}-{high}", name, statistics.median(ratios[name]))
                for name in names
            )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--questions", type=int, default=1_000, help="questions per round")
    parser.add_argument("--rounds", type=int, default=101, help="alternated rounds")
    parser.add_argument("--same", action="store_true", help="each side asks with the same collections")
    args = parser.parse_args(argv)
    print("| Roles given as | Roles per question | Side | Time / plain check |")
    print("|---|---|---|---|")
    for form, roles, side, ratio in floor_rows(args.questions, args.rounds, fresh=not args.same):
        print(f"| a {form} | {roles} | {side} | {ratio:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
