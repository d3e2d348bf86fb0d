"""Partner Center's "no date" (``0001-01-01``, .NET's ``DateTime.MinValue``) is no date.

In an optional field it reads as absent (``None``); in a required one (an invoice's ``invoiceDate``, a
line item's ``orderDate`` or charge dates) it is refused as missing, as a blank or absent date is,
rather than read as 1 January of the year 1.
"""

from __future__ import annotations

import pytest
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.interop import parse_invoice, parse_invoice_line_items, parse_invoices

_NO_DATES = ["0001-01-01", "0001-01-01T00:00:00", "0001-01-01T00:00:00Z", "1/1/0001"]
_INVOICE = {"id": "G1", "invoiceDate": "2024-02-08", "totalCharges": 1, "currencyCode": "USD"}
_ITEM = {
    "currency": "USD", "subtotal": "10", "chargeStartDate": "2024-01-01", "chargeEndDate": "2024-01-31",
    "orderDate": "2024-01-01", "chargeType": "new", "productName": "P", "subscriptionId": "s1",
    "unitPrice": "10", "effectiveUnitPrice": "10", "quantity": "1",
}  # fmt: skip


@pytest.mark.parametrize("day", _NO_DATES)
def test_a_required_invoice_date_of_no_date_is_missing(day: str) -> None:
    with raises_invalid(field="invoice.invoiceDate", code=ErrorCode.MISSING):
        parse_invoice({**_INVOICE, "invoiceDate": day})
    with raises_invalid(field="items[0].invoiceDate", code=ErrorCode.MISSING):
        parse_invoices([{**_INVOICE, "invoiceDate": day}])


@pytest.mark.parametrize("key", ["orderDate", "chargeStartDate"])
def test_a_required_line_item_date_of_no_date_is_missing(key: str) -> None:
    with raises_invalid(field=f"items[0].{key}", code=ErrorCode.MISSING):
        parse_invoice_line_items([{**_ITEM, key: "0001-01-01T00:00:00"}])


@pytest.mark.parametrize("day", _NO_DATES)
def test_an_optional_date_of_no_date_is_absent(day: str) -> None:
    invoice = parse_invoice({**_INVOICE, "billingPeriodStartDate": day})
    assert invoice.billing_period_start is None
    (line,) = parse_invoice_line_items([{**_ITEM, "subscriptionEndDate": day}])
    assert line.subscription_end is None
