"""How a ledger stands on a date: its settlement, balances, statuses and outstanding amounts.

Every question is answered from the ledger's documents as of a date (see :mod:`cspcore.billing.ledger`):
``settle`` replays them; ``status_of`` and ``outstanding`` read the ledger's index (one replay per
ledger, then a bisect per question). ``balance`` reads the index when one lives beside the ledger;
on a fresh ledger it adds the amounts dated by ``as_of`` up in one pass instead (no sort, no replay;
a ledger with write-offs builds the index, since a write-off's amount depends on the replay).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs

from cspcore import _validate
from cspcore._decimal import exact_sum
from cspcore.billing.ledger._direct import balance_on
from cspcore.billing.ledger._index import index_beside, index_of, indexed, money_of
from cspcore.billing.ledger._replay import (
    as_of_date,
    checked_ledger,
    ledger_currency,
    replay,
    status,
)
from cspcore.billing.ledger.account import Ledger
from cspcore.billing.ledger.invoices import Invoice, InvoiceStatus
from cspcore.errors import CurrencyMismatch
from cspcore.money import Money, as_money

if TYPE_CHECKING:
    from decimal import Decimal

__all__ = ["Settlement", "account_credit", "balance", "outstanding", "settle", "status_of"]


@attrs.frozen(kw_only=True)
class Settlement:
    """How a ledger stands on one date: what was applied where, and what is left.

    Args:
        as_of: The date.
        currency: The ledger's currency; every amount below is in it (another is a
            :class:`~cspcore.errors.CurrencyMismatch`).
        invoiced: Invoices issued by ``as_of`` and not voided, added up.
        paid: Payments received by ``as_of``.
        credited: Credit notes issued by ``as_of``.
        written_off: Amounts written off by ``as_of``.
        credit: Account credit on hand (unapplied money).
        outstanding: What each issued invoice still owes, by id (voided ones absent).
        applied: What payments and credits settled on each invoice, by id.
        statuses: Each invoice's status, by id.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Ledger
    >>> settle(Ledger(), as_of=dt.date(2024, 1, 1), currency="EUR").credit
    Money('0', 'EUR')
    """

    as_of: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    currency: str = attrs.field(validator=_validate.attrs_instance_of(str))
    invoiced: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    paid: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    credited: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    written_off: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    credit: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    outstanding: dict[str, Money] = attrs.field(eq=False)
    applied: dict[str, Money] = attrs.field(eq=False)
    statuses: dict[str, InvoiceStatus] = attrs.field(eq=False)

    def __attrs_post_init__(self) -> None:
        code = Money.zero(_validate.text(self.currency, "currency")).currency
        for name in ("invoiced", "paid", "credited", "written_off", "credit"):
            amount: Money = getattr(self, name)
            if amount.currency != code:
                raise CurrencyMismatch(name, code, amount.currency)
        for name in ("outstanding", "applied"):
            by_id: dict[str, Money] = _validate.instance(getattr(self, name), dict, name)
            for key, amount in by_id.items():
                if as_money(amount, f"{name}[{key!r}]").currency != code:
                    raise CurrencyMismatch(f"{name}[{key!r}]", code, amount.currency)

    @property
    def balance(self) -> Money:
        """Outstanding invoices minus account credit (negative when the account is in credit)."""
        return self.invoiced - self.paid - self.credited - self.written_off


# -- queries ---------------------------------------------------------------------------------------


def settle(ledger: Ledger, *, as_of: dt.date, currency: str | None = None) -> Settlement:
    """Replay the ledger up to ``as_of`` and return how it stands.

    Args:
        ledger: The account's ledger.
        as_of: Documents dated after this day do not count yet.
        currency: Needed only for an empty ledger.

    Raises:
        InvalidInput: on a wrong type, or an empty ledger without ``currency``.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Ledger
    >>> settle(Ledger(), as_of=dt.date(2024, 1, 1), currency="CZK").balance
    Money('0', 'CZK')
    """
    book = checked_ledger(ledger)
    day = as_of_date(as_of)
    code = ledger_currency(book, currency)
    state = replay(book, day)

    def money(amount: Decimal) -> Money:
        # exact sums of bounded amounts: they may hold more digits than an input may (1e29 + 1e-29)
        return money_of(amount, code)

    return Settlement(
        as_of=day,
        currency=code,
        invoiced=money(state.invoiced),
        paid=money(state.paid),
        credited=money(state.credited),
        written_off=money(exact_sum(state.written.values())),
        credit=money(state.credit),
        outstanding={k: money(v) for k, v in state.outstanding.items() if k not in state.voided},
        applied={k: money(v) for k, v in state.applied.items()},
        statuses={invoice.id: status(state, invoice, day) for invoice in book.invoices},
    )


def status_of(invoice: Invoice, ledger: Ledger, *, as_of: dt.date) -> InvoiceStatus:
    """The status of ``invoice`` in ``ledger`` on ``as_of``.

    ``DRAFT`` before its issue date, ``VOID`` or ``UNCOLLECTIBLE`` once voided or written off, ``PAID``
    when nothing is outstanding, ``PARTIALLY_PAID`` when something was applied, else ``OPEN``.

    Raises:
        InvalidInput: when the ledger does not hold the invoice.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Invoice, Ledger
    >>> inv = Invoice(id="A", issued=dt.date(2024, 3, 1), currency="EUR", total_charges=Money(5, "EUR"))
    >>> status_of(inv, Ledger(invoices=(inv,)), as_of=dt.date(2024, 2, 1)).value
    'draft'
    """
    book = checked_ledger(ledger)
    day = as_of_date(as_of)
    document, index = indexed(invoice, book)
    return index.at(document.id, day.toordinal())[1]


def outstanding(invoice: Invoice, ledger: Ledger, *, as_of: dt.date) -> Money:
    """What ``invoice`` still owes on ``as_of`` (zero before issue, once voided or written off).

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Invoice, Ledger
    >>> inv = Invoice(id="A", issued=dt.date(2024, 3, 1), currency="EUR", total_charges=Money(5, "EUR"))
    >>> outstanding(inv, Ledger(invoices=(inv,)), as_of=dt.date(2024, 3, 1))
    Money('5', 'EUR')
    """
    book = checked_ledger(ledger)
    day = as_of_date(as_of)
    document, index = indexed(invoice, book)
    return money_of(index.at(document.id, day.toordinal())[0], document.currency)


def balance(ledger: Ledger, *, as_of: dt.date, currency: str | None = None) -> Money:
    """What the account owes on ``as_of``: invoiced − paid − credited − written off.

    Negative when the account holds credit (an overpayment waiting for later invoices).

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Ledger
    >>> balance(Ledger(), as_of=dt.date(2024, 1, 1), currency="EUR")
    Money('0', 'EUR')
    """
    book = ledger if type(ledger) is Ledger else checked_ledger(ledger)
    day = as_of if type(as_of) is dt.date else as_of_date(as_of)
    code = ledger_currency(book, currency)
    index = index_beside(book)
    if index is None:  # a fresh ledger: add its amounts up rather than build its index for one question
        amount = balance_on(book, day)
        if amount is not None:
            return money_of(amount, code)
        index = index_of(book)
    position = index.position(day.toordinal())
    if position < 0:
        return Money.zero(code)
    return money_of(index.balances[position], code)


def account_credit(ledger: Ledger, *, as_of: dt.date, currency: str | None = None) -> Money:
    """Unapplied money on the account on ``as_of`` (overpayments and unspent credit notes).

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Ledger, Payment
    >>> book = Ledger(payments=(Payment(id="P", amount=Money(7, "EUR"), received=dt.date(2024, 1, 2)),))
    >>> account_credit(book, as_of=dt.date(2024, 1, 2))
    Money('7', 'EUR')
    """
    return settle(ledger, as_of=as_of, currency=currency).credit
