"""The standings evaluate() builds without re-checking equal those Standing's constructor builds."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from cspcore import Money
from cspcore.billing import STANDARD, Invoice, Ledger, Payment, Standing, evaluate
from cspcore.billing.collections.evaluation import trusted_standing

D = dt.date


def invoice(key: str, due: dt.date, amount: str) -> Invoice:
    return Invoice(
        id=key,
        issued=due - dt.timedelta(days=30),
        due=due,
        currency="EUR",
        total_charges=Money(amount, "EUR"),
    )


LEDGER = Ledger(
    invoices=(invoice("A", D(2024, 1, 31), "100.00"), invoice("B", D(2024, 3, 1), "250.00")),
    payments=(Payment(id="P", amount=Money("40", "EUR"), received=D(2024, 2, 10), invoice_id="A"),),
)


@pytest.mark.parametrize("as_of", [D(2024, 1, 1), D(2024, 2, 5), D(2024, 3, 20), D(2024, 9, 1)])
def test_a_trusted_standing_equals_the_checked_one(as_of: dt.date) -> None:
    standing = evaluate(STANDARD, LEDGER, as_of=as_of)
    assert Standing(**attrs.asdict(standing, recurse=False)) == standing


def test_the_trusted_constructor_needs_every_field() -> None:
    fields = attrs.asdict(evaluate(STANDARD, LEDGER, as_of=D(2024, 3, 20)), recurse=False)
    assert trusted_standing(**fields) == Standing(**fields)
    fields.pop(next(iter(fields)))
    with pytest.raises(TypeError):
        trusted_standing(**fields)
