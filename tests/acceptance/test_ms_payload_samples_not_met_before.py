"""Microsoft's published payload samples that the readers had not met, read (or refused) as published.

Pages (kvamseek/partner-center mirror of MicrosoftDocs/partner-center-pr @ 85eb3c4):
``developer/get-invoice-billed-consumption-lineitems.md`` (Response example 2),
``developer/get-invoice-unbilled-consumption-lineitems.md`` (Response example 2).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

from tests.refusals import raises_invalid

from cspcore import ErrorCode, Money
from cspcore.interop import parse_invoice_line_items
from cspcore.interop.usage import parse_usage_line_items

FIXTURES = Path(__file__).parents[1] / "fixtures" / "partner_center"


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


# -- commercial consumption line items, example 2 (seekOperation=Next) ---------------------------------


def test_the_billed_consumption_next_page_reads_as_one_daily_line_with_partner_earned_credit() -> None:
    (line,) = parse_usage_line_items(read("billed-consumption-lineitems-next.json"))
    assert (line.usage_date, line.meter_id, line.invoice_number, line.charge_type) == (
        dt.date(2018, 11, 13),
        "1core",
        "T000001234",
        "new",
    )
    assert (line.quantity, line.unit_price) == (Decimal("23.200004"), Decimal("0.0209496384791679"))
    assert line.effective_unit_price == Decimal("0.1835431430074643112595")  # every published digit
    assert (line.billing_total, line.pricing_pre_tax_total) == (
        Money("0.486031696515249", "USD"),
        Decimal("0.486031696515249"),
    )
    assert (line.pec_rate, line.credit_rate, line.credit_type) == (
        Decimal("0.15"),
        Decimal("0.15"),
        "Partner Earned Credit Applied",
    )
    assert (line.charge_start, line.charge_end, line.exchange_rate) == (
        dt.date(2018, 11, 1),
        dt.date(2018, 12, 1),
        Decimal(1),
    )


def test_the_billed_consumption_next_page_states_the_list_amount_beside_a_credit_of_fifteen_percent() -> None:
    # Published defect, kept: billingPreTaxTotal is unitPrice x quantity (to the double's digits),
    # not the 15 % less that rateOfPartnerEarnedCredit 0.15 would take off; read as published.
    (line,) = parse_usage_line_items(read("billed-consumption-lineitems-next.json"))
    assert abs(line.unit_price * line.quantity - line.billing_pre_tax_total) < Decimal("1e-15")


def test_the_unbilled_consumption_next_page_reads_a_marketplace_line_without_a_charge_type() -> None:
    (line,) = parse_usage_line_items(read("unbilled-consumption-lineitems-next.json"))
    assert (line.usage_date, line.meter_id, line.quantity) == (dt.date(2019, 1, 2), "4core", Decimal("24.0"))
    assert (line.unit_price, line.billing_total) == (
        Decimal("1.2799888920023"),
        Money("30.7197334080551", "USD"),
    )
    assert (line.charge_type, line.invoice_number, line.effective_unit_price) == (None, None, Decimal(0))
    assert line.entitlement_id == "31cdf47f-b249-4edd-9319-637862d8c0b4"


def test_the_billing_line_item_reader_points_a_usage_item_without_a_line_item_type_elsewhere() -> None:
    # The billed sample has no invoiceLineItemType: its attributes.objectType tells it is usage.
    with raises_invalid(field="items[0].attributes.objectType", code=ErrorCode.NOT_ALLOWED):
        parse_invoice_line_items(read("billed-consumption-lineitems-next.json"))
    with raises_invalid(field="items[0].invoiceLineItemType", code=ErrorCode.NOT_ALLOWED):
        parse_invoice_line_items(read("unbilled-consumption-lineitems-next.json"))
