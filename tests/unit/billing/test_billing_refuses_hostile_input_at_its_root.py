"""Billing values and rules bound their days and counts, read collections at most MAX_ITEMS far, and refuse
a currency that disagrees with a CurrencyMismatch naming the field."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import CurrencyMismatch, ErrorCode, InvalidInput, Money
from cspcore.billing import (
    STANDARD,
    Action,
    AgingBucket,
    ChargeCycle,
    ChargeLine,
    ChargeType,
    CollectionsPolicy,
    InvoiceLine,
    Ledger,
    MicrosoftStanding,
    Pricing,
    ScheduledAction,
    Settlement,
    Stage,
    Standing,
    TaxRule,
    aging,
    apply_tax,
    customer_invoice,
    customer_price,
    dso,
    evaluate,
    microsoft_tax_total,
    settle,
    standings,
)
from cspcore.billing._bounds import MAX_DAYS
from cspcore.billing.portfolio import MAX_SEED, sample_portfolio
from cspcore.billing.whatif import (
    MAX_ACCOUNT_DAYS,
    Comparison,
    Summary,
    merge,
    simulate,
    simulate_partitioned,
)

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def charge(subtotal: Money, **changes: object) -> ChargeLine:
    values: dict[str, object] = {
        "order_date": D(2024, 1, 16),
        "charge_type": ChargeType.ADD_QUANTITY,
        "product": "E3",
        "subscription_id": "s",
        "unit_price": Money("31.00", subtotal.currency),
        "effective_unit_price": Money("16.00", subtotal.currency),
        "quantity": Decimal(2),
        "subtotal": subtotal,
        "charge_start": D(2024, 1, 16),
        "charge_end": D(2024, 1, 31),
    }
    values.update(changes)
    return ChargeLine(**values)  # type: ignore[arg-type]


def standing(**changes: object) -> Standing:
    values: dict[str, object] = {
        "as_of": D(2024, 1, 1),
        "stage": None,
        "days_past_due": 0,
        "overdue": eur("0"),
        "unpaid_invoices": 0,
        "actions": (),
        "reasons": (),
        "next_review": None,
    }
    values.update(changes)
    return Standing(**values)  # type: ignore[arg-type]


def summary(**changes: object) -> Summary:
    values: dict[str, object] = {
        "suspensions": 0,
        "account_days_suspended": 0,
        "write_offs": 0,
        "written_off": eur("0"),
        "overdue_at_microsoft_due": (),
        "exposure": eur("0"),
    }
    values.update(changes)
    return Summary(**values)  # type: ignore[arg-type]


# -- days and counts are bounded ------------------------------------------------------------------

HUGE = st.integers(MAX_DAYS + 1, 10**5000) | st.integers(-(10**5000), -1)


@given(days=HUGE)
@example(days=MAX_DAYS + 1)
@example(days=10**40)
@example(days=-1)
def test_days_beyond_the_calendar_are_refused_wherever_a_value_counts_them(days: int) -> None:
    makers: dict[str, Callable[[], object]] = {
        "low": lambda: AgingBucket(low=days, high=None, amount=eur("0"), invoice_ids=()),
        "high": lambda: AgingBucket(low=None, high=days, amount=eur("0"), invoice_ids=()),
        "days": lambda: ChargeCycle(start=D(2024, 1, 1), end=D(2024, 1, 31), days=days),
        "days_past_due": lambda: standing(days_past_due=days),
    }
    for field, make in makers.items():
        with pytest.raises(InvalidInput) as caught:
            make()
        assert (caught.value.field, caught.value.code) == (field, ErrorCode.OUT_OF_RANGE)
    with pytest.raises(InvalidInput) as caught:
        MicrosoftStanding(
            as_of=D(2024, 1, 1),
            delinquent=True,
            suspension_risk=True,
            days_past_due=days,
            overdue=eur("1"),
            reasons=(),
        )
    assert (caught.value.field, caught.value.code) == ("days_past_due", ErrorCode.OUT_OF_RANGE)
    with pytest.raises(InvalidInput) as caught:
        aging(Ledger(), as_of=D(2024, 1, 1), buckets=(0, days), currency="EUR")
    assert caught.value.field in {"buckets[1]", "buckets[0]"}


def test_the_calendars_whole_span_is_still_a_number_of_days() -> None:
    assert AgingBucket(low=0, high=MAX_DAYS, amount=eur("0"), invoice_ids=()).label == f"1-{MAX_DAYS}"
    assert standing(days_past_due=MAX_DAYS).days_past_due == MAX_DAYS


@pytest.mark.parametrize("field", ["suspensions", "account_days_suspended", "write_offs"])
def test_a_summary_counts_at_most_every_account_on_every_day(field: str) -> None:
    assert getattr(summary(**{field: MAX_ACCOUNT_DAYS}), field) == MAX_ACCOUNT_DAYS
    with pytest.raises(InvalidInput) as caught:
        summary(**{field: MAX_ACCOUNT_DAYS + 1})
    assert (caught.value.field, caught.value.code) == (field, ErrorCode.OUT_OF_RANGE)


def test_a_standing_counts_at_most_max_items_unpaid_invoices() -> None:
    with pytest.raises(InvalidInput) as caught:
        standing(unpaid_invoices=10**40)
    assert (caught.value.field, caught.value.code) == ("unpaid_invoices", ErrorCode.OUT_OF_RANGE)


def test_a_sample_portfolios_seed_is_a_64_bit_one() -> None:
    assert sample_portfolio(seed=MAX_SEED, accounts=1, invoices=1) == sample_portfolio(
        seed=MAX_SEED, accounts=1, invoices=1
    )
    for seed in (MAX_SEED + 1, 10**40, -1):
        with pytest.raises(InvalidInput) as caught:
            sample_portfolio(seed=seed, accounts=1)
        assert (caught.value.field, caught.value.code) == ("seed", ErrorCode.OUT_OF_RANGE)


def test_a_sample_portfolio_starting_on_the_first_day_of_the_calendar_is_made() -> None:
    portfolio = sample_portfolio(seed=87, accounts=5, invoices=12, start=D(1, 1, 1))
    for account in portfolio.accounts:
        for payment in account.ledger.payments:
            assert payment.received >= D(1, 1, 1)


# -- collections are read at most MAX_ITEMS far -----------------------------------------------------


def endless_calls() -> dict[str, object]:
    line = InvoiceLine(description="A", amount=eur("1"))
    return {
        "actions": lambda: Stage(name="s", after_days=0, actions=itertools.repeat(Action.REMIND)),
        "taxes": lambda: microsoft_tax_total(itertools.repeat(eur("1"))),
        "lines": lambda: apply_tax(itertools.repeat(line), TaxRule(rate=Decimal("0.2"))),  # type: ignore[arg-type]
        "ledgers": lambda: dso(itertools.repeat(Ledger()), as_of=D(2024, 1, 1)),
        "results": lambda: merge(itertools.count()),  # type: ignore[arg-type]
    }


@pytest.mark.parametrize(("field", "call"), list(endless_calls().items()), ids=list(endless_calls()))
def test_an_endless_collection_is_refused_not_read_forever(field: str, call: object) -> None:
    assert callable(call)
    with pytest.raises(InvalidInput) as caught:
        call()
    assert (caught.value.field, caught.value.code) == (field, ErrorCode.TOO_LONG)


def test_standings_refuse_endless_ledgers() -> None:
    with pytest.raises(InvalidInput) as caught:
        standings(STANDARD, itertools.repeat(Ledger()), as_of=D(2024, 1, 1), currency="EUR")
    assert (caught.value.field, caught.value.code) == ("ledgers", ErrorCode.TOO_LONG)


def test_a_comparison_keeps_its_results_as_a_tuple() -> None:
    result = simulate(STANDARD, sample_portfolio(seed=1, accounts=2), start=D(2024, 1, 1), end=D(2024, 1, 31))
    assert Comparison(results=iter([result])).results == (result,)
    with pytest.raises(InvalidInput) as caught:
        Comparison(results=itertools.repeat(result))
    assert (caught.value.field, caught.value.code) == ("results", ErrorCode.TOO_LONG)


def test_a_stage_reads_a_finite_iterable_of_actions_in_actions_order() -> None:
    given = (a for a in (Action.SUSPEND_SUBSCRIPTIONS, Action.REMIND))
    assert Stage(name="s", after_days=0, actions=given).actions == (
        Action.REMIND,
        Action.SUSPEND_SUBSCRIPTIONS,
    )
    scheduled = ScheduledAction(on=D(2024, 1, 1), stage=STANDARD.stages[0], actions=(Action.REMIND,))
    assert scheduled.actions == (Action.REMIND,)


# -- a currency that disagrees is a CurrencyMismatch -------------------------------------------------


def test_a_charge_line_in_two_currencies_is_a_currency_mismatch() -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        charge(usd("32.00"), unit_price=eur("31.00"))
    assert (caught.value.field, caught.value.code) == ("unit_price", ErrorCode.CURRENCY_MISMATCH)
    assert (caught.value.left, caught.value.right) == ("USD", "EUR")


def test_customer_prices_and_invoices_of_two_currencies_are_currency_mismatches() -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        customer_price(charge(eur("32.00")), Pricing(price_list={"E3": usd("40")}))
    assert caught.value.field == "price_list['E3']"
    lines = [charge(eur("32.00")), charge(usd("32.00"))]
    with pytest.raises(CurrencyMismatch) as caught:
        customer_invoice(lines, id="C", issued=D(2024, 2, 1), pricing=Pricing(markup=Decimal(0)))
    assert caught.value.field == "lines[1]"


def test_customer_price_refuses_a_field_name_that_is_not_text() -> None:
    with pytest.raises(InvalidInput) as caught:
        customer_price(charge(eur("32.00")), Pricing(markup=Decimal(0)), field=0.0)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("field", ErrorCode.WRONG_TYPE)


def test_a_settlement_holds_amounts_of_its_own_currency_only() -> None:
    real = settle(Ledger(), as_of=D(2024, 1, 1), currency="EUR")
    assert attrs.evolve(real) == real  # its own amounts pass
    fields = {
        name: getattr(real, name)
        for name in ("as_of", "invoiced", "paid", "credited", "written_off", "credit")
    }
    with pytest.raises(CurrencyMismatch) as caught:
        Settlement(**fields, currency="USD", outstanding={}, applied={}, statuses={})
    assert caught.value.field == "invoiced"
    with pytest.raises(CurrencyMismatch) as caught:
        Settlement(**fields, currency="EUR", outstanding={"A": usd("1")}, applied={}, statuses={})
    assert caught.value.field == "outstanding['A']"


def test_a_standing_and_its_stage_and_exposure_share_one_currency() -> None:
    stage = Stage(name="s", after_days=0, actions=(Action.REMIND,), min_overdue=usd("10"))
    with pytest.raises(CurrencyMismatch) as caught:
        standing(stage=stage, actions=stage.actions)
    assert caught.value.field == "stage.min_overdue"
    with pytest.raises(CurrencyMismatch) as caught:
        standing(exposure=usd("1"))
    assert caught.value.field == "exposure"


def test_a_summary_holds_amounts_of_one_currency() -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        summary(exposure=usd("0"))
    assert caught.value.field == "exposure"
    with pytest.raises(CurrencyMismatch) as caught:
        summary(overdue_at_microsoft_due=((D(2024, 3, 8), usd("1")),))
    assert caught.value.field == "overdue_at_microsoft_due[0]"


def test_thresholds_in_two_currencies_are_a_currency_mismatch() -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        CollectionsPolicy(
            name="p",
            stages=(
                Stage(name="a", after_days=0, actions=(Action.REMIND,), min_overdue=eur("1")),
                Stage(name="b", after_days=1, actions=(Action.FINAL_NOTICE,), min_overdue=usd("2")),
            ),
        )
    assert caught.value.field == "stages[1].min_overdue"


def test_standings_of_empty_ledgers_take_the_thresholds_currency_and_refuse_another() -> None:
    policy = CollectionsPolicy(
        name="p", stages=(Stage(name="a", after_days=0, actions=(Action.REMIND,), min_overdue=usd("1")),)
    )
    assert [s.overdue for s in standings(policy, [Ledger()], as_of=D(2024, 1, 1))] == [usd("0")]
    assert (
        evaluate(policy, Ledger(), as_of=D(2024, 1, 1))
        == standings(policy, [Ledger()], as_of=D(2024, 1, 1))[0]
    )
    with pytest.raises(CurrencyMismatch) as caught:
        standings(policy, [], as_of=D(2024, 1, 1), currency="EUR")
    assert caught.value.field == "currency"


def test_results_of_two_currencies_do_not_merge() -> None:
    start, end = D(2024, 1, 1), D(2024, 1, 31)
    euros = simulate(STANDARD, sample_portfolio(seed=1, accounts=2), start=start, end=end)
    dollars = simulate(STANDARD, sample_portfolio(seed=2, accounts=2, currency="USD"), start=start, end=end)
    with pytest.raises(CurrencyMismatch) as caught:
        merge([euros, dollars])
    assert caught.value.field == "results[1].currency"


# -- simulate_partitioned checks before Dask runs ---------------------------------------------------


def test_simulate_partitioned_refuses_an_unknown_scheduler_and_bad_periods_before_running() -> None:
    pytest.importorskip("dask")
    book = sample_portfolio(seed=1, accounts=4)
    start, end = D(2024, 1, 1), D(2024, 3, 31)
    for scheduler, code in (("fast", ErrorCode.UNKNOWN_VALUE), (0, ErrorCode.WRONG_TYPE)):
        with pytest.raises(InvalidInput) as caught:
            simulate_partitioned(STANDARD, book, start=start, end=end, partitions=2, scheduler=scheduler)  # type: ignore[arg-type]
        assert (caught.value.field, caught.value.code) == ("scheduler", code)
    with pytest.raises(InvalidInput) as caught:
        simulate_partitioned(STANDARD, book, start=D(1, 1, 1), end=D(9999, 12, 31), partitions=2)
    assert caught.value.field == "end"
    with pytest.raises(InvalidInput) as caught:
        simulate_partitioned(STANDARD, book, start=start, end=end, partitions=10**40)
    assert (caught.value.field, caught.value.code) == ("partitions", ErrorCode.OUT_OF_RANGE)
    policy = CollectionsPolicy(
        name="p", stages=(Stage(name="a", after_days=0, actions=(Action.REMIND,), min_overdue=usd("1")),)
    )
    with pytest.raises(CurrencyMismatch) as caught:
        simulate_partitioned(policy, book, start=start, end=end, partitions=2)
    assert caught.value.field == "policy"
    whole = simulate(STANDARD, book, start=start, end=end)
    assert simulate_partitioned(STANDARD, book, start=start, end=end, partitions=2, scheduler="sync") == whole


def test_rate_refuses_a_history_longer_than_a_century_and_an_endless_event_stream() -> None:
    from cspcore.billing import Cancel, Subscription, rate
    from cspcore.billing.rating import MAX_RATED_DAYS

    sub = Subscription(
        id="s",
        product="Microsoft 365 E3",
        start=dt.date(2024, 1, 1),
        term="P1M",
        frequency="monthly",
        quantity=1,
        unit_price=Money("10.00", "EUR"),
    )
    last = sub.start + dt.timedelta(days=MAX_RATED_DAYS)
    assert rate(sub, [], through=sub.start)  # the first day is rated
    with pytest.raises(InvalidInput) as caught:
        rate(sub, [], through=last + dt.timedelta(days=1))
    assert (caught.value.field, caught.value.code) == ("through", ErrorCode.OUT_OF_RANGE)
    cancel = Cancel(at=dt.datetime(2024, 1, 2, tzinfo=dt.UTC))
    with pytest.raises(InvalidInput) as endless:
        rate(sub, itertools.repeat(cancel), through=dt.date(2024, 1, 31))
    assert (endless.value.field, endless.value.code) == ("events", ErrorCode.TOO_LONG)
