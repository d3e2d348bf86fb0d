"""Near years 1 and 9999 every date rule gives an answer or an InvalidInput, never an OverflowError."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import InvalidInput, Money
from cspcore.billing import (
    MICROSOFT_NET_60,
    STANDARD,
    STRICT,
    Commitment,
    Invoice,
    Ledger,
    aging,
    due_date,
    evaluate,
    microsoft_standing,
    schedule,
)
from cspcore.billing.portfolio import Account, Portfolio, cycles_left, sample_portfolio
from cspcore.billing.whatif import MAX_SIMULATION_DAYS, simulate

D = dt.date
LAST = dt.date.max


def unpaid(issued: dt.date, due: dt.date | None = None) -> Ledger:
    invoice = Invoice(id="Z", issued=issued, due=due, currency="EUR", total_charges=Money(400, "EUR"))
    return Ledger(invoices=(invoice,))


@given(st.dates(min_value=D(9999, 10, 1)), st.integers(min_value=0, max_value=60))
@example(D(9999, 12, 31), 0)
@example(D(9999, 12, 1), 30)
def test_a_late_9999_invoice_is_evaluated_with_no_review_past_the_calendar(issued: dt.date, net: int) -> None:
    due = dt.date.fromordinal(min(issued.toordinal() + net, LAST.toordinal()))
    for policy in (STANDARD, STRICT):
        standing = evaluate(policy, unpaid(issued, due), as_of=LAST)
        assert standing.next_review is None or standing.next_review <= LAST
        assert all(item.on <= LAST for item in schedule(policy, unpaid(issued, due).invoices[0]))
    aging(unpaid(issued, due), as_of=LAST)


def test_the_next_review_past_9999_is_none() -> None:
    standing = evaluate(STANDARD, unpaid(D(9999, 12, 1), D(9999, 12, 31)), as_of=LAST)
    assert (standing.stage, standing.next_review) == (None, None)
    early = evaluate(STANDARD, unpaid(D(9999, 12, 1), D(9999, 12, 20)), as_of=LAST)
    assert early.days_past_due == 11
    assert early.next_review is None  # the next stage's day is past 9999-12-31


def test_schedule_lists_only_the_stages_dated_within_the_calendar() -> None:
    invoice = unpaid(D(9999, 12, 1), D(9999, 12, 20)).invoices[0]
    days = [item.on for item in schedule(STRICT, invoice)]
    assert days == [d for d in days if d <= LAST]
    assert days[0] == D(9999, 12, 21)
    assert len(days) < len(STRICT.stages)


def test_microsoft_net_60_past_9999_is_not_yet_due() -> None:
    standing = microsoft_standing(unpaid(D(9999, 12, 1)), as_of=LAST)
    assert (standing.delinquent, standing.days_past_due) == (False, 0)
    with pytest.raises(InvalidInput) as caught:
        due_date(D(9999, 12, 1), MICROSOFT_NET_60)
    assert caught.value.field == "issued"


def test_a_commitment_bought_in_the_calendars_last_week_is_cancellable_through_its_end() -> None:
    late = Commitment(
        subscription_id="s", term_end=LAST, remaining=Money(10, "EUR"), purchased=D(9999, 12, 28)
    )
    standing = evaluate(STANDARD, unpaid(D(9999, 10, 1), D(9999, 10, 31)), as_of=LAST, commitments=(late,))
    untils = [
        r.params["until"] for r in standing.reasons if r.code == "billing.collections.cancellable_until"
    ]
    assert untils == [LAST]


def test_cycles_left_counts_up_to_a_term_ending_on_the_calendars_last_day() -> None:
    assert cycles_left(D(9999, 1, 15), LAST) == cycles_left(D(2023, 1, 15), D(2023, 12, 31)) == 11


def test_simulating_the_first_and_the_last_year_gives_their_microsoft_due_days() -> None:
    empty = Portfolio(accounts=())
    first = simulate(STANDARD, empty, start=D(1, 1, 1), end=D(1, 12, 31))
    last = simulate(
        STANDARD,
        Portfolio(accounts=(Account(id="a", ledger=unpaid(D(9999, 11, 1))),)),
        start=D(9999, 1, 1),
        end=LAST,
    )
    assert first.summary.overdue_at_microsoft_due[0][0] == D(1, 3, 9)  # 8 January + 60 days
    assert len(last.summary.overdue_at_microsoft_due) == 12
    assert len(last.series) == 365


def test_a_sample_that_would_run_past_9999_is_refused_by_its_start() -> None:
    with pytest.raises(InvalidInput) as caught:
        sample_portfolio(start=D(9999, 6, 1), accounts=1)
    assert caught.value.field == "start"


@pytest.mark.parametrize(
    ("start", "end"),
    [(D(100, 1, 1), D(9990, 1, 1)), (D(2000, 1, 1), D(2100, 1, 1)), (D(1, 1, 1), LAST)],
)
def test_a_simulation_longer_than_a_century_is_refused(start: dt.date, end: dt.date) -> None:
    with pytest.raises(InvalidInput) as caught:
        simulate(STANDARD, Portfolio(accounts=()), start=start, end=end)
    assert caught.value.field == "end"


def test_a_simulation_of_exactly_the_cap_runs() -> None:
    start = D(2000, 1, 1)
    end = dt.date.fromordinal(start.toordinal() + MAX_SIMULATION_DAYS - 1)
    assert len(simulate(STANDARD, Portfolio(accounts=()), start=start, end=end).series) == MAX_SIMULATION_DAYS
    with pytest.raises(InvalidInput):
        simulate(STANDARD, Portfolio(accounts=()), start=start, end=end + dt.timedelta(days=1))
