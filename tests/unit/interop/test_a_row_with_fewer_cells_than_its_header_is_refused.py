"""A CSV row with fewer cells than its header is refused as malformed, on every path.

A cell dropped anywhere in a row moves every cell after it under the next column's name, and a row
whose trailing cells are missing cannot be told from one with a cell dropped in its middle. Partner
Center writes every cell of every row (a blank cell as nothing between two commas), and its own
file ends in a column cspcore does not read (``PromotionId``), so a short row could be read with its
cells shifted and nothing refused. The recon and usage readers refuse it (``rows[n]``, code
``malformed``), as they refuse a row with more cells than its header, and so do the file reconciles
in one process, in partitions, on Dask and in the month-end close, by either engine. A blank line is
still no row.
"""

from __future__ import annotations

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
    parse_recon_rows,
    parse_usage_rows,
)
from cspcore.interop.recon_files import iter_reconcile_files, reconcile_files

if TYPE_CHECKING:
    from pathlib import Path

#: The columns read, then two that are not, Microsoft's last (``PromotionId``) at the end.
_HEADER = (
    "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
    "Subtotal,Currency,ChargeStartDate,ChargeEndDate,SubscriptionDescription,PromotionId\n"
)
_ROW = "2022-03-05,new,M365,s1,12,12,10,120,EUR,2022-03-05,2022-04-04,Seats,P1\n"
_CUSTOMERS = {"c1": CustomerTerms(pricing=Pricing(markup=Decimal(0)))}
_RECON_ROW = "c1,2024-03-01,cycleCharge,M365 E3,s{},36,36,10,360,EUR,2024-03-01,2024-03-31,P1\n"
_USAGE_ROW = "2024-03-0{},c1,u1,vm,24,0.1,0.1,2.4,EUR,2.4,EUR,2024-03-01,2024-03-31,P1\n"


def _readers() -> list[object]:
    return [
        parse_recon_rows,
        check_recon_rows,
        lambda text: list(iter_recon_rows(text.splitlines(keepends=True))),
        lambda text: list(iter_recon_rows(text.encode("utf-8"))),
    ]


@pytest.mark.parametrize(
    "short",
    [
        "2022-03-05,new,M365,s1,12,12,10,120,EUR,2022-03-05,2022-04-04,Seats\n",  # PromotionId left off
        "2022-03-05,new,M365,s1,12,12,10,120,EUR,2022-03-05,2022-04-04\n",  # both unread cells left off
        "2022-03-05,new,s1,12,12,10,120,EUR,2022-03-05,2022-04-04,Seats,P1\n",  # ProductName dropped
        "2022-03-05\n",
    ],
)
def test_the_recon_readers_refuse_a_row_shorter_than_the_header(short: str) -> None:
    for read in _readers():
        with raises_invalid(field="rows[2]", code=ErrorCode.MALFORMED):
            read(_HEADER + _ROW + short)  # type: ignore[operator]


def test_a_row_as_long_as_the_header_and_a_blank_line_are_read_as_before() -> None:
    lines = parse_recon_rows(_HEADER + _ROW + "\n" + _ROW.replace(",P1", ","))
    assert [(line.product, line.subtotal.amount) for line in lines] == [("M365", Decimal(120))] * 2


def test_a_row_of_one_blank_cell_is_a_row_and_refused() -> None:
    # "" is a blank line (no cells); '""' is a row of one cell, which the header does not have
    with raises_invalid(field="rows[2]", code=ErrorCode.MALFORMED):
        parse_recon_rows(_HEADER + _ROW + '""\n')


def test_the_usage_reader_refuses_a_row_shorter_than_the_header() -> None:
    header = USAGE_HEADER.rstrip("\n") + ",PromotionId\n"
    assert len(parse_usage_rows(header + _USAGE_ROW.format(1))) == 1
    short = _USAGE_ROW.format(2).replace(",P1", "")
    with raises_invalid(field="rows[2]", code=ErrorCode.MALFORMED):
        parse_usage_rows(header + _USAGE_ROW.format(1) + short)
    with raises_invalid(field="rows[2]", code=ErrorCode.MALFORMED):
        list(parse_usage_rows((header + _USAGE_ROW.format(1) + short).splitlines(keepends=True)))


