from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import (
    Allocation,
    CreditNote,
    Invoice,
    InvoiceClosed,
    InvoiceStatus,
    Ledger,
    NothingToWriteOff,
    Payment,
    account_credit,
    aging,
    apply_payment,
    balance,
    dso,
    issue,
    outstanding,
    record_credit_note,
    settle,
    status_of,
    void,
    write_off,
)
from cspcore.errors import CurrencyMismatch, ErrorCode

D = dt.date


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def inv(
    key: str, issued: dt.date, amount: str, *, due: dt.date | None = None, disputed: bool = False
) -> Invoice:
    return Invoice(
        id=key, issued=issued, due=due, currency="EUR", total_charges=eur(amount), disputed=disputed
    )


JAN = inv("I-1", D(2024, 1, 1), "100.00", due=D(2024, 1, 31))
FEB = inv("I-2", D(2024, 2, 1), "50.00", due=D(2024, 3, 2))


def test_an_unnamed_payment_settles_the_oldest_due_invoice_first() -> None:
    ledger = apply_payment(
        Ledger(invoices=(FEB, JAN)), Payment(id="P", amount=eur("120.00"), received=D(2024, 2, 10))
    )
    state = settle(ledger, as_of=D(2024, 2, 10))
    assert {"I-1": eur("0.00"), "I-2": eur("30.00")} == state.outstanding
    assert state.statuses["I-2"] == InvoiceStatus.PARTIALLY_PAID


def test_newest_due_first_settles_the_latest_invoice_first() -> None:
    ledger = apply_payment(
        Ledger(invoices=(JAN, FEB)),
        Payment(id="P", amount=eur("60.00"), received=D(2024, 2, 10)),
        allocation=Allocation.NEWEST_DUE_FIRST,
    )
    assert eur("0.00") == outstanding(FEB, ledger, as_of=D(2024, 2, 10))
    assert eur("90.00") == outstanding(JAN, ledger, as_of=D(2024, 2, 10))


def test_a_named_payment_goes_to_its_invoice_and_the_excess_to_the_others() -> None:
    ledger = apply_payment(
        Ledger(invoices=(JAN, FEB)),
        Payment(id="P", amount=eur("70.00"), received=D(2024, 2, 10)),
        invoice_id="I-2",
    )
    assert eur("0.00") == outstanding(FEB, ledger, as_of=D(2024, 2, 10))
    assert eur("80.00") == outstanding(JAN, ledger, as_of=D(2024, 2, 10))


def test_an_overpayment_is_kept_as_credit_and_consumed_by_the_next_invoice() -> None:
    ledger = apply_payment(
        Ledger(invoices=(JAN,)), Payment(id="P", amount=eur("130.00"), received=D(2024, 1, 20))
    )
    assert eur("30.00") == account_credit(ledger, as_of=D(2024, 1, 31))
    ledger = issue(ledger, FEB)
    assert eur("20.00") == outstanding(FEB, ledger, as_of=D(2024, 2, 1))
    assert status_of(FEB, ledger, as_of=D(2024, 2, 1)) == InvoiceStatus.PARTIALLY_PAID
    assert eur("0") == account_credit(ledger, as_of=D(2024, 2, 1))
    assert eur("20.00") == balance(ledger, as_of=D(2024, 2, 1))


def test_a_payment_received_after_as_of_does_not_count_yet() -> None:
    ledger = apply_payment(
        Ledger(invoices=(JAN,)), Payment(id="P", amount=eur("100.00"), received=D(2024, 2, 5))
    )
    assert eur("100.00") == balance(ledger, as_of=D(2024, 2, 4))
    assert eur("0.00") == balance(ledger, as_of=D(2024, 2, 5))


def test_credit_is_never_applied_to_a_disputed_invoice_automatically() -> None:
    disputed = inv("I-3", D(2024, 2, 1), "40.00", disputed=True)
    ledger = apply_payment(
        Ledger(invoices=(JAN,)), Payment(id="P", amount=eur("130.00"), received=D(2024, 1, 20))
    )
    ledger = issue(ledger, disputed)
    assert eur("40.00") == outstanding(disputed, ledger, as_of=D(2024, 2, 2))
    assert eur("30.00") == account_credit(ledger, as_of=D(2024, 2, 2))


def test_a_credit_note_reduces_its_invoice() -> None:
    ledger = record_credit_note(
        Ledger(invoices=(JAN,)),
        CreditNote(id="C", amount=eur("25.00"), issued=D(2024, 1, 5), invoice_id="I-1"),
    )
    assert eur("75.00") == outstanding(JAN, ledger, as_of=D(2024, 1, 5))
    assert eur("75.00") == balance(ledger, as_of=D(2024, 1, 5))


