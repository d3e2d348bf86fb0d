"""Each product family's documented cancellation and quantity rules, page by page.

Pages: ``new-commerce-cancellation-policy.md`` (the product table, ms.date 07/27/2023),
``csp-software-subscriptions.md`` ("Canceling a software subscription", "Canceling perpetual
software"), ``create-a-new-subscription.md`` ("Cancel a subscription", "Cancel traditional
license-based subscriptions"), ``align-subscription-end-dates.md`` (coterm exclusions),
``azure-reservations-manage.md``, Azure's ``cancel-savings-plan.md``; the 72-hour SaaS refund is on
the 2024+ Learn page. The window dates are in ``docs/billing.md``, "Rules that changed over time".
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from cspcore.billing import (
    CancellationWindowClosed,
    ProductFamily,
    RefundKind,
    RefundRoute,
    Term,
    cancellation_quote,
    family_policy,
    refund_quote,
    seat_reduction_deadline,
)

if TYPE_CHECKING:
    from cspcore import Reason
    from cspcore.explain import Source

F = ProductFamily


def cited(reason: Reason) -> Source:
    assert reason.source is not None
    return reason.source


ON = dt.date(2023, 7, 27)  # the product table's date

# family, full-refund hours, prorated hours, seat-reduction hours, more seats, coterm, trials, route
POLICIES = [
    # table "License-/seat-based"; billing-basics.md "Subscription cancelation"; create-a-new-subscription.md
    (F.LICENSE_BASED, 24, 168, 168, True, True, True, RefundRoute.NONE),
    # table "Software subscriptions": prorated within seven days, "doesn't allow seat reductions"
    (F.SOFTWARE_SUBSCRIPTION, None, 168, None, False, False, False, RefundRoute.NONE),
    # table "Perpetual software": "Full refund within 30 calendar days of purchase"
    (F.PERPETUAL_SOFTWARE, 720, None, None, False, False, False, RefundRoute.NONE),
    # table "Marketplace offers": "Monthly 24 hours/yearly 14 days" (monthly figure here)
    (F.MARKETPLACE_SAAS, 24, None, None, True, False, True, RefundRoute.NONE),
    # azure-reservations-manage.md: "Select Refund to create a support request for a prorated refund"
    (F.AZURE_RESERVATION, None, None, None, False, False, False, RefundRoute.MICROSOFT_SUPPORT),
    # cancel-savings-plan.md: "All savings plan purchases are final"
    (F.AZURE_SAVINGS_PLAN, None, None, None, False, False, False, RefundRoute.NONE),
]


@pytest.mark.parametrize(
    ("family", "full", "prorated", "reduction", "more_seats", "coterm", "trials", "route"),
    POLICIES,
    ids=[row[0].value for row in POLICIES],
)
def test_each_family_has_the_policy_its_pages_state(  # noqa: PLR0917 - one argument per table column
    family: ProductFamily,
    full: int | None,
    prorated: int | None,
    reduction: int | None,
    more_seats: bool,
    coterm: bool,
    trials: bool,
    route: RefundRoute,
) -> None:
    policy = family_policy(family, on=ON)
    assert (full, prorated, reduction, more_seats, coterm, trials, route) == (
        policy.full_refund.value,
        policy.prorated_refund.value,
        policy.seat_reduction.value,
        policy.quantity_increase.value,
        policy.coterm.value,
        policy.trials.value,
        policy.after_window.value,
    )


def test_coterm_is_only_for_license_based_subscriptions() -> None:
    # align-subscription-end-dates.md: "Coterminosity is only available for license-based new
    # commerce subscriptions ... (for example, third-party, Azure reservations, or software subscriptions)"
    allowed = {family for family in F if family_policy(family, on=ON).coterm.value}
    assert {F.LICENSE_BASED} == allowed
    assert (
        family_policy(F.AZURE_RESERVATION, on=ON).coterm.source.document == "align-subscription-end-dates.md"
    )


H = dt.timedelta(hours=1)
BOUGHT = dt.datetime(2023, 3, 15, 11, tzinfo=dt.UTC)

# family, term, hours after purchase, kind, deadline (hours after purchase, None: no window)
QUOTES = [
    (F.PERPETUAL_SOFTWARE, None, 29 * 24, RefundKind.FULL, 720),  # within 30 days: full refund
    (F.PERPETUAL_SOFTWARE, None, 30 * 24, RefundKind.NONE, 720),  # "can't cancel ... after 30 days"
    (F.SOFTWARE_SUBSCRIPTION, Term.P1Y, 3 * 24, RefundKind.PRORATED, 168),  # "cancel on the third day"
    (F.SOFTWARE_SUBSCRIPTION, Term.P1Y, 168, RefundKind.NONE, 168),  # "isn't available after seven days"
    (F.MARKETPLACE_SAAS, Term.P1M, 23, RefundKind.FULL, 24),  # monthly: "less than 24 hours"
    (F.MARKETPLACE_SAAS, Term.P1M, 25, RefundKind.NONE, 24),  # "scheduled to occur at renewal"
    (F.MARKETPLACE_SAAS, Term.P1Y, 13 * 24, RefundKind.FULL, 336),  # annual: "less than 14 days"
    (F.MARKETPLACE_SAAS, Term.P1Y, 15 * 24, RefundKind.NONE, 336),
    (F.LICENSE_BASED, Term.P1Y, 23, RefundKind.FULL, 24),
    (F.LICENSE_BASED, Term.P1Y, 30, RefundKind.PRORATED, 168),  # March 15, 11 a.m. -> March 22, 11 a.m.
    (F.AZURE_RESERVATION, Term.P1Y, 1, RefundKind.NONE, None),  # refunds go through a support request
    (F.AZURE_SAVINGS_PLAN, Term.P3Y, 1, RefundKind.NONE, None),  # purchases are final
]


@pytest.mark.parametrize(("family", "term", "hours", "kind", "deadline"), QUOTES)
def test_a_cancellation_refunds_what_the_familys_page_says(
    family: ProductFamily, term: Term | None, hours: int, kind: RefundKind, deadline: int | None
) -> None:
    quote = refund_quote(family, purchased_at=BOUGHT, at=BOUGHT + hours * H, term=term)
    assert (kind, None if deadline is None else BOUGHT + deadline * H) == (quote.kind, quote.deadline)
    assert all(reason.source is not None for reason in quote.reasons)


def test_a_reservation_refund_after_purchase_goes_to_a_microsoft_support_request() -> None:
    quote = refund_quote(F.AZURE_RESERVATION, purchased_at=BOUGHT, at=BOUGHT + 400 * H)
    assert (
        quote.route,
        quote.reasons[1].code,
        cited(quote.reasons[1]).document,
    ) == (
        RefundRoute.MICROSOFT_SUPPORT,
        "billing.family.route_support",
        "azure-reservations-manage.md",
    )


def test_software_subscriptions_follow_the_policy_table_and_carry_the_page_that_says_100_percent() -> None:
    # csp-software-subscriptions.md, "Activate and manage software subscriptions": "cancel an order within
    # seven days and receive 100% credit", against the table's and "Canceling a software subscription"'s
    # prorated refund: the quote follows the latter and names the former.
    quote = refund_quote(F.SOFTWARE_SUBSCRIPTION, purchased_at=BOUGHT, at=BOUGHT + 2 * H)
    assert quote.kind == RefundKind.PRORATED
    assert cited(quote.reasons[0]).section == "Seven-day subscription cancellation window"
    assert cited(quote.reasons[-1]).section == "Activate and manage software subscriptions"


def test_marketplace_saas_gets_72_hours_for_every_term_after_the_change() -> None:
    bought = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    for term in (Term.P1M, Term.P1Y):
        early = refund_quote(F.MARKETPLACE_SAAS, purchased_at=bought, at=bought + 71 * H, term=term)
        late = refund_quote(F.MARKETPLACE_SAAS, purchased_at=bought, at=bought + 73 * H, term=term)
        assert (RefundKind.FULL, RefundKind.NONE, bought + 72 * H) == (early.kind, late.kind, late.deadline)


# -- the license-based windows by date ---------------------------------------------------------


def test_a_2021_purchase_had_72_hours_and_a_2023_purchase_has_seven_days() -> None:
    old = dt.datetime(2021, 7, 15, tzinfo=dt.UTC)
    with pytest.raises(CancellationWindowClosed) as refused:
        cancellation_quote(old, at=old + 100 * H)
    assert (
        refused.value.reasons[-1].params["window_hours"],
        cited(refused.value.reasons[-1]).publisher,
    ) == (72, "CRN (secondary, quoting Microsoft's March 2022 Partner Center announcement)")
    new = cancellation_quote(BOUGHT, at=BOUGHT + 100 * H)
    assert (
        new.reasons[-1].params["window_hours"],
        cited(new.reasons[-1]).document,
    ) == (168, "billing-basics.md")


def test_seats_added_in_2021_could_be_removed_for_three_days_and_from_march_2022_for_seven() -> None:
    assert dt.date(2021, 6, 23) == seat_reduction_deadline(dt.date(2021, 6, 20))
    assert dt.date(2022, 3, 8) == seat_reduction_deadline(dt.date(2022, 3, 1))
