"""The month-end close reads every row of its files, and a refusal names the side, the row and the column.

Blank lines are skipped but counted, as the readers count them; the ``CustomerId`` column is found
whatever its case or blanks; a file with no rows bills nothing; a usage file's refusal is prefixed
with its side (``usage`` or ``expected_usage``); a work folder that cannot be made or written is
``IO_FAILED`` on ``workdir``. Customers holding only a ledger close after the billed ones.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from tests.month_end_files import RECON_HEADER, USAGE_HEADER, close_texts

from cspcore import CurrencyMismatch, ErrorCode, InvalidInput, Money
from cspcore.billing import Invoice, Ledger, Pricing
from cspcore.interop import CustomerTerms

if TYPE_CHECKING:
    from cspcore.interop import MonthEndClose

RECON = RECON_HEADER
USAGE = USAGE_HEADER
TERMS = {name: CustomerTerms(pricing=Pricing(markup=Decimal("0.1"))) for name in ("c1", "c2", "c3")}


def recon(customer: str, subscription: str, subtotal: str, *, refund: bool = False) -> str:
    kind = "removeQuantity" if refund else "cycleCharge"
    prices = f"{subtotal},{subtotal},1,{subtotal}"
    return f"{customer},2024-03-01,{kind},M365,{subscription},{prices},EUR,2024-03-01,2024-03-31\n"


def usage(day: int, customer: str, quantity: str = "2", currency: str = "EUR") -> str:
    return (
        f"2024-03-{day:02d},{customer},u-{customer},m1,{quantity},1.5,1.5,3,{currency},3,{currency},"
        "2024-03-01,2024-03-31\n"
    )


def close(folder: Path, billed: str, expected: str | None = None, **changes: Any) -> MonthEndClose:
    mine = billed if expected is None else expected
    return close_texts(folder, billed, mine, **({"customers": TERMS} | changes))


def refused(folder: Path, billed: str, **changes: Any) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        close(folder, billed, **changes)
    return caught.value


# --- every row is read -----------------------------------------------------------------------------


@pytest.mark.parametrize("partitions", [1, 3])
def test_a_blank_line_between_rows_is_skipped_and_the_rows_after_it_are_billed(
    tmp_path: Path, partitions: int
) -> None:
    billed = (
        RECON + recon("c1", "s1", "10") + "\n" + recon("c2", "s2", "20") + "\r\n" + recon("c1", "s3", "30")
    )
    closed = close(tmp_path, billed, partitions=partitions)
    assert closed.summary.lines == 3
    assert closed.summary.microsoft_subtotal == (Money("60", "EUR"),)
    assert closed.customer("c1").invoice.total_charges == Money("44.00", "EUR")  # type: ignore[union-attr]


def test_rows_are_numbered_with_the_blank_lines_counted(tmp_path: Path) -> None:
    billed = RECON + recon("c1", "s1", "10") + "\n" + recon("", "s2", "20")
    error = refused(tmp_path, billed)
    assert (error.field, error.code, error.value) == ("billed.rows[3].CustomerId", ErrorCode.MISSING, None)


def test_a_blank_customer_id_is_a_missing_one(tmp_path: Path) -> None:
    error = refused(tmp_path, RECON + recon("   ", "s2", "20"))
    assert (error.field, error.code) == ("billed.rows[1].CustomerId", ErrorCode.MISSING)


def test_the_customer_column_is_found_whatever_its_case_or_blanks(tmp_path: Path) -> None:
    billed = (RECON + recon("c1", "s1", "10") + recon("c2", "s2", "20")).replace(
        "CustomerId,", " customerID ,", 1
    )
    closed = close(tmp_path, billed, expected=RECON + recon("c1", "s1", "10") + recon("c2", "s2", "20"))
    assert sorted(c.customer_id for c in closed.customers) == ["c1", "c2"]
    assert closed.summary.lines == 2


def test_the_customer_column_is_found_behind_a_repeated_byte_order_mark(tmp_path: Path) -> None:
    # the reconciliation reads such a header (a file saved twice with a BOM); the close must too
    billed = "\ufeff\ufeff" + RECON + recon("c1", "s1", "10")
    closed = close(tmp_path, billed, expected=RECON + recon("c1", "s1", "10"))
    assert (closed.summary.reconciliation.matched, closed.summary.lines) == (1, 1)
    assert closed.customer("c1").invoice is not None


def test_a_billed_file_without_a_customer_column_is_refused(tmp_path: Path) -> None:
    billed = RECON.replace("CustomerId,", "") + recon("c1", "s1", "10").removeprefix("c1,")
    error = refused(tmp_path, billed)
    assert (error.field, error.code) == ("billed.CustomerId", ErrorCode.MISSING)
    assert error.value == str(tmp_path / "billed.csv")


def test_a_usage_file_without_a_customer_column_is_refused(tmp_path: Path) -> None:
    rows = USAGE.replace("CustomerId,", "") + usage(1, "c1").replace("c1,", "", 1)
    error = refused(tmp_path, RECON + recon("c1", "s1", "10"), usage=rows)
    assert (error.field, error.code) == ("usage.CustomerId", ErrorCode.MISSING)


def test_a_usage_row_without_a_customer_is_refused_by_its_row(tmp_path: Path) -> None:
    error = refused(tmp_path, RECON + recon("c1", "s1", "10"), usage=USAGE + usage(1, "c1") + usage(2, ""))
    assert (error.field, error.code) == ("usage.rows[2].CustomerId", ErrorCode.MISSING)


@pytest.mark.parametrize("text", ["", RECON])
def test_a_billed_file_without_rows_bills_no_license_line(tmp_path: Path, text: str) -> None:
    closed = close(tmp_path, text, usage=USAGE + usage(1, "c1") + usage(2, "c1"))
    assert closed.summary.lines == 1  # c1's two days, rolled up into one invoice line
    assert closed.summary.microsoft_subtotal == (Money("6.00", "EUR"),)
    assert [c.customer_id for c in closed.customers] == ["c1"]


@pytest.mark.parametrize("text", ["", USAGE])
def test_a_usage_file_without_rows_bills_no_usage(tmp_path: Path, text: str) -> None:
    closed = close(tmp_path, RECON + recon("c1", "s1", "10"), usage=text, expected_usage=text)
    assert closed.summary.lines == 1
    assert closed.summary.usage is not None
    assert closed.summary.usage.compared_days == 0


# --- usage refusals name their side and row -----------------------------------------------------------


def test_a_usage_file_that_cannot_be_opened_is_named_by_its_side(tmp_path: Path) -> None:
    absent = tmp_path / "absent.csv"
    error = refused(tmp_path, RECON + recon("c1", "s1", "10"), usage=absent, partitions=2)
    assert (error.field, error.code, error.value) == ("usage", ErrorCode.IO_FAILED, str(absent))
    error = refused(
        tmp_path, RECON + recon("c1", "s1", "10"), usage=USAGE + usage(1, "c1"), expected_usage=absent
    )
    assert (error.field, error.code, error.value) == ("expected_usage", ErrorCode.IO_FAILED, str(absent))


def test_a_bad_usage_cell_is_named_by_its_side_and_row(tmp_path: Path) -> None:
    bad = USAGE + usage(1, "c1") + usage(2, "c1", quantity="two")
    error = refused(tmp_path, RECON + recon("c1", "s1", "10"), usage=bad)
    assert (error.field, error.code, error.value) == ("usage.rows[2].Quantity", ErrorCode.NOT_A_NUMBER, "two")
    error = refused(
        tmp_path, RECON + recon("c1", "s1", "10"), usage=USAGE + usage(1, "c1"), expected_usage=bad
    )
    assert (error.field, error.code, error.value) == (
        "expected_usage.rows[2].Quantity",
        ErrorCode.NOT_A_NUMBER,
        "two",
    )


def test_expected_usage_in_another_currency_than_the_billed_usage_is_refused(tmp_path: Path) -> None:
    error = refused(
        tmp_path,
        RECON,
        expected=RECON,
        usage=USAGE + usage(1, "c1"),
        expected_usage=USAGE + usage(1, "c1", currency="USD"),
    )
    assert isinstance(error, CurrencyMismatch)
    assert (error.field, error.value) == ("expected_usage.rows[1].BillingCurrency", ("EUR", "USD"))


def test_usage_rows_of_two_currencies_are_refused_without_a_license_line(tmp_path: Path) -> None:
    error = refused(tmp_path, RECON, usage=USAGE + usage(1, "c1") + usage(2, "c1", currency="USD"))
    assert isinstance(error, CurrencyMismatch)
    assert (error.field, error.value) == ("usage.rows[2].BillingCurrency", ("EUR", "USD"))


# --- the work folder -----------------------------------------------------------------------------------


def test_a_work_folder_that_cannot_be_made_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = tempfile.mkdtemp

    def refusing(*args: Any, **kwargs: Any) -> str:
        if kwargs.get("prefix") == "cspcore-close-":
            raise PermissionError(13, "denied")
        return str(made(*args, **kwargs))

    monkeypatch.setattr(tempfile, "mkdtemp", refusing)
    error = refused(tmp_path, RECON + recon("c1", "s1", "10"))
    assert (error.field, error.code, error.value) == ("workdir", ErrorCode.IO_FAILED, str(tmp_path))


def test_partitions_that_cannot_be_written_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = tempfile.mkdtemp
    folders: list[str] = []

    def vanishing(*args: Any, **kwargs: Any) -> str:
        folder = str(made(*args, **kwargs))
        if kwargs.get("prefix") == "cspcore-close-":
            Path(folder).rmdir()  # made, then gone before the first partition is written
            folders.append(folder)
        return folder

    monkeypatch.setattr(tempfile, "mkdtemp", vanishing)
    error = refused(tmp_path, RECON + recon("c1", "s1", "10"))
    assert (error.field, error.code, error.value) == ("workdir", ErrorCode.IO_FAILED, folders[0])


# --- who is closed, in what order ----------------------------------------------------------------------


def test_customers_holding_only_a_ledger_close_after_the_billed_ones_in_the_files_currency(
    tmp_path: Path,
) -> None:
    books = {"c9": Ledger(account_id="c9"), "c7": Ledger(account_id="c7"), "c2": Ledger(account_id="c2")}
    billed = RECON + recon("c2", "s1", "10") + recon("c1", "s2", "20")
    closed = close(tmp_path, billed, ledgers=books, partitions=1)
    assert [c.customer_id for c in closed.customers] == ["c1", "c2", "c7", "c9"]
    assert closed.customer("c7").balance == Money("0.00", "EUR")
    assert (closed.customer("c9").invoice, closed.customer("c9").lines) == (None, 0)
    assert closed.summary.customers == 4
    assert closed.summary.balances == (Money("33.00", "EUR"),)


def test_an_empty_ledger_is_read_in_the_usage_files_currency_when_no_license_line_was_billed(
    tmp_path: Path,
) -> None:
    # a month billed through the usage file only: its currency is the month's
    closed = close(tmp_path, RECON, usage=USAGE + usage(1, "c1"), ledgers={"c7": Ledger(account_id="c7")})
    assert [c.customer_id for c in closed.customers] == ["c1", "c7"]
    assert closed.customer("c7").balance == Money("0.00", "EUR")
    assert closed.summary.balances == (Money("3.30", "EUR"),)


def test_the_summary_counts_credit_notes_and_nets_them_out_of_the_invoiced_total(tmp_path: Path) -> None:
    billed = RECON + recon("c1", "s1", "100") + recon("c2", "s2", "-40", refund=True)
    closed = close(tmp_path, billed)
    summary = closed.summary
    assert (summary.invoices, summary.credit_notes, summary.customers, summary.lines) == (1, 1, 2, 2)
    assert closed.customer("c2").credit_note.amount == Money("44.00", "EUR")  # type: ignore[union-attr]
    assert summary.invoiced == (Money("66.00", "EUR"),)  # 110.00 invoiced less 44.00 credited
    assert summary.balances == (Money("66.00", "EUR"),)
    assert summary.microsoft_subtotal == (Money("60", "EUR"),)
    assert summary.in_collections == 0


def test_customers_in_collections_are_counted(tmp_path: Path) -> None:
    overdue = Ledger(
        invoices=(
            Invoice(
                id="old",
                issued=dt.date(2024, 1, 1),
                due=dt.date(2024, 2, 1),
                currency="EUR",
                total_charges=Money(50, "EUR"),
            ),
        ),
        account_id="c3",
    )
    closed = close(tmp_path, RECON + recon("c1", "s1", "10"), ledgers={"c3": overdue})
    assert closed.summary.in_collections == 1
    assert closed.customer("c1").standing.is_clear


def test_a_customer_not_closed_is_an_unknown_reference(tmp_path: Path) -> None:
    closed = close(tmp_path, RECON + recon("c1", "s1", "10"))
    with pytest.raises(InvalidInput) as caught:
        closed.customer("c2")
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "customer_id",
        ErrorCode.UNKNOWN_REFERENCE,
        "c2",
    )
