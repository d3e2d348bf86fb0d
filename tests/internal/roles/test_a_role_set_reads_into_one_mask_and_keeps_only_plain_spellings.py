"""A collection of roles reads into one bitmask, which lists its roles in display order; only a
spelling of members and plain names is a key a table of decisions may keep (``_role_sets.read``)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore.roles import PartnerRole
from cspcore.roles._order import sorted_roles
from cspcore.roles._role_sets import BIT, key_of, mask_of, ordered, read, roles_of


def test_only_spellings_of_members_and_plain_names_are_kept() -> None:
    admin = PartnerRole.GLOBAL_ADMIN
    name = type("Name", (str,), {})
    assert read([admin, "billing admin"], PartnerRole)[1] == (admin, "billing admin")
    assert read({" Billing  ADMIN "}, PartnerRole)[1] == frozenset({" Billing  ADMIN "})
    assert read("Global admin", PartnerRole)[1] == "Global admin"
    assert read(iter([admin]), PartnerRole)[1] is None
    assert read([name("Global admin")], PartnerRole) == (BIT[admin], None)  # a subclass is read every time
    assert read(name("Global admin"), PartnerRole) == (BIT[admin], None)
    assert key_of(name("Global admin")) is None


@given(st.integers(min_value=0, max_value=(1 << len(BIT)) - 1))
@example(0)
@example(0xFF)
@example(0x100)
@example(0xFFFF)  # every Partner Center role: the last mask of the byte tables
@example(0x10000)  # the first Microsoft Entra role
@example(0x1FFFF)
@example((1 << len(BIT)) - 1)
def test_a_mask_lists_its_roles_in_display_order(mask: int) -> None:
    assert ordered(mask) == sorted_roles(roles_of(mask))
    assert read(roles_of(mask), PartnerRole)[0] == mask
    assert mask_of(list(roles_of(mask)), PartnerRole) == mask
