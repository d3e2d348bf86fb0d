"""Rating is exact for every input within cspcore's bounds, and refuses quantities beyond them."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import (
    Cancel,
    ChangeQuantity,
    ChargeLine,
    ConvertTrial,
    ProrationRounding,
    SeatLot,
    Subscription,
    Upgrade,
    rate,
    reduce_lots,
)

if TYPE_CHECKING:
    from collections.abc import Callable

MAX_SEATS = 10**12
START = dt.date(2023, 2, 1)
#: 30 integer digits and cents: a 34-digit quotient of it would not reach the cents.
HUGE = Decimal("123456789012345678901234567890.07")


def subscription(quantity: int = 10, price: Decimal = Decimal("10.08"), **extra: object) -> Subscription:
    fields: dict[str, object] = {
        "id": "s",
        "product": "P",
        "start": START,
        "term": "P1M",
        "frequency": "monthly",
        "quantity": quantity,
        "unit_price": Money(price, "EUR"),
    }
    fields.update(extra)
    return Subscription(**fields)  # type: ignore[arg-type]


def test_a_full_refund_of_a_huge_purchase_nets_to_exactly_zero() -> None:
    sub = subscription(MAX_SEATS, HUGE)
    lines = rate(sub, [Cancel(at=dt.datetime(2023, 2, 1, 9, tzinfo=dt.UTC))], through=START)
    charged = Fraction(HUGE) * MAX_SEATS  # 42 digits: exact as a Fraction, not in a 28-digit context
    assert Fraction(lines[0].subtotal.amount) == charged
    assert Fraction(lines[1].subtotal.amount) == -charged


@pytest.mark.parametrize("rounding", list(ProrationRounding))
def test_a_prorated_line_of_a_huge_price_is_truncated_from_the_exact_fraction(
    rounding: ProrationRounding,
) -> None:
    sub = subscription(MAX_SEATS - 1, HUGE)
    on = dt.date(2023, 2, 25)  # 4 of 28 days: a seventh of the price, which does not terminate
    line = rate(sub, [ChangeQuantity(on=on, quantity=MAX_SEATS)], through=on, rounding=rounding)[-1]
    eup = Fraction(HUGE) * 4 / 28
    if rounding is ProrationRounding.UNIT_PRICE_FIRST:
        expected = Fraction(int(eup * 100), 100) * MAX_SEATS
    else:
        expected = Fraction(int(eup * MAX_SEATS * 100), 100)
    assert Fraction(line.subtotal.amount) == expected
    # the effective unit price shown reaches far below the cent, whatever the price's size
    assert abs(Fraction(line.effective_unit_price.amount) - eup) < Fraction(1, 10**12)


def test_the_shown_effective_unit_price_of_an_ordinary_price_keeps_34_digits() -> None:
    on = dt.date(2023, 2, 10)
    line = rate(subscription(price=Decimal("10.00")), [ChangeQuantity(on=on, quantity=11)], through=on)[-1]
    shown = line.effective_unit_price.amount  # 10.00 x 19 / 28 = 6.785714285714...
    assert len(shown.as_tuple().digits) == 34
    assert shown.quantize(Decimal("0.01"), ROUND_DOWN) * 11 == line.subtotal.amount


def _line(quantity: Any) -> ChargeLine:
    return ChargeLine(
        order_date=START,
        charge_type="new",
        product="P",
        subscription_id="s",
        unit_price=Money("1", "EUR"),
        effective_unit_price=Money("1", "EUR"),
        quantity=quantity,
        subtotal=Money("1", "EUR"),
        charge_start=START,
        charge_end=START,
    )


PAID = Money("1", "EUR")


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (subscription, "quantity"),
        (lambda n: subscription(1, max_quantity=n), "max_quantity"),
        (lambda n: ChangeQuantity(on=START, quantity=n), "quantity"),
        (lambda n: ChangeQuantity(on=START, quantity=-n), "quantity"),
        (lambda n: Upgrade(on=START, product="Q", unit_price=PAID, quantity=n), "quantity"),
        (lambda n: ConvertTrial(on=START, unit_price=PAID, quantity=n), "quantity"),
        (lambda n: SeatLot(added_on=START, quantity=n), "quantity"),
        (lambda n: reduce_lots((SeatLot(added_on=START, quantity=1),), n, on=START), "by"),
        (lambda n: _line(Decimal(n)), "quantity"),
        (lambda n: _line(-n), "quantity"),
    ],
)
@pytest.mark.parametrize("quantity", [MAX_SEATS + 1, 10**40, 10**5000], ids=["1e12+1", "1e40", "1e5000"])
def test_a_quantity_beyond_a_trillion_is_refused_naming_the_field(
    build: Callable[[int], object], field: str, quantity: int
) -> None:
    with pytest.raises(InvalidInput) as caught:
        build(quantity)
    assert caught.value.field == field


def test_a_trillion_seats_are_accepted() -> None:
    assert subscription(MAX_SEATS).quantity == MAX_SEATS
    assert ChangeQuantity(on=START, quantity=MAX_SEATS).quantity == MAX_SEATS
    assert _line(Decimal(MAX_SEATS)).quantity == MAX_SEATS
