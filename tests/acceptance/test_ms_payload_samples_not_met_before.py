"""Microsoft's published payload samples that the readers had not met, read (or refused) as published.

Pages (kvamseek/partner-center mirror of MicrosoftDocs/partner-center-pr @ 85eb3c4):
``developer/get-invoice-billed-consumption-lineitems.md`` (Response example 2),
``developer/get-invoice-unbilled-consumption-lineitems.md`` (Response example 2),
``developer/get-invoice-unbilled-recon-lineitems.md`` (Response example 1),
``modern-invoice-reconciliation-file.md`` (the "Sample value" column, as one row),
``developer/get-invoice-billed-unbilled-consumption.md`` (Usage data attributes, "full" and "basic").
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

from tests.refusals import raises_invalid

from cspcore import ErrorCode, Money
from cspcore.billing import ChargeType
from cspcore.interop import (
    check_invoice_line_items,
    check_recon_rows,
    iter_recon_rows,
    parse_invoice_line_items,
    parse_recon_rows,
)
from cspcore.interop.usage import parse_usage_line_items, parse_usage_rows

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


# -- unbilled reconciliation line items, example 1 ---------------------------------------------------


def test_the_unbilled_recon_line_items_sample_is_refused_as_published_naming_line_and_column() -> None:
    # As published the items list is closed twice ("}\n    ],\n ... }\n    ],"): not JSON.
    with raises_invalid(field="payload", code=ErrorCode.MALFORMED) as caught:
        parse_invoice_line_items(read("unbilled-lineitems-onetime.json"))
    assert "line 164, column 5" in str(caught.value)


def test_the_unbilled_recon_line_items_read_with_their_stated_zero_totals_reported() -> None:
    # The body up to the stray second close of its items list is the collection the page means.
    text = read("unbilled-lineitems-onetime.json")
    cut = text.index('}\n    ],\n    "links"')
    report = check_invoice_line_items(text[:cut] + "}")
    phone, power_bi, waf = report.lines
    assert (phone.quantity, phone.subtotal, phone.qualifiers) == (
        Decimal(25),
        Money(0, "USD"),
        ("AddOn", "Trial"),
    )
    assert (power_bi.effective_unit_price, power_bi.quantity, power_bi.subtotal) == (
        Money("14.4", "USD"),
        Decimal(50),
        Money(720, "USD"),
    )
    assert (waf.charge_type, waf.quantity, waf.charge_start) == (
        ChargeType.NEW,
        Decimal("3.1618"),
        dt.date(2019, 2, 4),
    )
    assert [(issue.where, issue.field, issue.stated) for issue in report.issues] == [
        ("items[1]", "totalForCustomer", Money(0, "USD")),
        ("items[2]", "totalForCustomer", Money(0, "USD")),
        ("items[2]", "subtotal", Money(820, "USD")),
    ]


# -- the reconciliation file's sample values ---------------------------------------------------------


def test_the_recon_file_sample_values_read_as_one_usage_line_priced_in_dollars_billed_in_euros() -> None:
    (line,) = parse_recon_rows((FIXTURES / "recon-sample-values.csv").read_bytes())
    assert (line.order_date, line.charge_start, line.charge_end) == (
        dt.date(2020, 10, 3),
        dt.date(2020, 9, 1),
        dt.date(2020, 9, 30),
    )
    assert (line.unit_price, line.effective_unit_price, line.quantity) == (
        Money("0.045", "USD"),
        Money("0.03825", "USD"),
        Decimal("0.005001"),
    )
    assert (line.subtotal, line.tax, line.currency) == (Money("0.01", "EUR"), Money(0, "EUR"), "EUR")
    assert (line.pricing_currency, line.exchange_rate, line.exchange_rate_date) == (
        "USD",
        Decimal("0.846202666"),
        dt.date(2020, 9, 30),
    )
    assert (line.reference_id, line.qualifiers) == ("025d68a6-1bd6-42ab-9636-15e8d776a30e", ("Add-on",))


def test_the_recon_file_sample_values_contradict_their_own_formulas_and_are_reported() -> None:
    # The column's samples come from different rows: Total 0.045 beside Subtotal 0.01 and TaxTotal 0,
    # and 0.03825 x 0.005001 gives 0.00 by either documented rounding, not 0.01.
    report = check_recon_rows(read("recon-sample-values.csv"))
    assert [(issue.where, issue.field, issue.stated) for issue in report.issues] == [
        ("rows[1]", "Total", Money("0.045", "EUR")),
        ("rows[1]", "Subtotal", Money("0.01", "EUR")),
    ]
    assert report.lines[0].total == Money("0.01", "EUR")  # subtotal + tax, the stated figure reported
    with raises_invalid(field="rows[1].Total", code=ErrorCode.INCONSISTENT):
        parse_recon_rows(read("recon-sample-values.csv"), strict=True)


def test_the_recon_file_sample_values_read_alike_with_a_byte_order_mark_and_from_an_open_file() -> None:
    text = (FIXTURES / "recon-sample-values.csv").read_bytes().decode()
    assert "\r\n" in text  # written with the CRLF line ends of Partner Center's downloads
    from_text = parse_recon_rows(text)
    assert parse_recon_rows(("\ufeff" + text).encode()) == from_text
    assert tuple(iter_recon_rows(io.StringIO("\ufeff" + text, newline=""))) == from_text


# -- the v2 usage API's attributes (developer/get-invoice-billed-unbilled-consumption.md) -------------
# The page publishes the attribute names of each set, no values: the values here are made up.

V2_FULL = (
    '{"PartnerId": "p", "CustomerId": "c", "InvoiceNumber": "G000000001", "SubscriptionId": "s",'
    ' "ChargeStartDate": "2022-04-01T00:00:00", "ChargeEndDate": "2022-04-30T00:00:00",'
    ' "UsageDate": "2022-04-02T00:00:00", "MeterId": "m", "MeterName": "D2 v3", "ResourceURI": "/r",'
    ' "ChargeType": "new", "UnitPrice": 0.096, "Quantity": 24, "UnitType": "1 Hour",'
    ' "BillingPreTaxTotal": 2.304, "BillingCurrency": "USD", "PricingPreTaxTotal": 2.304,'
    ' "PricingCurrency": "USD", "EffectiveUnitPrice": 0.096, "PCToBCExchangeRate": 1, "EntitlementId": "e",'
    ' "PartnerEarnedCreditPercentage": 0, "CreditPercentage": 0, "CreditType": "", "BenefitOrderID": "",'
    ' "BenefitType": "Charge", "Tags": {"env": "prod"}, "AdditionalInfo": {"ImageType": null}}'
)


def test_a_v2_usage_line_of_the_full_attribute_set_reads_like_the_daily_rated_usage_file() -> None:
    (line,) = parse_usage_rows([json.loads(V2_FULL, parse_float=Decimal)])
    assert (line.usage_date, line.meter_id, line.quantity, line.billing_total) == (
        dt.date(2022, 4, 2),
        "m",
        Decimal(24),
        Money("2.304", "USD"),
    )


def test_a_v2_usage_line_of_the_basic_attribute_set_is_refused_for_its_missing_meter() -> None:
    basic = {
        key: value for key, value in json.loads(V2_FULL, parse_float=Decimal).items() if key != "MeterId"
    }
    with raises_invalid(field="rows[0].MeterId", code=ErrorCode.MISSING):
        parse_usage_rows([basic])
    with raises_invalid(field="rows[0].UnitPrice", code=ErrorCode.WRONG_TYPE):  # decoded with floats
        parse_usage_rows([json.loads(V2_FULL)])
