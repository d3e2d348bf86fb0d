"""Rating's lines compared whole: references, refunds, upgrades, large seat counts, order and precision.

Amounts follow ``common-billing-scenarios-onetime-recurring.md``: ``effective unit price = unit price /
charge cycle days × billing days``, both ends of the billing days counted, and the subtotal
``ROUNDDOWN(EUP, 2) × quantity`` (the reconciliation-file formula) unless noted.
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest

from cspcore import Money
from cspcore.billing import (
    BillingFrequency,
    Cancel,
    CancellationWindowClosed,
    ChangeQuantity,
    ChargeLine,
    ConvertTrial,
    ProrationRounding,
    Subscription,
    Term,
    Upgrade,
    rate,
)

if TYPE_CHECKING:
    from cspcore.billing import Event

D = dt.date
UTC = dt.UTC
E3 = "Microsoft 365 E3"
E5 = "Microsoft 365 E5"


def eur(amount: str | int | Decimal) -> Money:
    return Money(amount, "EUR")


def eup(price: str, billing_days: int, cycle_days: int) -> Decimal:
    """Microsoft's effective unit price at the 34 digits the reconciliation file's EUP is kept to."""
    context = decimal.Context(prec=34)
    return context.divide(context.multiply(Decimal(price), billing_days), cycle_days)


def annual_term(**changes: object) -> Subscription:
    sub = Subscription(
        id="sub",
        product=E3,
        start=D(2024, 3, 10),
        term=Term.P1Y,
        frequency=BillingFrequency.MONTHLY,
        quantity=10,
        unit_price=eur("36.00"),
    )
    return attrs.evolve(sub, **changes)  # type: ignore[arg-type]


def summary(lines: tuple[ChargeLine, ...]) -> list[tuple[str, str, str | None]]:
    return [(line.charge_type.value, line.subscription_id, line.reference_id) for line in lines]


# -- references and qualifiers -------------------------------------------------------------------


def test_each_change_links_its_refund_and_charge_by_a_reference_numbered_in_order() -> None:
    events: list[Event] = [
        ChangeQuantity(on=D(2024, 3, 20), quantity=12),
        Upgrade(on=D(2024, 3, 25), product=E5, unit_price=eur("57.00"), quantity=4, subscription_id="e5"),
    ]
    lines = rate(annual_term(), events, through=D(2024, 4, 10))
    assert summary(lines) == [
        ("new", "sub", None),
        ("addQuantity", "sub", "sub/2024-03-20/1"),
        ("addQuantity", "sub", "sub/2024-03-20/1"),
        ("convert", "sub", "sub/2024-03-25/2"),
        ("convert", "e5", "sub/2024-03-25/2"),
        ("cycleCharge", "sub", None),
        ("cycleCharge", "e5", None),
    ]


def test_a_paid_subscription_has_no_product_qualifiers_and_a_trial_is_marked_as_one() -> None:
    paid = rate(annual_term(), [], through=D(2024, 4, 10))
    assert [line.qualifiers for line in paid] == [(), ()]
    trial = Subscription(
        id="trial",
        product="Dynamics 365 Guides",
        start=D(2024, 5, 1),
        term=Term.P1M,
        frequency=BillingFrequency.NONE,
        quantity=25,
        unit_price=eur(0),
        trial=True,
    )
    converted = rate(
        trial, [ConvertTrial(on=D(2024, 5, 10), unit_price=eur("30.00"))], through=D(2024, 5, 10)
    )
    assert [(*row, line.qualifiers) for row, line in zip(summary(converted), converted, strict=True)] == [
        ("new", "trial", None, ("Trial",)),
        ("convert", "trial", "trial/2024-05-10/1", ("Trial",)),
        ("convert", "trial", "trial/2024-05-10/1", ()),
    ]


def test_a_converted_trial_is_an_ordinary_subscription_whose_seats_can_change() -> None:
    trial = Subscription(
        id="trial",
        product="Dynamics 365 Guides",
        start=D(2024, 5, 1),
        term=Term.P1M,
        frequency=BillingFrequency.NONE,
        quantity=25,
        unit_price=eur(0),
        trial=True,
    )
    events: list[Event] = [
        ConvertTrial(on=D(2024, 5, 10), unit_price=eur("30.00")),
        ChangeQuantity(on=D(2024, 5, 12), quantity=30),
    ]
    lines = rate(trial, events, through=D(2025, 5, 10))
    assert [line.charge_type.value for line in lines[3:5]] == ["addQuantity", "addQuantity"]
    # The converted term runs May 10, 2024 - May 9, 2025 and renews into a paid term.
    assert ("renew", Decimal(30), eur("900.00")) == (
        lines[-1].charge_type.value,
        lines[-1].quantity,
        lines[-1].total,
    )


# -- cancellation --------------------------------------------------------------------------------


def test_a_full_refund_line_returns_every_charge_at_the_average_unit_price() -> None:
    sub = annual_term(purchased_at=dt.datetime(2024, 3, 10, 20, tzinfo=UTC))
    lines = rate(sub, [Cancel(at=dt.datetime(2024, 3, 11, 10, tzinfo=UTC))], through=D(2024, 3, 31))
    assert (
        ChargeLine(
            order_date=D(2024, 3, 11),
            charge_type="cancelImmediate",
            product=E3,
            subscription_id="sub",
            unit_price=eur("36.00"),
            effective_unit_price=eur("-36.00"),
            quantity=10,
            subtotal=eur("-360.00"),
            charge_start=D(2024, 3, 10),
            charge_end=D(2024, 4, 9),
            subscription_start=D(2024, 3, 10),
            subscription_end=D(2025, 3, 9),
            billing_frequency="Monthly",
        )
        == lines[-1]
    )


def test_a_full_refund_after_a_renewal_returns_only_what_the_new_term_charged() -> None:
    # billing-basics.md: a cancellation within 24 hours of purchasing or renewing is refunded in full.
    lines = rate(annual_term(), [Cancel(at=dt.datetime(2025, 3, 10, 12, tzinfo=UTC))], through=D(2025, 3, 31))
    assert [line.charge_type.value for line in lines[-2:]] == ["renew", "cancelImmediate"]
    assert (eur("-360.00"), D(2025, 3, 10), D(2025, 4, 9)) == (
        lines[-1].total,
        lines[-1].charge_start,
        lines[-1].charge_end,
    )


def test_a_full_upgrade_to_a_longer_term_keeps_the_purchase_cancellation_window() -> None:
    # "Cancellation windows are not applied to upgrades" (create-a-new-subscription.md): the window
    # opened by the purchase on March 10 closes on March 17 whatever the upgrade on March 12 started.
    sub = annual_term(term=Term.P1M, quantity=2)
    longer = Upgrade(on=D(2024, 3, 12), product=E3, unit_price=eur("36.00"), term=Term.P1Y)
    lines = rate(sub, [longer, Cancel(at=dt.datetime(2024, 3, 14, tzinfo=UTC))], through=D(2024, 3, 31))
    # The new term's first cycle is March 12 - April 11 (31 days); March 14 leaves 29 of them.
    assert (D(2024, 3, 14), D(2024, 4, 11), eur("-67.34")) == (
        lines[-1].charge_start,
        lines[-1].charge_end,
        lines[-1].total,
    )
    with pytest.raises(CancellationWindowClosed):
        rate(sub, [longer, Cancel(at=dt.datetime(2024, 3, 18, tzinfo=UTC))], through=D(2024, 3, 31))


# -- upgrades ------------------------------------------------------------------------------------


def test_seats_moved_into_an_existing_subscription_are_charged_there_for_the_rest_of_the_cycle() -> None:
    event = Upgrade(
        on=D(2024, 3, 20),
        product=E5,
        unit_price=eur("57.00"),
        quantity=4,
        subscription_id="e5",
        into_existing=True,
    )
    lines = rate(annual_term(), [event], through=D(2024, 3, 20))
    # The cycle is March 10 - April 9 (31 days); March 20 leaves 21 of them.
    refund, moved = lines[1:]
    assert (
        ChargeLine(
            order_date=D(2024, 3, 20),
            charge_type="moveQuantity",
            product=E3,
            subscription_id="sub",
            unit_price=eur("36.00"),
            effective_unit_price=eur(eup("36.00", 21, 31).copy_negate()),
            quantity=4,
            subtotal=eur("-97.52"),
            charge_start=D(2024, 3, 20),
            charge_end=D(2024, 4, 9),
            reference_id="sub/2024-03-20/1",
            subscription_start=D(2024, 3, 10),
            subscription_end=D(2025, 3, 9),
            billing_frequency="Monthly",
        )
        == refund
    )
    assert (
        ChargeLine(
            order_date=D(2024, 3, 20),
            charge_type="moveQuantity",
            product=E5,
            subscription_id="e5",
            unit_price=eur("57.00"),
            effective_unit_price=eur(eup("57.00", 21, 31)),
            quantity=4,
            subtotal=eur("154.44"),
            charge_start=D(2024, 3, 20),
            charge_end=D(2024, 4, 9),
            reference_id="sub/2024-03-20/1",
            subscription_start=D(2024, 3, 10),
            subscription_end=D(2025, 3, 9),
            billing_frequency="Monthly",
        )
        == moved
    )


@pytest.mark.parametrize(("moved", "left"), [(9, 1), (4, 6)])
def test_seats_left_after_a_move_into_an_existing_subscription_are_still_charged(
    moved: int, left: int
) -> None:
    event = Upgrade(
        on=D(2024, 3, 20),
        product=E5,
        unit_price=eur("57.00"),
        quantity=moved,
        subscription_id="e5",
        into_existing=True,
    )
    lines = rate(annual_term(), [event], through=D(2024, 4, 10))
    assert ("cycleCharge", "sub", Decimal(left), eur("36.00") * left) == (
        lines[-1].charge_type.value,
        lines[-1].subscription_id,
        lines[-1].quantity,
        lines[-1].total,
    )


def test_an_upgrade_to_a_longer_term_charges_the_new_terms_first_cycle_from_the_upgrade_day() -> None:
    sub = annual_term(id="m", term=Term.P1M, quantity=2, unit_price=eur("43.20"))
    event = Upgrade(on=D(2024, 3, 20), product=E3, unit_price=eur("36.00"), term=Term.P1Y)
    refund, charge = rate(sub, [event], through=D(2024, 3, 20))[1:]
    # The monthly term's cycle is March 10 - April 9 (31 days); March 20 leaves 21 of them.
    assert (
        ChargeLine(
            order_date=D(2024, 3, 20),
            charge_type="convert",
            product=E3,
            subscription_id="m",
            unit_price=eur("43.20"),
            effective_unit_price=eur(eup("43.20", 21, 31).copy_negate()),
            quantity=2,
            subtotal=eur("-58.52"),
            charge_start=D(2024, 3, 20),
            charge_end=D(2024, 4, 9),
            reference_id="m/2024-03-20/1",
            subscription_start=D(2024, 3, 10),
            subscription_end=D(2024, 4, 9),
        )
        == refund
    )
    assert (
        ChargeLine(
            order_date=D(2024, 3, 20),
            charge_type="convert",
            product=E3,
            subscription_id="m",
            unit_price=eur("36.00"),
            effective_unit_price=eur("36.00"),
            quantity=2,
            subtotal=eur("72.00"),
            charge_start=D(2024, 3, 20),
            charge_end=D(2024, 4, 19),
            reference_id="m/2024-03-20/1",
            subscription_start=D(2024, 3, 20),
            subscription_end=D(2025, 3, 19),
            billing_frequency="Monthly",
        )
        == charge
    )


@pytest.mark.parametrize("term", [None, Term.P1Y])
def test_an_upgrade_naming_the_current_term_stays_in_the_current_cycle(term: Term | None) -> None:
    event = Upgrade(on=D(2024, 3, 20), product=E5, unit_price=eur("57.00"), term=term)
    lines = rate(annual_term(), [event], through=D(2024, 4, 10))
    charge = lines[2]
    assert (D(2024, 3, 20), D(2024, 4, 9), eur("386.10")) == (
        charge.charge_start,
        charge.charge_end,
        charge.total,
    )
    assert (D(2024, 3, 10), D(2025, 3, 9)) == (lines[-1].subscription_start, lines[-1].subscription_end)
    assert ("cycleCharge", D(2024, 4, 10), eur("570.00")) == (
        lines[-1].charge_type.value,
        lines[-1].order_date,
        lines[-1].total,
    )


def test_a_partial_upgrades_lines_are_returned_in_date_order_with_the_source_subscriptions() -> None:
    event = Upgrade(on=D(2024, 3, 20), product=E5, unit_price=eur("57.00"), quantity=4, subscription_id="e5")
    lines = rate(annual_term(), [event], through=D(2024, 5, 10))
    assert [
        (D(2024, 3, 10), "sub", eur("360.00")),
        (D(2024, 3, 20), "sub", eur("-97.52")),
        (D(2024, 3, 20), "e5", eur("154.44")),
        (D(2024, 4, 10), "sub", eur("216.00")),
        (D(2024, 4, 10), "e5", eur("228.00")),
        (D(2024, 5, 10), "sub", eur("216.00")),
        (D(2024, 5, 10), "e5", eur("228.00")),
    ] == [(line.order_date, line.subscription_id, line.total) for line in lines]


def test_a_partial_upgrades_new_subscription_runs_in_the_term_of_the_one_it_came_from() -> None:
    event = Upgrade(on=D(2024, 3, 20), product=E5, unit_price=eur("57.00"), quantity=4, subscription_id="e5")
    lines = rate(annual_term(), [event], through=D(2024, 4, 10))
    terms = {(line.subscription_id, line.subscription_start, line.subscription_end) for line in lines}
    assert {("sub", D(2024, 3, 10), D(2025, 3, 9)), ("e5", D(2024, 3, 10), D(2025, 3, 9))} == terms


# -- seat counts and proration -------------------------------------------------------------------


@pytest.mark.parametrize("seats", [1023, 1024, 5000])
def test_thousands_of_seats_are_charged_like_a_few(seats: int) -> None:
    lines = rate(annual_term(quantity=seats), [], through=D(2024, 3, 10))
    assert (Decimal(seats), eur("36.00") * seats) == (lines[0].quantity, lines[0].total)


def test_a_seat_change_in_a_later_cycle_prorates_over_that_cycles_own_days() -> None:
    # The second cycle is April 10 - May 9 (30 days); April 20 leaves 20 of them: 36.00 / 30 * 20 = 24.00.
    lines = rate(annual_term(), [ChangeQuantity(on=D(2024, 4, 20), quantity=12)], through=D(2024, 4, 20))
    assert [eur("-240.00"), eur("288.00")] == [line.total for line in lines[-2:]]
    assert [eur("-24.00"), eur("24.00")] == [line.effective_unit_price for line in lines[-2:]]


HOSTILE = decimal.Context(
    prec=3, rounding=decimal.ROUND_FLOOR, traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation]
)


def test_microsofts_seat_table_and_cancellation_example_hold_under_a_hostile_decimal_context() -> None:
    # common-billing-scenarios-onetime-recurring.md: 10 seats at 10.08 bought June 18, 2021, two added
    # June 20 (the seat table, ROUNDDOWN(EUP × quantity, 2)); bought July 15, cancelled July 17
    # (ROUNDDOWN(EUP, 2) × quantity).
    june = Subscription(
        id="sub-1",
        product="Microsoft 365 Business Standard",
        start=D(2021, 6, 18),
        term="P1M",
        frequency="monthly",
        quantity=10,
        unit_price=eur("10.08"),
    )
    july = attrs.evolve(june, start=D(2021, 7, 15), purchased_at=None)
    with decimal.localcontext(HOSTILE):
        seats = rate(
            june,
            [ChangeQuantity(on=D(2021, 6, 20), quantity=12)],
            through=D(2021, 6, 30),
            rounding=ProrationRounding.LINE_TOTAL,
        )
        cancelled = rate(july, [Cancel(at=dt.datetime(2021, 7, 17, 12, tzinfo=UTC))], through=D(2021, 7, 31))
    assert [eur("100.80"), eur("-94.08"), eur("112.89")] == [line.total for line in seats]
    assert [eur("100.80"), eur("-94.20")] == [line.total for line in cancelled]


def test_a_full_cycle_is_charged_from_the_unit_price_at_its_full_precision() -> None:
    # A price converted at a full-precision rate can carry more digits than a 34-digit division keeps;
    # a full cycle's EUP is the price itself, so ROUNDDOWN(35.999..., 2) × 10 = 359.90, not 360.00.
    price = eur("35.999999999999999999999999999999999999")
    lines = rate(annual_term(unit_price=price), [], through=D(2024, 4, 10))
    assert [(price, eur("359.90")), (price, eur("359.90"))] == [
        (line.effective_unit_price, line.subtotal) for line in lines
    ]


def test_every_rated_line_is_one_the_validating_constructor_builds() -> None:
    # Lines are built through the trusted constructor (no re-validation of checked fields).
    events: list[Event] = [
        ChangeQuantity(on=D(2024, 3, 12), quantity=7),
        Upgrade(on=D(2024, 4, 20), product=E5, unit_price=eur("50.00"), quantity=2),
    ]
    lines = rate(annual_term(), events, through=D(2024, 6, 30))
    assert len(lines) > 3
    for line in lines:
        fields = {field.name: getattr(line, field.name) for field in attrs.fields(ChargeLine)}
        assert ChargeLine(**fields) == line
