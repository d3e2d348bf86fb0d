"""A result never depends on the ambient decimal context: the same answer, or the same refusal, under a
context of three digits that traps rounding (what any other code in the process may have set)."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import InvalidInput, Money
from cspcore.billing import STRICT, Cancel, ChangeQuantity, Ledger, Subscription, rate
from cspcore.billing.accounts import Account, total_exposure
from cspcore.billing.exchange import ExchangeRates, exchange_rate
from cspcore.billing.portfolio import sample_portfolio
from cspcore.billing.proration import ProrationRounding, prorated, prorated_subtotal, shown_price
from cspcore.billing.whatif import simulate

if TYPE_CHECKING:
    from collections.abc import Callable


#: Three digits, rounding trapped (a bare exception if cspcore rounds in it) or not (a wrong number).
HOSTILE = {
    "trapping": lambda: decimal.Context(
        prec=3, traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation]
    ),
    "silent": lambda: decimal.Context(prec=3, traps=[]),
}


def outcome(call: Callable[[], object]) -> object:
    """What ``call`` gives: its result, or the (type, field, code) of its refusal."""
    try:
        return call()
    except InvalidInput as refused:
        return type(refused), refused.field, refused.code


def usd_subscription_billed_in_eur_refunded_in_full() -> object:
    sub = Subscription(
        id="s",
        product="P",
        start=dt.date(2024, 1, 18),
        term="P1Y",
        frequency="monthly",
        quantity=10,
        unit_price=Money("10.08", "USD"),
        purchased_at=dt.datetime(2024, 1, 18, 23, tzinfo=dt.UTC),
    )
    fx = ExchangeRates(pricing_currency="USD", billing_currency="EUR", rates={"2024-01": "0.846202666"})
    events: list[ChangeQuantity | Cancel] = [
        ChangeQuantity(on=dt.date(2024, 1, 19), quantity=13),
        Cancel(at=dt.datetime(2024, 1, 19, 22, tzinfo=dt.UTC)),
    ]
    return rate(sub, events, through=dt.date(2024, 1, 31), exchange=fx)


YEAR = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))


def exposure_of_two_suspended_accounts() -> object:
    end = dt.date(2024, 12, 31)
    pair = [
        Account(id=key, ledger=Ledger(), monthly_cost=Money(cost, "EUR"), term_end=end)
        for key, cost in (("a", "10.08"), ("b", "2.5"))
    ]
    return repr(total_exposure([(pair[0], dt.date(2024, 10, 15)), (pair[1], dt.date(2024, 3, 1))], "EUR"))


CALLS: dict[str, Callable[[], object]] = {
    "a year of what-if over a sample portfolio": lambda: repr(
        simulate(STRICT, sample_portfolio(seed=8, accounts=25), start=YEAR[0], end=YEAR[1])
    ),
    "the exposure of two suspended accounts": exposure_of_two_suspended_accounts,
    "a seat count one past the bound": lambda: ChangeQuantity(on=dt.date(2024, 1, 1), quantity=10**12 + 1),
    "a seat count at the bound": lambda: ChangeQuantity(on=dt.date(2024, 1, 1), quantity=10**12).quantity,
    "an exchange rate of 25 digits": lambda: exchange_rate("0.1234567890123456789012345", "rate"),
    "an exchange rate of 20 digits": lambda: exchange_rate("0.12345678901234567890", "rate"),
    "a full refund priced in another currency": usd_subscription_billed_in_eur_refunded_in_full,
    "a sample portfolio's first invoice": lambda: (
        sample_portfolio(seed=42, accounts=1).accounts[0].ledger.invoices[0].total_charges
    ),
    "a prorated subtotal": lambda: prorated_subtotal(
        prorated(Decimal("10.08"), 28, 30), 12, Decimal("0.01"), ProrationRounding.LINE_TOTAL
    ),
    "an amount written with 40 digits": lambda: Money("1234567890.123456789012345678901234567890", "EUR"),
    "an amount whose exponent decimal cannot hold": lambda: Money("1e999999999999999999999", "EUR"),
}


@pytest.mark.parametrize("context", HOSTILE)
@pytest.mark.parametrize("name", CALLS)
def test_a_public_result_is_the_same_under_a_hostile_decimal_context(name: str, context: str) -> None:
    expected = outcome(CALLS[name])
    with decimal.localcontext(HOSTILE[context]()):
        assert expected == outcome(CALLS[name])


@given(
    price=st.decimals(min_value=-(10**9), max_value=10**9, places=4, allow_nan=False, allow_infinity=False),
    cycle_days=st.integers(min_value=1, max_value=1096),
    data=st.data(),
    quantity=st.integers(min_value=-(10**12), max_value=10**12),
    rounding=st.sampled_from(ProrationRounding),
    context=st.sampled_from(sorted(HOSTILE)),
)
@example(
    price=Decimal("10.08"),
    cycle_days=30,
    data=None,
    quantity=12,
    rounding=ProrationRounding.LINE_TOTAL,
    context="trapping",
)
def test_proration_is_the_same_under_a_hostile_decimal_context(
    *,
    price: Decimal,
    cycle_days: int,
    data: st.DataObject | None,
    quantity: int,
    rounding: ProrationRounding,
    context: str,
) -> None:
    billing_days = 28 if data is None else data.draw(st.integers(min_value=1, max_value=cycle_days))

    def answer() -> object:
        share = prorated(price, billing_days, cycle_days)
        return shown_price(*share), prorated_subtotal(share, quantity, Decimal("0.01"), rounding)

    expected = outcome(answer)
    with decimal.localcontext(HOSTILE[context]()):
        assert expected == outcome(answer)
