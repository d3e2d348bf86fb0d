"""Exchange rates and exchange fields refuse what cannot be right, with a field and a code."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from cspcore import CspError, InvalidInput, Money
from cspcore.billing import ChargeLine
from cspcore.billing.exchange import ExchangeRates, exchange_rate
from cspcore.errors import ErrorCode
from cspcore.interop import parse_invoice_line_items, parse_recon_rows

RATES: dict[str, Any] = {"pricing_currency": "USD", "billing_currency": "EUR", "rates": {"2022-12": "0.95"}}


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"billing_currency": "USD"}, "billing_currency", ErrorCode.INCONSISTENT),
        ({"pricing_currency": 5}, "pricing_currency", ErrorCode.WRONG_TYPE),
        ({"rates": [("2022-12", "0.95")]}, "rates", ErrorCode.WRONG_TYPE),
        ({"rates": {}}, "rates", ErrorCode.EMPTY),
        ({"rates": {"2022-12": 0.95}}, "rates[2022-12]", ErrorCode.WRONG_TYPE),
        ({"rates": {"2022-12": "0"}}, "rates[2022-12]", ErrorCode.OUT_OF_RANGE),
        ({"rates": {"2022-12": "-1"}}, "rates[2022-12]", ErrorCode.OUT_OF_RANGE),
        ({"rates": {"2022-12": "1e10"}}, "rates[2022-12]", ErrorCode.OUT_OF_RANGE),
        ({"rates": {"2022-12": "1." + "1" * 25}}, "rates[2022-12]", ErrorCode.TOO_MANY_DIGITS),
        ({"rates": {"2022-13": "1"}}, "rates[]", ErrorCode.MALFORMED),
        ({"rates": {dt.date(2022, 12, 2): "1"}}, "rates[]", ErrorCode.MALFORMED),
        ({"rates": {"2022-12": "1", dt.date(2022, 12, 1): "1"}}, "rates[2022-12-01]", ErrorCode.DUPLICATE),
    ],
)
def test_exchange_rates_refuse_bad_values(changes: dict[str, Any], field: str, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        ExchangeRates(**{**RATES, **changes})
    assert (caught.value.field, caught.value.code) == (field, code)


def test_a_month_without_a_rate_is_refused_when_asked_for() -> None:
    rates = ExchangeRates(**{**RATES, "rates": {"2022-10": "0.9", "2022-12": "0.95"}})
    assert rates.months == (dt.date(2022, 10, 1), dt.date(2022, 12, 1))
    with pytest.raises(InvalidInput) as caught:
        rates.rate_for(dt.date(2022, 11, 15))
    assert (caught.value.field, caught.value.code) == ("day", ErrorCode.MISSING)
    with pytest.raises(InvalidInput) as caught:
        rates.rate_for(dt.datetime(2022, 12, 1, tzinfo=dt.UTC))
    assert (caught.value.field, caught.value.code) == ("day", ErrorCode.WRONG_TYPE)


def test_a_rate_refuses_booleans_and_text_that_is_no_number() -> None:
    for value, code in ((True, ErrorCode.WRONG_TYPE), ("one", ErrorCode.NOT_A_NUMBER)):
        with pytest.raises(InvalidInput) as caught:
            exchange_rate(value, "rate")
        assert (caught.value.field, caught.value.code) == ("rate", code)


def line(**changes: Any) -> ChargeLine:
    values: dict[str, Any] = {
        "order_date": dt.date(2022, 12, 5),
        "charge_type": "new",
        "product": "M365 E3",
        "subscription_id": "s1",
        "unit_price": Money("10.08", "USD"),
        "effective_unit_price": Money("10.08", "USD"),
        "quantity": 3,
        "subtotal": Money("25.56", "EUR"),
        "charge_start": dt.date(2022, 12, 5),
        "charge_end": dt.date(2023, 1, 4),
        "pricing_currency": "USD",
        "exchange_rate": Decimal("0.846202666"),
        "exchange_rate_date": dt.date(2022, 11, 29),
    }
    return ChargeLine(**{**values, **changes})


def test_a_line_with_an_exchange_rate_has_prices_in_the_pricing_currency() -> None:
    priced = line()
    assert (priced.currency, priced.price_currency, priced.total) == ("EUR", "USD", Money("25.56", "EUR"))
    assert line(exchange_rate="0.5", exchange_rate_date=None).exchange_rate == Decimal("0.5")


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"pricing_currency": None}, "pricing_currency", ErrorCode.MISSING),
        ({"exchange_rate": None}, "exchange_rate", ErrorCode.MISSING),
        ({"pricing_currency": "EUR"}, "pricing_currency", ErrorCode.INCONSISTENT),
        ({"exchange_rate": 0}, "exchange_rate", ErrorCode.OUT_OF_RANGE),
        ({"exchange_rate": 0.8}, "exchange_rate", ErrorCode.WRONG_TYPE),
        ({"pricing_currency": "usd"}, "pricing_currency", ErrorCode.UNKNOWN_VALUE),
        ({"exchange_rate_date": "2022-11-29"}, "exchange_rate_date", ErrorCode.WRONG_TYPE),
        ({"unit_price": Money("10.08", "EUR")}, "unit_price", ErrorCode.CURRENCY_MISMATCH),
        (
            {"effective_unit_price": Money("10.08", "GBP")},
            "effective_unit_price",
            ErrorCode.CURRENCY_MISMATCH,
        ),
        ({"tax": Money(0, "USD")}, "tax", ErrorCode.CURRENCY_MISMATCH),
    ],
)
def test_a_line_refuses_exchange_fields_that_disagree(
    changes: dict[str, Any], field: str, code: ErrorCode
) -> None:
    with pytest.raises(CspError) as caught:
        line(**changes)
    assert (getattr(caught.value, "field", None), getattr(caught.value, "code", None)) == (field, code)


def test_an_exchange_date_without_a_rate_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        line(
            unit_price=Money("10.08", "EUR"),
            effective_unit_price=Money("10.08", "EUR"),
            pricing_currency=None,
            exchange_rate=None,
        )
    assert (caught.value.field, caught.value.code) == ("pricing_currency", ErrorCode.MISSING)


HEADER = (
    "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
    "Subtotal,Currency,ChargeStartDate,ChargeEndDate,PricingCurrency,PCToBCExchangeRate"
)


@pytest.mark.parametrize(
    ("cells", "field", "code"),
    [
        ("USD,", "rows[1].PCToBCExchangeRate", ErrorCode.MISSING),
        ("EUR,0.9", "rows[1].PCToBCExchangeRate", ErrorCode.INCONSISTENT),
        ("XYZ,0.9", "rows[1].PricingCurrency", ErrorCode.UNKNOWN_VALUE),
        ("USD,0", "rows[1].PCToBCExchangeRate", ErrorCode.OUT_OF_RANGE),
    ],
)
def test_a_recon_row_refuses_exchange_cells_that_cannot_be_right(
    cells: str, field: str, code: ErrorCode
) -> None:
    row = f"2022-12-05,new,M365,s1,12,12,10,120,EUR,2022-12-05,2023-01-04,{cells}"
    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows(f"{HEADER}\n{row}\n")
    assert (caught.value.field, caught.value.code) == (field, code)


def test_an_invoice_line_item_carries_its_exchange_fields() -> None:
    item = {
        "invoiceLineItemType": "billingLineItems",
        "billingProvider": "one_time",
        "orderDate": "2022-12-05T00:00:00Z",
        "chargeType": "new",
        "productName": "M365 E3",
        "subscriptionId": "s1",
        "unitPrice": "10.08",
        "effectiveUnitPrice": "10.08",
        "billableQuantity": "3",
        "subtotal": "25.56",
        "taxTotal": "0",
        "totalForCustomer": "25.56",
        "currency": "EUR",
        "chargeStartDate": "2022-12-05T00:00:00Z",
        "chargeEndDate": "2023-01-04T00:00:00Z",
        "pricingCurrency": "USD",
        "pcToBCExchangeRate": "0.846202666",
        "pcToBCExchangeRateDate": "2022-11-29T00:00:00Z",
    }
    (parsed,) = parse_invoice_line_items({"items": [item]})
    assert parsed == line()
