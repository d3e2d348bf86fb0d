"""Every roles reason code and label is in all five catalogs, with the same placeholders."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import cspcore.roles
from cspcore import Reason, RuleViolation
from cspcore.i18n import CATALOG_LANGUAGES, SUPPORTED_LOCALES, label, messages, placeholders, render
from cspcore.roles import (
    ADMIN_AGENTS,
    DapRelationship,
    DefaultPermission,
    EntraRole,
    GdapCapability,
    GdapRelationship,
    GdapRequest,
    GdapStatus,
    GdapTask,
    PartnerRole,
    Task,
    approve,
    can,
    effective_roles,
    grant,
    least_privileged,
    terminate,
)

if TYPE_CHECKING:
    import enum
    from collections.abc import Callable

SOURCES = Path(cspcore.roles.__file__).parent
CODE = re.compile(r'(?:Reason|trusted_reason)\(\s*(?:code=)?"([a-z_.]+)"')
LABELLED: tuple[type[enum.Enum], ...] = (
    PartnerRole,
    EntraRole,
    DefaultPermission,
    Task,
    GdapTask,
    GdapCapability,
    GdapStatus,
)


def codes() -> set[str]:
    return {code for path in SOURCES.glob("*.py") for code in CODE.findall(path.read_text(encoding="utf-8"))}


def test_the_scan_finds_the_codes() -> None:
    assert {"roles.can.granted", "roles.gdap.expiry_notice"} <= codes()


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_every_reason_code_is_in_every_catalog_with_the_english_placeholders(language: str) -> None:
    english = messages("en", "roles")
    catalog = messages(language, "roles")
    for code in codes():
        assert code in catalog, code
        assert placeholders(english[code]) == placeholders(catalog[code]), code


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_every_catalog_has_the_same_ids(language: str) -> None:
    assert set(messages("en", "roles")) == set(messages(language, "roles"))


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize("cls", LABELLED, ids=lambda c: c.__name__)
def test_every_member_has_a_label_in_every_language(locale: str, cls: type[enum.Enum]) -> None:
    for member in cls:
        key = f"label.{cls.__name__}.{member.name}"
        assert key in messages(locale[:2], "roles"), key
        assert label(member, locale=locale)


def test_english_role_labels_are_the_display_names() -> None:
    for role in (*PartnerRole, *EntraRole):
        assert role.value == label(role, locale="en_US")


def test_english_gdap_task_labels_carry_the_tables_wording() -> None:
    for task in GdapTask:
        assert f"{task.capability.value}: {task.task}" == label(task, locale="en_US")


def every_kind_of_reason() -> list[Reason]:
    start = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    rel = GdapRelationship(
        customer_id="c", roles={EntraRole.USER_ADMINISTRATOR}, duration=30, activated_at=start
    )
    found: list[Reason] = []
    for task in (Task.VIEW_PRICING, Task.REQUEST_CREDIT, Task.CANCEL_SUBSCRIPTION):
        for roles in (
            frozenset(),
            frozenset({PartnerRole.SALES_AGENT}),
            frozenset({PartnerRole.GLOBAL_ADMIN}),
        ):
            found.extend(can(roles, task).reasons)
    for roles_ in (
        frozenset(),
        frozenset({EntraRole.DIRECTORY_READERS}),
        frozenset({EntraRole.USER_ADMINISTRATOR}),
    ):
        found.extend(can(roles_, GdapTask.USERS_CREATE_USER).reasons)
    found.extend(least_privileged([*GdapTask, Task.CANCEL_AZURE_SUBSCRIPTION, Task.REQUEST_GDAP]).reasons)
    found.extend(least_privileged([GdapTask.GROUPS_UPDATE_GROUP_OWNERS, GdapTask.USERS_CREATE_USER]).reasons)
    found.extend(
        least_privileged([GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET, GdapTask.USERS_ASSIGN_LICENSE]).ranking
    )
    found.extend(least_privileged(GdapTask.USERS_ADD_USER_TO_GROUP).ranking)
    found.extend(least_privileged(Task.VIEW_INVOICES, prefer=[PartnerRole.ADMIN_AGENT]).ranking)
    found.extend(can({PartnerRole.HELPDESK_AGENT}, GdapTask.USERS_CREATE_USER).reasons)
    found.extend(can({EntraRole.GLOBAL_ADMINISTRATOR}, Task.VIEW_INVOICES).reasons)
    found.extend(notice.reason for notice in rel.expiry_notices())
    found.extend(
        effective_roles(
            {ADMIN_AGENTS}, [DapRelationship(customer_id="c", established_at=start)], at=start
        ).reasons
    )
    found.extend(effective_roles({"x"}, [rel], at=start).reasons)
    found.extend(effective_roles({"x"}, [grant(rel, "x", {EntraRole.USER_ADMINISTRATOR})], at=start).reasons)
    refusals: tuple[Callable[[], object], ...] = (
        lambda: terminate(rel, at=start + dt.timedelta(days=40)),
        lambda: grant(rel, "x", {EntraRole.GLOBAL_READER}),
        lambda: GdapRelationship(
            customer_id="c",
            roles={EntraRole.GLOBAL_ADMINISTRATOR},
            duration=30,
            activated_at=start,
            auto_extend=True,
        ),
        lambda: approve(
            GdapRequest(customer_id="c", roles={EntraRole.GLOBAL_READER}, duration=1, created_at=start),
            at=start + dt.timedelta(days=91),
        ),
        lambda: GdapRelationship(
            customer_id="c",
            roles={EntraRole.USER_ADMINISTRATOR},
            duration=30,
            activated_at=dt.datetime(2023, 1, 1, tzinfo=dt.UTC),
            auto_extend=True,
        ),
    )
    for refuse in refusals:
        with pytest.raises(RuleViolation) as caught:
            refuse()
        found.extend(caught.value.reasons)
    return found


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_kind_of_reason_renders_in_every_locale(locale: str) -> None:
    reasons = every_kind_of_reason()
    assert codes() - {"roles.demo.title", "roles.demo.tasks", "roles.demo.grant"} == {r.code for r in reasons}
    for reason in reasons:
        text = render(reason, locale=locale)
        assert reason.code not in text
        assert "{" not in text
