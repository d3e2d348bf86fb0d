"""Accounts and portfolios: the values a what-if analysis runs over.

:mod:`cspcore.billing.portfolio` re-exports every name.

An :class:`Account` is a customer's ledger with what its subscriptions cost the partner each month until
their term ends; a :class:`Portfolio` is a set of accounts in one currency.

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from cspcore import _decimal, _validate
from cspcore._trusted import trusted_constructor
from cspcore.billing.invoices import Ledger
from cspcore.currencies import currency_code
from cspcore.dates import days_in_month
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.money import Money, as_money, exact_money

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "Account",
    "Portfolio",
    "accounts_currency",
    "cycles_left",
    "total_exposure",
    "trusted_account",
    "trusted_portfolio",
]

_optional_money = _validate.optional(as_money)
_ZERO = Decimal(0)


_optional_date = _validate.optional(_validate.date)


@attrs.frozen(kw_only=True)
class Account:
    """One customer account in a portfolio.

    Args:
        id: The account id.
        ledger: Its ledger (invoices, real payments).
        monthly_cost: What its subscriptions cost the partner at Microsoft per monthly charge cycle.
        term_end: The last day of their term (inclusive); needed with ``monthly_cost``.

    The account's id is its ledger's ``account_id`` when the ledger names one (a ledger of another
    account is refused): a policy's ``exempt_accounts`` name accounts by this id, so
    :func:`~cspcore.billing.whatif.simulate` exempts the account exactly when
    :func:`~cspcore.billing.evaluate` exempts its ledger with ``account_id`` set to it.

    Raises:
        InvalidInput: ``ledger.account_id`` other than ``id`` (code ``inconsistent``).
        CurrencyMismatch: ``monthly_cost`` in another currency than the ledger's (an empty ledger
            has none: the :class:`Portfolio` the account is put in checks the cost against its own).

    >>> Account(id="a", ledger=Ledger()).monthly_cost is None
    True
    """

    id: str = attrs.field(converter=_validate.plain_text, validator=_validate.attrs_validator(_validate.text))
    ledger: Ledger = attrs.field(
        validator=_validate.attrs_validator(lambda v, f: _validate.instance(v, Ledger, f))
    )
    monthly_cost: Money | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_optional_money)
    )
    term_end: dt.date | None = attrs.field(default=None, validator=_validate.attrs_validator(_optional_date))

    def __attrs_post_init__(self) -> None:
        if (self.monthly_cost is None) != (self.term_end is None):
            raise InvalidInput(
                "term_end",
                "monthly_cost and term_end go together",
                self.term_end,
                code=ErrorCode.INCONSISTENT,
            )
        named = self.ledger.account_id
        if named is not None and named != self.id:
            raise InvalidInput(
                "ledger.account_id",
                f"names another account than id {self.id!r}",
                named,
                code=ErrorCode.INCONSISTENT,
            )
        own = self.ledger.currency
        if own is not None and self.monthly_cost is not None and self.monthly_cost.currency != own:
            raise CurrencyMismatch("monthly_cost", own, self.monthly_cost.currency)

    def exposure(self, day: dt.date) -> Money | None:
        """What the partner still pays Microsoft for this account's subscriptions after ``day``.

        >>> acct = Account(
        ...     id="a", ledger=Ledger(), monthly_cost=Money(10, "EUR"), term_end=dt.date(2024, 12, 31)
        ... )
        >>> acct.exposure(dt.date(2024, 10, 15))
        Money('20', 'EUR')
        """
        if self.monthly_cost is None or self.term_end is None:
            return None
        return self.monthly_cost * cycles_left(day, self.term_end)


def total_exposure(suspended: Iterable[tuple[Account, dt.date]], currency: str) -> Money:
    """The :meth:`Account.exposure` of many accounts, each after its own day, added up exactly.

    An account without a monthly cost adds nothing. The costs are added up per number of charge
    cycles left and each group is multiplied once: an exact sum of products, so the same value and
    exponent as adding every account's exposure one by one, for about one addition an account.

    Raises:
        CurrencyMismatch: A monthly cost in another currency than ``currency``.
        InvalidInput: An item that is not an account (code ``wrong_type``).

    >>> end = dt.date(2024, 12, 31)
    >>> a = Account(id="a", ledger=Ledger(), monthly_cost=Money(10, "EUR"), term_end=end)
    >>> b = Account(id="b", ledger=Ledger(), monthly_cost=Money("2.5", "EUR"), term_end=end)
    >>> total_exposure([(a, dt.date(2024, 10, 15)), (b, dt.date(2024, 10, 1))], "EUR")
    Money('25.0', 'EUR')
    """
    code = currency_code(currency)
    costs: dict[int, Decimal] = {}  # the monthly costs summed per number of cycles left
    cycles_at: dict[tuple[dt.date, dt.date], int] = {}  # cycles left per (day, term end) met
    # Exact: Money stays under 10**30 and a term under 10,000 years, so no sum or product of these
    # reaches the exact context's bounds (10**61, 200 digits); ``+`` and ``*`` in it, set for the
    # call, cost no method call per account.
    with decimal.localcontext(_decimal.EXACT):
        for account, day in suspended:
            checked: Account = _validate.instance(account, Account, "suspended[]")
            cost, term_end = checked.monthly_cost, checked.term_end
            if cost is None or term_end is None:
                continue
            if cost.currency != code:
                raise CurrencyMismatch("suspended[].monthly_cost", code, cost.currency)
            cycles = cycles_at.get((day, term_end))
            if cycles is None:
                cycles = cycles_at[day, term_end] = cycles_left(day, term_end)
            costs[cycles] = costs.get(cycles, _ZERO) + cost.amount
        total = _ZERO
        for cycles, cost_sum in costs.items():
            total += cost_sum * cycles
    return exact_money(total, code)


def cycles_left(day: dt.date, term_end: dt.date) -> int:
    """Monthly charge cycles that start after ``day`` and no later than ``term_end``.

    Cycles start on the day after the term end, stepped back month by month (clamped to month ends).

    >>> cycles_left(dt.date(2024, 1, 15), dt.date(2024, 12, 31))
    11
    """
    start = _validate.date(day, "day")
    end = _validate.date(term_end, "term_end")
    # The day after the term end, as (year, month, day): after 9999-12-31 it is 10000-01-01, which
    # has no date but counts the same way.
    if end < dt.date.max:
        after = end + dt.timedelta(days=1)
        anchor = (after.year, after.month, after.day)
    else:
        anchor = (dt.MAXYEAR + 1, 1, 1)
    if anchor <= (start.year, start.month, start.day):
        return 0
    # The k-th cycle back starts in the month k months before the anchor's, on the anchor's day
    # clamped to that month's length; count those after ``start`` without stepping month by month.
    months = (anchor[0] - start.year) * 12 + anchor[1] - start.month
    same_month_start = min(anchor[2], days_in_month(start.year, start.month))
    return months if same_month_start > start.day else months - 1


def _accounts(given: tuple[Account, ...] | list[Account]) -> tuple[Account, ...]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)):
        raise InvalidInput("accounts", "expected a tuple of Account", value, code=ErrorCode.WRONG_TYPE)
    return tuple(_validate.instance(a, Account, f"accounts[{i}]") for i, a in enumerate(value))


def _optional_currency(value: object, field: str) -> str | None:
    return None if value is None else currency_code(value, field)


def accounts_currency(accounts: tuple[Account, ...]) -> str | None:
    """The currency of the first of ``accounts`` whose ledger has documents, else None (internal)."""
    return next((a.ledger.currency for a in accounts if a.ledger.currency is not None), None)


@attrs.frozen(kw_only=True)
class Portfolio:
    """Accounts in one currency.

    Args:
        accounts: The accounts, with unique ids.
        currency: The portfolio's currency. Left out, it is the ledgers' (None while no ledger has
            documents); given, every ledger with documents must be in it. A portfolio whose ledgers
            are all empty (or that has no accounts) carries it all the same, so that a part of a
            portfolio (:meth:`partition`) keeps the whole's currency.

    Raises:
        CurrencyMismatch: ledgers in two currencies (``accounts``), ``currency`` other than theirs, or
            an account's monthly cost in another currency than the portfolio's
            (``accounts[i].monthly_cost``).

    >>> Portfolio(accounts=()).currency is None
    True
    >>> Portfolio(accounts=(), currency="USD").currency
    'USD'

    .. versionchanged:: 0.3.0
        ``currency`` is a field: it can be given, and :meth:`partition` passes it on.
    """

    accounts: tuple[Account, ...] = attrs.field(converter=_accounts)
    currency: str | None = attrs.field(default=None, validator=_validate.attrs_validator(_optional_currency))

    def __attrs_post_init__(self) -> None:
        ids = [account.id for account in self.accounts]
        if len(set(ids)) != len(ids):
            counts = Counter(ids)  # one pass: a large portfolio's refusal stays linear
            raise InvalidInput(
                "accounts",
                "account ids must be unique",
                next(i for i in ids if counts[i] > 1),
                code=ErrorCode.DUPLICATE,
            )
        currencies = {a.ledger.currency for a in self.accounts if a.ledger.currency is not None}
        if len(currencies) > 1:
            first, second = sorted(currencies)[:2]
            raise CurrencyMismatch("accounts", first, second)
        own = next(iter(currencies), None)
        if self.currency is None:
            object.__setattr__(self, "currency", own)  # the ledgers' (a frozen value's own field)
        elif own is not None and own != self.currency:
            raise CurrencyMismatch("currency", own, self.currency)
        code = self.currency
        if code is not None:  # an account of an empty ledger has its cost checked here
            for index, account in enumerate(self.accounts):
                cost = account.monthly_cost
                if cost is not None and cost.currency != code:
                    raise CurrencyMismatch(f"accounts[{index}].monthly_cost", code, cost.currency)

    def partition(self, parts: int) -> tuple[Portfolio, ...]:
        """Split into ``parts`` portfolios of about equal size (account order kept), in this currency.

        A part whose ledgers are all empty (or that has no accounts) still carries the currency, so
        that simulating the parts and merging them gives what simulating the whole gives.

        >>> from cspcore.billing.samples import sample_portfolio
        >>> [len(p.accounts) for p in sample_portfolio(seed=1, accounts=5).partition(2)]
        [3, 2]
        >>> [p.currency for p in sample_portfolio(seed=1, accounts=1).partition(2)]
        ['EUR', 'EUR']
        """
        count = _validate.integer(parts, "parts", minimum=1, maximum=100_000)
        size, extra = divmod(len(self.accounts), count)
        result: list[Portfolio] = []
        at = 0
        for index in range(count):
            width = size + (1 if index < extra else 0)
            result.append(Portfolio(accounts=self.accounts[at : at + width], currency=self.currency))
            at += width
        return tuple(result)


#: The largest seed :func:`sample_portfolio` takes: any 64-bit one (a larger int adds nothing a
#: sample needs, and one of thousands of digits would only be slow to hash).

#: Account's and Portfolio's trusted constructors, for the sample generators, whose values are
#: checked as they are built (a property test holds their portfolios equal to checked ones).
trusted_account: Final = trusted_constructor(Account)
trusted_portfolio: Final = trusted_constructor(Portfolio)
