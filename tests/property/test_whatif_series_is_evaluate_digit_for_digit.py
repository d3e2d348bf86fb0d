"""Law: each stage's amount in the what-if series is, digit for digit, what evaluate says of its accounts.

On every day, a stage's amount is the exact sum from ``Decimal(0)`` of ``evaluate(...).overdue`` of
the accounts in it (each ledger under its account's id): the same value and the same exponent, so
``Decimal(0)`` for a stage whose accounts owe nothing, however much went through it before. So is
each day's total on Microsoft's due dates, and ``records()``' (and ``to_pandas()``'s exact) amounts.
Amounts of mixed exponents (``5E+1``, ``50``, ``50.0``, ``50.00``) in one ledger or across ledgers,
paid whole or in parts, by name or not, are where a running sum would keep an exponent of an amount
since paid; ledgers all in cents are the common case.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cspcore import Money
from cspcore._decimal import exact_sum
from cspcore.billing import STANDARD, STRICT, CollectionsPolicy, Invoice, Ledger, Payment, evaluate
from cspcore.billing.portfolio import Account, Portfolio
from cspcore.billing.whatif import SimulationResult, simulate
from cspcore.testing.ledger import ledgers, policies

D = dt.date
START = D(2024, 1, 1)


def _amount(units: int, exponent: int) -> Decimal:
    return Decimal(units).scaleb(exponent)


@st.composite
def mixed_ledgers(draw: st.DrawFn) -> Ledger:
    """Invoices of amounts in tens, units, tenths or cents, paid whole or in part, named or not."""
    invoices: list[Invoice] = []
    payments: list[Payment] = []
    for number in range(draw(st.integers(min_value=1, max_value=4))):
        issued = START + dt.timedelta(days=draw(st.integers(min_value=0, max_value=40)))
        due = issued + dt.timedelta(days=draw(st.sampled_from((0, 5, 14))))
        total = _amount(draw(st.integers(min_value=1, max_value=99)), draw(st.sampled_from((1, 0, -1, -2))))
        invoices.append(
            Invoice(
                id=f"I{number}", issued=issued, due=due, currency="EUR", total_charges=Money(total, "EUR")
            )
        )
        paid = draw(st.sampled_from(("no", "whole", "whole, other exponent", "part")))
        if paid == "no":
            continue
        if paid == "whole":
            amount = total
        elif paid == "whole, other exponent":
            amount = total.quantize(Decimal("0.01"))
        else:
            amount = (total / 2).quantize(Decimal("0.1")) if total >= 1 else total
        received = due + dt.timedelta(days=draw(st.integers(min_value=-2, max_value=30)))
        named = draw(st.booleans())
        payments.append(
            Payment(
                id=f"P{number}",
                amount=Money(amount, "EUR"),
                received=max(received, issued),
                invoice_id=f"I{number}" if named else None,
            )
        )
    return Ledger(invoices=tuple(invoices), payments=tuple(payments))


def _digits(amount: Decimal) -> tuple[Decimal, int]:
    return amount, int(amount.as_tuple().exponent)


def _assert_series_is_evaluate(
    policy: CollectionsPolicy, books: list[Ledger], length: int
) -> SimulationResult:
    accounts = tuple(
        Account(id=f"A{i}", ledger=attrs.evolve(book, account_id=f"A{i}")) for i, book in enumerate(books)
    )
    end = START + dt.timedelta(days=length)
    result = simulate(policy, Portfolio(accounts=accounts), start=START, end=end)
    names = result.stage_names
    due_totals = dict(result.summary.overdue_at_microsoft_due)
    for point in result.series:
        in_stage: list[list[Decimal]] = [[] for _ in names]
        for account in accounts:
            standing = evaluate(policy, account.ledger, as_of=point.day, currency="EUR")
            slot = 0 if standing.stage is None else 1 + policy.stages.index(standing.stage)
            in_stage[slot].append(standing.overdue.amount)
        expected = [_digits(exact_sum(amounts)) for amounts in in_stage]
        assert [_digits(money.amount) for money in point.overdue] == expected, point.day
        assert list(point.accounts) == [len(amounts) for amounts in in_stage]
        if point.day in due_totals:
            everyone = [amount for amounts in in_stage for amount in amounts]
            assert _digits(due_totals[point.day].amount) == _digits(exact_sum(everyone))
    records = result.records()
    assert [_digits(row["overdue"]) for row in records] == [
        _digits(money.amount) for point in result.series for money in point.overdue
    ]
    return result


# 12.5 and 50 due on the 10th, the 12.5 paid on the 15th: the 50 alone is Money('50'), not '50.0'.
TWELVE_AND_A_HALF_THEN_FIFTY = Ledger(
    invoices=(
        Invoice(id="A", issued=START, due=D(2024, 1, 10), currency="EUR", total_charges=Money("12.5", "EUR")),
        Invoice(id="B", issued=START, due=D(2024, 1, 10), currency="EUR", total_charges=Money("50", "EUR")),
    ),
    payments=(Payment(id="P", amount=Money("12.5", "EUR"), received=D(2024, 1, 15), invoice_id="A"),),
)
FIVE_TENS = Ledger(
    invoices=(
        Invoice(id="A", issued=START, due=D(2024, 1, 3), currency="EUR", total_charges=Money("5E+1", "EUR")),
    )
)
FIFTY_IN_CENTS_PAID = Ledger(
    invoices=(
        Invoice(id="A", issued=START, due=D(2024, 1, 3), currency="EUR", total_charges=Money("50.00", "EUR")),
    ),
    payments=(Payment(id="P", amount=Money("50.00", "EUR"), received=D(2024, 1, 9), invoice_id="A"),),
)


def _swap(half: str) -> Ledger:
    """30.00 and 20.00 overdue; on the 12th the 20.00 is paid as two invoices of ``half`` fall overdue.

    Same oldest due date, one more invoice, an equal total in a new sum: the replay's account stays
    in its stage with an amount equal to the one it held.
    """
    bills = {
        "A": ("30.00", D(2024, 1, 5)),
        "B": ("20.00", D(2024, 1, 6)),
        "C": (half, D(2024, 1, 11)),
        "D": (half, D(2024, 1, 11)),
    }
    return Ledger(
        invoices=tuple(
            Invoice(id=key, issued=START, due=due, currency="EUR", total_charges=Money(amount, "EUR"))
            for key, (amount, due) in bills.items()
        ),
        payments=(Payment(id="P", amount=Money("20.00", "EUR"), received=D(2024, 1, 12), invoice_id="B"),),
    )


def test_the_fifty_left_once_twelve_and_a_half_is_paid_is_fifty_as_evaluate_says() -> None:
    result = _assert_series_is_evaluate(STRICT, [TWELVE_AND_A_HALF_THEN_FIFTY], 19)
    slot = result.stage_names.index("final_notice")
    assert repr(result.series[15].overdue[slot]) == "Money('50', 'EUR')"


def test_a_stage_emptied_of_cents_holds_zero_as_a_stage_never_used_does() -> None:
    result = _assert_series_is_evaluate(STRICT, [FIFTY_IN_CENTS_PAID], 19)
    assert {repr(money) for money in result.series[-1].overdue} == {"Money('0', 'EUR')"}


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from((STANDARD, STRICT)) | policies(),
    st.lists(mixed_ledgers(), min_size=1, max_size=3),
    st.integers(min_value=0, max_value=70),
    st.booleans(),
)
@example(STRICT, [TWELVE_AND_A_HALF_THEN_FIFTY, FIVE_TENS, FIFTY_IN_CENTS_PAID], 40, False)
@example(STANDARD, [FIVE_TENS, FIFTY_IN_CENTS_PAID], 70, True)
@example(STRICT, [TWELVE_AND_A_HALF_THEN_FIFTY], 14, False)  # the 12.5 paid on the last day
@example(STRICT, [FIVE_TENS, FIFTY_IN_CENTS_PAID], 12, False)  # a stage of tens alone holds 50
@example(STANDARD, [_swap("10.00"), FIFTY_IN_CENTS_PAID], 30, False)  # an equal total in a new sum
@example(STANDARD, [_swap("10.0")], 30, False)  # ... and of another exponent (the careful replay)
def test_mixed_exponents_give_what_evaluate_gives(
    policy: CollectionsPolicy, books: list[Ledger], length: int, exempt: bool
) -> None:
    policy = attrs.evolve(policy, exempt_accounts=frozenset({"A0"} if exempt else ()))
    _assert_series_is_evaluate(policy, books, length)


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from((STANDARD, STRICT)) | policies(),
    st.lists(ledgers(max_invoices=4, max_payments=4), min_size=1, max_size=3),
    st.integers(min_value=0, max_value=70),
)
def test_ledgers_all_in_cents_give_what_evaluate_gives(
    policy: CollectionsPolicy, books: list[Ledger], length: int
) -> None:
    _assert_series_is_evaluate(policy, books, length)
