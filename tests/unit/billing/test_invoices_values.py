"""Invoice lines and invoices: the refusals of mismatched currencies and non-Money amounts, whole."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import Invoice, InvoiceLine

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date


def refusal(call: Callable[[], object]) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value


@pytest.mark.parametrize("amount", ["5", 5, 5.0, None])
def test_a_line_without_tax_refuses_an_amount_that_is_not_money(amount: object) -> None:
    error = refusal(lambda: InvoiceLine("Microsoft 365 E3", amount))  # type: ignore[arg-type]
    assert (error.field, error.problem, error.value) == ("amount", "expected Money", amount)
    assert str(error) == f"amount: expected Money (got {amount!r})"


def test_a_line_with_tax_refuses_an_amount_that_is_not_money() -> None:
    error = refusal(lambda: InvoiceLine("Microsoft 365 E3", "5", tax=Money(1, "EUR")))  # type: ignore[arg-type]
    assert str(error) == "amount: expected Money (got '5')"


def test_a_line_without_tax_carries_zero_tax_in_its_currency() -> None:
    line = InvoiceLine("Teams Phone", Money("8.00", "CZK"))
    assert line.tax == Money.zero("CZK")
    assert line.total == Money("8.00", "CZK")


def test_a_lines_tax_in_another_currency_is_refused_naming_both() -> None:
    tax = Money("1.68", "USD")
    error = refusal(lambda: InvoiceLine("Teams Phone", Money("8.00", "EUR"), tax=tax))
    assert (error.field, error.problem, error.value) == (
        "tax",
        "currency differs from the amount's (EUR)",
        tax,
    )
    assert str(error) == "tax: currency differs from the amount's (EUR) (got Money('1.68', 'USD'))"


def lines_in_two_currencies() -> tuple[InvoiceLine, ...]:
    return (InvoiceLine("E3", Money("10.00", "EUR")), InvoiceLine("E5", Money("20.00", "USD")))


def test_a_line_in_another_currency_is_refused_when_the_total_is_derived() -> None:
    error = refusal(
        lambda: Invoice(id="G1", issued=D(2024, 2, 8), currency="EUR", lines=lines_in_two_currencies())
    )
    assert (error.field, error.problem, error.value) == (
        "lines[1].amount",
        "currency differs from EUR",
        Money("20.00", "USD"),
    )
    assert str(error) == "lines[1].amount: currency differs from EUR (got Money('20.00', 'USD'))"


def test_a_line_in_another_currency_is_refused_alike_when_the_total_is_given() -> None:
    error = refusal(
        lambda: Invoice(
            id="G1",
            issued=D(2024, 2, 8),
            currency="EUR",
            lines=lines_in_two_currencies(),
            total_charges=Money("30.00", "EUR"),
        )
    )
    assert str(error) == "lines[1].amount: currency differs from EUR (got Money('20.00', 'USD'))"


@pytest.mark.parametrize("currency", [7, None, "", "EURO"])
def test_an_invoice_in_no_valid_currency_is_refused_before_its_total_is_derived(currency: object) -> None:
    error = refusal(
        lambda: Invoice(
            id="G1",
            issued=D(2024, 2, 8),
            currency=currency,
            lines=(InvoiceLine("E3", Money("10.00", "EUR")),),
        )
    )
    assert error.field == "currency"
    assert error.value == currency
