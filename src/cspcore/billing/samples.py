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
from bisect import bisect
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from cspcore import _decimal, _validate
from cspcore.billing.ledger.account import trusted_ledger
from cspcore.billing.ledger.invoices import Allocation, DocumentType, trusted_invoice, trusted_payment
from cspcore.billing.terms_of_payment import PaymentTerms, due_date
from cspcore.dates import add_months
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.money import Money, exact_money, minor_units

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

    from cspcore.billing.invoices import Invoice, Payment

from cspcore.billing.accounts import Account, Portfolio, accounts_currency, trusted_account, trusted_portfolio

__all__ = ["MAX_ACCOUNT_NUMBER", "MAX_SEED", "PROGRESS_STEP", "sample_accounts", "sample_portfolio"]

MAX_SEED: Final = 2**64 - 1
#: A count of minor units as an amount, exactly (``Decimal.scaleb`` alone rounds in the ambient context).
_scaleb: Final = _decimal.EXACT.scaleb

#: Payment behaviours: (weight, days after due from, to); None means never pays.
_BEHAVIOURS: tuple[tuple[int, tuple[int, int] | None], ...] = (
    (70, (-10, 0)),
    (18, (1, 30)),
    (8, (31, 90)),
    (4, None),
)


#: How many accounts :func:`sample_portfolio` builds between two calls of its ``progress`` callback.
PROGRESS_STEP: Final = 1_000

# ``randint(5_000, 500_000)`` (an account's base amount in minor units) and ``randint(5, 40)`` (the
# days between two parts of a payment) as a first value, how many values, and their bits.
_BASE_LOW, _BASE_WIDTH = 5_000, 500_000 - 5_000 + 1
_BASE_BITS = _BASE_WIDTH.bit_length()
_SECOND_LOW, _SECOND_WIDTH = 5, 40 - 5 + 1
_SECOND_BITS = _SECOND_WIDTH.bit_length()


def sample_portfolio(
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
    term end, the days payments can arrive on) is worked out and checked once; each account's values
    are then built through their classes' trusted constructors, so that 100,000 accounts take
    seconds, not minutes.

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
    if progress is not None and not callable(progress):
        raise InvalidInput("progress", "expected a callable", progress, code=ErrorCode.WRONG_TYPE)
    rng = random.Random(chosen_seed)  # noqa: S311 - simulation data, not security
    # Every account draws from the one stream, in account order.
    drawn = _draw_accounts(zip(range(count), itertools.repeat(rng)), months, first, currency, terms)
    # Gathered in a list, copied to a tuple once: a tuple grown from the generator would be moved
    # back among the collector's young objects, and scanned whole, at each of its resizes.
    built: list[Account] = []
    if progress is None:
        built.extend(drawn)
    else:
        while len(built) < count:
            step = min(PROGRESS_STEP, count - len(built))
            built.extend(itertools.islice(drawn, step))
            progress(step)
    # Ids are unique (one number each) and every ledger is in ``currency``: nothing to re-check.
    made = tuple(built)
    return trusted_portfolio(made, accounts_currency(made))


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
    numbers = range(low, low + how_many)
    # One stream per account, seeded by the pair (seed, number) packed into one integer.
    streams = ((number, random.Random((chosen_seed << 64) | number)) for number in numbers)  # noqa: S311 - simulation data, not security
    built = list(
        _draw_accounts(streams, months, first_issue, currency, terms)
    )  # a list: see sample_portfolio
    # Ids are unique (one number each) and every ledger is in ``currency``: nothing to re-check.
    made = tuple(built)
    return trusted_portfolio(made, accounts_currency(made))


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


class _Amounts(dict[int, Money]):
    """Amounts in one currency by their count of minor units, each built once when first asked for.

    Equal amounts of one sample share one :class:`~cspcore.money.Money`, for this call only: fewer
    values to build and for the garbage collector to scan.
    """

    def __init__(self, currency: str) -> None:
        super().__init__()
        self.currency = currency
        self.exponent = -minor_units(currency)

    def __missing__(self, units: int) -> Money:
        made = self[units] = exact_money(_scaleb(Decimal(units), self.exponent), self.currency)
        return made


