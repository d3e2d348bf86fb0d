"""A date cell or field is read in ASCII digits only, as Partner Center writes it.

``6/1/２０２２`` (full-width digits) or ``٢٠٢٢-٠٦-٠١`` (Arabic-Indic digits) is not a date Partner
Center writes; a reader that took any Unicode digit would read it as 2022-06-01 and a text that no
other tool reads as a date would become one. Every reader refuses it as ``malformed``, in the ISO
and the US forms, in a recon row, a line item, a usage row and an invoice. Blanks around a date,
Unicode ones included, are still stripped.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode, InvalidInput
from cspcore.interop import parse_invoice, parse_invoice_line_items, parse_recon_rows, parse_usage_rows

_HEADER = (
    "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
    "Subtotal,Currency,ChargeStartDate,ChargeEndDate\n"
)
_ROW = "{},new,M,s1,12,12,10,120,EUR,2022-03-05,2022-04-04\n"
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

_NOT_ASCII = [
    "6/1/２０２２",
    "６/1/2022",
    "2022-06-0１",
    "٢٠٢٢-٠٦-٠١",
    "2022-06-01T1２:00:00Z",
    "2022-06-01T12:00:00+0１:00",
    "6/1/2022 1２:00 PM",
]


@pytest.mark.parametrize("day", _NOT_ASCII)
def test_a_recon_date_in_other_digits_is_malformed(day: str) -> None:
    with raises_invalid(field="rows[1].OrderDate", code=ErrorCode.MALFORMED):
        parse_recon_rows(_HEADER + _ROW.format(day))


@pytest.mark.parametrize("day", _NOT_ASCII)
def test_a_line_item_invoice_and_usage_date_in_other_digits_is_malformed(day: str) -> None:
    item = {
        "currency": "USD", "subtotal": "10", "chargeStartDate": "2024-01-01", "chargeEndDate": "2024-01-31",
        "orderDate": day, "chargeType": "new", "productName": "P", "subscriptionId": "s1",
        "unitPrice": "10", "effectiveUnitPrice": "10", "quantity": "1",
    }  # fmt: skip
    with raises_invalid(field="items[0].orderDate", code=ErrorCode.MALFORMED):
        parse_invoice_line_items([item])
    with raises_invalid(field="invoice.invoiceDate", code=ErrorCode.MALFORMED):
        parse_invoice({"id": "G1", "invoiceDate": day, "totalCharges": 1, "currencyCode": "USD"})
    usage = (
        "UsageDate,SubscriptionId,MeterId,Quantity,UnitPrice,BillingPreTaxTotal,BillingCurrency,"
        f"PricingPreTaxTotal,PricingCurrency\n{day},s,m,2,1.5,3,EUR,3,EUR\n"
    )
    with raises_invalid(field="rows[1].UsageDate", code=ErrorCode.MALFORMED):
        parse_usage_rows(usage)


@pytest.mark.parametrize(
    "day", ["6/1/2022", "\u00a02022-06-01\u2003", "2022-06-01T00:00:00Z", " 06/01/2022 "]
)
def test_a_date_in_ascii_digits_is_read(day: str) -> None:
    (line,) = parse_recon_rows(_HEADER + _ROW.format(day))
    assert line.order_date == dt.date(2022, 6, 1)


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from([_FULL_WIDTH, _ARABIC_INDIC]), st.booleans())
@example(dt.date(2022, 6, 1), _FULL_WIDTH, True)
@example(dt.date(2024, 2, 29), _ARABIC_INDIC, False)
def test_a_date_is_read_in_ascii_and_refused_in_any_other_digits(
    day: dt.date,
    digits: dict[int, str],
    us: bool,
) -> None:
    text = f"{day.month}/{day.day}/{day.year:04d}" if us else day.isoformat()
    (line,) = parse_recon_rows(_HEADER + _ROW.format(text))
    assert line.order_date == day
    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows(_HEADER + _ROW.format(text.translate(digits)))
    assert (caught.value.field, caught.value.code) == ("rows[1].OrderDate", ErrorCode.MALFORMED)
