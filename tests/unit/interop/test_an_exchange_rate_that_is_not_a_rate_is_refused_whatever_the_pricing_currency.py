"""An exchange rate or its date that cannot be read is refused on every path, pricing currency or not.

A row without ``PricingCurrency`` is priced in its billing currency, and its ``PCToBCExchangeRate``
is only used by the formula checks; still, a rate of NaN, 0, -5 or ``abc`` is not a rate, and a
``PCToBCExchangeRateDate`` that is not a date is not a date: every reader refuses them the same way
(``parse_recon_rows``, ``iter_recon_rows``, ``check_recon_rows``, ``strict=True``, ``reconcile``,
``reconcile_files`` by either engine), as the line-item reader does for ``pcToBCExchangeRate``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.recon_month import month_files
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.interop import (
    check_recon_rows,
    iter_recon_rows,
    parse_invoice_line_items,
    parse_recon_rows,
    reconcile,
)
from cspcore.interop.recon_files import reconcile_files

if TYPE_CHECKING:
    from pathlib import Path

_HEADER = (
    "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
    "Subtotal,Currency,ChargeStartDate,ChargeEndDate,PCToBCExchangeRate,PCToBCExchangeRateDate\n"
)
_ROW = "2022-03-05,new,M365,s1,12,12,10,120,EUR,2022-03-05,2022-04-04,{},{}\n"
_BAD_RATES = [("NaN", ErrorCode.NOT_FINITE), ("abc", ErrorCode.NOT_A_NUMBER), ("0", ErrorCode.OUT_OF_RANGE),
              ("-5", ErrorCode.OUT_OF_RANGE)]  # fmt: skip
_BAD_DATES = ["junk", "2022-13-01", "NaN"]


def _as_mapping(text: str) -> list[dict[str, str]]:
    return [dict(zip(_HEADER.strip().split(","), text.splitlines()[1].split(","), strict=True))]


def _refused_by_every_reader(text: str, column: str, code: ErrorCode) -> None:
    good = parse_recon_rows(_HEADER + _ROW.format("1", ""))
    for read in (
        parse_recon_rows,
        lambda rows: parse_recon_rows(rows, strict=True),
        check_recon_rows,
        lambda rows: list(iter_recon_rows(rows.splitlines(keepends=True))),
        lambda rows: reconcile(good, iter_recon_rows(rows)),
    ):
        with raises_invalid(field=f"rows[1].{column}", code=code):
            read(text)
    with raises_invalid(field=f"rows[0].{column}", code=code):  # mappings are numbered from 0
        parse_recon_rows(_as_mapping(text))


@pytest.mark.parametrize(("rate", "code"), _BAD_RATES)
def test_a_rate_that_is_not_a_rate_is_refused_without_a_pricing_currency(rate: str, code: ErrorCode) -> None:
    _refused_by_every_reader(_HEADER + _ROW.format(rate, ""), "PCToBCExchangeRate", code)


@pytest.mark.parametrize("day", _BAD_DATES)
def test_a_rate_date_that_is_not_a_date_is_refused_without_a_pricing_currency(day: str) -> None:
    _refused_by_every_reader(_HEADER + _ROW.format("1", day), "PCToBCExchangeRateDate", ErrorCode.MALFORMED)


def test_a_good_rate_and_date_without_a_pricing_currency_leave_the_line_in_its_billing_currency() -> None:
    (line,) = parse_recon_rows(_HEADER + _ROW.format("1", "2022-03-01"))
    assert (line.pricing_currency, line.exchange_rate, line.exchange_rate_date) == (None, None, None)


@pytest.mark.parametrize(("cell", "value", "code"), [
    ("PCToBCExchangeRate", "NaN", ErrorCode.NOT_FINITE),
    ("PCToBCExchangeRate", "0", ErrorCode.OUT_OF_RANGE),
    ("PCToBCExchangeRateDate", "junk", ErrorCode.MALFORMED),
])  # fmt: skip
def test_files_refuse_the_row_by_either_engine_in_one_or_many_partitions(
    tmp_path: Path, cell: str, value: str, code: ErrorCode
) -> None:
    mine, theirs = month_files(tmp_path, **{cell: value})
    for partitions in (1, 2):
        for engine in ("pure", "arrow"):
            with raises_invalid(field=f"billed.rows[4].{cell}", code=code):
                reconcile_files(
                    expected=mine, billed=theirs, partitions=partitions, workdir=tmp_path, engine=engine
                )


_ITEM = {
    "billingProvider": "one_time", "currency": "USD", "subtotal": "10", "chargeStartDate": "2024-01-01",
    "chargeEndDate": "2024-01-31", "orderDate": "2024-01-01", "chargeType": "new", "productName": "P",
    "subscriptionId": "s1", "unitPrice": "10", "effectiveUnitPrice": "10", "quantity": "1",
}  # fmt: skip


@pytest.mark.parametrize(("key", "value", "code"), [
    ("pcToBCExchangeRate", "NaN", ErrorCode.NOT_FINITE),
    ("pcToBCExchangeRate", "0", ErrorCode.OUT_OF_RANGE),
    ("pcToBCExchangeRateDate", "junk", ErrorCode.MALFORMED),
])  # fmt: skip
def test_line_items_refuse_them_without_a_pricing_currency_too(key: str, value: str, code: ErrorCode) -> None:
    for strict in (False, True):
        with raises_invalid(field=f"items[0].{key}", code=code):
            parse_invoice_line_items([{**_ITEM, key: value}], strict=strict)