def _draw_accounts(  # noqa: PLR0915 - one loop over accounts and months, its constants hoisted
    streams: Iterable[tuple[int, random.Random]],
    months: int,
    first: dt.date,
    currency: str,
    terms: PaymentTerms,
) -> Iterator[Account]:
    """A sample's accounts, one per ``(number, stream)``, drawn from its stream: the one owner of the draws.

    The draws, in the order the generator has always made them: the behaviour (``choices``), the
    base amount, then per month the amount, the delay and (late payers) whether and when a second
    part comes. ``randint`` and ``choices`` are worked out here from the stream's ``getrandbits`` and
    ``random`` exactly as :class:`random.Random` works them out, without their per-call checks:
    ``randint(a, b)`` is ``a + r`` for the first ``r`` of ``(b - a + 1).bit_length()`` random bits
    below ``b - a + 1``; ``choices`` with cumulative weights bisects them at ``random() * total``
    (the property tests hold the portfolios equal to ones drawn through ``randint`` and ``choices``).
    The arguments are checked ones (``first`` and ``terms`` by :func:`_sample_arguments`).
    """
    code = Money.zero(currency).currency
    # The same for every account: issue and due dates, id suffixes, the term end.
    issued_days = [add_months(first, month) for month in range(months)]
    due_days = [due_date(issued, terms) for issued in issued_days]
    suffixes = [f"-{month + 1:03d}" for month in range(months)]
    term_end = add_months(first, 12) - dt.timedelta(days=1)
    # Every day a payment can arrive on, from the first issue to the last due date, 90 days late
    # and a second part 40 days later; a payment's day is an index into them.
    origin = first.toordinal()
    last = due_days[-1].toordinal() + 90 + 40 if due_days else origin
    days = [dt.date.fromordinal(ordinal) for ordinal in range(origin, last + 1)]
    # Per month: its id suffix, issue and due dates, the issue day's index and the days to due.
    issue_at = [issued.toordinal() - origin for issued in issued_days]
    gaps = [(due - issued).days for issued, due in zip(issued_days, due_days, strict=True)]
    months_of = tuple(zip(suffixes, issued_days, due_days, issue_at, gaps, strict=True))
    # The behaviours as (first delay, how many delays, their bits), None for never pays.
    population = [
        None if b is None else (b[0], b[1] - b[0] + 1, (b[1] - b[0] + 1).bit_length()) for _, b in _BEHAVIOURS
    ]
    cumulative = list(itertools.accumulate(w for w, _ in _BEHAVIOURS))
    total, hi = cumulative[-1] + 0.0, len(cumulative) - 1
    amounts = _Amounts(code)
    empty: frozenset[str] = frozenset()
    invoice_type, oldest_first = DocumentType.INVOICE, Allocation.OLDEST_DUE_FIRST
    for number, rng in streams:
        getrandbits, uniform = rng.getrandbits, rng.random
        account_id = f"A{number:05d}"
        behaviour = population[bisect(cumulative, uniform() * total, 0, hi)]
        drawn = getrandbits(_BASE_BITS)
        while drawn >= _BASE_WIDTH:
            drawn = getrandbits(_BASE_BITS)
        base = _BASE_LOW + drawn
        low = -base // 10  # floor division: low is not always -(base // 10)
        width = base // 10 - low + 1
        bits = width.bit_length()
        docs: list[Invoice] = []
        paid: list[Payment] = []
        for month_suffix, issued, due, at, gap in months_of:
            drawn = getrandbits(bits)
            while drawn >= width:
                drawn = getrandbits(bits)
            units = base + low + drawn
            amount = amounts[units]
            invoice_id = account_id + month_suffix
            docs.append(
                trusted_invoice(
                    id=invoice_id,
                    issued=issued,
                    currency=code,
                    lines=(),
                    total_charges=amount,
                    due=due,
                    document_type=invoice_type,
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
            earliest, delays, delay_bits = behaviour
            drawn = getrandbits(delay_bits)
            while drawn >= delays:
                drawn = getrandbits(delay_bits)
            late = earliest + drawn
            # max(issued, due + late), counted from issued: an early payer near 0001-01-01 has no
            # day before it
            after = gap + late
            received = at + after if after > 0 else at
            suffix, share = "-P", amount  # paid at once, or (a few late payers) in two parts
            if late > 0 and uniform() < 0.25:
                half = units // 2
                paid.append(
                    trusted_payment(
                        id=invoice_id + "-P1",
                        amount=amounts[half],
                        received=days[received],
                        invoice_id=invoice_id,
                        allocation=oldest_first,
                    )
                )
                drawn = getrandbits(_SECOND_BITS)
                while drawn >= _SECOND_WIDTH:
                    drawn = getrandbits(_SECOND_BITS)
                suffix, share, received = "-P2", amounts[units - half], received + _SECOND_LOW + drawn
            paid.append(
                trusted_payment(
                    id=invoice_id + suffix,
                    amount=share,
                    received=days[received],
                    invoice_id=invoice_id,
                    allocation=oldest_first,
                )
            )
        cost = amounts[base * 85 // 100]
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
        yield trusted_account(account_id, ledger, cost, term_end)
