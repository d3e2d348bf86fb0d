"""Microsoft's published reconciliation examples, read, counted, reconciled and explained by cspcore.

Source: common-billing-scenarios-onetime-recurring.md (kvamseek/partner-center @ 85eb3c4).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import attrs

from cspcore import Money, Rounding
from cspcore.billing import ChargeLine
from cspcore.interop import explain_charge, parse_recon_rows, reconcile, seats_at_period_end

FIXTURES = Path(__file__).parents[1] / "fixtures" / "partner_center"


def test_march_2022_seat_changes_end_with_thirty_seats() -> None:
    # Section "How do I calculate the total number of seats (licenses) after multiple changes during a
    # billing period?": "the total number of seats is 30 for the subscription in March".
    lines = parse_recon_rows((FIXTURES / "recon-seat-changes-march-2022.csv").read_text(encoding="utf-8"))
    assert seats_at_period_end(lines) == {"284b0ff0-0e74-4f65-cb23-f8ad95867994": Decimal(30)}


def test_march_2022_rows_agree_with_full_precision_prices_rounded_down_per_line() -> None:
    # Same table: each amount is 12 / 31 x billed days x seats, cut down to the cent; the table shows
    # the effective unit price rounded for display, which is not a difference.
    billed = parse_recon_rows((FIXTURES / "recon-seat-changes-march-2022.csv").read_text(encoding="utf-8"))
    expected = []
    for line in billed:
        days = line.days
        price = Money(12, "EUR") * days / 31 * (-1 if line.is_refund else 1)
        subtotal = (price * line.quantity).round(Rounding.DOWN)
        expected.append(
            attrs.evolve(
                line, effective_unit_price=price, subtotal=subtotal, total=subtotal, reference_id=None
            )
        )
    assert reconcile(expected, billed).ok


def test_july_2021_cancellation_refund_is_94_20_and_explained() -> None:
    # Section "How are the refunds calculated if I cancel a subscription within seven days ...":
    # "a refund of EUR 94.2 ... for 29 unused days from July 17 to August 14".
    new, cancel = parse_recon_rows((FIXTURES / "recon-cancel-july-2021.csv").read_text(encoding="utf-8"))
    assert (new.total, cancel.total) == (Money("100.8", "EUR"), Money("-94.2", "EUR"))
    assert cancel.days == 29
    assert (cancel.charge_start, cancel.charge_end) == (dt.date(2021, 7, 17), dt.date(2021, 8, 14))
    text = explain_charge(cancel, locale="en_US")
    assert "10.08 EUR ÷ 31 days of the charge cycle × 29 days = 9.4297 EUR" in text
    assert "9.42 EUR (price per unit rounded down to the cent) × 10 = €94.20" in text


def test_june_2021_seat_reduction_lines_are_explained_with_28_days() -> None:
    # Section on removing seats: 10.08 / 30 * 28 = 9.408; 12 seats refunded 112.89, 8 charged 75.26.
    refund = ChargeLine(
        order_date=dt.date(2021, 6, 20),
        charge_type="removeQuantity",
        product="Microsoft 365 Business Standard",
        subscription_id="s",
        unit_price=Money("10.08", "EUR"),
        effective_unit_price=Money("-9.408", "EUR"),
        quantity=12,
        subtotal=Money("-112.89", "EUR"),
        charge_start=dt.date(2021, 6, 20),
        charge_end=dt.date(2021, 7, 17),
    )
    text = explain_charge(refund, locale="en_US")
    assert "10.08 EUR ÷ 30 days of the charge cycle × 28 days = 9.408 EUR" in text
    assert "Amount: 9.408 EUR × 12 = €112.89, rounded down to the cent." in text