def test_voiding_an_invoice_returns_what_was_applied_to_it_as_credit() -> None:
    ledger = apply_payment(
        Ledger(invoices=(JAN,)), Payment(id="P", amount=eur("40.00"), received=D(2024, 1, 10))
    )
    ledger = void(ledger, "I-1", on=D(2024, 1, 15))
    assert status_of(JAN, ledger, as_of=D(2024, 1, 14)) == InvoiceStatus.PARTIALLY_PAID
    assert status_of(JAN, ledger, as_of=D(2024, 1, 15)) == InvoiceStatus.VOID
    assert eur("-40.00") == balance(ledger, as_of=D(2024, 1, 15))
    ledger = issue(ledger, FEB)
    assert eur("10.00") == outstanding(FEB, ledger, as_of=D(2024, 2, 1))


def test_writing_off_books_what_is_outstanding_on_that_day() -> None:
    ledger = apply_payment(
        Ledger(invoices=(JAN,)), Payment(id="P", amount=eur("40.00"), received=D(2024, 1, 10))
    )
    ledger = write_off(ledger, "I-1", on=D(2024, 6, 1))
    state = settle(ledger, as_of=D(2024, 6, 1))
    assert (eur("60.00"), eur("0.00"), InvoiceStatus.UNCOLLECTIBLE) == (
        state.written_off,
        state.balance,
        state.statuses["I-1"],
    )


def test_closed_invoices_cannot_be_closed_or_paid_by_name_again() -> None:
    ledger = void(Ledger(invoices=(JAN, FEB)), "I-1", on=D(2024, 1, 2))
    with pytest.raises(InvoiceClosed) as caught:
        write_off(ledger, "I-1", on=D(2024, 2, 2))
    assert caught.value.reasons[0].code == "billing.ledger.invoice_voided"
    ledger = write_off(ledger, "I-2", on=D(2024, 5, 2))
    with pytest.raises(InvoiceClosed):
        apply_payment(ledger, Payment(id="P", amount=eur("1"), received=D(2024, 5, 3)), invoice_id="I-2")
    with pytest.raises(InvoiceClosed):
        record_credit_note(
            ledger, CreditNote(id="C", amount=eur("1"), issued=D(2024, 5, 3), invoice_id="I-2")
        )


def test_nothing_to_write_off_is_refused_with_a_reason() -> None:
    ledger = apply_payment(
        Ledger(invoices=(JAN,)), Payment(id="P", amount=eur("100.00"), received=D(2024, 1, 10))
    )
    with pytest.raises(NothingToWriteOff) as caught:
        write_off(ledger, "I-1", on=D(2024, 2, 1))
    assert caught.value.reasons[0].code == "billing.ledger.nothing_to_write_off"


def test_closing_before_the_issue_date_is_refused() -> None:
    with raises_invalid(field="on", code=ErrorCode.INCONSISTENT):
        void(Ledger(invoices=(JAN,)), "I-1", on=D(2023, 12, 31))


def test_status_is_draft_before_the_issue_date() -> None:
    assert status_of(JAN, Ledger(invoices=(JAN,)), as_of=D(2023, 12, 31)) == InvoiceStatus.DRAFT


def test_a_zero_invoice_is_paid_when_issued() -> None:
    zero = inv("Z", D(2024, 1, 1), "0.00")
    assert status_of(zero, Ledger(invoices=(zero,)), as_of=D(2024, 1, 1)) == InvoiceStatus.PAID


