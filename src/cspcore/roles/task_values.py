"""Partner-side tasks and their rules as values (:mod:`cspcore.roles.tasks` re-exports every name).

The task table itself is :mod:`cspcore.roles._task_table`; :func:`cspcore.roles.tasks.task_rule` reads it.

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

__all__ = ["OVERVIEW_SOURCE", "EarlierRoles", "OtherSource", "Task", "TaskRule"]

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

        >>> from cspcore.roles import task_rule
        >>> task_rule(Task.VIEW_PRICING).page_overrides_overview
        True
        """
        return self.overview_roles is not None and self.overview_roles != self.roles

    @property
    def alternatives(self) -> tuple[OtherSource, ...]:
        """Every other source for the same work: the overview table's row first, then the other pages.

        >>> from cspcore.roles import task_rule
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

        >>> from cspcore.roles import task_rule
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
        >>> from cspcore.roles import task_rule
        >>> rule = task_rule(Task.REQUEST_CREDIT)
        >>> rule.in_force(dt.date(2020, 1, 1)) == rule
        True
        """
        day = _validate.date(on, "on")
        for version in self.earlier:
            if day < version.until:
                return TaskRule(task=self.task, roles=version.roles, source=version.source)
        return self
