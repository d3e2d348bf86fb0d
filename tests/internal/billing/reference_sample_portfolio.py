"""The sample generators as they were, frozen as the references (test support).

:func:`reference_sample_portfolio` is the straightforward version of ``sample_portfolio`` from before
issue 17, and :func:`reference_sample_accounts` the per-account-stream ``sample_accounts`` as it
landed: every value goes through its checked public constructor. The fast generators in
:mod:`cspcore.billing.portfolio` must build exactly the same portfolios from the same arguments; the
property tests beside this file hold them so.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from cspcore import _validate
from cspcore.billing.invoices import Invoice, Ledger, Payment
from cspcore.billing.portfolio import MAX_ACCOUNT_NUMBER, MAX_SEED, Account, Portfolio
from cspcore.billing.terms_of_payment import PaymentTerms, due_date
from cspcore.dates import add_months
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.money import Money, minor_units

#: Payment behaviours: (weight, days after due from, to); None means never pays.
_BEHAVIOURS: tuple[tuple[int, tuple[int, int] | None], ...] = (
    (70, (-10, 0)),
    (18, (1, 30)),
    (8, (31, 90)),
    (4, None),
)


def reference_sample_portfolio(
    *,
    seed: int = 2024,
    accounts: int = 50,
    invoices: int = 12,
    start: dt.date = dt.date(2024, 1, 8),
    currency: str = "EUR",
    terms: PaymentTerms = PaymentTerms(net_days=30),  # noqa: B008 - a frozen value
) -> Portfolio:
    """The pre-issue-17 generator, value by value through the checked constructors: one stream."""
    chosen_seed, count, months, first = _reference_arguments(
        seed, accounts, "accounts", invoices, start, terms
    )
    rng = random.Random(chosen_seed)  # noqa: S311 - simulation data, not security
    digits = minor_units(Money.zero(currency).currency)
    return Portfolio(
        accounts=tuple(
            _reference_account(rng, number, months, first, currency, terms, digits) for number in range(count)
        )
    )


def reference_sample_accounts(
    *,
    seed: int = 2024,
    first: int = 0,
    count: int = 50,
    invoices: int = 12,
    start: dt.date = dt.date(2024, 1, 8),
    currency: str = "EUR",
    terms: PaymentTerms = PaymentTerms(net_days=30),  # noqa: B008 - a frozen value
) -> Portfolio:
    """``sample_accounts`` as it landed: account ``n`` from ``Random((seed << 64) | n)``, checked values."""
    chosen_seed, how_many, months, first_issue = _reference_arguments(
        seed, count, "count", invoices, start, terms
    )
    low = _validate.integer(first, "first", minimum=0, maximum=MAX_ACCOUNT_NUMBER)
    if low + how_many - 1 > MAX_ACCOUNT_NUMBER:
        raise InvalidInput("count", "past the last account number", how_many, code=ErrorCode.OUT_OF_RANGE)
    digits = minor_units(Money.zero(currency).currency)
    return Portfolio(
        accounts=tuple(
            _reference_account(
                random.Random((chosen_seed << 64) | number),  # noqa: S311 - simulation data
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


def _reference_arguments(  # noqa: PLR0917 - the generators' arguments, in their order
    seed: object, accounts: object, accounts_field: str, invoices: object, start: object, terms: object
) -> tuple[int, int, int, dt.date]:
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


def _reference_account(  # noqa: PLR0917 - one account of a sample, drawn from ``rng``
    rng: random.Random,
    number: int,
    months: int,
    first: dt.date,
    currency: str,
    terms: PaymentTerms,
    digits: int,
) -> Account:
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
