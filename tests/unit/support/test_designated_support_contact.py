"""Who may be a subscription's designated support contact, with the whole reason for each answer."""

from __future__ import annotations

import pytest

from cspcore.explain import Reason, Source
from cspcore.support import ContactDesignation, Handler, designate_support_contact

CONTACTS = Source(document="assign-support-contacts.md", section="Assign contacts")


@pytest.mark.parametrize(
    ("contact", "has_delegated_admin", "expected"),
    [
        (
            Handler.INDIRECT_PROVIDER,
            False,
            ContactDesignation(
                contact=Handler.INDIRECT_PROVIDER,
                is_allowed=True,
                reasons=(Reason(code="support.contact.provider_default", source=CONTACTS),),
            ),
        ),
        (
            Handler.PARTNER,
            True,
            ContactDesignation(
                contact=Handler.PARTNER,
                is_allowed=True,
                reasons=(Reason(code="support.contact.reseller_allowed", source=CONTACTS),),
            ),
        ),
        (
            Handler.PARTNER,
            False,
            ContactDesignation(
                contact=Handler.PARTNER,
                is_allowed=False,
                reasons=(Reason(code="support.contact.reseller_needs_admin", source=CONTACTS),),
            ),
        ),
        (
            Handler.ISV,
            True,
            ContactDesignation(
                contact=Handler.ISV,
                is_allowed=False,
                reasons=(
                    Reason(
                        code="support.contact.not_a_partner", params={"contact": Handler.ISV}, source=CONTACTS
                    ),
                ),
            ),
        ),
    ],
    ids=["provider by default", "reseller with delegated admin", "reseller without it", "an ISV never"],
)
def test_designation_gives_the_answer_and_its_sourced_reason(
    contact: Handler, has_delegated_admin: bool, expected: ContactDesignation
) -> None:
    assert expected == designate_support_contact(contact, has_delegated_admin=has_delegated_admin)
