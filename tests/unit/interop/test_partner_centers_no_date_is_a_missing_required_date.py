"""Partner Center's "no date" (``0001-01-01``, .NET's ``DateTime.MinValue``) is no date.

In an optional field it reads as absent (``None``); in a required one (an invoice's ``invoiceDate``, a
line item's ``orderDate`` or charge dates, a reconciliation row's ``OrderDate``, ``ChargeStartDate``
or ``ChargeEndDate``, a usage row's ``UsageDate``) it is refused as missing, as a blank or absent
date is, rather than read as 1 January of the year 1: by every reader and every path over files (in
one process, in partitions, on Dask, in the month-end close, by either engine).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from tests.month_end_files import RECON_HEADER, USAGE_HEADER, close_texts
from tests.recon_month import month_files
from tests.refusals import raises_invalid

from cspcore.billing import Pricing
from cspcore.errors import ErrorCode
from cspcore.interop import (
    CustomerTerms,
    check_recon_rows,
    iter_recon_rows,
    parse_invoice,
    parse_invoice_line_items,
    parse_invoices,
    parse_recon_rows,
    parse_usage_line_items,
    parse_usage_rows,
    reconcile,
)
from cspcore.interop.recon_files import iter_reconcile_files, reconcile_files

if TYPE_CHECKING:
    from pathlib import Path

_NO_DATES = ["0001-01-01", "0001-01-01T00:00:00", "0001-01-01T00:00:00Z", "1/1/0001"]
_INVOICE = {"id": "G1", "invoiceDate": "2024-02-08", "totalCharges": 1, "currencyCode": "USD"}
_ITEM = {
    "currency": "USD", "subtotal": "10", "chargeStartDate": "2024-01-01", "chargeEndDate": "2024-01-31",
    "orderDate": "2024-01-01", "chargeType": "new", "productName": "P", "subscriptionId": "s1",
    "unitPrice": "10", "effectiveUnitPrice": "10", "quantity": "1",
}  # fmt: skip


@pytest.mark.parametrize("day", _NO_DATES)
def test_a_required_invoice_date_of_no_date_is_missing(day: str) -> None:
    with raises_invalid(field="invoice.invoiceDate", code=ErrorCode.MISSING):
        parse_invoice({**_INVOICE, "invoiceDate": day})
    with raises_invalid(field="items[0].invoiceDate", code=ErrorCode.MISSING):
        parse_invoices([{**_INVOICE, "invoiceDate": day}])


@pytest.mark.parametrize("key", ["orderDate", "chargeStartDate"])
def test_a_required_line_item_date_of_no_date_is_missing(key: str) -> None:
    with raises_invalid(field=f"items[0].{key}", code=ErrorCode.MISSING) as caught:
        parse_invoice_line_items([{**_ITEM, key: "0001-01-01T00:00:00"}])
    assert caught.value.value == "0001-01-01T00:00:00"  # the value refused, as given


@pytest.mark.parametrize("day", _NO_DATES)
def test_an_optional_date_of_no_date_is_absent(day: str) -> None:
    invoice = parse_invoice({**_INVOICE, "billingPeriodStartDate": day})
    assert invoice.billing_period_start is None
    (line,) = parse_invoice_line_items([{**_ITEM, "subscriptionEndDate": day}])
    assert line.subscription_end is None


# --- the reconciliation file and the daily-rated usage file: every reader, every path --------------

_RECON_HEADER = (
    "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
    "Subtotal,Currency,ChargeStartDate,ChargeEndDate,SubscriptionEndDate"
)
_RECON_CELLS = "2022-03-05,new,M365,s1,12,12,10,120,EUR,2022-03-05,2022-04-04,2023-03-04"
_REQUIRED_RECON_DATES = ["OrderDate", "ChargeStartDate", "ChargeEndDate"]
_CUSTOMERS = {"c1": CustomerTerms(pricing=Pricing(markup=Decimal(0)))}


_GOOD = dict(zip(_RECON_HEADER.split(","), _RECON_CELLS.split(","), strict=True))


def _recon_row(column: str, day: str) -> dict[str, str]:
    return {**_GOOD, column: day}


def _recon_text(*rows: dict[str, str]) -> str:
    return _RECON_HEADER + "\n" + "".join(",".join(row.values()) + "\n" for row in rows)


@pytest.mark.parametrize("day", _NO_DATES)
@pytest.mark.parametrize("column", _REQUIRED_RECON_DATES)
def test_a_required_recon_date_of_no_date_is_missing_in_every_reader(column: str, day: str) -> None:
    text = _recon_text(_GOOD, _GOOD, _recon_row(column, day))  # the third row after the fast path learnt
    for read in (
        parse_recon_rows,
        check_recon_rows,
        lambda t: parse_recon_rows(t, strict=True),
        lambda t: list(iter_recon_rows(t.splitlines(keepends=True))),
        lambda t: reconcile(parse_recon_rows(t.splitlines()[:2]), iter_recon_rows(t)),
    ):
        with raises_invalid(field=f"rows[3].{column}", code=ErrorCode.MISSING):
            read(text)
    with raises_invalid(field=f"rows[1].{column}", code=ErrorCode.MISSING):
        parse_recon_rows([_GOOD, _recon_row(column, day)])


@pytest.mark.parametrize("column", _REQUIRED_RECON_DATES)
def test_a_required_recon_date_given_as_the_date_of_no_date_is_missing(column: str) -> None:
    row: dict[str, object] = {**_GOOD, column: dt.date(1, 1, 1)}
    with raises_invalid(field=f"rows[0].{column}", code=ErrorCode.MISSING):
        parse_recon_rows([row])


def test_an_optional_recon_date_of_no_date_is_still_none_after_the_same_text_elsewhere() -> None:
    # the reader remembers dates it read; "0001-01-01" is never remembered as a day
    first = _recon_row("SubscriptionEndDate", "0001-01-01")
    lines = parse_recon_rows(_recon_text(first, first))
    assert [line.subscription_end for line in lines] == [None, None]
    report = check_recon_rows(_recon_text(first, _recon_row("SubscriptionEndDate", "2022-03-05")))
    assert [line.subscription_end for line in report.lines] == [None, dt.date(2022, 3, 5)]


_USAGE_HEADER = (
    "UsageDate,SubscriptionId,MeterId,Quantity,UnitPrice,BillingPreTaxTotal,BillingCurrency,"
    "PricingPreTaxTotal,PricingCurrency,ChargeStartDate"
)
_USAGE_ITEM = {
    "usageDate": "2024-03-01", "subscriptionId": "s", "meterId": "m", "unitPrice": "1",
    "quantity": "2", "billingPreTaxTotal": "2", "billingCurrency": "EUR", "pricingPreTaxTotal": "2",
    "pricingCurrency": "EUR",
}  # fmt: skip


@pytest.mark.parametrize("day", _NO_DATES)
def test_a_usage_date_of_no_date_is_missing_in_the_file_and_the_api(day: str) -> None:
    with raises_invalid(field="rows[2].UsageDate", code=ErrorCode.MISSING):
        parse_usage_rows(f"{_USAGE_HEADER}\n2024-03-01,s,m,2,1,2,EUR,2,EUR,\n{day},s,m,2,1,2,EUR,2,EUR,\n")
    with raises_invalid(field="items[1].usageDate", code=ErrorCode.MISSING):
        parse_usage_line_items([_USAGE_ITEM, {**_USAGE_ITEM, "usageDate": day}])
    (line,) = parse_usage_rows(f"{_USAGE_HEADER}\n2024-03-01,s,m,2,1,2,EUR,2,EUR,{day}\n")
    assert line.charge_start is None  # an optional date of no date is none, as before


def _month_with_no_date(tmp_path: Path, column: str) -> tuple[Path, Path]:
    """Two recon files of :func:`month_files`, the fourth billed row's ``column`` Partner Center's no date."""
    return month_files(tmp_path, **{column: "0001-01-01"})


@pytest.mark.parametrize("column", _REQUIRED_RECON_DATES)
@pytest.mark.parametrize("partitions", [1, 3])
@pytest.mark.parametrize("engine", ["pure", "arrow", "auto"])
def test_the_file_reconciles_refuse_it_by_either_engine(
    tmp_path: Path, column: str, partitions: int, engine: str
) -> None:
    if engine != "pure":
        pytest.importorskip("pyarrow")
    mine, theirs = _month_with_no_date(tmp_path, column)
    for side, expected, billed in (("billed", mine, theirs), ("expected", theirs, mine)):
        with raises_invalid(field=f"{side}.rows[4].{column}", code=ErrorCode.MISSING):
            reconcile_files(
                expected=expected, billed=billed, partitions=partitions, engine=engine, workdir=tmp_path
            )
        with raises_invalid(field=f"{side}.rows[4].{column}", code=ErrorCode.MISSING):
            list(
                iter_reconcile_files(
                    expected=expected, billed=billed, partitions=partitions, engine=engine, workdir=tmp_path
                )
            )


def test_dask_refuses_the_file_as_one_process_does(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from cspcore.interop.recon_dask import reconcile_files_on_dask

    mine, theirs = _month_with_no_date(tmp_path, "ChargeStartDate")
    for partitions in (1, 3):
        for engine in ("pure", "auto"):
            with raises_invalid(field="billed.rows[4].ChargeStartDate", code=ErrorCode.MISSING):
                reconcile_files_on_dask(
                    expected=mine,
                    billed=theirs,
                    partitions=partitions,
                    engine=engine,
                    workdir=tmp_path,
                    scheduler="sync",
                )


@pytest.mark.parametrize("partitions", [1, 4])
def test_the_month_end_close_refuses_it_in_either_file(tmp_path: Path, partitions: int) -> None:
    row = "c1,{},cycleCharge,M365 E3,s{},36,36,10,360,EUR,2024-03-01,2024-03-31\n"
    whole = RECON_HEADER + "".join(row.format("2024-03-01", n) for n in range(4))
    no_date = RECON_HEADER + "".join(
        row.format("0001-01-01" if n == 2 else "2024-03-01", n) for n in range(4)
    )
    with raises_invalid(field="billed.rows[3].OrderDate", code=ErrorCode.MISSING):
        close_texts(tmp_path, no_date, whole, customers=_CUSTOMERS, partitions=partitions)
    usage_row = "{},c1,u1,vm,24,0.1,0.1,2.4,EUR,2.4,EUR,2024-03-01,2024-03-31\n"
    usage = USAGE_HEADER + usage_row.format("2024-03-01") + usage_row.format("2024-03-02")
    with raises_invalid(field="usage.rows[2].UsageDate", code=ErrorCode.MISSING):
        close_texts(
            tmp_path,
            whole,
            whole,
            customers=_CUSTOMERS,
            usage=USAGE_HEADER + usage_row.format("2024-03-01") + usage_row.format("1/1/0001"),
            expected_usage=usage,
            partitions=partitions,
        )
