"""Rating over time: seats still removable after adds, upgrades and renewals; plan changes; renewals.

Seats: "The number of licenses on a subscription can be decreased only within the first seven days of
when the seats were added to the subscription ... whether it was at the initial purchase, on renewal,
or at midterm" (``create-a-new-subscription.md``). Plan changes: the first cycle of the new plan runs to
the end of the new plan's cycle that contains it and is charged by the whole months it covers (11 of
12 months of the annual price in Microsoft's monthly-to-annual example).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
import pytest

from cspcore import Money
from cspcore.billing import (
    BillingFrequency,
    ChangeBillingPlan,
    ChangeQuantity,
    ChargeLine,
    PriceChange,
    SeatReductionWindowClosed,
    Subscription,
    Term,
    Upgrade,
    rate,
)
from cspcore.explain import Reason, Source

if TYPE_CHECKING:
    from cspcore.billing import Event

D = dt.date
E5 = "Microsoft 365 E5"
SEATS = Source(
    document="create-a-new-subscription.md",
    section="Increase or decrease licenses in new commerce license-based subscriptions",
)


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


def annual_term(**changes: object) -> Subscription:
    sub = Subscription(
        id="sub",
        product="Microsoft 365 E3",
        start=D(2024, 3, 10),
        term=Term.P1Y,
        frequency=BillingFrequency.MONTHLY,
        quantity=10,
        unit_price=eur("36.00"),
    )
    return attrs.evolve(sub, **changes)  # type: ignore[arg-type]


def triennial(**changes: object) -> Subscription:
    sub = Subscription(
        id="c",
        product="Dynamics 365 Commerce",
        start=D(2021, 9, 20),
        term=Term.P3Y,
        frequency=BillingFrequency.MONTHLY,
        quantity=1,
        unit_price=eur(20),
    )
    return attrs.evolve(sub, **changes)  # type: ignore[arg-type]


def closed(events: list[Event], *, requested: int, reducible: int, on: dt.date, deadline: dt.date) -> None:
    with pytest.raises(SeatReductionWindowClosed) as refused:
        rate(annual_term(), events, through=on)
    assert (
        Reason(
            code="billing.seats.reduction_closed",
            params={"requested": requested, "reducible": reducible, "on": on, "deadline": deadline},
            source=SEATS,
        ),
    ) == refused.value.reasons[:1]
    assert refused.value.reasons[1].code == "billing.seats.rule_version"


def kinds(lines: tuple[ChargeLine, ...]) -> list[str]:
    return [line.charge_type.value for line in lines]


# -- seat lots -----------------------------------------------------------------------------------


def test_seats_added_mid_term_can_be_removed_only_within_their_own_seven_days() -> None:
    added = ChangeQuantity(
        on=D(2024, 3, 20), quantity=12
    )  # the purchase's ten seats could be removed until March 17
    lines = rate(
        annual_term(), [added, ChangeQuantity(on=D(2024, 3, 25), quantity=10)], through=D(2024, 3, 25)
    )
    assert kinds(lines[-2:]) == ["removeQuantity", "removeQuantity"]
    closed(
        [added, ChangeQuantity(on=D(2024, 3, 25), quantity=9)],
        requested=3,
        reducible=2,
        on=D(2024, 3, 25),
        deadline=D(2024, 3, 17),
    )


def test_restating_the_seat_count_opens_no_new_reduction_window() -> None:
    closed(
        [ChangeQuantity(on=D(2024, 3, 20), quantity=10), ChangeQuantity(on=D(2024, 3, 30), quantity=9)],
        requested=1,
        reducible=0,
        on=D(2024, 3, 30),
        deadline=D(2024, 3, 17),
    )


def test_a_renewal_opens_a_new_reduction_window_for_every_seat() -> None:
    sub = annual_term(term=Term.P1M)
    lines = rate(sub, [ChangeQuantity(on=D(2024, 4, 17), quantity=4)], through=D(2024, 4, 17))
    assert kinds(lines[-3:]) == ["renew", "removeQuantity", "removeQuantity"]
    with pytest.raises(SeatReductionWindowClosed) as refused:
        rate(sub, [ChangeQuantity(on=D(2024, 4, 18), quantity=4)], through=D(2024, 4, 18))
    assert (6, 0, D(2024, 4, 17)) == tuple(
        refused.value.reasons[0].params[k] for k in ("requested", "reducible", "deadline")
    )


@pytest.mark.parametrize("into_existing", [False, True], ids=["new-target", "existing-target"])
def test_an_upgrade_takes_the_newest_seats_and_leaves_the_rest_reducible(into_existing: bool) -> None:
    # Ten seats bought March 10 (removable until March 17), four added March 15 (until March 22);
    # upgrading two on March 16 takes two of the four.
    events: list[Event] = [
        ChangeQuantity(on=D(2024, 3, 15), quantity=14),
        Upgrade(
            on=D(2024, 3, 16),
            product=E5,
            unit_price=eur("57.00"),
            quantity=2,
            subscription_id="e5",
            into_existing=into_existing,
        ),
    ]
    lines = rate(
        annual_term(), [*events, ChangeQuantity(on=D(2024, 3, 17), quantity=1)], through=D(2024, 3, 17)
    )
    assert kinds(lines[-2:]) == ["removeQuantity", "removeQuantity"]
    closed(
        [*events, ChangeQuantity(on=D(2024, 3, 20), quantity=9)],
        requested=3,
        reducible=2,
        on=D(2024, 3, 20),
        deadline=D(2024, 3, 17),
    )


def test_seats_an_upgrade_takes_whole_leave_no_reduction_deadline_behind() -> None:
    # Two seats added March 12 (removable until March 19) are upgraded on March 13.
    events: list[Event] = [
        ChangeQuantity(on=D(2024, 3, 12), quantity=12),
        Upgrade(on=D(2024, 3, 13), product=E5, unit_price=eur("57.00"), quantity=2, subscription_id="e5"),
        ChangeQuantity(on=D(2024, 3, 20), quantity=9),
    ]
    closed(events, requested=1, reducible=0, on=D(2024, 3, 20), deadline=D(2024, 3, 17))


# -- renewals ------------------------------------------------------------------------------------


def test_after_a_full_upgrade_renewals_use_the_new_products_price_not_an_old_list_price() -> None:
    # pricing-and-offers.md: a list price change applies at the renewal; the E3 price list of March 20
    # is irrelevant once the subscription is E5.
    sub = annual_term(term=Term.P1M, quantity=1)
    events: list[Event] = [
        PriceChange(on=D(2024, 3, 20), unit_price=eur("40.00")),
        Upgrade(on=D(2024, 4, 15), product=E5, unit_price=eur("57.00")),
    ]
    lines = rate(sub, events, through=D(2024, 6, 10))
    assert [
        ("renew", "Microsoft 365 E3", eur("40.00")),
        ("renew", E5, eur("57.00")),
        ("renew", E5, eur("57.00")),
    ] == [
        (line.charge_type.value, line.product, line.total)
        for line in lines
        if line.charge_type.value == "renew"
    ]


def test_a_plan_change_applied_at_renewal_is_kept_for_the_whole_new_term() -> None:
    sub = triennial(frequency=BillingFrequency.ANNUAL, unit_price=eur(250))
    lines = rate(
        sub,
        [ChangeBillingPlan(on=D(2023, 10, 1), frequency="monthly", unit_price=eur(20))],
        through=D(2024, 11, 20),
    )
    assert [
        ("renew", D(2024, 9, 20), D(2024, 10, 19), eur(20)),
        ("cycleCharge", D(2024, 10, 20), D(2024, 11, 19), eur(20)),
        ("cycleCharge", D(2024, 11, 20), D(2024, 12, 19), eur(20)),
    ] == [(line.charge_type.value, line.charge_start, line.charge_end, line.total) for line in lines[-3:]]
    assert {(D(2024, 9, 20), D(2027, 9, 19), "Monthly")} == {
        (line.subscription_start, line.subscription_end, line.billing_frequency) for line in lines[-3:]
    }


# -- billing plan changes ------------------------------------------------------------------------


def test_a_plan_change_on_a_coterminous_term_follows_the_shortened_grid() -> None:
    # The term ends June 30, 2024 (coterminous): annual cycles run July 1 - June 30, the first from
    # September 20, 2021. Monthly to annual from November 1, 2021 charges November - June: 8 of 12 months.
    sub = triennial(end=D(2024, 6, 30))
    lines = rate(
        sub,
        [ChangeBillingPlan(on=D(2021, 10, 5), frequency="annual", unit_price=eur(250))],
        through=D(2023, 7, 1),
    )
    assert [
        ("new", D(2021, 9, 20), D(2021, 9, 30), eur("7.33")),  # 20.00 / 30 * 11 days
        ("cycleCharge", D(2021, 10, 1), D(2021, 10, 31), eur(20)),
        ("changeBillingPlan", D(2021, 11, 1), D(2022, 6, 30), eur("166.66")),
        ("cycleCharge", D(2022, 7, 1), D(2023, 6, 30), eur(250)),
        ("cycleCharge", D(2023, 7, 1), D(2024, 6, 30), eur(250)),
    ] == [(line.charge_type.value, line.charge_start, line.charge_end, line.total) for line in lines]


def test_a_plan_change_counts_whole_months_up_to_an_annual_cycle_ending_on_the_first() -> None:
    # Bought September 2: the annual cycle ends September 1, 2022, so October 2 - September 1 is 11 months.
    sub = triennial(start=D(2021, 9, 2), purchased_at=None)
    lines = rate(
        sub,
        [ChangeBillingPlan(on=D(2021, 9, 10), frequency="annual", unit_price=eur(250))],
        through=D(2021, 10, 2),
    )
    assert ("changeBillingPlan", D(2021, 10, 2), D(2022, 9, 1), eur("229.16")) == (
        lines[-1].charge_type.value,
        lines[-1].charge_start,
        lines[-1].charge_end,
        lines[-1].total,
    )


def test_a_plan_change_after_an_upgrade_to_a_longer_term_follows_the_new_terms_grid() -> None:
    # The upgrade on March 20, 2024 starts a three-year term; its first annual cycle ends March 19, 2025,
    # so monthly to annual from April 20, 2024 charges 11 of 12 months.
    sub = annual_term(term=Term.P1M, quantity=1)
    events: list[Event] = [
        Upgrade(on=D(2024, 3, 20), product="Dynamics 365 Commerce", unit_price=eur(20), term=Term.P3Y),
        ChangeBillingPlan(on=D(2024, 3, 25), frequency="annual", unit_price=eur(250)),
    ]
    lines = rate(sub, events, through=D(2024, 4, 20))
    assert ("changeBillingPlan", D(2024, 4, 20), D(2025, 3, 19), eur("229.16")) == (
        lines[-1].charge_type.value,
        lines[-1].charge_start,
        lines[-1].charge_end,
        lines[-1].total,
    )


def test_a_plan_change_on_the_last_day_of_an_annual_cycle_starts_with_a_one_day_cycle() -> None:
    # Bought February 28, 2020 (the day before the last day of February): monthly cycles start on the
    # day before the last day of each month, so February 27 in 2021, while the annual grid keeps the
    # 28th and its first cycle ends February 27, 2021. The new plan's first cycle is that one day.
    sub = triennial(start=D(2020, 2, 28), purchased_at=None)
    lines = rate(
        sub,
        [ChangeBillingPlan(on=D(2021, 2, 1), frequency="annual", unit_price=eur(250))],
        through=D(2021, 2, 28),
    )
    assert [
        ("cycleCharge", D(2021, 1, 30), D(2021, 2, 26)),
        ("changeBillingPlan", D(2021, 2, 27), D(2021, 2, 27)),
        ("cycleCharge", D(2021, 2, 28), D(2022, 2, 27)),
    ] == [(line.charge_type.value, line.charge_start, line.charge_end) for line in lines[-3:]]
    assert eur(250) == lines[-1].total
