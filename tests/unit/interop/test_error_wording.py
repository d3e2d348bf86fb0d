"""The English wording of each kind of refusal the Partner Center readers raise, pinned once.

Every other interop test asserts a refusal's type, field and code; this file keeps one whole message
per family (each :class:`~cspcore.ErrorCode` that interop raises itself, and
:class:`~cspcore.CurrencyMismatch`), so a change of wording shows up here and nowhere else. The
examples are chosen where the message says something useful: the line and column of bad JSON, the
columns a header lacks, the charge types that are known.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from cspcore import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.interop import parse_invoice, parse_invoice_line_items, parse_invoice_summaries, parse_recon_rows

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

ONETIME: dict[str, Any] = {
    "billingProvider": "one_time",
    "orderDate": "2024-03-05T10:00:00Z",
    "chargeType": "New",
    "productName": "Microsoft 365 E3",
    "subscriptionId": "s1",
    "unitPrice": "36",
    "effectiveUnitPrice": "36",
    "quantity": "2",
    "subtotal": "72",
    "currency": "USD",
    "chargeStartDate": "2024-03-05",
    "chargeEndDate": "2024-04-04",
}


def failing_lines() -> Iterator[str]:
    """Lines whose reading fails, as a file closed under the reader would."""
    yield from ()
    message = "disk gone"
    raise OSError(message)


def line_items(**changes: object) -> Callable[[], object]:
    return lambda: parse_invoice_line_items([{**ONETIME, **changes}], strict=True)


FAMILIES: list[tuple[ErrorCode, Callable[[], object], str]] = [
    (
        ErrorCode.WRONG_TYPE,
        lambda: parse_invoice("[1]"),
        "payload: expected a JSON object (got [1])",
    ),
    (
        ErrorCode.MALFORMED,
        lambda: parse_invoice('{"id": "G1",\n "total": }'),
        'payload: invalid JSON at line 2, column 11: Expecting value (got \'d": "G1",\\n "total": }\')',
    ),
    (
        ErrorCode.MISSING,
        lambda: parse_recon_rows("OrderDate,ChargeType,Currency\n2022-03-05,new,EUR\n"),
        (
            "header: missing required columns: UnitPrice, Subtotal, SubscriptionId, ChargeStartDate,"
            " ChargeEndDate, EffectiveUnitPrice, ProductName, BillableQuantity"
            " (got ('OrderDate', 'ChargeType', 'Currency'))"
        ),
    ),
    (
        ErrorCode.UNKNOWN_VALUE,
        line_items(chargeType="teleport"),
        (
            "items[0].chargeType: unknown charge type; expected one of: new, renew, cycleCharge, addQuantity,"
            " removeQuantity, cancelImmediate, convert, changeBillingPlan, moveQuantity, customerCredit,"
            " extendTerm (or a legacy description) (got 'teleport')"
        ),
    ),
    (
        ErrorCode.INCONSISTENT,
        line_items(totalForCustomer="80"),
        "items[0].totalForCustomer: does not equal subtotal + tax (72) (got Decimal('80'))",
    ),
    (
        ErrorCode.OUT_OF_RANGE,
        line_items(pcToBCExchangeRate="0"),
        "items[0].pcToBCExchangeRate: must be positive (got '0')",
    ),
    (
        ErrorCode.NOT_ALLOWED,
        line_items(invoiceLineItemType="UsageLineItems"),
        (
            "items[0].invoiceLineItemType: daily-rated usage is not a charge line;"
            " read it with interop.usage.parse_usage_line_items (got 'UsageLineItems')"
        ),
    ),
    (
        ErrorCode.EMPTY,
        line_items(productQualifiers=["AddOn", " "]),
        "items[0].productQualifiers[1]: expected text (got ' ')",
    ),
    (
        ErrorCode.TOO_LONG,
        lambda: parse_invoice("[" * 100_000 + "]" * 100_000),
        "payload: JSON nested too deeply",
    ),
    (
        ErrorCode.NOT_FINITE,
        lambda: parse_invoice('{"totalCharges": NaN}'),
        "payload: invalid JSON: NaN is not a number",
    ),
    (
        ErrorCode.IO_FAILED,
        lambda: parse_recon_rows(failing_lines()),
        "rows: could not be read: OSError",
    ),
]


@pytest.mark.parametrize(("code", "refused", "message"), FAMILIES, ids=[str(code) for code, _, _ in FAMILIES])
def test_each_kind_of_refusal_reads_so(code: ErrorCode, refused: Callable[[], object], message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        refused()
    assert (code, message) == (caught.value.code, str(caught.value))


def test_a_currency_mismatch_reads_so() -> None:
    detail = {"invoiceType": "OneTime", "summary": {"balanceAmount": 1, "currencyCode": "GBP"}}
    with pytest.raises(CurrencyMismatch) as caught:
        parse_invoice_summaries([{"balanceAmount": 1, "currencyCode": "EUR", "details": [detail]}])
    expected = (
        "items[0].details[0].summary.currencyCode: currencies differ: EUR and GBP; convert explicitly first"
    )
    assert expected == str(caught.value)
