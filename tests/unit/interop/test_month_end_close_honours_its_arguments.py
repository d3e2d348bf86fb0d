"""The month-end close honours what it is given: the tolerance, the work folder, each argument's kind.

The reconciliation's tolerance is the caller's; every partition file goes under ``workdir``; a month
with nothing billed and no ledger closes to zero counts and no totals; each argument of the wrong kind
is refused on its own field.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from tests.month_end_files import ISSUED, RECON_HEADER, USAGE_HEADER, close_texts

from cspcore import ErrorCode, InvalidInput, Money
from cspcore.billing import STANDARD, Pricing
from cspcore.interop import CustomerTerms, close_month

if TYPE_CHECKING:
    from pathlib import Path

    from cspcore.interop import MonthEndClose

HEADER = RECON_HEADER
USAGE = USAGE_HEADER + "2024-03-01,c1,u1,m1,2,1.5,1.5,3,EUR,3,EUR,2024-03-01,2024-03-31\n"
TERMS = {"c1": CustomerTerms(pricing=Pricing(markup=Decimal("0.1")))}


def row(subtotal: str) -> str:
    return f"c1,2024-03-01,cycleCharge,M365,s1,{subtotal},{subtotal},1,{subtotal},EUR,2024-03-01,2024-03-31\n"


def close(folder: Path, billed: str, mine: str, **changes: Any) -> MonthEndClose:
    return close_texts(folder, billed, mine, **({"customers": TERMS} | changes))


def test_a_difference_within_the_tolerance_is_a_match(tmp_path: Path) -> None:
    strict = close(tmp_path, HEADER + row("10.50"), HEADER + row("10.00")).summary.reconciliation
    assert (strict.matched, len(strict.mismatched) > 0) == (0, True)
    loose = close(tmp_path, HEADER + row("10.50"), HEADER + row("10.00"), tolerance="0.50")
    assert (loose.summary.reconciliation.matched, loose.summary.reconciliation.mismatched) == (1, ())
    assert loose.summary.reconciliation.tolerance == Decimal("0.50")
    # the invoice bills what Microsoft billed, whatever the tolerance
    assert loose.customer("c1").invoice.total_charges == Money("11.55", "EUR")  # type: ignore[union-attr]


def test_every_partition_file_is_written_under_the_work_folder_and_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    made = tempfile.mkdtemp
    places: list[object] = []

    def recording(*args: Any, **kwargs: Any) -> str:
        places.append(kwargs.get("dir"))
        return str(made(*args, **kwargs))

    monkeypatch.setattr(tempfile, "mkdtemp", recording)
    path = tmp_path / "usage.csv"
    path.write_text(USAGE, encoding="utf-8")
    close(tmp_path, HEADER + row("10"), HEADER + row("10"), workdir=work, usage=path, expected_usage=path)
    assert places
    assert set(places) == {str(work)}
    assert list(work.iterdir()) == []


def test_a_month_with_nothing_billed_and_no_ledger_closes_to_zeros(tmp_path: Path) -> None:
    summary = close(tmp_path, HEADER, HEADER).summary
    assert (
        summary.customers,
        summary.lines,
        summary.invoices,
        summary.credit_notes,
        summary.in_collections,
    ) == (
        0,
        0,
        0,
        0,
        0,
    )
    assert (summary.microsoft_subtotal, summary.invoiced, summary.balances, summary.usage) == (
        (),
        (),
        (),
        None,
    )


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"ledgers": [("c1", None)]}, "ledgers", ErrorCode.WRONG_TYPE),
        ({"customers": {"c1": Pricing(markup=Decimal(0))}}, "customers[c1]", ErrorCode.WRONG_TYPE),
        ({"usage": 3}, "usage", ErrorCode.WRONG_TYPE),
        ({"expected_usage": 3}, "expected_usage", ErrorCode.WRONG_TYPE),
        ({"expected": 3}, "expected", ErrorCode.WRONG_TYPE),
        ({"workdir": 3}, "workdir", ErrorCode.WRONG_TYPE),
        ({"issued": "2024-04-01"}, "issued", ErrorCode.WRONG_TYPE),
        ({"as_of": "2024-04-01"}, "as_of", ErrorCode.WRONG_TYPE),
    ],
)
def test_an_argument_of_the_wrong_kind_is_refused_on_its_field(
    tmp_path: Path, changes: dict[str, Any], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        close(tmp_path, HEADER + row("10"), HEADER + row("10"), **changes)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_the_refused_as_of_is_the_day_given(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        close(tmp_path, HEADER + row("10"), HEADER + row("10"), as_of=dt.date(2024, 3, 31))
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "as_of",
        ErrorCode.OUT_OF_ORDER,
        dt.date(2024, 3, 31),
    )


def test_a_close_on_the_invoice_day_is_accepted(tmp_path: Path) -> None:
    closed = close(tmp_path, HEADER + row("10"), HEADER + row("10"), as_of=ISSUED)
    assert closed.customer("c1").balance == Money("11.00", "EUR")


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"customers": [TERMS]}, "customers"),
        ({"ledgers": [("c1", None)]}, "ledgers"),
        ({"on_customer": 3}, "on_customer"),
    ],
)
def test_an_argument_of_the_wrong_kind_is_refused_with_the_value_given(
    tmp_path: Path, changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        close(tmp_path, HEADER + row("10"), HEADER + row("10"), **changes)
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        field,
        ErrorCode.WRONG_TYPE,
        changes[field],
    )


@pytest.mark.parametrize("absent", ["billed", "expected", "usage", "expected_usage"])
def test_a_file_that_cannot_be_read_while_sizing_the_partitions_is_named_by_its_side(
    tmp_path: Path, absent: str
) -> None:
    usage = tmp_path / "usage.csv"
    usage.write_text(USAGE, encoding="utf-8")
    (tmp_path / "billed.csv").write_text(HEADER + row("10"), encoding="utf-8")
    (tmp_path / "expected.csv").write_text(HEADER + row("10"), encoding="utf-8")
    arguments: dict[str, Any] = {
        "billed": tmp_path / "billed.csv",
        "expected": tmp_path / "expected.csv",
        "usage": usage,
        "expected_usage": usage,
        absent: tmp_path / "absent.csv",
    }
    with pytest.raises(InvalidInput) as caught:
        close_month(
            **arguments,
            customers=TERMS,
            policy=STANDARD,
            issued=ISSUED,
            as_of=ISSUED,
            partitions=None,
            workdir=tmp_path,
        )
    assert (caught.value.field, caught.value.code) == (absent, ErrorCode.IO_FAILED)


def test_without_a_work_folder_the_close_works_in_a_temporary_one(tmp_path: Path) -> None:
    closed = close(tmp_path, HEADER + row("10"), HEADER + row("10"), workdir=None)
    assert closed.customer("c1").invoice.total_charges == Money("11.00", "EUR")  # type: ignore[union-attr]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["billed.csv", "expected.csv"]
