"""The month-end close's value types refuse, by field and code, what they cannot hold.

``CustomerTerms`` (a customer currency needs its rate and the rate its currency, a policy's thresholds
in the customer's currency), ``CustomerClose``, ``MonthEndSummary`` (counts from 0 to the quantity
bound; totals as a tuple of money) and ``MonthEndClose`` (a tuple of customer closes) can be built by
callers, so each field is checked as they are built.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from cspcore import CurrencyMismatch, ErrorCode, InvalidInput, Money
from cspcore.billing import (
    STANDARD,
    Action,
    CollectionsPolicy,
    Ledger,
    PaymentTerms,
    Pricing,
    Stage,
    TaxRule,
    evaluate,
)
from cspcore.interop import CustomerTerms, MonthEndClose, MonthEndSummary
from cspcore.interop.month_end_customer import CustomerClose
from cspcore.interop.recon_files import ReconciliationSummary

FLAT = Pricing(markup=Decimal(0))
LIMIT = 10**12  # the bound on counts and quantities


def thresholds_in(currency: str) -> CollectionsPolicy:
    stage = Stage(
        name="block", after_days=10, actions=(Action.BLOCK_NEW_PURCHASES,), min_overdue=Money(1, currency)
    )
    return CollectionsPolicy(name=f"in-{currency}", stages=(stage,))


# --- CustomerTerms -------------------------------------------------------------------------------------


def test_terms_keep_what_they_are_given() -> None:
    policy = thresholds_in("CZK")
    terms = CustomerTerms(
        pricing=FLAT,
        tax=TaxRule(rate=Decimal("0.21")),
        payment_terms=PaymentTerms(net_days=14),
        currency="CZK",
        exchange_rate="25.125",
        policy=policy,
    )
    assert (terms.currency, terms.exchange_rate, terms.policy) == ("CZK", Decimal("25.125"), policy)
    assert CustomerTerms(pricing=FLAT).exchange_rate is None


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"pricing": "markup"}, "pricing", ErrorCode.WRONG_TYPE),
        ({"tax": Decimal("0.2")}, "tax", ErrorCode.WRONG_TYPE),
        ({"payment_terms": 30}, "payment_terms", ErrorCode.WRONG_TYPE),
        ({"currency": "czk", "exchange_rate": Decimal(25)}, "currency", ErrorCode.UNKNOWN_VALUE),
        ({"currency": "CZK", "exchange_rate": Decimal(0)}, "exchange_rate", ErrorCode.OUT_OF_RANGE),
        ({"currency": "CZK", "exchange_rate": 25.0}, "exchange_rate", ErrorCode.WRONG_TYPE),
        ({"currency": "CZK"}, "exchange_rate", ErrorCode.MISSING),
        ({"exchange_rate": Decimal(25)}, "currency", ErrorCode.MISSING),
        ({"policy": "standard"}, "policy", ErrorCode.WRONG_TYPE),
    ],
)
def test_terms_refuse_a_bad_field(changes: dict[str, Any], field: str, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        CustomerTerms(**{"pricing": FLAT, **changes})
    assert (caught.value.field, caught.value.code) == (field, code)


def test_a_missing_rate_or_currency_is_refused_with_no_value() -> None:
    for changes in ({"currency": "CZK"}, {"exchange_rate": Decimal(25)}):
        with pytest.raises(InvalidInput) as caught:
            CustomerTerms(pricing=FLAT, **changes)
        assert caught.value.value is None


def test_a_policy_with_thresholds_in_the_customers_currency_is_accepted() -> None:
    policy = thresholds_in("CZK")
    terms = CustomerTerms(pricing=FLAT, currency="CZK", exchange_rate=Decimal(25), policy=policy)
    assert terms.policy is policy
    # a policy without amount thresholds suits every currency
    assert (
        CustomerTerms(pricing=FLAT, currency="CZK", exchange_rate=Decimal(25), policy=STANDARD).policy
        is STANDARD
    )


def test_a_policy_with_thresholds_in_another_currency_names_both() -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        CustomerTerms(pricing=FLAT, currency="CZK", exchange_rate=Decimal(25), policy=thresholds_in("EUR"))
    assert (caught.value.field, caught.value.left, caught.value.right) == ("policy", "CZK", "EUR")


# --- CustomerClose ---------------------------------------------------------------------------------------


def customer_close(**changes: Any) -> CustomerClose:
    book = Ledger(account_id="c1")
    values: dict[str, Any] = {
        "customer_id": "c1",
        "lines": 0,
        "invoice": None,
        "credit_note": None,
        "ledger": book,
        "balance": Money(0, "EUR"),
        "standing": evaluate(STANDARD, book, as_of=dt.date(2024, 4, 1), currency="EUR"),
    }
    values.update(changes)
    return CustomerClose(**values)


def test_a_customer_close_counts_its_lines_from_zero_to_the_bound() -> None:
    assert customer_close(lines=0).lines == 0
    assert customer_close(lines=LIMIT).lines == LIMIT


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"customer_id": ""}, "customer_id", ErrorCode.EMPTY),
        ({"customer_id": 1}, "customer_id", ErrorCode.WRONG_TYPE),
        ({"lines": -1}, "lines", ErrorCode.OUT_OF_RANGE),
        ({"lines": LIMIT + 1}, "lines", ErrorCode.OUT_OF_RANGE),
        ({"lines": 1.0}, "lines", ErrorCode.WRONG_TYPE),
        ({"invoice": "INV-1"}, "invoice", ErrorCode.WRONG_TYPE),
        ({"credit_note": "CN-1"}, "credit_note", ErrorCode.WRONG_TYPE),
        ({"ledger": None}, "ledger", ErrorCode.WRONG_TYPE),
        ({"balance": Decimal(0)}, "balance", ErrorCode.WRONG_TYPE),
        ({"standing": None}, "standing", ErrorCode.WRONG_TYPE),
    ],
)
def test_a_customer_close_refuses_a_bad_field(changes: dict[str, Any], field: str, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        customer_close(**changes)
    assert (caught.value.field, caught.value.code) == (field, code)


# --- MonthEndSummary and MonthEndClose ---------------------------------------------------------------------

NOTHING_RECONCILED = ReconciliationSummary(
    expected_rows=0,
    billed_rows=0,
    matched=0,
    matched_subtotal=None,
    matched_total=None,
    missing=(),
    unexpected=(),
    mismatched=(),
    tolerance=Decimal(0),
)
COUNTS = ("customers", "lines", "invoices", "credit_notes", "in_collections")


def summary(**changes: Any) -> MonthEndSummary:
    values: dict[str, Any] = {
        "reconciliation": NOTHING_RECONCILED,
        "usage": None,
        **dict.fromkeys(COUNTS, 0),
        "microsoft_subtotal": (),
        "invoiced": (),
        "balances": (),
    }
    values.update(changes)
    return MonthEndSummary(**values)


@pytest.mark.parametrize("field", COUNTS)
def test_a_summary_counts_from_zero_to_the_bound(field: str) -> None:
    assert getattr(summary(**{field: 0}), field) == 0
    assert getattr(summary(**{field: LIMIT}), field) == LIMIT
    for wrong in (-1, LIMIT + 1):
        with pytest.raises(InvalidInput) as caught:
            summary(**{field: wrong})
        assert (caught.value.field, caught.value.code) == (field, ErrorCode.OUT_OF_RANGE)


@pytest.mark.parametrize("field", ["microsoft_subtotal", "invoiced", "balances"])
def test_a_summarys_totals_are_a_tuple_of_money(field: str) -> None:
    amounts = [Money(1, "CZK"), Money(2, "EUR")]
    assert getattr(summary(**{field: amounts}), field) == tuple(amounts)
    with pytest.raises(InvalidInput) as caught:
        summary(**{field: Money(1, "EUR")})
    assert (caught.value.field, caught.value.code) == ("totals", ErrorCode.WRONG_TYPE)
    with pytest.raises(InvalidInput) as caught:
        summary(**{field: [Money(1, "EUR"), Decimal(2)]})
    assert (caught.value.field, caught.value.code) == ("totals[]", ErrorCode.WRONG_TYPE)


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"reconciliation": None}, "reconciliation"), ({"usage": "none"}, "usage")],
)
def test_a_summary_refuses_reports_of_the_wrong_kind(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        summary(**changes)
    assert (caught.value.field, caught.value.code) == (field, ErrorCode.WRONG_TYPE)


def test_a_close_holds_a_summary_and_a_tuple_of_customer_closes() -> None:
    one = customer_close()
    assert MonthEndClose(summary=summary()).customers == ()
    assert MonthEndClose(summary=summary(), customers=(one,)).customer("c1") is one
    for changes, field in (
        ({"summary": None}, "summary"),
        ({"summary": summary(), "customers": [one]}, "customers"),
        ({"summary": summary(), "customers": (one, "c2")}, "customers[1]"),
    ):
        with pytest.raises(InvalidInput) as caught:
            MonthEndClose(**changes)
        assert (caught.value.field, caught.value.code) == (field, ErrorCode.WRONG_TYPE)
