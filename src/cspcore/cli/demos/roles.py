"""The roles section of ``python -m cspcore demo``: one least-privilege answer.

>>> print(demo(locale="en_US"))
Least privilege for a helpdesk engineer (GDAP)
Tasks: Support: Submit support ticket, Users: Assign license, and Users: Reset password for nonadmin
Grant: User administrator
- User administrator covers Support: Submit support ticket.
- User administrator covers Users: Assign license.
- User administrator covers Users: Reset password for nonadmin.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Final

from cspcore.explain import Reason
from cspcore.i18n import render
from cspcore.roles.gdap_tasks import GdapTask
from cspcore.roles.least_privilege import least_privileged

__all__ = ["demo"]

#: What a helpdesk engineer does in a customer's tenant (the sample data).
SAMPLE_TASKS: Final = (
    GdapTask.USERS_RESET_PASSWORD_FOR_NONADMIN,
    GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET,
    GdapTask.USERS_ASSIGN_LICENSE,
)


def demo(*, locale: str) -> str:
    """A short text: the least privileged Entra roles for a helpdesk engineer's GDAP tasks.

    Args:
        locale: One of cspcore's locales (``en_US``, ``cs_CZ``, ``pl_PL``, ``hu_HU``, ``ja_JP``).

    Returns:
        The section, one line per fact.

    >>> demo(locale="cs_CZ").splitlines()[2]
    'Udělit: Správce uživatelů'
    """
    advice = least_privileged(SAMPLE_TASKS)
    lines = [
        render(Reason(code="cli.demo.roles.title"), locale=locale),
        render(
            Reason(
                code="cli.demo.roles.tasks", params={"tasks": tuple(t for _, ts in advice.covers for t in ts)}
            ),
            locale=locale,
        ),
        render(
            Reason(code="cli.demo.roles.grant", params={"roles": tuple(role for role, _ in advice.covers)}),
            locale=locale,
        ),
    ]
    lines.extend(f"- {render(reason, locale=locale)}" for reason in advice.reasons)
    return "\n".join(lines)
