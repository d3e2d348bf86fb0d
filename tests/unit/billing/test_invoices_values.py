"""Invoice lines and invoices: the refusals of mismatched currencies and non-Money amounts, whole."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import Allocation, CreditNote, Invoice, InvoiceLine, Ledger, Payment
from cspcore.errors import CurrencyMismatch, ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date


def refusal(call: Callable[[], object]) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value


@pytest.mark.parametrize("amount", ["5", 5, 5.0, None])
def test_a_line_without_tax_refuses_an_amount_that_is_not_money(amount: object) -> None:
    error = refusal(lambda: InvoiceLine(description="Microsoft 365 E3", amount=amount))  # type: ignore[arg-type]
    assert (error.field, error.code, error.value) == ("amount", ErrorCode.WRONG_TYPE, amount)
    assert (error.field, error.code) == ("amount", ErrorCode.WRONG_TYPE)


def test_a_line_with_tax_refuses_an_amount_that_is_not_money() -> None:
    error = refusal(lambda: InvoiceLine(description="Microsoft 365 E3", amount="5", tax=Money(1, "EUR")))  # type: ignore[arg-type]
    assert (error.field, error.code) == ("amount", ErrorCode.WRONG_TYPE)


def test_a_line_without_tax_carries_zero_tax_in_its_currency() -> None:
    line = InvoiceLine(description="Teams Phone", amount=Money("8.00", "CZK"))
    assert line.tax == Money.zero("CZK")
    assert line.total == Money("8.00", "CZK")


def test_a_lines_tax_in_another_currency_is_refused_naming_both() -> None:
    tax = Money("1.68", "USD")
    error = refusal(lambda: InvoiceLine(description="Teams Phone", amount=Money("8.00", "EUR"), tax=tax))
    assert isinstance(error, CurrencyMismatch)
    assert (error.field, error.left, error.right) == ("tax", "EUR", tax.currency)


def lines_in_two_currencies() -> tuple[InvoiceLine, ...]:
    return (
        InvoiceLine(description="E3", amount=Money("10.00", "EUR")),
        InvoiceLine(description="E5", amount=Money("20.00", "USD")),
    )


def test_a_line_in_another_currency_is_refused_when_the_total_is_derived() -> None:
    error = refusal(
        lambda: Invoice(id="G1", issued=D(2024, 2, 8), currency="EUR", lines=lines_in_two_currencies())
    )
    assert isinstance(error, CurrencyMismatch)
    assert (error.field, error.left, error.right) == ("lines[1].amount", "EUR", "USD")


def test_a_line_in_another_currency_is_refused_alike_when_the_total_is_given() -> None:
    error = refusal(
        lambda: Invoice(
            id="G1",
            issued=D(2024, 2, 8),
            currency="EUR",
            lines=lines_in_two_currencies(),
            total_charges=Money("30.00", "EUR"),
        )
    )
    assert isinstance(error, CurrencyMismatch)
    assert (error.field, error.left, error.right) == ("lines[1].amount", "EUR", "USD")


@pytest.mark.parametrize("currency", [7, None, "", "EURO"])
def test_an_invoice_in_no_valid_currency_is_refused_before_its_total_is_derived(currency: Any) -> None:
    error = refusal(
        lambda: Invoice(
            id="G1",
            issued=D(2024, 2, 8),
            currency=currency,
            lines=(InvoiceLine(description="E3", amount=Money("10.00", "EUR")),),
        )
    )
    assert error.field == "currency"
    assert error.value == currency


# -- invoices, payments and credit notes -----------------------------------------------------------


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def invoice(**changes: Any) -> Invoice:
    fields: dict[str, Any] = {
        "id": "G1",
        "issued": D(2024, 2, 8),
        "currency": "EUR",
        "total_charges": eur("10"),
    }
    fields.update(changes)
    return Invoice(**fields)


@pytest.mark.parametrize(
    ("changes", "field", "code", "value"),
    [
        ({"lines": None}, "lines", ErrorCode.WRONG_TYPE, None),
        ({"lines": "E3"}, "lines", ErrorCode.WRONG_TYPE, "E3"),
        ({"lines": {1}}, "lines", ErrorCode.WRONG_TYPE, {1}),
        ({"lines": ("E3",)}, "lines[0]", ErrorCode.WRONG_TYPE, "E3"),
        ({"amendments": None}, "amendments", ErrorCode.WRONG_TYPE, None),
        ({"amendments": b"x"}, "amendments", ErrorCode.WRONG_TYPE, b"x"),
        ({"amendments": [7]}, "amendments[0]", ErrorCode.WRONG_TYPE, 7),
        ({"total_charges": Money(10, "USD")}, "total_charges", ErrorCode.CURRENCY_MISMATCH, ("EUR", "USD")),
        (
            {"lines": (InvoiceLine(description="E3", amount=eur("10")),), "total_charges": eur("11")},
            "total_charges",
            ErrorCode.INCONSISTENT,
            eur("11"),
        ),
        ({"paid_amount": Money(1, "USD")}, "paid_amount", ErrorCode.CURRENCY_MISMATCH, ("EUR", "USD")),
        ({"due": D(2024, 2, 7)}, "due", ErrorCode.INCONSISTENT, D(2024, 2, 7)),
        (
            {"billing_period_start": D(2024, 2, 1), "billing_period_end": D(2024, 1, 31)},
            "billing_period_end",
            ErrorCode.INCONSISTENT,
            D(2024, 1, 31),
        ),
        ({"document_type": "memo"}, "document_type", ErrorCode.UNKNOWN_VALUE, "memo"),
    ],
)
def test_a_bad_invoice_field_is_refused_naming_it_and_its_value(
    changes: dict[str, Any], field: str, code: ErrorCode, value: object
) -> None:
    error = refusal(lambda: invoice(**changes))
    assert (error.field, error.code, error.value) == (field, code, value)


def test_an_invoice_may_fall_due_on_its_issue_date_and_cover_a_one_day_period() -> None:
    same_day = invoice(
        due=D(2024, 2, 8), billing_period_start=D(2024, 2, 1), billing_period_end=D(2024, 2, 1)
    )
    assert (same_day.due, same_day.billing_period_end) == (D(2024, 2, 8), D(2024, 2, 1))


def test_a_billing_period_with_one_end_known_is_accepted() -> None:
    assert invoice(billing_period_end=D(2024, 1, 31)).billing_period_start is None
    assert invoice(billing_period_start=D(2024, 3, 1)).billing_period_end is None


@pytest.mark.parametrize(
    ("document", "day", "code"),
    [(Payment, "received", ErrorCode.OUT_OF_RANGE), (CreditNote, "issued", ErrorCode.OUT_OF_RANGE)],
)
@pytest.mark.parametrize("amount", ["0", "-0.01"])
def test_payments_and_credit_notes_must_be_positive(
    document: type, day: str, code: ErrorCode, amount: str
) -> None:
    error = refusal(lambda: document(id="X", amount=eur(amount), **{day: D(2024, 1, 1)}))
    assert (error.field, error.code, error.value) == ("amount", code, eur(amount))


def test_a_payment_refuses_an_unknown_allocation_by_name() -> None:
    error = refusal(lambda: Payment(id="P", amount=eur("1"), received=D(2024, 1, 1), allocation="fifo"))  # type: ignore[arg-type]
    assert (error.field, error.value) == ("allocation", "fifo")
    assert Payment(
        id="P", amount=eur("1"), received=D(2024, 1, 1), allocation="newest_due_first"
    ).allocation == (Allocation.NEWEST_DUE_FIRST)


# -- the ledger's own checks -----------------------------------------------------------------------


def inv(key: str, amount: str = "10") -> Invoice:
    return invoice(id=key, total_charges=eur(amount))


@pytest.mark.parametrize(
    ("changes", "field", "code", "value"),
    [
        ({"invoices": None}, "invoices", ErrorCode.WRONG_TYPE, None),
        ({"invoices": "G1"}, "invoices", ErrorCode.WRONG_TYPE, "G1"),
        ({"invoices": (inv("A"), "B")}, "invoices[1]", ErrorCode.WRONG_TYPE, "B"),
        ({"payments": None}, "payments", ErrorCode.WRONG_TYPE, None),
        ({"payments": [1]}, "payments[0]", ErrorCode.WRONG_TYPE, 1),
        ({"credit_notes": {1}}, "credit_notes", ErrorCode.WRONG_TYPE, {1}),
        ({"credit_notes": (None,)}, "credit_notes[0]", ErrorCode.WRONG_TYPE, None),
        ({"voided": "A"}, "ids", ErrorCode.WRONG_TYPE, "A"),
        ({"written_off": None}, "ids", ErrorCode.WRONG_TYPE, None),
        ({"on_payment_plan": ("",)}, "ids[]", ErrorCode.EMPTY, ""),
        ({"closed_on": None}, "closed_on", ErrorCode.WRONG_TYPE, None),
        ({"closed_on": "A"}, "closed_on", ErrorCode.WRONG_TYPE, "A"),
        ({"closed_on": (("A",),)}, "closed_on[0]", ErrorCode.MALFORMED, ("A",)),
        (
            {"closed_on": (["A", D(2024, 2, 8)],)},
            "closed_on[0]",
            ErrorCode.WRONG_TYPE,
            ["A", D(2024, 2, 8)],
        ),
        ({"closed_on": ((1, D(2024, 2, 8)),)}, "closed_on[0][0]", ErrorCode.WRONG_TYPE, 1),
        ({"closed_on": (("A", "2024-02-08"),)}, "closed_on[0][1]", ErrorCode.WRONG_TYPE, "2024-02-08"),
        ({"account_id": ""}, "account_id", ErrorCode.EMPTY, ""),
        ({"account_id": 7}, "account_id", ErrorCode.WRONG_TYPE, 7),
        (
            {"invoices": (inv("A"), inv("B", "-1"))},
            "invoices[1].total_charges",
            ErrorCode.OUT_OF_RANGE,
            eur("-1"),
        ),
        (
            {"invoices": (inv("A"), inv("B"), inv("B"), inv("A"))},
            "invoices",
            ErrorCode.DUPLICATE,
            "A",
        ),
        ({"invoices": (inv("A"), inv("B"), inv("B"))}, "invoices", ErrorCode.DUPLICATE, "B"),
        (
            {
                "invoices": (inv("A"),),
                "payments": (Payment(id="P", amount=Money(1, "USD"), received=D(2024, 1, 1)),),
            },
            "ledger",
            ErrorCode.CURRENCY_MISMATCH,
            ("EUR", "USD"),
        ),
        (
            {
                "credit_notes": (CreditNote(id="C", amount=Money(1, "CZK"), issued=D(2024, 1, 1)),),
                "invoices": (inv("A"),),
            },
            "ledger",
            ErrorCode.CURRENCY_MISMATCH,
            ("CZK", "EUR"),
        ),
        (
            {"invoices": (inv("A"),), "voided": {"X"}, "written_off": {"W"}, "on_payment_plan": {"A", "P"}},
            "voided/written_off/on_payment_plan",
            ErrorCode.UNKNOWN_REFERENCE,
            ("P", "W", "X"),
        ),
        (
            {"invoices": (inv("A"),), "on_payment_plan": {"Q"}},
            "voided/written_off/on_payment_plan",
            ErrorCode.UNKNOWN_REFERENCE,
            ("Q",),
        ),
        (
            {"invoices": (inv("A"), inv("B")), "voided": {"A", "B"}, "written_off": {"B", "A"}},
            "voided/written_off",
            ErrorCode.NOT_ALLOWED,
            ("A", "B"),
        ),
        (
            {
                "invoices": (inv("A"),),
                "voided": {"A"},
                "closed_on": (("A", D(2024, 2, 8)), ("A", D(2024, 2, 9))),
            },
            "closed_on",
            ErrorCode.INCONSISTENT,
            (("A", D(2024, 2, 8)), ("A", D(2024, 2, 9))),
        ),
        (
            {"invoices": (inv("A"), inv("B")), "voided": {"A"}, "closed_on": {"B": D(2024, 2, 9)}},
            "closed_on",
            ErrorCode.INCONSISTENT,
            (("B", D(2024, 2, 9)),),
        ),
        (
            {
                "payments": (
                    Payment(id="Q", amount=eur("1"), received=D(2024, 1, 1)),
                    Payment(id="P", amount=eur("1"), received=D(2024, 1, 1)),
                    Payment(id="P", amount=eur("2"), received=D(2024, 1, 2)),
                )
            },
            "payments",
            ErrorCode.DUPLICATE,
            "P",
        ),
        (
            {
                "credit_notes": (
                    CreditNote(id="C", amount=eur("1"), issued=D(2024, 1, 1)),
                    CreditNote(id="C", amount=eur("1"), issued=D(2024, 1, 1)),
                )
            },
            "credit_notes",
            ErrorCode.DUPLICATE,
            "C",
        ),
    ],
)
def test_a_bad_ledger_is_refused_naming_the_field_and_the_offending_value(
    changes: dict[str, Any], field: str, code: ErrorCode, value: object
) -> None:
    error = refusal(lambda: Ledger(**changes))
    assert (error.field, error.code, error.value) == (field, code, value)
    if code == ErrorCode.CURRENCY_MISMATCH:  # two currencies: a CurrencyMismatch naming both
        assert isinstance(error, CurrencyMismatch)
        assert (error.left, error.right) == value


def test_a_ledger_takes_lists_and_sets_and_keeps_closing_dates_sorted() -> None:
    book = Ledger(
        invoices=[inv("A"), inv("B")],
        voided=["B"],
        written_off={"A"},
        closed_on=[("B", D(2024, 2, 9)), ("A", D(2024, 2, 8))],
        on_payment_plan=frozenset(),
        account_id="contoso",
    )
    assert (book.invoices, book.voided, book.written_off, book.closed_on, book.account_id) == (
        (inv("A"), inv("B")),
        frozenset({"B"}),
        frozenset({"A"}),
        (("A", D(2024, 2, 8)), ("B", D(2024, 2, 9))),
        "contoso",
    )


def test_a_zero_invoice_is_allowed_in_a_ledger() -> None:
    assert Ledger(invoices=(inv("Z", "0"),)).currency == "EUR"


def test_the_ledger_finds_an_invoice_by_id_or_refuses_naming_it() -> None:
    book = Ledger(invoices=(inv("A"), inv("B", "20")))
    assert book.invoice("B") == inv("B", "20")
    error = refusal(lambda: book.invoice("C"))
    assert (error.field, error.code, error.value) == ("invoice_id", ErrorCode.UNKNOWN_REFERENCE, "C")


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: invoice(total_charges=Money(10, "USD")), "total_charges"),
        (lambda: invoice(paid_amount=Money(1, "USD")), "paid_amount"),
        (
            lambda: Ledger(
                invoices=(invoice(),),
                payments=(Payment(id="P", amount=Money(1, "USD"), received=D(2024, 3, 1)),),
            ),
            "ledger",
        ),
    ],
)
def test_an_amount_in_another_currency_is_a_currency_mismatch(
    build: Callable[[], object], field: str
) -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        build()
    assert (caught.value.field, caught.value.left, caught.value.right) == (field, "EUR", "USD")
