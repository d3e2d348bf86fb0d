"""Voiding and writing off invoices one call at a time gives the ledger built whole, with the same refusals.

``void`` and ``write_off`` check only the invoice they close, and read what it still owes from a history
kept beside the ledger (handed on from call to call while the closures change no other invoice). For
any ledger and any sequence of closures, payments between them and closures of older ledgers of the
chain, each call either refuses what the straightforward reading refuses (a closed invoice, a date
before the issue date, nothing outstanding on the day as a replay of the ledger built whole says) or
gives a ledger equal to the one built whole with that closure (``tests/ledger_closures.py``).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from tests.ledger_closures import ANY_STEPS, Step, crowded_ledgers, invoice, run, whole

from cspcore import Money
from cspcore.billing import Ledger, Payment
from cspcore.testing.ledger import ledgers

TWO = (invoice("I0", 0, 10), invoice("I1", 0, 10))


@settings(max_examples=300)
@given(crowded_ledgers() | ledgers(max_invoices=6, max_payments=6), ANY_STEPS)
@example(  # a write-off, then one of an invoice that what reached the first after it pays off
    whole(
        Ledger(),
        invoices=TWO,
        payments=(Payment(id="P0", amount=Money("15.00", "EUR"), received=dt.date(2024, 2, 29)),),
    ),
    [(("write_off", 0, 10), False), (("write_off", 1, 60), False), (("void", 1, 0), False)],
)
@example(  # a void of an invoice paid in part (it releases money), then a write-off of the other
    whole(
        Ledger(),
        invoices=TWO,
        payments=(
            Payment(id="P0", amount=Money("4.00", "EUR"), received=dt.date(2024, 1, 1), invoice_id="I0"),
            Payment(id="P1", amount=Money("6.00", "EUR"), received=dt.date(2024, 12, 31)),
        ),
    ),
    [(("write_off", 1, 0), False), (("void", 0, 30), False), (("write_off", 1, 365), False)],
)
@example(  # a void on the day a payment arrives (voids come before payments on a day)
    whole(
        Ledger(),
        invoices=TWO,
        payments=(Payment(id="P0", amount=Money("10.00", "EUR"), received=dt.date(2024, 1, 5)),),
    ),
    [(("write_off", 1, 1), False), (("void", 0, 4), False), (("write_off", 1, 4), False)],
)
@example(  # a void of an invoice that took credit on hand when issued: it releases that credit
    whole(
        Ledger(),
        invoices=(invoice("I0", 0, 10), invoice("I1", 9, 10), invoice("I2", 19, 10), invoice("I3", 11, 5)),
        payments=(Payment(id="P0", amount=Money("15.00", "EUR"), received=dt.date(2024, 1, 1)),),
    ),
    [(("write_off", 2, 1), False), (("void", 1, 5), False), (("write_off", 3, 4), False)],
)
def test_closures_one_call_at_a_time_refuse_and_give_what_the_whole_ledger_does(
    book: Ledger, steps: list[Step]
) -> None:
    run(book, steps)
