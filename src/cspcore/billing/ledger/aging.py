"""Aging reports and days sales outstanding (DSO), as of a date.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from cspcore import _validate
from cspcore._decimal import EXACT, exact_sum
from cspcore.billing import _bounds
from cspcore.billing.ledger._replay import ZERO, as_of_date, checked_ledger, due_ordinal, replay
from cspcore.billing.ledger.account import Ledger
from cspcore.billing.ledger.settlement import settle
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.money import Money

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["Aging", "AgingBucket", "aging", "dso"]

add = EXACT.add


@attrs.frozen(kw_only=True)
class AgingBucket:
    """One column of an aging report.

    Args:
        low: Days past due, exclusive lower bound (None for the "current" column: not yet due).
        high: Days past due, inclusive upper bound (None for the open-ended last column). Both are
            0 to 3,652,059 (the calendar's span).
        amount: What the invoices in it still owe.
        invoice_ids: Those invoices, oldest due first.

    >>> AgingBucket(low=0, high=30, amount=Money(0, "EUR"), invoice_ids=()).label
    '1-30'
    """

    low: int | None = attrs.field(
        validator=attrs.validators.optional(_validate.attrs_validator(_validate.integer))
    )
    high: int | None = attrs.field(
        validator=attrs.validators.optional(_validate.attrs_validator(_validate.integer))
    )
    amount: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    invoice_ids: tuple[str, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, str))

    def __attrs_post_init__(self) -> None:
        for name in ("low", "high"):
            edge = getattr(self, name)
            if edge is not None:
                _bounds.days(edge, name)

    @property
    def label(self) -> str:
        """``current``, ``1-30``, ``91+`` and so on."""
        if self.low is None:
            return "current"
        if self.high is None:
            return f"{self.low + 1}+"
        return f"{self.low + 1}-{self.high}"


@attrs.frozen(kw_only=True)
class Aging:
    """An aging report: outstanding receivables by days past due, on one date.

    Args:
        as_of: The date.
        buckets: The columns, from "current" to the open-ended oldest.
        credit: Unapplied account credit (shown apart, not netted into the columns).

    Raises:
        CurrencyMismatch: a bucket's amount in another currency than ``credit`` (``buckets[i].amount``).

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Ledger
    >>> aging(Ledger(), as_of=dt.date(2024, 1, 1), currency="EUR").total
    Money('0', 'EUR')
    """

    as_of: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    buckets: tuple[AgingBucket, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, AgingBucket))
    credit: Money = attrs.field(validator=_validate.attrs_instance_of(Money))

    def __attrs_post_init__(self) -> None:
        code = self.credit.currency
        for index, bucket in enumerate(self.buckets):
            if bucket.amount.currency != code:
                raise CurrencyMismatch(f"buckets[{index}].amount", code, bucket.amount.currency)

    @property
    def total(self) -> Money:
        """All outstanding receivables (the buckets added up)."""
        result = self.credit - self.credit
        for bucket in self.buckets:
            result = result + bucket.amount
        return result


def _buckets(value: object) -> tuple[int, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)) or not value:
        raise InvalidInput(
            "buckets",
            "expected a non-empty tuple of day counts",
            value,
            code=ErrorCode.EMPTY if isinstance(value, (tuple, list)) else ErrorCode.WRONG_TYPE,
        )
    days = tuple(_bounds.days(v, f"buckets[{i}]") for i, v in enumerate(value))
    for index in range(1, len(days)):
        if days[index] <= days[index - 1]:
            raise InvalidInput(
                f"buckets[{index}]",
                f"must be greater than buckets[{index - 1}] ({days[index - 1]})",
                days[index],
                code=ErrorCode.OUT_OF_ORDER,
            )
    return days


def aging(
    ledger: Ledger,
    *,
    as_of: dt.date,
    buckets: Sequence[int] = (0, 30, 60, 90),
    currency: str | None = None,
) -> Aging:
    """Age the outstanding invoices on ``as_of`` by days past their due date.

    With the default ``buckets=(0, 30, 60, 90)`` the columns are current (not past due), 1-30,
    31-60, 61-90 and 91+ days past due. An invoice without a due date is due on its issue date.

    Raises:
        InvalidInput: on buckets that are not strictly increasing non-negative ints.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Invoice, Ledger
    >>> inv = Invoice(
    ...     id="A",
    ...     issued=dt.date(2024, 1, 1),
    ...     due=dt.date(2024, 1, 31),
    ...     currency="EUR",
    ...     total_charges=Money(5, "EUR"),
    ... )
    >>> report = aging(Ledger(invoices=(inv,)), as_of=dt.date(2024, 3, 15))
    >>> [(b.label, str(b.amount)) for b in report.buckets if b.amount]
    [('31-60', '5 EUR')]
    """
    limits = _buckets(buckets)
    state = settle(ledger, as_of=as_of, currency=currency)
    day = state.as_of
    book = checked_ledger(ledger)
    edges: list[tuple[int | None, int | None]] = [(None, limits[0])]
    edges += [(limits[i], limits[i + 1]) for i in range(len(limits) - 1)]
    edges.append((limits[-1], None))
    amounts: list[Money] = [Money.zero(state.currency)] * len(edges)
    ids: list[list[str]] = [[] for _ in edges]
    for invoice in sorted(book.invoices, key=lambda i: (due_ordinal(i), i.id)):
        owed = state.outstanding.get(invoice.id)
        if owed is None or not owed:
            continue
        late = (day - (invoice.due or invoice.issued)).days
        index = next(
            i
            for i, (low, high) in enumerate(edges)
            if (low is None or late > low) and (high is None or late <= high)
        )
        amounts[index] = amounts[index] + owed
        ids[index].append(invoice.id)
    return Aging(
        as_of=day,
        buckets=tuple(
            AgingBucket(low=low, high=high, amount=amounts[i], invoice_ids=tuple(ids[i]))
            for i, (low, high) in enumerate(edges)
        ),
        credit=state.credit,
    )


def dso(ledgers: Ledger | Iterable[Ledger], *, as_of: dt.date, days: int = 90) -> Decimal | None:
    """Days sales outstanding: receivables on ``as_of`` ÷ invoiced in the last ``days`` × ``days``.

    The receivables are the outstanding invoices (account credit is not netted); the sales are the
    invoices issued in the ``days`` days ending on ``as_of`` and not voided by then. The result is
    rounded half-up to one decimal; ``None`` when nothing was invoiced in the window.

    Raises:
        InvalidInput: on mixed currencies, or ``days`` below 1 or above 3660 (ten years).

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Invoice, Ledger
    >>> inv = Invoice(id="A", issued=dt.date(2024, 3, 1), currency="EUR", total_charges=Money(300, "EUR"))
    >>> paid = Invoice(id="B", issued=dt.date(2024, 2, 1), currency="EUR", total_charges=Money(600, "EUR"))
    >>> import datetime as dt
    >>> from cspcore import Money
    >>> from cspcore.billing import Payment
    >>> book = Ledger(
    ...     invoices=(inv, paid),
    ...     payments=(Payment(id="P", amount=Money(600, "EUR"), received=dt.date(2024, 2, 5)),),
    ... )
    >>> dso(book, as_of=dt.date(2024, 3, 31), days=90)
    Decimal('30.0')
    """
    window = _validate.integer(days, "days", minimum=1, maximum=3660)
    day = as_of_date(as_of)
    books = [ledgers] if isinstance(ledgers, Ledger) else _validate.iterable(ledgers, "ledgers")
    start = day.toordinal() - window
    receivable = ZERO
    sales = ZERO
    currencies: set[str] = set()
    for index, book in enumerate(books):
        _validate.instance(book, Ledger, f"ledgers[{index}]")
        if book.currency is None:
            continue
        currencies.add(book.currency)
        state = replay(book, day)
        receivable = add(
            receivable, exact_sum(v for k, v in state.outstanding.items() if k not in state.voided)
        )
        for invoice in book.invoices:
            issued = invoice.issued.toordinal()
            if start < issued <= day.toordinal() and invoice.id not in state.voided:
                sales = add(sales, invoice.total_charges.amount)
    if len(currencies) > 1:
        first, second = sorted(currencies)[:2]
        raise CurrencyMismatch("ledgers", first, second)
    if not sales:
        return None
    # Exactly, as fractions: the ratio of two bounded amounts can need more digits than any fixed
    # decimal precision gives (1e30 owed on 1e-30 sold), and rounding twice could move the tenth.
    tenths = Fraction(receivable) * window * 10 / Fraction(sales)
    rounded = math.floor(tenths + Fraction(1, 2))  # half up: receivable and sales are never negative
    return Decimal((0, tuple(int(digit) for digit in str(rounded)), -1))
