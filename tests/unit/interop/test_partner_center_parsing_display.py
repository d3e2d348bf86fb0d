"""Values as Partner Center shows them: display-rounded effective prices, signs, and same-key lines.

``modern-invoice-reconciliation-file.md`` (EffectiveUnitPrice: shown at two decimals, computed as
ROUNDDOWN in the field specification, rounded half-up in the published tables) and
``common-billing-scenarios-onetime-recurring.md`` (seat counts after several changes).
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal

import attrs
import pytest

from cspcore import Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.interop import Mismatch, reconcile, seats_at_period_end

MINE = ChargeLine(
    order_date=dt.date(2022, 3, 7),
    charge_type=ChargeType.ADD_QUANTITY,
    product="Microsoft 365 Business Standard",
    subscription_id="s1",
    unit_price=Money(12, "EUR"),
    effective_unit_price=Money("11.2258064516", "EUR"),
    quantity=15,
    subtotal=Money("168.38", "EUR"),
    charge_start=dt.date(2022, 3, 7),
    charge_end=dt.date(2022, 4, 4),
)


def priced(line: ChargeLine, effective: str) -> ChargeLine:
    return attrs.evolve(line, effective_unit_price=Money(effective, "EUR"))


@pytest.mark.parametrize(
    ("mine", "billed"),
    [
        ("11.2258064516", "11.23"),  # rounded half-up, as the published tables show it
        ("-11.2258064516", "-11.23"),
        ("9.4297", "9.42"),  # cut down, the field specification's ROUNDDOWN
        ("-9.4297", "-9.42"),
        ("11.225", "11.23"),
        ("11.225", "11.22"),
    ],
)
def test_a_billed_effective_price_shown_at_two_decimals_agrees_with_the_full_price(
    mine: str, billed: str
) -> None:
    report = reconcile([priced(MINE, mine)], [priced(MINE, billed)])
    assert (report.is_clean, report.mismatched, report.missing, report.unexpected) == (True, (), (), ())


@pytest.mark.parametrize(
    ("mine", "billed"),
    [
        ("11.23", "11.2258064516"),
        ("-11.23", "-11.2258064516"),
        ("9.42", "9.4297"),
        ("11.2", "11.2000001"),
    ],
)
def test_an_expected_price_shown_at_two_decimals_agrees_with_a_billed_full_price(
    mine: str, billed: str
) -> None:
    report = reconcile([priced(MINE, mine)], [priced(MINE, billed)])
    assert (report.is_clean, report.mismatched) == (True, ())


@pytest.mark.parametrize(
    ("mine", "billed"),
    [
        ("11.2258064516", "11.230"),  # three decimals: compared exactly
        ("11.230", "11.2258064516"),
        ("11.2258064516", "11.21"),  # neither the rounded nor the cut price
        ("11.2258064516", "11.24"),
        ("9.4297", "9.44"),
        ("11.2258064516", "11"),
        ("11.23", "11.22"),  # two prices at two decimals: compared exactly
        ("11.2", "11.21"),
    ],
)
def test_other_effective_prices_are_a_mismatch_of_their_difference(mine: str, billed: str) -> None:
    expected, actual = priced(MINE, mine), priced(MINE, billed)
    report = reconcile([expected], [actual])
    difference = Money(billed, "EUR") - Money(mine, "EUR")
    assert report.mismatched == (
        Mismatch(expected=expected, actual=actual, field="effective_unit_price", difference=difference),
    )


def test_display_rounding_is_judged_the_same_under_a_coarse_ambient_decimal_context() -> None:
    with decimal.localcontext() as context:
        context.prec = 3
        context.rounding = decimal.ROUND_FLOOR
        agreed = reconcile([priced(MINE, "11.2258064516")], [priced(MINE, "11.23")])
        reversed_ = reconcile([priced(MINE, "-11.23")], [priced(MINE, "-11.2258064516")])
        differing = reconcile([priced(MINE, "11.2258064516")], [priced(MINE, "11.24")])
    assert (agreed.is_clean, reversed_.is_clean) == (True, True)
    assert [(m.field, m.difference) for m in differing.mismatched] == [
        ("effective_unit_price", Money("0.0141935484", "EUR"))
    ]


# -- several expected lines under one key ---------------------------------------------------------------


def test_a_billed_line_differing_from_every_expected_line_of_its_key_is_compared_with_the_first() -> None:
    first = MINE
    second = attrs.evolve(MINE, order_date=dt.date(2022, 3, 8), product="M365 BS")
    billed = attrs.evolve(MINE, unit_price=Money(13, "EUR"))
    report = reconcile([first, second], [billed])
    assert report.mismatched == (
        Mismatch(expected=first, actual=billed, field="unit_price", difference=Money(1, "EUR")),
    )
    assert (report.matched, report.missing, report.unexpected) == ((), (second,), ())


def test_a_billed_line_is_compared_with_the_one_expected_line_of_its_charge_type_under_a_shared_key() -> None:
    removal = attrs.evolve(MINE, charge_type=ChargeType.REMOVE_QUANTITY)
    billed = attrs.evolve(MINE, unit_price=Money(13, "EUR"))
    report = reconcile([removal, MINE], [billed])
    assert report.mismatched == (
        Mismatch(expected=MINE, actual=billed, field="unit_price", difference=Money(1, "EUR")),
    )
    assert (report.matched, report.missing, report.unexpected) == ((), (removal,), ())


def test_an_exact_partner_is_preferred_over_an_earlier_line_of_the_same_key() -> None:
    earlier = attrs.evolve(MINE, unit_price=Money(11, "EUR"))
    report = reconcile([earlier, MINE], [MINE])
    assert (report.matched, report.missing, report.mismatched) == (((MINE, MINE),), (earlier,), ())


def test_lines_left_under_a_shared_key_pair_with_later_billed_lines() -> None:
    second = attrs.evolve(MINE, product="M365 BS")
    third = attrs.evolve(MINE, product="M365 BS (2)")
    report = reconcile([MINE, second, third], [MINE, second, third])
    assert (report.is_clean, report.missing) == (True, ())
    assert report.matched == ((MINE, MINE), (second, second), (third, third))


# -- signs ------------------------------------------------------------------------------------------


def test_a_charge_of_less_than_one_euro_is_a_charge_not_a_refund_when_counting_seats() -> None:
    cheap = attrs.evolve(
        MINE,
        charge_type=ChargeType.NEW,
        unit_price=Money("0.50", "EUR"),
        effective_unit_price=Money("0.50", "EUR"),
        quantity=1,
        subtotal=Money("0.50", "EUR"),
        total=Money("0.50", "EUR"),
    )
    assert seats_at_period_end([cheap]) == {"s1": Decimal(1)}


def test_a_free_line_takes_its_sign_from_its_effective_price_when_counting_seats() -> None:
    free = attrs.evolve(MINE, subtotal=Money(0, "EUR"), total=Money(0, "EUR"))
    refund = attrs.evolve(free, effective_unit_price=Money("-0.01", "EUR"))
    assert seats_at_period_end([free]) == {"s1": Decimal(15)}
    assert seats_at_period_end([refund]) == {}
