"""Partner-side tasks and the Partner Center roles that may perform each.

Each :class:`Task` maps to the roles named on its Partner Center page (the "Appropriate roles" line
near the top of the page). Where the page and the overview table in ``permissions-overview.md``
disagree, the page wins, as the domain notes recommend (``microsoft-csp.md`` §3.1), and
:func:`task_rule` records both so that a decision can say so. Tasks without a page of their own take
the roles of the overview table's row.

>>> from cspcore.roles import Task, PartnerRole, task_rule
>>> rule = task_rule(Task.DOWNLOAD_RECON_FILES)
>>> sorted(role.name for role in rule.roles)
['BILLING_ADMIN', 'GLOBAL_ADMIN']
>>> rule.source.cite()
'Partner Center: use-the-reconciliation-files.md, Appropriate roles'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import typing
from typing import Final

import attrs

from cspcore import _validate
from cspcore.enums import CspEnum
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Source
from cspcore.roles.catalog import PartnerRole

__all__ = ["Task", "TaskRule", "task_rule"]

_OVERVIEW: Final = "permissions-overview.md"


class Task(CspEnum):
    """Something a partner's staff does in Partner Center."""

    __hash__ = object.__hash__

    CREATE_CUSTOMER = "createCustomer"
    MANAGE_SUBSCRIPTIONS = "manageSubscriptions"
    DOWNLOAD_RECON_FILES = "downloadReconFiles"
    VIEW_INVOICES = "viewInvoices"
    CHANGE_BILLING_FREQUENCY = "changeBillingFrequency"
    ESCALATE_TO_MICROSOFT = "escalateToMicrosoft"
    ASSIGN_SUPPORT_CONTACT = "assignSupportContact"
    REQUEST_CREDIT = "requestCredit"
    REQUEST_GDAP = "requestGdap"
    PROVIDE_BILLING_SUPPORT = "provideBillingSupport"
    CREATE_PARTNER_SUPPORT_TICKET = "createPartnerSupportTicket"
    MANAGE_PARTNER_USERS = "managePartnerUsers"
    VIEW_PRICING = "viewPricing"
    ADD_PAYMENT_METHOD = "addPaymentMethod"
    VIEW_CREDIT_LIMIT = "viewCreditLimit"
    MANAGE_CUSTOMER_USERS = "manageCustomerUsers"
    ADMINISTER_ON_BEHALF_OF_CUSTOMER = "administerOnBehalfOfCustomer"
    CANCEL_AZURE_SUBSCRIPTION = "cancelAzureSubscription"
    ASSIGN_NON_ENTRA_ROLES = "assignNonEntraRoles"
    MANAGE_LOCATIONS = "manageLocations"
    MANAGE_MEMBERSHIP = "manageMembership"
    MANAGE_ALL_REFERRALS = "manageAllReferrals"
    CREATE_CO_SELL_OPPORTUNITIES = "createCoSellOpportunities"
    MANAGE_BUSINESS_PROFILES = "manageBusinessProfiles"
    PUBLISH_CO_SELL_SOLUTIONS = "publishCoSellSolutions"
    MANAGE_INCENTIVES = "manageIncentives"
    INITIATE_INCENTIVE_CLAIMS = "initiateIncentiveClaims"
    EDIT_BANK_AND_TAX_DETAILS = "editBankAndTaxDetails"
    VIEW_ALL_INSIGHTS_REPORTS = "viewAllInsightsReports"
    VIEW_INSIGHTS_REPORTS = "viewInsightsReports"


def _partner_roles(value: object, field: str) -> frozenset[PartnerRole]:
    """A frozenset of Partner Center roles (a frozenset is finite and holds what it is given)."""
    roles: frozenset[object] = _validate.instance(value, frozenset, field)
    if not all(isinstance(role, PartnerRole) for role in roles):
        raise InvalidInput(field, "expected a frozenset of PartnerRole", value, code=ErrorCode.WRONG_TYPE)
    return typing.cast("frozenset[PartnerRole]", roles)


