"""Finding a task: search the catalogue by words, list it by area, and read each task's page and roles.

The catalogue has two kinds of task (:class:`~cspcore.roles.Task` in Partner Center,
:class:`~cspcore.roles.GdapTask` in a customer's tenant) and more than a hundred entries, so a user who
thinks "a helpdesk agent files a billing support ticket" needs a way in. :func:`find_tasks` ranks the
tasks whose name, description (the English label, and the labels of a ``locale`` when given), page or
area contain the query's words; :func:`tasks_in` lists an area; :func:`describe_task` gives one task's
:class:`TaskEntry`: its area, description, page (:class:`~cspcore.explain.Source`) and the roles its
page (or Microsoft Entra's role reference, for GDAP) names, least privileged first.

>>> from cspcore.roles import find_tasks
>>> [entry.task.name for entry in find_tasks("support ticket")[:3]]
['CREATE_PARTNER_SUPPORT_TICKET', 'SUPPORT_SUBMIT_SUPPORT_TICKET', 'CREATE_CUSTOMER_SUPPORT_REQUEST']
>>> entry = find_tasks("support ticket")[0]
>>> entry.source.cite(), entry.area.value
('Partner Center: report-problems-with-partner-center.md, Appropriate roles', 'support')

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final, TypeAlias

import attrs

from cspcore import _validate
from cspcore.enums import CspEnum, find_member
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Source
from cspcore.i18n.catalogs import label
from cspcore.roles._order import ORDER, RANK, AnyRole, AnyTask, task_of
from cspcore.roles.catalog import EntraRole, PartnerRole
from cspcore.roles.gdap_tasks import TABLE_SOURCE, GdapCapability, GdapTask, roles_for
from cspcore.roles.tasks import Task, task_rule

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["AnyArea", "TaskArea", "TaskEntry", "describe_task", "find_tasks", "tasks_in"]


class TaskArea(CspEnum):
    """Where in Partner Center a :class:`~cspcore.roles.Task` is done.

    The areas follow the "Workspace" column of the role tables of ``permissions-overview.md``
    (Customers, Pricing, Account settings, Billing, Referrals, Insights, Help + support), with a
    subscription's life apart from billing and the incentives table as its own area. A GDAP task's
    area is its :class:`~cspcore.roles.GdapCapability` (Support, Users, Groups, Licenses).

    >>> TaskArea("Support")
    <TaskArea.SUPPORT: 'support'>
    """

    __hash__ = object.__hash__

    CUSTOMERS = "customers"
    SUBSCRIPTIONS = "subscriptions"
    BILLING = "billing"
    PRICING = "pricing"
    SUPPORT = "support"
    ACCOUNT = "account"
    REFERRALS = "referrals"
    INCENTIVES = "incentives"
    INSIGHTS = "insights"


#: An area of either kind of task.
AnyArea: TypeAlias = TaskArea | GdapCapability

_A = TaskArea
_T = Task
#: Each partner task's area (a test checks that every task has one).
_AREAS: Final[dict[Task, TaskArea]] = {
    **dict.fromkeys(
        (_T.CREATE_CUSTOMER, _T.MANAGE_CUSTOMER_USERS, _T.ADMINISTER_ON_BEHALF_OF_CUSTOMER, _T.REQUEST_GDAP),
        _A.CUSTOMERS,
    ),
    **dict.fromkeys(
        (
            _T.MANAGE_SUBSCRIPTIONS,
            _T.PURCHASE_SUBSCRIPTION,
            _T.CHANGE_LICENSE_QUANTITY,
            _T.CANCEL_SUBSCRIPTION,
            _T.SUSPEND_OR_REACTIVATE_SUBSCRIPTION,
            _T.UPGRADE_SUBSCRIPTION,
            _T.SCHEDULE_RENEWAL_CHANGES,
            _T.ALIGN_END_DATES,
            _T.OFFER_TRIALS,
            _T.BUY_AZURE_RESERVATIONS,
            _T.MANAGE_AZURE_RESERVATIONS,
            _T.MANAGE_AZURE_SAVINGS_PLANS,
            _T.BUY_SOFTWARE_SUBSCRIPTIONS,
            _T.BUY_PERPETUAL_SOFTWARE,
            _T.BUY_MARKETPLACE_PRODUCTS,
            _T.PURCHASE_AZURE_PLAN,
            _T.SET_AZURE_SPENDING_BUDGET,
            _T.CANCEL_AZURE_SUBSCRIPTION,
        ),
        _A.SUBSCRIPTIONS,
    ),
    **dict.fromkeys(
        (
            _T.DOWNLOAD_RECON_FILES,
            _T.VIEW_INVOICES,
            _T.CHANGE_BILLING_FREQUENCY,
            _T.REQUEST_CREDIT,
            # The page's subservice is billing, and the overview table lists it under Billing.
            _T.PROVIDE_BILLING_SUPPORT,
            _T.ADD_PAYMENT_METHOD,
            _T.VIEW_CREDIT_LIMIT,
            _T.READ_LICENSE_BASED_RECON_FILES,
            _T.READ_USAGE_BASED_RECON_FILES,
            _T.READ_DAILY_RATED_USAGE_RECON_FILES,
            _T.READ_INVOICE_RECON_FILE,
            _T.READ_RECON_CHARGE_TYPES,
            _T.MAKE_PAYMENT,
            _T.REPLACE_PAYMENT_METHOD,
            _T.EDIT_PAYMENT_METHOD,
            _T.VIEW_AZURE_CREDIT_BALANCE,
            _T.VIEW_PARTNER_EARNED_CREDIT,
            _T.VIEW_TAXES_AND_CREDITS,
            _T.MANAGE_TAX_EXEMPTIONS,
            _T.UPDATE_BILLING_PROFILE,
            _T.SUBMIT_WITHHOLDING_TAX_FORM,
        ),
        _A.BILLING,
    ),
    **dict.fromkeys(
        (_T.VIEW_PRICING, _T.VIEW_AZURE_PRICE_LIST, _T.VIEW_SOFTWARE_PRICING, _T.VIEW_PROMOTIONS), _A.PRICING
    ),
    **dict.fromkeys(
        (
            _T.ESCALATE_TO_MICROSOFT,
            _T.ASSIGN_SUPPORT_CONTACT,
            _T.CREATE_PARTNER_SUPPORT_TICKET,
            _T.CREATE_CUSTOMER_SUPPORT_REQUEST,
            _T.GET_SUPPORT_FROM_MICROSOFT,
            _T.SCHEDULE_SUPPORT_APPOINTMENT,
            _T.CHECK_SERVICE_HEALTH,
            _T.GET_LICENSING_SUPPORT,
        ),
        _A.SUPPORT,
    ),
    **dict.fromkeys(
        (_T.MANAGE_PARTNER_USERS, _T.ASSIGN_NON_ENTRA_ROLES, _T.MANAGE_LOCATIONS, _T.MANAGE_MEMBERSHIP),
        _A.ACCOUNT,
    ),
    **dict.fromkeys(
        (
            _T.MANAGE_ALL_REFERRALS,
            _T.CREATE_CO_SELL_OPPORTUNITIES,
            _T.MANAGE_BUSINESS_PROFILES,
            _T.PUBLISH_CO_SELL_SOLUTIONS,
        ),
        _A.REFERRALS,
    ),
    **dict.fromkeys(
        (_T.MANAGE_INCENTIVES, _T.INITIATE_INCENTIVE_CLAIMS, _T.EDIT_BANK_AND_TAX_DETAILS), _A.INCENTIVES
    ),
    **dict.fromkeys((_T.VIEW_ALL_INSIGHTS_REPORTS, _T.VIEW_INSIGHTS_REPORTS), _A.INSIGHTS),
}


@attrs.frozen(kw_only=True)
class TaskEntry:
    """One task of the catalogue, as a user looks it up.

    Args:
        task: The task.
        area: Its area: a :class:`TaskArea` for a Partner Center task, the GDAP capability for a
            GDAP task.
        description: What it is, in English (the task's label).
        source: Where its roles come from: the task page's "Appropriate roles" line (or the overview
            table's row) for a Partner Center task, Microsoft's least-privileged table for a GDAP task.
        roles: The roles that may do it, least privileged first (the page's roles; for a GDAP task,
            the roles of the capability model, the table's role among them).

    >>> from cspcore.roles import Task, describe_task
    >>> entry = describe_task(Task.PROVIDE_BILLING_SUPPORT)
    >>> entry.source.document, [role.value for role in entry.roles][:2]
    ('provide-billing-support.md', ['Sales agent', 'Helpdesk agent'])
    """

    task: AnyTask = attrs.field(validator=_validate.attrs_instance_of((Task, GdapTask)))
    area: AnyArea = attrs.field(validator=_validate.attrs_instance_of((TaskArea, GdapCapability)))
    description: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    source: Source = attrs.field(validator=_validate.attrs_instance_of(Source))
    roles: tuple[AnyRole, ...] = attrs.field(
        validator=_validate.attrs_items_of(tuple, (PartnerRole, EntraRole))
    )


def _ranked(roles: Iterable[AnyRole]) -> tuple[AnyRole, ...]:
    """Least privileged first; roles outside the orders (never proposed) last, in catalog order."""
    return tuple(sorted(roles, key=lambda role: (RANK.get(role, len(RANK)), ORDER[role])))


def _entry(task: AnyTask) -> TaskEntry:
    if isinstance(task, Task):
        rule = task_rule(task)
        return TaskEntry(
            task=task,
            area=_AREAS[task],
            description=label(task, locale="en"),
            source=rule.source,
            roles=_ranked(rule.roles),
        )
    return TaskEntry(
        task=task,
        area=task.capability,
        description=label(task, locale="en"),
        source=TABLE_SOURCE,
        roles=_ranked(roles_for(task)),
    )


def describe_task(task: AnyTask | str) -> TaskEntry:
    """One task's entry: area, description, page and roles.

    Args:
        task: A :class:`~cspcore.roles.Task` or :class:`~cspcore.roles.GdapTask`, or a spelling
            of one (a ``Task`` value or name, a ``GdapTask`` name).

    Returns:
        The task's :class:`TaskEntry`.

    Raises:
        InvalidInput: An unknown task (field ``task``, code ``unknown_value``).

    >>> from cspcore.roles import GdapTask
    >>> entry = describe_task(GdapTask.SUPPORT_SUBMIT_SUPPORT_TICKET)
    >>> entry.area.value, entry.description, entry.roles[0].value
    ('Support', 'Support: Submit support ticket', 'Service support administrator')
    """
    return _entry(task_of(task))


def tasks_in(area: AnyArea | str) -> tuple[TaskEntry, ...]:
    """Every task of an area, in catalogue order (Partner Center tasks first, then GDAP rows).

    A name such as ``"support"`` is read as a :class:`TaskArea` and as a GDAP capability, and lists
    the tasks of both; a member lists its own kind only.

    Args:
        area: A :class:`TaskArea`, a :class:`~cspcore.roles.GdapCapability`, or a name of either.

    Returns:
        The entries of the area's tasks.

    Raises:
        InvalidInput: ``area`` names no area (field ``area``, code ``unknown_value``) or is not a
            string or an area (``wrong_type``).

    >>> [entry.task.name for entry in tasks_in(TaskArea.INSIGHTS)]
    ['VIEW_ALL_INSIGHTS_REPORTS', 'VIEW_INSIGHTS_REPORTS']
    >>> len(tasks_in("support")) == len(tasks_in(TaskArea.SUPPORT)) + len(tasks_in(GdapCapability.SUPPORT))
    True
    """
    if isinstance(area, (TaskArea, GdapCapability)):
        areas: frozenset[AnyArea] = frozenset((area,))
    elif isinstance(area, str):
        text = _validate.text(area, "area", max_length=200)
        found = {find_member(TaskArea, text), find_member(GdapCapability, text)} - {None}
        if not found:
            allowed = ", ".join(sorted({a.value.lower() for a in (*TaskArea, *GdapCapability)}))
            raise InvalidInput(
                "area",
                f"no area has this name; expected one of: {allowed}",
                area,
                code=ErrorCode.UNKNOWN_VALUE,
            )
        areas = frozenset(a for a in found if a is not None)
    else:
        raise InvalidInput(
            "area", "expected a TaskArea, a GdapCapability or a name", area, code=ErrorCode.WRONG_TYPE
        )
    return tuple(_entry(task) for task in _ALL if _area_of(task) in areas)


_ALL: Final[tuple[AnyTask, ...]] = (*Task, *GdapTask)


def _area_of(task: AnyTask) -> AnyArea:
    return _AREAS[task] if isinstance(task, Task) else task.capability


# --- search ---------------------------------------------------------------------------------------

_WORD: Final = re.compile(r"[^\W_]+")
_CAMEL: Final = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
#: Words too common to tell tasks apart.
_STOP: Final = frozenset(
    (
        *("a", "an", "and", "any", "as", "at", "by", "do", "for", "from", "i", "in", "into", "is", "it"),
        *("me", "my", "of", "on", "or", "our", "the", "to", "with"),
    )
)
#: How much a word found in each field counts (a prefix match counts half).
_WEIGHTS: Final = {"name": 8, "description": 6, "page": 4, "area": 2}
_MIN_PREFIX: Final = 3
#: Words Partner Center's pages use for the same thing ("Create support tickets" in the overview's
#: Help + support table, "Request support on behalf of customers" in the same table): a synonym
#: counts like a prefix.
_SYNONYMS: Final = {"ticket": frozenset({"request"}), "request": frozenset({"ticket"})}


def _norm(word: str) -> str:
    word = word.casefold()
    if len(word) > _MIN_PREFIX and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]  # plural "tickets" finds "ticket"; both sides are read the same way
    return word


def _words(text: str) -> tuple[str, ...]:
    """The significant words of a text: camelCase and snake_case split, case folded, singular."""
    split = _CAMEL.sub(" ", text)
    return tuple(w for w in (_norm(m) for m in _WORD.findall(split)) if w not in _STOP)


def _fields(task: AnyTask, locale: str | None) -> dict[str, frozenset[str]]:
    entry = _entry(task)
    description = set(_words(entry.description))
    if locale is not None:
        description.update(_words(label(task, locale=locale)))
    if isinstance(task, GdapTask):
        description.update(_words(task.task))
    area_words = set(_words(entry.area.value))
    area_words.update(_words(label(entry.area, locale="en")))
    if locale is not None:
        area_words.update(_words(label(entry.area, locale=locale)))
    return {
        "name": frozenset(_words(task.name)),
        "description": frozenset(description),
        "page": frozenset(w for w in _words(entry.source.document) if w != "md"),
        "area": frozenset(area_words),
    }


def _score(query: tuple[str, ...], fields: dict[str, frozenset[str]]) -> tuple[int, int]:
    """How many query words the task matches, and how well (exact matches in its name count most)."""
    matched = 0
    score = 0
    for word in query:
        best = 0
        for field, words in fields.items():
            weight = _WEIGHTS[field]
            if word in words:
                best = max(best, weight)
            elif (len(word) >= _MIN_PREFIX and any(w.startswith(word) for w in words)) or (
                _SYNONYMS.get(word, frozenset()) & words
            ):
                best = max(best, weight // 2)
        if best:
            matched += 1
            score += best
    return matched, score


def _exact(query: tuple[str, ...], task: AnyTask, locale: str | None) -> bool:
    """Whether the query is the task's name, value or description, word for word."""
    spellings = [task.name, label(task, locale="en")]
    if isinstance(task, Task):
        spellings.append(task.value)
    if locale is not None:
        spellings.append(label(task, locale=locale))
    return any(_words(spelling) == query for spelling in spellings)


def find_tasks(query: str, *, locale: str | None = None, limit: int | None = None) -> tuple[TaskEntry, ...]:
    """The tasks whose name, description, page or area contain the query's words, best first.

    The query is split into words (camelCase and snake_case too, case folded, plurals read as the
    singular, small words such as "a" and "the" dropped). A task matches a word when one of its
    fields holds it, a word starting with it (three letters or more) or a synonym ("ticket" and
    "request", which Partner Center's pages use for the same thing); it is returned when it
    matches at least one word. Tasks are ranked by: the query being the task's own name, value or
    description; then the number of query words matched; then how well they match (a word in the name
    counts most, then the description, the page, the area; a prefix or synonym counts half); then
    catalogue order. The answer depends on the query alone, never on earlier calls.

    Args:
        query: Words, such as ``"support ticket"``, ``"recon files"`` or a task's name.
        locale: Also search the task and area labels of this locale (``"cs_CZ"``); English labels are
            always searched.
        limit: At most this many entries (1 to 1000); all by default.

    Returns:
        The matching tasks' :class:`TaskEntry` values, best first (empty when nothing matches).

    Raises:
        InvalidInput: An empty ``query`` (code ``empty``), one longer than 200 characters
            (``too_long``), or a ``limit`` out of range (``out_of_range``).

    >>> [entry.task.name for entry in find_tasks("invoices")][:2]
    ['VIEW_INVOICES', 'READ_INVOICE_RECON_FILE']
    >>> find_tasks("viewInvoices")[0].task
    <Task.VIEW_INVOICES: 'viewInvoices'>
    """
    text = _validate.text(query, "query", max_length=200)
    if not text.strip():
        raise InvalidInput("query", "must contain a word", query, code=ErrorCode.EMPTY)
    count = None if limit is None else _validate.integer(limit, "limit", minimum=1, maximum=1000)
    if locale is not None:
        locale = _validate.text(locale, "locale", max_length=50)
    words = _words(text)
    ranked: list[tuple[tuple[int, int, int, int], AnyTask]] = []
    for task in _ALL:
        matched, score = _score(words, _fields(task, locale))
        if matched:
            exact = _exact(words, task, locale)
            ranked.append(((-int(exact), -matched, -score, ORDER[task]), task))
    ranked.sort(key=lambda pair: pair[0])
    chosen = ranked if count is None else ranked[:count]
    return tuple(_entry(task) for _, task in chosen)
