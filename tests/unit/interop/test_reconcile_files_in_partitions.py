"""Reconciling two files partition by partition gives reconcile's lines; errors name the file's row."""

from __future__ import annotations

import pickle
from typing import TYPE_CHECKING

import pytest

from cspcore import CurrencyMismatch, InvalidInput, Money
from cspcore.errors import ErrorCode
from cspcore.interop import iter_recon_rows, parse_recon_rows, reconcile
from cspcore.interop.recon_files import (
    ReconPart,
    combine,
    partition_of,
    reconcile_files,
    reconcile_part,
    split_recon_file,
)

if TYPE_CHECKING:
    from pathlib import Path

HEADER = (
    "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,"
    "BillableQuantity,Subtotal,Currency,ChargeStartDate,ChargeEndDate,ProductQualifiers\n"
)


def _row(subscription: str, subtotal: str = "120", currency: str = "EUR", qualifiers: str = "") -> str:
    return (
        f"2022-03-05,new,M365 BS,{subscription},12,12.00,10,{subtotal},{currency},"
        f"2022-03-05,2022-04-04,{qualifiers}\n"
    )


def _files(tmp_path: Path, expected: list[str], billed: list[str]) -> tuple[Path, Path]:
    mine, theirs = tmp_path / "mine.csv", tmp_path / "billed.csv"
    mine.write_text(HEADER + "".join(expected), encoding="utf-8")
    theirs.write_text(HEADER + "".join(billed), encoding="utf-8")
    return mine, theirs


def _whole(mine: Path, theirs: Path) -> object:
    with theirs.open(newline="", encoding="utf-8") as handle:
        return reconcile(parse_recon_rows(mine.read_text(encoding="utf-8")), iter_recon_rows(handle))


def test_partitions_give_the_lines_and_counts_of_one_reconcile(tmp_path: Path) -> None:
    expected = [_row(f"s{n}") for n in range(40)]
    billed = [_row(f"s{n}", "120.01" if n % 7 == 0 else "120") for n in range(5, 45)]
    mine, theirs = _files(tmp_path, expected, billed[::-1])
    whole = _whole(mine, theirs)
    for count in (1, 3, 8):
        summary = reconcile_files(expected=mine, billed=theirs, partitions=count, workdir=tmp_path)
        assert summary.matched == len(whole.matched_expected)  # type: ignore[attr-defined]
        assert sorted(line.subscription_id for line in summary.missing) == sorted(
            line.subscription_id
            for line in whole.missing  # type: ignore[attr-defined]
        )
        assert sorted(line.subscription_id for line in summary.unexpected) == sorted(
            line.subscription_id
            for line in whole.unexpected  # type: ignore[attr-defined]
        )
        assert len(summary.mismatched) == len(whole.mismatched)  # type: ignore[attr-defined]
        assert summary.expected_rows == 40
        assert summary.billed_rows == 40
        assert summary.matched_total == Money(120 * summary.matched, "EUR")
    assert sorted(tmp_path.iterdir()) == sorted([mine, theirs])  # the partition files are gone


def test_the_matched_lines_are_kept_only_when_asked_for(tmp_path: Path) -> None:
    mine, theirs = _files(tmp_path, [_row("a"), _row("b")], [_row("b"), _row("a")])
    assert reconcile_files(expected=mine, billed=theirs, partitions=2).report is None
    kept = reconcile_files(expected=mine, billed=theirs, partitions=2, keep_matched=True).report
    assert kept is not None
    assert kept.is_clean
    assert sorted(line.subscription_id for line in kept.matched_expected) == ["a", "b"]


def test_a_part_is_small_and_pickles(tmp_path: Path) -> None:
    mine, theirs = _files(tmp_path, [_row("a"), _row("b")], [_row("b")])
    parts = [ReconPart(expected=mine, billed=theirs, index=index, count=4) for index in range(4)]
    assert all(len(pickle.dumps(part)) < 1000 for part in parts)
    summaries = [reconcile_part(pickle.loads(pickle.dumps(part))) for part in parts]  # noqa: S301 - our own bytes
    whole = combine(summaries)
    assert (whole.matched, len(whole.missing)) == (1, 1)
    assert whole == reconcile_files(expected=mine, billed=theirs, partitions=4)


def test_partition_of_is_stable_and_reads_the_id_as_the_reader_does() -> None:
    assert partition_of("s1", 16) == partition_of(" s1\t", 16)
    assert {partition_of(f"s{n}", 4) for n in range(100)} == {0, 1, 2, 3}


def test_split_keeps_header_order_and_quoted_rows(tmp_path: Path) -> None:
    quoted = _row("q", qualifiers='"[""Trial""]"')
    mine, _ = _files(tmp_path, [_row("a"), quoted, "\n", _row("a", "1")], [])
    paths = split_recon_file(mine, count=3, folder=tmp_path)
    texts = [tmp_path.joinpath(path).read_text(encoding="utf-8") for path in paths]
    assert all(text.startswith(HEADER) for text in texts)
    assert sum(text.count("\n") - 1 for text in texts) == 3
    (with_a,) = (text for text in texts if ",a," in text)
    assert with_a.index(",120,") < with_a.index(",1,")
    lines = [line for path in paths for line in parse_recon_rows(tmp_path.joinpath(path).read_text())]
    assert any(line.qualifiers == ("Trial",) for line in lines)


