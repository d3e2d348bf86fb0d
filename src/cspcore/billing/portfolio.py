"""Portfolios of accounts for what-if analysis, and a deterministic sample generator.

A :class:`Portfolio` is a set of :class:`Account` values, each a customer's ledger with its real
payment dates and, optionally, what its new-commerce subscriptions cost the partner each month
until their term ends (the partner keeps paying Microsoft while it suspends them,
``create-a-new-subscription.md``).

:func:`sample_portfolio` generates a realistic one from a seed: monthly invoices issued on the 8th
(when Microsoft's invoice is available, ``understand-your-invoice.md``) with net-30 terms; most
customers pay on time, a tail pays late, a few never pay.

>>> import datetime as dt
>>> from cspcore.billing.portfolio import sample_portfolio
>>> portfolio = sample_portfolio(seed=7, accounts=20)
>>> len(portfolio.accounts), portfolio.currency
(20, 'EUR')
>>> sample_portfolio(seed=7, accounts=20) == portfolio
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _structure, _validate
from cspcore.billing.invoices import CreditNote, Invoice, Ledger, Payment
from cspcore.billing.terms_of_payment import PaymentTerms, due_date
from cspcore.dates import add_months, days_in_month
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.money import Money, as_money, minor_units

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "MAX_ACCOUNT_NUMBER",
    "MAX_SEED",
    "Account",
    "Portfolio",
    "cycles_left",
    "portfolio_from_dict",
    "sample_accounts",
    "sample_portfolio",
]


_optional_money = _validate.optional(as_money)


_optional_date = _validate.optional(_validate.date)


@attrs.frozen(kw_only=True)
class Account:
    """One customer account in a portfolio.

    Args:
        id: The account id.
        ledger: Its ledger (invoices, real payments).
        monthly_cost: What its subscriptions cost the partner at Microsoft per monthly charge cycle.
        term_end: The last day of their term (inclusive); needed with ``monthly_cost``.

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


@attrs.frozen(kw_only=True)
class Portfolio:
    """Accounts in one currency.

    >>> Portfolio(accounts=()).currency is None
    True
    """

    accounts: tuple[Account, ...] = attrs.field(converter=_accounts)

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

    @property
    def currency(self) -> str | None:
        """The portfolio's currency, or None while no ledger has documents."""
        return next((a.ledger.currency for a in self.accounts if a.ledger.currency is not None), None)

    def partition(self, parts: int) -> tuple[Portfolio, ...]:
        """Split into ``parts`` portfolios of about equal size (account order kept).

        >>> [len(p.accounts) for p in sample_portfolio(seed=1, accounts=5).partition(2)]
        [3, 2]
        """
        count = _validate.integer(parts, "parts", minimum=1, maximum=100_000)
        size, extra = divmod(len(self.accounts), count)
        result: list[Portfolio] = []
        at = 0
        for index in range(count):
            width = size + (1 if index < extra else 0)
            result.append(Portfolio(accounts=self.accounts[at : at + width]))
            at += width
        return tuple(result)


#: The largest seed :func:`sample_portfolio` takes: any 64-bit one (a larger int adds nothing a
#: sample needs, and one of thousands of digits would only be slow to hash).
MAX_SEED: Final = 2**64 - 1

#: Payment behaviours: (weight, days after due from, to); None means never pays.
_BEHAVIOURS: tuple[tuple[int, tuple[int, int] | None], ...] = (
    (70, (-10, 0)),
    (18, (1, 30)),
    (8, (31, 90)),
    (4, None),
)


