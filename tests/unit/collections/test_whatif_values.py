"""Whole simulation results for small hand-built portfolios, worked out from the policy's stages.

Every ledger is built fresh inside its test (timelines are memoised per ledger object). A stage's
day threshold is ``max(1, grace_days + after_days)`` days past the oldest overdue invoice's due date;
an invoice is overdue from the day after its due date; a payment counts on the day it is received.
"""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import STANDARD, CollectionsPolicy, Invoice, Ledger, Payment, Stage
from cspcore.billing.portfolio import Account, Portfolio
from cspcore.billing.whatif import DayPoint, SimulationResult, Summary, Transition, simulate
from cspcore.errors import CurrencyMismatch, ErrorCode

D = dt.date
NAMES = ("clear", "remind", "suspend", "write_off")
#: Remind from the first day past due, suspend from the third, write off (still suspended) from the sixth.
STEPS = CollectionsPolicy(
    name="steps",
    stages=(
        Stage(name="remind", after_days=0, actions=("remind",)),
        Stage(name="suspend", after_days=3, actions=("suspend_subscriptions",)),
        Stage(name="write_off", after_days=6, actions=("suspend_subscriptions", "write_off")),
    ),
)


def _eur(amount: int | str) -> Money:
    return Money(amount, "EUR")


def _invoice(key: str, issued: dt.date, due: dt.date, amount: int) -> Invoice:
    return Invoice(id=key, issued=issued, due=due, currency="EUR", total_charges=_eur(amount))


def _series(
    start: dt.date, *runs: tuple[int, tuple[int, ...], tuple[int | str, ...]]
) -> tuple[DayPoint, ...]:
    """Day points from runs of ``(days, accounts per slot, overdue per slot)``."""
    points: list[DayPoint] = []
    for days, accounts, overdue in runs:
        for _ in range(days):
            day = start + dt.timedelta(days=len(points))
            points.append(DayPoint(day=day, accounts=accounts, overdue=tuple(_eur(a) for a in overdue)))
    return tuple(points)


def _summary(
    *,
    suspensions: int = 0,
    days: int = 0,
    write_offs: int = 0,
    written: int | str = 0,
    microsoft: tuple[tuple[dt.date, int | str], ...] = (),
    exposure: int | str = 0,
) -> Summary:
    return Summary(
        suspensions=suspensions,
        account_days_suspended=days,
        write_offs=write_offs,
        written_off=_eur(written),
        overdue_at_microsoft_due=tuple((day, _eur(amount)) for day, amount in microsoft),
        exposure=_eur(exposure),
    )


def _moves(*moves: tuple[dt.date, str, str, str]) -> tuple[Transition, ...]:
    return tuple(
        Transition(account=who, on=on, before=before, after=after) for on, who, before, after in moves
    )


def _expected(
    series: tuple[DayPoint, ...],
    transitions: tuple[Transition, ...],
    summary: Summary,
    *,
    policy: str = "steps",
    names: tuple[str, ...] = NAMES,
    currency: str = "EUR",
) -> SimulationResult:
    return SimulationResult(
        policy=policy,
        start=series[0].day,
        end=series[-1].day,
        currency=currency,
        stage_names=names,
        transitions=transitions,
        series=series,
        summary=summary,
    )


def _written_off_ledger() -> Ledger:
    """100 EUR due Jan 10, paid in full on Jan 20."""
    return Ledger(
        invoices=(_invoice("I1", D(2024, 1, 1), D(2024, 1, 10), 100),),
        payments=(Payment(id="P1", amount=_eur(100), received=D(2024, 1, 20)),),
    )


def _relapsing_ledger() -> Ledger:
    """60 EUR due Jan 5 (paid Jan 10) and 40 EUR due Jan 8 (paid Jan 14)."""
    return Ledger(
        invoices=(
            _invoice("I1", D(2024, 1, 1), D(2024, 1, 5), 60),
            _invoice("I2", D(2024, 1, 3), D(2024, 1, 8), 40),
        ),
        payments=(
            Payment(id="P1", amount=_eur(60), received=D(2024, 1, 10), invoice_id="I1"),
            Payment(id="P2", amount=_eur(40), received=D(2024, 1, 14), invoice_id="I2"),
        ),
    )