@pytest.mark.parametrize("count", [1, 3])
def test_a_bad_cell_names_the_side_and_the_row_of_its_file(tmp_path: Path, count: int) -> None:
    billed = [_row(f"s{n}") for n in range(10)]
    billed[6] = _row("s6", "12x")
    mine, theirs = _files(tmp_path, [_row(f"s{n}") for n in range(10)], billed)
    with pytest.raises(InvalidInput) as raised:
        reconcile_files(expected=mine, billed=theirs, partitions=count, workdir=tmp_path)
    assert (raised.value.field, raised.value.code) == ("billed.rows[7].Subtotal", ErrorCode.NOT_A_NUMBER)


def test_a_bad_expected_cell_is_named_in_the_expected_file(tmp_path: Path) -> None:
    expected = [_row(f"s{n}") for n in range(10)]
    expected[3] = _row("s3", "")
    mine, theirs = _files(tmp_path, expected, [])
    with pytest.raises(InvalidInput) as direct:
        parse_recon_rows(mine.read_text(encoding="utf-8"))
    with pytest.raises(InvalidInput) as raised:
        reconcile_files(expected=mine, billed=theirs, partitions=4)
    assert direct.value.field == "rows[4].Subtotal"
    assert (raised.value.field, raised.value.code) == ("expected.rows[4].Subtotal", direct.value.code)


def test_two_currencies_are_refused_across_partitions(tmp_path: Path) -> None:
    expected = [_row(f"s{n}", currency="EUR" if n else "USD") for n in range(12)]
    mine, theirs = _files(tmp_path, expected, [])
    with pytest.raises(CurrencyMismatch) as raised:
        reconcile_files(expected=mine, billed=theirs, partitions=5)
    assert raised.value.code == ErrorCode.CURRENCY_MISMATCH
    assert raised.value.field.startswith("expected.rows[")


def test_a_missing_file_is_an_io_failure(tmp_path: Path) -> None:
    mine, _ = _files(tmp_path, [], [])
    with pytest.raises(InvalidInput) as raised:
        reconcile_files(expected=mine, billed=tmp_path / "absent.csv", partitions=1)
    assert (raised.value.field, raised.value.code) == ("billed", ErrorCode.IO_FAILED)


@pytest.mark.parametrize(
    ("options", "field", "code"),
    [
        ({"partitions": 0}, "partitions", ErrorCode.OUT_OF_RANGE),
        ({"partitions": True}, "partitions", ErrorCode.WRONG_TYPE),
        ({"tolerance": -1}, "tolerance", ErrorCode.OUT_OF_RANGE),
        ({"keep_matched": 1}, "keep_matched", ErrorCode.WRONG_TYPE),
    ],
)
def test_bad_options_are_refused(
    tmp_path: Path, options: dict[str, object], field: str, code: ErrorCode
) -> None:
    mine, theirs = _files(tmp_path, [], [])
    with pytest.raises(InvalidInput) as raised:
        reconcile_files(expected=mine, billed=theirs, **options)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.code) == (field, code)


def test_a_part_outside_its_count_is_refused() -> None:
    with pytest.raises(InvalidInput) as raised:
        ReconPart(expected="a.csv", billed="b.csv", index=4, count=4)
    assert (raised.value.field, raised.value.code) == ("index", ErrorCode.OUT_OF_RANGE)


def test_a_split_refuses_its_arguments_and_a_file_that_is_not_utf8_on_their_own_names(tmp_path: Path) -> None:
    mine, _ = _files(tmp_path, [], [])
    refusals: list[tuple[dict[str, object], str, ErrorCode]] = [
        ({"path": mine, "count": 0}, "count", ErrorCode.OUT_OF_RANGE),
        ({"path": 5, "count": 2}, "path", ErrorCode.WRONG_TYPE),
        ({"path": tmp_path / "absent.csv", "count": 2}, "path", ErrorCode.IO_FAILED),
    ]
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"SubscriptionId,ProductName\ns1,Caf\xe9\n")
    refusals.append(({"path": latin, "count": 2}, "rows", ErrorCode.IO_FAILED))
    for arguments, field, code in refusals:
        with pytest.raises(InvalidInput) as raised:
            split_recon_file(folder=tmp_path, **arguments)  # type: ignore[arg-type]
        assert (raised.value.field, raised.value.code) == (field, code)
    with pytest.raises(InvalidInput) as raised:
        split_recon_file(mine, count=2, folder=5)  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.code) == ("folder", ErrorCode.WRONG_TYPE)
    with pytest.raises(InvalidInput) as raised:
        split_recon_file(mine, count=2, folder=mine)  # a file, not a folder: no partition can be written
    assert (raised.value.field, raised.value.code, raised.value.value) == (
        "folder",
        ErrorCode.IO_FAILED,
        str(mine),
    )


def test_a_quoted_cell_spanning_lines_stays_whole_in_its_partition(tmp_path: Path) -> None:
    spanning = _row("q", qualifiers='"Trial\nfirst month"')  # one record, two physical lines
    mine, _ = _files(tmp_path, [_row("a"), spanning, _row("b"), _row("q", "1")], [])
    paths = split_recon_file(mine, count=3, folder=tmp_path)
    texts = [tmp_path.joinpath(path).read_text(encoding="utf-8") for path in paths]
    (with_q,) = (text for text in texts if ",q," in text)
    assert spanning in with_q
    assert with_q.index(spanning) < with_q.index(",q,12,12.00,10,1,")  # file order kept
    lines = [line for path in paths for line in parse_recon_rows(tmp_path.joinpath(path).read_text())]
    assert sorted(line.subscription_id for line in lines) == ["a", "b", "q", "q"]
