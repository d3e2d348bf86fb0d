"""A line item's ``billingProvider`` and ``invoiceLineItemType`` are read, never guessed.

They decide which shape the item is read as (``developer/invoice-resources.md``: the provider is
``office``, ``azure`` or ``one_time``, marketplace items too; the type ``billing_line_items`` or
``usage_line_items``). A value of the wrong kind (true, a number, a list, an object) is refused with
``wrong_type`` and an unknown one with ``unknown_value`` and the values read as ``choices``, rather
than the item read as a one-time line. An absent (or null) key still means a one-time billing item,
and usage line items are still refused as ``not_allowed``.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.interop import parse_invoice_line_items

_ITEM: dict[str, Any] = {
    "currency": "USD", "subtotal": "10", "chargeStartDate": "2024-01-01", "chargeEndDate": "2024-01-31",
    "orderDate": "2024-01-01", "chargeType": "new", "productName": "P", "subscriptionId": "s1",
    "unitPrice": "10", "effectiveUnitPrice": "10", "quantity": "1",
}  # fmt: skip


@pytest.mark.parametrize("key", ["billingProvider", "invoiceLineItemType"])
@pytest.mark.parametrize("value", [True, 1, ["one_time"], {"name": "one_time"}, 1.5])
def test_a_provider_or_type_of_the_wrong_kind_is_refused(key: str, value: object) -> None:
    with raises_invalid(field=f"items[0].{key}", code=ErrorCode.WRONG_TYPE):
        parse_invoice_line_items([{**_ITEM, key: value}])


@pytest.mark.parametrize("value", ["garbage", "none", "azure_data_market", "one time"])
def test_an_unknown_provider_is_refused_with_the_providers_read(value: str) -> None:
    with raises_invalid(field="items[0].billingProvider", code=ErrorCode.UNKNOWN_VALUE) as caught:
        parse_invoice_line_items([{**_ITEM, "billingProvider": value}])
    assert caught.value.choices == ("office", "azure", "one_time", "marketplace")


@pytest.mark.parametrize("value", ["garbage", "none", "billing"])
def test_an_unknown_item_type_is_refused_with_the_type_read(value: str) -> None:
    with raises_invalid(field="items[0].invoiceLineItemType", code=ErrorCode.UNKNOWN_VALUE) as caught:
        parse_invoice_line_items([{**_ITEM, "invoiceLineItemType": value}])
    assert caught.value.choices == ("billing_line_items",)


@pytest.mark.parametrize("value", ["usage_line_items", "UsageLineItems"])
def test_usage_line_items_are_still_not_allowed(value: str) -> None:
    with raises_invalid(field="items[0].invoiceLineItemType", code=ErrorCode.NOT_ALLOWED):
        parse_invoice_line_items([{**_ITEM, "invoiceLineItemType": value, "billingProvider": "one_time"}])


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"billingProvider": None, "invoiceLineItemType": None},
        {"billingProvider": "OneTime", "invoiceLineItemType": "BillingLineItems"},
        {"billingProvider": "marketplace", "invoiceLineItemType": "billing_line_items"},
    ],
)
def test_an_absent_or_known_provider_and_type_read_a_one_time_item(changes: dict[str, Any]) -> None:
    (line,) = parse_invoice_line_items([{**_ITEM, **changes}])
    assert line.subtotal.amount == 10
