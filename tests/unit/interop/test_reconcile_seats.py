"""The seats of each subscription at the end of a billing period, by Microsoft's documented rule.

``common-billing-scenarios-onetime-recurring.md`` ("How do I calculate the total number of seats
(licenses) after multiple changes during a billing period?"): the last positive charge carries the
seat count; when several positive charges fall on that last day, add the positive quantities and
subtract the negative ones from the order date of the period's ``new``, ``renew`` or
``cycleCharge`` transaction; ``customerCredit`` lines are left out.
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest

from cspcore import ErrorCode, InvalidInput, Money
from cspcore.billing import ChargeLine
from cspcore.interop import seats_at_period_end

if TYPE_CHECKING:
    from cspcore.billing.charges import ChargeTypeSpelling


def seat(
    day: int, kind: ChargeTypeSpelling, price: str, quantity: int, subscription: str = "s1"
) -> ChargeLine:
    """A March 2022 line of ``subscription`` ordered on ``day``; a negative price makes a refund."""
    return ChargeLine(
        order_date=dt.date(2022, 3, day),
        charge_type=kind,
        product="Microsoft 365 Business Standard",
        subscription_id=subscription,
        unit_price=Money(12, "EUR"),
        effective_unit_price=Money(price, "EUR"),
        quantity=quantity,
        subtotal=(Money(price, "EUR") * quantity).round(),
        charge_start=dt.date(2022, 3, day),
        charge_end=dt.date(2022, 4, 4),
    )


def test_a_single_purchase_is_the_seat_count() -> None:
    assert seats_at_period_end([seat(5, "new", "12", 10)]) == {"s1": Decimal(10)}


def test_the_seat_counts_are_a_read_only_mapping() -> None:
    seats: Any = seats_at_period_end([seat(5, "new", "12", 10)])
    with pytest.raises(TypeError):
        seats["s1"] = Decimal(11)
    assert {"s1": Decimal(10)} == dict(seats)


def test_the_last_positive_charge_wins_whatever_the_order_of_the_lines() -> None:
    lines = [
        seat(20, "removeQuantity", "4.65", 8),
        seat(5, "new", "12", 10),
        seat(20, "removeQuantity", "-4.65", 10),
    ]
    assert seats_at_period_end(lines) == {"s1": Decimal(8)}


def test_a_subscription_with_only_refunds_is_left_out_and_the_next_one_is_still_counted() -> None:
    lines = [
        seat(9, "cancelImmediate", "-10", 10, "gone"),
        seat(5, "new", "12", 3, "kept"),
        seat(6, "new", "12", 4, "also kept"),
    ]
    assert seats_at_period_end(lines) == {"kept": Decimal(3), "also kept": Decimal(4)}


def test_every_subscription_is_counted_after_one_resolved_by_the_same_day_sum() -> None:
    lines = [
        seat(5, "new", "12", 10, "first"),
        seat(9, "addQuantity", "-10", 10, "first"),
        seat(9, "addQuantity", "10", 15, "first"),
        seat(9, "addQuantity", "-10", 15, "first"),
        seat(9, "addQuantity", "10", 18, "first"),
        seat(5, "new", "12", 4, "second"),
        seat(9, "addQuantity", "-10", 4, "second"),
        seat(9, "addQuantity", "10", 6, "second"),
        seat(9, "addQuantity", "-10", 6, "second"),
        seat(9, "addQuantity", "10", 5, "second"),
        seat(5, "new", "12", 7, "third"),
    ]
    assert seats_at_period_end(lines) == {"first": Decimal(18), "second": Decimal(5), "third": Decimal(7)}


def test_same_day_charges_are_summed_from_the_base_transaction_even_without_refunds() -> None:
    # 10 bought on the 5th, then two positive charges of 5 and 3 on the 9th: 10 + 5 + 3.
    lines = [seat(5, "new", "12", 10), seat(9, "addQuantity", "10", 5), seat(9, "addQuantity", "10", 3)]
    assert seats_at_period_end(lines) == {"s1": Decimal(18)}


def test_the_base_transaction_on_the_last_day_itself_starts_the_same_day_sum() -> None:
    # Purchase day: 10 bought, then a positive charge of 5 on the same day: 10 + 5.
    lines = [seat(5, "new", "12", 10), seat(5, "addQuantity", "12", 5)]
    assert seats_at_period_end(lines) == {"s1": Decimal(15)}


def test_the_latest_base_transaction_starts_the_sum() -> None:
    # A renewal on the 1st and a cycle charge on the 3rd: the sum starts on the 3rd.
    lines = [
        seat(1, "renew", "12", 40),
        seat(3, "cycleCharge", "12", 10),
        seat(9, "addQuantity", "10", 5),
        seat(9, "addQuantity", "10", 3),
    ]
    assert seats_at_period_end(lines) == {"s1": Decimal(18)}


def test_customer_credits_are_left_out_of_the_count() -> None:
    lines = [seat(5, "new", "12", 10), seat(20, "customerCredit", "1", 99)]
    assert seats_at_period_end(lines) == {"s1": Decimal(10)}


def test_the_same_day_sum_is_exact_whatever_the_ambient_decimal_context() -> None:
    lines = [
        seat(5, "new", "12", 12345),
        seat(9, "addQuantity", "-10", 12345),
        seat(9, "addQuantity", "10", 12346),
        seat(9, "addQuantity", "-10", 12346),
        seat(9, "addQuantity", "10", 12347),
    ]
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR)):
        seats = seats_at_period_end(lines)
    assert seats == {"s1": Decimal(12347)}
    assert str(seats["s1"]) == "12347"


def test_a_same_day_chain_that_cannot_be_resolved_is_refused_with_the_counts_left() -> None:
    lines = [seat(9, "addQuantity", "10", 15, "s7"), seat(9, "addQuantity", "10", 18, "s7")]
    with pytest.raises(InvalidInput) as caught:
        seats_at_period_end(lines)
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "lines",
        ErrorCode.INCONSISTENT,
        (Decimal(15), Decimal(18)),
    )
    assert caught.value.code == ErrorCode.INCONSISTENT


def test_an_item_that_is_not_a_charge_line_is_refused_by_its_position() -> None:
    with pytest.raises(InvalidInput) as caught:
        seats_at_period_end([seat(5, "new", "12", 1), "x"])  # type: ignore[list-item]
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "lines[1]",
        ErrorCode.WRONG_TYPE,
        "x",
    )
    assert caught.value.code == ErrorCode.WRONG_TYPE


def test_lines_that_are_not_an_iterable_are_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        seats_at_period_end(5)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.value, caught.value.code) == ("lines", 5, ErrorCode.WRONG_TYPE)


def test_lines_may_be_a_generator() -> None:
    lines = (seat(day, "new", "12", day) for day in (5, 7))
    assert seats_at_period_end(lines) == {"s1": Decimal(7)}
