"""Partner-side tasks and the Partner Center roles that may perform each.

Each :class:`Task` maps to the roles named on its Partner Center page (the "Appropriate roles" line
near the top of the page). Where the page and the overview table in ``permissions-overview.md``
disagree, the page wins, as the domain notes recommend (``microsoft-csp.md`` §3.1), and
:func:`task_rule` records both so that a decision can say so. Where another task page covers the same
work and names other roles, the page on the task's own subject wins, and the other page is kept as an
alternative (:attr:`TaskRule.other_sources`) that a decision reports; between equally specific pages,
the one naming fewer roles wins (deny by default). Tasks without a page of their own take the roles of
the overview table's row.

A rule may also record the roles an earlier version of its page named, with the date that version
ended (:class:`EarlierRoles`); ``task_rule(task, on=day)`` gives the version in force on that day.

>>> from cspcore.roles import Task, PartnerRole, task_rule
>>> rule = task_rule(Task.DOWNLOAD_RECON_FILES)
>>> sorted(role.name for role in rule.roles)
['BILLING_ADMIN', 'GLOBAL_ADMIN']
>>> rule.source.cite()
'Partner Center: use-the-reconciliation-files.md, Appropriate roles'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import itertools
import typing
from typing import Final, TypeAlias

import attrs

from cspcore import _validate
from cspcore.enums import CspEnum
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Source
from cspcore.roles.catalog import PartnerRole

__all__ = ["OVERVIEW_SOURCE", "EarlierRoles", "OtherSource", "Task", "TaskRule", "task_rule"]

_OVERVIEW: Final = "permissions-overview.md"

#: The overview table's section whose roles :attr:`TaskRule.overview_roles` records.
OVERVIEW_SOURCE: Final = Source(document=_OVERVIEW, section="Manage CSP commercial transactions")


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
    # Billing: reconciliation files, invoices, payments, credit and tax.
    READ_LICENSE_BASED_RECON_FILES = "readLicenseBasedReconFiles"
    READ_USAGE_BASED_RECON_FILES = "readUsageBasedReconFiles"
    READ_DAILY_RATED_USAGE_RECON_FILES = "readDailyRatedUsageReconFiles"
    READ_INVOICE_RECON_FILE = "readInvoiceReconFile"
    READ_RECON_CHARGE_TYPES = "readReconChargeTypes"
    MAKE_PAYMENT = "makePayment"
    REPLACE_PAYMENT_METHOD = "replacePaymentMethod"
    EDIT_PAYMENT_METHOD = "editPaymentMethod"
    VIEW_AZURE_CREDIT_BALANCE = "viewAzureCreditBalance"
    VIEW_PARTNER_EARNED_CREDIT = "viewPartnerEarnedCredit"
    VIEW_TAXES_AND_CREDITS = "viewTaxesAndCredits"
    MANAGE_TAX_EXEMPTIONS = "manageTaxExemptions"
    UPDATE_BILLING_PROFILE = "updateBillingProfile"
    SUBMIT_WITHHOLDING_TAX_FORM = "submitWithholdingTaxForm"
    # Billing: a subscription's life.
    PURCHASE_SUBSCRIPTION = "purchaseSubscription"
    CHANGE_LICENSE_QUANTITY = "changeLicenseQuantity"
    CANCEL_SUBSCRIPTION = "cancelSubscription"
    SUSPEND_OR_REACTIVATE_SUBSCRIPTION = "suspendOrReactivateSubscription"
    UPGRADE_SUBSCRIPTION = "upgradeSubscription"
    SCHEDULE_RENEWAL_CHANGES = "scheduleRenewalChanges"
    ALIGN_END_DATES = "alignEndDates"
    OFFER_TRIALS = "offerTrials"
    BUY_AZURE_RESERVATIONS = "buyAzureReservations"
    MANAGE_AZURE_RESERVATIONS = "manageAzureReservations"
    MANAGE_AZURE_SAVINGS_PLANS = "manageAzureSavingsPlans"
    BUY_SOFTWARE_SUBSCRIPTIONS = "buySoftwareSubscriptions"
    BUY_PERPETUAL_SOFTWARE = "buyPerpetualSoftware"
    BUY_MARKETPLACE_PRODUCTS = "buyMarketplaceProducts"
    PURCHASE_AZURE_PLAN = "purchaseAzurePlan"
    SET_AZURE_SPENDING_BUDGET = "setAzureSpendingBudget"
    # Billing: pricing and offers.
    VIEW_AZURE_PRICE_LIST = "viewAzurePriceList"
    VIEW_SOFTWARE_PRICING = "viewSoftwarePricing"
    VIEW_PROMOTIONS = "viewPromotions"
    # Support.
    CREATE_CUSTOMER_SUPPORT_REQUEST = "createCustomerSupportRequest"
    GET_SUPPORT_FROM_MICROSOFT = "getSupportFromMicrosoft"
    SCHEDULE_SUPPORT_APPOINTMENT = "scheduleSupportAppointment"
    CHECK_SERVICE_HEALTH = "checkServiceHealth"
    GET_LICENSING_SUPPORT = "getLicensingSupport"


def _partner_roles(value: object, field: str) -> frozenset[PartnerRole]:
    """A frozenset of Partner Center roles (a frozenset is finite and holds what it is given)."""
    roles: frozenset[object] = _validate.instance(value, frozenset, field)
    if not all(isinstance(role, PartnerRole) for role in roles):
        raise InvalidInput(field, "expected a frozenset of PartnerRole", value, code=ErrorCode.WRONG_TYPE)
    return typing.cast("frozenset[PartnerRole]", roles)


#: Another source's roles for the same work: the page (or table row) and the roles it names.
OtherSource: TypeAlias = tuple[Source, frozenset[PartnerRole]]


def _other_sources(value: object, field: str) -> tuple[OtherSource, ...]:
    """A tuple of (Source, frozenset of PartnerRole) pairs."""
    pairs: tuple[object, ...] = _validate.instance(value, tuple, field)
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2 and isinstance(pair[0], Source)):
            raise InvalidInput(
                field, "expected (Source, frozenset of PartnerRole) pairs", pair, code=ErrorCode.WRONG_TYPE
            )
        _partner_roles(pair[1], field)
    return typing.cast("tuple[OtherSource, ...]", pairs)


@attrs.frozen(kw_only=True)
class EarlierRoles:
    """The roles an earlier version of a task's page named, and the day that version ended.

    Args:
        until: The first day the next version applies (the version applies to days before it).
        roles: The roles the earlier version named.
        source: The earlier version (page and section; the section may name the version).

    Raises:
        InvalidInput: An ``until`` that is not a date, ``roles`` that are not a frozenset of
            :class:`PartnerRole`, or a ``source`` that is not a :class:`Source`.

    >>> import datetime as dt
    >>> old = EarlierRoles(
    ...     until=dt.date(2022, 1, 1),
    ...     roles=frozenset({PartnerRole.GLOBAL_ADMIN}),
    ...     source=Source(document="request-credit.md", section="Appropriate roles (2021)"),
    ... )
    >>> old.until.year
    2022
    """

    until: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    roles: frozenset[PartnerRole] = attrs.field(validator=_validate.attrs_validator(_partner_roles))
    source: Source = attrs.field(validator=_validate.attrs_instance_of(Source))


def _earlier(value: object, field: str) -> tuple[EarlierRoles, ...]:
    """A tuple of :class:`EarlierRoles`, oldest first, each ending on a later day than the one before."""
    versions: tuple[object, ...] = _validate.instance(value, tuple, field)
    if not all(isinstance(version, EarlierRoles) for version in versions):
        raise InvalidInput(field, "expected a tuple of EarlierRoles", value, code=ErrorCode.WRONG_TYPE)
    checked = typing.cast("tuple[EarlierRoles, ...]", versions)
    for before, after in itertools.pairwise(checked):
        if after.until <= before.until:
            raise InvalidInput(
                field,
                "earlier versions must end on strictly later days, oldest first",
                after.until,
                code=ErrorCode.OUT_OF_ORDER,
            )
    return checked


@attrs.frozen(kw_only=True)
class TaskRule:
    """Who may perform one task, and where that comes from.

    Args:
        task: The task.
        roles: The roles that may perform it (the page's list, or the overview's without a page).
        source: The page and section the roles come from.
        overview_roles: The roles the overview table (``permissions-overview.md``, section
            "Manage CSP commercial transactions") gives for the same work, or None when the table
            has no matching row.
        other_sources: Other pages (or overview rows) that cover the same work, each with the roles it
            names; those that name other roles than ``roles`` are reported by every decision.
        earlier: The roles earlier versions of the page named, oldest first (see :class:`EarlierRoles`).

    Raises:
        InvalidInput: A ``task`` that is not a :class:`Task`, ``roles`` or ``overview_roles`` that
            are not a frozenset of :class:`PartnerRole`, a ``source`` that is not a :class:`Source`,
            ``other_sources`` that are not (Source, roles) pairs, or ``earlier`` versions that are not
            :class:`EarlierRoles` ending on strictly later days (code ``out_of_order``).
    """

    task: Task = attrs.field(validator=_validate.attrs_instance_of(Task))
    roles: frozenset[PartnerRole] = attrs.field(validator=_validate.attrs_validator(_partner_roles))
    source: Source = attrs.field(validator=_validate.attrs_instance_of(Source))
    overview_roles: frozenset[PartnerRole] | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_validate.optional(_partner_roles))
    )
    other_sources: tuple[OtherSource, ...] = attrs.field(
        default=(), validator=_validate.attrs_validator(_other_sources)
    )
    earlier: tuple[EarlierRoles, ...] = attrs.field(default=(), validator=_validate.attrs_validator(_earlier))

    @property
    def page_overrides_overview(self) -> bool:
        """Whether the task page names other roles than the overview table.

        >>> task_rule(Task.VIEW_PRICING).page_overrides_overview
        True
        """
        return self.overview_roles is not None and self.overview_roles != self.roles

    @property
    def alternatives(self) -> tuple[OtherSource, ...]:
        """Every other source for the same work: the overview table's row first, then the other pages.

        >>> [source.document for source, _ in task_rule(Task.CANCEL_SUBSCRIPTION).alternatives]
        ['permissions-overview.md', 'create-a-new-subscription.md']
        """
        overview: tuple[OtherSource, ...] = (
            () if self.overview_roles is None else ((OVERVIEW_SOURCE, self.overview_roles),)
        )
        return overview + self.other_sources

    @property
    def disagreements(self) -> tuple[OtherSource, ...]:
        """The other sources that name other roles than the rule follows, in :attr:`alternatives` order.

        >>> [
        ...     source.document
        ...     for source, _ in task_rule(Task.READ_DAILY_RATED_USAGE_RECON_FILES).disagreements
        ... ]
        ['use-the-reconciliation-files.md']
        """
        return tuple(pair for pair in self.alternatives if pair[1] != self.roles)

    def in_force(self, on: dt.date) -> TaskRule:
        """The rule as it stood on a day: an earlier version's roles before it ended, else this rule.

        An earlier version carries no alternatives: what other pages said then is not recorded.

        Args:
            on: The day asked about.

        Returns:
            This rule, or the earlier version in force on ``on``.

        Raises:
            InvalidInput: ``on`` is not a date.

        >>> import datetime as dt
        >>> rule = task_rule(Task.REQUEST_CREDIT)
        >>> rule.in_force(dt.date(2020, 1, 1)) == rule
        True
        """
        day = _validate.date(on, "on")
        for version in self.earlier:
            if day < version.until:
                return TaskRule(task=self.task, roles=version.roles, source=version.source)
        return self


_R = PartnerRole
_GA, _AA, _SA, _HA, _BA, _UMA = (
    _R.GLOBAL_ADMIN,
    _R.ADMIN_AGENT,
    _R.SALES_AGENT,
    _R.HELPDESK_AGENT,
    _R.BILLING_ADMIN,
    _R.USER_MANAGEMENT_ADMIN,
)
_ACC, _MPN = _R.ACCOUNT_ADMIN, _R.MPN_PARTNER_ADMIN

#: Pages several tasks are compared against (kvamseek/partner-center @ 85eb3c4).
_RECON: Final = ("use-the-reconciliation-files.md", (_BA, _GA))
_MANAGE: Final = ("create-a-new-subscription.md", (_AA, _BA, _GA, _HA, _SA))
#: "All partners interested in Partner Center" / "All users": every Partner Center role.
_EVERYONE: Final = tuple(PartnerRole)


def _page(
    task: Task,
    document: str,
    *roles: PartnerRole,
    overview: tuple[PartnerRole, ...] | None = None,
    others: tuple[tuple[str, tuple[PartnerRole, ...]], ...] = (),
) -> TaskRule:
    return TaskRule(
        task=task,
        roles=frozenset(roles),
        source=Source(document=document, section="Appropriate roles"),
        overview_roles=None if overview is None else frozenset(overview),
        other_sources=tuple(
            (Source(document=other, section="Appropriate roles"), frozenset(other_roles))
            for other, other_roles in others
        ),
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
        # read-your-bill.md wins over the two other invoice pages: equally specific, it names fewer roles.
        _page(
            Task.VIEW_INVOICES,
            "read-your-bill.md",
            *(_GA, _BA, _AA),
            overview=(_GA, _BA, _AA),
            others=(
                ("understand-your-invoice.md", (_GA, _UMA, _BA, _AA, _SA)),
                ("understand-invoice-terms.md", (_GA, _MPN)),
            ),
        ),
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
        # Reconciliation files: each file's own page wins over the page on reconciliation files in
        # general, which names Billing admin and Global admin only.
        _page(
            Task.READ_LICENSE_BASED_RECON_FILES,
            "license-based-recon-files.md",
            *(_GA, _UMA, _BA, _AA),
            others=(_RECON,),
        ),
        _page(Task.READ_USAGE_BASED_RECON_FILES, "usage-based-recon-files.md", _ACC, _BA, others=(_RECON,)),
        _page(
            Task.READ_DAILY_RATED_USAGE_RECON_FILES,
            "daily-rated-usage-recon-files.md",
            *(_AA, _BA, _SA, _HA),
            others=(_RECON,),
        ),
        # The page names "Account admin | Billing agent"; Partner Center has no Billing agent role, and
        # cspcore reads it as Billing admin, the billing role of every other reconciliation page.
        _page(
            Task.READ_INVOICE_RECON_FILE, "modern-invoice-reconciliation-file.md", _ACC, _BA, others=(_RECON,)
        ),
        _page(Task.READ_RECON_CHARGE_TYPES, "recon-file-charge-types.md", _AA, _BA, _GA, others=(_RECON,)),
        # Payments, credit and tax.
        _page(Task.MAKE_PAYMENT, "make-payment.md", _GA, _UMA, _MPN, _AA),
        _page(Task.REPLACE_PAYMENT_METHOD, "replace-payment-method.md", _GA, _MPN),
        _page(Task.EDIT_PAYMENT_METHOD, "edit-delete-payment-method.md", _GA, _MPN),
        _page(Task.VIEW_AZURE_CREDIT_BALANCE, "azure-credit-offer-balance.md", _AA, _BA, _GA),
        _page(Task.VIEW_PARTNER_EARNED_CREDIT, "partner-earned-credit.md", _GA, _UMA, _AA, _BA, _SA),
        _page(Task.VIEW_TAXES_AND_CREDITS, "organization-tax-info.md", _GA, _UMA, _BA, _AA, _SA),
        _page(Task.MANAGE_TAX_EXEMPTIONS, "tax-and-tax-exemptions.md", _GA),
        _page(Task.UPDATE_BILLING_PROFILE, "update-address-and-tax-details.md", _GA),
        _page(Task.SUBMIT_WITHHOLDING_TAX_FORM, "withholding-tax-credit-form.md", _ACC, _BA),
        # A subscription's life: "Manage customer subscriptions" (create-a-new-subscription.md) has a
        # section for each action; where an action has a page of its own, that page wins.
        _page(Task.PURCHASE_SUBSCRIPTION, _MANAGE[0], *_MANAGE[1], overview=(_AA, _SA)),
        _page(
            Task.CHANGE_LICENSE_QUANTITY,
            "add-licenses-or-services-to-an-existing-subscription.md",
            *(_GA, _UMA, _AA, _SA, _HA),
            others=(_MANAGE,),
        ),
        # The cancellation policy page wins; the overview's "Subscription management" rows and the
        # "Cancel a subscription" section of the management page name other roles.
        _page(
            Task.CANCEL_SUBSCRIPTION,
            "new-commerce-cancellation-policy.md",
            *(_AA, _SA, _GA),
            overview=(_AA, _SA),
            others=(_MANAGE,),
        ),
        _page(
            Task.SUSPEND_OR_REACTIVATE_SUBSCRIPTION,
            _MANAGE[0],
            *_MANAGE[1],
            others=(("subscription-lifecycle.md", _MANAGE[1]),),
        ),
        _page(Task.UPGRADE_SUBSCRIPTION, _MANAGE[0], *_MANAGE[1]),
        _page(Task.SCHEDULE_RENEWAL_CHANGES, _MANAGE[0], *_MANAGE[1]),
        _page(Task.ALIGN_END_DATES, "align-subscription-end-dates.md", *_MANAGE[1]),
        _page(
            Task.OFFER_TRIALS,
            "offer-your-customers-trials-of-microsoft-products.md",
            *(_GA, _UMA, _SA),
            others=(_MANAGE,),
        ),
        _page(
            Task.BUY_AZURE_RESERVATIONS,
            "azure-reservations-buying.md",
            *(_AA, _SA),
            others=(("azure-reservations.md", (_AA, _GA, _HA, _SA, _UMA)),),
        ),
        _page(Task.MANAGE_AZURE_RESERVATIONS, "azure-reservations-manage.md", _AA, _GA, _HA, _SA, _UMA),
        _page(Task.MANAGE_AZURE_SAVINGS_PLANS, "azure-savings-plan.md", _AA, _GA, _HA, _UMA),
        _page(Task.BUY_SOFTWARE_SUBSCRIPTIONS, "csp-software-subscriptions.md", _AA, _GA),
        _page(Task.BUY_PERPETUAL_SOFTWARE, "csp-on-premises-software.md", _AA, _GA),
        _page(
            Task.BUY_MARKETPLACE_PRODUCTS,
            "csp-commercial-marketplace-purchase.md",
            *(_GA, _AA),
            others=(("sell-marketplace-products.md", (_SA,)),),
        ),
        _page(
            Task.PURCHASE_AZURE_PLAN,
            "purchase-azure-plan.md",
            *(_GA, _UMA, _SA),
            others=(("azure-plan-get-started.md", (_AA, _SA)),),
        ),
        _page(Task.SET_AZURE_SPENDING_BUDGET, "set-an-azure-spending-budget-for-your-customers.md", _AA),
        # Pricing and offers.
        _page(Task.VIEW_AZURE_PRICE_LIST, "azure-plan-price-list.md", _AA, _BA, _GA, _HA, _SA, _UMA),
        _page(Task.VIEW_SOFTWARE_PRICING, "software-pricing.md", _GA, _UMA, _AA, _MPN, _SA, _BA),
        _page(
            Task.VIEW_PROMOTIONS,
            "promotions.md",
            *(_AA, _MPN, _BA, _SA),
            others=(("new-commerce-promotions.md", (_AA, _SA, _GA)),),
        ),
        # Support. customer-support.md also points to the GDAP table for the customer's tenant
        # (GdapTask "Support: Submit support ticket").
        TaskRule(
            task=Task.CREATE_CUSTOMER_SUPPORT_REQUEST,
            roles=frozenset((_HA,)),
            source=Source(document="customer-support.md", section="Appropriate roles"),
            other_sources=(
                (Source(document=_OVERVIEW, section="Help + support: Customers"), frozenset((_HA,))),
            ),
        ),
        _page(Task.GET_SUPPORT_FROM_MICROSOFT, "support-from-microsoft.md", _HA),
        _page(Task.SCHEDULE_SUPPORT_APPOINTMENT, "schedule-support-appointment.md", *_EVERYONE),
        _page(Task.CHECK_SERVICE_HEALTH, "check-service-health.md", _AA, _GA, _HA, _SA),
        # The page names "Help agent"; cspcore reads it as Helpdesk agent.
        _page(Task.GET_LICENSING_SUPPORT, "support-resources-licensing.md", _HA),
        # Page wins: "Get help and contact support" names all partners; the overview's "Help + support"
        # row, with the two Insights roles whose own rows grant "create partner support tickets"
        # (section "View Partner Center Insights data"), leaves out Co-sell solution admin.
        TaskRule(
            task=Task.CREATE_PARTNER_SUPPORT_TICKET,
            roles=frozenset(_EVERYONE),
            source=Source(document="report-problems-with-partner-center.md", section="Appropriate roles"),
            other_sources=(
                (
                    Source(document=_OVERVIEW, section="Help + support; View Partner Center Insights data"),
                    frozenset(_EVERYONE) - {_R.CO_SELL_SOLUTION_ADMIN},
                ),
            ),
        ),
        # No page of their own: the rows of the overview tables in permissions-overview.md.
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
    rule = _RULES[_validate.enum_member(Task, task, "task")]
    return rule if on is None else rule.in_force(on)


def all_rules() -> tuple[TaskRule, ...]:
    """Every task's rule, in :class:`Task` order.

    >>> len(all_rules()) == len(Task)
    True
    """
    return tuple(_RULES[task] for task in Task)
