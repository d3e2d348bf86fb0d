"""The partner's own standing with Microsoft, compared whole.

Microsoft's invoices fall due net 60 from their invoice date (``billing-basics.md``, Payment terms;
an invoice's own due date wins); past due the partner is delinquent, and "more than 60 days overdue"
is a reason for suspending its Partner Center account (``suspended-partner-center-account.md``).
"""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import Invoice, Ledger, MicrosoftStanding, Payment, microsoft_standing
from cspcore.errors import ErrorCode
from cspcore.explain import Reason, Source

D = dt.date
TERMS = Source(document="billing-basics.md", section="Payment terms")
SUSPENSION = Source(document="suspended-partner-center-account.md", section="Reasons for suspension")


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def invoice(key: str, issued: dt.date, amount: str, due: dt.date | None = None) -> Invoice:
    return Invoice(id=key, issued=issued, due=due, currency="USD", total_charges=usd(amount))


def delinquent(key: str, due: dt.date, days: int, overdue: str) -> Reason:
    return Reason(
        code="billing.collections.microsoft_delinquent",
        params={"invoice": key, "due": due, "days_past_due": days, "overdue": usd(overdue)},
        source=TERMS,
    )


def at_risk(days: int) -> Reason:
    return Reason(
        code="billing.collections.microsoft_suspension_risk",
        params={"days_past_due": days},
        source=SUSPENSION,
    )


def clear(as_of: dt.date, currency: str = "USD") -> MicrosoftStanding:
    return MicrosoftStanding(
        as_of=as_of,
        delinquent=False,
        suspension_risk=False,
        days_past_due=0,
        overdue=Money(0, currency),
        reasons=(),
    )


def test_an_empty_ledger_is_in_good_standing_in_the_currency_given() -> None:
    assert clear(D(2024, 1, 1), "EUR") == microsoft_standing(Ledger(), as_of=D(2024, 1, 1), currency="EUR")


def test_an_invoice_paid_on_its_60th_day_is_on_time() -> None:
    ledger = Ledger(invoices=(invoice("G1", D(2024, 1, 8), "1000"),))
    assert clear(D(2024, 3, 8)) == microsoft_standing(ledger, as_of=D(2024, 3, 8))


def test_the_day_after_net_60_the_partner_is_delinquent() -> None:
    ledger = Ledger(invoices=(invoice("G1", D(2024, 1, 8), "1000"),))
    expected = MicrosoftStanding(
        as_of=D(2024, 3, 9),
        delinquent=True,
        suspension_risk=False,
        days_past_due=1,
        overdue=usd("1000"),
        reasons=(delinquent("G1", D(2024, 3, 8), 1, "1000"),),
    )
    assert expected == microsoft_standing(ledger, as_of=D(2024, 3, 9))


def test_sixty_days_overdue_is_not_yet_a_suspension_risk() -> None:
    ledger = Ledger(invoices=(invoice("G1", D(2024, 1, 8), "1000"),))
    expected = MicrosoftStanding(
        as_of=D(2024, 5, 7),
        delinquent=True,
        suspension_risk=False,
        days_past_due=60,
        overdue=usd("1000"),
        reasons=(delinquent("G1", D(2024, 3, 8), 60, "1000"),),
    )
    assert expected == microsoft_standing(ledger, as_of=D(2024, 5, 7))


def test_more_than_sixty_days_overdue_is_a_suspension_risk() -> None:
    ledger = Ledger(invoices=(invoice("G1", D(2024, 1, 8), "1000"),))
    expected = MicrosoftStanding(
        as_of=D(2024, 5, 8),
        delinquent=True,
        suspension_risk=True,
        days_past_due=61,
        overdue=usd("1000"),
        reasons=(delinquent("G1", D(2024, 3, 8), 61, "1000"), at_risk(61)),
    )
    assert expected == microsoft_standing(ledger, as_of=D(2024, 5, 8))


def test_an_invoices_own_due_date_wins_over_net_60() -> None:
    ledger = Ledger(invoices=(invoice("G1", D(2024, 1, 8), "1000", due=D(2024, 2, 7)),))
    expected = MicrosoftStanding(
        as_of=D(2024, 2, 8),
        delinquent=True,
        suspension_risk=False,
        days_past_due=1,
        overdue=usd("1000"),
        reasons=(delinquent("G1", D(2024, 2, 7), 1, "1000"),),
    )
    assert expected == microsoft_standing(ledger, as_of=D(2024, 2, 8))


def test_days_count_from_the_earliest_due_date_and_only_what_is_still_owed_is_overdue() -> None:
    ledger = Ledger(
        invoices=(
            invoice("G1", D(2024, 1, 8), "1000"),  # due March 8, 400 paid
            invoice("G0", D(2023, 12, 1), "700"),  # due January 30, paid in full
            invoice("G3", D(2024, 2, 1), "300"),  # due April 1: not yet
            invoice("G2", D(2024, 1, 20), "500", due=D(2024, 3, 5)),  # its own due date, the earliest open
        ),
        payments=(
            Payment(id="P0", amount=usd("700"), received=D(2024, 1, 25), invoice_id="G0"),
            Payment(id="P1", amount=usd("400"), received=D(2024, 3, 1), invoice_id="G1"),
        ),
    )
    expected = MicrosoftStanding(
        as_of=D(2024, 3, 25),
        delinquent=True,
        suspension_risk=False,
        days_past_due=20,
        overdue=usd("1100"),
        reasons=(delinquent("G2", D(2024, 3, 5), 20, "1100"),),
    )
    assert expected == microsoft_standing(ledger, as_of=D(2024, 3, 25))


def test_invoices_due_on_the_same_day_are_taken_in_id_order() -> None:
    ledger = Ledger(invoices=(invoice("B", D(2024, 1, 8), "10"), invoice("A", D(2024, 1, 8), "20")))
    assert (delinquent("A", D(2024, 3, 8), 2, "30"),) == microsoft_standing(
        ledger, as_of=D(2024, 3, 10)
    ).reasons


def test_a_voided_invoice_is_not_owed() -> None:
    ledger = Ledger(invoices=(invoice("G1", D(2024, 1, 8), "1000"),), voided={"G1"})
    assert clear(D(2024, 6, 1)) == microsoft_standing(ledger, as_of=D(2024, 6, 1))


def test_a_ledger_of_the_wrong_type_is_refused_by_name() -> None:
    with pytest.raises(InvalidInput) as caught:
        microsoft_standing([], as_of=D(2024, 1, 1))  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code, caught.value.value) == ("ledger", ErrorCode.WRONG_TYPE, [])
