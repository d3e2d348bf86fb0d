"""A JSON object that names a key twice is refused, never read with its last copy.

``{"subtotal": 820, ..., "subtotal": 9999}`` is valid JSON to Python's reader, which keeps the last
value; which copy the sender meant cannot be told, so every reader of a Partner Center payload
refuses it as ``payload`` with code ``duplicate`` and the key as the value, wherever the object
stands (an item, the collection, a nested ``attributes``). Keys that differ only in case are two keys
of JSON: Microsoft's own spelling is read (``docs/reconciliation.md``).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.interop import (
    parse_invoice,
    parse_invoice_line_items,
    parse_invoice_summaries,
    parse_invoices,
    parse_usage_line_items,
)

if TYPE_CHECKING:
    from collections.abc import Callable

_ITEM: dict[str, Any] = {
    "orderDate": "2019-02-04", "chargeType": "new", "productName": "WAF", "subscriptionId": "s",
    "unitPrice": 820, "effectiveUnitPrice": 820, "quantity": 1, "subtotal": 820,
    "currency": "USD", "chargeStartDate": "2019-02-04", "chargeEndDate": "2019-03-03",
}  # fmt: skip
_INVOICE: dict[str, Any] = {
    "id": "G1", "invoiceDate": "2024-02-08", "totalCharges": 100, "currencyCode": "EUR",
}  # fmt: skip
_USAGE: dict[str, Any] = {
    "usageDate": "2019-01-01", "subscriptionId": "s", "meterId": "m", "unitPrice": "1.5", "quantity": "2",
    "billingPreTaxTotal": "3", "billingCurrency": "USD", "pricingPreTaxTotal": "3", "pricingCurrency": "USD",
}  # fmt: skip
_SUMMARY: dict[str, Any] = {"balanceAmount": "1001.12", "currencyCode": "EUR"}


def _twice(item: dict[str, Any], key: str, value: object) -> str:
    """``item`` as JSON text with ``key`` named once more at the end, holding ``value``."""
    return json.dumps(item)[:-1] + f", {json.dumps(key)}: {json.dumps(value)}}}"


@pytest.mark.parametrize(
    ("parse", "item", "key", "value"),
    [
        (parse_invoice_line_items, _ITEM, "subtotal", 9999),
        (parse_invoice_line_items, _ITEM, "subtotal", 820),  # the same value twice is still two keys
        (parse_invoice_line_items, _ITEM, "chargeType", "cancelImmediate"),
        (parse_invoices, _INVOICE, "totalCharges", 1),
        (parse_invoice_summaries, _SUMMARY, "balanceAmount", "0"),
        (parse_usage_line_items, _USAGE, "quantity", "200"),
    ],
)
def test_an_item_naming_a_key_twice_is_refused(
    parse: Callable[[str], object], item: dict[str, Any], key: str, value: object
) -> None:
    with raises_invalid(field="payload", code=ErrorCode.DUPLICATE) as caught:
        parse("[" + _twice(item, key, value) + "]")
    assert caught.value.value == key


def test_a_collection_or_an_invoice_naming_a_key_twice_is_refused_as_text_and_as_bytes() -> None:
    collection = _twice({"items": [_ITEM]}, "items", [])
    with raises_invalid(field="payload", code=ErrorCode.DUPLICATE):
        parse_invoice_line_items(collection)
    with raises_invalid(field="payload", code=ErrorCode.DUPLICATE):
        parse_invoice(_twice(_INVOICE, "id", "G2").encode())


def test_a_nested_object_naming_a_key_twice_is_refused() -> None:
    item = json.dumps({**_ITEM, "attributes": {"objectType": "OneTimeInvoiceLineItem"}})
    nested = item.replace('"OneTimeInvoiceLineItem"}', '"OneTimeInvoiceLineItem", "objectType": "x"}')
    with raises_invalid(field="payload", code=ErrorCode.DUPLICATE) as caught:
        parse_invoice_line_items("[" + nested + "]")
    assert caught.value.value == "objectType"


def test_keys_that_differ_only_in_case_are_two_keys_and_microsofts_spelling_is_read() -> None:
    (line,) = parse_invoice_line_items("[" + _twice(_ITEM, "Subtotal", 9999) + "]")
    assert line.subtotal.amount == Decimal(820)