def test_bad_input_is_refused_with_the_field_named() -> None:
    ledger = Ledger(invoices=(JAN,))
    with raises_invalid(field="payment.amount", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
        apply_payment(ledger, Payment(id="P", amount=Money(1, "USD"), received=D(2024, 1, 2)))
    with raises_invalid(field="invoice_id", code=ErrorCode.UNKNOWN_REFERENCE):
        apply_payment(ledger, Payment(id="P", amount=eur("1"), received=D(2024, 1, 2)), invoice_id="nope")
    paid = apply_payment(ledger, Payment(id="P", amount=eur("1"), received=D(2024, 1, 2)))
    with raises_invalid(field="payment.id", code=ErrorCode.DUPLICATE):
        apply_payment(paid, Payment(id="P", amount=eur("1"), received=D(2024, 1, 2)))
    noted = record_credit_note(ledger, CreditNote(id="C", amount=eur("1"), issued=D(2024, 1, 2)))
    with raises_invalid(field="note.id", code=ErrorCode.DUPLICATE):
        record_credit_note(noted, CreditNote(id="C", amount=eur("1"), issued=D(2024, 1, 2)))
    with raises_invalid(field="invoice", code=ErrorCode.INCONSISTENT):
        status_of(attrs.evolve(JAN, disputed=True), ledger, as_of=D(2024, 1, 2))
    with raises_invalid(field="currency", code=ErrorCode.MISSING):
        balance(Ledger(), as_of=D(2024, 1, 1))
    with raises_invalid(field="ledger", code=ErrorCode.WRONG_TYPE):
        balance("ledger", as_of=D(2024, 1, 1))  # type: ignore[arg-type]
    with raises_invalid(field="as_of", code=ErrorCode.WRONG_TYPE):
        balance(ledger, as_of=dt.datetime(2024, 1, 1, tzinfo=dt.UTC))


def test_the_ledger_refuses_inconsistent_documents() -> None:
    with raises_invalid(field="voided/written_off", code=ErrorCode.NOT_ALLOWED):
        Ledger(invoices=(JAN,), voided={"I-1"}, written_off={"I-1"})
    with raises_invalid(field="closed_on", code=ErrorCode.INCONSISTENT):
        Ledger(invoices=(JAN,), closed_on=(("I-1", D(2024, 1, 2)),))
    with raises_invalid(field="closed_on", code=ErrorCode.WRONG_TYPE):
        Ledger(invoices=(JAN,), voided={"I-1"}, closed_on="x")  # type: ignore[arg-type]
    with raises_invalid(field="closed_on[0]", code=ErrorCode.MALFORMED):
        Ledger(invoices=(JAN,), voided={"I-1"}, closed_on=(("I-1",),))  # type: ignore[arg-type]
    with raises_invalid(field="payments", code=ErrorCode.DUPLICATE):
        Ledger(
            payments=(
                Payment(id="P", amount=eur("1"), received=D(2024, 1, 1)),
                Payment(id="P", amount=eur("2"), received=D(2024, 1, 1)),
            )
        )
    with raises_invalid(field="account_id", code=ErrorCode.EMPTY):
        Ledger(account_id="")
    assert (("I-1", D(2024, 1, 2)),) == Ledger(
        invoices=(JAN,), voided={"I-1"}, closed_on={"I-1": D(2024, 1, 2)}
    ).closed_on


def test_aging_puts_each_invoice_in_its_bucket() -> None:
    old = inv("OLD", D(2023, 9, 1), "10.00", due=D(2023, 10, 1))
    ledger = Ledger(
        invoices=(JAN, FEB, old), payments=(Payment(id="P", amount=eur("5.00"), received=D(2024, 5, 1)),)
    )
    report = aging(ledger, as_of=D(2024, 3, 15))
    assert [(b.label, str(b.amount.amount)) for b in report.buckets] == [
        ("current", "0"),
        ("1-30", "50.00"),
        ("31-60", "100.00"),
        ("61-90", "0"),
        ("91+", "10.00"),
    ]
    assert eur("160.00") == report.total
    assert report.buckets[-1].invoice_ids == ("OLD",)


def test_aging_refuses_buckets_that_do_not_increase() -> None:
    with raises_invalid(field="buckets[1]", code=ErrorCode.OUT_OF_ORDER):
        aging(Ledger(invoices=(JAN,)), as_of=D(2024, 1, 1), buckets=(30, 30))
    with raises_invalid(field="buckets", code=ErrorCode.EMPTY):
        aging(Ledger(invoices=(JAN,)), as_of=D(2024, 1, 1), buckets=())


def test_dso_is_receivables_over_sales_times_days() -> None:
    ledger = Ledger(invoices=(JAN, FEB))
    assert Decimal("90.0") == dso(ledger, as_of=D(2024, 2, 15), days=90)
    assert Decimal("0.0") == dso(
        apply_payment(ledger, Payment(id="P", amount=eur("150"), received=D(2024, 2, 2))),
        as_of=D(2024, 2, 15),
    )
    assert dso([Ledger()], as_of=D(2024, 2, 15)) is None
    assert dso(ledger, as_of=D(2025, 2, 15)) is None
    usd = Ledger(
        invoices=(Invoice(id="U", issued=D(2024, 1, 1), currency="USD", total_charges=Money(1, "USD")),)
    )
    with raises_invalid(field="ledgers", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
        dso([ledger, usd], as_of=D(2024, 2, 15))


def test_same_day_documents_replay_in_a_fixed_order() -> None:
    pay_first = Ledger(
        invoices=(JAN,), payments=(Payment(id="P", amount=eur("100.00"), received=D(2024, 1, 1)),)
    )
    assert status_of(JAN, pay_first, as_of=D(2024, 1, 1)) == InvoiceStatus.PAID


def test_void_on_the_issue_day_without_a_date_counts_from_issue() -> None:
    ledger = Ledger(invoices=(JAN,), voided={"I-1"})
    assert status_of(JAN, ledger, as_of=D(2024, 1, 1)) == InvoiceStatus.VOID
    assert eur("0.00") == balance(ledger, as_of=D(2024, 1, 1))
