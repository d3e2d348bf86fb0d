"""A ledger whose documents are in two currencies or more is refused with one ``CurrencyMismatch``.

The refusal is under ``ledger`` and names the two currencies that sort first, however many currencies
the documents use and in whichever documents they appear.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspcore import Money
from cspcore.billing import CreditNote, Invoice, Ledger, Payment
from cspcore.errors import CurrencyMismatch, ErrorCode

D = dt.date(2024, 1, 1)
CURRENCIES = ["CZK", "EUR", "GBP", "JPY", "USD"]


def invoice(key: str, currency: str) -> Invoice:
    return Invoice(id=key, issued=D, currency=currency, total_charges=Money(10, currency))


def payment(key: str, currency: str) -> Payment:
    return Payment(id=key, received=D, amount=Money(10, currency))


def note(key: str, currency: str) -> CreditNote:
    return CreditNote(id=key, issued=D, amount=Money(10, currency))


def refusal(**documents: object) -> CurrencyMismatch:
    with pytest.raises(CurrencyMismatch) as caught:
        Ledger(**documents)  # type: ignore[arg-type]
    return caught.value


def test_three_currencies_are_refused_naming_the_two_that_sort_first() -> None:
    caught = refusal(
        invoices=[invoice("I", "USD")], payments=[payment("P", "EUR")], credit_notes=[note("C", "GBP")]
    )
    assert (caught.field, caught.code) == ("ledger", ErrorCode.CURRENCY_MISMATCH)
    assert (caught.left, caught.right) == ("EUR", "GBP")


@given(
    st.lists(
        st.tuples(st.sampled_from(["invoices", "payments", "credit_notes"]), st.sampled_from(CURRENCIES)),
        min_size=2,
        max_size=8,
    ).filter(lambda rows: len({currency for _kind, currency in rows}) > 1)
)
def test_any_mix_of_currencies_is_refused_naming_the_two_that_sort_first(rows: list[tuple[str, str]]) -> None:
    build = {"invoices": invoice, "payments": payment, "credit_notes": note}
    documents: dict[str, list[object]] = {"invoices": [], "payments": [], "credit_notes": []}
    for number, (kind, currency) in enumerate(rows):
        documents[kind].append(build[kind](f"D{number}", currency))
    caught = refusal(**documents)
    used = sorted({currency for _kind, currency in rows})
    assert (caught.field, caught.code) == ("ledger", ErrorCode.CURRENCY_MISMATCH)
    assert (caught.left, caught.right) == (used[0], used[1])
