"""Microsoft's published sample responses, parsed with their defects (tests/fixtures/partner_center)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from tests.refusals import raises_invalid

from cspcore import ErrorCode, Money
from cspcore.billing import ChargeType, DocumentType
from cspcore.interop import (
    InvoiceType,
    parse_invoice,
    parse_invoice_line_items,
    parse_invoice_summaries,
    parse_invoices,
)

FIXTURES = Path(__file__).parents[2] / "fixtures" / "partner_center"


def fixture_text(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def decoded(name: str) -> Any:
    return json.loads(fixture_text(name), parse_float=Decimal)


def test_invoice_by_id_sample_parses_with_utc_dates_and_exact_total() -> None:
    invoice = parse_invoice(fixture_text("invoice-by-id.json"))
    assert invoice.id == "G000024135"
    assert invoice.issued == dt.date(2018, 2, 8)
    assert invoice.billing_period_start == dt.date(2018, 2, 1)
    assert invoice.billing_period_end == dt.date(2018, 2, 28)
    assert invoice.total_charges == Money("2076.63", "USD")
    assert invoice.paid_amount == Money(0, "USD")
    assert invoice.document_type is DocumentType.INVOICE


def test_invoice_by_id_sample_parses_the_same_from_bytes_text_and_mapping() -> None:
    text = fixture_text("invoice-by-id.json")
    assert parse_invoice(text.encode()) == parse_invoice(text) == parse_invoice(decoded("invoice-by-id.json"))


def test_invoice_collection_sample_keeps_the_nested_adjustment_note_on_its_invoice() -> None:
    legacy, modern = parse_invoices(fixture_text("invoices.json"))
    assert (legacy.id, legacy.total_charges, legacy.paid_amount) == (
        "D02005YFHI",
        Money("24606.35", "GBP"),
        Money(1000, "GBP"),
    )
    assert modern.document_type is DocumentType.VOID_NOTE
    assert modern.total_charges == Money(586366, "CHF")
    (note,) = modern.amendments
    assert (note.id, note.document_type, note.amends_of) == (
        "G000024131",
        DocumentType.ADJUSTMENT_NOTE,
        "G000024130",
    )
    assert note.total_charges == Money("107661.12", "CHF")
    assert note.issued == dt.date(2018, 2, 8)


def test_invoice_collection_links_top_level_amendments_to_their_invoice() -> None:
    document = decoded("invoices.json")
    note = document["items"][1]["amendments"].pop()
    note["documentType"] = "Credit Note"
    document["items"].insert(0, note)
    invoices = parse_invoices(document)
    assert [invoice.id for invoice in invoices] == ["D02005YFHI", "G000024130"]
    assert [(a.id, a.document_type) for a in invoices[1].amendments] == [
        ("G000024131", DocumentType.CREDIT_NOTE)
    ]


def test_amendment_of_an_invoice_outside_the_collection_stays_at_the_top_level() -> None:
    fields = {"id": "G9", "invoiceDate": "2024-01-08", "totalCharges": "-5", "currencyCode": "EUR"}
    document = {"items": [{**fields, "documentType": "credit_note", "amendsOf": "G1"}]}
    (note,) = parse_invoices(document)
    assert (note.amends_of, note.document_type) == ("G1", DocumentType.CREDIT_NOTE)


def test_invoice_summaries_sample_gives_one_summary_per_currency_with_details() -> None:
    gbp, chf, eur = parse_invoice_summaries(fixture_text("invoice-summaries.json"))
    assert gbp.balance == Money("751094.39", "GBP")
    assert [(kind, summary.balance) for kind, summary in gbp.details] == [
        (InvoiceType.RECURRING, Money("202955.87", "GBP")),
        (InvoiceType.ONE_TIME, Money("548138.52", "GBP")),
    ]
    assert gbp.balance == gbp.details[0][1].balance + gbp.details[1][1].balance
    assert gbp.last_payment_date == dt.date(2017, 1, 1)
    assert gbp.last_payment_amount == Money(1000, "GBP")
    assert gbp.details[0][1].latest_invoice_date is None  # "0001-01-01T00:00:00" means none
    assert chf.currency == "CHF"
    assert chf.last_payment_date is None
    assert eur.balance == Money("1001.12", "EUR")
    assert eur.accounting_date == dt.date(2018, 3, 16)


def test_office_line_items_sample_reads_json_floats_exactly() -> None:
    first, second = parse_invoice_line_items(fixture_text("lineitems-office-billing.json"))
    assert first.charge_type is ChargeType.NEW
    assert (first.product, first.subscription_id, first.quantity) == (
        "EXCHANGE ONLINE (PLAN 2)",
        "4KIKawEAAAAAAAEA",
        Decimal(3),
    )
    assert (first.charge_start, first.charge_end, first.order_date) == (
        dt.date(2017, 5, 12),
        dt.date(2017, 6, 9),
        dt.date(2017, 5, 12),
    )
    assert first.total == Money(0, "USD")
    assert first.subscription_end == dt.date(2018, 6, 10)
    assert first.billing_frequency == "MONTHLY"
    assert second.product == "SHAREPOINT ONLINE (PLAN 2)"


def test_office_line_items_decoded_with_floats_are_refused_naming_the_field() -> None:
    document = json.loads(fixture_text("lineitems-office-billing.json"))
    with raises_invalid(field="items[0].subtotal", code=ErrorCode.WRONG_TYPE):
        parse_invoice_line_items(document)


def test_azure_billing_line_items_sample_maps_overage_at_list_price_with_tax() -> None:
    app_service, storage = parse_invoice_line_items(fixture_text("lineitems-azure-billing.json"))
    assert app_service.charge_type is ChargeType.CYCLE_CHARGE  # "Assess usage fee for current cycle"
    assert app_service.product == "Azure App Service Standard Plan S1"
    assert app_service.unit_price == Money("0.085", "USD")
    assert app_service.effective_unit_price == Money("0.08500671", "USD")
    assert app_service.quantity == 745
    assert (app_service.subtotal, app_service.tax, app_service.total) == (
        Money("63.33", "USD"),
        Money("6.34", "USD"),
        Money("69.67", "USD"),
    )
    assert storage.quantity == Decimal("0.000882")
    assert storage.total == Money(0, "USD")


def test_azure_usage_line_items_sample_is_refused_because_it_has_no_amounts() -> None:
    with raises_invalid(field="items[0].invoiceLineItemType", code=ErrorCode.NOT_ALLOWED):
        parse_invoice_line_items(fixture_text("lineitems-azure-usage.json"))


def test_onetime_line_items_sample_as_published_is_invalid_json_reported_with_line_and_column() -> None:
    with raises_invalid(field="payload", code=ErrorCode.MALFORMED) as caught:
        parse_invoice_line_items(fixture_text("lineitems-onetime-billing.json"))
    assert caught.value.field == "payload"


def test_onetime_line_items_sample_with_a_total_that_is_not_subtotal_plus_tax_is_refused_when_strict() -> (
    None
):
    with raises_invalid(field="items[2].totalForCustomer", code=ErrorCode.INCONSISTENT) as caught:
        parse_invoice_line_items(fixture_text("lineitems-onetime-billing-next.json"), strict=True)
    assert caught.value.field == "items[2].totalForCustomer"


def test_onetime_line_items_sample_tolerates_strings_numbers_new_and_New_offsets_and_seven_digits() -> None:
    document = decoded("lineitems-onetime-billing-next.json")
    document["items"][2]["totalForCustomer"] = 820  # the one inconsistent figure, repaired
    trial, power_bi, marketplace, office = parse_invoice_line_items(document)
    assert (
        trial.charge_type
        is power_bi.charge_type
        is marketplace.charge_type
        is office.charge_type
        is ChargeType.NEW
    )
    assert trial.qualifiers == ("AddOn", "Trial")
    assert trial.quantity == 25
    assert trial.order_date == dt.date(2021, 5, 20)
    assert trial.billing_frequency is None  # blank for trials
    assert (power_bi.unit_price, power_bi.effective_unit_price, power_bi.quantity) == (
        Money(16, "USD"),
        Money("14.4", "USD"),
        Decimal(50),
    )
    assert (power_bi.subtotal, power_bi.tax, power_bi.total) == (
        Money(720, "USD"),
        Money(73, "USD"),
        Money(793, "USD"),
    )
    assert power_bi.reference_id == "28b535e0-68f4-40b5-84f7-8ed9241eb149"
    assert power_bi.term_and_billing_cycle == "One-Year commitment for monthly/yearly billing"
    assert (marketplace.charge_start, marketplace.charge_end) == (dt.date(2019, 2, 4), dt.date(2019, 3, 3))
    assert marketplace.quantity == Decimal("3.1618")  # billableQuantity wins over quantity
    assert office.subscription_start is None
    assert (office.tax, office.total) == (Money("1.61", "USD"), Money("17.61", "USD"))
    assert office.customer_id == "org:9060d13d-c5ed-482e-b059-a15a38cbb28e"
