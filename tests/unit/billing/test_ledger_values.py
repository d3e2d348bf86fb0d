"""Exact values of the ledger's queries at their boundaries (aging edges, the DSO window, refusals).

Every ledger here is built fresh inside its test: the ledger memoises its timeline on first use, so
a shared ledger would answer from a memo filled by another test.
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest

from cspcore import ErrorCode, InvalidInput, Money
from cspcore.billing import (
    Aging,
    AgingBucket,
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
from cspcore.billing.collections import STANDARD, evaluate
from cspcore.billing.ledger import money_of, open_invoices_at, timeline_of
from cspcore.errors import CurrencyMismatch
from cspcore.explain import Reason, Source

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def inv(
    key: str, issued: dt.date, amount: str, *, due: dt.date | None = None, disputed: bool = False
) -> Invoice:
    return Invoice(
        id=key, issued=issued, due=due, currency="EUR", total_charges=eur(amount), disputed=disputed
    )


def refusal(call: Callable[[], object]) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        call()
    return caught.value


def hostile() -> decimal.Context:
    """An ambient context that would visibly change any arithmetic relying on it."""
    return decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR)


# -- open_invoices_at (the collections benchmark's baseline reads it) ------------------------------


def two_invoices_and_a_part_payment() -> Ledger:
    return Ledger(
        invoices=(
            inv("I-1", D(2024, 1, 1), "100.00", due=D(2024, 1, 31)),
            inv("I-2", D(2024, 2, 1), "50.00", due=D(2024, 3, 2)),
        ),
        payments=(Payment(id="P", amount=eur("30.00"), received=D(2024, 1, 20)),),
    )


def test_nothing_is_open_before_the_first_document_day() -> None:
    assert open_invoices_at(two_invoices_and_a_part_payment(), D(2023, 12, 31).toordinal()) == ()


def test_the_open_invoices_on_a_document_day_include_that_days_documents() -> None:
    jan31 = D(2024, 1, 31).toordinal()
    assert ((jan31, Decimal("100.00"), "I-1"),) == open_invoices_at(
        two_invoices_and_a_part_payment(), D(2024, 1, 1).toordinal()
    )
    assert ((jan31, Decimal("70.00"), "I-1"),) == open_invoices_at(
        two_invoices_and_a_part_payment(), D(2024, 1, 20).toordinal()
    )


def test_between_document_days_the_last_document_day_holds() -> None:
    jan31, mar2 = D(2024, 1, 31).toordinal(), D(2024, 3, 2).toordinal()
    book = two_invoices_and_a_part_payment()
    assert ((jan31, Decimal("100.00"), "I-1"),) == open_invoices_at(book, D(2024, 1, 19).toordinal())
    assert ((jan31, Decimal("70.00"), "I-1"),) == open_invoices_at(book, D(2024, 1, 31).toordinal())
    expected = ((jan31, Decimal("70.00"), "I-1"), (mar2, Decimal("50.00"), "I-2"))
    assert expected == open_invoices_at(book, D(2024, 2, 1).toordinal())
    assert expected == open_invoices_at(book, D(2030, 1, 1).toordinal())


# -- outstanding and account credit ----------------------------------------------------------------


def test_an_invoice_owes_zero_before_its_issue_date() -> None:
    march = inv("A", D(2024, 3, 1), "5.00")
    assert eur("0") == outstanding(march, Ledger(invoices=(march,)), as_of=D(2024, 2, 29))
    assert eur("5.00") == outstanding(march, Ledger(invoices=(march,)), as_of=D(2024, 3, 1))


def test_an_invoice_owes_zero_from_the_day_it_is_voided_or_written_off() -> None:
    march = inv("A", D(2024, 3, 1), "5.00")
    voided = void(Ledger(invoices=(march,)), "A", on=D(2024, 3, 10))
    written = write_off(Ledger(invoices=(march,)), "A", on=D(2024, 3, 10))
    assert eur("5.00") == outstanding(march, voided, as_of=D(2024, 3, 9))
    assert eur("0") == outstanding(march, voided, as_of=D(2024, 3, 10))
    assert eur("0") == outstanding(march, written, as_of=D(2024, 3, 10))


def test_an_empty_ledger_has_no_account_credit_in_the_currency_asked_for() -> None:
    assert Money("0", "CZK") == account_credit(Ledger(), as_of=D(2024, 1, 1), currency="CZK")


def test_account_credit_is_an_overpayment_and_an_unspent_credit_note() -> None:
    book = Ledger(
        invoices=(inv("A", D(2024, 1, 1), "10.00"),),
        payments=(Payment(id="P", amount=eur("12.00"), received=D(2024, 1, 5)),),
        credit_notes=(CreditNote(id="C", amount=eur("3.00"), issued=D(2024, 1, 6)),),
    )
    assert eur("0") == account_credit(book, as_of=D(2024, 1, 4))
    assert eur("2.00") == account_credit(book, as_of=D(2024, 1, 5))
    assert eur("5.00") == account_credit(book, as_of=D(2024, 1, 6), currency="EUR")


# -- aging -----------------------------------------------------------------------------------------


def test_aging_puts_an_invoice_on_a_bucket_edge_in_the_younger_bucket() -> None:
    # Default columns: current (not past due), 1-30, 31-60, 61-90 and 91+ days past due on 31 March.
    book = Ledger(
        invoices=(
            inv("PAID", D(2023, 11, 1), "9.00", due=D(2023, 12, 1)),
            inv("D91", D(2023, 12, 1), "1.00", due=D(2023, 12, 31)),
            inv("D90", D(2023, 12, 1), "2.00", due=D(2024, 1, 1)),
            inv("D60", D(2024, 1, 1), "4.00", due=D(2024, 1, 31)),
            inv("D31", D(2024, 2, 1), "8.00", due=D(2024, 2, 29)),
            inv("D30", D(2024, 2, 1), "16.00", due=D(2024, 3, 1)),
            inv("D1", D(2024, 3, 1), "32.00", due=D(2024, 3, 30)),
            inv("D0", D(2024, 3, 1), "64.00", due=D(2024, 3, 31)),
            inv("NODUE", D(2024, 3, 31), "128.00"),
            inv("LATER", D(2024, 4, 1), "256.00"),
        ),
        payments=(
            Payment(id="P-1", amount=eur("9.00"), received=D(2024, 3, 31), invoice_id="PAID"),
            Payment(id="P-2", amount=eur("0.50"), received=D(2024, 3, 31), invoice_id="D91"),
        ),
    )
    expected = Aging(
        as_of=D(2024, 3, 31),
        buckets=(
            AgingBucket(low=None, high=0, amount=eur("192.00"), invoice_ids=("D0", "NODUE")),
            AgingBucket(low=0, high=30, amount=eur("48.00"), invoice_ids=("D30", "D1")),
            AgingBucket(low=30, high=60, amount=eur("12.00"), invoice_ids=("D60", "D31")),
            AgingBucket(low=60, high=90, amount=eur("2.00"), invoice_ids=("D90",)),
            AgingBucket(low=90, high=None, amount=eur("0.50"), invoice_ids=("D91",)),
        ),
        credit=eur("0"),
    )
    assert expected == aging(book, as_of=D(2024, 3, 31))


def test_aging_shows_account_credit_apart_from_the_buckets() -> None:
    book = Ledger(
        invoices=(inv("A", D(2024, 1, 1), "10.00", due=D(2024, 1, 31)),),
        payments=(Payment(id="P", amount=eur("4.00"), received=D(2024, 2, 1), invoice_id="A"),),
        credit_notes=(CreditNote(id="C", amount=eur("20.00"), issued=D(2024, 2, 2)),),
    )
    expected = Aging(
        as_of=D(2024, 2, 15),
        buckets=(
            AgingBucket(low=None, high=10, amount=eur("0"), invoice_ids=()),
            AgingBucket(low=10, high=None, amount=eur("0"), invoice_ids=()),
        ),
        credit=eur("14.00"),
    )
    assert expected == aging(book, as_of=D(2024, 2, 15), buckets=[10])
    assert eur("6.00") == aging(book, as_of=D(2024, 2, 1), buckets=[10]).buckets[0].amount


def test_aging_takes_custom_buckets_as_a_list() -> None:
    book = Ledger(invoices=(inv("A", D(2024, 1, 1), "10.00", due=D(2024, 1, 15)),))
    report = aging(book, as_of=D(2024, 1, 31), buckets=[0, 15])
    assert [bucket.label for bucket in report.buckets] == ["current", "1-15", "16+"]
    assert report.buckets[2].invoice_ids == ("A",)
    assert aging(book, as_of=D(2024, 1, 30), buckets=[0, 15]).buckets[1].invoice_ids == ("A",)


def test_an_empty_ledger_ages_to_empty_buckets_in_the_currency_asked_for() -> None:
    report = aging(Ledger(), as_of=D(2024, 1, 1), buckets=(0,), currency="USD")
    zero = Money("0", "USD")
    expected = Aging(
        as_of=D(2024, 1, 1),
        buckets=(
            AgingBucket(low=None, high=0, amount=zero, invoice_ids=()),
            AgingBucket(low=0, high=None, amount=zero, invoice_ids=()),
        ),
        credit=zero,
    )
    assert expected == report


@pytest.mark.parametrize(
    ("buckets", "code"),
    [
        ("0,30", ErrorCode.WRONG_TYPE),
        (b"0", ErrorCode.WRONG_TYPE),
        ((), ErrorCode.EMPTY),
        ([], ErrorCode.EMPTY),
        ({0, 30}, ErrorCode.WRONG_TYPE),
        (30, ErrorCode.WRONG_TYPE),
        (None, ErrorCode.WRONG_TYPE),
    ],
)
def test_aging_refuses_buckets_that_are_not_a_non_empty_tuple(buckets: object, code: ErrorCode) -> None:
    book = Ledger(invoices=(inv("A", D(2024, 1, 1), "1.00"),))
    error = refusal(lambda: aging(book, as_of=D(2024, 1, 1), buckets=buckets))  # type: ignore[arg-type]
    assert ("buckets", code, buckets) == (error.field, error.code, error.value)


def test_aging_refuses_a_negative_bucket_naming_its_position() -> None:
    book = Ledger(invoices=(inv("A", D(2024, 1, 1), "1.00"),))
    error = refusal(lambda: aging(book, as_of=D(2024, 1, 1), buckets=(0, -1)))
    assert (error.field, error.code, error.value) == ("buckets[1]", ErrorCode.OUT_OF_RANGE, -1)
    assert (error.field, error.code) == ("buckets[1]", ErrorCode.OUT_OF_RANGE)


def test_aging_refuses_a_bucket_that_is_not_an_int() -> None:
    book = Ledger(invoices=(inv("A", D(2024, 1, 1), "1.00"),))
    error = refusal(lambda: aging(book, as_of=D(2024, 1, 1), buckets=(0, 30.0)))  # type: ignore[arg-type]
    assert (error.field, error.code) == ("buckets[1]", ErrorCode.WRONG_TYPE)


def test_aging_refuses_buckets_that_do_not_increase_naming_the_previous_bucket() -> None:
    book = Ledger(invoices=(inv("A", D(2024, 1, 1), "1.00"),))
    error = refusal(lambda: aging(book, as_of=D(2024, 1, 1), buckets=(0, 30, 30)))
    assert (
        error.field,
        error.code,
        error.value,
    ) == ("buckets[2]", ErrorCode.OUT_OF_ORDER, 30)
    assert (error.field, error.code) == ("buckets[2]", ErrorCode.OUT_OF_ORDER)
    lower = refusal(lambda: aging(book, as_of=D(2024, 1, 1), buckets=(10, 40, 20)))
    assert (lower.field, lower.code) == ("buckets[2]", ErrorCode.OUT_OF_ORDER)


def test_aging_accepts_a_zero_first_bucket_and_one_day_steps() -> None:
    book = Ledger(invoices=(inv("A", D(2024, 1, 1), "1.00"),))
    labels = [b.label for b in aging(book, as_of=D(2024, 1, 1), buckets=(0, 1, 2)).buckets]
    assert labels == ["current", "1-1", "2-2", "3+"]


# -- DSO -------------------------------------------------------------------------------------------


def test_dso_counts_sales_of_the_ninety_days_ending_on_as_of_by_default() -> None:
    # 31 March 2024: the 90 days ending on it start on 2 January; 1 January is outside.
    book = Ledger(
        invoices=(
            inv("OUTSIDE", D(2024, 1, 1), "300.00"),
            inv("FIRST-DAY", D(2024, 1, 2), "600.00"),
        ),
        payments=(Payment(id="P", amount=eur("400.00"), received=D(2024, 1, 10), invoice_id="FIRST-DAY"),),
    )
    # Receivables 300 + 200 = 500; sales 600; 500 / 600 * 90 = 75.
    assert Decimal("75.0") == dso(book, as_of=D(2024, 3, 31))
    assert Decimal("75.0") == dso(book, as_of=D(2024, 3, 31), days=90)


def test_dso_counts_an_invoice_issued_on_as_of_as_a_sale() -> None:
    book = Ledger(invoices=(inv("OLD", D(2023, 1, 1), "10.00"), inv("TODAY", D(2024, 3, 31), "20.00")))
    # Receivables 30, sales 20 (the as-of day counts): 30 / 20 * 30 = 45.
    assert Decimal("45.0") == dso(book, as_of=D(2024, 3, 31), days=30)
    assert dso(book, as_of=D(2024, 3, 30), days=30) is None


def test_a_one_day_window_holds_only_the_as_of_day() -> None:
    book = Ledger(invoices=(inv("A", D(2024, 3, 30), "10.00"), inv("B", D(2024, 3, 31), "40.00")))
    # Receivables 50, sales 40: 50 / 40 * 1 = 1.25, rounded half up.
    assert Decimal("1.3") == dso(book, as_of=D(2024, 3, 31), days=1)


def test_dso_rounds_half_up_to_one_decimal() -> None:
    book = Ledger(
        invoices=(inv("A", D(2024, 3, 1), "360.00"),),
        payments=(Payment(id="P", amount=eur("271.00"), received=D(2024, 3, 5)),),
    )
    # Receivables 89, sales 360: 89 / 360 * 90 = 22.25 exactly, which half up makes 22.3.
    assert Decimal("22.3") == dso(book, as_of=D(2024, 3, 31), days=90)


def test_dso_is_none_without_sales_in_the_window_even_with_receivables() -> None:
    book = Ledger(invoices=(inv("A", D(2023, 1, 1), "10.00"),))
    assert dso(book, as_of=D(2024, 3, 31)) is None


def test_dso_leaves_out_voided_invoices_and_nets_credit_notes_but_not_account_credit() -> None:
    book = Ledger(
        invoices=(
            inv("A", D(2024, 3, 1), "100.00", disputed=True),
            inv("B", D(2024, 3, 2), "100.00"),
            inv("C", D(2024, 3, 3), "50.00"),
        ),
        credit_notes=(CreditNote(id="CN", amount=eur("25.00"), issued=D(2024, 3, 4), invoice_id="A"),),
        payments=(Payment(id="P", amount=eur("80.00"), received=D(2024, 3, 5), invoice_id="C"),),
    )
    book = void(book, "B", on=D(2024, 3, 6))
    # Receivables: A 75 (credited 25; disputed, so the payment's excess does not reach it), C 0
    # (paid; the excess went to B, came back as credit when B was voided, and is not netted).
    # Sales: A 100 + C 50 = 150. 75 / 150 * 90 = 45.
    assert Decimal("45.0") == dso(book, as_of=D(2024, 3, 31), days=90)


def test_dso_over_several_ledgers_skips_empty_ones_wherever_they_are() -> None:
    def book(key: str) -> Ledger:
        return Ledger(invoices=(inv(key, D(2024, 3, 1), "100.00"),))

    paid = Ledger(
        invoices=(inv("Z", D(2024, 3, 1), "100.00"),),
        payments=(Payment(id="P", amount=eur("100"), received=D(2024, 3, 2)),),
    )
    assert Decimal("45.0") == dso([Ledger(), book("A"), Ledger(), paid], as_of=D(2024, 3, 31))
    assert Decimal("45.0") == dso((b for b in (book("A"), paid)), as_of=D(2024, 3, 31))


def test_dso_refuses_a_window_shorter_than_one_day() -> None:
    book = Ledger(invoices=(inv("A", D(2024, 3, 1), "1.00"),))
    error = refusal(lambda: dso(book, as_of=D(2024, 3, 31), days=0))
    assert (error.field, error.code, error.value) == ("days", ErrorCode.OUT_OF_RANGE, 0)
    assert (error.field, error.code) == ("days", ErrorCode.OUT_OF_RANGE)
    refused = refusal(lambda: dso(book, as_of=D(2024, 3, 31), days=-30))
    assert (refused.field, refused.code) == ("days", ErrorCode.OUT_OF_RANGE)


def test_dso_refuses_a_window_longer_than_ten_years() -> None:
    book = Ledger(invoices=(inv("A", D(2024, 3, 1), "1.00"),))
    assert Decimal("3660.0") == dso(book, as_of=D(2024, 3, 31), days=3660)
    error = refusal(lambda: dso(book, as_of=D(2024, 3, 31), days=3661))
    assert (error.field, error.code, error.value) == ("days", ErrorCode.OUT_OF_RANGE, 3661)
    assert (error.field, error.code) == ("days", ErrorCode.OUT_OF_RANGE)


def test_dso_refuses_a_window_that_is_not_an_int() -> None:
    book = Ledger(invoices=(inv("A", D(2024, 3, 1), "1.00"),))
    refused = refusal(lambda: dso(book, as_of=D(2024, 3, 31), days=True))
    assert (refused.field, refused.code) == ("days", ErrorCode.WRONG_TYPE)


def test_dso_refuses_ledgers_that_are_not_an_iterable_of_ledgers() -> None:
    error = refusal(lambda: dso("books", as_of=D(2024, 3, 31)))  # type: ignore[arg-type]
    assert (
        error.field,
        error.code,
        error.value,
    ) == ("ledgers", ErrorCode.WRONG_TYPE, "books")
    assert (error.field, error.code) == ("ledgers", ErrorCode.WRONG_TYPE)
    item = refusal(lambda: dso([Ledger(), 7], as_of=D(2024, 3, 31)))  # type: ignore[list-item]
    assert (item.field, item.code, item.value) == ("ledgers[1]", ErrorCode.WRONG_TYPE, 7)
    assert (item.field, item.code) == ("ledgers[1]", ErrorCode.WRONG_TYPE)


def test_dso_refuses_ledgers_in_different_currencies() -> None:
    usd = Ledger(
        invoices=(Invoice(id="U", issued=D(2024, 3, 1), currency="USD", total_charges=Money(1, "USD")),)
    )
    czk = Ledger(
        invoices=(Invoice(id="K", issued=D(2024, 3, 1), currency="CZK", total_charges=Money(1, "CZK")),)
    )
    eur_book = Ledger(invoices=(inv("E", D(2024, 3, 1), "1.00"),))
    error = refusal(lambda: dso([usd, eur_book, czk], as_of=D(2024, 3, 31)))
    assert isinstance(error, CurrencyMismatch)
    assert (error.field, error.left, error.right) == ("ledgers", "CZK", "EUR")


def test_dso_quantizes_in_its_own_context_not_the_ambient_one() -> None:
    book = Ledger(
        invoices=(inv("OLD", D(2023, 1, 1), "100"), inv("NEW", D(2024, 3, 1), "7")),
        payments=(Payment(id="P", amount=eur("7"), received=D(2024, 3, 2), invoice_id="NEW"),),
    )
    # 100 / 7 * 90 = 1285.714..., five digits: more than a three-digit ambient context holds.
    with decimal.localcontext(hostile()):
        assert Decimal("1285.7") == dso(book, as_of=D(2024, 3, 31), days=90)


# -- the caller's decimal context never reaches the ledger's sums ----------------------------------


def three_unpaid_invoices_of_many_digits() -> Ledger:
    return Ledger(
        invoices=tuple(inv(f"I-{n}", D(2024, 1, n), "1234.56", due=D(2024, 1, 10)) for n in (1, 2, 3))
    )


def test_write_offs_add_up_exactly_under_a_three_digit_ambient_context() -> None:
    book = write_off(three_unpaid_invoices_of_many_digits(), "I-1", on=D(2024, 3, 1))
    book = write_off(book, "I-2", on=D(2024, 3, 1))
    with decimal.localcontext(hostile()):
        written = settle(book, as_of=D(2024, 3, 1)).written_off
    assert eur("2469.12") == written


def test_dso_adds_receivables_exactly_under_a_three_digit_ambient_context() -> None:
    # Receivables 3703.68 = sales: DSO is the whole window.
    with decimal.localcontext(hostile()):
        result = dso(three_unpaid_invoices_of_many_digits(), as_of=D(2024, 1, 20), days=90)
    assert Decimal("90.0") == result


def test_the_overdue_total_adds_up_exactly_under_a_three_digit_ambient_context() -> None:
    # Collections reads the overdue total from the ledger's memoised timeline, built on first use.
    with decimal.localcontext(hostile()):
        standing = evaluate(STANDARD, three_unpaid_invoices_of_many_digits(), as_of=D(2024, 3, 1))
    assert eur("3703.68") == standing.overdue


def test_the_overdue_changes_add_up_exactly_under_a_three_digit_ambient_context() -> None:
    jan11 = D(2024, 1, 11).toordinal()
    with decimal.localcontext(hostile()):
        changes = timeline_of(three_unpaid_invoices_of_many_digits()).overdue_changes()
    assert (jan11, D(2024, 1, 10).toordinal(), Decimal("3703.68"), 3) == changes[-1]


# -- the replay ------------------------------------------------------------------------------------


def test_a_write_off_without_a_recorded_date_counts_from_the_issue_date() -> None:
    book = Ledger(
        invoices=(inv("A", D(2024, 1, 5), "100.00"), inv("B", D(2024, 1, 1), "40.00")),
        written_off={"A"},
    )
    assert eur("40.00") == outstanding(book.invoices[1], book, as_of=D(2024, 1, 4))
    state = settle(book, as_of=D(2024, 1, 5))
    assert (eur("100.00"), eur("40.00"), InvoiceStatus.UNCOLLECTIBLE) == (
        state.written_off,
        state.balance,
        state.statuses["A"],
    )


# -- refusals of the changes -----------------------------------------------------------------------

REBILLING = Source(document="billing-basics.md", section="Credit notes and rebilling")


def jan() -> Invoice:
    return inv("I-1", D(2024, 1, 1), "100.00", due=D(2024, 1, 31))


def feb() -> Invoice:
    return inv("I-2", D(2024, 2, 1), "50.00", due=D(2024, 3, 2))


def two_open() -> Ledger:
    return Ledger(invoices=(jan(), feb()))


def voided_jan() -> Ledger:
    return void(two_open(), "I-1", on=D(2024, 1, 2))


def written_off_feb() -> Ledger:
    return write_off(two_open(), "I-2", on=D(2024, 5, 2))


def closed(call: Callable[[], object]) -> InvoiceClosed:
    with pytest.raises(InvoiceClosed) as caught:
        call()
    return caught.value


def voided_reason(invoice: str) -> tuple[Reason, ...]:
    return (Reason(code="billing.ledger.invoice_voided", params={"invoice": invoice}, source=REBILLING),)


def written_off_reason(invoice: str) -> tuple[Reason, ...]:
    return (Reason(code="billing.ledger.invoice_written_off", params={"invoice": invoice}, source=REBILLING),)


def one_euro(key: str = "P") -> Payment:
    return Payment(id=key, amount=eur("1"), received=D(2024, 5, 3))


def test_a_voided_invoice_cannot_be_paid_credited_voided_or_written_off() -> None:
    note = CreditNote(id="C", amount=eur("1"), issued=D(2024, 5, 3), invoice_id="I-1")
    for call in (
        lambda: apply_payment(voided_jan(), one_euro(), invoice_id="I-1"),
        lambda: apply_payment(
            voided_jan(), Payment(id="P", amount=eur("1"), received=D(2024, 5, 3), invoice_id="I-1")
        ),
        lambda: record_credit_note(voided_jan(), note),
        lambda: void(voided_jan(), "I-1", on=D(2024, 1, 3)),
        lambda: write_off(voided_jan(), "I-1", on=D(2024, 1, 3)),
    ):
        error = closed(call)
        assert (error.code, error.reasons) == ("invoice_closed", voided_reason("I-1"))


def test_a_written_off_invoice_cannot_be_paid_credited_voided_or_written_off() -> None:
    note = CreditNote(id="C", amount=eur("1"), issued=D(2024, 5, 3), invoice_id="I-2")
    for call in (
        lambda: apply_payment(written_off_feb(), one_euro(), invoice_id="I-2"),
        lambda: record_credit_note(written_off_feb(), note),
        lambda: void(written_off_feb(), "I-2", on=D(2024, 6, 3)),
        lambda: write_off(written_off_feb(), "I-2", on=D(2024, 6, 3)),
    ):
        error = closed(call)
        assert (error.code, error.reasons) == ("invoice_closed", written_off_reason("I-2"))


def test_the_other_invoices_of_a_ledger_with_a_closed_one_stay_payable_by_name() -> None:
    book = apply_payment(voided_jan(), one_euro(), invoice_id="I-2")
    assert book.payments == (Payment(id="P", amount=eur("1"), received=D(2024, 5, 3), invoice_id="I-2"),)
    book = record_credit_note(
        written_off_feb(), CreditNote(id="C", amount=eur("1"), issued=D(2024, 5, 3), invoice_id="I-1")
    )
    assert eur("99.00") == outstanding(jan(), book, as_of=D(2024, 5, 3))


def test_writing_off_a_settled_invoice_is_refused_with_the_day_and_invoice() -> None:
    book = apply_payment(two_open(), Payment(id="P", amount=eur("100.00"), received=D(2024, 1, 2)))
    with pytest.raises(NothingToWriteOff) as caught:
        write_off(book, "I-1", on=D(2024, 1, 2))
    assert (caught.value.code, tuple(r.code for r in caught.value.reasons)) == (
        "nothing_to_write_off",
        ("billing.ledger.nothing_to_write_off",),
    )
    expected = Reason(
        code="billing.ledger.nothing_to_write_off", params={"invoice": "I-1", "on": D(2024, 1, 2)}
    )
    assert caught.value.reasons == (expected,)
    # The day before the payment, the whole invoice is still there to write off.
    assert eur("100.00") == settle(write_off(book, "I-1", on=D(2024, 1, 1)), as_of=D(2024, 1, 2)).written_off


@pytest.mark.parametrize("close", [void, write_off])
def test_closing_before_the_issue_date_is_refused_naming_it(close: Callable[..., Ledger]) -> None:
    error = refusal(lambda: close(two_open(), "I-2", on=D(2024, 1, 31)))
    assert (error.field, error.code, error.value) == (
        "on",
        ErrorCode.INCONSISTENT,
        D(2024, 1, 31),
    )
    assert (error.field, error.code) == ("on", ErrorCode.INCONSISTENT)


@pytest.mark.parametrize("close", [void, write_off])
def test_closing_on_the_issue_date_is_allowed_and_recorded(close: Callable[..., Ledger]) -> None:
    book = close(two_open(), "I-2", on=D(2024, 2, 1))
    assert book.closed_on == (("I-2", D(2024, 2, 1)),)
    assert eur("0") == outstanding(feb(), book, as_of=D(2024, 2, 1))


@pytest.mark.parametrize("close", [void, write_off])
def test_closing_refuses_an_unknown_invoice_a_bad_id_and_a_datetime(close: Callable[..., Ledger]) -> None:
    refused = refusal(lambda: close(two_open(), "nope", on=D(2024, 2, 2)))
    assert (refused.field, refused.code) == ("invoice_id", ErrorCode.UNKNOWN_REFERENCE)
    refused = refusal(lambda: close(two_open(), 5, on=D(2024, 2, 2)))
    assert (refused.field, refused.code) == ("invoice_id", ErrorCode.WRONG_TYPE)
    moment = dt.datetime(2024, 2, 2, tzinfo=dt.UTC)
    error = refusal(lambda: close(two_open(), "I-2", on=moment))
    assert (error.field, error.code, error.value) == (
        "on",
        ErrorCode.WRONG_TYPE,
        moment,
    )
    refused = refusal(lambda: close("book", "I-2", on=D(2024, 2, 2)))
    assert (refused.field, refused.code) == ("ledger", ErrorCode.WRONG_TYPE)


def test_a_payment_in_another_currency_is_refused() -> None:
    usd = Money(1, "USD")
    error = refusal(lambda: apply_payment(two_open(), Payment(id="P", amount=usd, received=D(2024, 1, 2))))
    assert isinstance(error, CurrencyMismatch)
    assert (error.field, error.left, error.right) == ("payment.amount", "EUR", "USD")


def test_a_payment_with_a_known_id_is_refused() -> None:
    book = apply_payment(two_open(), Payment(id="P", amount=eur("1"), received=D(2024, 1, 2)))
    error = refusal(lambda: apply_payment(book, Payment(id="P", amount=eur("2"), received=D(2024, 1, 3))))
    assert (error.field, error.code, error.value) == (
        "payment.id",
        ErrorCode.DUPLICATE,
        "P",
    )
    assert apply_payment(book, Payment(id="Q", amount=eur("2"), received=D(2024, 1, 3))).payments[1].id == "Q"


def test_a_payment_naming_an_unknown_invoice_is_refused_wherever_it_is_named() -> None:
    named = Payment(id="P", amount=eur("1"), received=D(2024, 1, 2), invoice_id="nope")
    for call in (
        lambda: apply_payment(two_open(), one_euro(), invoice_id="nope"),
        lambda: apply_payment(two_open(), named),
    ):
        error = refusal(call)
        assert (error.field, error.code, error.value) == (
            "invoice_id",
            ErrorCode.UNKNOWN_REFERENCE,
            "nope",
        )


def test_apply_payment_refuses_bad_arguments_by_name() -> None:
    refused = refusal(lambda: apply_payment(two_open(), "P"))  # type: ignore[arg-type]
    assert (refused.field, refused.code) == ("payment", ErrorCode.WRONG_TYPE)
    refused = refusal(lambda: apply_payment("book", one_euro()))  # type: ignore[arg-type]
    assert (refused.field, refused.code) == ("ledger", ErrorCode.WRONG_TYPE)
    error = refusal(lambda: apply_payment(two_open(), one_euro(), allocation="fifo"))  # type: ignore[arg-type]
    assert (error.field, error.value) == ("allocation", "fifo")
    refused = refusal(lambda: apply_payment(two_open(), one_euro(), invoice_id=""))
    assert (refused.field, refused.code) == ("invoice_id", ErrorCode.EMPTY)


def test_apply_payment_records_the_allocation_and_the_named_invoice_on_the_payment() -> None:
    book = apply_payment(two_open(), one_euro(), allocation="newest_due_first", invoice_id="I-1")  # type: ignore[arg-type]
    assert book.payments == (
        Payment(
            id="P",
            amount=eur("1"),
            received=D(2024, 5, 3),
            invoice_id="I-1",
            allocation=Allocation.NEWEST_DUE_FIRST,
        ),
    )
    kept = apply_payment(
        two_open(), Payment(id="P", amount=eur("1"), received=D(2024, 5, 3), invoice_id="I-2")
    )
    assert kept.payments == (Payment(id="P", amount=eur("1"), received=D(2024, 5, 3), invoice_id="I-2"),)
    assert kept.invoices == (jan(), feb())


def test_a_payment_named_on_an_empty_ledger_is_refused_and_an_unnamed_one_is_kept() -> None:
    error = refusal(lambda: apply_payment(Ledger(), one_euro(), invoice_id="I-1"))
    assert (error.field, error.code) == ("invoice_id", ErrorCode.UNKNOWN_REFERENCE)
    assert (
        apply_payment(Ledger(), Payment(id="P", amount=Money(1, "USD"), received=D(2024, 1, 2))).currency
        == "USD"
    )


def test_credit_notes_are_refused_in_another_currency_twice_or_for_an_unknown_invoice() -> None:
    usd = Money(1, "USD")
    error = refusal(
        lambda: record_credit_note(two_open(), CreditNote(id="C", amount=usd, issued=D(2024, 1, 2)))
    )
    assert isinstance(error, CurrencyMismatch)
    assert (error.field, error.left, error.right) == ("note.amount", "EUR", "USD")
    noted = record_credit_note(two_open(), CreditNote(id="C", amount=eur("1"), issued=D(2024, 1, 2)))
    again = refusal(
        lambda: record_credit_note(noted, CreditNote(id="C", amount=eur("2"), issued=D(2024, 1, 3)))
    )
    assert (again.field, again.code, again.value) == (
        "note.id",
        ErrorCode.DUPLICATE,
        "C",
    )
    unknown = refusal(
        lambda: record_credit_note(
            two_open(), CreditNote(id="C", amount=eur("1"), issued=D(2024, 1, 2), invoice_id="x")
        )
    )
    assert (unknown.field, unknown.code) == ("invoice_id", ErrorCode.UNKNOWN_REFERENCE)
    refused = refusal(lambda: record_credit_note(two_open(), "C"))  # type: ignore[arg-type]
    assert (refused.field, refused.code) == ("note", ErrorCode.WRONG_TYPE)
    assert (
        record_credit_note(noted, CreditNote(id="D", amount=eur("2"), issued=D(2024, 1, 3)))
        .credit_notes[1]
        .id
        == "D"
    )


def test_issuing_refuses_another_currency_and_a_non_invoice() -> None:
    usd = Money(1, "USD")
    error = refusal(
        lambda: issue(two_open(), Invoice(id="U", issued=D(2024, 1, 1), currency="USD", total_charges=usd))
    )
    assert isinstance(error, CurrencyMismatch)
    assert (error.field, error.left, error.right) == ("invoice.currency", "EUR", "USD")
    refused = refusal(lambda: issue(two_open(), "I"))  # type: ignore[arg-type]
    assert (refused.field, refused.code) == ("invoice", ErrorCode.WRONG_TYPE)
    assert issue(Ledger(), jan()) == Ledger(invoices=(jan(),))


def test_voiding_a_paid_invoice_gives_its_payment_back_as_credit_for_the_next_open_one() -> None:
    book = apply_payment(two_open(), Payment(id="P", amount=eur("100.00"), received=D(2024, 1, 10)))
    assert open_invoices_at(book, D(2024, 1, 10).toordinal()) == ()
    book = void(book, "I-1", on=D(2024, 2, 15))
    state = settle(book, as_of=D(2024, 2, 15))
    assert (state.outstanding, state.credit, state.statuses) == (
        {"I-2": eur("0")},
        eur("50.00"),
        {"I-1": InvoiceStatus.VOID, "I-2": InvoiceStatus.PAID},
    )
    assert eur("-50.00") == balance(book, as_of=D(2024, 2, 15))
    assert open_invoices_at(book, D(2024, 2, 15).toordinal()) == ()


def test_voiding_the_only_invoice_once_paid_leaves_the_payment_as_credit() -> None:
    book = Ledger(
        invoices=(jan(),), payments=(Payment(id="P", amount=eur("100.00"), received=D(2024, 1, 10)),)
    )
    book = void(book, "I-1", on=D(2024, 1, 20))
    assert eur("100.00") == account_credit(book, as_of=D(2024, 1, 20))
    assert eur("-100.00") == balance(book, as_of=D(2024, 1, 20))


def test_an_unnamed_payment_passes_over_an_older_disputed_invoice() -> None:
    disputed = inv("D", D(2024, 1, 1), "100.00", due=D(2024, 1, 31), disputed=True)
    book = Ledger(
        invoices=(disputed, feb()), payments=(Payment(id="P", amount=eur("30.00"), received=D(2024, 2, 10)),)
    )
    state = settle(book, as_of=D(2024, 2, 10))
    assert (state.outstanding, state.credit) == ({"D": eur("100.00"), "I-2": eur("20.00")}, eur("0"))


def test_a_payment_received_before_the_invoice_it_names_waits_as_credit_and_settles_it_when_issued() -> None:
    book = apply_payment(
        Ledger(invoices=(feb(),)),
        Payment(id="P", amount=eur("20.00"), received=D(2024, 1, 15)),
        invoice_id="I-2",
    )
    assert eur("20.00") == account_credit(book, as_of=D(2024, 1, 31))
    assert eur("30.00") == outstanding(feb(), book, as_of=D(2024, 2, 1))
    assert eur("0") == account_credit(book, as_of=D(2024, 2, 1))


def test_credit_released_by_a_void_settles_the_oldest_due_invoice_first() -> None:
    march = inv("I-3", D(2024, 3, 1), "80.00", due=D(2024, 3, 31))
    book = Ledger(
        invoices=(jan(), feb(), march),
        payments=(Payment(id="P", amount=eur("100.00"), received=D(2024, 1, 10), invoice_id="I-1"),),
    )
    book = void(book, "I-1", on=D(2024, 3, 5))
    state = settle(book, as_of=D(2024, 3, 5))
    assert (state.outstanding, state.credit) == ({"I-2": eur("0"), "I-3": eur("30.00")}, eur("0"))


def test_an_unnamed_credit_note_settles_the_oldest_due_invoice_first() -> None:
    book = Ledger(
        invoices=(feb(), jan()), credit_notes=(CreditNote(id="C", amount=eur("30.00"), issued=D(2024, 2, 2)),)
    )
    state = settle(book, as_of=D(2024, 2, 2))
    assert (state.outstanding, state.applied) == (
        {"I-1": eur("70.00"), "I-2": eur("50.00")},
        {"I-1": eur("30.00"), "I-2": eur("0")},
    )


# -- the memoised timeline (collections and what-if read it) ---------------------------------------


def a_ledger_with_exempt_invoices() -> Ledger:
    return Ledger(
        invoices=(
            inv("A", D(2024, 1, 1), "100.00", due=D(2024, 1, 31)),
            inv("B", D(2024, 2, 1), "50.00", due=D(2024, 2, 29), disputed=True),
            inv("C", D(2024, 2, 1), "30.00", due=D(2024, 3, 2)),
            inv("P", D(2024, 2, 1), "20.00", due=D(2024, 2, 15)),
        ),
        payments=(Payment(id="PAY", amount=eur("40.00"), received=D(2024, 2, 10), invoice_id="A"),),
        on_payment_plan={"P"},
    )


def test_the_timeline_summary_lays_out_dues_ids_and_running_totals_of_the_non_exempt_open_invoices() -> None:
    jan31, mar2 = D(2024, 1, 31).toordinal(), D(2024, 3, 2).toordinal()
    timeline = timeline_of(a_ledger_with_exempt_invoices())
    assert timeline.days == [D(2024, 1, 1).toordinal(), D(2024, 2, 1).toordinal(), D(2024, 2, 10).toordinal()]
    assert timeline.exempt == frozenset({"B", "P"})
    made = timeline.summary(2)
    assert made == (jan31, mar2, "A", "C", eur("0"), eur("60.00"), eur("90.00"))
    assert timeline.summary(0) == (jan31, "A", eur("0"), eur("100.00"))
    assert timeline.summaries == [timeline.summary(0), None, made]
    assert timeline.summary(2) is made


def test_the_overdue_changes_follow_documents_and_the_days_after_due_dates() -> None:
    book = Ledger(
        invoices=(
            inv("A", D(2024, 1, 1), "100.00", due=D(2024, 1, 10)),
            inv("B", D(2024, 2, 1), "50.00", due=D(2024, 2, 10)),
        ),
        payments=(
            Payment(id="P-1", amount=eur("40.00"), received=D(2024, 1, 20), invoice_id="A"),
            Payment(id="P-2", amount=eur("60.00"), received=D(2024, 2, 15)),
        ),
    )
    jan10, feb10 = D(2024, 1, 10).toordinal(), D(2024, 2, 10).toordinal()
    timeline = timeline_of(book)
    expected = [
        (D(2024, 1, 1).toordinal(), 0, Decimal(0), 0),
        (D(2024, 1, 11).toordinal(), jan10, Decimal("100.00"), 1),
        (D(2024, 1, 20).toordinal(), jan10, Decimal("60.00"), 1),
        (D(2024, 2, 11).toordinal(), jan10, Decimal("110.00"), 2),
        (D(2024, 2, 15).toordinal(), feb10, Decimal("50.00"), 1),
    ]
    assert timeline.overdue_changes() == expected
    assert timeline.overdue_states == expected
    assert timeline.overdue_changes() is timeline.overdue_states


def test_the_overdue_changes_leave_out_disputed_invoices_and_those_on_a_payment_plan() -> None:
    jan31 = D(2024, 1, 31).toordinal()
    changes = timeline_of(a_ledger_with_exempt_invoices()).overdue_changes()
    assert changes == [
        (D(2024, 1, 1).toordinal(), 0, Decimal(0), 0),
        (D(2024, 2, 1).toordinal(), jan31, Decimal("100.00"), 1),
        (D(2024, 2, 10).toordinal(), jan31, Decimal("60.00"), 1),
        (D(2024, 3, 3).toordinal(), jan31, Decimal("90.00"), 2),
    ]


def test_an_invoice_is_not_overdue_on_its_due_date_even_when_documents_arrive_that_day() -> None:
    book = Ledger(
        invoices=(inv("A", D(2024, 1, 1), "100.00", due=D(2024, 1, 10)),),
        payments=(Payment(id="P", amount=eur("40.00"), received=D(2024, 1, 10)),),
    )
    assert timeline_of(book).overdue_changes() == [
        (D(2024, 1, 1).toordinal(), 0, Decimal(0), 0),
        (D(2024, 1, 11).toordinal(), D(2024, 1, 10).toordinal(), Decimal("60.00"), 1),
    ]


def test_the_timeline_is_worked_out_once_per_ledger_and_kept_beside_it() -> None:
    book = two_invoices_and_a_part_payment()
    timeline = timeline_of(book)
    assert timeline_of(book) is timeline
    assert "_timeline" not in attrs.fields_dict(Ledger)
    assert not hasattr(book, "_timeline")


def test_the_timeline_has_one_view_per_document_day_after_all_that_days_documents() -> None:
    book = Ledger(
        invoices=(
            inv("A", D(2024, 1, 1), "10.00", due=D(2024, 1, 31)),
            inv("B", D(2024, 1, 1), "20.00", due=D(2024, 1, 31)),
            inv("C", D(2024, 2, 1), "30.00", due=D(2024, 3, 2)),
            inv("D", D(2024, 2, 1), "40.00", due=D(2024, 3, 2)),
        ),
        payments=(Payment(id="P", amount=eur("5.00"), received=D(2024, 2, 1)),),
    )
    jan31, mar2 = D(2024, 1, 31).toordinal(), D(2024, 3, 2).toordinal()
    timeline = timeline_of(book)
    assert timeline.days == [D(2024, 1, 1).toordinal(), D(2024, 2, 1).toordinal()]
    assert list(timeline.views) == [
        ((jan31, Decimal("10.00"), "A"), (jan31, Decimal("20.00"), "B")),
        (
            (jan31, Decimal("5.00"), "A"),
            (jan31, Decimal("20.00"), "B"),
            (mar2, Decimal("30.00"), "C"),
            (mar2, Decimal("40.00"), "D"),
        ),
    ]
    assert timeline.credits_on_hand == [Decimal(0), Decimal(0)]


def test_money_of_makes_money_from_an_exact_amount() -> None:
    assert money_of(Decimal("12.50"), "CZK") == Money("12.50", "CZK")


# -- refusals of the queries -----------------------------------------------------------------------


def test_the_queries_refuse_an_as_of_that_is_not_a_date() -> None:
    for call in (
        lambda: settle(two_open(), as_of="2024-01-01"),  # type: ignore[arg-type]
        lambda: balance(two_open(), as_of="2024-01-01"),  # type: ignore[arg-type]
        lambda: status_of(jan(), two_open(), as_of="2024-01-01"),  # type: ignore[arg-type]
        lambda: outstanding(jan(), two_open(), as_of="2024-01-01"),  # type: ignore[arg-type]
        lambda: aging(two_open(), as_of="2024-01-01"),  # type: ignore[arg-type]
        lambda: dso(two_open(), as_of="2024-01-01"),  # type: ignore[arg-type]
    ):
        error = refusal(call)
        assert (error.field, error.code, error.value) == (
            "as_of",
            ErrorCode.WRONG_TYPE,
            "2024-01-01",
        )


def test_status_and_outstanding_refuse_what_is_not_an_invoice_of_the_ledger() -> None:
    for query in (status_of, outstanding):
        error = refusal(lambda: query("I-1", two_open(), as_of=D(2024, 1, 1)))  # type: ignore[arg-type]  # noqa: B023
        assert (error.field, error.code) == ("invoice", ErrorCode.WRONG_TYPE)
        other = inv("I-1", D(2024, 1, 1), "99.00")
        changed = refusal(lambda: query(other, two_open(), as_of=D(2024, 1, 1)))  # noqa: B023
        assert (changed.field, changed.code, changed.value) == (
            "invoice",
            ErrorCode.INCONSISTENT,
            "I-1",
        )
        unknown = refusal(lambda: query(inv("X", D(2024, 1, 1), "1"), two_open(), as_of=D(2024, 1, 1)))  # noqa: B023
        assert (unknown.field, unknown.code) == ("invoice_id", ErrorCode.UNKNOWN_REFERENCE)


def test_an_empty_ledger_needs_a_currency_to_be_settled() -> None:
    for call in (
        lambda: settle(Ledger(), as_of=D(2024, 1, 1)),
        lambda: balance(Ledger(), as_of=D(2024, 1, 1)),
        lambda: account_credit(Ledger(), as_of=D(2024, 1, 1)),
        lambda: aging(Ledger(), as_of=D(2024, 1, 1)),
    ):
        error = refusal(call)
        assert (error.field, error.code, error.value) == (
            "currency",
            ErrorCode.MISSING,
            None,
        )
    unknown = refusal(lambda: balance(Ledger(), as_of=D(2024, 1, 1), currency="EURO"))
    assert (unknown.field, unknown.code, unknown.value) == ("currency", ErrorCode.UNKNOWN_VALUE, "EURO")
    assert Money("0", "JPY") == balance(Ledger(), as_of=D(2024, 1, 1), currency="JPY")
