"""A decision does not depend on the questions asked before it.

``can`` remembers nothing between calls (docs/conventions.md, "No memo of answers"): whatever sequence
of questions a process has asked, in whatever spellings, on whatever days, the next one is decided
exactly as the straightforward reading (``can_reference.py``) decides it on its own, field for field
and reason for reason, and bad input is refused the same way.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.property.can_reference import reference_can
from tests.property.test_a_role_check_decides_as_the_straightforward_reading import (
    BAD_ITEMS,
    DAYS,
    ITEM,
    TASK_SPELLINGS,
    outcome,
    replay,
    role_collections,
)

from cspcore.roles import EntraRole, GdapTask, PartnerRole, Task, can

QUESTION = st.tuples(role_collections(ITEM | BAD_ITEMS), TASK_SPELLINGS, DAYS)


@settings(max_examples=150)
@given(st.lists(QUESTION, min_size=1, max_size=12))
@example(
    [
        (frozenset({PartnerRole.BILLING_ADMIN}), Task.VIEW_INVOICES, dt.date(2016, 2, 29)),
        (frozenset({PartnerRole.BILLING_ADMIN}), Task.VIEW_INVOICES, None),
        (["Billing admin"], "viewInvoices", None),
        ({"billing ADMIN"}, Task.VIEW_INVOICES, dt.date(2024, 12, 31)),
    ]
)
@example(
    [
        ([EntraRole.GLOBAL_READER], GdapTask.USERS_CREATE_USER, None),
        ([PartnerRole.GLOBAL_ADMIN, EntraRole.GLOBAL_READER], GdapTask.USERS_CREATE_USER, None),
        ([], GdapTask.USERS_CREATE_USER, None),
        ([], Task.CREATE_CUSTOMER, None),
    ]
)
def test_each_answer_of_a_sequence_is_the_answer_to_that_question_alone(
    questions: list[tuple[object, object, object]],
) -> None:
    for roles, task, on in questions:
        asked, again = replay(roles)
        assert outcome(can, asked, task, on) == outcome(reference_can, again, task, on)


@given(st.lists(QUESTION, max_size=12), QUESTION)
def test_a_question_gets_the_same_answer_after_any_others(
    before: list[tuple[object, object, object]], question: tuple[object, object, object]
) -> None:
    roles, task, on = question
    first, rest = replay(roles)
    alone = outcome(can, first, task, on)
    for other_roles, other_task, other_on in before:
        outcome(can, other_roles, other_task, other_on)
    assert outcome(can, replay(rest)[0], task, on) == alone
