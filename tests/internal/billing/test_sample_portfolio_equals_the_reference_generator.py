"""The fast sample portfolio is, value for value, the one the checked constructors build.

The generator hoists what every account shares, draws its random numbers without ``randint``'s
per-call checks and builds values through their trusted constructors; the frozen copy of the
straightforward generator (``reference_sample_portfolio``) is the rule it must keep.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.internal.billing.reference_sample_portfolio import reference_sample_portfolio

from cspcore.billing.portfolio import MAX_SEED, PROGRESS_STEP, sample_portfolio
from cspcore.billing.terms_of_payment import PaymentTerms

TERMS = st.builds(PaymentTerms, net_days=st.integers(0, 120), end_of_month=st.booleans())


ARGUMENTS = st.fixed_dictionaries(
    {
        "seed": st.integers(0, MAX_SEED),
        "accounts": st.integers(0, 25),
        "invoices": st.integers(0, 30),
        # Every date a sample of up to 30 invoices can start on (later ones are refused by both).
        "start": st.dates(dt.date(1, 1, 1), dt.date(9990, 12, 31)),
        "currency": st.sampled_from(["EUR", "JPY", "KWD", "USD", "CLF"]),
        "terms": TERMS,
    }
)


@settings(max_examples=40, deadline=None)
@given(arguments=ARGUMENTS)
def test_the_fast_generator_builds_the_reference_portfolio(arguments: dict[str, Any]) -> None:
    built = sample_portfolio(**arguments)
    assert built == reference_sample_portfolio(**arguments)
    assert repr(built) == repr(reference_sample_portfolio(**arguments))  # the same Decimal exponents too


def test_a_large_default_sample_is_the_reference_one() -> None:
    assert sample_portfolio(seed=2024, accounts=600) == reference_sample_portfolio(seed=2024, accounts=600)


def test_progress_counts_every_account_once_and_changes_nothing() -> None:
    steps: list[int] = []
    built = sample_portfolio(seed=9, accounts=2 * PROGRESS_STEP + 7, invoices=1, progress=steps.append)
    assert steps == [PROGRESS_STEP, PROGRESS_STEP, 7]
    assert built == sample_portfolio(seed=9, accounts=2 * PROGRESS_STEP + 7, invoices=1)


def test_an_empty_sample_reports_no_progress() -> None:
    steps: list[int] = []
    assert sample_portfolio(accounts=0, progress=steps.append).accounts == ()
    assert steps == []
