"""The overdue changes up to a day are the whole list's first ones, or none if nothing is overdue by then.

A what-if reads each ledger's ``(day, oldest due, overdue, count)`` changes only up to its last day:
``overdue_changes_alike_of(ledger, until)`` stops the sweep there. Each day's state depends only on
the steps by then, so what it gives is the index's whole list cut after ``until`` (compared by
``repr``: the same tuples, every amount with its exponent), except that a ledger with nothing
overdue by then gets no change at all, not even its first state of nothing overdue (a ledger never
overdue costs no search for its first document). Whichever path answers (one sweep of a one-pass
ledger, the index beside a ledger, an index built for the question) gives the same, and the amount
it gives, when it gives one, has the exponent of every nonzero amount in the list.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import Money
from cspcore.billing import Invoice, Ledger, Payment
from cspcore.billing.ledger import LedgerIndex, _direct, index_beside, overdue_changes_alike_of
from cspcore.billing.ledger._index import index_of
from cspcore.testing.ledger import ledgers

D = dt.date
DAYS = st.dates(D(2023, 12, 1), D(2024, 12, 31))


def _invoice(key: str, issued: dt.date, due: dt.date, amount: str) -> Invoice:
    return Invoice(id=key, issued=issued, due=due, currency="EUR", total_charges=Money(amount, "EUR"))


def _pay(key: str, amount: str, received: dt.date, invoice_id: str) -> Payment:
    return Payment(id=key, amount=Money(amount, "EUR"), received=received, invoice_id=invoice_id)


#: Due on Jan 31, paid on Mar 1 in two parts: it falls overdue on Feb 1, owes less on Feb 29.
PAID_LATE_IN_PARTS = Ledger(
    invoices=(_invoice("A", D(2024, 1, 1), D(2024, 1, 31), "100.00"),),
    payments=(_pay("P", "40.00", D(2024, 2, 29), "A"), _pay("Q", "60.00", D(2024, 3, 1), "A")),
)
#: Amounts of two exponents, the second overdue only from Mar 1 on: before then one exponent.
TWO_EXPONENTS_THE_SECOND_LATER = Ledger(
    invoices=(
        _invoice("A", D(2024, 1, 1), D(2024, 1, 31), "100.00"),
        _invoice("B", D(2024, 1, 31), D(2024, 2, 29), "12.5"),
    ),
)

#: Overdue from Feb 1, paid in part on Feb 20; a payment naming no invoice comes on Apr 2: from
#: then on only the index answers (money applied by the allocation rules), but not before.
UNNAMED_PAYMENT_LATER = Ledger(
    invoices=(_invoice("A", D(2024, 1, 1), D(2024, 1, 31), "100.00"),),
    payments=(
        _pay("P", "30.00", D(2024, 2, 20), "A"),
        Payment(id="Q", amount=Money("70.00", "EUR"), received=D(2024, 4, 2)),
    ),
)


def expected(ledger: Ledger, until: dt.date) -> list[tuple[int, int, Decimal, int]]:
    kept = [change for change in LedgerIndex(ledger).overdue_changes() if change[0] <= until.toordinal()]
    return kept if any(count for _day, _oldest, _overdue, count in kept) else []


def _check(ledger: Ledger, until: dt.date) -> None:
    copy = attrs.evolve(ledger)  # a ledger of its own: nothing lives beside it yet
    changes, alike = overdue_changes_alike_of(copy, until)
    assert repr(changes) == repr(expected(ledger, until))
    assert index_beside(copy) is None  # no memo beyond the call, whichever path answered
    if alike is not None:
        assert all(amount.same_quantum(alike) for _day, _oldest, amount, _count in changes if amount)
    index_of(copy)  # now with its index beside it
    assert repr(overdue_changes_alike_of(copy, until)[0]) == repr(changes)


@given(ledgers(max_invoices=5, max_payments=5), DAYS)
@example(PAID_LATE_IN_PARTS, D(2024, 1, 31))  # the day before it falls overdue: none
@example(PAID_LATE_IN_PARTS, D(2024, 2, 1))  # the day it falls overdue
@example(PAID_LATE_IN_PARTS, D(2024, 2, 29))  # a leap day with a payment on it
@example(PAID_LATE_IN_PARTS, D(2024, 3, 1))  # the day it is paid off
@example(PAID_LATE_IN_PARTS, D(2023, 12, 31))  # before the first document
@example(TWO_EXPONENTS_THE_SECOND_LATER, D(2024, 2, 29))
@example(TWO_EXPONENTS_THE_SECOND_LATER, D(2024, 3, 1))
@example(Ledger(), D(2024, 1, 1))
@example(UNNAMED_PAYMENT_LATER, D(2024, 4, 1))  # the day before the unnamed payment
@example(UNNAMED_PAYMENT_LATER, D(2024, 4, 2))  # its day
def test_the_changes_up_to_a_day_are_the_whole_lists_first_ones(ledger: Ledger, until: dt.date) -> None:
    _check(ledger, until)


def test_a_ledger_overdue_only_after_the_day_has_no_change_by_then() -> None:
    assert overdue_changes_alike_of(PAID_LATE_IN_PARTS, D(2024, 1, 31)) == ([], None)


def test_the_amount_given_proves_only_the_exponent_of_the_changes_given() -> None:
    changes, alike = overdue_changes_alike_of(TWO_EXPONENTS_THE_SECOND_LATER, D(2024, 2, 29))
    assert alike == Decimal("100.00")
    assert alike.as_tuple().exponent == -2
    assert [count for _day, _oldest, _amount, count in changes] == [0, 1]
    assert overdue_changes_alike_of(TWO_EXPONENTS_THE_SECOND_LATER, D(2024, 3, 1))[1] is None


def test_a_ledger_of_the_one_pass_shape_up_to_the_day_is_swept_whatever_comes_later() -> None:
    # The sweep reads no document after the day: a payment the one pass cannot place, later, does
    # not send the question to an index (built for it, then dropped).
    day = D(2024, 4, 1)
    found = _direct.overdue_changes_alike(UNNAMED_PAYMENT_LATER, day)
    assert found is not None
    assert repr(found[0]) == repr(expected(UNNAMED_PAYMENT_LATER, day))
    assert _direct.overdue_changes_alike(UNNAMED_PAYMENT_LATER, day + dt.timedelta(days=1)) is None
    assert _direct.overdue_changes_alike(UNNAMED_PAYMENT_LATER) is None
