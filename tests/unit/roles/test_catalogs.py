"""Every roles reason code and label is in all five catalogs, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

import cspcore.roles
from cspcore.i18n import CATALOG_LANGUAGES, SUPPORTED_LOCALES, label, messages, placeholders
from cspcore.roles import (
    DefaultPermission,
    EntraRole,
    GdapCapability,
    GdapStatus,
    GdapTask,
    PartnerRole,
    Task,
)

if TYPE_CHECKING:
    import enum

SOURCES = Path(cspcore.roles.__file__).parent
CODE = re.compile(r'Reason\(\s*"([a-z_.]+)"')
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
    assert {"roles.can.granted", "roles.gdap.expiry_notice", "roles.demo.title"} <= codes()


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
