"""``simulate`` gives, bit for bit, what the replay as it was gives (issue 17, third pass).

(But for the exponents of the daily series and of Microsoft's totals, compared by value since they
follow ``evaluate``'s.)

The replay now adds amounts with ``+`` and ``-`` in the exact context, records a change of amount
within a stage as one entry, and adds up the exposure through ``accounts.total_exposure``. The reference is
the replay before that (``reference_engine``), reading every ledger's changes from a fresh index.
The whole results are compared by ``repr``: every transition, every day of the series with each
amount's exponent, the summary. Policies: the three presets, one with amount thresholds, and any
valid one; ledgers of the one-pass shape (mixed exponents, leap days, month ends, payments on the
due day and the day after, in parts) and of any shape; periods starting on awkward days.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.internal.billing.collections.whatif.reference_engine import (
    reference_simulate,
    reference_simulate_packed,
)
from tests.internal.billing.test_overdue_changes_in_one_pass_equal_the_index import (
    AWKWARD_DAYS,
    MIXED_EXPONENTS,
    PAID_IN_PARTS_AROUND_THE_DAY_IT_FALLS_OVERDUE,
    PAID_ON_THE_DUE_DAY_AND_THE_DAY_AFTER,
    landing_ledgers,
)

from cspcore import Money
from cspcore.billing import LENIENT, STANDARD, STRICT, CollectionsPolicy, Ledger
from cspcore.billing.collections.whatif import engine
from cspcore.billing.portfolio import Account, Portfolio, sample_portfolio
from cspcore.testing.ledger import ledgers, policies

if TYPE_CHECKING:
    from cspcore.billing.whatif import SimulationResult


def _with_amounts(policy: CollectionsPolicy, *amounts: str) -> CollectionsPolicy:
    """``policy`` with its first stages needing the given overdue amounts."""
    stages = list(policy.stages)
    for index, amount in enumerate(amounts):
        stages[index] = attrs.evolve(stages[index], min_overdue=Money(amount, "EUR"))
    return attrs.evolve(policy, name=f"{policy.name}-amounts", stages=tuple(stages))


#: A policy whose stages depend on the amount overdue too (a schedule per set of thresholds reached).
WITH_AMOUNTS = _with_amounts(STANDARD, "100.00", "1000.00", "2500.00")
KNOWN = (LENIENT, STANDARD, STRICT, WITH_AMOUNTS)


def _portfolio(books: list[Ledger], start: dt.date) -> Portfolio:
    """The ledgers as accounts that cost something each month to a term end (suspensions have an exposure)."""
    return Portfolio(
        accounts=tuple(
            Account(
                id=f"A{i}",
                ledger=attrs.evolve(book, account_id=f"A{i}"),
                monthly_cost=Money(10 * (i + 1), "EUR"),
                term_end=start + dt.timedelta(days=40 * (i + 1)),
            )
            for i, book in enumerate(books)
        )
    )


def _bit_for_bit(result: SimulationResult) -> str:
    """Every part of ``result`` with each amount's exponent, but the daily series and Microsoft's totals.

    Those two now carry the exponent ``evaluate`` gives (the exact sum from 0 of the amounts in a
    stage), where the replay as it was kept a running sum's: they are compared by value here, and
    tests/property/test_whatif_series_is_evaluate_digit_for_digit.py states their exponents.
    """
    summary = result.summary
    return repr(
        (
            result.transitions,
            summary.suspensions,
            summary.account_days_suspended,
            summary.write_offs,
            summary.written_off,
            summary.exposure,
        )
    )


def _the_same(policy: CollectionsPolicy, portfolio: Portfolio, start: dt.date, end: dt.date) -> None:
    expected = reference_simulate(policy, portfolio, start=start, end=end)
    found = engine.simulate(policy, portfolio, start=start, end=end)
    assert found == expected  # every value
    assert _bit_for_bit(found) == _bit_for_bit(expected)
    packed, ids, codes = engine.simulate_packed(policy, portfolio, start=start, end=end)
    packed_then, ids_then, codes_then = reference_simulate_packed(policy, portfolio, start=start, end=end)
    assert (packed, ids, codes) == (packed_then, ids_then, codes_then)
    assert _bit_for_bit(packed) == _bit_for_bit(packed_then)


@given(
    st.sampled_from(KNOWN) | policies(),
    st.lists(landing_ledgers() | ledgers(max_invoices=4, max_payments=4), min_size=1, max_size=4),
    st.sampled_from(AWKWARD_DAYS),
    st.integers(0, 400),
)
@settings(deadline=None)
def test_simulate_gives_what_the_replay_as_it_was_gives(
    policy: CollectionsPolicy, books: list[Ledger], start: dt.date, length: int
) -> None:
    _the_same(policy, _portfolio(books, start), start, start + dt.timedelta(days=length))


def test_ledgers_of_mixed_exponents_paid_in_parts_and_on_the_due_day_give_what_they_gave() -> None:
    books = [
        MIXED_EXPONENTS,
        PAID_IN_PARTS_AROUND_THE_DAY_IT_FALLS_OVERDUE,
        PAID_ON_THE_DUE_DAY_AND_THE_DAY_AFTER,
    ]
    for policy in KNOWN:
        for start in (dt.date(2024, 1, 1), dt.date(2024, 2, 29), dt.date(2024, 3, 31)):
            _the_same(policy, _portfolio(books, start), start, dt.date(2024, 12, 31))


def test_a_sample_portfolio_gives_what_it_gave_under_every_preset_and_amount_thresholds() -> None:
    book = sample_portfolio(seed=29, accounts=120)
    for policy in KNOWN:
        for start, end in (
            (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),
            (dt.date(2024, 2, 29), dt.date(2025, 3, 31)),
        ):
            _the_same(policy, book, start, end)
