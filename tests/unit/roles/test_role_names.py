"""Role lookups by display name: every accepted spelling, every refusal with its field and message."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

import cspcore.roles
from cspcore import ErrorCode, InvalidInput
from cspcore.roles import EntraRole, PartnerRole

if TYPE_CHECKING:
    from collections.abc import Callable

#: The package, untyped, so that the tables below can pass ill-typed arguments.
loose: Any = cspcore.roles
LONG = "a" * 201
LONG_SHOWN = repr(LONG)[:77] + "..."


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: loose.PartnerRole.lookup(3), ErrorCode.WRONG_TYPE),
        (lambda: loose.PartnerRole.lookup(None), ErrorCode.WRONG_TYPE),
        (lambda: PartnerRole.lookup(" "), ErrorCode.EMPTY),
        (lambda: PartnerRole.lookup(LONG), ErrorCode.TOO_LONG),
        (
            lambda: PartnerRole.lookup("a" * 200),
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: PartnerRole.lookup("Global administrator"),
            ErrorCode.UNKNOWN_VALUE,
        ),
        (lambda: loose.EntraRole.lookup(3), ErrorCode.WRONG_TYPE),
        (lambda: EntraRole.lookup(""), ErrorCode.EMPTY),
        (lambda: EntraRole.lookup(LONG), ErrorCode.TOO_LONG),
        (
            lambda: EntraRole.lookup("a" * 200),
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: EntraRole.lookup("Global admin"),
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            lambda: EntraRole.lookup("Group owner"),
            ErrorCode.UNKNOWN_VALUE,
        ),
    ],
)
def test_a_refused_name_says_why_and_shows_the_value(call: Callable[[], object], code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        call()
    assert ("display_name", code) == (caught.value.field, caught.value.code)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Co-sell solution admin", PartnerRole.CO_SELL_SOLUTION_ADMIN),
        ("co sell solution admin", PartnerRole.CO_SELL_SOLUTION_ADMIN),
        ("CO_SELL_SOLUTION_ADMIN", PartnerRole.CO_SELL_SOLUTION_ADMIN),
        ("cosellsolutionadmin", PartnerRole.CO_SELL_SOLUTION_ADMIN),
        ("  MPN\tPartner   Admin ", PartnerRole.MPN_PARTNER_ADMIN),
        ("BUSINESS PROFILE ADMIN", PartnerRole.BUSINESS_PROFILE_ADMIN),
        ("Buſineſs profile admin", PartnerRole.BUSINESS_PROFILE_ADMIN),  # casefold: long s is s
        ("global_admin", PartnerRole.GLOBAL_ADMIN),
        ("Billing admin", PartnerRole.BILLING_ADMIN),
    ],
)
def test_partner_roles_are_found_ignoring_case_spaces_hyphens_and_underscores(
    name: str, role: PartnerRole
) -> None:
    assert role is PartnerRole.lookup(name)


@pytest.mark.parametrize(
    ("name", "role"),
    [
        ("Help Desk administrator", EntraRole.HELPDESK_ADMINISTRATOR),
        ("help-desk_ADMINISTRATOR", EntraRole.HELPDESK_ADMINISTRATOR),
        ("Directory reader", EntraRole.DIRECTORY_READERS),
        ("Directory readers", EntraRole.DIRECTORY_READERS),
        ("Printer administration", EntraRole.PRINTER_ADMINISTRATOR),
        ("printer_administrator", EntraRole.PRINTER_ADMINISTRATOR),
        ("SharePoint-Administrator", EntraRole.SHAREPOINT_ADMINISTRATOR),
        ("Teams communications support specialist", EntraRole.TEAMS_COMMUNICATIONS_SUPPORT_SPECIALIST),
        ("PRIVILEGED_AUTHENTICATION_ADMINISTRATOR", EntraRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR),
        ("Meſſage center reader", EntraRole.MESSAGE_CENTER_READER),
    ],
)
def test_entra_roles_are_found_by_every_spelling_microsoft_uses(name: str, role: EntraRole) -> None:
    assert role is EntraRole.lookup(name)


def test_a_name_of_exactly_200_characters_is_looked_up() -> None:
    name = "Billing" + " " * 188 + "admin"
    assert (len(name), PartnerRole.lookup(name)) == (200, PartnerRole.BILLING_ADMIN)
    assert EntraRole.GUEST_INVITER is EntraRole.lookup("Guest" + " " * 188 + "inviter")


@pytest.mark.parametrize("role", [*PartnerRole, *EntraRole])
def test_every_display_name_is_the_value(role: PartnerRole | EntraRole) -> None:
    assert role.value == role.display_name
