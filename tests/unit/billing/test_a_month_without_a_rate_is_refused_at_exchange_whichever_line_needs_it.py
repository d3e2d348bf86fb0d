"""A month the exchange rates do not hold is refused at ``exchange`` (``missing``), whether the line
that needs its rate is a charge cycle or one an event makes (a seat change, a cancellation, an upgrade):
the rates given are what lacks it, not the event, which is valid on any day of the term."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import Cancel, ChangeQuantity, Subscription, Upgrade, lifecycle, preview, rate
from cspcore.billing.exchange import ExchangeRates
from cspcore.errors import ErrorCode

D = dt.date
JANUARY_ONLY = ExchangeRates(pricing_currency="USD", billing_currency="EUR", rates={"2024-01": "0.9"})


def sub() -> Subscription:
    return Subscription(
        id="s",
        product="Microsoft 365 Business Standard",
        start=D(2024, 1, 28),
        term="P1M",
        frequency="monthly",
        quantity=10,
        unit_price=Money("10.08", "USD"),
    )


@pytest.mark.parametrize(
    "event",
    [
        ChangeQuantity(on=D(2024, 2, 1), quantity=12),
        Cancel(at=dt.datetime(2024, 2, 1, 9, tzinfo=dt.UTC)),
        Upgrade(on=D(2024, 2, 1), product="Microsoft 365 E3", unit_price=Money("36.00", "USD")),
    ],
    ids=["seats", "cancel", "upgrade"],
)
def test_an_events_line_in_a_month_without_a_rate_is_refused_at_exchange(event: object) -> None:
    with raises_invalid(field="exchange", code=ErrorCode.MISSING) as caught:
        rate(sub(), [event], through=D(2024, 2, 1), exchange=JANUARY_ONLY)  # type: ignore[list-item]
    assert caught.value.value == D(2024, 2, 1)  # the day of the line that needs February's rate
    with raises_invalid(field="exchange", code=ErrorCode.MISSING):
        lifecycle(sub(), [event], through=D(2024, 2, 1), exchange=JANUARY_ONLY)  # type: ignore[list-item]


def test_a_preview_names_the_exchange_too() -> None:
    now = dt.datetime(2024, 2, 1, 9, tzinfo=dt.UTC)
    with raises_invalid(field="exchange", code=ErrorCode.MISSING):
        preview(sub(), [], ChangeQuantity(on=now.date(), quantity=12), at=now, exchange=JANUARY_ONLY)


def test_the_same_event_in_a_month_with_a_rate_is_rated() -> None:
    january = ChangeQuantity(on=D(2024, 1, 29), quantity=12)
    lines = rate(sub(), [january], through=D(2024, 1, 31), exchange=JANUARY_ONLY)
    assert [line.exchange_rate for line in lines] == [JANUARY_ONLY.rate_for(D(2024, 1, 1)).rate] * 3
