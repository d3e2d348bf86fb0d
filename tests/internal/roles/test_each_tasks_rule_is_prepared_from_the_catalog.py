"""Each task's rule, which ``can`` reads, is prepared from the catalog: the roles that may do it, in
privilege order and as a bitmask, the type of role it is asked with (every role of it as a bitmask),
its source and its trailing reasons.

The rules are built at import; the builders are called here, so that what they make is checked
whenever they run (mutmut's workers, which fork after the import, never run them otherwise).
"""

from __future__ import annotations

import pytest

from cspcore.roles import EntraRole, GdapTask, PartnerRole, Task, access, roles_for, task_rule
from cspcore.roles._order import sorted_roles
from cspcore.roles._role_sets import mask_of
from cspcore.roles.gdap_tasks import MODEL_SOURCES

EVERY_ENTRA_ROLE = mask_of(frozenset(EntraRole), EntraRole)
EVERY_PARTNER_ROLE = mask_of(frozenset(PartnerRole), PartnerRole)


@pytest.mark.parametrize("task", list(GdapTask), ids=lambda task: task.name)
def test_a_gdap_tasks_rule_is_its_entra_roles_from_the_capability_model(task: GdapTask) -> None:
    rule = access._gdap_rule(task)
    allowed = frozenset(roles_for(task))
    assert rule.allowed == allowed
    assert rule.role_type is EntraRole
    assert rule.allowed_sorted == sorted_roles(allowed)
    assert rule.source == MODEL_SOURCES[0]
    assert rule.trailing == ()
    assert (rule.allowed_mask, rule.kind_mask) == (mask_of(allowed, EntraRole), EVERY_ENTRA_ROLE)


@pytest.mark.parametrize("task", list(Task), ids=lambda task: task.name)
def test_a_partner_tasks_rule_is_its_pages_roles(task: Task) -> None:
    page = task_rule(task)
    rule = access._partner_rule(page)
    allowed = frozenset(page.roles)
    assert rule.allowed == allowed
    assert rule.role_type is PartnerRole
    assert rule.allowed_sorted == sorted_roles(allowed)
    assert rule.source == page.source
    assert len(rule.trailing) == len(page.disagreements)
    assert (rule.allowed_mask, rule.kind_mask) == (mask_of(allowed, PartnerRole), EVERY_PARTNER_ROLE)