def _account(key: str, ledger: Ledger, **costs: Any) -> Account:
    return Account(id=key, ledger=ledger, **costs)


def _run(policy: CollectionsPolicy, *accounts: Account, start: dt.date, end: dt.date) -> SimulationResult:
    return simulate(policy, Portfolio(accounts=accounts), start=start, end=end)


# -- one account -----------------------------------------------------------------------------------


def test_an_account_climbs_every_stage_on_its_day_and_clears_on_the_payment_day() -> None:
    account = _account("A", _written_off_ledger(), monthly_cost=_eur(10), term_end=D(2024, 6, 30))
    result = _run(STEPS, account, start=D(2024, 1, 9), end=D(2024, 1, 22))
    expected = _expected(
        _series(
            D(2024, 1, 9),
            (2, (1, 0, 0, 0), (0, 0, 0, 0)),  # Jan 9-10: not yet overdue
            (2, (0, 1, 0, 0), (0, 100, 0, 0)),  # Jan 11-12: 1-2 days past due
            (3, (0, 0, 1, 0), (0, 0, 100, 0)),  # Jan 13-15: 3-5 days
            (4, (0, 0, 0, 1), (0, 0, 0, 100)),  # Jan 16-19: 6-9 days
            (3, (1, 0, 0, 0), (0, 0, 0, 0)),  # Jan 20-22: paid
        ),
        _moves(
            (D(2024, 1, 11), "A", "clear", "remind"),
            (D(2024, 1, 13), "A", "remind", "suspend"),
            (D(2024, 1, 16), "A", "suspend", "write_off"),
            (D(2024, 1, 20), "A", "write_off", "clear"),
        ),
        # suspended Jan 13-19; 5 monthly cycles (Feb 1 .. Jun 1) left after Jan 13
        _summary(suspensions=1, days=7, write_offs=1, written=100, exposure=50),
    )
    assert expected == result


def test_paying_the_oldest_invoice_steps_back_and_a_second_suspension_counts_the_exposure_once() -> None:
    account = _account("B", _relapsing_ledger(), monthly_cost=_eur(25), term_end=D(2024, 3, 31))
    result = _run(STEPS, account, start=D(2024, 1, 5), end=D(2024, 1, 16))
    expected = _expected(
        _series(
            D(2024, 1, 5),
            (1, (1, 0, 0, 0), (0, 0, 0, 0)),  # Jan 5: I1 due today
            (2, (0, 1, 0, 0), (0, 60, 0, 0)),  # Jan 6-7: I1 1-2 days past due
            (1, (0, 0, 1, 0), (0, 0, 60, 0)),  # Jan 8: 3 days
            (1, (0, 0, 1, 0), (0, 0, 100, 0)),  # Jan 9: I2 overdue too
            (1, (0, 1, 0, 0), (0, 40, 0, 0)),  # Jan 10: I1 paid, I2 2 days past due
            (3, (0, 0, 1, 0), (0, 0, 40, 0)),  # Jan 11-13: I2 3-5 days
            (3, (1, 0, 0, 0), (0, 0, 0, 0)),  # Jan 14-16: all paid
        ),
        _moves(
            (D(2024, 1, 6), "B", "clear", "remind"),
            (D(2024, 1, 8), "B", "remind", "suspend"),
            (D(2024, 1, 10), "B", "suspend", "remind"),
            (D(2024, 1, 11), "B", "remind", "suspend"),
            (D(2024, 1, 14), "B", "suspend", "clear"),
        ),
        # suspended Jan 8-9 and Jan 11-13; after Jan 8, 2 cycles (Feb 1, Mar 1) of 25 EUR remain
        _summary(suspensions=2, days=5, microsoft=((D(2024, 1, 7), 60),), exposure=50),
    )
    assert expected == result


def test_an_account_already_overdue_on_the_first_day_moves_there_on_that_day() -> None:
    account = _account("A", _written_off_ledger())
    result = _run(STEPS, account, start=D(2024, 1, 14), end=D(2024, 1, 17))
    expected = _expected(
        _series(
            D(2024, 1, 14),
            (2, (0, 0, 1, 0), (0, 0, 100, 0)),
            (2, (0, 0, 0, 1), (0, 0, 0, 100)),
        ),
        _moves(
            (D(2024, 1, 14), "A", "clear", "suspend"),
            (D(2024, 1, 16), "A", "suspend", "write_off"),
        ),
        _summary(suspensions=1, days=4, write_offs=1, written=100),  # no monthly cost: no exposure
    )
    assert expected == result


