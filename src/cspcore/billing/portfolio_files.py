"""Portfolios from plain data: what ``cspcore whatif --portfolio FILE`` reads.

:mod:`cspcore.billing.portfolio` re-exports it.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _structure
from cspcore.billing.invoices import CreditNote, Invoice, Ledger, Payment
from cspcore.money import Money

if TYPE_CHECKING:
    from collections.abc import Mapping

from cspcore.billing.accounts import Account, Portfolio

__all__ = ["portfolio_from_dict"]

# -- plain data ------------------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _InvoiceRow:
    """An invoice in a portfolio file; its total is an amount in the account's currency."""

    id: str
    issued: dt.date
    total: Decimal
    due: dt.date | None = None
    disputed: bool = False

    def value(self, currency: str) -> Invoice:
        return Invoice(
            id=self.id,
            issued=self.issued,
            due=self.due,
            currency=currency,
            total_charges=Money(self.total, currency),
            disputed=self.disputed,
        )


@attrs.frozen(kw_only=True)
class _PaymentRow:
    """A payment in a portfolio file."""

    id: str
    amount: Decimal
    received: dt.date
    invoice_id: str | None = None

    def value(self, currency: str) -> Payment:
        amount = Money(self.amount, currency)
        return Payment(id=self.id, amount=amount, received=self.received, invoice_id=self.invoice_id)


@attrs.frozen(kw_only=True)
class _CreditNoteRow:
    """A credit note in a portfolio file."""

    id: str
    amount: Decimal
    issued: dt.date
    invoice_id: str | None = None

    def value(self, currency: str) -> CreditNote:
        amount = Money(self.amount, currency)
        return CreditNote(id=self.id, amount=amount, issued=self.issued, invoice_id=self.invoice_id)


@attrs.frozen(kw_only=True)
class _AccountRow:
    """An account in a portfolio file: its currency, its subscriptions' cost and its documents."""

    id: str
    currency: str
    monthly_cost: Decimal | None = None
    term_end: dt.date | None = None
    invoices: tuple[_InvoiceRow, ...] = ()
    payments: tuple[_PaymentRow, ...] = ()
    credit_notes: tuple[_CreditNoteRow, ...] = ()

    def value(self) -> Account:
        documents: dict[str, Any] = {}
        for key in ("invoices", "payments", "credit_notes"):
            built = []
            for index, row in enumerate(getattr(self, key)):
                with _structure.at(f"{key}[{index}]"):
                    built.append(row.value(self.currency))
            documents[key] = tuple(built)
        ledger = Ledger(**documents)
        monthly = self.monthly_cost
        return Account(
            id=self.id,
            ledger=ledger,
            monthly_cost=None if monthly is None else Money(monthly, self.currency),
            term_end=self.term_end,
        )


_DATE: Final = _structure.ISO_DATE
_OPTIONAL_DATE: Final = _structure.optional(_structure.ISO_DATE)
_ACCOUNT_ROW: Final = _structure.table(
    _AccountRow,
    currency=_structure.CURRENCY,
    monthly_cost=_structure.optional(_structure.AMOUNT),
    term_end=_OPTIONAL_DATE,
    invoices=_structure.items(
        _structure.table(_InvoiceRow, issued=_DATE, total=_structure.AMOUNT, due=_OPTIONAL_DATE)
    ),
    payments=_structure.items(_structure.table(_PaymentRow, amount=_structure.AMOUNT, received=_DATE)),
    credit_notes=_structure.items(_structure.table(_CreditNoteRow, amount=_structure.AMOUNT, issued=_DATE)),
)


def _account(value: object, kind: object) -> Account:
    row: _AccountRow = _ACCOUNT_ROW(value, kind)
    return row.value()


_PORTFOLIO: Final = _structure.table(
    Portfolio, accounts=_structure.items(_account), currency=_structure.optional(_structure.CURRENCY)
)


def portfolio_from_dict(data: Mapping[str, Any]) -> Portfolio:
    """Build a portfolio from plain data (decoded TOML or JSON), as ``cspcore whatif --portfolio FILE`` does.

    The shape: ``{"accounts": [{"id", "currency", "monthly_cost"?, "term_end"?, "invoices": [{"id",
    "issued", "due"?, "total", "disputed"?}], "payments": [{"id", "amount", "received", "invoice_id"?}],
    "credit_notes": [{"id", "amount", "issued", "invoice_id"?}]}]}``. Amounts are strings or integers (never
    floats), in the account's currency; dates are TOML dates or ISO strings.

    Raises:
        InvalidInput: naming the path of the first bad value (``accounts[2].payments[0].amount``), with
            its code: ``missing`` for a missing key, ``unknown_value`` for an unknown one, else the code
            of the check that refused it.

    >>> portfolio = portfolio_from_dict(
    ...     {
    ...         "accounts": [
    ...             {
    ...                 "id": "contoso",
    ...                 "currency": "EUR",
    ...                 "monthly_cost": "120",
    ...                 "term_end": "2024-12-31",
    ...                 "invoices": [
    ...                     {"id": "INV-1", "issued": "2024-01-08", "due": "2024-02-07", "total": "145.20"}
    ...                 ],
    ...                 "payments": [{"id": "P-1", "amount": "145.20", "received": "2024-02-20"}],
    ...             }
    ...         ]
    ...     }
    ... )
    >>> account = portfolio.accounts[0]
    >>> account.id, account.ledger.invoices[0].total_charges, account.ledger.payments[0].received
    ('contoso', Money('145.20', 'EUR'), datetime.date(2024, 2, 20))
    """
    portfolio: Portfolio = _structure.structure(data, _PORTFOLIO, root="portfolio")
    return portfolio