def sample_portfolio(
    *,
    seed: int = 2024,
    accounts: int = 50,
    invoices: int = 12,
    start: dt.date = dt.date(2024, 1, 8),
    currency: str = "EUR",
    terms: PaymentTerms = PaymentTerms(net_days=30),  # noqa: B008 - a frozen value
) -> Portfolio:
    """Generate a deterministic sample portfolio.

    Each account gets ``invoices`` monthly invoices from ``start`` (same day each month), due under
    ``terms``. Behaviour per account, drawn from the seed: about 70 % pay on or before the due date,
    18 % 1-30 days late, 8 % 31-90 days late, 4 % never pay; a few late payers pay in two parts.

    Args:
        seed: The random seed, 0 to :data:`MAX_SEED` (the result depends on nothing else).
        accounts: How many accounts (at most 1,000,000).
        invoices: Invoices per account (at most 120, ten years).
        start: The first issue date.
        currency: The currency.
        terms: The partner's payment terms.

    >>> p = sample_portfolio(seed=3, accounts=2, invoices=2)
    >>> [len(a.ledger.invoices) for a in p.accounts]
    [2, 2]
    """
    chosen_seed, count, months, first = _sample_arguments(seed, accounts, "accounts", invoices, start, terms)
    rng = random.Random(chosen_seed)  # noqa: S311 - simulation data, not security
    digits = minor_units(Money.zero(currency).currency)
    return Portfolio(
        accounts=tuple(
            _sample_account(rng, number, months, first, currency, terms, digits) for number in range(count)
        )
    )


#: The largest account number :func:`sample_accounts` gives (ids up to ``A999999999``).
MAX_ACCOUNT_NUMBER: Final = 999_999_999


def sample_accounts(
    *,
    seed: int = 2024,
    first: int = 0,
    count: int = 50,
    invoices: int = 12,
    start: dt.date = dt.date(2024, 1, 8),
    currency: str = "EUR",
    terms: PaymentTerms = PaymentTerms(net_days=30),  # noqa: B008 - a frozen value
) -> Portfolio:
    """Generate sample accounts number ``first`` to ``first + count - 1``, each from its own random stream.

    The accounts are drawn as :func:`sample_portfolio` draws them (same behaviours, invoices and
    payments), but account number ``n`` draws from a stream seeded by ``seed`` and ``n`` alone, so
    any range is generated without the accounts before it: ranges generated apart (on other
    processes or machines) make up exactly the range generated at once. The accounts differ from
    :func:`sample_portfolio`'s, whose accounts share one stream.

    Args:
        seed: The random seed, 0 to :data:`MAX_SEED`.
        first: The number of the first account (its id is ``A`` and the number, at least five
            digits), 0 to :data:`MAX_ACCOUNT_NUMBER`.
        count: How many accounts (at most 1,000,000; the last number at most :data:`MAX_ACCOUNT_NUMBER`).
        invoices: Invoices per account (at most 120, ten years).
        start: The first issue date.
        currency: The currency.
        terms: The partner's payment terms.

    >>> whole = sample_accounts(seed=3, first=0, count=5)
    >>> head, tail = sample_accounts(seed=3, first=0, count=2), sample_accounts(seed=3, first=2, count=3)
    >>> head.accounts + tail.accounts == whole.accounts
    True
    >>> tail.accounts[0].id
    'A00002'
    """
    chosen_seed, how_many, months, first_issue = _sample_arguments(
        seed, count, "count", invoices, start, terms
    )
    low = _validate.integer(first, "first", minimum=0, maximum=MAX_ACCOUNT_NUMBER)
    if low + how_many - 1 > MAX_ACCOUNT_NUMBER:
        raise InvalidInput(
            "count",
            f"the last account number would pass {MAX_ACCOUNT_NUMBER}",
            how_many,
            code=ErrorCode.OUT_OF_RANGE,
        )
    digits = minor_units(Money.zero(currency).currency)
    return Portfolio(
        accounts=tuple(
            _sample_account(
                # One stream per account, seeded by the pair (seed, number) packed into one integer.
                random.Random((chosen_seed << 64) | number),  # noqa: S311 - simulation data, not security
                number,
                months,
                first_issue,
                currency,
                terms,
                digits,
            )
            for number in range(low, low + how_many)
        )
    )


