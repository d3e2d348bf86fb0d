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
import itertools
import random
from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _structure, _validate
from cspcore._trusted import trusted_constructor
from cspcore.billing.invoices import CreditNote, Invoice, Ledger, Payment
from cspcore.billing.ledger.account import trusted_ledger
from cspcore.billing.ledger.invoices import Allocation, DocumentType, trusted_invoice, trusted_payment
from cspcore.billing.terms_of_payment import PaymentTerms, due_date
from cspcore.dates import add_months, days_in_month
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.money import Money, as_money, exact_money, minor_units

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = [
    "MAX_SEED",
    "PROGRESS_STEP",
    "Account",
    "Portfolio",
    "cycles_left",
    "portfolio_from_dict",
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


#: How many accounts :func:`sample_portfolio` builds between two calls of its ``progress`` callback.
PROGRESS_STEP: Final = 1_000


def sample_portfolio(  # noqa: C901, PLR0915 - one loop over accounts and months, its constants hoisted
    *,
    seed: int = 2024,
    accounts: int = 50,
    invoices: int = 12,
    start: dt.date = dt.date(2024, 1, 8),
    currency: str = "EUR",
    terms: PaymentTerms = PaymentTerms(net_days=30),  # noqa: B008 - a frozen value
    progress: Callable[[int], object] | None = None,
) -> Portfolio:
    """Generate a deterministic sample portfolio.

    Each account gets ``invoices`` monthly invoices from ``start`` (same day each month), due under
    ``terms``. Behaviour per account, drawn from the seed: about 70 % pay on or before the due date,
    18 % 1-30 days late, 8 % 31-90 days late, 4 % never pay; a few late payers pay in two parts.

    Everything that is the same for every account (issue and due dates, document id suffixes, the
    term end) is worked out and checked once; each account's values are then built through their
    classes' trusted constructors, so that 100,000 accounts take seconds, not minutes.

    Args:
        seed: The random seed, 0 to :data:`MAX_SEED` (the result depends on nothing else).
        accounts: How many accounts (at most 1,000,000).
        invoices: Invoices per account (at most 120, ten years).
        start: The first issue date.
        currency: The currency.
        terms: The partner's payment terms.
        progress: Called with the number of accounts just built, every :data:`PROGRESS_STEP`
            accounts and once for the rest (a progress bar's ``advance``); it changes nothing built.

    >>> p = sample_portfolio(seed=3, accounts=2, invoices=2)
    >>> [len(a.ledger.invoices) for a in p.accounts]
    [2, 2]
    >>> done = []
    >>> len(sample_portfolio(seed=3, accounts=2_500, invoices=1, progress=done.append).accounts), done
    (2500, [1000, 1000, 500])
    """
    chosen_seed = _validate.integer(seed, "seed", minimum=0, maximum=MAX_SEED)
    rng = random.Random(chosen_seed)  # noqa: S311 - simulation data, not security
    count = _validate.integer(accounts, "accounts", minimum=0, maximum=1_000_000)
    months = _validate.integer(invoices, "invoices", minimum=0, maximum=120)
    first = _validate.date(start, "start")
    chosen: PaymentTerms = _validate.instance(terms, PaymentTerms, "terms")  # checked even if unused
    if progress is not None and not callable(progress):
        raise InvalidInput("progress", "expected a callable", progress, code=ErrorCode.WRONG_TYPE)
    # The latest date a sample can hold: the last issue (or the term end a year on), its month's end
    # and net days, 90 days late and a second part 40 days later. Past 9999-12-31 it is refused.
    latest = first.toordinal() + 31 * (max(months, 12) + 1) + chosen.net_days + 90 + 40
    if latest > dt.date.max.toordinal():
        raise InvalidInput(
            "start", "the sample's dates would run past 9999-12-31", first, code=ErrorCode.OUT_OF_RANGE
        )
    code = Money.zero(currency).currency
    digits = -minor_units(code)
    # The same for every account: issue and due dates (as dates and ordinals) and id suffixes.
    issued_days = [add_months(first, month) for month in range(months)]
    due_days = [due_date(issued, chosen) for issued in issued_days]
    issued_ordinals = [issued.toordinal() for issued in issued_days]
    gaps = [(due - issued).days for issued, due in zip(issued_days, due_days, strict=True)]
    suffixes = [f"-{month + 1:03d}" for month in range(months)]
    term_end = add_months(first, 12) - dt.timedelta(days=1)
    dates: dict[int, dt.date] = {}  # received days by ordinal, shared by the accounts paying on them
    population = [b for _, b in _BEHAVIOURS]
    cumulative = list(itertools.accumulate(w for w, _ in _BEHAVIOURS))
    choices, uniform = rng.choices, rng.random
    randint = _randint(rng)
    amounts: dict[int, Money] = {}  # amounts by minor units, shared within this call only

    def money(units: int) -> Money:
        found = amounts.get(units)
        if found is None:
            found = amounts[units] = exact_money(Decimal(units).scaleb(digits), code)
        return found

    empty: frozenset[str] = frozenset()
    result: list[Account] = []
    append = result.append
    reported = 0
    for number in range(count):
        account_id = f"A{number:05d}"
        # The draws, in the order the generator has always made them: behaviour, base, then per
        # month the amount, the delay and (late payers) whether and when a second part comes.
        behaviour = choices(population, cum_weights=cumulative)[0]
        base = randint(5_000, 500_000)
        low, high = -base // 10, base // 10  # floor division: low is not always -high
        docs: list[Invoice] = []
        paid: list[Payment] = []
        for month in range(months):
            units = base + randint(low, high)
            amount = money(units)
            invoice_id = account_id + suffixes[month]
            docs.append(
                trusted_invoice(
                    id=invoice_id,
                    issued=issued_days[month],
                    currency=code,
                    lines=(),
                    total_charges=amount,
                    due=due_days[month],
                    document_type=DocumentType.INVOICE,
                    billing_period_start=None,
                    billing_period_end=None,
                    paid_amount=None,
                    amendments=(),
                    customer_id=None,
                    disputed=False,
                    amends_of=None,
                )
            )
            if behaviour is None:
                continue
            late = randint(*behaviour)
            # max(issued, due + late), counted from issued: an early payer near 0001-01-01 has no
            # date before it
            ordinal = issued_ordinals[month] + max(0, gaps[month] + late)
            received = dates.get(ordinal) or dates.setdefault(ordinal, dt.date.fromordinal(ordinal))
            if late > 0 and uniform() < 0.25:
                half = units // 2
                paid.append(
                    _payment(
                        f"{invoice_id}-P1",
                        money(half),
                        received,
                        invoice_id,
                    )
                )
                later = ordinal + randint(5, 40)
                second = dates.get(later) or dates.setdefault(later, dt.date.fromordinal(later))
                rest = money(units - half)
                paid.append(_payment(f"{invoice_id}-P2", rest, second, invoice_id))
            else:
                paid.append(_payment(f"{invoice_id}-P", amount, received, invoice_id))
        ledger = trusted_ledger(
            invoices=tuple(docs),
            payments=tuple(paid),
            credit_notes=(),
            voided=empty,
            written_off=empty,
            closed_on=(),
            on_payment_plan=empty,
            account_id=account_id,
        )
        cost = money(base * 85 // 100)
        append(_trusted_account(account_id, ledger, cost, term_end))
        if progress is not None and number + 1 - reported == PROGRESS_STEP:
            progress(PROGRESS_STEP)
            reported = number + 1
    if progress is not None and count > reported:
        progress(count - reported)
    # Ids are unique (one number each) and every ledger is in ``currency``: nothing to re-check.
    return _trusted_portfolio(tuple(result))


def _randint(rng: random.Random) -> Callable[[int, int], int]:
    """``rng.randint``, drawing exactly the same numbers from ``rng`` without its per-call checks.

    ``randint(a, b)`` draws ``a + r`` with ``r`` below ``n = b - a + 1``: ``n.bit_length()`` random
    bits, drawn again until they fall below ``n`` (what :class:`random.Random` does for every
    ``n``). A property test holds the portfolio equal to the one drawn through ``rng.randint``.
    """
    getrandbits = rng.getrandbits

    def randint(low: int, high: int) -> int:
        width = high - low + 1
        bits = width.bit_length()
        drawn = getrandbits(bits)
        while drawn >= width:
            drawn = getrandbits(bits)
        return low + drawn

    return randint


def _payment(key: str, amount: Money, received: dt.date, invoice_id: str) -> Payment:
    return trusted_payment(
        id=key,
        amount=amount,
        received=received,
        invoice_id=invoice_id,
        allocation=Allocation.OLDEST_DUE_FIRST,
    )


#: Account's and Portfolio's trusted constructors, for :func:`sample_portfolio`, whose values are
#: checked as they are built (a property test holds its portfolios equal to checked ones).
_trusted_account: Final = trusted_constructor(Account)
_trusted_portfolio: Final = trusted_constructor(Portfolio)


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
