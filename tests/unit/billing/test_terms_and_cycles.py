from __future__ import annotations

import datetime as dt

import pytest
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import (
    VALID_PLANS,
    BillingFrequency,
    ChargeCycle,
    CotermRefused,
    Subscription,
    Term,
    calendar_aligned_end,
    charge_cycles,
    coterminous_end,
    is_valid_plan,
    term_end,
)
from cspcore.billing.cycles import cycle_boundary
from cspcore.billing.terms import check_plan
from cspcore.errors import ErrorCode

D = dt.date


def sub(start: dt.date, term: Term, frequency: BillingFrequency, **extra: object) -> Subscription:
    fields: dict[str, object] = {"id": "s", "product": "P", "quantity": 1, "unit_price": Money("10", "EUR")}
    fields.update(extra)
    return Subscription(start=start, term=term, frequency=frequency, **fields)  # type: ignore[arg-type]


def test_each_term_is_sold_with_its_documented_billing_plans() -> None:
    assert {BillingFrequency.MONTHLY} == VALID_PLANS[Term.P1M]
    assert {BillingFrequency.MONTHLY, BillingFrequency.ANNUAL} == VALID_PLANS[Term.P1Y]
    assert len(VALID_PLANS[Term.P3Y]) == 3
    assert not is_valid_plan(Term.P1Y, BillingFrequency.TRIENNIAL)
    assert not is_valid_plan(Term.P1Y, BillingFrequency.NONE, trial=True)


def test_invalid_plans_are_refused_when_a_subscription_is_built() -> None:
    with raises_invalid(field="frequency", code=ErrorCode.NOT_ALLOWED):
        sub(D(2024, 1, 1), Term.P1M, BillingFrequency.ANNUAL)
    with raises_invalid(field="frequency", code=ErrorCode.NOT_ALLOWED):
        check_plan(Term.P1M, BillingFrequency.MONTHLY, trial=True)


def test_term_end_refuses_datetimes_and_unknown_terms() -> None:
    with raises_invalid(field="start", code=ErrorCode.WRONG_TYPE):
        term_end(dt.datetime(2024, 1, 1, tzinfo=dt.UTC), Term.P1Y)
    with raises_invalid(field="term", code=ErrorCode.UNKNOWN_VALUE):
        term_end(D(2024, 1, 1), "P2Y")  # type: ignore[arg-type]
    with raises_invalid(field="start", code=ErrorCode.OUT_OF_RANGE):
        term_end(D(9999, 6, 1), Term.P1Y)


def test_a_leap_day_start_ends_on_the_27th_of_february_the_next_year() -> None:
    # Decision: the term end follows the anchor day, clamped (Feb 29 + 12 months = Feb 28), minus a day.
    assert D(2025, 2, 27) == term_end(D(2024, 2, 29), Term.P1Y)


def test_calendar_aligned_end_on_the_first_of_a_month_is_the_standard_end() -> None:
    assert term_end(D(2024, 3, 1), Term.P1Y) == calendar_aligned_end(D(2024, 3, 1), Term.P1Y)


def test_monthly_cycles_starting_on_the_29th_of_a_31_day_month_follow_the_anchor_day() -> None:
    # Decision: only the last day and the day before it anchor to the month's end.
    cycles = charge_cycles(sub(D(2021, 1, 29), Term.P1Y, BillingFrequency.MONTHLY))
    assert [D(2021, 1, 29), D(2021, 2, 28), D(2021, 3, 29)] == [c.start for c in cycles[:3]]
    assert [c.days for c in cycles[:3]] == [30, 29, 31]


def test_the_term_end_wins_when_the_month_end_rule_would_end_a_day_later() -> None:
    # Feb 28, 2023 is the last day of February: cycles start on month ends (..., Jan 31, 2024); the
    # next would start Feb 29, 2024, but the term ends Feb 27, 2024 (Feb 28 + 12 months - 1 day).
    cycles = charge_cycles(sub(D(2023, 2, 28), Term.P1Y, BillingFrequency.MONTHLY))
    assert ChargeCycle(start=D(2024, 1, 31), end=D(2024, 2, 27), days=28) == cycles[-1]


def test_annual_cycles_of_a_triennial_term_follow_the_anchor_day() -> None:
    cycles = charge_cycles(sub(D(2024, 2, 29), Term.P3Y, BillingFrequency.ANNUAL))
    assert [(D(2024, 2, 29), D(2025, 2, 27), 365), (D(2025, 2, 28), D(2026, 2, 27), 365)] == [
        (c.start, c.end, c.days) for c in cycles[:2]
    ]
    assert D(2027, 2, 27) == cycles[-1].end


def test_a_coterminous_annual_plan_starts_with_a_short_prorated_cycle() -> None:
    end = coterminous_end(D(2022, 7, 1), Term.P3Y, existing_end=D(2022, 10, 1), existing_term=Term.P1Y)
    cycles = charge_cycles(sub(D(2022, 7, 1), Term.P3Y, BillingFrequency.ANNUAL, end=end))
    first = cycles[0]
    assert (D(2022, 7, 1), D(2022, 10, 1), 365, 93) == (first.start, first.end, first.days, first.length)
    assert not first.is_full
    assert [D(2022, 10, 2), D(2023, 10, 2)] == [c.start for c in cycles[1:]]


