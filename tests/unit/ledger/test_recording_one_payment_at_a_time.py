"""Recording payments and credit notes one call at a time builds the ledger that holding them all builds.

``apply_payment`` and ``record_credit_note`` check only the document they add (the ledger's ids are
kept beside it, as for ``issue``), with the refusals they always gave: a repeated id, another
currency, an unknown or closed invoice, a value of the wrong kind. An id or invoice that only a
sibling ledger (another change of the same ledger) holds is not the ledger's own.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import (
    Allocation,
    CreditNote,
    Invoice,
    InvoiceClosed,
    Ledger,
    Payment,
    apply_payment,
    issue,
    record_credit_note,
    void,
)
from cspcore.errors import CurrencyMismatch, ErrorCode

D = dt.date(2024, 2, 29)


def invoice(key: str, amount: str = "10.00") -> Invoice:
    return Invoice(id=key, issued=D, currency="EUR", total_charges=Money(amount, "EUR"))


def payment(key: str, amount: str = "4.00", invoice_id: str | None = None) -> Payment:
    return Payment(id=key, amount=Money(amount, "EUR"), received=D, invoice_id=invoice_id)


def note(key: str, amount: str = "1.00", invoice_id: str | None = None) -> CreditNote:
    return CreditNote(id=key, amount=Money(amount, "EUR"), issued=D, invoice_id=invoice_id)


INVOICES = tuple(invoice(f"I{n}") for n in range(5))
PAYMENTS = [payment(f"P{n}", invoice_id=f"I{n % 5}" if n % 2 else None) for n in range(30)]
NOTES = [note(f"C{n}", invoice_id=f"I{n % 5}" if n % 3 else None) for n in range(30)]


def test_one_call_per_payment_equals_the_ledger_holding_them_all() -> None:
    book = Ledger(invoices=INVOICES)
    for item in PAYMENTS:
        book = apply_payment(book, item)
    assert book == Ledger(invoices=INVOICES, payments=tuple(PAYMENTS))


def test_one_call_per_credit_note_equals_the_ledger_holding_them_all() -> None:
    book = Ledger(invoices=INVOICES)
    for item in NOTES:
        book = record_credit_note(book, item)
    assert book == Ledger(invoices=INVOICES, credit_notes=tuple(NOTES))


def test_the_recorded_payment_keeps_the_allocation_and_invoice_given_to_the_call() -> None:
    book = apply_payment(
        Ledger(invoices=INVOICES), payment("P"), allocation=Allocation.NEWEST_DUE_FIRST, invoice_id="I3"
    )
    assert (book.payments[0].allocation, book.payments[0].invoice_id) == (Allocation.NEWEST_DUE_FIRST, "I3")


def test_recording_from_an_older_ledger_leaves_the_newer_one_alone() -> None:
    base = apply_payment(Ledger(invoices=INVOICES), PAYMENTS[0])
    newer = apply_payment(base, PAYMENTS[1])
    other = apply_payment(base, PAYMENTS[2])
    assert [p.id for p in newer.payments] == ["P0", "P1"]
    assert [p.id for p in other.payments] == ["P0", "P2"]
    assert apply_payment(other, PAYMENTS[1]).payments == (PAYMENTS[0], PAYMENTS[2], PAYMENTS[1])
    assert apply_payment(newer, PAYMENTS[2]) == Ledger(invoices=INVOICES, payments=tuple(PAYMENTS[:3]))


def test_a_payment_id_the_ledger_holds_is_refused_however_it_was_built() -> None:
    built = Ledger(invoices=INVOICES, payments=tuple(PAYMENTS[:3]))
    grown = apply_payment(apply_payment(Ledger(invoices=INVOICES), PAYMENTS[0]), PAYMENTS[1])
    issued_after = issue(grown, invoice("I9"))  # an issue keeps the payment ids it was given
    for book in (built, grown, apply_payment(built, PAYMENTS[5]), issued_after):
        with raises_invalid(field="payment.id", code=ErrorCode.DUPLICATE) as caught:
            apply_payment(book, payment("P1", "99.00"))
        assert caught.value.value == "P1"


def test_a_credit_note_id_the_ledger_holds_is_refused_however_it_was_built() -> None:
    built = Ledger(invoices=INVOICES, credit_notes=tuple(NOTES[:3]))
    first = record_credit_note(Ledger(invoices=INVOICES), NOTES[0])
    grown = record_credit_note(apply_payment(first, PAYMENTS[0]), NOTES[1])
    for book in (built, grown, record_credit_note(built, NOTES[5])):
        with raises_invalid(field="note.id", code=ErrorCode.DUPLICATE) as caught:
            record_credit_note(book, note("C1", "9.00"))
        assert caught.value.value == "C1"


def test_an_id_only_a_sibling_ledger_holds_is_not_refused() -> None:
    base = apply_payment(Ledger(invoices=INVOICES), PAYMENTS[0])
    apply_payment(base, PAYMENTS[1])
    record_credit_note(base, NOTES[1])
    assert apply_payment(base, payment("P1", "9.00")).payments[-1].amount == Money("9.00", "EUR")
    assert record_credit_note(base, note("C1", "2.00")).credit_notes[-1].amount == Money("2.00", "EUR")


def test_an_invoice_only_a_sibling_ledger_holds_is_unknown() -> None:
    base = issue(Ledger(), INVOICES[0])
    issue(base, INVOICES[1])
    with raises_invalid(field="invoice_id", code=ErrorCode.UNKNOWN_REFERENCE):
        apply_payment(base, payment("P", invoice_id="I1"))
    with raises_invalid(field="invoice_id", code=ErrorCode.UNKNOWN_REFERENCE):
        apply_payment(base, payment("P"), invoice_id="I1")
    with raises_invalid(field="invoice_id", code=ErrorCode.UNKNOWN_REFERENCE):
        record_credit_note(base, note("C", invoice_id="I1"))


def test_a_refused_payment_leaves_its_id_free() -> None:
    book = apply_payment(Ledger(invoices=INVOICES), PAYMENTS[0])
    with raises_invalid(field="invoice_id", code=ErrorCode.UNKNOWN_REFERENCE):
        apply_payment(book, payment("P1", invoice_id="nowhere"))
    assert [p.id for p in apply_payment(book, payment("P1")).payments] == ["P0", "P1"]


def test_a_payment_or_credit_note_of_another_currency_is_refused() -> None:
    book = Ledger(invoices=INVOICES)
    usd = Payment(id="P", amount=Money(1, "USD"), received=D)
    with pytest.raises(CurrencyMismatch) as caught:
        apply_payment(book, usd)
    assert (caught.value.field, caught.value.code) == ("payment.amount", ErrorCode.CURRENCY_MISMATCH)
    with pytest.raises(CurrencyMismatch) as refused:
        record_credit_note(book, CreditNote(id="C", amount=Money(1, "USD"), issued=D))
    assert refused.value.field == "note.amount"


def test_a_value_of_the_wrong_kind_is_refused() -> None:
    book = Ledger(invoices=INVOICES)
    with raises_invalid(field="payment", code=ErrorCode.WRONG_TYPE):
        apply_payment(book, NOTES[0])  # type: ignore[arg-type]
    with raises_invalid(field="note", code=ErrorCode.WRONG_TYPE):
        record_credit_note(book, PAYMENTS[0])  # type: ignore[arg-type]
    with raises_invalid(field="ledger", code=ErrorCode.WRONG_TYPE):
        apply_payment(INVOICES, PAYMENTS[0])  # type: ignore[arg-type]


def test_a_voided_invoice_cannot_be_paid_or_credited_by_name() -> None:
    book = void(Ledger(invoices=INVOICES), "I2", on=D)
    with pytest.raises(InvoiceClosed):
        apply_payment(book, payment("P", invoice_id="I2"))
    with pytest.raises(InvoiceClosed):
        record_credit_note(book, note("C", invoice_id="I2"))


KEYS = st.sampled_from(["A", "B", "C", "D"])


@given(
    st.lists(
        st.tuples(st.sampled_from(["pay", "note", "issue"]), KEYS, st.integers(0, 3), st.booleans()),
        max_size=12,
    )
)
def test_changes_one_at_a_time_refuse_exactly_what_the_ledger_constructor_refuses(
    changes: list[tuple[str, str, int, bool]],
) -> None:
    # Each change either gives the ledger holding one more document (equal to building it whole) or
    # is refused, as the straightforward reading predicts: a repeated id, or an invoice not held.
    book = Ledger()
    held: dict[str, list[str]] = {"pay": [], "note": [], "issue": []}
    for kind, key, named, branch in changes:
        target = f"I{key}" if named else None
        start = book
        if kind == "issue":
            document = invoice(f"I{key}")
            refused = document.id in held["issue"]
            if refused:
                with raises_invalid(field="invoices", code=ErrorCode.DUPLICATE):
                    issue(book, document)
                continue
            book = issue(book, document)
        else:
            unknown = target is not None and target not in held["issue"]
            repeated = key in held[kind]
            field = "payment.id" if kind == "pay" else "note.id"

            def change(
                ledger: Ledger, key: str = key, target: str | None = target, kind: str = kind
            ) -> Ledger:
                if kind == "pay":
                    return apply_payment(ledger, payment(key, invoice_id=target))
                return record_credit_note(ledger, note(key, invoice_id=target))

            if repeated or unknown:
                failing = field if repeated else "invoice_id"
                code = ErrorCode.DUPLICATE if repeated else ErrorCode.UNKNOWN_REFERENCE
                with raises_invalid(field=failing, code=code):
                    change(book)
                continue
            book = change(book)
        held[kind].append(key if kind != "issue" else f"I{key}")
        free = [
            other
            for other in "ABCD"
            if f"I{other}" not in held["issue"] and other not in held["pay"] and other not in held["note"]
        ]
        if branch and free:  # sibling changes of the ledger ``book`` came from: none leaks into ``book``
            issue(start, invoice(f"I{free[0]}"))
            apply_payment(start, payment(free[0]))
            record_credit_note(start, note(free[0]))
    assert book == Ledger(invoices=book.invoices, payments=book.payments, credit_notes=book.credit_notes)
    assert [p.id for p in book.payments] == held["pay"]
    assert [c.id for c in book.credit_notes] == held["note"]
    assert [i.id for i in book.invoices] == held["issue"]