def test_a_period_starting_on_a_payment_day_starts_from_the_state_after_the_payment() -> None:
    account = _account("B", _relapsing_ledger(), monthly_cost=_eur(25), term_end=D(2024, 3, 31))
    result = _run(STEPS, account, start=D(2024, 1, 10), end=D(2024, 1, 11))
    expected = _expected(
        _series(
            D(2024, 1, 10),
            (1, (0, 1, 0, 0), (0, 40, 0, 0)),  # I1 paid today: I2 is 2 days past due
            (1, (0, 0, 1, 0), (0, 0, 40, 0)),
        ),
        _moves(
            (D(2024, 1, 10), "B", "clear", "remind"),
            (D(2024, 1, 11), "B", "remind", "suspend"),
        ),
        _summary(suspensions=1, days=1, exposure=50),
    )
    assert expected == result
    cleared = _run(STEPS, _account("A", _written_off_ledger()), start=D(2024, 1, 20), end=D(2024, 1, 20))
    assert cleared == _expected(_series(D(2024, 1, 20), (1, (1, 0, 0, 0), (0, 0, 0, 0))), (), _summary())


def test_a_one_day_period_on_a_change_day_records_the_change() -> None:
    result = _run(STEPS, _account("A", _written_off_ledger()), start=D(2024, 1, 16), end=D(2024, 1, 16))
    expected = _expected(
        _series(D(2024, 1, 16), (1, (0, 0, 0, 1), (0, 0, 0, 100))),
        _moves((D(2024, 1, 16), "A", "clear", "write_off")),
        _summary(suspensions=1, days=1, write_offs=1, written=100),
    )
    assert expected == result


def test_a_period_ending_before_any_document_stays_clear_with_nothing_overdue() -> None:
    result = _run(STEPS, _account("A", _written_off_ledger()), start=D(2023, 12, 30), end=D(2024, 1, 2))
    expected = _expected(_series(D(2023, 12, 30), (4, (1, 0, 0, 0), (0, 0, 0, 0))), (), _summary())
    assert expected == result


def test_a_period_starting_after_the_last_change_holds_the_last_state() -> None:
    ledger = Ledger(invoices=(_invoice("I1", D(2024, 1, 1), D(2024, 1, 10), 100),))
    result = _run(STEPS, _account("A", ledger), start=D(2024, 3, 1), end=D(2024, 3, 3))
    expected = _expected(
        _series(D(2024, 3, 1), (3, (0, 0, 0, 1), (0, 0, 0, 100))),
        _moves((D(2024, 3, 1), "A", "clear", "write_off")),
        _summary(suspensions=1, days=3, write_offs=1, written=100),
    )
    assert expected == result


# -- several accounts ------------------------------------------------------------------------------


def test_accounts_add_up_per_stage_and_same_day_moves_are_ordered_by_account_id() -> None:
    accounts = (
        _account("b", _written_off_ledger(), monthly_cost=_eur(10), term_end=D(2024, 6, 30)),
        _account("a", _written_off_ledger()),
        _account("c", Ledger()),
    )
    result = _run(STEPS, *accounts, start=D(2024, 1, 10), end=D(2024, 1, 16))
    expected = _expected(
        _series(
            D(2024, 1, 10),
            (1, (3, 0, 0, 0), (0, 0, 0, 0)),
            (2, (1, 2, 0, 0), (0, 200, 0, 0)),
            (3, (1, 0, 2, 0), (0, 0, 200, 0)),
            (1, (1, 0, 0, 2), (0, 0, 0, 200)),
        ),
        _moves(
            (D(2024, 1, 11), "a", "clear", "remind"),
            (D(2024, 1, 11), "b", "clear", "remind"),
            (D(2024, 1, 13), "a", "remind", "suspend"),
            (D(2024, 1, 13), "b", "remind", "suspend"),
            (D(2024, 1, 16), "a", "suspend", "write_off"),
            (D(2024, 1, 16), "b", "suspend", "write_off"),
        ),
        # each suspended Jan 13-16; both written off with 100 overdue
        _summary(suspensions=2, days=8, write_offs=2, written=200, exposure=50),
    )
    assert expected == result


