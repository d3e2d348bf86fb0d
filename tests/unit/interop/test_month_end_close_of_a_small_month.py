"""A small month closed end to end, its figures worked out by hand (three customers, license and usage)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from tests.month_end_files import RECON_HEADER, USAGE_HEADER

from cspcore import CurrencyMismatch, InvalidInput, Money
from cspcore.billing import STANDARD, Action, CollectionsPolicy, Invoice, Ledger, Pricing, Stage, TaxRule
from cspcore.errors import ErrorCode
from cspcore.interop import CustomerTerms, MonthEndClose, close_month

if TYPE_CHECKING:
    from pathlib import Path

RECON = RECON_HEADER
USAGE = USAGE_HEADER
MARCH = "2024-03-01,2024-03-31"
ISSUED = dt.date(2024, 4, 1)


def _recon(customer: str, subscription: str, price: str, quantity: int, subtotal: str) -> str:
    return (
        f"{customer},2024-03-01,cycleCharge,M365,{subscription},{price},{price},{quantity},{subtotal},"
        f"EUR,{MARCH}\n"
    )


def _usage(day: int, customer: str, subscription: str, meter: str, *, quantity: str, price: str) -> str:
    amount = Decimal(quantity) * Decimal(price)
    return (
        f"2024-03-{day:02d},{customer},{subscription},{meter},{quantity},{price},{price},{amount},EUR,"
        f"{amount},EUR,{MARCH}\n"
    )


def _month(folder: Path) -> dict[str, Path]:
    files = {
        "billed": RECON
        + _recon("c1", "s1", "36", 10, "360")
        + _recon("c2", "s3", "36", 2, "72.50")  # the mismatch: 72 expected
        + _recon("c1", "s2", "12.50", 4, "50"),
        "expected": RECON
        + _recon("c1", "s1", "36", 10, "360")
        + _recon("c1", "s2", "12.50", 4, "50")
        + _recon("c2", "s3", "36", 2, "72")
        + _recon("c3", "s4", "10", 1, "10"),  # expected, never billed
        "usage": USAGE
        + _usage(1, "c3", "u1", "m1", quantity="10", price="0.25")
        + _usage(5, "c1", "u2", "m2", quantity="3", price="1.1")
        + _usage(2, "c3", "u1", "m1", quantity="14.5", price="0.25"),
    }
    paths = {}
    for name, text in files.items():
        paths[name] = folder / f"{name}.csv"
        paths[name].write_text(text, encoding="utf-8")
    return paths


TERMS = {
    "c1": CustomerTerms(pricing=Pricing(markup=Decimal("0.10")), tax=TaxRule(rate=Decimal("0.21"))),
    "c2": CustomerTerms(pricing=Pricing(markup=Decimal("0.20")), currency="CZK", exchange_rate=Decimal(25)),
    "c3": CustomerTerms(pricing=Pricing(markup=Decimal(0))),
}
# c2 owes 1,000 CZK from February, due 2024-03-20: 12 days past due on April 1
OPENING = {
    "c2": Ledger(
        invoices=(
            Invoice(
                id="2024-02-c2",
                issued=dt.date(2024, 2, 19),
                due=dt.date(2024, 3, 20),
                currency="CZK",
                total_charges=Money(1000, "CZK"),
            ),
        ),
        account_id="c2",
    )
}


def _close(tmp_path: Path, **changes: object) -> MonthEndClose:
    """The small month closed, with some arguments changed."""
    paths = _month(tmp_path)
    arguments: dict[str, object] = {
        "billed": paths["billed"],
        "expected": paths["expected"],
        "usage": paths["usage"],
        "customers": TERMS,
        "ledgers": OPENING,
        "policy": STANDARD,
        "issued": ISSUED,
        "as_of": ISSUED,
        "partitions": 2,
        "workdir": tmp_path,
    }
    arguments.update(changes)
    return close_month(**arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize("partitions", [1, 2, 5])
def test_a_small_month_closes_to_the_figures_worked_out_by_hand(tmp_path: Path, partitions: int) -> None:
    closed = _close(tmp_path, partitions=partitions)
    summary = closed.summary
    # reconciliation: s1 and s2 match (360 + 50), s3's subtotal and total differ, s4 is missing
    recon = summary.reconciliation
    assert (recon.matched, recon.matched_subtotal) == (2, Money("410", "EUR"))
    assert sorted(m.field for m in recon.mismatched) == ["subtotal", "total"]
    assert [line.subscription_id for line in recon.missing] == ["s4"]
    assert recon.unexpected == ()
    # c1: 360 and 50 at +10 % are 396.00 and 55.00; its usage, 3 × 1.1 = 3.30 (ROUNDDOWN of 3.3), is
    # 3.63; tax at 21 % rounded down per line: 83.16 + 11.55 + 0.76 (of 0.7623) = 95.47; total 550.10
    c1 = closed.customer("c1").invoice
    assert c1 is not None
    assert [str(line.amount) for line in c1.lines] == ["396.00 EUR", "55.00 EUR", "3.63 EUR"]
    assert (c1.subtotal, c1.tax, c1.total_charges) == (
        Money("454.63", "EUR"),
        Money("95.47", "EUR"),
        Money("550.10", "EUR"),
    )
    assert c1.due == dt.date(2024, 5, 1)  # net 30
    # c2: 72.50 EUR × 25 = 1,812.50 CZK, +20 % = 2,175.00 CZK, no tax; with February's 1,000 CZK open
    # (12 days past due: STANDARD's final notice is 3 grace + 7 days) the balance is 3,175.00 CZK
    c2 = closed.customer("c2")
    assert c2.invoice is not None
    assert c2.invoice.total_charges == Money("2175.00", "CZK")
    assert c2.balance == Money("3175.00", "CZK")
    assert c2.standing.stage is not None
    assert c2.standing.stage.name == "final_notice"
    assert c2.standing.days_past_due == 12
    # c3: usage only, 10 + 14.5 = 24.5 units at 0.25 = 6.125, rounded down once on the line: 6.12
    c3 = closed.customer("c3")
    assert c3.invoice is not None
    assert c3.invoice.total_charges == Money("6.12", "EUR")
    assert c3.standing.is_clear
    # Microsoft billed 360 + 72.50 + 50 + 3.30 + 6.12 = 491.92 EUR before markup
    assert summary.microsoft_subtotal == (Money("491.92", "EUR"),)
    assert summary.invoiced == (Money("2175.00", "CZK"), Money("556.22", "EUR"))
    assert summary.balances == (Money("3175.00", "CZK"), Money("556.22", "EUR"))
    assert (summary.customers, summary.invoices, summary.lines, summary.in_collections) == (3, 3, 5, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["billed.csv", "expected.csv", "usage.csv"]


def test_closes_handed_to_a_callback_are_not_kept(tmp_path: Path) -> None:
    seen: list[str] = []
    closed = _close(tmp_path, partitions=3, on_customer=lambda close: seen.append(close.customer_id))
    assert sorted(seen) == ["c1", "c2", "c3"]
    assert closed.customers == ()
    assert closed.summary.customers == 3


def _refused(tmp_path: Path, **changes: object) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        _close(tmp_path, **changes)
    return caught.value


def test_a_billed_customer_without_terms_is_refused(tmp_path: Path) -> None:
    error = _refused(tmp_path, customers={"c1": TERMS["c1"], "c2": TERMS["c2"]})
    assert (error.field, error.code) == ("customers[c3]", ErrorCode.MISSING)


def test_a_billed_row_without_a_customer_is_refused_by_its_row(tmp_path: Path) -> None:
    billed = tmp_path / "anonymous.csv"
    billed.write_text(
        RECON + _recon("c1", "s1", "36", 10, "360") + _recon("", "s9", "1", 1, "1"), encoding="utf-8"
    )
    error = _refused(tmp_path, billed=billed)
    assert (error.field, error.code) == ("billed.rows[2].CustomerId", ErrorCode.MISSING)


def test_a_ledger_in_another_currency_is_refused(tmp_path: Path) -> None:
    error = _refused(tmp_path, customers={**TERMS, "c2": CustomerTerms(pricing=Pricing(markup=Decimal(0)))})
    assert isinstance(error, CurrencyMismatch)
    assert error.field == "ledgers[c2].currency"


def test_usage_in_another_currency_than_the_recon_file_is_refused(tmp_path: Path) -> None:
    usage = tmp_path / "usd.csv"
    usage.write_text(
        USAGE + _usage(1, "c3", "u1", "m1", quantity="1", price="1").replace("EUR", "USD"), encoding="utf-8"
    )
    error = _refused(tmp_path, usage=usage)
    assert isinstance(error, CurrencyMismatch)
    assert error.field == "usage.rows[1].BillingCurrency"


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"as_of": dt.date(2024, 3, 31)}, "as_of", ErrorCode.OUT_OF_ORDER),
        ({"customers": [TERMS]}, "customers", ErrorCode.WRONG_TYPE),
        ({"policy": "standard"}, "policy", ErrorCode.WRONG_TYPE),
        ({"partitions": 0}, "partitions", ErrorCode.OUT_OF_RANGE),
        ({"on_customer": 3}, "on_customer", ErrorCode.WRONG_TYPE),
        ({"usage": None, "expected_usage": "x.csv"}, "usage", ErrorCode.MISSING),
        ({"billed": 3}, "billed", ErrorCode.WRONG_TYPE),
    ],
)
def test_bad_inputs_are_refused_with_their_field_and_code(
    tmp_path: Path, changes: dict[str, object], field: str, code: ErrorCode
) -> None:
    error = _refused(tmp_path, **changes)
    assert (error.field, error.code) == (field, code)


def test_a_customer_currency_needs_its_rate() -> None:
    with pytest.raises(InvalidInput) as caught:
        CustomerTerms(pricing=Pricing(markup=Decimal(0)), exchange_rate=Decimal(25))
    assert (caught.value.field, caught.value.code) == ("currency", ErrorCode.MISSING)


@pytest.mark.parametrize("rate", [Decimal(25), None])
def test_a_customer_policy_with_thresholds_in_another_currency_is_refused(rate: Decimal | None) -> None:
    policy = CollectionsPolicy(
        name="eur-thresholds",
        stages=(
            Stage(
                name="block",
                after_days=10,
                actions=(Action.BLOCK_NEW_PURCHASES,),
                min_overdue=Money(150, "EUR"),
            ),
        ),
    )
    with pytest.raises(CurrencyMismatch) as caught:
        CustomerTerms(pricing=Pricing(markup=Decimal(0)), currency="CZK", exchange_rate=rate, policy=policy)
    assert caught.value.field == "policy"
    assert caught.value.code is ErrorCode.CURRENCY_MISMATCH
    # the same policy for a customer billed in its currency is accepted
    assert CustomerTerms(pricing=Pricing(markup=Decimal(0)), policy=policy).policy is policy


def test_a_file_that_cannot_be_opened_is_named(tmp_path: Path) -> None:
    error = _refused(tmp_path, usage=tmp_path / "absent.csv", partitions=None)
    assert (error.field, error.code) == ("usage", ErrorCode.IO_FAILED)


def test_the_usage_reconciliation_is_reported_when_both_usage_files_are_given(tmp_path: Path) -> None:
    # your metering saw c3's 2 March as 14 units, Microsoft billed 14.5
    mine = tmp_path / "mine.csv"
    mine.write_text(
        USAGE
        + _usage(1, "c3", "u1", "m1", quantity="10", price="0.25")
        + _usage(5, "c1", "u2", "m2", quantity="3", price="1.1")
        + _usage(2, "c3", "u1", "m1", quantity="14", price="0.25"),
        encoding="utf-8",
    )
    usage = _close(tmp_path, expected_usage=mine).summary.usage
    assert usage is not None
    assert [(d.kind.value, d.subscription_id, d.usage_date) for d in usage.days] == [
        ("differs", "u1", dt.date(2024, 3, 2))
    ]
    # the invoice line: 24 × 0.25 = 6.00 expected, 24.5 × 0.25 = 6.125 → 6.12 billed
    assert [(d.expected.subtotal, d.billed.subtotal) for d in usage.lines if d.expected and d.billed] == [
        (Money("6.00", "EUR"), Money("6.12", "EUR"))
    ]
    assert _close(tmp_path).summary.usage is None  # without your usage, nothing to reconcile it against
