"""A header that names a column twice is refused, the same way by every reader and every splitter.

The readers of rows and the splitters of files into partitions would otherwise each take their own
copy of the column (one the first, another the last), and a file reconciled in one process, in
partitions, on Dask or by the month-end close would give different answers. Names are compared as
the readers read them: case, blanks around a name and a byte-order mark do not make a new column.
Mapping rows whose keys differ only in case are refused likewise.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from tests.month_end_files import RECON_HEADER, USAGE_HEADER, close_texts, write
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
from cspcore.interop.recon_files import cut_file, iter_reconcile_files, reconcile_files, split_recon_file

if TYPE_CHECKING:
    import pathlib

_CUSTOMERS = {"c1": CustomerTerms(pricing=Pricing(markup=Decimal(0)))}
_RECON_ROW = "c1,2024-03-01,cycleCharge,M365 E3,{},36,36,10,360,EUR,2024-03-01,2024-03-31"
_USAGE_ROW = "2024-03-0{},c1,{},vm,24,0.1,0.1,2.4,EUR,2.4,EUR,2024-03-01,2024-03-31"


def _twice(header: str, name: str) -> str:
    """``header`` (a line) with one more column, ``name``, at its end."""
    return f"{header.rstrip()},{name}\n"


def _recon_text(name: str = " subscriptionId") -> str:
    """A recon file whose header names SubscriptionId twice: a decoy first, the subscription last."""
    rows = "".join(_RECON_ROW.format(f"decoy{n}") + f",s{n}\n" for n in range(40))
    return _twice(RECON_HEADER, name) + rows


def _plain_recon_text() -> str:
    return RECON_HEADER + "".join(_RECON_ROW.format(f"s{n}") + "\n" for n in range(40))


@pytest.mark.parametrize(
    "name", ["SubscriptionId", " subscriptionid ", "SUBSCRIPTIONID", "\ufeffSubscriptionId"]
)
def test_the_row_readers_refuse_a_column_named_twice(name: str) -> None:
    text = _recon_text(name)
    for read in (parse_recon_rows, check_recon_rows, lambda t: list(iter_recon_rows(t.splitlines(True)))):
        with raises_invalid(field="header", code=ErrorCode.DUPLICATE):
            read(text)


def test_a_column_the_reader_does_not_read_named_twice_is_refused_too() -> None:
    with raises_invalid(field="header", code=ErrorCode.DUPLICATE):
        parse_recon_rows(
            _twice(_twice(RECON_HEADER, "PartnerId"), "partnerid") + _RECON_ROW.format("s1") + ",p,p\n"
        )


def test_blank_names_name_no_column() -> None:
    text = _twice(_twice(RECON_HEADER, ""), "") + _RECON_ROW.format("s1") + ",,\n"
    assert [line.subscription_id for line in parse_recon_rows(text)] == ["s1"]


@pytest.mark.parametrize("partitions", [1, 3])
@pytest.mark.parametrize("engine", ["pure", "arrow", "auto"])
def test_every_path_over_files_refuses_the_same_file_the_same_way(
    tmp_path: pathlib.Path, partitions: int, engine: str
) -> None:
    expected = write(tmp_path, "expected.csv", _plain_recon_text())
    billed = write(tmp_path, "billed.csv", _recon_text())
    header = tuple(_recon_text().splitlines()[0].split(","))
    with raises_invalid(field="billed.header", code=ErrorCode.DUPLICATE) as whole:
        reconcile_files(
            expected=expected, billed=billed, partitions=partitions, engine=engine, workdir=tmp_path
        )
    with raises_invalid(field="billed.header", code=ErrorCode.DUPLICATE) as streamed:
        list(
            iter_reconcile_files(
                expected=expected, billed=billed, partitions=partitions, engine=engine, workdir=tmp_path
            )
        )
    assert whole.value.value == streamed.value.value == header


@pytest.mark.parametrize("partitions", [1, 4])
def test_the_month_end_close_refuses_the_file_as_reconcile_files_does(
    tmp_path: pathlib.Path, partitions: int
) -> None:
    with raises_invalid(field="billed.header", code=ErrorCode.DUPLICATE):
        close_texts(tmp_path, _recon_text(), _plain_recon_text(), customers=_CUSTOMERS, partitions=partitions)


def test_dask_refuses_the_file_as_one_process_does(tmp_path: pathlib.Path) -> None:
    pytest.importorskip("distributed")
    from cspcore.interop.recon_dask import reconcile_files_on_dask

    expected = write(tmp_path, "expected.csv", _plain_recon_text())
    billed = write(tmp_path, "billed.csv", _recon_text())
    for partitions in (1, 3):
        for engine in ("pure", "arrow", "auto"):
            with raises_invalid(field="billed.header", code=ErrorCode.DUPLICATE):
                reconcile_files_on_dask(
                    expected=expected,
                    billed=billed,
                    partitions=partitions,
                    engine=engine,
                    workdir=tmp_path,
                    scheduler="sync",
                )


def test_the_splitters_refuse_the_file_as_the_readers_do(tmp_path: pathlib.Path) -> None:
    billed = write(tmp_path, "billed.csv", _recon_text())
    with raises_invalid(field="header", code=ErrorCode.DUPLICATE):
        split_recon_file(billed, count=3, folder=tmp_path)
    with raises_invalid(field="header", code=ErrorCode.DUPLICATE):
        cut_file(billed, side="billed", count=3, folder=tmp_path, arrow=False)


def test_the_arrow_cut_refuses_a_whole_recon_file_with_a_column_twice(tmp_path: pathlib.Path) -> None:
    pytest.importorskip("pyarrow")
    mine, _ = month_files(tmp_path)
    doubled = mine.read_text(encoding="utf-8").splitlines(keepends=True)
    text = _twice(doubled[0], "Subtotal") + "".join(f"{line.rstrip()},999\n" for line in doubled[1:])
    billed = write(tmp_path, "doubled.csv", text)
    with raises_invalid(field="header", code=ErrorCode.DUPLICATE):
        cut_file(billed, side="billed", count=3, folder=tmp_path)
    with raises_invalid(field="billed.header", code=ErrorCode.DUPLICATE):
        reconcile_files(expected=mine, billed=billed, partitions=3, engine="arrow", workdir=tmp_path)


def _usage_text(name: str = "subscriptionId") -> str:
    """A usage file whose header names SubscriptionId twice: a decoy first, the subscription last."""
    rows = "".join(_USAGE_ROW.format(day, "decoy") + f",u{day}\n" for day in (1, 2))
    return _twice(USAGE_HEADER, name) + rows


def test_the_usage_readers_refuse_a_column_named_twice(tmp_path: pathlib.Path) -> None:
    with raises_invalid(field="header", code=ErrorCode.DUPLICATE):
        parse_usage_rows(_usage_text())
    plain = USAGE_HEADER + "".join(_USAGE_ROW.format(day, f"u{day}") + "\n" for day in (1, 2))
    for partitions in (1, 4):
        for side, usage, expected_usage in (
            ("usage", _usage_text(), plain),
            ("expected_usage", plain, _usage_text()),
        ):
            with raises_invalid(field=f"{side}.header", code=ErrorCode.DUPLICATE):
                close_texts(
                    tmp_path,
                    _plain_recon_text(),
                    _plain_recon_text(),
                    customers=_CUSTOMERS,
                    usage=usage,
                    expected_usage=expected_usage,
                    partitions=partitions,
                )


def test_the_month_end_split_refuses_its_own_column_named_twice(tmp_path: pathlib.Path) -> None:
    text = _twice(RECON_HEADER, "customerid") + "".join(
        _RECON_ROW.format(f"s{n}") + ",c1\n" for n in range(4)
    )
    for partitions in (1, 4):
        with raises_invalid(field="billed.header", code=ErrorCode.DUPLICATE):
            close_texts(tmp_path, text, _plain_recon_text(), customers=_CUSTOMERS, partitions=partitions)


_MAPPING = {
    "OrderDate": "2022-03-05", "ChargeType": "new", "ProductName": "M365", "SubscriptionId": "s1",
    "UnitPrice": "12", "EffectiveUnitPrice": "12", "BillableQuantity": "10", "Subtotal": "120",
    "Currency": "EUR", "ChargeStartDate": "2022-03-05", "ChargeEndDate": "2022-04-04",
}  # fmt: skip


def test_mapping_rows_whose_keys_differ_only_in_case_are_refused() -> None:
    with raises_invalid(field="rows[1]", code=ErrorCode.DUPLICATE):
        parse_recon_rows([_MAPPING, {**_MAPPING, "subtotal": "999"}])
    usage = dict(zip(USAGE_HEADER.strip().split(","), _USAGE_ROW.format(1, "u1").split(","), strict=True))
    assert len(parse_usage_rows([usage])) == 1
    with raises_invalid(field="rows[0]", code=ErrorCode.DUPLICATE):
        parse_usage_rows([{**usage, "quantity": "99"}])


def test_a_later_mapping_row_whose_keys_differ_only_in_case_is_refused_after_good_ones() -> None:
    # Rows are checked whenever their keys change, so a bad row after good ones is found too.
    usage = dict(zip(USAGE_HEADER.strip().split(","), _USAGE_ROW.format(1, "u1").split(","), strict=True))
    with raises_invalid(field="rows[2]", code=ErrorCode.DUPLICATE):
        parse_usage_rows([usage, usage, {**usage, "quantity": "99"}])
    with raises_invalid(field="rows[2]", code=ErrorCode.DUPLICATE):
        parse_recon_rows([_MAPPING, _MAPPING, {**_MAPPING, "subtotal": "999"}])
