"""Payment terms pinned exactly: the refusals a form shows, and invoices given their due dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs
import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import Invoice
from cspcore.billing.terms_of_payment import DUE_ON_RECEIPT, PaymentTerms, with_due_date
from cspcore.errors import ErrorCode


@pytest.mark.parametrize(
    ("net_days", "code"),
    [
        (-1, ErrorCode.OUT_OF_RANGE),
        (3661, ErrorCode.OUT_OF_RANGE),
        ("30", ErrorCode.WRONG_TYPE),
        (True, ErrorCode.WRONG_TYPE),
    ],
)
def test_payment_terms_refuse_days_outside_zero_to_ten_years(net_days: Any, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as refused:
        PaymentTerms(net_days=net_days)
    assert ("net_days", code) == (refused.value.field, refused.value.code)


@pytest.mark.parametrize("net_days", [0, 3660])
def test_payment_terms_take_both_bounds(net_days: int) -> None:
    assert net_days == PaymentTerms(net_days=net_days).net_days


def invoice() -> Invoice:
    return Invoice(id="G1", issued=dt.date(2024, 1, 31), currency="EUR", total_charges=Money("10.00", "EUR"))


def test_with_due_date_sets_only_the_due_date_from_microsofts_net_60_by_default() -> None:
    given = invoice()
    dated = with_due_date(given)
    assert dt.date(2024, 3, 31) == dated.due
    assert attrs.evolve(given, due=dt.date(2024, 3, 31)) == dated


def test_with_due_date_follows_the_terms_it_is_given() -> None:
    assert dt.date(2024, 1, 31) == with_due_date(invoice(), DUE_ON_RECEIPT).due
    end_of_month = PaymentTerms(net_days=15, end_of_month=True)  # 15 days after the issue month's end
    assert dt.date(2024, 2, 15) == with_due_date(invoice(), end_of_month).due


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [
        (lambda: with_due_date("G1"), "invoice", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
        (
            lambda: with_due_date(invoice(), "net 60"),  # type: ignore[arg-type]
            "terms",
            ErrorCode.WRONG_TYPE,
        ),
    ],
)
def test_with_due_date_refuses_other_values_by_name(call: object, field: str, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as refused:
        call()  # type: ignore[operator]
    assert (field, code) == (refused.value.field, refused.value.code)


def test_due_date_refuses_a_datetime_for_the_issue_date() -> None:
    from cspcore.billing.terms_of_payment import due_date

    with pytest.raises(InvalidInput) as refused:
        due_date(dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    assert refused.value.field == "issued"
