"""A usage line priced in one currency and billed in another must state its rate: none is assumed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import UsageLine, rollup
from cspcore.errors import ErrorCode

FIELDS: dict[str, Any] = {
    "usage_date": dt.date(2022, 6, 3),
    "subscription_id": "sub-1",
    "meter_id": "m-1",
    "quantity": Decimal(10),
    "unit_price": Decimal("2.5"),
    "pricing_pre_tax_total": Decimal(25),
    "billing_pre_tax_total": Decimal(23),
}


@pytest.mark.parametrize(("pricing", "billing"), [("USD", "EUR"), ("EUR", "USD"), ("USD", "JPY")])
def test_a_line_between_two_currencies_without_a_rate_is_refused(pricing: str, billing: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        UsageLine(**FIELDS, pricing_currency=pricing, billing_currency=billing)
    assert (caught.value.field, caught.value.value, caught.value.code) == (
        "exchange_rate",
        None,
        ErrorCode.MISSING,
    )


def test_a_line_in_one_currency_needs_no_rate_and_is_billed_at_one() -> None:
    day = UsageLine(**FIELDS, pricing_currency="USD", billing_currency="USD")
    assert day.exchange_rate == Decimal(1)
    (invoice_line,) = rollup([day])
    assert invoice_line.subtotal == Money("25.00", "USD")


def test_a_stated_rate_between_two_currencies_is_used_even_when_it_is_one() -> None:
    day = UsageLine(**FIELDS, pricing_currency="USD", billing_currency="EUR", exchange_rate=Decimal("0.92"))
    (invoice_line,) = rollup([day])
    assert invoice_line.subtotal == Money("23.00", "EUR")  # 25.00 USD x 0.92
    at_par = UsageLine(**FIELDS, pricing_currency="USD", billing_currency="EUR", exchange_rate=1)
    assert rollup([at_par])[0].subtotal == Money("25.00", "EUR")