def test_two_accounts_with_different_histories_share_one_series() -> None:
    accounts = (
        _account("B", _relapsing_ledger()),
        _account("A", _written_off_ledger(), monthly_cost=_eur(10), term_end=D(2024, 6, 30)),
    )
    result = _run(STEPS, *accounts, start=D(2024, 1, 9), end=D(2024, 1, 14))
    expected = _expected(
        _series(
            D(2024, 1, 9),
            (1, (1, 0, 1, 0), (0, 0, 100, 0)),  # Jan 9: A clear, B suspended with 100
            (1, (1, 1, 0, 0), (0, 40, 0, 0)),  # Jan 10: B back to remind with 40
            (1, (0, 1, 1, 0), (0, 100, 40, 0)),  # Jan 11: A reminded, B suspended again
            (1, (0, 1, 1, 0), (0, 100, 40, 0)),
            (1, (0, 0, 2, 0), (0, 0, 140, 0)),  # Jan 13: A suspended
            (1, (1, 0, 1, 0), (0, 0, 100, 0)),  # Jan 14: B paid
        ),
        _moves(
            (D(2024, 1, 9), "B", "clear", "suspend"),
            (D(2024, 1, 10), "B", "suspend", "remind"),
            (D(2024, 1, 11), "A", "clear", "remind"),
            (D(2024, 1, 11), "B", "remind", "suspend"),
            (D(2024, 1, 13), "A", "remind", "suspend"),
            (D(2024, 1, 14), "B", "suspend", "clear"),
        ),
        # B: Jan 9 and Jan 11-13 (4 days, twice); A: Jan 13-14 (2 days), 5 cycles of 10 after Jan 13
        _summary(suspensions=3, days=6, exposure=50),
    )
    assert expected == result


def test_exempt_accounts_stay_clear_but_their_overdue_money_is_counted() -> None:
    by_ledger = Ledger(invoices=(_invoice("I1", D(2024, 1, 1), D(2024, 1, 10), 100),), account_id="x")
    by_account = Ledger(invoices=(_invoice("I1", D(2024, 1, 1), D(2024, 1, 10), 30),))
    policy = CollectionsPolicy(name="steps", stages=STEPS.stages, exempt_accounts={"x", "y"})
    accounts = (_account("x", by_ledger), _account("y", by_account), _account("z", _written_off_ledger()))
    result = _run(policy, *accounts, start=D(2024, 1, 10), end=D(2024, 1, 11))
    expected = _expected(
        _series(
            D(2024, 1, 10),
            (1, (3, 0, 0, 0), (0, 0, 0, 0)),
            (1, (2, 1, 0, 0), (130, 100, 0, 0)),
        ),
        _moves((D(2024, 1, 11), "z", "clear", "remind")),
        _summary(),
    )
    assert expected == result


def test_an_empty_portfolio_has_an_empty_series_in_the_policys_currency() -> None:
    policy = CollectionsPolicy(
        name="usd",
        stages=(Stage(name="remind", after_days=0, actions=("remind",), min_overdue=Money(5, "USD")),),
    )
    result = simulate(policy, Portfolio(accounts=()), start=D(2024, 1, 6), end=D(2024, 1, 7))
    zero = Money(0, "USD")
    expected = SimulationResult(
        policy="usd",
        start=D(2024, 1, 6),
        end=D(2024, 1, 7),
        currency="USD",
        stage_names=("clear", "remind"),
        transitions=(),
        series=tuple(DayPoint(day=D(2024, 1, d), accounts=(0, 0), overdue=(zero, zero)) for d in (6, 7)),
        summary=Summary(
            suspensions=0,
            account_days_suspended=0,
            write_offs=0,
            written_off=zero,
            overdue_at_microsoft_due=((D(2024, 1, 7), zero),),
            exposure=zero,
        ),
    )
    assert expected == result
    no_thresholds = simulate(STEPS, Portfolio(accounts=()), start=D(2024, 1, 6), end=D(2024, 1, 6))
    assert no_thresholds.currency == "EUR"


# -- thresholds ------------------------------------------------------------------------------------

