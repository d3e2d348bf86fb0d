"""Rules: a decision follows the task's page, reports every other page that disagrees, and reads dates.

* Every disagreeing source (the overview table or another task page) gives the decision one reason,
  citing that source; agreeing sources give none.
* ``on=`` after the last recorded revision decides as without ``on``; before it, the earlier roles apply.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cspcore.roles
from cspcore import ErrorCode, InvalidInput, Source
from cspcore.roles import (
    EarlierRoles,
    EntraRole,
    GdapTask,
    PartnerRole,
    Task,
    TaskRule,
    all_rules,
    can,
    task_rule,
)

loose: Any = cspcore.roles
P = PartnerRole
DISAGREE_CODES = frozenset({"roles.can.page_over_overview", "roles.task.pages_disagree"})
tasks = st.sampled_from(list(Task))
role_sets = st.frozensets(st.sampled_from(list(PartnerRole)))
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


def last_revision() -> dt.date:
    ends = [version.until for rule in all_rules() for version in rule.earlier]
    return max(ends, default=dt.date(2000, 1, 1))


@given(tasks, role_sets)
def test_a_decision_carries_one_reason_per_disagreeing_source(
    task: Task, roles: frozenset[PartnerRole]
) -> None:
    rule = task_rule(task)
    reasons = can(roles, task).reasons
    cited = [reason.source for reason in reasons if reason.code in DISAGREE_CODES]
    assert cited == [source for source, _ in rule.disagreements]
    assert reasons[0].code not in DISAGREE_CODES


@given(tasks, role_sets, days)
def test_on_after_the_last_revision_decides_as_without_on(
    task: Task, roles: frozenset[PartnerRole], day: dt.date
) -> None:
    on = max(day, last_revision())
    assert can(roles, task, on=on) == can(roles, task)
    assert task_rule(task, on=on) == task_rule(task)


@pytest.mark.parametrize(
    ("task", "pages"),
    [
        (Task.READ_DAILY_RATED_USAGE_RECON_FILES, ["use-the-reconciliation-files.md"]),
        (Task.VIEW_INVOICES, ["understand-your-invoice.md", "understand-invoice-terms.md"]),
        (Task.CANCEL_SUBSCRIPTION, ["permissions-overview.md", "create-a-new-subscription.md"]),
    ],
)
def test_recon_files_invoices_and_cancelling_say_which_page_they_follow(task: Task, pages: list[str]) -> None:
    rule = task_rule(task)
    reasons = [r for r in can({P.BILLING_ADMIN}, task).reasons if r.code in DISAGREE_CODES]
    assert [r.source.document if r.source else None for r in reasons] == pages
    assert {r.params["page"] for r in reasons} == {rule.source.document}


def test_a_source_that_agrees_gives_no_reason() -> None:
    rule = task_rule(Task.SUSPEND_OR_REACTIVATE_SUBSCRIPTION)
    assert [source.document for source, _ in rule.other_sources] == ["subscription-lifecycle.md"]
    assert rule.disagreements == ()
    assert [r.code for r in can({P.SALES_AGENT}, rule.task).reasons] == ["roles.can.granted"]


def test_cancelling_is_distinct_from_managing_and_paying_from_adding_a_payment_method() -> None:
    assert bool(can({P.HELPDESK_AGENT}, Task.MANAGE_SUBSCRIPTIONS))
    assert not can({P.HELPDESK_AGENT}, Task.CANCEL_SUBSCRIPTION)
    assert bool(can({P.ADMIN_AGENT}, Task.MAKE_PAYMENT))
    assert not can({P.ADMIN_AGENT}, Task.ADD_PAYMENT_METHOD)


OLD = Source(document="request-credit.md", section="Appropriate roles (earlier version)")
OLDER = Source(document="request-credit.md", section="Appropriate roles (first version)")
DATED = TaskRule(
    task=Task.REQUEST_CREDIT,
    roles=frozenset({P.ADMIN_AGENT, P.GLOBAL_ADMIN}),
    source=Source(document="request-credit.md", section="Appropriate roles"),
    earlier=(
        EarlierRoles(until=dt.date(2021, 1, 1), roles=frozenset({P.GLOBAL_ADMIN}), source=OLDER),
        EarlierRoles(until=dt.date(2022, 6, 1), roles=frozenset({P.ADMIN_AGENT}), source=OLD),
    ),
)


@pytest.mark.parametrize(
    ("on", "roles", "source"),
    [
        (dt.date(2020, 12, 31), {P.GLOBAL_ADMIN}, OLDER),
        (dt.date(2021, 1, 1), {P.ADMIN_AGENT}, OLD),
        (dt.date(2022, 5, 31), {P.ADMIN_AGENT}, OLD),
        (dt.date(2022, 6, 1), {P.ADMIN_AGENT, P.GLOBAL_ADMIN}, DATED.source),
    ],
)
def test_the_version_in_force_is_the_first_that_had_not_ended(
    on: dt.date, roles: set[PartnerRole], source: Source
) -> None:
    rule = DATED.in_force(on)
    assert (rule.roles, rule.source) == (frozenset(roles), source)


def test_after_the_last_revision_the_rule_itself_is_in_force() -> None:
    assert DATED.in_force(dt.date(2030, 1, 1)) is DATED


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (
            lambda: can({P.ADMIN_AGENT}, Task.REQUEST_CREDIT, on=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)),
            "on",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.can({P.ADMIN_AGENT}, Task.REQUEST_CREDIT, on="2024-01-01"),
            "on",
            ErrorCode.WRONG_TYPE,
        ),
        (lambda: loose.task_rule(Task.REQUEST_CREDIT, on=20240101), "on", ErrorCode.WRONG_TYPE),
        (
            lambda: TaskRule(
                task=Task.REQUEST_CREDIT,
                roles=frozenset(),
                source=OLD,
                earlier=tuple(reversed(DATED.earlier)),
            ),
            "earlier",
            ErrorCode.OUT_OF_ORDER,
        ),
        (
            lambda: loose.TaskRule(task=Task.REQUEST_CREDIT, roles=frozenset(), source=OLD, earlier=[]),
            "earlier",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.TaskRule(task=Task.REQUEST_CREDIT, roles=frozenset(), source=OLD, earlier=(OLD,)),
            "earlier",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.TaskRule(
                task=Task.REQUEST_CREDIT,
                roles=frozenset(),
                source=OLD,
                other_sources=((OLD, {P.ADMIN_AGENT}),),
            ),
            "other_sources",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.TaskRule(
                task=Task.REQUEST_CREDIT, roles=frozenset(), source=OLD, other_sources=(("x", frozenset()),)
            ),
            "other_sources",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: loose.EarlierRoles(
                until=dt.datetime(2021, 1, 1, tzinfo=dt.UTC), roles=frozenset(), source=OLD
            ),
            "until",
            ErrorCode.WRONG_TYPE,
        ),
    ],
)
def test_bad_dates_and_versions_are_refused(call: Any, field: str, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert (caught.value.field, caught.value.code) == (field, code)


def test_gdap_tasks_accept_a_date_and_decide_as_without_it() -> None:
    task = GdapTask.USERS_CREATE_USER
    assert can({EntraRole.USER_ADMINISTRATOR}, task, on=dt.date(2020, 1, 1)) == can(
        {EntraRole.USER_ADMINISTRATOR}, task
    )
