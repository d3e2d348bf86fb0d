"""One ``DecisionTable`` shared by threads that ask at once, and start it again at once, hands every
thread exactly the decision ``can`` makes: only its count of entries may drift."""

from __future__ import annotations

import itertools
import random
import sys
import threading

from cspcore.roles import DecisionTable, PartnerRole, Task, can

SETS = [frozenset(roles) for size in (1, 2) for roles in itertools.combinations(PartnerRole, size)]


def test_threads_sharing_a_small_table_get_can_s_decisions() -> None:
    table = DecisionTable(max_decisions=16)  # starts again every few questions
    questions = [(roles, task) for roles in SETS[:40] for task in list(Task)[:10]]
    expected = {(roles, task): can(roles, task) for roles, task in questions}
    wrong: list[object] = []

    def ask(seed: int) -> None:
        rng = random.Random(seed)  # noqa: S311 - reproducible questions, no secret
        for _ in range(3_000):
            roles, task = rng.choice(questions)
            spelling = rng.choice([roles, set(roles), list(roles), [role.value for role in roles]])
            if table.can(spelling, task) != expected[roles, task]:
                wrong.append((roles, task))

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=ask, args=(seed,)) for seed in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert wrong == []
    table.clear()
    assert len(table) == 0