@attrs.frozen(kw_only=True)
class TaskRule:
    """Who may perform one task, and where that comes from.

    Args:
        task: The task.
        roles: The roles that may perform it (the page's list, or the overview's without a page).
        source: The page and section the roles come from.
        overview_roles: The roles the overview table (``permissions-overview.md``) gives for the
            same work, or None when the table has no matching row.

    Raises:
        InvalidInput: A ``task`` that is not a :class:`Task`, ``roles`` or ``overview_roles`` that
            are not a frozenset of :class:`PartnerRole`, or a ``source`` that is not a :class:`Source`.
    """

    task: Task = attrs.field(validator=_validate.attrs_instance_of(Task))
    roles: frozenset[PartnerRole] = attrs.field(validator=_validate.attrs_validator(_partner_roles))
    source: Source = attrs.field(validator=_validate.attrs_instance_of(Source))
    overview_roles: frozenset[PartnerRole] | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_validate.optional(_partner_roles))
    )

    @property
    def page_overrides_overview(self) -> bool:
        """Whether the task page names other roles than the overview table.

        >>> task_rule(Task.VIEW_PRICING).page_overrides_overview
        True
        """
        return self.overview_roles is not None and self.overview_roles != self.roles


_R = PartnerRole
_GA, _AA, _SA, _HA, _BA, _UMA = (
    _R.GLOBAL_ADMIN,
    _R.ADMIN_AGENT,
    _R.SALES_AGENT,
    _R.HELPDESK_AGENT,
    _R.BILLING_ADMIN,
    _R.USER_MANAGEMENT_ADMIN,
)


def _page(
    task: Task, document: str, *roles: PartnerRole, overview: tuple[PartnerRole, ...] | None = None
) -> TaskRule:
    return TaskRule(
        task=task,
        roles=frozenset(roles),
        source=Source(document=document, section="Appropriate roles"),
        overview_roles=None if overview is None else frozenset(overview),
    )


def _table(task: Task, section: str, *roles: PartnerRole) -> TaskRule:
    return TaskRule(task=task, roles=frozenset(roles), source=Source(document=_OVERVIEW, section=section))


