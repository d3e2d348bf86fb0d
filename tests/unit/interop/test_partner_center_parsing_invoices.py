"""Invoices and invoice summaries, field by field (``developer/invoice-resources.md``: ``Invoice``,
``InvoiceSummary``; samples of ``get-invoice-by-id.md``, ``get-a-collection-of-invoices.md`` and
``get-invoice-summaries.md``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cspcore import ErrorCode, InvalidInput, Money
from cspcore.billing import DocumentType, Invoice
from cspcore.interop import (
    InvoiceSummary,
    InvoiceType,
    parse_invoice,
    parse_invoice_summaries,
    parse_invoices,
)

CREDIT_NOTE: dict[str, Any] = {
    "id": "G000024131",
    "invoiceDate": "2018-02-20T09:00:00Z",
    "totalCharges": "-107.66",
    "paidAmount": "0",
    "currencyCode": "USD",
    "documentType": "Credit Note",
    "billingPeriodStartDate": "2018-02-01T00:00:00Z",
    "billingPeriodEndDate": "2018-02-28T00:00:00Z",
    "amendsOf": "G000024135",
}

INVOICE: dict[str, Any] = {
    "id": "G000024135",
    "invoiceDate": "2018-02-08T22:40:37.5897767Z",
    "totalCharges": "2076.63",
    "paidAmount": "1000.00",
    "currencyCode": "usd",
    "documentType": "invoice",
    "billingPeriodStartDate": "2018-01-01T00:00:00Z",
    "billingPeriodEndDate": "2018-01-31T00:00:00Z",
    "amendments": [CREDIT_NOTE],
}

CREDIT_NOTE_VALUE = Invoice(
    id="G000024131",
    issued=dt.date(2018, 2, 20),
    currency="USD",
    total_charges=Money("-107.66", "USD"),
    paid_amount=Money(0, "USD"),
    document_type=DocumentType.CREDIT_NOTE,
    billing_period_start=dt.date(2018, 2, 1),
    billing_period_end=dt.date(2018, 2, 28),
    amends_of="G000024135",
)

INVOICE_VALUE = Invoice(
    id="G000024135",
    issued=dt.date(2018, 2, 8),
    currency="USD",
    total_charges=Money("2076.63", "USD"),
    paid_amount=Money(1000, "USD"),
    document_type=DocumentType.INVOICE,
    billing_period_start=dt.date(2018, 1, 1),
    billing_period_end=dt.date(2018, 1, 31),
    amendments=(CREDIT_NOTE_VALUE,),
)

DECOYS: dict[str, Any] = {
    "id": "D-DECOY",
    "invoiceDate": "2001-01-01",
    "totalCharges": "1",
    "paidAmount": "2",
    "currencyCode": "EUR",
    "documentType": "void_note",
    "billingPeriodStartDate": "2001-01-02",
    "billingPeriodEndDate": "2001-01-03",
    "amendments": [],
    "amendsOf": "D-DECOY-OF",
    "balanceAmount": "3",
    "accountingDate": "2001-01-04",
    "firstInvoiceCreationDate": "2001-01-05",
    "lastPaymentDate": "2001-01-06",
    "lastPaymentAmount": "4",
    "latestInvoiceDate": "2001-01-07",
    "details": [],
    "invoiceType": "recurring",
    "summary": {"balanceAmount": "5", "currencyCode": "EUR"},
}


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """``base`` with ``changes`` applied; a change to ``None`` removes the key."""
    result = dict(base)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def with_other_spellings_first(item: dict[str, Any]) -> dict[str, Any]:
    """``item`` preceded by an upper-case spelling of each of its keys holding a different value."""
    return {**{key.upper(): DECOYS[key] for key in item if key in DECOYS}, **item}


def refused(parse: Any, payload: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        parse(payload)
    return caught.value


# -- one invoice -----------------------------------------------------------------------------------


def test_an_invoice_maps_every_field_and_its_nested_amendments() -> None:
    assert parse_invoice(INVOICE) == INVOICE_VALUE


def test_an_invoice_key_spelled_as_microsoft_spells_it_wins_over_another_spelling() -> None:
    payload = with_other_spellings_first(with_(INVOICE, amendments=[with_other_spellings_first(CREDIT_NOTE)]))
    assert parse_invoice(payload) == INVOICE_VALUE


def test_an_invoice_without_optional_fields_is_an_unpaid_invoice_with_no_period() -> None:
    bare = {"id": 4391507, "invoiceDate": "2018-02-08", "totalCharges": 5, "currencyCode": "EUR"}
    expected = Invoice(
        id="4391507", issued=dt.date(2018, 2, 8), currency="EUR", total_charges=Money(5, "EUR")
    )
    assert parse_invoice(bare) == expected


@pytest.mark.parametrize("field", ["id", "invoiceDate", "totalCharges", "currencyCode"])
def test_an_invoice_missing_a_required_field_is_refused_naming_it(field: str) -> None:
    error = refused(parse_invoice, with_(INVOICE, **{field: None}))
    assert (error.field, error.value, error.code) == (
        f"invoice.{field}",
        None,
        ErrorCode.MISSING,
    )


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("paidAmount", "n/a", ErrorCode.NOT_A_NUMBER),
        ("totalCharges", "n/a", ErrorCode.NOT_A_NUMBER),
        ("invoiceDate", "soon", ErrorCode.MALFORMED),
        ("billingPeriodStartDate", "soon", ErrorCode.MALFORMED),
        ("billingPeriodEndDate", "soon", ErrorCode.MALFORMED),
        ("amendsOf", ["G1"], ErrorCode.WRONG_TYPE),
        ("id", ["G1"], ErrorCode.WRONG_TYPE),
        ("currencyCode", "EURO", ErrorCode.UNKNOWN_VALUE),
        ("currencyCode", 978, ErrorCode.WRONG_TYPE),  # ISO 4217's number for EUR: not its code
        ("currencyCode", True, ErrorCode.WRONG_TYPE),
        ("currencyCode", ["EUR"], ErrorCode.WRONG_TYPE),
        ("amendments", "G2", ErrorCode.WRONG_TYPE),
        (
            "documentType",
            "receipt",
            ErrorCode.UNKNOWN_VALUE,
        ),
    ],
)
def test_an_invoice_with_a_malformed_field_is_refused_naming_it(
    field: str, value: object, code: ErrorCode
) -> None:
    error = refused(parse_invoice, with_(INVOICE, **{field: value}))
    assert (error.field, error.value, error.code) == (
        f"invoice.{field}",
        value,
        code,
    )


def test_an_amendment_that_is_not_an_object_is_refused_naming_its_index() -> None:
    error = refused(parse_invoice, with_(INVOICE, amendments=[CREDIT_NOTE, "G2"]))
    assert (error.field, error.code) == (
        "invoice.amendments[1]",
        ErrorCode.WRONG_TYPE,
    )


def test_an_amendment_missing_a_field_is_refused_naming_the_amendment_and_the_field() -> None:
    error = refused(parse_invoice, with_(INVOICE, amendments=[with_(CREDIT_NOTE, totalCharges=None)]))
    assert error.code == ErrorCode.MISSING


def test_an_invoice_whose_period_ends_before_it_starts_is_refused_naming_the_invoice() -> None:
    error = refused(parse_invoice, with_(INVOICE, billingPeriodEndDate="2017-12-31"))
    # the code of the value's own refusal is asserted with the value
    assert (error.field, type(error)) == ("invoice.billing_period_end", InvalidInput)


def test_an_amendment_whose_period_ends_before_it_starts_is_named_once_with_its_path() -> None:
    bad_note = with_(CREDIT_NOTE, billingPeriodEndDate="2018-01-31")
    error = refused(parse_invoice, with_(INVOICE, amendments=[bad_note]))
    # the code of the value's own refusal is asserted with the value
    assert (error.field, type(error)) == ("invoice.amendments[0].billing_period_end", InvalidInput)


# -- collections of invoices -------------------------------------------------------------------------


def test_a_collection_attaches_a_top_level_amendment_after_the_nested_ones_of_its_invoice() -> None:
    later_note = with_(CREDIT_NOTE, id="G000024140", invoiceDate="2018-03-01", totalCharges="-1")
    other = with_(INVOICE, id="G000024150", amendments=None)
    invoices = parse_invoices({"items": [INVOICE, later_note, other]})
    later_value = Invoice(
        **{**_fields(CREDIT_NOTE_VALUE), "id": "G000024140", "issued": dt.date(2018, 3, 1)},
    )
    later_value = Invoice(**{**_fields(later_value), "total_charges": Money(-1, "USD")})
    other_value = Invoice(**{**_fields(INVOICE_VALUE), "id": "G000024150", "amendments": ()})
    assert invoices == (
        Invoice(**{**_fields(INVOICE_VALUE), "amendments": (CREDIT_NOTE_VALUE, later_value)}),
        other_value,
    )


def test_a_collection_attaches_top_level_amendments_in_their_order_even_before_their_invoice() -> None:
    first = with_(CREDIT_NOTE, id="G2")
    second = with_(CREDIT_NOTE, id="G3")
    invoices = parse_invoices([second, first, with_(INVOICE, amendments=None)])
    assert invoices == (
        Invoice(
            **{
                **_fields(INVOICE_VALUE),
                "amendments": (
                    Invoice(**{**_fields(CREDIT_NOTE_VALUE), "id": "G3"}),
                    Invoice(**{**_fields(CREDIT_NOTE_VALUE), "id": "G2"}),
                ),
            }
        ),
    )


def test_a_document_amending_itself_stays_at_the_top_level() -> None:
    own = with_(CREDIT_NOTE, amendsOf="G000024131")
    assert parse_invoices([own]) == (Invoice(**{**_fields(CREDIT_NOTE_VALUE), "amends_of": "G000024131"}),)


def test_a_collection_without_amendments_is_returned_unchanged_in_order() -> None:
    plain = with_(INVOICE, amendments=None)
    second = with_(plain, id="G2")
    expected = Invoice(**{**_fields(INVOICE_VALUE), "amendments": ()})
    assert parse_invoices([plain, second]) == (expected, Invoice(**{**_fields(expected), "id": "G2"}))


def test_a_collection_names_the_item_of_a_refused_invoice() -> None:
    error = refused(parse_invoices, [INVOICE, with_(INVOICE, currencyCode=None)])
    assert error.code == ErrorCode.MISSING
    error = refused(parse_invoices, [INVOICE, 7])
    assert error.code == ErrorCode.WRONG_TYPE


# -- invoice summaries --------------------------------------------------------------------------------

RECURRING: dict[str, Any] = {
    "balanceAmount": "202955.87",
    "currencyCode": "GBP",
    "accountingDate": "2017-02-27T00:00:00Z",
    "firstInvoiceCreationDate": "2017-01-21T00:00:00Z",
    "lastPaymentDate": "2017-01-01T12:00:00Z",
    "lastPaymentAmount": "1000",
    "latestInvoiceDate": "0001-01-01T00:00:00",
}

ONE_TIME: dict[str, Any] = {
    "balanceAmount": "548138.52",
    "currencyCode": "gbp",
    "accountingDate": "2018-03-16T00:00:00",
    "firstInvoiceCreationDate": "2018-03-15T00:00:00",
    "lastPaymentDate": "0001-01-01T00:00:00",
    "lastPaymentAmount": "0",
    "latestInvoiceDate": "2018-03-14T00:00:00",
}

SUMMARY: dict[str, Any] = {
    "balanceAmount": "751094.39",
    "currencyCode": "GBP",
    "currencySymbol": "£",
    "accountingDate": "2018-03-17T00:00:00",
    "firstInvoiceCreationDate": "2017-01-20T00:00:00Z",
    "lastPaymentDate": "2017-01-02T12:00:00Z",
    "lastPaymentAmount": "1500.50",
    "latestInvoiceDate": "2018-03-18T00:00:00",
    "details": [
        {"invoiceType": "Recurring", "summary": RECURRING},
        {"invoiceType": "OneTime", "summary": ONE_TIME},
    ],
}

RECURRING_VALUE = InvoiceSummary(
    balance=Money("202955.87", "GBP"),
    accounting_date=dt.date(2017, 2, 27),
    first_invoice_date=dt.date(2017, 1, 21),
    last_payment_date=dt.date(2017, 1, 1),
    last_payment_amount=Money(1000, "GBP"),
    latest_invoice_date=None,
)

ONE_TIME_VALUE = InvoiceSummary(
    balance=Money("548138.52", "GBP"),
    accounting_date=dt.date(2018, 3, 16),
    first_invoice_date=dt.date(2018, 3, 15),
    last_payment_date=None,
    last_payment_amount=Money(0, "GBP"),
    latest_invoice_date=dt.date(2018, 3, 14),
)

SUMMARY_VALUE = InvoiceSummary(
    balance=Money("751094.39", "GBP"),
    accounting_date=dt.date(2018, 3, 17),
    first_invoice_date=dt.date(2017, 1, 20),
    last_payment_date=dt.date(2017, 1, 2),
    last_payment_amount=Money("1500.50", "GBP"),
    latest_invoice_date=dt.date(2018, 3, 18),
    details=((InvoiceType.RECURRING, RECURRING_VALUE), (InvoiceType.ONE_TIME, ONE_TIME_VALUE)),
)


def test_a_summary_maps_every_field_and_each_invoice_type_detail() -> None:
    assert parse_invoice_summaries({"items": [SUMMARY]}) == (SUMMARY_VALUE,)


def test_a_summary_key_spelled_as_microsoft_spells_it_wins_over_another_spelling() -> None:
    details = [
        with_other_spellings_first(
            {"invoiceType": "Recurring", "summary": with_other_spellings_first(RECURRING)}
        ),
        with_other_spellings_first(
            {"invoiceType": "OneTime", "summary": with_other_spellings_first(ONE_TIME)}
        ),
    ]
    payload = with_other_spellings_first(with_(SUMMARY, details=details))
    assert parse_invoice_summaries([payload]) == (SUMMARY_VALUE,)


def test_a_summary_with_only_a_balance_has_no_dates_no_payment_and_no_details() -> None:
    (summary,) = parse_invoice_summaries([{"balanceAmount": "-3.10", "currencyCode": "CHF"}])
    assert summary == InvoiceSummary(balance=Money("-3.10", "CHF"))
    assert summary.details == ()


def test_the_details_of_a_detail_are_not_read() -> None:
    nested = with_(RECURRING, details=[{"invoiceType": "OneTime", "summary": ONE_TIME}])
    (summary,) = parse_invoice_summaries(
        [with_(SUMMARY, details=[{"invoiceType": "recurring", "summary": nested}])]
    )
    assert summary == InvoiceSummary(
        **{**_summary_fields(SUMMARY_VALUE), "details": ((InvoiceType.RECURRING, RECURRING_VALUE),)}
    )


@pytest.mark.parametrize("field", ["balanceAmount", "currencyCode"])
def test_a_summary_missing_a_required_field_is_refused_naming_it(field: str) -> None:
    error = refused(parse_invoice_summaries, [SUMMARY, with_(SUMMARY, **{field: None})])
    assert (error.field, error.value, error.code) == (
        f"items[1].{field}",
        None,
        ErrorCode.MISSING,
    )


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("balanceAmount", "n/a", ErrorCode.NOT_A_NUMBER),
        ("lastPaymentAmount", "n/a", ErrorCode.NOT_A_NUMBER),
        ("accountingDate", "soon", ErrorCode.MALFORMED),
        ("firstInvoiceCreationDate", "soon", ErrorCode.MALFORMED),
        ("lastPaymentDate", "soon", ErrorCode.MALFORMED),
        ("latestInvoiceDate", "soon", ErrorCode.MALFORMED),
        ("currencyCode", "EURO", ErrorCode.UNKNOWN_VALUE),
        ("currencyCode", 978, ErrorCode.WRONG_TYPE),  # ISO 4217's number for EUR: not its code
        ("currencyCode", True, ErrorCode.WRONG_TYPE),
        ("currencyCode", ["EUR"], ErrorCode.WRONG_TYPE),
        ("details", "recurring", ErrorCode.WRONG_TYPE),
    ],
)
def test_a_summary_with_a_malformed_field_is_refused_naming_it(
    field: str, value: object, code: ErrorCode
) -> None:
    error = refused(parse_invoice_summaries, [with_(SUMMARY, **{field: value})])
    assert (error.field, error.value, error.code) == (
        f"items[0].{field}",
        value,
        code,
    )


@pytest.mark.parametrize(
    ("detail", "field", "code"),
    [
        ("recurring", "items[0].details[1]", ErrorCode.WRONG_TYPE),
        ({"summary": RECURRING}, "items[0].details[1].invoiceType", ErrorCode.MISSING),
        ({"invoiceType": "Recurring"}, "items[0].details[1].summary", ErrorCode.MISSING),
        (
            {"invoiceType": "weekly", "summary": RECURRING},
            "items[0].details[1].invoiceType",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            {"invoiceType": "OneTime", "summary": 5},
            "items[0].details[1].summary",
            ErrorCode.WRONG_TYPE,
        ),
        (
            {"invoiceType": "OneTime", "summary": with_(ONE_TIME, balanceAmount=None)},
            "items[0].details[1].summary.balanceAmount",
            ErrorCode.MISSING,
        ),
        (
            {"invoiceType": "OneTime", "summary": with_(ONE_TIME, currencyCode="EUR")},
            "items[0].details[1].summary.currencyCode",
            ErrorCode.CURRENCY_MISMATCH,
        ),
    ],
)
def test_a_malformed_detail_is_refused_naming_it(detail: object, field: str, code: ErrorCode) -> None:
    payload = with_(SUMMARY, details=[{"invoiceType": "Recurring", "summary": RECURRING}, detail])
    error = refused(parse_invoice_summaries, [payload])
    assert (error.field, error.code) == (field, code)


def test_a_summary_that_is_not_an_object_is_refused_naming_its_index() -> None:
    error = refused(parse_invoice_summaries, {"items": [SUMMARY, "GBP"]})
    assert (error.field, error.code) == ("items[1]", ErrorCode.WRONG_TYPE)


# -- InvoiceSummary's own checks -------------------------------------------------------------------------


def test_summary_details_may_be_given_as_a_list_of_pairs() -> None:
    pair = (InvoiceType.ONE_TIME, InvoiceSummary(balance=Money(1, "EUR")))
    summary = InvoiceSummary(balance=Money(1, "EUR"), details=[pair])
    assert summary.details == (pair,)
    assert type(summary.details) is tuple


@pytest.mark.parametrize("details", ["recurring", {"recurring": 1}, 5])
def test_summary_details_that_are_not_a_sequence_of_pairs_are_refused(details: Any) -> None:
    with pytest.raises(InvalidInput) as caught:
        InvoiceSummary(balance=Money(1, "EUR"), details=details)
    assert (caught.value.field, caught.value.value, caught.value.code) == (
        "details",
        details,
        ErrorCode.WRONG_TYPE,
    )


_INNER = InvoiceSummary(balance=Money(1, "EUR"))


@pytest.mark.parametrize(
    "pair",
    [
        (InvoiceType.RECURRING, "summary"),
        ("recurring", _INNER),
        [InvoiceType.RECURRING, _INNER],
        (InvoiceType.RECURRING,),
        (InvoiceType.RECURRING, _INNER, _INNER),
    ],
)
def test_a_summary_detail_that_is_not_an_invoice_type_and_summary_pair_is_refused_naming_its_index(
    pair: Any,
) -> None:
    good = (InvoiceType.ONE_TIME, _INNER)
    with pytest.raises(InvalidInput) as caught:
        InvoiceSummary(balance=Money(1, "EUR"), details=(good, pair))
    assert (caught.value.field, caught.value.value, caught.value.code) == (
        "details[1]",
        pair,
        ErrorCode.WRONG_TYPE,
    )


def _fields(invoice: Invoice) -> dict[str, Any]:
    """The constructor arguments that make ``invoice`` (no lines)."""
    return {
        name: getattr(invoice, name)
        for name in (
            "id",
            "issued",
            "currency",
            "total_charges",
            "due",
            "document_type",
            "billing_period_start",
            "billing_period_end",
            "paid_amount",
            "amendments",
            "customer_id",
            "disputed",
            "amends_of",
        )
    }


def _summary_fields(summary: InvoiceSummary) -> dict[str, Any]:
    return {
        name: getattr(summary, name)
        for name in (
            "balance",
            "accounting_date",
            "first_invoice_date",
            "last_payment_date",
            "last_payment_amount",
            "latest_invoice_date",
            "details",
        )
    }
