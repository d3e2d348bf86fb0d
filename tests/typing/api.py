"""The typing contract: how downstream code sees cspcore's public API under ``mypy --strict``.

This module is type-checked (mypy runs over ``tests/``) and imported by ``test_typing_contract.py``. Lines
marked ``# type: ignore[code]`` are *expected* errors: with ``warn_unused_ignores`` (part of ``--strict``),
mypy fails if one of them stops being an error, so the types downstream code relies on cannot loosen silently.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import assert_type

from cspcore import CspError, InvalidInput, Money, Reason, Rounding, RuleViolation, allocate, total
from cspcore.billing import ChargeType, Invoice, Ledger, Term
from cspcore.dates import add_months, days_inclusive
from cspcore.i18n import format_date, format_money, render


def money_contract() -> None:
    a = Money("1.50", "EUR")
    assert_type(a.amount, Decimal)
    assert_type(a.currency, str)
    assert_type(a + a, Money)
    assert_type(a - a, Money)
    assert_type(a * 3, Money)
    assert_type(a * Decimal("0.5"), Money)
    assert_type(a / 2, Money)
    assert_type(-a, Money)
    assert_type(a.round(), Money)
    assert_type(a.round(Rounding.DOWN, cash=True), Money)
    assert_type(a.to_minor_units(), int)
    assert_type(a < a, bool)
    assert_type(allocate(a, [1, 2]), tuple[Money, ...])
    assert_type(total([a, a]), Money)

    a + 1  # type: ignore[operator]
    a * 1.5  # type: ignore[operator]
    a * a  # type: ignore[operator]
    a < 2  # type: ignore[operator]
    a.amount = Decimal(2)  # type: ignore[misc]
    Money(1.5, "EUR")  # type: ignore[arg-type]
    a.round("half_up")  # type: ignore[arg-type]


def dates_contract() -> None:
    assert_type(add_months(dt.date(2024, 1, 31), 1), dt.date)
    assert_type(days_inclusive(dt.date(2024, 1, 1), dt.date(2024, 1, 31)), int)
    add_months(dt.date(2024, 1, 31), 1.0)  # type: ignore[arg-type]
    add_months("2024-01-31", 1)  # type: ignore[arg-type]


def i18n_contract() -> None:
    assert_type(format_money(Money("1", "EUR"), locale="cs_CZ"), str)
    assert_type(format_date(dt.date(2024, 1, 1), locale="ja_JP"), str)
    assert_type(render(Reason(code="core.money.currency_mismatch"), locale="pl_PL"), str)
    format_money(Money("1", "EUR"))  # type: ignore[call-arg]
    format_money(Decimal(1), locale="en_US")  # type: ignore[arg-type]
    format_money(Money("1", "EUR"), locale="en_US", format_type="fancy")  # type: ignore[arg-type]


def errors_contract() -> None:
    try:
        Money("x", "EUR")
    except InvalidInput as error:
        assert_type(error.field, str)
        assert isinstance(error, ValueError)
        assert isinstance(error, CspError)
    violation = RuleViolation("no", reasons=(Reason(code="core.money.currency_mismatch"),))
    assert_type(violation.reasons, tuple[Reason, ...])


def billing_values_contract() -> None:
    assert_type(Term.P1Y.months, int)
    assert_type(ChargeType("addQuantity"), ChargeType)
    invoice = Invoice(id="G1", issued=dt.date(2024, 1, 8), currency="EUR", total_charges=Money("1", "EUR"))
    assert_type(invoice.total_charges, Money)
    assert_type(invoice.due, dt.date | None)
    assert_type(Ledger(invoices=(invoice,)).invoices, tuple[Invoice, ...])
    Invoice(id="G1", issued="2024-01-08", currency="EUR")  # type: ignore[arg-type]
