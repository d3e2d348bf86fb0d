"""A usage line item given to the billing line-item reader is refused as usage, with or without its type.

``docs/reconciliation.md``: ``not_allowed`` is "usage line items given to the billing line-item reader".
The billed consumption sample of ``developer/get-invoice-billed-consumption-lineitems.md`` (Response
example 2) has no ``invoiceLineItemType``; only its ``attributes.objectType`` says
``DailyRatedUsageLineItem``. It was read as a one-time item and refused for a missing ``currency``.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode, Money
from cspcore.interop import parse_invoice_line_items

USAGE: dict[str, Any] = {
    "usageDate": "2018-11-13T00:00:00Z",
    "subscriptionId": "s",
    "meterId": "1core",
    "unitPrice": "0.0209496384791679",
    "quantity": "23.200004",
    "billingPreTaxTotal": "0.486031696515249",
    "billingCurrency": "USD",
    "pricingPreTaxTotal": "0.486031696515249",
    "pricingCurrency": "USD",
}
ONE_TIME: dict[str, Any] = {
    "orderDate": "2019-02-04",
    "chargeType": "new",
    "productName": "WAF",
    "subscriptionId": "s",
    "unitPrice": 820,
    "effectiveUnitPrice": 820,
    "quantity": 1,
    "subtotal": 820,
    "currency": "USD",
    "chargeStartDate": "2019-02-04",
    "chargeEndDate": "2019-03-03",
}


@pytest.mark.parametrize(
    "object_type", ["DailyRatedUsageLineItem", "dailyRatedUsageLineItem", "daily_rated_usage_line_item"]
)
def test_a_daily_rated_usage_item_is_refused_naming_its_object_type(object_type: str) -> None:
    item = {**USAGE, "attributes": {"objectType": object_type}}
    with raises_invalid(field="items[1].attributes.objectType", code=ErrorCode.NOT_ALLOWED) as caught:
        parse_invoice_line_items({"items": [ONE_TIME, item]})
    assert caught.value.value == object_type


def test_a_legacy_daily_usage_item_is_refused_naming_its_object_type() -> None:
    item = {
        "subscriptionId": "s",
        "resourceId": "r",
        "quantity": 1,
        "attributes": {"objectType": "DailyUsageLineItem"},
    }
    with raises_invalid(field="items[0].attributes.objectType", code=ErrorCode.NOT_ALLOWED):
        parse_invoice_line_items([item])


def test_the_samples_stray_slash_key_tells_a_usage_item_too() -> None:
    item = {**USAGE, "attributes/objectType": "DailyRatedUsageLineItem"}
    with raises_invalid(field="items[0].attributes/objectType", code=ErrorCode.NOT_ALLOWED):
        parse_invoice_line_items([item])


def test_a_one_time_item_without_a_line_item_type_is_still_read() -> None:
    item = {**ONE_TIME, "attributes": {"objectType": "OneTimeInvoiceLineItem"}}
    (line,) = parse_invoice_line_items([item])
    assert line.total == Money(820, "USD")


def test_a_stated_billing_line_item_type_is_believed_over_the_object_type() -> None:
    item = {
        **ONE_TIME,
        "invoiceLineItemType": "billing_line_items",
        "attributes": {"objectType": "DailyRatedUsageLineItem"},
    }
    (line,) = parse_invoice_line_items([item])
    assert line.subtotal == Money(820, "USD")


@pytest.mark.parametrize(
    ("attributes", "field"),
    [
        ("DailyRatedUsageLineItem", "items[0].attributes"),
        ({"objectType": ["DailyRatedUsageLineItem"]}, "items[0].attributes.objectType"),
    ],
)
def test_attributes_of_the_wrong_kind_are_refused_not_ignored(attributes: object, field: str) -> None:
    with raises_invalid(field=field, code=ErrorCode.WRONG_TYPE):
        parse_invoice_line_items([{**ONE_TIME, "attributes": attributes}])
