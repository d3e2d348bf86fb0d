"""Every decision can() builds without re-checking equals the Decision its public constructor builds."""

from __future__ import annotations

import attrs
import pytest

from cspcore.roles import Decision, EntraRole, GdapTask, PartnerRole, Task, can
from cspcore.roles.access import _decision_of

PARTNER_SETS: tuple[frozenset[PartnerRole], ...] = (
    frozenset(),
    frozenset({PartnerRole.BILLING_ADMIN}),
    frozenset(PartnerRole),
)
ENTRA_SETS: tuple[frozenset[EntraRole], ...] = (
    frozenset(),
    frozenset({EntraRole.USER_ADMINISTRATOR}),
    frozenset(EntraRole),
)


def checked(decision: Decision) -> Decision:
    return Decision(**attrs.asdict(decision, recurse=False))


@pytest.mark.parametrize("task", list(Task))
def test_partner_decisions(task: Task) -> None:
    for roles in PARTNER_SETS:
        decision = can(roles, task)
        assert checked(decision) == decision


@pytest.mark.parametrize("task", list(GdapTask))
def test_gdap_decisions(task: GdapTask) -> None:
    for roles in ENTRA_SETS:
        decision = can(roles, task)
        assert checked(decision) == decision


def test_the_trusted_constructor_needs_every_field() -> None:
    fields = attrs.asdict(can(PARTNER_SETS[1], Task.VIEW_INVOICES), recurse=False)
    assert _decision_of(**fields) == Decision(**fields)
    del fields["reasons"]
    with pytest.raises(TypeError):
        _decision_of(**fields)
