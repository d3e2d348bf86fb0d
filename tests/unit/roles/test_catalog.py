from __future__ import annotations

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode, InvalidInput
from cspcore.roles import DefaultPermission, EntraRole, PartnerRole


def test_partner_roles_have_display_names() -> None:
    assert PartnerRole.USER_MANAGEMENT_ADMIN.display_name == "User management admin"


@pytest.mark.parametrize("role", list(PartnerRole))
def test_partner_roles_are_found_by_their_display_name_in_any_case(role: PartnerRole) -> None:
    assert role is PartnerRole.lookup(role.value.upper())


@pytest.mark.parametrize("role", list(EntraRole))
def test_entra_roles_are_found_by_their_display_name_in_any_case(role: EntraRole) -> None:
    assert role is EntraRole.lookup(role.display_name.swapcase())


def test_entra_lookup_knows_the_spellings_of_the_gdap_page() -> None:
    assert EntraRole.HELPDESK_ADMINISTRATOR is EntraRole.lookup("Help Desk administrator")
    assert EntraRole.DIRECTORY_READERS is EntraRole.lookup("Directory reader")


@pytest.mark.parametrize(
    ("name", "code"),
    [("", ErrorCode.EMPTY), ("Root", ErrorCode.UNKNOWN_VALUE), ("Global admin!", ErrorCode.UNKNOWN_VALUE)],
)
def test_unknown_entra_names_are_invalid_input(name: str, code: ErrorCode) -> None:
    with raises_invalid(field="display_name", code=code):
        EntraRole.lookup(name)


def test_unknown_partner_names_are_invalid_input() -> None:
    with raises_invalid(field="display_name", code=ErrorCode.UNKNOWN_VALUE):
        PartnerRole.lookup("Global administrator")


def test_lookup_refuses_non_strings() -> None:
    with pytest.raises(InvalidInput):
        PartnerRole.lookup(3)  # type: ignore[arg-type]


def test_the_support_engineers_members_exist() -> None:
    names = {"ADMIN_AGENT", "GLOBAL_ADMIN", "HELPDESK_AGENT", "SALES_AGENT"}
    assert names <= set(PartnerRole.__members__)
    assert {"SERVICE_SUPPORT_ADMINISTRATOR", "DIRECTORY_READERS"} <= set(EntraRole.__members__)


def test_default_permissions_are_not_entra_roles() -> None:
    assert DefaultPermission.GROUP_OWNER.value == "Group owner"
    with pytest.raises(InvalidInput):
        EntraRole.lookup("Group owner")
