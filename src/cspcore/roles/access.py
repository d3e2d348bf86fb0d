"""Access decisions: :func:`can` a set of roles perform a task?

Partner-side :class:`~cspcore.roles.Task` values are decided against Partner Center roles by the
task pages (:func:`~cspcore.roles.task_rule`); :class:`~cspcore.roles.GdapTask` rows are decided
against Microsoft Entra roles by the role → capability model (:func:`~cspcore.roles.roles_for`).
Everything not granted is denied.

>>> from cspcore.roles import can, PartnerRole, Task
>>> decision = can({PartnerRole.BILLING_ADMIN}, Task.DOWNLOAD_RECON_FILES)
>>> bool(decision), sorted(r.name for r in decision.granted_by)
(True, ['BILLING_ADMIN'])

Least-privilege advice lives in :mod:`cspcore.roles.least_privilege`; this module re-exports it.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Final, NamedTuple

import attrs

from cspcore import _validate
from cspcore._deprecated import renamed_keyword, warn_renamed
from cspcore._trusted import trusted_constructor
from cspcore.explain import Reason, Source, trusted_reason
from cspcore.roles._order import (
    ENTRA_PRIVILEGE_ORDER,
    PARTNER_PRIVILEGE_ORDER,
    AnyRole,
    AnyTask,
    sorted_roles,
    task_of,
)
from cspcore.roles._role_sets import mask_of, ordered, read
from cspcore.roles.catalog import EntraRole, PartnerRole
from cspcore.roles.gdap_tasks import MODEL_SOURCES, TABLE_SOURCE, GdapTask, roles_for
from cspcore.roles.least_privilege import LeastPrivilege, least_privileged
from cspcore.roles.tasks import OVERVIEW_SOURCE, Task, TaskRule, task_rule

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Mapping

__all__ = [
    "ENTRA_PRIVILEGE_ORDER",
    "PARTNER_PRIVILEGE_ORDER",
    "AnyRole",
    "AnyTask",
    "Decision",
    "DecisionTable",
    "LeastPrivilege",
    "can",
    "least_privileged",
]


_OVERVIEW_SOURCE: Final = Source(
    document="permissions-overview.md", section="User roles, permissions, and workspace access"
)


@attrs.frozen(kw_only=True, init=False)
class Decision:
    """Whether a set of roles may perform a task, and why.

    A decision is truthy when the task is allowed.

    Args:
        is_allowed: Whether the task is allowed (``allowed=`` is its deprecated name).
        task: The task decided.
        roles: The roles that asked.
        granted_by: Those of ``roles`` that allow the task (empty when denied).
        would_allow: Every role that allows the task (so a denial says what would help).
        reasons: Why, with the rule's source.

    >>> from cspcore.roles import can, PartnerRole, Task
    >>> denied = can([PartnerRole.SALES_AGENT], Task.DOWNLOAD_RECON_FILES)
    >>> bool(denied), sorted(r.value for r in denied.would_allow)
    (False, ['Billing admin', 'Global admin'])

    .. versionchanged:: 0.2.0
        ``allowed`` is now ``is_allowed``; the old name (attribute and keyword) warns and goes in 0.3.0.
    """

    is_allowed: bool = attrs.field(validator=_validate.attrs_validator(_validate.flag))
    task: AnyTask = attrs.field(validator=_validate.attrs_instance_of((Task, GdapTask)))
    roles: frozenset[AnyRole] = attrs.field(validator=_validate.attrs_instance_of(frozenset))
    granted_by: frozenset[AnyRole] = attrs.field(validator=_validate.attrs_instance_of(frozenset))
    would_allow: frozenset[AnyRole] = attrs.field(validator=_validate.attrs_instance_of(frozenset))
    reasons: tuple[Reason, ...] = attrs.field(validator=_validate.attrs_instance_of(tuple))

    def __init__(
        self,
        *,
        is_allowed: bool | None = None,
        task: AnyTask,
        roles: frozenset[AnyRole],
        granted_by: frozenset[AnyRole],
        would_allow: frozenset[AnyRole],
        reasons: tuple[Reason, ...],
        allowed: bool | None = None,
    ) -> None:
        self.__attrs_init__(
            is_allowed=renamed_keyword(
                is_allowed, allowed, new="is_allowed", old="allowed", owner="Decision"
            ),
            task=task,
            roles=roles,
            granted_by=granted_by,
            would_allow=would_allow,
            reasons=reasons,
        )

    def __bool__(self) -> bool:
        return self.is_allowed

    @property
    def allowed(self) -> bool:
        """Deprecated name of :attr:`is_allowed`."""
        warn_renamed("Decision.allowed", "Decision.is_allowed")
        return self.is_allowed


#: The one way this module builds a Decision without re-validating what it worked out itself.
_decision_of: Final = trusted_constructor(Decision, keyword_only=True)


class _Rule(NamedTuple):
    """What a decision on one task needs, from the catalog.

    The roles allowed, the role type it is asked with, the page's (or the capability model's) source,
    the reasons every decision on it ends with (a page that overrides the overview), and the allowed
    roles and every role of the type as bitmasks.
    """

    allowed: frozenset[AnyRole]
    role_type: type[PartnerRole | EntraRole]
    allowed_sorted: tuple[AnyRole, ...]
    source: Source
    trailing: tuple[Reason, ...]
    allowed_mask: int
    kind_mask: int


_PARTNER_MASK: Final = mask_of(frozenset(PartnerRole), PartnerRole)
_ENTRA_MASK: Final = mask_of(frozenset(EntraRole), EntraRole)


def _disagreement(rule: TaskRule, other: Source, other_roles: frozenset[PartnerRole]) -> Reason:
    """The reason a decision carries for one other source that names other roles than the rule.

    The overview table keeps its own code and parameter name; any other page is "another page".
    """
    followed: dict[str, object] = {
        "task": rule.task,
        "page": rule.source.document,
        "page_roles": sorted_roles(rule.roles),
    }
    if other.document == OVERVIEW_SOURCE.document:
        overview = {**followed, "overview_roles": sorted_roles(other_roles)}
        return Reason(code="roles.can.page_over_overview", params=overview, source=other)
    pages = {**followed, "other_page": other.document, "other_roles": sorted_roles(other_roles)}
    return Reason(code="roles.task.pages_disagree", params=pages, source=other)


def _partner_rule(rule: TaskRule) -> _Rule:
    allowed: frozenset[AnyRole] = frozenset(rule.roles)
    trailing = tuple(_disagreement(rule, other, roles) for other, roles in rule.disagreements)
    sort = sorted_roles(allowed)
    return _Rule(
        allowed,
        PartnerRole,
        sort,
        rule.source,
        trailing,
        mask_of(allowed, PartnerRole),
        _PARTNER_MASK,
    )


def _gdap_rule(task: GdapTask) -> _Rule:
    allowed: frozenset[AnyRole] = frozenset(roles_for(task))
    sort = sorted_roles(allowed)
    return _Rule(allowed, EntraRole, sort, MODEL_SOURCES[0], (), mask_of(allowed, EntraRole), _ENTRA_MASK)


#: Every task's rule, built at import from the catalog.
_RULES: Final[Mapping[AnyTask, _Rule]] = MappingProxyType(
    {
        **{task: _partner_rule(task_rule(task)) for task in Task},
        **{task: _gdap_rule(task) for task in GdapTask},
    }
)

#: The usual spellings of a task (a partner task's value and name, a GDAP task's name), each with the
#: task :func:`~cspcore.roles._order.task_of` reads from it.
_TASK_BY_TEXT: Final[Mapping[str, AnyTask]] = MappingProxyType(
    {text: task_of(text) for text in (*(t.value for t in Task), *(t.name for t in (*Task, *GdapTask)))}
)

#: The bound a :class:`DecisionTable` has unless told otherwise: the entries (decisions under each key
#: they are kept by) it holds before it starts again, empty. A partner's staff hold a few dozen
#: distinct role sets, each asking about some of the 105 tasks, under one to three spellings (a
#: frozenset, a list of names from a token, ...).
MAX_DECISIONS: Final = 16_384

#: The largest bound a :class:`DecisionTable` takes: about a million entries (a few hundred MiB when
#: full), far more than the distinct questions a partner's staff ask; a larger one is a mistake.
_LARGEST_TABLE: Final = 1 << 20

_NO_ROLES: Final[frozenset[AnyRole]] = frozenset()


def _task(task: object) -> AnyTask:
    """The task ``task`` is or names (a member, a :class:`Task` value or name, a :class:`GdapTask` name)."""
    known = type(task)
    if known is Task or known is GdapTask:
        return task  # type: ignore[return-value]
    return (_TASK_BY_TEXT.get(task) if known is str else None) or task_of(task)  # type: ignore[call-overload]


def _dated(found: AnyTask, rule: _Rule, on: object) -> _Rule:
    """The rule of ``found`` in force on the day ``on`` (checked): ``rule`` itself when it is the current one.

    Only a partner task has earlier rules; a GDAP task's ``on`` only has to be a date.
    """
    day = _validate.date(on, "on")
    if isinstance(found, Task):
        dated = task_rule(found, on=day)
        if dated is not task_rule(found):  # an earlier rule
            return _partner_rule(dated)
    return rule


def _build(found: AnyTask, rule: _Rule, mask: int, reasons: dict[int, Reason] | None) -> Decision:
    """The decision of ``rule`` on the (already read) role set ``mask``, made now.

    Its reasons are made now too, or, for a :class:`DecisionTable`, taken from ``reasons``, the reasons
    the table has made on this rule, each kept under the roles it names (see :func:`_reason`).
    """
    held = ordered(mask)
    own = mask & rule.kind_mask
    granted = mask & rule.allowed_mask
    first = granted or own  # the roles the usual reason names: those that grant, else those held
    if own == mask:
        given: tuple[Reason, ...] = (
            _reason_of(found, rule, reasons, first, held if first == mask else None),
            *rule.trailing,
        )
    else:
        wrong = mask & ~rule.kind_mask
        other = _reason_of(found, rule, reasons, wrong, held if wrong == mask else None)
        if own:
            given = (_reason_of(found, rule, reasons, first, None), other, *rule.trailing)
        else:
            given = (other, *rule.trailing)
    roles = frozenset(held)
    granted_by = roles if granted == mask else frozenset(ordered(granted)) if granted else _NO_ROLES
    return _decision_of(
        is_allowed=granted != 0,
        task=found,
        roles=roles,
        granted_by=granted_by,
        would_allow=rule.allowed,
        reasons=given,
    )


def _reason_of(
    found: AnyTask,
    rule: _Rule,
    reasons: dict[int, Reason] | None,
    key: int,
    named: tuple[AnyRole, ...] | None,
) -> Reason:
    """The reason (see :func:`_reason`) for the roles ``key``; ``named`` is them in bit order, if at hand.

    Made now, or found in (and else kept in) a table's ``reasons``.
    """
    if reasons is None:
        return _reason(found, rule, key, ordered(key) if named is None else named)
    reason = reasons.get(key)
    if reason is None:
        reason = reasons[key] = _reason(found, rule, key, ordered(key) if named is None else named)
    return reason


def _reason(found: AnyTask, rule: _Rule, key: int, roles: tuple[AnyRole, ...]) -> Reason:
    """The reason a decision on ``found`` gives for the roles ``key`` (``roles``, in bit order).

    ``key`` is the roles the reason names, a bitmask whose kind says which reason it is: the roles
    that grant the task (within the rule's allowed roles), the roles of the task's kind that do not
    (none of them allowed: a denial), roles of the other kind only (they never grant), or none at all.
    The three kinds of mask share no bits, so a table keeps every reason of a rule in one dict.
    """
    if key & ~rule.kind_mask:
        return _wrong_kind(found, roles)
    if type(found) is Task:  # exact: no trip through the enum metaclass's instance check
        return _partner_reason(found, rule, key & rule.allowed_mask, roles)
    return _gdap_reason(found, rule, key & rule.allowed_mask, roles)  # type: ignore[arg-type]


def _wrong_kind(task: AnyTask, held: tuple[AnyRole, ...]) -> Reason:
    """Roles of the other kind never grant: say which kind of role the task needs, and where to look."""
    if type(task) is GdapTask:
        return trusted_reason("roles.can.needs_entra_role", {"task": task, "roles": held}, TABLE_SOURCE)
    return trusted_reason(
        "roles.can.needs_partner_role",
        {"task": task, "roles": held},
        task_rule(task).source,  # type: ignore[arg-type]
    )


def _partner_reason(task: Task, rule: _Rule, granted: int, roles: tuple[AnyRole, ...]) -> Reason:
    """The reason on a partner task for ``roles``.

    They are the roles that grant it (``granted``, their mask, is not 0), or else the roles of its
    kind held, none of which grants it (none: no roles at all).
    """
    if granted:
        return trusted_reason("roles.can.granted", {"task": task, "roles": roles}, rule.source)
    if not roles:
        return trusted_reason("roles.can.no_roles", {"task": task}, _OVERVIEW_SOURCE)
    return trusted_reason(
        "roles.can.denied",
        {"task": task, "roles": roles, "allowed": rule.allowed_sorted},
        rule.source,
    )


def _gdap_reason(task: GdapTask, rule: _Rule, granted: int, roles: tuple[AnyRole, ...]) -> Reason:
    """The reason on a GDAP task for ``roles``, as :func:`_partner_reason` reads them."""
    if granted:
        source = TABLE_SOURCE if task.least_privileged in roles else rule.source
        return trusted_reason("roles.gdap.granted", {"task": task, "roles": roles}, source)
    if not roles:
        return trusted_reason("roles.can.no_roles", {"task": task}, TABLE_SOURCE)
    return trusted_reason(
        "roles.gdap.denied",
        {"task": task, "roles": roles, "allowed": rule.allowed_sorted},
        rule.source,
    )


def can(
    roles: AnyRole | Iterable[AnyRole | str] | str, task: AnyTask | str, on: dt.date | None = None
) -> Decision:
    """Decide whether ``roles`` may perform ``task``; deny by default.

    Partner tasks (:class:`~cspcore.roles.Task`) take Partner Center roles; GDAP tasks
    (:class:`~cspcore.roles.GdapTask`) take Microsoft Entra roles. Roles may be given as members
    or display names, in any collection. Every call decides afresh, and remembers nothing: the
    task is read, then ``on``, then the roles, into a bitmask (every item checked), and the
    :class:`Decision` and its reasons are made from the task's rule, prepared once at import. An item
    equal to a role (as sets and dicts compare) is that role. A caller who asks the same questions
    again and again (a web application checking each request) may keep the answers in a
    :class:`DecisionTable` of its own, which gives exactly what this gives.

    Where the task's page and other pages (or the overview table) name different roles, the decision
    follows the task's page and carries one reason for each other source that disagrees
    (``roles.can.page_over_overview`` for the overview table, ``roles.task.pages_disagree`` for another
    page), each citing that source.

    Args:
        roles: One role, or an iterable of roles (a generator is read again on every call); not
            a mapping, whose keys are no roles held.
        task: The task, as a member, a :class:`Task` value or name, or a :class:`GdapTask` name.
        on: The day the task is done: a partner task is decided by the rule in force that day
            (:func:`~cspcore.roles.task_rule`). Without it, the current rules. GDAP tasks have one
            version, so ``on`` only has to be a date.

    Returns:
        The :class:`Decision`, truthy when allowed.

    A role of the other kind (a Partner Center role for a GDAP task, an Entra role for a Partner
    Center task) is a real role that cannot grant the task: it is denied, and the decision's first
    reason says which kind of role the task needs (``roles.can.needs_entra_role`` or
    ``roles.can.needs_partner_role``) when no role of the right kind is held, or follows the usual
    reason when some are.

    Raises:
        InvalidInput: An unknown task, a task or role that is not one nor a name of one, or a
            mapping of roles (``wrong_type``), a name that no role of either kind has
            (``unknown_value``, field ``roles``), an iterable of roles that raises while it is read
            (``io_failed``), or an ``on`` that is not a date.

    .. versionchanged:: 0.2.0
        A role of the other kind is denied with a reason instead of raising ``InvalidInput``; an item
        equal to a role is that role. ``can`` keeps no decisions between calls (it kept them in a
        process-wide table before): every call decides afresh, and :class:`DecisionTable` is the
        caller's own table of decisions.

    >>> from cspcore.roles import PartnerRole, EntraRole, Task, GdapTask
    >>> bool(can(PartnerRole.HELPDESK_AGENT, Task.PROVIDE_BILLING_SUPPORT))
    True
    >>> bool(can(frozenset(), Task.VIEW_INVOICES))
    False
    >>> bool(can({EntraRole.USER_ADMINISTRATOR}, GdapTask.USERS_RESET_PASSWORD_FOR_NONADMIN))
    True
    >>> wrong = can({PartnerRole.HELPDESK_AGENT}, GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET)
    >>> bool(wrong), wrong.reasons[0].code
    (False, 'roles.can.needs_entra_role')
    """
    found = _task(task)
    rule = _RULES[found]
    if on is not None:
        rule = _dated(found, rule, on)
    return _build(found, rule, mask_of(roles, rule.role_type), None)


#: One task's part of a :class:`DecisionTable`: the task; its decisions on its current rule, each kept
#: under its role set's bitmask (:mod:`cspcore.roles._role_sets`) and under every spelling a caller used
#: for it that may be kept (a frozenset, a tuple of a list's items, a name: ``_role_sets.key_of``; the
#: kinds of key never equal one another); and the reasons those decisions carry (see :func:`_reason`).
#: A plain tuple, which the hot path unpacks fastest.
_Table = tuple[AnyTask, dict[object, Decision], dict[int, Reason]]

#: The exact types of a single role that is its own key.
_KEYED_AS_IS: Final = frozenset({PartnerRole, EntraRole, str})


class DecisionTable:
    """A table of access decisions that its caller keeps, for questions asked again and again.

    :func:`can` remembers nothing between calls. A caller who asks the same questions over and over
    (a web application checking each request, a report over a staff list) may keep the decisions in
    a table of its own: ``table.can(roles, task, on=None)`` gives exactly what ``can(roles, task,
    on)`` gives, field for field and reason for reason, and a question asked before in the same
    spelling is found again with two dict lookups (the task's part of the table, then the roles as
    the caller spelt them: a frozenset, a set's frozenset, a list's or tuple's items, one role or
    name). Roles given in any other way (a generator, a subclass of a collection or of ``str``, items
    that are neither members nor plain strings) are read afresh on every call, and their decision is
    found under the role set's bitmask. Each role set's decision is made once per task, and each
    reason once per task and the roles it names.

    The table is a cache, not a value: it changes as it is asked, and it is its caller's to keep and
    to drop (one per application, per request batch or per report). It holds at most
    ``max_decisions`` entries (a decision counts once under its role set's bitmask and once under
    each spelling it is kept by); when one more would not fit, it starts again, empty. A decision made
    by an earlier rule (``on=`` a day before the task's rule changed) is made afresh and never kept.

    Concurrent use: one table may be shared by threads. In CPython every store into the table's
    dicts is atomic, and every entry is a correct decision for its key from the moment it is stored,
    so a thread can never be handed a wrong decision; only the count of entries (used to keep the
    bound) may drift when threads add at once, so a shared table may hold a few more or fewer entries
    than its bound before it next starts again. ``len()`` counts what it holds. One table per thread
    avoids even that.

    Args:
        max_decisions: The most entries it holds, from 2 (a decision and one spelling) to 1,048,576;
            16,384 (:data:`MAX_DECISIONS`) when not given, a few MiB when full.

    Raises:
        InvalidInput: ``max_decisions`` is not an ``int`` (``wrong_type``; a ``bool`` neither) or is
            out of its range (``out_of_range``), field ``max_decisions``.

    >>> from cspcore.roles import DecisionTable, PartnerRole, Task, can
    >>> table = DecisionTable(max_decisions=1_000)
    >>> staff = [[PartnerRole.BILLING_ADMIN], ["Sales agent"], [PartnerRole.BILLING_ADMIN]]
    >>> [bool(table.can(roles, Task.DOWNLOAD_RECON_FILES)) for roles in staff]
    [True, False, True]
    >>> len(table)  # two role sets, each under its bitmask and its spelling
    4
    >>> table.can(staff[0], Task.DOWNLOAD_RECON_FILES) == can(staff[0], Task.DOWNLOAD_RECON_FILES)
    True
    >>> table.clear()
    >>> len(table)
    0

    .. versionadded:: 0.2.0
    """

    __slots__ = ("_decided", "_held", "_max", "_tables")

    def __init__(self, *, max_decisions: int = MAX_DECISIONS) -> None:
        self._max = _validate.integer(max_decisions, "max_decisions", minimum=2, maximum=_LARGEST_TABLE)
        tables: tuple[_Table, ...] = tuple((task, {}, {}) for task in _RULES)
        decided: dict[object, _Table] = {table[0]: table for table in tables}
        decided.update({text: decided[task] for text, task in _TASK_BY_TEXT.items()})
        #: Every task's part, under the task and under its usual spellings (:data:`_TASK_BY_TEXT`).
        self._decided: Final = decided
        self._tables: Final = tables
        #: The entries held, counted as they are added (the bound is kept by this count).
        self._held = 0

    @property
    def max_decisions(self) -> int:
        """The most entries the table holds before it starts again."""
        return self._max

    def __len__(self) -> int:
        """The entries the table holds: each decision under its bitmask and under each spelling kept."""
        return sum(len(decided) for _, decided, _ in self._tables)

    def __repr__(self) -> str:
        return f"DecisionTable(max_decisions={self._max})"

    def clear(self) -> None:
        """Forget every decision and reason kept."""
        for _, decided, reasons in self._tables:
            decided.clear()
            reasons.clear()
        self._held = 0

    def can(
        self,
        roles: AnyRole | Iterable[AnyRole | str] | str,
        task: AnyTask | str,
        on: dt.date | None = None,
    ) -> Decision:
        """What :func:`can` decides, found in the table when asked before (see the class).

        Args:
            roles: As :func:`can` takes them.
            task: As :func:`can` takes it.
            on: As :func:`can` takes it; a decision by an earlier rule is never kept.

        Returns:
            The :class:`Decision`, equal to ``can(roles, task, on)``.

        Raises:
            InvalidInput: What :func:`can` refuses, as it refuses it.
        """
        if on is None:
            # The roles as the table may know them (``_role_sets.key_of``, inlined): a frozenset as it
            # is, a set by its frozenset, a list or tuple by its items, one role or name as it is; found,
            # they are the roles they were when kept (``_role_sets.read``), in the part of this very task
            # (or of the task a plain string names). Not found, the key goes on to the careful path, which
            # keeps it. (Checking a set first costs a frozenset more than it saves a set: measured.)
            known = type(roles)
            if known is frozenset:
                key: object = roles
            elif known is set:
                key = frozenset(roles)  # type: ignore[arg-type]
            elif known is list or known is tuple:
                key = tuple(roles)  # type: ignore[arg-type]
            elif known in _KEYED_AS_IS:
                key = roles
            else:
                return self._decide(roles, task, None)
            try:
                found, decided, _ = self._decided[task]
                decision = decided[key]  # a subscript, faster than get() when found
            except Exception:  # noqa: BLE001, S110 - not seen yet, or a task or item that cannot be hashed or compared
                pass
            else:
                if found is task or type(task) is str:
                    return decision
            return self._decide(roles, task, None, key)
        return self._decide(roles, task, on)

    def _decide(self, roles: object, task: object, on: object, key: object = None) -> Decision:
        """The careful path: read the task, the day and the roles (in that order), then decide.

        ``key`` is the roles' spelling as :meth:`can` made it (``_role_sets.key_of``), or ``None``. The
        decision is kept under the role set's bitmask, and under the caller's spelling of it when that
        may be kept (``_role_sets.read``), unless it was made by an earlier rule.
        """
        found = _task(task)
        rule = _RULES[found]
        if on is not None:
            dated = _dated(found, rule, on)
            if dated is not rule:  # an earlier rule: decided afresh, never kept
                return _build(found, dated, mask_of(roles, dated.role_type), None)
        mask, spelling = read(roles, rule.role_type, key)
        if self._held > self._max - 2:  # room for the two keys below
            self.clear()
        _, decided, reasons = self._decided[found]
        decision = decided.get(mask)
        if decision is None:
            decision = decided[mask] = _build(found, rule, mask, reasons)
            self._held += 1
        if spelling is not None and spelling not in decided:
            decided[spelling] = decision
            self._held += 1
        return decision
