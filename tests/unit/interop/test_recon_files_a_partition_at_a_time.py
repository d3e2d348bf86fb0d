"""`iter_reconcile_files`: arguments checked at once, partitions read as taken, files gone when left early."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from tests.recon_month import month_files

from cspcore import InvalidInput
from cspcore.errors import CurrencyMismatch, ErrorCode
from cspcore.interop import recon_files
from cspcore.interop.recon_files import iter_reconcile_files, reconcile_files
from cspcore.interop.recon_summary import ReconciliationSummary, ReconciliationTally, tally
from cspcore.money import Money

if TYPE_CHECKING:
    from pathlib import Path


def test_arguments_are_checked_before_any_partition_is_read(tmp_path: Path) -> None:
    mine, theirs = month_files(tmp_path)
    with pytest.raises(InvalidInput) as caught:
        iter_reconcile_files(expected=mine, billed=theirs, engine="fast")
    assert (caught.value.field, caught.value.code) == ("engine", ErrorCode.UNKNOWN_VALUE)
    with pytest.raises(InvalidInput) as caught:
        iter_reconcile_files(expected=mine, billed=tmp_path / "none.csv")
    assert (caught.value.field, caught.value.code) == ("billed", ErrorCode.IO_FAILED)


@pytest.mark.parametrize("engine", ["pure", "arrow"])
def test_leaving_early_removes_the_partition_files(
    tmp_path: Path, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    if engine == "arrow":
        pytest.importorskip("pyarrow")
        monkeypatch.setattr(recon_files, "COLUMNAR_WHOLE_BYTES", -1)  # cut into files, as larger ones are
    mine, theirs = month_files(tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    parts = iter_reconcile_files(expected=mine, billed=theirs, partitions=4, workdir=work, engine=engine)
    first = next(parts)
    assert any(work.iterdir())  # the other partitions wait on disk
    parts.close()
    assert not any(work.iterdir())
    assert first.expected_rows + first.billed_rows > 0


def test_the_tally_of_the_partitions_is_the_files_summary_counted(tmp_path: Path) -> None:
    mine, theirs = month_files(tmp_path)
    whole = reconcile_files(expected=mine, billed=theirs, partitions=3, workdir=tmp_path)
    counted = tally(iter_reconcile_files(expected=mine, billed=theirs, partitions=3, workdir=tmp_path))
    assert (counted.partitions, counted.matched, counted.missing, counted.unexpected, counted.mismatched) == (
        3,
        28,
        2,
        4,
        len(whole.mismatched),
    )
    assert counted.matched_total == whole.matched_total
    assert not counted.is_clean


def _summary(currency: str, *, tolerance: str = "0") -> ReconciliationSummary:
    amount = Money("12", currency)
    return ReconciliationSummary(
        expected_rows=1,
        billed_rows=1,
        matched=1,
        matched_subtotal=amount,
        matched_total=amount,
        missing=(),
        unexpected=(),
        mismatched=(),
        tolerance=Decimal(tolerance),
    )


def test_a_tally_refuses_a_second_currency_another_tolerance_and_other_values() -> None:
    counted = ReconciliationTally().add(_summary("EUR"))
    with pytest.raises(CurrencyMismatch) as mixed:
        counted.add(_summary("USD"))
    assert mixed.value.field == "partitions[1].currency"
    with pytest.raises(InvalidInput) as other:
        counted.add(_summary("EUR", tolerance="0.01"))
    assert (other.value.field, other.value.code) == ("summaries[1].tolerance", ErrorCode.INCONSISTENT)
    with pytest.raises(InvalidInput) as wrong:
        counted.add("summary")  # type: ignore[arg-type]
    assert (wrong.value.field, wrong.value.code) == ("summaries[1]", ErrorCode.WRONG_TYPE)
    with pytest.raises(InvalidInput) as bad:
        ReconciliationTally(matched="1")  # type: ignore[arg-type]
    assert bad.value.code == ErrorCode.WRONG_TYPE


def test_partition_files_cut_on_the_columnar_path_keep_the_tolerance(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pyarrow")
    monkeypatch.setattr(recon_files, "COLUMNAR_WHOLE_BYTES", -1)  # cut into files, as larger ones are
    mine, theirs = month_files(tmp_path)  # s7 billed a cent off
    for tolerance in ("0", "0.01"):
        cut = reconcile_files(expected=mine, billed=theirs, partitions=3, tolerance=tolerance, engine="arrow")
        pure = reconcile_files(expected=mine, billed=theirs, partitions=3, tolerance=tolerance, engine="pure")
        assert cut == pure
    assert reconcile_files(
        expected=mine, billed=theirs, partitions=3, tolerance="0.01", engine="arrow"
    ).matched == (reconcile_files(expected=mine, billed=theirs, partitions=3, engine="arrow").matched + 1)