#: Remind from day 1; "big" on the same day once 50 EUR are overdue; suspend from day 2 with two invoices.
THRESHOLDS = CollectionsPolicy(
    name="thresholds",
    stages=(
        Stage(name="remind", after_days=0, actions=("remind",)),
        Stage(name="big", after_days=0, actions=("final_notice",), min_overdue=_eur(50)),
        Stage(name="suspend", after_days=2, actions=("suspend_subscriptions",), min_unpaid_invoices=2),
    ),
)


def test_amount_and_count_thresholds_pick_the_most_severe_stage_that_holds_for_each_account() -> None:
    def one(amount: int) -> Ledger:
        return Ledger(invoices=(_invoice("I1", D(2024, 1, 1), D(2024, 1, 10), amount),))

    two = Ledger(
        invoices=(
            _invoice("I1", D(2024, 1, 1), D(2024, 1, 10), 10),
            _invoice("I2", D(2024, 1, 1), D(2024, 1, 10), 10),
        )
    )
    accounts = (
        _account("x", one(80)),
        _account("y", one(30)),
        _account("w", one(50)),
        _account("z", two),
        _account("v", one(49)),
    )
    result = _run(THRESHOLDS, *accounts, start=D(2024, 1, 10), end=D(2024, 1, 13))
    expected = _expected(
        _series(
            D(2024, 1, 10),
            (1, (5, 0, 0, 0), (0, 0, 0, 0)),
            (1, (0, 3, 2, 0), (0, 99, 130, 0)),  # y, v, z remind; x, w big
            (2, (0, 2, 2, 1), (0, 79, 130, 20)),  # z suspended from the second day
        ),
        _moves(
            (D(2024, 1, 11), "v", "clear", "remind"),
            (D(2024, 1, 11), "w", "clear", "big"),
            (D(2024, 1, 11), "x", "clear", "big"),
            (D(2024, 1, 11), "y", "clear", "remind"),
            (D(2024, 1, 11), "z", "clear", "remind"),
            (D(2024, 1, 12), "z", "remind", "suspend"),
        ),
        _summary(suspensions=1, days=2),
        policy="thresholds",
        names=("clear", "remind", "big", "suspend"),
    )
    assert expected == result


def test_grace_days_delay_every_stage_of_a_preset() -> None:
    ledger = Ledger(invoices=(_invoice("I1", D(2024, 1, 1), D(2024, 1, 31), 100),))
    result = _run(STANDARD, _account("A", ledger), start=D(2024, 1, 31), end=D(2024, 2, 6))
    names = ("clear", *(stage.name for stage in STANDARD.stages))
    # 3 grace days: the reminder from Feb 3 (3 days past due); Microsoft's Dec 8 invoice is due Feb 6
    expected = _expected(
        _series(
            D(2024, 1, 31),
            (1, (1, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0)),
            (2, (1, 0, 0, 0, 0, 0, 0, 0), (100, 0, 0, 0, 0, 0, 0, 0)),
            (4, (0, 1, 0, 0, 0, 0, 0, 0), (0, 100, 0, 0, 0, 0, 0, 0)),
        ),
        _moves((D(2024, 2, 3), "A", "clear", "reminder")),
        _summary(microsoft=((D(2024, 2, 6), 100),)),
        policy="standard",
        names=names,
    )
    assert expected == result


# -- the Microsoft due dates -----------------------------------------------------------------------


def test_overdue_money_is_totalled_on_each_microsoft_due_date_of_the_period_ends_included() -> None:
    ledger = Ledger(
        invoices=(
            _invoice("I1", D(2024, 1, 1), D(2024, 1, 5), 60),
            _invoice("I2", D(2024, 1, 1), D(2024, 2, 1), 15),
        ),
        payments=(Payment(id="P1", amount=_eur(60), received=D(2024, 3, 1), invoice_id="I1"),),
    )
    result = _run(STEPS, _account("A", ledger), start=D(2024, 1, 7), end=D(2024, 3, 8))
    expected = ((D(2024, 1, 7), _eur(60)), (D(2024, 2, 6), _eur(75)), (D(2024, 3, 8), _eur(15)))
    assert expected == result.summary.overdue_at_microsoft_due
    inside = _run(STEPS, _account("A", _written_off_ledger()), start=D(2024, 1, 8), end=D(2024, 2, 5))
    assert inside.summary.overdue_at_microsoft_due == ()


