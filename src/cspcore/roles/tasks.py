"""Partner-side tasks and the Partner Center roles that may perform each.

Each :class:`Task` maps to the roles named on its Partner Center page (the "Appropriate roles" line
near the top of the page); :func:`task_rule` gives a task's rule (:class:`TaskRule`), the version in
force on a day with ``on``. The values and the rule for choosing between pages are described in
:mod:`cspcore.roles.task_values`; the table is :mod:`cspcore.roles._task_table`.

>>> from cspcore.roles import Task, task_rule
>>> task_rule(Task.DOWNLOAD_RECON_FILES).source.cite()
'Partner Center: use-the-reconciliation-files.md, Appropriate roles'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cspcore import _validate
from cspcore.roles._task_table import RULES
from cspcore.roles.task_values import OVERVIEW_SOURCE, EarlierRoles, OtherSource, Task, TaskRule

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["OVERVIEW_SOURCE", "EarlierRoles", "OtherSource", "Task", "TaskRule", "all_rules", "task_rule"]


def task_rule(task: Task | str, on: dt.date | None = None) -> TaskRule:
    """The rule for one task: the roles that may perform it and their source.

    Args:
        task: A :class:`Task`, or its name or value.
        on: The day the task is done; the rule in force then (see :meth:`TaskRule.in_force`).
            Without it, the current rule.

    Returns:
        The task's rule.

    Raises:
        InvalidInput: ``task`` is not a known task, or ``on`` is not a date.

    >>> sorted(r.value for r in task_rule("requestCredit").roles)
    ['Admin agent', 'Global admin']
    """
    rule = RULES[_validate.enum_member(Task, task, "task")]
    return rule if on is None else rule.in_force(on)


def all_rules() -> tuple[TaskRule, ...]:
    """Every task's rule, in :class:`Task` order.

    >>> len(all_rules()) == len(Task)
    True
    """
    return tuple(RULES[task] for task in Task)
