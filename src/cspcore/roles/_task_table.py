"""The task table: each task's rule from its Partner Center page (internal to :mod:`cspcore.roles.tasks`).

One entry per :class:`~cspcore.roles.tasks.Task`: the roles its page's "Appropriate roles" line names,
the overview table's row where one matches, and other pages that name other roles for the same work.
"""

from __future__ import annotations

from typing import Final

from cspcore.explain import Source
from cspcore.roles.catalog import PartnerRole
from cspcore.roles.task_values import Task, TaskRule

__all__ = ["RULES"]

_OVERVIEW: Final = "permissions-overview.md"

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


RULES: Final[dict[Task, TaskRule]] = {
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