def test_a_year_has_twelve_microsoft_due_dates_net_60_from_each_8th() -> None:
    result = _run(STEPS, _account("A", Ledger()), start=D(2024, 1, 1), end=D(2024, 12, 31))
    days = [day for day, _ in result.summary.overdue_at_microsoft_due]
    expected = [
        D(2024, 1, 7),
        D(2024, 2, 6),
        D(2024, 3, 8),
        D(2024, 4, 8),
        D(2024, 5, 7),
        D(2024, 6, 7),
        D(2024, 7, 7),
        D(2024, 8, 7),
        D(2024, 9, 6),
        D(2024, 10, 7),
        D(2024, 11, 7),
        D(2024, 12, 7),
    ]
    assert expected == days


# -- sharing and refusals --------------------------------------------------------------------------


def test_unchanged_days_share_the_previous_days_tuples_and_changed_days_get_new_ones() -> None:
    result = _run(STEPS, _account("A", _written_off_ledger()), start=D(2024, 1, 9), end=D(2024, 1, 22))
    changed = {D(2024, 1, 11), D(2024, 1, 13), D(2024, 1, 16), D(2024, 1, 20)}
    for before, point in zip(result.series, result.series[1:], strict=False):
        shared = (point.accounts is before.accounts, point.overdue is before.overdue)
        assert shared == ((False, False) if point.day in changed else (True, True)), point.day


def test_simulate_refuses_bad_input_naming_the_field_and_value() -> None:
    portfolio = Portfolio(accounts=(_account("A", _written_off_ledger()),))
    day = D(2024, 1, 1)
    cases: list[tuple[dict[str, Any], str, object]] = [
        ({"policy": "steps"}, "policy", "steps"),
        ({"portfolio": ()}, "portfolio", ()),
        ({"start": "2024-01-01"}, "start", "2024-01-01"),
        ({"end": None}, "end", None),
        ({"start": D(2024, 1, 2)}, "end", day),
    ]
    for change, field, value in cases:
        arguments: dict[str, Any] = {
            "policy": STEPS,
            "portfolio": portfolio,
            "start": day,
            "end": day,
        } | change
        with pytest.raises(InvalidInput) as refused:
            simulate(**arguments)
        assert (field, value) == (refused.value.field, refused.value.value)
    with pytest.raises(InvalidInput) as refused:
        simulate(STEPS, portfolio, start=D(2024, 1, 2), end=day)
    assert (refused.value.field, refused.value.code) == ("end", ErrorCode.INCONSISTENT)


def test_simulate_refuses_a_policy_whose_thresholds_are_in_another_currency() -> None:
    policy = CollectionsPolicy(
        name="usd",
        stages=(Stage(name="remind", after_days=0, actions=("remind",), min_overdue=Money(5, "USD")),),
    )
    portfolio = Portfolio(accounts=(_account("A", _written_off_ledger()),))
    with pytest.raises(CurrencyMismatch) as refused:
        simulate(policy, portfolio, start=D(2024, 1, 1), end=D(2024, 1, 2))
    assert (refused.value.field, refused.value.left, refused.value.right) == ("policy", "USD", "EUR")


def test_a_simulation_does_not_depend_on_the_callers_decimal_context() -> None:
    # Cents that a three-digit context would lose: every sum must stay exact.
    def accounts() -> list[Account]:
        return [
            _account(
                key,
                Ledger(
                    account_id=key,
                    invoices=(
                        Invoice(
                            id=f"{key}-1",
                            issued=dt.date(2024, 1, 1),
                            due=dt.date(2024, 1, 31),
                            currency="EUR",
                            total_charges=_eur(amount),
                        ),
                    ),
                ),
            )
            for key, amount in (("a", "100.55"), ("b", "40.27"))
        ]

    start, end = dt.date(2024, 1, 1), dt.date(2024, 6, 30)
    expected = _run(STANDARD, *accounts(), start=start, end=end)
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR)):
        hostile = _run(STANDARD, *accounts(), start=start, end=end)
    assert _eur("140.82") == sum(expected.series[-1].overdue, _eur(0))
    assert expected == hostile
