"""A subscription priced in one currency and billed in another: each line at its month's rate.

``modern-invoice-reconciliation-file.md`` (``Subtotal``): license or seat-based
``ROUNDDOWN(EffectiveUnitPrice × PCToBCExchangeRate, 2) × BillableQuantity``; usage-based
``ROUNDDOWN(ROUNDDOWN(EffectiveUnitPrice × BillableQuantity, 2) × PCToBCExchangeRate, 2)``.
``billing-basics.md``: the rate is "determined based on the date of the charge".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import CurrencyMismatch, Money
from cspcore.billing import Cancel, ChangeQuantity, ProrationRounding, Subscription, lifecycle, rate
from cspcore.billing.exchange import ExchangeRates
from cspcore.errors import ErrorCode

D = dt.date


def sub(quantity: int = 10, price: str = "10.08") -> Subscription:
    return Subscription(
        id="s",
        product="Microsoft 365 Business Standard",
        start=D(2024, 1, 18),
        term="P1Y",
        frequency="monthly",
        quantity=quantity,
        unit_price=Money(price, "USD"),
    )


RATES = ExchangeRates(
    pricing_currency="USD",
    billing_currency="EUR",
    rates={"2024-01": "0.846202666", "2024-02": "0.9", "2024-03": "0.91"},
)


def test_each_line_takes_the_rate_of_its_months_and_the_seat_based_formula() -> None:
    lines = rate(sub(), through=D(2024, 3, 20), exchange=RATES)
    # January: ROUNDDOWN(10.08 × 0.846202666, 2) = 8.52 per seat, × 10 seats
    # February: ROUNDDOWN(10.08 × 0.9, 2) = 9.07; March: ROUNDDOWN(10.08 × 0.91, 2) = 9.17
    assert [(line.subtotal, line.exchange_rate) for line in lines] == [
        (Money("85.20", "EUR"), Decimal("0.846202666")),
        (Money("90.70", "EUR"), Decimal("0.9")),
        (Money("91.70", "EUR"), Decimal("0.91")),
    ]
    first = lines[0]
    assert (first.unit_price, first.pricing_currency, first.exchange_rate_date) == (
        Money("10.08", "USD"),
        "USD",
        D(2023, 12, 28),
    )
    assert first.total == first.subtotal
    assert first.tax == Money(0, "EUR")


def test_the_line_total_rounding_follows_the_usage_based_formula() -> None:
    (line,) = rate(sub(), through=D(2024, 1, 31), exchange=RATES, rounding=ProrationRounding.LINE_TOTAL)
    # ROUNDDOWN(ROUNDDOWN(10.08 × 10, 2) × 0.846202666, 2) = ROUNDDOWN(85.2972..., 2)
    assert line.subtotal == Money("85.29", "EUR")


def test_a_full_refund_returns_the_billed_amounts() -> None:
    lines = rate(
        sub(), [Cancel(at=dt.datetime(2024, 1, 18, 9, tzinfo=dt.UTC))], through=D(2024, 1, 31), exchange=RATES
    )
    assert lines[-1].subtotal == -lines[0].subtotal
    assert lines[-1].effective_unit_price.currency == "USD"


def test_the_exchange_rates_must_start_from_the_subscriptions_currency() -> None:
    other = ExchangeRates(pricing_currency="GBP", billing_currency="EUR", rates={"2024-01": "1.1"})
    with pytest.raises(CurrencyMismatch):
        rate(sub(), through=D(2024, 1, 31), exchange=other)


def test_a_month_without_a_rate_is_refused_at_the_exchange() -> None:
    with raises_invalid(field="exchange", code=ErrorCode.MISSING):
        rate(sub(), through=D(2024, 4, 30), exchange=RATES)


@given(
    quantity=st.integers(1, 500),
    cents=st.integers(1, 100_000),
    added=st.integers(1, 50),
    day=st.integers(19, 31),
)
def test_at_a_rate_of_one_the_lines_are_those_in_one_currency(
    quantity: int, cents: int, added: int, day: int
) -> None:
    priced = sub(quantity, str(Decimal(cents) / 100))
    one = ExchangeRates(pricing_currency="USD", billing_currency="EUR", rates={"2024-01": 1, "2024-02": 1})
    events = [ChangeQuantity(on=D(2024, 1, day), quantity=quantity + added)]
    converted = rate(priced, events, through=D(2024, 2, 20), exchange=one)
    plain = rate(priced, events, through=D(2024, 2, 20))
    assert [line.subtotal.amount for line in converted] == [line.subtotal.amount for line in plain]
    assert [line.effective_unit_price for line in converted] == [line.effective_unit_price for line in plain]


def test_lifecycle_takes_the_same_rates() -> None:
    assert lifecycle(sub(), through=D(2024, 3, 20), exchange=RATES).lines == rate(
        sub(), through=D(2024, 3, 20), exchange=RATES
    )


def test_a_preview_in_a_billing_currency_nets_in_that_currency() -> None:
    from cspcore.billing import preview

    change = ChangeQuantity(on=D(2024, 1, 20), quantity=12)
    result = preview(sub(), [], change, at=dt.datetime(2024, 1, 20, 9, tzinfo=dt.UTC), exchange=RATES)
    assert result.net.currency == "EUR"
    assert [line.pricing_currency for line in result.added] == ["USD", "USD"]
