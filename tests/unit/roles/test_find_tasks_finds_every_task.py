"""The task catalogue is findable: by words (``find_tasks``), by area (``tasks_in``), and each task's page and
roles from the task itself (``describe_task``)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspcore import ErrorCode, InvalidInput, Source
from cspcore.i18n import label
from cspcore.roles import (
    EntraRole,
    GdapCapability,
    GdapTask,
    PartnerRole,
    Task,
    TaskArea,
    TaskEntry,
    describe_task,
    find_tasks,
    roles_for,
    task_rule,
    tasks_in,
)

EVERY_TASK: list[Task | GdapTask] = [*Task, *GdapTask]


def names(entries: tuple[TaskEntry, ...]) -> list[str]:
    return [entry.task.name for entry in entries]


def test_a_support_ticket_query_finds_the_partner_the_customer_and_the_gdap_ticket() -> None:
    found = names(find_tasks("support ticket"))
    assert found[:2] == ["CREATE_PARTNER_SUPPORT_TICKET", "SUPPORT_SUBMIT_SUPPORT_TICKET"]
    assert "CREATE_CUSTOMER_SUPPORT_REQUEST" in found[:3]


def test_the_helpdesk_sentence_finds_billing_support_first() -> None:
    found = names(find_tasks("a helpdesk agent files a billing support ticket"))
    assert found[0] == "PROVIDE_BILLING_SUPPORT"
    assert {"CREATE_PARTNER_SUPPORT_TICKET", "SUPPORT_SUBMIT_SUPPORT_TICKET"} <= set(found[:4])


@pytest.mark.parametrize("task", EVERY_TASK, ids=lambda t: t.name)
def test_every_task_is_found_first_by_its_own_name(task: Task | GdapTask) -> None:
    assert find_tasks(task.name)[0].task is task


@pytest.mark.parametrize("task", list(Task), ids=lambda t: t.name)
def test_every_partner_task_is_found_first_by_its_value(task: Task) -> None:
    assert find_tasks(task.value)[0].task is task


@pytest.mark.parametrize("task", EVERY_TASK, ids=lambda t: t.name)
def test_every_task_is_found_by_its_description(task: Task | GdapTask) -> None:
    assert task in [entry.task for entry in find_tasks(label(task, locale="en_US"))]


@given(st.text(min_size=1, max_size=60).filter(str.strip))
def test_the_answer_depends_on_the_query_alone(query: str) -> None:
    first = find_tasks(query)
    assert first == find_tasks(query)
    assert len({entry.task for entry in first}) == len(first)


@given(st.sampled_from(EVERY_TASK), st.integers(min_value=1, max_value=5))
def test_limit_keeps_the_best(task: Task | GdapTask, limit: int) -> None:
    query = task.name.replace("_", " ").lower()
    assert find_tasks(query, limit=limit) == find_tasks(query)[:limit]


def test_a_locale_adds_its_labels_to_the_search() -> None:
    assert find_tasks("zákazníci") == ()
    found = find_tasks("zákazníci", locale="cs_CZ")
    assert {entry.task for entry in found} >= {entry.task for entry in tasks_in(TaskArea.CUSTOMERS)}


def test_nothing_matching_is_an_empty_answer() -> None:
    assert find_tasks("xyzzy") == ()
    assert find_tasks("the of a") == ()


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (lambda: find_tasks(""), "query", ErrorCode.EMPTY),
        (lambda: find_tasks("   "), "query", ErrorCode.EMPTY),
        (lambda: find_tasks("x" * 201), "query", ErrorCode.TOO_LONG),
        (lambda: find_tasks(3), "query", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
        (lambda: find_tasks("invoice", limit=0), "limit", ErrorCode.OUT_OF_RANGE),
        (lambda: tasks_in("nowhere"), "area", ErrorCode.UNKNOWN_VALUE),
        (lambda: tasks_in(3), "area", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
        (lambda: describe_task("teleport"), "task", ErrorCode.UNKNOWN_VALUE),
    ],
)
def test_bad_input_names_the_field_and_the_code(call: object, field: str, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()  # type: ignore[operator]
    assert (caught.value.field, caught.value.code) == (field, code)


def test_every_task_is_in_exactly_one_area() -> None:
    listed = [entry.task for area in (*TaskArea, *GdapCapability) for entry in tasks_in(area)]
    assert sorted(listed, key=EVERY_TASK.index) == EVERY_TASK


def test_an_area_name_lists_both_kinds() -> None:
    both = tasks_in("support")
    assert both == tasks_in(TaskArea.SUPPORT) + tasks_in(GdapCapability.SUPPORT)
    assert all(isinstance(entry.area, (TaskArea, GdapCapability)) for entry in both)


@pytest.mark.parametrize("task", list(Task), ids=lambda t: t.name)
def test_a_partner_task_entry_gives_its_page_and_roles(task: Task) -> None:
    entry = describe_task(task)
    rule = task_rule(task)
    assert entry.task is task
    assert isinstance(entry.area, TaskArea)
    assert entry.source == rule.source
    assert set(entry.roles) == rule.roles
    assert all(isinstance(role, PartnerRole) for role in entry.roles)
    assert entry.description == label(task, locale="en_US")


@pytest.mark.parametrize("task", list(GdapTask), ids=lambda t: t.name)
def test_a_gdap_task_entry_gives_the_table_and_the_roles_of_the_model(task: GdapTask) -> None:
    entry = describe_task(task.name)
    assert entry.area is task.capability
    assert entry.source == Source(
        document="gdap-least-privileged-roles-by-task.md", section="Least-privileged role by task"
    )
    assert set(entry.roles) == roles_for(task)
    assert all(isinstance(role, EntraRole) for role in entry.roles)
