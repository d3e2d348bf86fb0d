"""What the parsers refuse, and how they say so."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from tests.refusals import raises_invalid

from cspcore import CurrencyMismatch, ErrorCode, InvalidInput, Money
from cspcore.billing import ChargeType
from cspcore.interop import parse_invoice, parse_invoice_line_items, parse_invoice_summaries, parse_invoices
from cspcore.interop._payload import date_value, load_json, qualifiers

INVOICE: dict[str, Any] = {"id": "G1", "invoiceDate": "2024-02-08T00:00:00Z", "totalCharges": "10.00",
                           "currencyCode": "EUR"}  # fmt: skip

ONETIME: dict[str, Any] = {
    "billingProvider": "one_time",
    "orderDate": "2024-03-05T10:00:00.1234567Z",
    "chargeType": "New",
    "productName": "Microsoft 365 E3",
    "subscriptionId": "s1",
    "unitPrice": "36",
    "effectiveUnitPrice": "36",
    "quantity": "2",
    "subtotal": "72",
    "currency": "usd",
    "chargeStartDate": "2024-03-05",
    "chargeEndDate": "2024-04-04",
}


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    result = dict(base)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("currencyCode", "XYZ", ErrorCode.UNKNOWN_VALUE),
        ("totalCharges", "ten", ErrorCode.NOT_A_NUMBER),
        ("invoiceDate", "yesterday", ErrorCode.MALFORMED),
        ("invoiceDate", "2024-02-30", ErrorCode.MALFORMED),
        ("documentType", "receipt", ErrorCode.UNKNOWN_VALUE),
        ("amendments", "G2", ErrorCode.WRONG_TYPE),
        ("id", 3.5, ErrorCode.WRONG_TYPE),
    ],
)
def test_invoice_fields_are_checked_and_named(field: str, value: object, code: ErrorCode) -> None:
    with raises_invalid(field=f"invoice.{field}", code=code) as caught:
        parse_invoice(with_(INVOICE, **{field: value}))
    assert caught.value.value == value


@pytest.mark.parametrize("field", ["id", "invoiceDate", "totalCharges", "currencyCode"])
def test_invoice_required_fields_are_named_when_missing(field: str) -> None:
    with raises_invalid(field=f"invoice.{field}", code=ErrorCode.MISSING):
        parse_invoice(with_(INVOICE, **{field: None}))


def test_invoice_due_check_errors_are_prefixed_with_the_item() -> None:
    bad = with_(INVOICE, billingPeriodStartDate="2024-02-10", billingPeriodEndDate="2024-02-01")
    with pytest.raises(InvalidInput) as caught:  # the invoice's own refusal (and its code) is billing's
        parse_invoice(bad)
    assert caught.value.field == "invoice.billing_period_end"


def test_invoice_accepts_credit_note_spellings() -> None:
    assert parse_invoice(with_(INVOICE, documentType="Credit Note")).document_type.value == "credit_note"
    assert parse_invoice(with_(INVOICE, DocumentType="VOID_NOTE")).document_type.value == "void_note"


def test_collections_name_the_item_index() -> None:
    with raises_invalid(field="items[1].totalCharges", code=ErrorCode.NOT_A_NUMBER):
        parse_invoices([INVOICE, with_(INVOICE, id="G2", totalCharges="x")])
    with raises_invalid(field="items[0]", code=ErrorCode.WRONG_TYPE):
        parse_invoices({"items": ["G1"]})
    with raises_invalid(field="payload.items", code=ErrorCode.WRONG_TYPE):
        parse_invoices({"items": "G1"})
    with raises_invalid(field="payload", code=ErrorCode.WRONG_TYPE):
        parse_invoices("3")
    with raises_invalid(field="payload", code=ErrorCode.WRONG_TYPE):
        parse_invoice("[1]")


def test_json_text_errors_show_the_text_around_the_fault() -> None:
    with raises_invalid(field="payload", code=ErrorCode.MALFORMED) as caught:
        parse_invoice('{"id": "G1",\n "total": }')
    assert caught.value.value == 'd": "G1",\n "total": }'


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (b"\xff\xfe{", ErrorCode.MALFORMED),
        ("[" * 100_000 + "]" * 100_000, ErrorCode.TOO_LONG),
        ('{"a": NaN}', ErrorCode.NOT_FINITE),
        ('{"a": Infinity}', ErrorCode.NOT_FINITE),
        ('{"a": ' + "9" * 5000 + "}", ErrorCode.TOO_MANY_DIGITS),
        (42, ErrorCode.WRONG_TYPE),
        (None, ErrorCode.WRONG_TYPE),
        (1.5, ErrorCode.WRONG_TYPE),
    ],
)
def test_hostile_payloads_raise_invalid_input(payload: object, code: ErrorCode) -> None:
    with raises_invalid(field="payload", code=code):
        load_json(payload)


def test_a_bom_is_tolerated() -> None:
    assert (
        parse_invoice(
            "\ufeff" + '{"id":"G1","invoiceDate":"2024-01-01","totalCharges":1,"currencyCode":"EUR"}'
        ).id
        == "G1"
    )
    assert (
        parse_invoice(
            b"\xef\xbb\xbf" + b'{"id":"G1","invoiceDate":"2024-01-01","totalCharges":1,"currencyCode":"EUR"}'
        ).id
        == "G1"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("2024-02-29T23:59:59.9999999Z", dt.date(2024, 2, 29)),
        ("2024-02-29T23:30:00-01:00", dt.date(2024, 3, 1)),
        ("2024-03-01T00:30:00+0100", dt.date(2024, 2, 29)),
        ("2024-02-29 10:00", dt.date(2024, 2, 29)),
        ("2/29/2024", dt.date(2024, 2, 29)),
        ("2/29/2024 11:59:59 PM", dt.date(2024, 2, 29)),
    ],
)
def test_dates_in_partner_center_spellings_are_read_as_utc_dates(text: str, expected: dt.date) -> None:
    assert date_value(text, "d") == expected


def test_date_values_may_be_dates_or_aware_datetimes_but_not_naive_ones() -> None:
    assert date_value(dt.date(2024, 1, 1), "d") == dt.date(2024, 1, 1)
    moment = dt.datetime(2024, 1, 1, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-2)))
    assert date_value(moment, "d") == dt.date(2024, 1, 2)
    with raises_invalid(field="d", code=ErrorCode.NAIVE_DATETIME):
        date_value(dt.datetime(2024, 1, 1), "d")  # noqa: DTZ001
    with raises_invalid(field="d", code=ErrorCode.WRONG_TYPE):
        date_value(20240101, "d")
    with raises_invalid(field="d", code=ErrorCode.MALFORMED):
        date_value("2024-01-01T25:00:00Z", "d")
    with raises_invalid(field="d", code=ErrorCode.MALFORMED):
        date_value("13/45/2024", "d")


def test_qualifiers_are_read_from_lists_json_text_and_comma_text() -> None:
    assert qualifiers('["AddOn","Trial"]', "q") == ("AddOn", "Trial")
    assert qualifiers("AddOn, Trial", "q") == ("AddOn", "Trial")
    assert qualifiers(["Trial"], "q") == ("Trial",)
    assert qualifiers(None, "q") == ()
    assert qualifiers("  ", "q") == ()
    for bad, field, code in (
        ("[oops", "q", ErrorCode.MALFORMED),
        ([1], "q[0]", ErrorCode.WRONG_TYPE),
        (["AddOn", " "], "q[1]", ErrorCode.EMPTY),
        (5, "q", ErrorCode.WRONG_TYPE),
    ):
        with raises_invalid(field=field, code=code):
            qualifiers(bad, "q")


def test_onetime_line_is_read_with_lower_case_currency_and_upper_case_charge_type() -> None:
    (line,) = parse_invoice_line_items([ONETIME])
    assert (line.currency, line.charge_type, line.total) == ("USD", ChargeType.NEW, Money(72, "USD"))


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"subtotal": None}, "subtotal", ErrorCode.MISSING),
        ({"subtotal": "  "}, "subtotal", ErrorCode.MISSING),
        ({"subtotal": "7x"}, "subtotal", ErrorCode.NOT_A_NUMBER),
        ({"subtotal": True}, "subtotal", ErrorCode.WRONG_TYPE),
        ({"currency": "EURO"}, "currency", ErrorCode.UNKNOWN_VALUE),
        ({"chargeType": "teleport"}, "chargeType", ErrorCode.UNKNOWN_VALUE),
        ({"chargeType": 5}, "chargeType", ErrorCode.UNKNOWN_VALUE),
        ({"chargeEndDate": "2024-03-01"}, "chargeEndDate", ErrorCode.INCONSISTENT),
        ({"productName": None}, "skuName", ErrorCode.MISSING),
        ({"productName": ["x"]}, "productName", ErrorCode.WRONG_TYPE),
        ({"quantity": None}, "quantity", ErrorCode.MISSING),
        ({"billingProvider": "xbox"}, "billingProvider", ErrorCode.UNKNOWN_VALUE),
        ({"totalForCustomer": "80"}, "totalForCustomer", ErrorCode.INCONSISTENT),
        ({"unitPrice": "1e400"}, "unitPrice", ErrorCode.OUT_OF_RANGE),
    ],
)
def test_onetime_line_problems_name_item_and_field(
    changes: dict[str, Any], field: str, code: ErrorCode
) -> None:
    with raises_invalid(field=f"items[0].{field}", code=code):
        parse_invoice_line_items({"items": [with_(ONETIME, **changes)]}, strict=True)


def test_onetime_line_falls_back_to_sku_name_and_quantity() -> None:
    (line,) = parse_invoice_line_items(
        [with_(ONETIME, productName=None, skuName="E3 SKU", billableQuantity="  ")]
    )
    assert (line.product, line.quantity) == ("E3 SKU", Decimal(2))


def test_legacy_charge_descriptions_map_to_new_commerce_types() -> None:
    office = {"billingProvider": "office", "chargeType": "Prorate fees when cancel", "offerName": "E3",
              "subscriptionId": "s", "unitPrice": 10, "quantity": 0, "subtotal": "-5.00", "tax": "-1.05",
              "totalForCustomer": "-6.05", "currency": "EUR", "chargeStartDate": "2017-05-12T00:00:00",
              "chargeEndDate": "2017-06-09T00:00:00"}  # fmt: skip
    (line,) = parse_invoice_line_items([office])
    assert line.charge_type is ChargeType.CANCEL_IMMEDIATE
    assert line.effective_unit_price == Money(10, "EUR")  # quantity 0: the list price
    quantity_office = with_(office, quantity=4, chargeType="Cycle  fee")
    (line,) = parse_invoice_line_items([quantity_office])
    assert (line.charge_type, line.effective_unit_price) == (ChargeType.CYCLE_CHARGE, Money("-1.25", "EUR"))
    with pytest.raises(InvalidInput) as caught:  # the charge line's own refusal (and its code) is billing's
        parse_invoice_line_items([with_(office, chargeEndDate="2017-05-01")])
    assert caught.value.field == "items[0].charge_end"


def test_summary_problems_name_the_item() -> None:
    good = {"balanceAmount": 1, "currencyCode": "EUR"}
    with raises_invalid(field="items[0].details", code=ErrorCode.WRONG_TYPE):
        parse_invoice_summaries([with_(good, details="x")])
    detail = {"invoiceType": "OneTime", "summary": {"balanceAmount": 1, "currencyCode": "GBP"}}
    with pytest.raises(CurrencyMismatch) as caught:
        parse_invoice_summaries([with_(good, details=[detail])])
    assert caught.value.field == "items[0].details[0].summary.currencyCode"
    assert (caught.value.left, caught.value.right) == ("EUR", "GBP")
    with raises_invalid(field="items[0].details[0].invoiceType", code=ErrorCode.UNKNOWN_VALUE):
        parse_invoice_summaries([with_(good, details=[{"invoiceType": "weekly", "summary": {}}])])


def test_summary_values_validate_their_fields() -> None:
    from cspcore.interop import InvoiceSummary

    with raises_invalid(field="balance", code=ErrorCode.WRONG_TYPE):
        InvoiceSummary(balance=Decimal(1))  # type: ignore[arg-type]
    with raises_invalid(field="details", code=ErrorCode.WRONG_TYPE):
        InvoiceSummary(balance=Money(1, "EUR"), details="x")  # type: ignore[arg-type]
    with raises_invalid(field="details[0]", code=ErrorCode.WRONG_TYPE):
        InvoiceSummary(balance=Money(1, "EUR"), details=(("x", 1),))  # type: ignore[arg-type]
    with raises_invalid(field="accounting_date", code=ErrorCode.WRONG_TYPE):
        InvoiceSummary(balance=Money(1, "EUR"), accounting_date="2024-01-01")  # type: ignore[arg-type]
    with raises_invalid(field="last_payment_amount", code=ErrorCode.WRONG_TYPE):
        InvoiceSummary(balance=Money(1, "EUR"), last_payment_amount=1)  # type: ignore[arg-type]
