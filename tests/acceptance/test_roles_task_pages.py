"""Every billing and support task follows the "Appropriate roles" line of its Partner Center page.

Sources: the pages named below (kvamseek/partner-center @ 85eb3c4, English mirror of
MicrosoftDocs/partner-center-pr), each at its ``**Appropriate roles**:`` line, quoted as printed.
"""

from __future__ import annotations

import pytest

from cspcore.roles import PartnerRole, Task, can, task_rule

#: Names a page prints that are not Partner Center role names, and how cspcore reads them.
READ_AS = {
    "Billing agent": (PartnerRole.BILLING_ADMIN,),
    "Help agent": (PartnerRole.HELPDESK_AGENT,),
    "All users": tuple(PartnerRole),
    "All partners interested in Partner Center": tuple(PartnerRole),
}

SIX_PRICING_ROLES = (
    "Global admin | User management admin | Admin agent | MPN Partner Admin | Sales agent | Billing admin"
)

#: (task, page, the page's role line as printed)
PAGES = [
    (Task.DOWNLOAD_RECON_FILES, "use-the-reconciliation-files.md", "Billing admin | Global admin"),
    (
        Task.READ_LICENSE_BASED_RECON_FILES,
        "license-based-recon-files.md",
        "Global admin | User management admin | Billing admin | Admin agent",
    ),
    (Task.READ_USAGE_BASED_RECON_FILES, "usage-based-recon-files.md", "Account admin | Billing admin"),
    (
        Task.READ_DAILY_RATED_USAGE_RECON_FILES,
        "daily-rated-usage-recon-files.md",
        "Admin agent | Billing admin | Sales agent | Helpdesk agent",
    ),
    (Task.READ_INVOICE_RECON_FILE, "modern-invoice-reconciliation-file.md", "Account admin | Billing agent"),
    (
        Task.READ_RECON_CHARGE_TYPES,
        "recon-file-charge-types.md",
        "Admin agent | Billing admin | Global admin",
    ),
    (Task.VIEW_INVOICES, "read-your-bill.md", "Global admin | Billing admin | Admin agent"),
    (
        Task.MAKE_PAYMENT,
        "make-payment.md",
        "Global admin | User management admin | MPN Partner Admin | Admin agent",
    ),
    (Task.ADD_PAYMENT_METHOD, "add-payment-method.md", "Global admin | MPN Partner admin"),
    (Task.REPLACE_PAYMENT_METHOD, "replace-payment-method.md", "Global admin | MPN Partner admin"),
    (Task.EDIT_PAYMENT_METHOD, "edit-delete-payment-method.md", "Global admin | MPN Partner admin"),
    (Task.REQUEST_CREDIT, "request-credit.md", "Admin agent | Global admin"),
    (Task.VIEW_CREDIT_LIMIT, "credit-limit-enforcement.md", "Billing admin"),
    (
        Task.VIEW_AZURE_CREDIT_BALANCE,
        "azure-credit-offer-balance.md",
        "Admin agent | Billing admin | Global admin",
    ),
    (
        Task.VIEW_PARTNER_EARNED_CREDIT,
        "partner-earned-credit.md",
        "Global admin | User management admin | Admin agent | Billing admin | Sales agent",
    ),
    (
        Task.VIEW_TAXES_AND_CREDITS,
        "organization-tax-info.md",
        "Global admin | User management admin | Billing admin | Admin agent | Sales agent",
    ),
    (Task.MANAGE_TAX_EXEMPTIONS, "tax-and-tax-exemptions.md", "Global admin"),
    (Task.UPDATE_BILLING_PROFILE, "update-address-and-tax-details.md", "Global admin"),
    (Task.SUBMIT_WITHHOLDING_TAX_FORM, "withholding-tax-credit-form.md", "Account admin | Billing admin"),
    (
        Task.CHANGE_BILLING_FREQUENCY,
        "billing-frequency-changes.md",
        "Admin agent | Billing admin | Global admin",
    ),
    (
        Task.PURCHASE_SUBSCRIPTION,
        "create-a-new-subscription.md",
        "Admin agent | Billing admin | Global admin | Helpdesk agent | Sales agent",
    ),
    (
        Task.CHANGE_LICENSE_QUANTITY,
        "add-licenses-or-services-to-an-existing-subscription.md",
        "Global admin | User management admin | Admin agent | Sales agent | Helpdesk agent",
    ),
    (
        Task.CANCEL_SUBSCRIPTION,
        "new-commerce-cancellation-policy.md",
        "Admin agent | Sales agent | Global admin",
    ),
    (
        Task.SUSPEND_OR_REACTIVATE_SUBSCRIPTION,
        "create-a-new-subscription.md",
        "Admin agent | Billing admin | Global admin | Helpdesk agent | Sales agent",
    ),
    (
        Task.UPGRADE_SUBSCRIPTION,
        "create-a-new-subscription.md",
        "Admin agent | Billing admin | Global admin | Helpdesk agent | Sales agent",
    ),
    (
        Task.SCHEDULE_RENEWAL_CHANGES,
        "create-a-new-subscription.md",
        "Admin agent | Billing admin | Global admin | Helpdesk agent | Sales agent",
    ),
    (
        Task.ALIGN_END_DATES,
        "align-subscription-end-dates.md",
        "Admin agent | Billing admin | Global admin | Helpdesk agent | Sales agent",
    ),
    (
        Task.OFFER_TRIALS,
        "offer-your-customers-trials-of-microsoft-products.md",
        "Global admin | User management admin | Sales agent",
    ),
    (Task.BUY_AZURE_RESERVATIONS, "azure-reservations-buying.md", "Admin agent | Sales agent"),
    (
        Task.MANAGE_AZURE_RESERVATIONS,
        "azure-reservations-manage.md",
        "Admin agent | Global admin | Helpdesk agent | Sales agent | User management admin",
    ),
    (
        Task.MANAGE_AZURE_SAVINGS_PLANS,
        "azure-savings-plan.md",
        "Admin agent | Global admin | Helpdesk agent | User management admin",
    ),
    (Task.BUY_SOFTWARE_SUBSCRIPTIONS, "csp-software-subscriptions.md", "Admin agent | Global admin"),
    (Task.BUY_PERPETUAL_SOFTWARE, "csp-on-premises-software.md", "Admin agent | Global admin"),
    (Task.BUY_MARKETPLACE_PRODUCTS, "csp-commercial-marketplace-purchase.md", "Global admin | Admin agent"),
    (
        Task.PURCHASE_AZURE_PLAN,
        "purchase-azure-plan.md",
        "Global admin | User management admin | Sales agent",
    ),
    (Task.SET_AZURE_SPENDING_BUDGET, "set-an-azure-spending-budget-for-your-customers.md", "Admin agent"),
    (
        Task.VIEW_PRICING,
        "pricing-and-offers.md",
        SIX_PRICING_ROLES,
    ),
    (
        Task.VIEW_AZURE_PRICE_LIST,
        "azure-plan-price-list.md",
        "Admin agent | Billing admin | Global admin | Helpdesk agent | Sales agent | User management admin",
    ),
    (
        Task.VIEW_SOFTWARE_PRICING,
        "software-pricing.md",
        SIX_PRICING_ROLES,
    ),
    (Task.VIEW_PROMOTIONS, "promotions.md", "Admin agent | MPN Partner Admin | Billing admin | Sales agent"),
    (
        Task.PROVIDE_BILLING_SUPPORT,
        "provide-billing-support.md",
        "Global admin | User management admin | Helpdesk agent | Billing admin | Sales agent",
    ),
    (Task.CREATE_CUSTOMER_SUPPORT_REQUEST, "customer-support.md", "Helpdesk agent"),
    (Task.GET_SUPPORT_FROM_MICROSOFT, "support-from-microsoft.md", "Helpdesk agent"),
    (Task.SCHEDULE_SUPPORT_APPOINTMENT, "schedule-support-appointment.md", "All users"),
    (
        Task.CHECK_SERVICE_HEALTH,
        "check-service-health.md",
        "Admin agent | Global admin | Helpdesk agent | Sales agent",
    ),
    (Task.GET_LICENSING_SUPPORT, "support-resources-licensing.md", "Help agent"),
    (
        Task.CREATE_PARTNER_SUPPORT_TICKET,
        "report-problems-with-partner-center.md",
        "All partners interested in Partner Center",
    ),
    (
        Task.ESCALATE_TO_MICROSOFT,
        "escalating-to-microsoft.md",
        "Admin agent | Global admin | Sales agent | Helpdesk agent",
    ),
    (
        Task.ASSIGN_SUPPORT_CONTACT,
        "assign-support-contacts.md",
        "Admin agent | Global admin | Helpdesk agent",
    ),
]


