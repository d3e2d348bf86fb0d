"""Per-account-stream sample accounts are, value for value, the ones the checked constructors build.

``sample_accounts`` shares its draw logic with ``sample_portfolio`` and builds through the trusted
constructors; the frozen copy of the generator as it landed (``reference_sample_accounts``) is the
rule it must keep, for any seed, range and sample settings.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.internal.billing.reference_sample_portfolio import reference_sample_accounts

from cspcore.billing.portfolio import MAX_ACCOUNT_NUMBER, MAX_SEED, sample_accounts
from cspcore.billing.terms_of_payment import PaymentTerms

ARGUMENTS = st.fixed_dictionaries(
    {
        "seed": st.integers(0, MAX_SEED),
        "first": st.one_of(
            st.integers(0, 200), st.integers(MAX_ACCOUNT_NUMBER - 30, MAX_ACCOUNT_NUMBER - 25)
        ),
        "count": st.integers(0, 20),
        "invoices": st.integers(0, 30),
        "start": st.dates(dt.date(1, 1, 1), dt.date(9990, 12, 31)),
        "currency": st.sampled_from(["EUR", "JPY", "KWD", "USD", "CLF"]),
        "terms": st.builds(PaymentTerms, net_days=st.integers(0, 120), end_of_month=st.booleans()),
    }
)


@settings(max_examples=40, deadline=None)
@given(arguments=ARGUMENTS)
def test_sample_accounts_are_the_reference_accounts(arguments: dict[str, Any]) -> None:
    built = sample_accounts(**arguments)
    assert built == reference_sample_accounts(**arguments)
    assert repr(built) == repr(reference_sample_accounts(**arguments))  # the same Decimal exponents too


def test_a_large_range_is_the_reference_one() -> None:
    assert sample_accounts(seed=2024, first=1_000, count=300) == reference_sample_accounts(
        seed=2024, first=1_000, count=300
    )