def _sample_arguments(  # noqa: PLR0917 - the sample's arguments, in their order
    seed: object, accounts: object, accounts_field: str, invoices: object, start: object, terms: object
) -> tuple[int, int, int, dt.date]:
    """A sample's checked seed, account count, invoices per account and first issue date."""
    chosen_seed = _validate.integer(seed, "seed", minimum=0, maximum=MAX_SEED)
    count = _validate.integer(accounts, accounts_field, minimum=0, maximum=1_000_000)
    months = _validate.integer(invoices, "invoices", minimum=0, maximum=120)
    first = _validate.date(start, "start")
    chosen: PaymentTerms = _validate.instance(terms, PaymentTerms, "terms")  # checked even if unused
    # The latest date a sample can hold: the last issue (or the term end a year on), its month's end
    # and net days, 90 days late and a second part 40 days later. Past 9999-12-31 it is refused.
    latest = first.toordinal() + 31 * (max(months, 12) + 1) + chosen.net_days + 90 + 40
    if latest > dt.date.max.toordinal():
        raise InvalidInput(
            "start", "the sample's dates would run past 9999-12-31", first, code=ErrorCode.OUT_OF_RANGE
        )
    return chosen_seed, count, months, first


def _sample_account(  # noqa: PLR0917 - one account of a sample, drawn from ``rng``
    rng: random.Random,
    number: int,
    months: int,
    first: dt.date,
    currency: str,
    terms: PaymentTerms,
    digits: int,
) -> Account:
    """Account number ``number`` of a sample, drawn from ``rng`` (see :func:`sample_portfolio`)."""
    weights = [w for w, _ in _BEHAVIOURS]
    account_id = f"A{number:05d}"
    behaviour = rng.choices([b for _, b in _BEHAVIOURS], weights=weights)[0]
    base = rng.randint(5_000, 500_000)
    docs: list[Invoice] = []
    paid: list[Payment] = []
    for month in range(months):
        issued = add_months(first, month)
        units = base + rng.randint(-base // 10, base // 10)
        amount = Money(Decimal(units).scaleb(-digits), currency)
        due = due_date(issued, terms)
        invoice_id = f"{account_id}-{month + 1:03d}"
        docs.append(Invoice(id=invoice_id, issued=issued, due=due, currency=currency, total_charges=amount))
        if behaviour is None:
            continue
        low, high = behaviour
        late = rng.randint(low, high)
        # max(issued, due + late), counted from issued: an early payer near 0001-01-01 has no
        # date before it
        received = issued + dt.timedelta(days=max(0, (due - issued).days + late))
        if late > 0 and rng.random() < 0.25:
            half = Money(Decimal(units // 2).scaleb(-digits), currency)
            paid.append(Payment(id=f"{invoice_id}-P1", amount=half, received=received, invoice_id=invoice_id))
            rest = amount - half
            paid.append(
                Payment(
                    id=f"{invoice_id}-P2",
                    amount=rest,
                    received=received + dt.timedelta(days=rng.randint(5, 40)),
                    invoice_id=invoice_id,
                )
            )
        else:
            paid.append(
                Payment(id=f"{invoice_id}-P", amount=amount, received=received, invoice_id=invoice_id)
            )
    cost = Money(Decimal(base * 85 // 100).scaleb(-digits), currency)
    term_end = add_months(first, 12) - dt.timedelta(days=1)
    cost = Money(Decimal(base * 85 // 100).scaleb(-digits), currency)
    term_end = add_months(first, 12) - dt.timedelta(days=1)
    return Account(
        id=account_id,
        ledger=Ledger(invoices=tuple(docs), payments=tuple(paid), account_id=account_id),
        monthly_cost=cost,
        term_end=term_end,
    )


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


_PORTFOLIO: Final = _structure.table(Portfolio, accounts=_structure.items(_account))


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
