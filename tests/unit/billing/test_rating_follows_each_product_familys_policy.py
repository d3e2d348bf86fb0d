"""Rating follows the cancellation and seat rules of the subscription's product family.

Facts: ``new-commerce-cancellation-policy.md`` (the table), ``csp-software-subscriptions.md``,
``align-subscription-end-dates.md``; the policies themselves are :mod:`cspcore.billing.families`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import (
    Cancel,
    CancellationWindowClosed,
    ChangeQuantity,
    ScheduleChange,
    ScheduledChangeRefused,
    Subscription,
    lifecycle,
    rate,
)
from cspcore.billing.families import FamilyRestriction, ProductFamily
from cspcore.errors import ErrorCode

D = dt.date
UTC = dt.UTC
START = D(2024, 3, 1)


def bought(
    family: ProductFamily, *, term: str = "P1Y", frequency: str = "annual", start: dt.date = START
) -> Subscription:
    return Subscription(
        id="s",
        product="Product",
        start=start,
        term=term,  # type: ignore[arg-type]
        frequency=frequency,  # type: ignore[arg-type]
        quantity=10,
        unit_price=Money("120.00", "EUR"),
        family=family,
    )


def at(day: dt.date, hour: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_a_license_based_subscription_is_the_default_family() -> None:
    assert bought(ProductFamily.LICENSE_BASED) == Subscription(
        id="s",
        product="Product",
        start=D(2024, 3, 1),
        term="P1Y",
        frequency="annual",
        quantity=10,
        unit_price=Money("120.00", "EUR"),
    )


def test_software_subscription_seats_can_neither_be_removed_nor_added() -> None:
    # "Partner Center doesn't allow seat reductions for software subscriptions"
    sub = bought(ProductFamily.SOFTWARE_SUBSCRIPTION)
    with pytest.raises(FamilyRestriction) as caught:
        rate(sub, [ChangeQuantity(on=D(2024, 3, 2), quantity=8)], through=D(2024, 3, 31))
    assert [reason.code for reason in caught.value.reasons] == ["billing.family.seats_not_reducible"]
    with pytest.raises(FamilyRestriction) as caught:
        rate(sub, [ChangeQuantity(on=D(2024, 3, 2), quantity=12)], through=D(2024, 3, 31))
    assert [reason.code for reason in caught.value.reasons] == ["billing.family.seats_not_addable"]


def test_a_software_subscription_cancelled_on_its_third_day_is_refunded_prorated() -> None:
    # "if you cancel on the third day, the refund will be for the remaining paid period minus the three days"
    lines = rate(
        bought(ProductFamily.SOFTWARE_SUBSCRIPTION),
        [Cancel(at=at(D(2024, 3, 3), 12))],
        through=D(2024, 3, 31),
    )
    charge, refund = lines
    assert refund.charge_start == D(2024, 3, 3)
    # 1,200.00 for 365 days; 364 - 1 days remain from March 3 to February 28, 2025
    days = (D(2025, 2, 28) - D(2024, 3, 3)).days + 1
    assert (
        refund.subtotal.amount
        == -(Decimal("120.00") * days / 365).quantize(Decimal("0.01"), "ROUND_DOWN") * 10
    )
    assert -refund.subtotal.amount < charge.subtotal.amount


def test_a_software_subscription_cannot_be_cancelled_after_seven_days() -> None:
    with pytest.raises(CancellationWindowClosed):
        rate(
            bought(ProductFamily.SOFTWARE_SUBSCRIPTION),
            [Cancel(at=at(D(2024, 3, 8), 1))],
            through=D(2024, 3, 31),
        )


def test_perpetual_software_is_refunded_in_full_within_thirty_days_only() -> None:
    # "Full refund within 30 calendar days of purchase"
    sub = bought(ProductFamily.PERPETUAL_SOFTWARE)
    charge, refund = rate(sub, [Cancel(at=at(D(2024, 3, 25)))], through=D(2024, 3, 31))
    assert refund.subtotal == -charge.subtotal
    with pytest.raises(CancellationWindowClosed):
        rate(sub, [Cancel(at=at(D(2024, 3, 31), 1))], through=D(2024, 4, 30))


def test_marketplace_saas_is_refunded_in_full_within_72_hours_and_not_after() -> None:
    sub = bought(ProductFamily.MARKETPLACE_SAAS, term="P1M", frequency="monthly")
    charge, refund = rate(sub, [Cancel(at=at(D(2024, 3, 3), 23))], through=D(2024, 3, 31))
    assert refund.subtotal == -charge.subtotal
    with pytest.raises(CancellationWindowClosed):
        rate(sub, [Cancel(at=at(D(2024, 3, 4), 1))], through=D(2024, 3, 31))


def test_marketplace_saas_bought_in_2022_kept_the_yearly_14_days() -> None:
    sub = bought(ProductFamily.MARKETPLACE_SAAS, start=D(2022, 6, 1))
    charge, refund = rate(sub, [Cancel(at=at(D(2022, 6, 14)))], through=D(2022, 6, 30))
    assert refund.subtotal == -charge.subtotal


def test_an_azure_reservation_refund_goes_through_support_not_self_service() -> None:
    with pytest.raises(CancellationWindowClosed) as caught:
        rate(
            bought(ProductFamily.AZURE_RESERVATION), [Cancel(at=at(D(2024, 3, 1), 1))], through=D(2024, 3, 31)
        )
    assert "billing.family.route_support" in [reason.code for reason in caught.value.reasons]


@pytest.mark.parametrize(
    "family",
    [
        ProductFamily.AZURE_RESERVATION,
        ProductFamily.AZURE_SAVINGS_PLAN,
        ProductFamily.SOFTWARE_SUBSCRIPTION,
        ProductFamily.PERPETUAL_SOFTWARE,
        ProductFamily.MARKETPLACE_SAAS,
    ],
)
def test_only_license_based_subscriptions_take_a_custom_end_date(family: ProductFamily) -> None:
    # align-subscription-end-dates.md: reservations, software subscriptions, third-party offers excluded
    with raises_invalid(field="end", code=ErrorCode.NOT_ALLOWED):
        Subscription(
            id="s",
            product="Product",
            start=D(2024, 3, 1),
            term="P1Y",
            frequency="annual",
            quantity=1,
            unit_price=Money("120.00", "EUR"),
            end=D(2024, 12, 31),
            family=family,
        )
    with pytest.raises(ScheduledChangeRefused) as caught:
        lifecycle(
            bought(family),
            [ScheduleChange(on=D(2024, 3, 2), end=D(2025, 12, 31))],
            through=D(2024, 3, 31),
        )
    assert [reason.code for reason in caught.value.reasons] == ["billing.schedule.no_coterm"]


def test_families_without_trials_refuse_a_trial() -> None:
    with raises_invalid(field="trial", code=ErrorCode.NOT_ALLOWED):
        Subscription(
            id="s",
            product="Product",
            start=D(2024, 3, 1),
            term="P1M",
            frequency="none",
            quantity=1,
            unit_price=Money(0, "EUR"),
            trial=True,
            family=ProductFamily.AZURE_RESERVATION,
        )


def test_the_state_reports_each_familys_window() -> None:
    states = {
        family: lifecycle(bought(family), through=D(2024, 3, 1)).states["s"]
        for family in (
            ProductFamily.LICENSE_BASED,
            ProductFamily.PERPETUAL_SOFTWARE,
            ProductFamily.AZURE_SAVINGS_PLAN,
        )
    }
    opened = at(D(2024, 3, 1))
    assert states[ProductFamily.LICENSE_BASED].cancellable_until == opened + dt.timedelta(hours=168)
    assert states[ProductFamily.PERPETUAL_SOFTWARE].full_refund_until == opened + dt.timedelta(days=30)
    # no self-service window: it closes as it opens
    assert states[ProductFamily.AZURE_SAVINGS_PLAN].cancellable_until == opened
