"""A ledger driven through its life against a plain-dict model."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from cspcore import Money
from cspcore.billing import (
    Allocation,
    CreditNote,
    Invoice,
    InvoiceStatus,
    Ledger,
    NothingToWriteOff,
    Payment,
    apply_payment,
    balance,
    issue,
    record_credit_note,
    settle,
    status_of,
    void,
    write_off,
)

CURRENCY = "EUR"
cents = st.integers(min_value=1, max_value=100_000)


def eur(units: int) -> Money:
    return Money(Decimal(units).scaleb(-2), CURRENCY)


class LedgerMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.ledger = Ledger()
        self.today = dt.date(2024, 1, 1)
        self.count = 0
        # The model: amounts in cents.
        self.invoices: dict[str, dict[str, Any]] = {}
        self.credit = 0
        self.paid = 0
        self.credited = 0
        self.written = 0
        self.history: dict[dt.date, int] = {}

    # -- model helpers ------------------------------------------------------------------------
    def _tick(self) -> None:
        self.today += dt.timedelta(days=1)
        self.count += 1

    def _open(self, *, newest: bool = False) -> list[str]:
        keys = [
            k
            for k, v in self.invoices.items()
            if v["state"] == "live" and v["owed"] > 0 and not v["disputed"]
        ]
        keys.sort(key=lambda k: (self.invoices[k]["due"], self.invoices[k]["issued"], k), reverse=newest)
        return keys

    def _settle(self, key: str, amount: int) -> int:
        owed: int = self.invoices[key]["owed"]
        take = min(amount, owed)
        self.invoices[key]["owed"] -= take
        self.invoices[key]["applied"] += take
        return amount - take

    def _spread(self, amount: int, *, newest: bool = False) -> int:
        for key in self._open(newest=newest):
            amount = self._settle(key, amount)
        return amount

    def _record(self) -> None:
        owed = sum(v["owed"] for v in self.invoices.values() if v["state"] == "live")
        self.history[self.today] = owed - self.credit

    def _live_owing(self) -> list[str]:
        return sorted(k for k, v in self.invoices.items() if v["state"] == "live" and v["owed"] > 0)

    def _live_paid_off(self) -> list[str]:
        return sorted(k for k, v in self.invoices.items() if v["state"] == "live" and v["owed"] == 0)

    # -- rules --------------------------------------------------------------------------------
    @rule(
        units=st.integers(min_value=0, max_value=100_000),
        net=st.sampled_from((0, 14, 30)),
        disputed=st.booleans(),
    )
    def issue_invoice(self, units: int, net: int, disputed: bool) -> None:
        self._tick()
        key = f"I{self.count}"
        invoice = Invoice(
            id=key,
            issued=self.today,
            due=self.today + dt.timedelta(days=net),
            currency=CURRENCY,
            total_charges=eur(units),
            disputed=disputed and units % 5 == 0,
        )
        self.ledger = issue(self.ledger, invoice)
        self.invoices[key] = {
            "total": units,
            "owed": units,
            "applied": 0,
            "due": invoice.due,
            "issued": self.today,
            "disputed": invoice.disputed,
            "state": "live",
            "invoice": invoice,
        }
        if self.credit and not invoice.disputed:
            self.credit = self._settle(key, self.credit)
        self._record()

    @rule(units=cents, newest=st.booleans())
    def pay(self, units: int, newest: bool) -> None:
        self._tick()
        allocation = Allocation.NEWEST_DUE_FIRST if newest else Allocation.OLDEST_DUE_FIRST
        self.ledger = apply_payment(
            self.ledger,
            Payment(id=f"P{self.count}", amount=eur(units), received=self.today),
            allocation=allocation,
        )
        self.paid += units
        self.credit += self._spread(units, newest=newest)
        self._record()

    @precondition(lambda self: self._live_owing())
    @rule(data=st.data(), extra=st.integers(min_value=0, max_value=5_000))
    def pay_named_invoice_or_overpay(self, data: st.DataObject, extra: int) -> None:
        self._tick()
        key = data.draw(st.sampled_from(self._live_owing()))
        units = max(1, self.invoices[key]["owed"] // 2) if extra == 0 else self.invoices[key]["owed"] + extra
        self.ledger = apply_payment(
            self.ledger, Payment(id=f"P{self.count}", amount=eur(units), received=self.today), invoice_id=key
        )
        self.paid += units
        rest = self._settle(key, units)
        self.credit += self._spread(rest)
        self._record()

    @rule(units=cents, data=st.data())
    def credit_note(self, units: int, data: st.DataObject) -> None:
        self._tick()
        named = self._live_owing()
        key = data.draw(st.none() | st.sampled_from(named)) if named else None
        note = CreditNote(id=f"C{self.count}", amount=eur(units), issued=self.today, invoice_id=key)
        self.ledger = record_credit_note(self.ledger, note)
        self.credited += units
        rest = self._settle(key, units) if key is not None else units
        self.credit += self._spread(rest)
        self._record()

    @precondition(lambda self: any(v["state"] == "live" for v in self.invoices.values()))
    @rule(data=st.data())
    def void_invoice(self, data: st.DataObject) -> None:
        self._tick()
        key = data.draw(st.sampled_from(sorted(k for k, v in self.invoices.items() if v["state"] == "live")))
        self.ledger = void(self.ledger, key, on=self.today)
        entry = self.invoices[key]
        released = entry["applied"]
        entry.update(state="void", owed=0, applied=0)
        self.credit = self._spread(self.credit + released)
        self._record()

    @precondition(lambda self: self._live_owing())
    @rule(data=st.data())
    def write_off_invoice(self, data: st.DataObject) -> None:
        self._tick()
        key = data.draw(st.sampled_from(self._live_owing()))
        self.ledger = write_off(self.ledger, key, on=self.today)
        entry = self.invoices[key]
        self.written += entry["owed"]
        entry.update(state="written_off", written=entry["owed"], owed=0)
        self._record()

    @precondition(lambda self: self._live_paid_off())
    @rule(data=st.data())
    def write_off_of_a_paid_off_invoice_is_refused(self, data: st.DataObject) -> None:
        # The write-off reads what the invoice owes from the history handed on along the ledger's
        # changes (issues, payments, credit notes and closures between write-offs): it must say nothing.
        key = data.draw(st.sampled_from(self._live_paid_off()))
        with pytest.raises(NothingToWriteOff):
            write_off(self.ledger, key, on=self.today)

    @rule(days=st.integers(min_value=1, max_value=90))
    def advance_time(self, days: int) -> None:
        self.today += dt.timedelta(days=days)
        self._record()

    # -- invariants ---------------------------------------------------------------------------
    def _status(self, entry: dict[str, Any]) -> InvoiceStatus:
        if entry["state"] == "void":
            return InvoiceStatus.VOID
        if entry["state"] == "written_off":
            return InvoiceStatus.UNCOLLECTIBLE
        if entry["owed"] == 0:
            return InvoiceStatus.PAID
        return InvoiceStatus.PARTIALLY_PAID if entry["applied"] else InvoiceStatus.OPEN

    @invariant()
    def balance_is_invoiced_minus_paid_minus_credited_minus_written_off(self) -> None:
        invoiced = sum(v["total"] for v in self.invoices.values() if v["state"] != "void")
        expected = eur(invoiced - self.paid - self.credited - self.written)
        assert expected == balance(self.ledger, as_of=self.today, currency=CURRENCY)

    @invariant()
    def money_is_conserved_and_no_invoice_goes_negative(self) -> None:
        state = settle(self.ledger, as_of=self.today, currency=CURRENCY)
        applied = sum((m for k, m in state.applied.items()), eur(0))
        assert state.paid + state.credited == applied + state.credit
        assert all(not m.is_negative() for m in state.outstanding.values())
        assert not state.credit.is_negative()
        assert eur(self.credit) == state.credit

    @invariant()
    def statuses_agree_with_the_model(self) -> None:
        state = settle(self.ledger, as_of=self.today, currency=CURRENCY)
        for key, entry in self.invoices.items():
            assert self._status(entry) == state.statuses[key]
            if entry["state"] == "live":
                assert eur(entry["owed"]) == state.outstanding[key]

    @invariant()
    def the_past_is_what_it_was(self) -> None:
        for day in sorted(self.history)[-3:]:
            assert eur(self.history[day]) == balance(self.ledger, as_of=day, currency=CURRENCY)

    @invariant()
    def the_ledger_changed_call_by_call_equals_the_ledger_built_whole(self) -> None:
        # Each change checks only what it adds (ids and histories kept beside the ledger): the value it
        # builds is the one Ledger's own checks build from the same documents.
        book = self.ledger
        assert book == Ledger(
            invoices=book.invoices,
            payments=book.payments,
            credit_notes=book.credit_notes,
            voided=book.voided,
            written_off=book.written_off,
            closed_on=book.closed_on,
        )
        for invoice in book.invoices[-3:]:
            assert book.invoice(invoice.id) is invoice

    @invariant()
    def status_of_matches_the_settlement(self) -> None:
        if self.invoices:
            key = max(self.invoices)
            invoice = self.invoices[key]["invoice"]
            assert self._status(self.invoices[key]) == status_of(invoice, self.ledger, as_of=self.today)


TestLedgerMachine = LedgerMachine.TestCase
TestLedgerMachine.settings = settings(stateful_step_count=20, max_examples=100)
