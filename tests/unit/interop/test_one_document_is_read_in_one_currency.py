"""One document, one currency: the readers refuse a second currency, naming where the caller put it.

An invoice, its reconciliation file, its line items and its daily-rated usage are in the partner's one
billing currency ("All invoices are created in the currency of the partner's location",
``understand-your-invoice.md``), whatever the customers the file holds. So every reader refuses a row
or item in another currency than the first with ``CurrencyMismatch`` (code ``currency_mismatch``,
``left`` the first currency, ``right`` the other), naming it as the caller numbered it, as
``reconcile`` and the ``check_*`` reports already did. A collection of invoices may hold several
currencies (one invoice summary per currency), but a credit note amends in its invoice's currency.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import CurrencyMismatch, Money
from cspcore.billing import Invoice
from cspcore.errors import ErrorCode
from cspcore.interop import (
    check_invoice_line_items,
    check_recon_rows,
    iter_recon_rows,
    parse_invoice,
    parse_invoice_line_items,
    parse_invoices,
    parse_recon_rows,
    parse_usage_line_items,
    parse_usage_rows,
)

_HEADER = (
    "CustomerId,OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,"
    "BillableQuantity,Subtotal,Currency,ChargeStartDate,ChargeEndDate\n"
)
_ROW = "{},2022-03-05,new,M365,s{},12,12,10,120,{},2022-03-05,2022-04-04\n"


def _recon(currencies: list[str]) -> str:
    # each row for its own customer: a file may hold many customers, never many currencies
    return _HEADER + "".join(_ROW.format(f"c{n}", n, code) for n, code in enumerate(currencies))


def _mismatch(field: str) -> Any:
    return raises_invalid(field=field, code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch)


def test_the_recon_readers_refuse_a_row_in_a_second_currency() -> None:
    text = _recon(["EUR", "EUR", "USD"])
    for read in (
        parse_recon_rows,
        lambda rows: parse_recon_rows(rows, strict=True),
        check_recon_rows,
        lambda rows: list(iter_recon_rows(rows.splitlines(keepends=True))),
    ):
        with _mismatch("rows[3].Currency") as caught:
            read(text)
        assert (caught.value.left, caught.value.right) == ("EUR", "USD")
    names = _HEADER.strip().split(",")
    mappings = [dict(zip(names, row.strip().split(","), strict=True)) for row in text.splitlines()[1:]]
    with _mismatch("rows[2].Currency"):  # mappings are numbered from 0
        parse_recon_rows(mappings)


def test_a_recon_file_of_many_customers_in_one_currency_is_read() -> None:
    lines = parse_recon_rows(_recon(["EUR"] * 3))
    assert {line.customer_id for line in lines} == {"c0", "c1", "c2"}


@given(st.lists(st.sampled_from(["EUR", "USD", "eur"]), min_size=1, max_size=8))
@example(["EUR", "eur", "USD"])
def test_a_file_is_read_exactly_when_its_rows_share_one_currency(currencies: list[str]) -> None:
    folded = [code.upper() for code in currencies]
    second = next((n for n, code in enumerate(folded) if code != folded[0]), None)
    if second is None:
        assert {line.currency for line in parse_recon_rows(_recon(currencies))} == {folded[0]}
    else:
        with _mismatch(f"rows[{second + 1}].Currency"):
            parse_recon_rows(_recon(currencies))


_ITEM: dict[str, Any] = {
    "billingProvider": "one_time", "currency": "EUR", "subtotal": "10", "chargeStartDate": "2024-01-01",
    "chargeEndDate": "2024-01-31", "orderDate": "2024-01-01", "chargeType": "new", "productName": "P",
    "subscriptionId": "s1", "unitPrice": "10", "effectiveUnitPrice": "10", "quantity": "1",
}  # fmt: skip


def test_the_line_item_readers_refuse_an_item_in_a_second_currency() -> None:
    items = [_ITEM, {**_ITEM, "currency": "USD"}]
    for read in (parse_invoice_line_items, check_invoice_line_items):
        with _mismatch("items[1].currency"):
            read(items)


_USAGE_HEADER = (
    "UsageDate,SubscriptionId,MeterId,Quantity,UnitPrice,BillingPreTaxTotal,BillingCurrency,"
    "PricingPreTaxTotal,PricingCurrency,PCToBCExchangeRate\n"
)
_USAGE_ROW = "2022-06-03,s,m,2,1.5,2.76,{},3,USD,0.92\n"


def test_the_usage_readers_refuse_a_line_in_a_second_billing_currency() -> None:
    text = _USAGE_HEADER + _USAGE_ROW.format("EUR") + _USAGE_ROW.format("GBP")
    with _mismatch("rows[2].BillingCurrency"):
        parse_usage_rows(text)
    names = _USAGE_HEADER.strip().split(",")
    mappings = [dict(zip(names, row.split(","), strict=True)) for row in text.splitlines()[1:]]
    with _mismatch("rows[1].BillingCurrency"):
        parse_usage_rows(mappings)
    item = {
        "usageDate": "2024-03-01", "subscriptionId": "s", "meterId": "m", "unitPrice": "1",
        "quantity": "2", "billingPreTaxTotal": "2", "billingCurrency": "EUR", "pricingPreTaxTotal": "2",
        "pricingCurrency": "EUR",
    }  # fmt: skip
    gbp = {**item, "billingCurrency": "GBP", "pricingCurrency": "GBP"}
    with _mismatch("items[1].billingCurrency"):
        parse_usage_line_items([item, gbp])


_G1 = {"id": "G1", "invoiceDate": "2024-02-08", "totalCharges": 100, "currencyCode": "USD"}
_NOTE = {"id": "G2", "invoiceDate": "2024-02-20", "totalCharges": -10, "currencyCode": "EUR",
         "documentType": "credit_note", "amendsOf": "G1"}  # fmt: skip


def test_a_credit_note_in_another_currency_than_its_invoice_is_refused() -> None:
    with _mismatch("items[1].currencyCode") as caught:
        parse_invoices([_G1, _NOTE])
    assert (caught.value.left, caught.value.right) == ("USD", "EUR")
    with _mismatch("items[0].amendments[0].currencyCode"):
        parse_invoices([{**_G1, "amendments": [_NOTE]}])
    with _mismatch("invoice.amendments[0].currencyCode"):
        parse_invoice({**_G1, "amendments": [_NOTE]})


def test_invoices_in_several_currencies_are_read_each_in_its_own() -> None:
    invoices = parse_invoices(
        [_G1, {**_NOTE, "amendsOf": "G9"}, {**_NOTE, "id": "G3", "currencyCode": "USD"}]
    )
    assert [(invoice.id, invoice.currency) for invoice in invoices] == [("G1", "USD"), ("G2", "EUR")]
    assert [note.id for note in invoices[0].amendments] == ["G3"]


def test_an_invoice_holds_amendments_of_its_own_currency_only() -> None:
    note = Invoice(id="N1", issued=dt.date(2024, 2, 20), currency="EUR", total_charges=Money(-10, "EUR"))
    with _mismatch("amendments[0].currency"):
        Invoice(
            id="G1",
            issued=dt.date(2024, 2, 8),
            currency="USD",
            total_charges=Money(100, "USD"),
            amendments=(note,),
        )