def _with_promotion(path: Path, *, cut: int | None = None) -> Path:
    """The recon file at ``path`` with a last column, ``PromotionId``, that no reader reads.

    Row ``cut`` (as the readers number rows) is left one cell short: its PromotionId is missing.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{lines[0]},PromotionId"] + [
        line if number == cut else f"{line},P1" for number, line in enumerate(lines[1:], start=1)
    ]
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize("partitions", [1, 3])
@pytest.mark.parametrize("engine", ["pure", "arrow", "auto"])
def test_the_file_reconciles_refuse_it_by_either_engine(tmp_path: Path, partitions: int, engine: str) -> None:
    if engine != "pure":
        pytest.importorskip("pyarrow")
    mine, theirs = month_files(tmp_path)
    mine, theirs = _with_promotion(mine), _with_promotion(theirs, cut=4)
    for side, expected, billed in (("billed", mine, theirs), ("expected", theirs, mine)):
        with raises_invalid(field=f"{side}.rows[4]", code=ErrorCode.MALFORMED):
            reconcile_files(
                expected=expected, billed=billed, partitions=partitions, engine=engine, workdir=tmp_path
            )
        with raises_invalid(field=f"{side}.rows[4]", code=ErrorCode.MALFORMED):
            list(
                iter_reconcile_files(
                    expected=expected, billed=billed, partitions=partitions, engine=engine, workdir=tmp_path
                )
            )


def test_the_file_reconciles_read_a_file_of_whole_rows_with_an_unread_last_column(tmp_path: Path) -> None:
    mine, theirs = month_files(tmp_path)
    plain = reconcile_files(expected=mine, billed=theirs, partitions=2, engine="pure", workdir=tmp_path)
    mine, theirs = _with_promotion(mine), _with_promotion(theirs)
    assert (
        reconcile_files(expected=mine, billed=theirs, partitions=2, engine="pure", workdir=tmp_path) == plain
    )


def test_dask_refuses_the_file_as_one_process_does(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from cspcore.interop.recon_dask import reconcile_files_on_dask

    mine, theirs = month_files(tmp_path)
    mine, theirs = _with_promotion(mine), _with_promotion(theirs, cut=4)
    for partitions in (1, 3):
        for engine in ("pure", "auto"):
            with raises_invalid(field="billed.rows[4]", code=ErrorCode.MALFORMED):
                reconcile_files_on_dask(
                    expected=mine,
                    billed=theirs,
                    partitions=partitions,
                    engine=engine,
                    workdir=tmp_path,
                    scheduler="sync",
                )


@pytest.mark.parametrize("partitions", [1, 4])
def test_the_month_end_close_refuses_a_short_row_of_either_file(tmp_path: Path, partitions: int) -> None:
    header = RECON_HEADER.rstrip("\n") + ",PromotionId\n"
    whole = header + "".join(_RECON_ROW.format(n) for n in range(4))
    short = header + "".join(
        _RECON_ROW.format(n).replace(",P1", "") if n == 2 else _RECON_ROW.format(n) for n in range(4)
    )
    with raises_invalid(field="billed.rows[3]", code=ErrorCode.MALFORMED):
        close_texts(tmp_path, short, whole, customers=_CUSTOMERS, partitions=partitions)
    usage_header = USAGE_HEADER.rstrip("\n") + ",PromotionId\n"
    usage = usage_header + _USAGE_ROW.format(1) + _USAGE_ROW.format(2)
    short_usage = usage_header + _USAGE_ROW.format(1) + _USAGE_ROW.format(2).replace(",P1", "")
    with raises_invalid(field="usage.rows[2]", code=ErrorCode.MALFORMED):
        close_texts(
            tmp_path,
            whole,
            whole,
            customers=_CUSTOMERS,
            usage=short_usage,
            expected_usage=usage,
            partitions=partitions,
        )
