"""A CSV row with more cells than its header is refused as malformed, on every path.

More cells than the header names are the mark of a shifted row (a comma left unquoted in a product
name): the cells past it would be read under the wrong columns, or dropped unread. The recon and
usage readers refuse such a row (``rows[n]``, code ``malformed``), as they refuse one with fewer
cells, and so do the file reconciles in one process or in partitions, by either engine.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from tests.recon_month import month_files
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.interop import iter_recon_rows, parse_recon_rows, parse_usage_rows
from cspcore.interop.recon_files import reconcile_files

if TYPE_CHECKING:
    from pathlib import Path

_HEADER = (
    "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
    "Subtotal,Currency,ChargeStartDate,ChargeEndDate\n"
)
_ROW = "2022-03-05,new,{},s1,12,12,10,120,EUR,2022-03-05,2022-04-04\n"


@pytest.mark.parametrize("product", ["M365, E3", "M365,", "M365,x,y"])
def test_the_recon_readers_refuse_a_row_longer_than_the_header(product: str) -> None:
    text = _HEADER + _ROW.format("M365") + _ROW.format(product)
    with raises_invalid(field="rows[2]", code=ErrorCode.MALFORMED):
        parse_recon_rows(text)
    with raises_invalid(field="rows[2]", code=ErrorCode.MALFORMED):
        list(iter_recon_rows(text.splitlines(keepends=True)))


def test_a_row_as_long_as_the_header_is_read() -> None:
    assert [line.product for line in parse_recon_rows(_HEADER + _ROW.format('"M365, E3"'))] == ["M365, E3"]


def test_the_usage_reader_refuses_a_row_longer_than_the_header() -> None:
    text = (
        "UsageDate,SubscriptionId,MeterId,Quantity,UnitPrice,BillingPreTaxTotal,BillingCurrency,"
        "PricingPreTaxTotal,PricingCurrency\n2022-06-03,s,m,2,1.5,3,EUR,3,EUR,extra\n"
    )
    with raises_invalid(field="rows[1]", code=ErrorCode.MALFORMED):
        parse_usage_rows(text)


@pytest.mark.parametrize("partitions", [1, 2])
@pytest.mark.parametrize("engine", ["pure", "arrow"])
def test_the_file_reconciles_refuse_it_by_either_engine(tmp_path: Path, partitions: int, engine: str) -> None:
    mine, theirs = month_files(tmp_path)
    lines = theirs.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[4] = lines[4].rstrip("\r\n") + ",extra\r\n"
    theirs.write_text("".join(lines), encoding="utf-8", newline="")
    with raises_invalid(field="billed.rows[4]", code=ErrorCode.MALFORMED):
        reconcile_files(expected=mine, billed=theirs, partitions=partitions, engine=engine, workdir=tmp_path)