def test_a_trial_is_one_cycle_of_thirty_days() -> None:
    trial = Subscription(
        id="t",
        product="P",
        start=D(2024, 1, 31),
        term="P1M",
        frequency="none",
        quantity=25,
        unit_price=Money(0, "EUR"),
        trial=True,
    )
    assert (ChargeCycle(start=D(2024, 1, 31), end=D(2024, 2, 29), days=30),) == charge_cycles(trial)


def test_cycle_boundary_validates_and_steps_backwards() -> None:
    assert D(2020, 12, 31) == cycle_boundary(D(2021, 1, 31), -1)
    with raises_invalid(field="months", code=ErrorCode.WRONG_TYPE):
        cycle_boundary(D(2021, 1, 31), "1")  # type: ignore[arg-type]
    with raises_invalid(field="subscription", code=ErrorCode.WRONG_TYPE):
        charge_cycles("s")  # type: ignore[arg-type]


def test_coterminous_end_rolls_a_past_existing_end_forward() -> None:
    end = coterminous_end(D(2024, 3, 15), Term.P1Y, existing_end=D(2022, 5, 31), existing_term=Term.P1Y)
    assert D(2024, 5, 31) == end


def test_coterminous_end_refuses_when_no_existing_end_fits() -> None:
    with pytest.raises(CotermRefused) as caught:
        coterminous_end(D(2024, 3, 15), Term.P1Y, existing_end=D(2026, 5, 31), existing_term=Term.P3Y)
    assert caught.value.reasons[0].code == "billing.coterm.no_fit"


def test_subscriptions_refuse_inconsistent_values() -> None:
    start = D(2024, 1, 10)
    with raises_invalid(field="end", code=ErrorCode.OUT_OF_RANGE):
        sub(start, Term.P1Y, BillingFrequency.MONTHLY, end=D(2025, 1, 11))
    with raises_invalid(field="end", code=ErrorCode.OUT_OF_RANGE):
        sub(start, Term.P1Y, BillingFrequency.MONTHLY, end=D(2024, 1, 9))
    with raises_invalid(field="max_quantity", code=ErrorCode.OUT_OF_RANGE):
        sub(start, Term.P1Y, BillingFrequency.MONTHLY, max_quantity=0)
    with raises_invalid(field="quantity", code=ErrorCode.OUT_OF_RANGE):
        Subscription(
            id="s",
            product="P",
            start=start,
            term="P1Y",
            frequency="monthly",
            quantity=5,
            unit_price=Money(1, "EUR"),
            max_quantity=4,
        )
    with raises_invalid(field="unit_price", code=ErrorCode.OUT_OF_RANGE):
        sub(start, Term.P1Y, BillingFrequency.MONTHLY, unit_price=Money(-1, "EUR"))
    with raises_invalid(field="trial", code=ErrorCode.WRONG_TYPE):
        sub(start, Term.P1Y, BillingFrequency.MONTHLY, trial="yes")
    with raises_invalid(field="purchased_at", code=ErrorCode.NAIVE_DATETIME):
        sub(start, Term.P1Y, BillingFrequency.MONTHLY, purchased_at=dt.datetime(2024, 1, 10))  # noqa: DTZ001
    new_york = dt.timezone(dt.timedelta(hours=-5))
    with raises_invalid(field="purchased_at", code=ErrorCode.INCONSISTENT):
        sub(
            start,
            Term.P1Y,
            BillingFrequency.MONTHLY,
            purchased_at=dt.datetime(2024, 1, 10, 20, tzinfo=new_york),
        )
    late = sub(
        start, Term.P1Y, BillingFrequency.MONTHLY, purchased_at=dt.datetime(2024, 1, 10, 18, tzinfo=new_york)
    )
    assert dt.datetime(2024, 1, 10, 23, tzinfo=dt.UTC) == late.purchased_at
    trial_fields = {"term": "P1M", "frequency": "none", "trial": True}
    with raises_invalid(field="unit_price", code=ErrorCode.NOT_ALLOWED):
        Subscription(id="t", product="P", start=start, quantity=1, unit_price=Money(1, "EUR"), **trial_fields)  # type: ignore[arg-type]
    with raises_invalid(field="end", code=ErrorCode.NOT_ALLOWED):
        Subscription(
            id="t",
            product="P",
            start=start,
            quantity=1,
            unit_price=Money(0, "EUR"),
            end=start,
            **trial_fields,  # type: ignore[arg-type]
        )


def test_a_subscription_knows_when_it_is_paid_upfront() -> None:
    assert sub(D(2024, 1, 1), Term.P1Y, BillingFrequency.ANNUAL).is_upfront
    assert not sub(D(2024, 1, 1), Term.P3Y, BillingFrequency.ANNUAL).is_upfront
    assert sub(D(2024, 1, 1), Term.P1M, BillingFrequency.MONTHLY).currency == "EUR"
