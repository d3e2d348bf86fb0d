"""Microsoft's published reconciliation examples, read, counted, reconciled and explained by cspcore.

Source: common-billing-scenarios-onetime-recurring.md (kvamseek/partner-center @ 85eb3c4).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

from cspcore import InvalidInput, Money, Rounding
from cspcore.billing import ChargeLine, ProrationRounding
from cspcore.interop import (
    check_invoice_line_items,
    check_recon_rows,
    explain_charge,
    parse_invoice_line_items,
    parse_recon_rows,
    reconcile,
    seats_at_period_end,
)

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
    assert reconcile(expected, billed).is_clean


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


def test_unbilled_line_items_sample_is_read_whole_with_its_inconsistent_figures_reported() -> None:
    # developer/get-invoice-unbilled-recon-lineitems.md, response example 2: four items, every one read;
    # Power BI states a total of 0 beside a subtotal of 720, the WAF item 0 beside 820, and the WAF
    # item's 820 is 820 x quantity 1, not 820 x its billable quantity 3.1618.
    text = (FIXTURES / "unbilled-lineitems-onetime-next.json").read_text(encoding="utf-8")
    report = check_invoice_line_items(text)
    assert len(report.lines) == 4
    assert parse_invoice_line_items(text) == report.lines
    assert [(issue.where, issue.field, issue.stated, issue.expected) for issue in report.issues] == [
        ("items[1]", "totalForCustomer", Money(0, "USD"), Money(720, "USD")),
        ("items[2]", "totalForCustomer", Money(0, "USD"), Money(820, "USD")),
        ("items[2]", "subtotal", Money(820, "USD"), None),
    ]
    assert report.roundings[2] == ()
    assert report.lines[2].total == Money(820, "USD")  # subtotal + tax; the stated 0 is in the report


def test_line_items_sample_has_the_one_zero_total_beside_820_reported_and_refused_when_strict() -> None:
    # developer/get-invoiceline-items.md, response example 5 (the same WAF item as the unbilled sample).
    text = (FIXTURES / "lineitems-onetime-billing-next.json").read_text(encoding="utf-8")
    report = check_invoice_line_items(text)
    assert len(report.lines) == 4
    assert [(issue.where, issue.field) for issue in report.issues] == [
        ("items[2]", "totalForCustomer"),
        ("items[2]", "subtotal"),
    ]
    with pytest.raises(InvalidInput) as caught:
        parse_invoice_line_items(text, strict=True)
    assert caught.value.field == "items[2].totalForCustomer"


def test_published_reconciliation_tables_match_a_documented_rounding_on_every_row() -> None:
    for name in ("recon-seat-changes-march-2022.csv", "recon-cancel-july-2021.csv"):
        report = check_recon_rows((FIXTURES / name).read_text(encoding="utf-8"))
        assert report.is_consistent
        assert all(report.roundings)
    cancel = check_recon_rows((FIXTURES / "recon-cancel-july-2021.csv").read_text(encoding="utf-8"))
    assert ProrationRounding.UNIT_PRICE_FIRST in cancel.roundings[1]  # -9.42 x 10 = -94.20


def test_june_2021_full_upgrade_refunds_2316_charges_1476_and_ends_with_300_seats() -> None:
    # Section "Full upgrade": "a refund of EUR 2,316 ... for 23 days", "a charge of EUR 1,476";
    # "the total number is 300 for the upgraded subscription". As published, the upgraded line carries
    # the base subscription's id, so the 300 are counted there.
    lines = parse_recon_rows((FIXTURES / "recon-full-upgrade-june-2021.csv").read_text(encoding="utf-8"))
    assert [line.total for line in lines] == [Money(3024, "EUR"), Money(-2316, "EUR"), Money(1476, "EUR")]
    assert [line.days for line in lines[1:]] == [23, 23]
    assert seats_at_period_end(lines) == {"284b0ff0-0e74-4f65-cb23-f8ad95867994": Decimal(300)}


def test_june_2021_partial_upgrade_leaves_200_seats_on_the_base_and_100_on_the_upgrade() -> None:
    # Section "Partial upgrade": refund EUR 772 and charge EUR 492 for 100 seats; "it's 100" for the
    # upgraded subscription and, for the base, "300 - 100": "it's 200".
    lines = parse_recon_rows((FIXTURES / "recon-partial-upgrade-june-2021.csv").read_text(encoding="utf-8"))
    assert [line.total for line in lines] == [Money(3024, "EUR"), Money(-772, "EUR"), Money(492, "EUR")]
    assert seats_at_period_end(lines) == {
        "284b0ff0-0e74-4f65-cb23-f8ad95867994": Decimal(200),
        "6759acd5-a8a9-4402-94b7-803baa64a78e": Decimal(100),
    }


def test_june_2021_upgrade_prices_are_cut_to_the_cent_before_the_seats_multiply_them() -> None:
    # 10.08 / 30 x 23 = 7.728, shown and billed as 7.72 (7.72 x 300 = 2,316, not 2,318.40).
    for name in ("recon-full-upgrade-june-2021.csv", "recon-partial-upgrade-june-2021.csv"):
        report = check_recon_rows((FIXTURES / name).read_text(encoding="utf-8"))
        assert report.issues == ()
        assert all(ProrationRounding.UNIT_PRICE_FIRST in roundings for roundings in report.roundings)