_RULES: Final[dict[Task, TaskRule]] = {
    rule.task: rule
    for rule in (
        # The "Appropriate roles" lines of the task pages (kvamseek/partner-center @ 85eb3c4).
        # ``overview=`` gives the overview table's roles for the same work; where they differ, the
        # page wins (microsoft-csp.md section 3.1: "treat page lists as the authority").
        # Page wins: the overview's Customers row "Customer management" names Admin agent only.
        _page(Task.CREATE_CUSTOMER, "add-a-new-customer.md", _GA, _UMA, _AA, _SA, overview=(_AA,)),
        # Page wins: the overview's "Subscription management" rows name Admin agent and Sales agent,
        # and its Helpdesk agent row "Manage subscriptions and billing issues"; not Billing or Global admin.
        _page(
            Task.MANAGE_SUBSCRIPTIONS,
            "create-a-new-subscription.md",
            *(_AA, _BA, _GA, _HA, _SA),
            overview=(_AA, _SA, _HA),
        ),
        _page(Task.DOWNLOAD_RECON_FILES, "use-the-reconciliation-files.md", _BA, _GA, overview=(_GA, _BA)),
        _page(Task.VIEW_INVOICES, "read-your-bill.md", _GA, _BA, _AA, overview=(_GA, _BA, _AA)),
        _page(Task.CHANGE_BILLING_FREQUENCY, "billing-frequency-changes.md", _AA, _BA, _GA),
        _page(Task.ESCALATE_TO_MICROSOFT, "escalating-to-microsoft.md", _AA, _GA, _SA, _HA),
        _page(Task.ASSIGN_SUPPORT_CONTACT, "assign-support-contacts.md", _AA, _GA, _HA),
        _page(Task.REQUEST_CREDIT, "request-credit.md", _AA, _GA),
        _page(Task.REQUEST_GDAP, "gdap-obtain-admin-permissions-to-manage-customer.md", _AA, overview=(_AA,)),
        _page(Task.PROVIDE_BILLING_SUPPORT, "provide-billing-support.md", _GA, _UMA, _HA, _BA, _SA),
        # Page wins: the overview names Global admin ("View, create, and manage all partner users") and
        # User management admin ("View, create, and manage users"), not Account admin.
        _page(
            Task.MANAGE_PARTNER_USERS,
            "create-user-accounts-and-set-permissions.md",
            *(_R.ACCOUNT_ADMIN, _GA, _UMA),
            overview=(_GA, _UMA),
        ),
        # Page wins: the overview's Pricing rows name Global admin, Admin agent and Sales agent, its
        # Billing row "View pricing" Billing admin; the page adds User management admin and MPN Partner Admin.
        _page(
            Task.VIEW_PRICING,
            "pricing-and-offers.md",
            *(_GA, _UMA, _AA, _R.MPN_PARTNER_ADMIN, _SA, _BA),
            overview=(_GA, _AA, _SA, _BA),
        ),
        _page(Task.ADD_PAYMENT_METHOD, "add-payment-method.md", _GA, _R.MPN_PARTNER_ADMIN),
        _page(Task.VIEW_CREDIT_LIMIT, "credit-limit-enforcement.md", _BA),
        _page(Task.MANAGE_CUSTOMER_USERS, "manage-user-accounts.md", _AA),
        # No page of their own: the rows of the overview tables in permissions-overview.md.
        TaskRule(
            task=Task.CREATE_PARTNER_SUPPORT_TICKET,
            # "Help + support" row, plus the two Insights roles whose own rows grant
            # "create partner support tickets" (section "View Partner Center Insights data").
            roles=frozenset(
                (
                    _GA,
                    _R.ACCOUNT_ADMIN,
                    _HA,
                    _R.MPN_PARTNER_ADMIN,
                    _R.INCENTIVES_ADMIN,
                    _R.INCENTIVES_USER,
                    _AA,
                    _UMA,
                    _BA,
                    _R.REFERRALS_ADMIN,
                    _R.REFERRALS_USER,
                    _R.BUSINESS_PROFILE_ADMIN,
                    _SA,
                    _R.EXECUTIVE_REPORT_VIEWER,
                    _R.REPORT_VIEWER,
                )
            ),
            source=Source(document=_OVERVIEW, section="Help + support; View Partner Center Insights data"),
        ),
        _table(Task.ADMINISTER_ON_BEHALF_OF_CUSTOMER, "Manage CSP commercial transactions", _AA),
        _table(Task.CANCEL_AZURE_SUBSCRIPTION, "Manage CSP commercial transactions", _GA),
        _table(
            Task.ASSIGN_NON_ENTRA_ROLES,
            "Manage Microsoft AI Cloud Partner Program membership",
            _R.ACCOUNT_ADMIN,
        ),
        _table(
            Task.MANAGE_LOCATIONS, "Manage Microsoft AI Cloud Partner Program membership", _R.ACCOUNT_ADMIN
        ),
        _table(
            Task.MANAGE_MEMBERSHIP,
            "Manage Microsoft AI Cloud Partner Program membership",
            _R.MPN_PARTNER_ADMIN,
        ),
        _table(Task.MANAGE_ALL_REFERRALS, "Manage referrals", _R.REFERRALS_ADMIN),
        _table(Task.CREATE_CO_SELL_OPPORTUNITIES, "Manage referrals", _R.REFERRALS_ADMIN, _R.REFERRALS_USER),
        _table(
            Task.MANAGE_BUSINESS_PROFILES, "Manage referrals", _R.BUSINESS_PROFILE_ADMIN, _R.REFERRALS_ADMIN
        ),
        _table(Task.PUBLISH_CO_SELL_SOLUTIONS, "Manage referrals", _R.CO_SELL_SOLUTION_ADMIN),
        _table(Task.MANAGE_INCENTIVES, "Manage incentives", _R.INCENTIVES_ADMIN),
        _table(Task.INITIATE_INCENTIVE_CLAIMS, "Manage incentives", _R.INCENTIVES_ADMIN, _R.INCENTIVES_USER),
        _table(Task.EDIT_BANK_AND_TAX_DETAILS, "Manage incentives", _R.INCENTIVES_ADMIN),
        _table(
            Task.VIEW_ALL_INSIGHTS_REPORTS, "View Partner Center Insights data", _R.EXECUTIVE_REPORT_VIEWER
        ),
        _table(
            Task.VIEW_INSIGHTS_REPORTS,
            "View Partner Center Insights data",
            _R.EXECUTIVE_REPORT_VIEWER,
            _R.REPORT_VIEWER,
        ),
    )
}


def task_rule(task: Task | str) -> TaskRule:
    """The rule for one task: the roles that may perform it and their source.

    Args:
        task: A :class:`Task`, or its name or value.

    Returns:
        The task's rule.

    Raises:
        InvalidInput: ``task`` is not a known task.

    >>> sorted(r.value for r in task_rule("requestCredit").roles)
    ['Admin agent', 'Global admin']
    """
    return _RULES[_validate.enum_member(Task, task, "task")]


def all_rules() -> tuple[TaskRule, ...]:
    """Every task's rule, in :class:`Task` order.

    >>> len(all_rules()) == len(Task)
    True
    """
    return tuple(_RULES[task] for task in Task)
