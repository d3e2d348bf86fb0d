"""Sample portfolios: deterministic, realistic accounts from a seed.

:mod:`cspcore.billing.portfolio` re-exports every name.

:func:`sample_portfolio` draws every account from one stream; :func:`sample_accounts` gives account
number ``n`` its own stream, so that any range can be generated apart (on a Dask worker).

>>> sample_portfolio(seed=7, accounts=3).currency
'EUR'

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from cspcore import _validate
from cspcore.billing.invoices import Invoice, Ledger, Payment
from cspcore.billing.ledger.account import trusted_ledger
from cspcore.billing.ledger.invoices import Allocation, DocumentType, trusted_invoice, trusted_payment
from cspcore.billing.terms_of_payment import PaymentTerms, due_date
from cspcore.dates import add_months
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.money import Money, exact_money, minor_units

if TYPE_CHECKING:
    from collections.abc import Callable

from cspcore.billing.accounts import Account, Portfolio, trusted_account, trusted_portfolio

__all__ = ["MAX_ACCOUNT_NUMBER", "MAX_SEED", "PROGRESS_STEP", "sample_accounts", "sample_portfolio"]

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


def sample_portfolio(  # noqa: PLR0915 - one loop over accounts and months, its constants hoisted
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
    chosen_seed, count, months, first = _sample_arguments(seed, accounts, "accounts", invoices, start, terms)
    chosen = terms
    rng = random.Random(chosen_seed)  # noqa: S311 - simulation data, not security
    if progress is not None and not callable(progress):
        raise InvalidInput("progress", "expected a callable", progress, code=ErrorCode.WRONG_TYPE)
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
        append(trusted_account(account_id, ledger, cost, term_end))
        if progress is not None and number + 1 - reported == PROGRESS_STEP:
            progress(PROGRESS_STEP)
            reported = number + 1
    if progress is not None and count > reported:
        progress(count - reported)
    # Ids are unique (one number each) and every ledger is in ``currency``: nothing to re-check.
    return trusted_portfolio(tuple(result))


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
    return Account(
        id=account_id,
        ledger=Ledger(invoices=tuple(docs), payments=tuple(paid), account_id=account_id),
        monthly_cost=cost,
        term_end=term_end,
    )
