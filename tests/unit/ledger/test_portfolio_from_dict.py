"""portfolio_from_dict: a what-if portfolio from plain data, with errors that name the path."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing.portfolio import portfolio_from_dict
from cspcore.errors import ErrorCode

I0 = "accounts[0].invoices[0]"


def account(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "contoso",
        "currency": "EUR",
        "monthly_cost": "120",
        "term_end": dt.date(2024, 12, 31),
        "invoices": [{"id": "INV-1", "issued": "2024-01-08", "due": dt.date(2024, 2, 7), "total": "145.20"}],
        "payments": [{"id": "P-1", "amount": "100", "received": "2024-02-20", "invoice_id": "INV-1"}],
        "credit_notes": [{"id": "C-1", "amount": "5", "issued": "2024-02-21"}],
    }
    data.update(changes)
    return data


def test_reads_accounts_with_their_documents() -> None:
    portfolio = portfolio_from_dict({"accounts": [account(), account(id="fabrikam", credit_notes=[])]})
    first = portfolio.accounts[0]
    assert first.monthly_cost == Money("120", "EUR")
    assert first.term_end == dt.date(2024, 12, 31)
    assert first.ledger.invoices[0].due == dt.date(2024, 2, 7)
    assert first.ledger.payments[0].invoice_id == "INV-1"
    assert first.ledger.credit_notes[0].amount == Money("5", "EUR")
    assert [a.id for a in portfolio.accounts] == ["contoso", "fabrikam"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"currency": "EURO"}, "accounts[0].currency"),
        (
            {"invoices": [{"id": "INV-1", "issued": "8.1.2024", "total": "1"}]},
            I0 + ".issued",
        ),
        (
            {"invoices": [{"id": "INV-1", "issued": "2024-01-08", "total": 1.5}]},
            I0 + ".total",
        ),
        ({"invoices": [{"id": "", "issued": "2024-01-08", "total": "1"}]}, I0 + ".id"),
        (
            {"invoices": [{"id": "I", "issued": "2024-01-08", "total": "1", "vat": 1}]},
            I0 + ".vat",
        ),
        (
            {"payments": [{"id": "P", "amount": "-1", "received": "2024-02-20"}]},
            "accounts[0].payments[0]" + ".amount",
        ),
        ({"payments": "none"}, "accounts[0].payments"),
        ({"credit_notes": [{"id": "C", "amount": "1", "issued": 3}]}, "accounts[0].credit_notes[0].issued"),
        ({"monthly_cost": 120.0}, "accounts[0].monthly_cost"),
        ({"term_end": "soon"}, "accounts[0].term_end"),
        ({"colour": "blue"}, "accounts[0].colour"),
        ({"id": 7}, "accounts[0].id"),
    ],
)
def test_refusals_name_the_path(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        portfolio_from_dict({"accounts": [account(**changes)]})
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("data", "field", "code"),
    [
        ({"accounts": "x"}, "accounts", ErrorCode.WRONG_TYPE),
        ({"accounts": [], "owner": "me"}, "owner", ErrorCode.UNKNOWN_VALUE),
        ([], "portfolio", ErrorCode.WRONG_TYPE),
    ],
)
def test_refuses_a_malformed_top_level(data: object, field: str, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        portfolio_from_dict(data)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == (field, code)