def read_role_line(line: str) -> frozenset[PartnerRole]:
    """The roles a printed role line names."""
    if line in READ_AS:
        return frozenset(READ_AS[line])
    roles: set[PartnerRole] = set()
    for name in line.split(" | "):
        roles.update(READ_AS[name] if name in READ_AS else (PartnerRole.lookup(name),))
    return frozenset(roles)


@pytest.mark.parametrize(("task", "page", "line"), PAGES, ids=[task.value for task, _, _ in PAGES])
def test_the_task_takes_its_pages_role_line(task: Task, page: str, line: str) -> None:
    rule = task_rule(task)
    assert (rule.source.document, rule.source.section) == (page, "Appropriate roles")
    assert rule.roles == read_role_line(line)


#: (task, the other page, its role line as printed): pages that name other roles for the same work.
DISAGREEING = [
    (
        Task.READ_DAILY_RATED_USAGE_RECON_FILES,
        "use-the-reconciliation-files.md",
        "Billing admin | Global admin",
    ),
    (Task.READ_LICENSE_BASED_RECON_FILES, "use-the-reconciliation-files.md", "Billing admin | Global admin"),
    (
        Task.VIEW_INVOICES,
        "understand-your-invoice.md",
        "Global admin | User management admin | Billing admin | Admin agent | Sales agent",
    ),
    (Task.VIEW_INVOICES, "understand-invoice-terms.md", "Global admin | MPN Partner admin"),
    (
        Task.CANCEL_SUBSCRIPTION,
        "create-a-new-subscription.md",
        "Admin agent | Billing admin | Global admin | Helpdesk agent | Sales agent",
    ),
    (Task.BUY_MARKETPLACE_PRODUCTS, "sell-marketplace-products.md", "Sales agent"),
    (Task.VIEW_PROMOTIONS, "new-commerce-promotions.md", "Admin agent | Sales agent | Global admin"),
]


@pytest.mark.parametrize(("task", "other", "line"), DISAGREEING)
def test_the_decision_cites_the_other_page_and_its_roles(task: Task, other: str, line: str) -> None:
    decision = can(frozenset(), task)
    cited = {
        (r.source.document if r.source else ""): r.params["other_roles"]
        for r in decision.reasons
        if r.code == "roles.task.pages_disagree"
    }
    assert frozenset(cited[other]) == read_role_line(line)
