"""One invoice, one currency: interop values and calls refuse a second currency with CurrencyMismatch.

Every refusal names where the second currency was found and carries both codes (``left`` the first
currency seen, ``right`` the other) and the code ``currency_mismatch``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspcore import CurrencyMismatch, InvalidInput, Money
from cspcore.billing import ChargeLine
from cspcore.interop import (
    Inconsistency,
    InvoiceSummary,
    InvoiceType,
    Mismatch,
    ParseReport,
    ReconciliationReport,
    reconcile,
    seats_at_period_end,
    to_recon_rows,
)
from cspcore.testing.interop import charge_lines


def line(currency: str = "EUR", subscription: str = "s1", quantity: int = 10) -> ChargeLine:
    return ChargeLine(
        order_date=dt.date(2024, 3, 5),
        charge_type="new",
        product="Microsoft 365 Business Standard",
        subscription_id=subscription,
        unit_price=Money(12, currency),
        effective_unit_price=Money(12, currency),
        quantity=quantity,
        subtotal=Money(12 * quantity, currency),
        charge_start=dt.date(2024, 3, 5),
        charge_end=dt.date(2024, 4, 4),
    )


def refused(call: Any, *args: Any, **kwargs: Any) -> CurrencyMismatch:
    with pytest.raises(CurrencyMismatch) as caught:
        call(*args, **kwargs)
    assert caught.value.code == "currency_mismatch"
    return caught.value


def test_an_inconsistency_states_and_expects_one_currency() -> None:
    error = refused(
        Inconsistency,
        where="rows[1]",
        field="Total",
        stated=Money(1, "EUR"),
        expected=Money(2, "USD"),
        problem="is not subtotal + tax",
    )
    assert (error.field, error.left, error.right) == ("expected", "EUR", "USD")


def test_an_invoice_summary_is_of_one_currency() -> None:
    error = refused(InvoiceSummary, balance=Money(5, "EUR"), last_payment_amount=Money(5, "GBP"))
    assert (error.field, error.left, error.right) == ("last_payment_amount", "EUR", "GBP")
    detail = InvoiceSummary(balance=Money(1, "GBP"))
    error = refused(InvoiceSummary, balance=Money(5, "EUR"), details=((InvoiceType.RECURRING, detail),))
    assert (error.field, error.right) == ("details[0].balance", "GBP")
    same = InvoiceSummary(
        balance=Money(5, "EUR"), details=((InvoiceType.RECURRING, InvoiceSummary(balance=Money(1, "EUR"))),)
    )
    assert same.currency == "EUR"


def test_a_parse_report_is_of_one_currency() -> None:
    error = refused(ParseReport, lines=(line(), line("USD")), issues=(), roundings=((), ()))
    assert (error.field, error.left, error.right) == ("lines[1].currency", "EUR", "USD")
    issue = Inconsistency(
        where="rows[1]", field="Subtotal", stated=Money(1, "USD"), expected=None, problem="x"
    )
    error = refused(ParseReport, lines=(line(),), issues=(issue,), roundings=((),))
    assert error.field == "issues[0].stated"


def test_a_reconciliation_report_is_of_one_currency() -> None:
    eur = line()
    error = refused(
        ReconciliationReport, matched_expected=(eur,), matched_actual=(eur,), missing=(line("USD"),)
    )
    assert (error.field, error.left, error.right) == ("missing[0].currency", "EUR", "USD")
    usd = line("USD")
    mismatch = Mismatch(expected=usd, actual=usd, field="subtotal", difference=Money(0, "USD"))
    error = refused(ReconciliationReport, unexpected=(eur,), mismatched=(mismatch,))
    assert error.field == "mismatched[0][0].currency"


@pytest.mark.parametrize(
    ("expected", "actual", "field"),
    [
        ([line(), line("USD", "s2")], [line()], "expected[1].currency"),
        ([line()], [line(), line("USD", "s2")], "actual[1].currency"),
        ([], [line("CZK"), line("USD")], "actual[1].currency"),
        ([line()], [line("USD")], "actual[0].currency"),  # paired by identity: a second currency all the same
    ],
)
def test_reconcile_refuses_a_second_currency_naming_the_line(
    expected: list[ChargeLine], actual: list[ChargeLine], field: str
) -> None:
    assert refused(reconcile, expected, actual).field == field


@settings(max_examples=40, deadline=None)
@given(
    lines=st.lists(charge_lines(currency="EUR"), min_size=1, max_size=6),
    foreign=charge_lines(currency="JPY"),
    where=st.integers(0, 6),
    side=st.sampled_from(["expected", "actual"]),
)
def test_one_line_in_another_currency_anywhere_is_a_currency_mismatch(
    lines: list[ChargeLine], foreign: ChargeLine, where: int, side: str
) -> None:
    assert reconcile(lines, lines).is_clean  # one currency: no refusal
    mixed = [*lines]
    at = where % (len(mixed) + 1)
    mixed.insert(at, foreign)
    # The first line read sets the currency: a foreign line read first makes the next line the odd one.
    alone = (at, "EUR", "JPY") if at else (1, "JPY", "EUR")
    arguments = {"expected": lines, "actual": lines, side: mixed}
    error = refused(reconcile, **arguments)
    index, left, right = alone if side == "expected" else (at, "EUR", "JPY")
    assert (error.field, error.left, error.right) == (f"{side}[{index}].currency", left, right)
    assert refused(seats_at_period_end, mixed).field == f"lines[{alone[0]}].currency"
    assert refused(lambda: list(to_recon_rows(mixed))).field == f"lines[{alone[0]}].currency"


def test_to_recon_rows_writes_the_lines_before_the_second_currency() -> None:
    rows = to_recon_rows([line(), line("USD")])
    assert next(rows)["Currency"] == "EUR"
    with pytest.raises(CurrencyMismatch) as caught:
        next(rows)
    assert caught.value.field == "lines[1].currency"


@pytest.mark.parametrize("lines", [Money(1, "EUR"), 5, None])
def test_to_recon_rows_refuses_what_is_not_an_iterable_of_lines(lines: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        list(to_recon_rows(lines))  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("lines", "wrong_type")
