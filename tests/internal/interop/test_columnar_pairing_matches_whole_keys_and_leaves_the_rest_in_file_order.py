"""What the columnar path pairs itself: whole keys whose lines repeat each other's cells; the rest in order.

Lines pair on subscription, charge start and end, quantity and sign. A key's lines are matched here
when each expected line has its billed namesake (the billed line of the same rank in the key, in file
order) written the same in every compared cell; their subtotals and totals are summed exactly. Every
other line is handed to the pure path as CSV, in file order. Whatever is paired here, a reconcile gives
the pure path's summary.
"""

from __future__ import annotations

import csv
import decimal
import io
from typing import TYPE_CHECKING, Any

import pytest
from tests.recon_month import recon_file

from cspcore.interop import _recon_arrow as columnar
from cspcore.interop.recon_files import reconcile_files
from cspcore.interop.recon_split import partition_of

if TYPE_CHECKING:
    from pathlib import Path

pa = pytest.importorskip("pyarrow")


def _paired(
    tmp_path: Path, mine: list[dict[str, str]], theirs: list[dict[str, str]], *, packed: bool = True
) -> tuple[int, str, str, list[str], list[str]]:
    """The fast path's pairing of two files: count and sums matched, the subscriptions of the rows left.

    The reconcile of the same files is asserted to be the pure path's, and the pairing by one key
    column the pairing by three.
    """
    files = recon_file(tmp_path / "mine.csv", mine), recon_file(tmp_path / "billed.csv", theirs)
    reader = columnar.Reader()
    tables = columnar.read_side(str(files[0]), reader), columnar.read_side(str(files[1]), reader, billed=True)
    paired = columnar.pair(tables[0], tables[1], reader, packed=packed)
    assert columnar.pair(tables[0], tables[1], reader, packed=not packed) == paired
    count, subtotal, total, left_mine, left_theirs = paired
    summaries = [
        reconcile_files(expected=files[0], billed=files[1], engine=engine) for engine in ("arrow", "pure")
    ]
    assert summaries[0] == summaries[1]
    assert [str(s.matched_total and s.matched_total.amount) for s in summaries] == [
        str(summaries[1].matched_total and summaries[1].matched_total.amount)
    ] * 2
    return count, str(subtotal), str(total), _left(left_mine), _left(left_theirs)


def _left(text: str) -> list[str]:
    """The rows of a CSV text left to the pure path, each shown by its subscription and subtotal."""
    return [f"{row['SubscriptionId']} {row['Subtotal']}" for row in csv.DictReader(io.StringIO(text))]


_PLAIN = [{"SubscriptionId": f"s{n}"} for n in range(1, 5)]


def test_lines_written_alike_are_all_matched_here(tmp_path: Path) -> None:
    assert _paired(tmp_path, _PLAIN, _PLAIN[::-1]) == (4, "480.00", "480.00", [], [])


@pytest.mark.parametrize(
    ("column", "cell"),
    [
        ("Subtotal", "120.01"),
        ("Subtotal", "120.0"),  # the same amount written otherwise: the pure path decides
        ("TaxTotal", "0.00"),
        ("TaxTotal", ""),
        ("UnitPrice", "12.0"),
        ("EffectiveUnitPrice", "12.000"),
        ("Currency", "eur"),
        ("ChargeType", "New"),
        ("ChargeType", "renew"),
        ("OrderDate", "2024-03-02"),
        ("ProductName", "Microsoft 365 E5"),
        ("ProductQualifiers", '["Trial"]'),
        ("CustomerId", "c2"),
        ("SubscriptionStartDate", "2024-03-02"),
        ("SubscriptionEndDate", "2025-03-01"),
        ("TermAndBillingCycle", "One-Month commitment"),
        ("BillingFrequency", "Annual"),
        ("PricingCurrency", "EUR"),
        ("ReferenceId", ""),  # billed without the reference id the expected line has
    ],
)
def test_a_cell_written_otherwise_leaves_the_line_to_the_pure_path(
    tmp_path: Path, column: str, cell: str
) -> None:
    theirs = [dict(row) for row in _PLAIN]
    theirs[2][column] = cell
    if column == "PricingCurrency":
        theirs[2]["PCToBCExchangeRate"] = "1"
    assert _paired(tmp_path, _PLAIN, theirs) == (
        3,
        "360.00",
        "360.00",
        ["s3 120.00"],
        [f"s3 {theirs[2].get('Subtotal', '120.00')}"],
    )


@pytest.mark.parametrize(
    ("column", "cell"),
    [("PCToBCExchangeRate", "1.1"), ("PCToBCExchangeRateDate", "2024-02-28")],
)
def test_an_exchange_cell_written_otherwise_leaves_the_line_to_the_pure_path(
    tmp_path: Path, column: str, cell: str
) -> None:
    exchange = {"PricingCurrency": "USD", "PCToBCExchangeRate": "0.9", "PCToBCExchangeRateDate": "2024-02-29"}
    mine = [row | exchange for row in _PLAIN]
    theirs = [dict(row) for row in mine]
    theirs[0][column] = cell
    assert _paired(tmp_path, mine, theirs) == (3, "360.00", "360.00", ["s1 120.00"], ["s1 120.00"])


@pytest.mark.parametrize(
    ("mine", "theirs", "matched"),
    [
        ("r1", "r1", 4),
        ("", "", 4),
        ("", "ms-9", 4),  # the billed line's own reference, where the expected line has none
        ("r1", "ms-9", 4),  # Microsoft's reference id is not compared
        ("r1", "", 3),  # the expected line's reference, billed without one: the pure path decides
    ],
)
def test_a_reference_id_is_not_compared_but_a_billed_line_must_carry_one_if_expected(
    tmp_path: Path, mine: str, theirs: str, matched: int
) -> None:
    expected = [row | {"ReferenceId": mine} for row in _PLAIN]
    billed = [row | {"ReferenceId": theirs if row["SubscriptionId"] == "s2" else mine} for row in _PLAIN]
    assert _paired(tmp_path, expected, billed)[0] == matched


def test_a_coded_cell_is_compared_by_its_text_whatever_order_the_texts_come_in(tmp_path: Path) -> None:
    """The files' dictionaries list their texts in different orders: the texts decide, not their codes."""
    names = ["P1", "P2", "P3", "P1", "P2", "P3"]
    mine = [{"SubscriptionId": f"s{n}", "ProductName": name} for n, name in enumerate(names)]
    theirs = [*mine[::-1], {"SubscriptionId": "s9", "ProductName": "P4"}]
    assert _paired(tmp_path, mine, theirs) == (6, "720.00", "720.00", [], ["s9 120.00"])
    theirs[1] = theirs[1] | {"ProductName": "P4"}  # s4, billed as another product
    assert _paired(tmp_path, mine, theirs)[3:] == (["s4 120.00"], ["s4 120.00", "s9 120.00"])


@pytest.mark.parametrize("packed", [True, False])
def test_lines_of_one_key_pair_by_their_rank_in_file_order(tmp_path: Path, packed: bool) -> None:
    """The n-th expected line of a key with the n-th billed one; a key with a line unlike its namesake is
    left whole."""
    mine = [{"SubscriptionId": "s1", "Subtotal": "120.00"}, {"SubscriptionId": "s1", "Subtotal": "120.00"}]
    assert _paired(tmp_path, mine, mine, packed=packed)[:3] == (2, "240.00", "240.00")
    # the second billed line differs: both lines of the key go to the pure path
    theirs = [mine[0], {"SubscriptionId": "s1", "Subtotal": "120.00", "CustomerId": "c9"}]
    assert _paired(tmp_path, mine, theirs, packed=packed) == (
        0,
        "0",
        "0",
        ["s1 120.00", "s1 120.00"],
        ["s1 120.00", "s1 120.00"],
    )
    # a key billed once more than expected: the last billed line is left, the others matched
    extra = [*mine, {"SubscriptionId": "s1", "Subtotal": "120.00", "CustomerId": "c9"}]
    assert _paired(tmp_path, mine, extra, packed=packed) == (2, "240.00", "240.00", [], ["s1 120.00"])
    # a key expected once more than billed: the whole key is left
    assert _paired(tmp_path, extra, mine, packed=packed)[0] == 0


@pytest.mark.parametrize("packed", [True, False])
@pytest.mark.parametrize(
    "other",
    [
        {"ChargeStartDate": "2024-03-02"},
        {"ChargeEndDate": "2024-03-30"},
        {"BillableQuantity": "11", "Quantity": "11"},
        {"SubscriptionId": "s2"},
        # parts that move together: a key must not be a sum of its parts
        {"ChargeStartDate": "2024-03-02", "ChargeEndDate": "2024-03-30"},
        {"ChargeStartDate": "2024-02-29", "ChargeEndDate": "2024-04-01"},
        {"ChargeEndDate": "2024-03-30", "BillableQuantity": "11", "Quantity": "11"},
        {"ChargeStartDate": "2024-02-29", "BillableQuantity": "9", "Quantity": "9"},
        {"ChargeStartDate": "2024-03-31", "ChargeEndDate": "2024-03-31"},
        {"ChargeStartDate": "2024-01-01", "ChargeEndDate": "2024-01-31"},
        {"SubscriptionId": "s0", "BillableQuantity": "11", "Quantity": "11"},
        {"SubscriptionId": "s2", "ChargeEndDate": "2024-03-30"},
    ],
)
def test_each_part_of_the_key_tells_lines_apart(tmp_path: Path, packed: bool, other: dict[str, str]) -> None:
    """Two lines that differ in a part of the key pair each with its own namesake, whatever their order."""
    lines = [
        {"SubscriptionId": "s1", "CustomerId": "c1"},
        {"SubscriptionId": "s1", "CustomerId": "c2"} | other,
        {"SubscriptionId": "s0", "CustomerId": "c3"},
        {"SubscriptionId": "s3", "CustomerId": "c4"},
    ]
    assert _paired(tmp_path, lines, lines[::-1], packed=packed)[:3] == (4, "480.00", "480.00")


@pytest.mark.parametrize("packed", [True, False])
def test_a_charge_and_its_refund_pair_each_with_its_own_kind(tmp_path: Path, packed: bool) -> None:
    """The sign is part of the key: a refund never pairs with the charge it takes back."""
    charge = {"Subtotal": "120.00", "Total": "120.00"}
    refund = {"Subtotal": "-0.50", "Total": "-0.50"}
    assert _paired(tmp_path, [charge, refund], [refund, charge], packed=packed)[:3] == (2, "119.50", "119.50")
    small = {"Subtotal": "-0.001", "Total": "-0.001"}
    assert _paired(tmp_path, [charge, small], [small, charge], packed=packed)[:3] == (2, "119.999", "119.999")


def test_the_rows_left_keep_the_files_order(tmp_path: Path) -> None:
    mine = [{"SubscriptionId": f"s{n}", "Subtotal": f"{n}.00"} for n in (5, 3, 9, 1, 7)]
    theirs = [row | {"CustomerId": "c9"} for row in mine[::-1]]
    left = _paired(tmp_path, mine, theirs)[3:]
    assert left == ([f"s{n} {n}.00" for n in (5, 3, 9, 1, 7)], [f"s{n} {n}.00" for n in (7, 1, 9, 3, 5)])


@pytest.mark.parametrize(
    ("subtotals", "taxes", "sums"),
    [
        (["1.5", "2.25", "-0.125"], ["0", "0", "0"], ("3.625", "3.625")),
        (["1.5", "2.25"], ["0.1", "0.011"], ("3.75", "3.861")),
        (["1.50", "2"], ["", ""], ("3.50", "3.50")),  # no tax stated: the total is the subtotal
        (["1.50", "2"], ["", "0.5"], ("3.50", "4.00")),
        (["0.000000000001", "999999999999999"], ["", ""], ("999999999999999.000000000001",) * 2),
        (["10", "20"], ["1", "2"], ("30", "33")),
    ],
)
def test_the_matched_amounts_are_summed_exactly_to_the_places_written(
    tmp_path: Path, subtotals: list[str], taxes: list[str], sums: tuple[str, str]
) -> None:
    """The sums of the expected subtotals, and of subtotals and stated taxes, to the most places written."""
    rows = [
        {"SubscriptionId": f"s{n}", "Subtotal": subtotal, "TaxTotal": tax, "Total": ""}
        for n, (subtotal, tax) in enumerate(zip(subtotals, taxes, strict=True))
    ]
    assert _paired(tmp_path, rows, rows) == (len(rows), *sums, [], [])


def test_nothing_is_paired_when_a_side_has_no_rows(tmp_path: Path) -> None:
    assert _paired(tmp_path, _PLAIN, []) == (0, "0", "0", [f"s{n} 120.00" for n in range(1, 5)], [])
    assert _paired(tmp_path, [], _PLAIN) == (0, "0", "0", [], [f"s{n} 120.00" for n in range(1, 5)])


def test_a_billed_line_of_a_subscription_not_expected_is_left(tmp_path: Path) -> None:
    theirs = [*_PLAIN, {"SubscriptionId": "s0"}, {"SubscriptionId": "s5"}]
    assert _paired(tmp_path, _PLAIN, theirs) == (4, "480.00", "480.00", [], ["s0 120.00", "s5 120.00"])


def _tables(folder: Path, mine: list[dict[str, str]], theirs: list[dict[str, str]]) -> tuple[Any, Any, Any]:
    files = recon_file(folder / "mine.csv", mine), recon_file(folder / "billed.csv", theirs)
    reader = columnar.Reader()
    return (
        reader,
        columnar.read_side(str(files[0]), reader),
        columnar.read_side(str(files[1]), reader, billed=True),
    )


@pytest.mark.parametrize("count", [2, 3, 5])
def test_each_partitions_share_is_the_pairing_of_its_own_rows(tmp_path: Path, count: int) -> None:
    mine = [
        {"SubscriptionId": f"s{n}", "Subtotal": f"{n}.5", "TaxTotal": "0.1" if n % 2 else ""}
        for n in range(12)
    ]
    theirs = mine[::-1]
    theirs[4] = theirs[4] | {"CustomerId": "c9"}  # left to the pure path, in its partition
    reader, mine_table, theirs_table = _tables(tmp_path, mine, theirs)
    tables = (mine_table, theirs_table)
    parts = columnar.partitions_of(tables[0], count), columnar.partitions_of(tables[1], count)
    shares = columnar.pair_parts(tables[0], tables[1], reader, parts, count)
    assert len(shares) == count
    for index, (paired, rows_mine, rows_theirs) in enumerate(shares):
        folder = tmp_path / f"part{index}"
        folder.mkdir()
        own = [
            [row for row in rows if partition_of(row["SubscriptionId"], count) == index]
            for rows in (mine, theirs)
        ]
        assert (rows_mine, rows_theirs) == (len(own[0]), len(own[1]))
        reader, mine_table, theirs_table = _tables(folder, *own)
        tables = (mine_table, theirs_table)
        assert paired == columnar.pair(tables[0], tables[1], reader)


@pytest.mark.parametrize("count", [1, 2, 7, 64])
def test_a_rows_partition_is_its_subscriptions_partition_by_the_pure_rule(tmp_path: Path, count: int) -> None:
    ids = [f"sub-{n}" for n in range(40)] + ["s1", "Český", "a,b", 's"q']
    rows = [{"SubscriptionId": text} for text in ids]
    _, table, _ = _tables(tmp_path, rows, rows)
    assert columnar.partitions_of(table, count).to_pylist() == [partition_of(text, count) for text in ids]


def _without_exchange_columns(path: Path) -> Path:
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    columns = [name for name in rows[0] if name in columnar.FAST_COLUMNS]
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return path


@pytest.mark.parametrize("packed", [True, False])
def test_exchange_cells_a_file_does_not_have_are_blank(tmp_path: Path, packed: bool) -> None:
    """A file without the exchange columns pairs with blank exchange cells, and only with them."""
    theirs = [dict(row) for row in _PLAIN]
    theirs[1] |= {
        "PricingCurrency": "USD",
        "PCToBCExchangeRate": "0.9",
        "PCToBCExchangeRateDate": "2024-02-29",
    }
    for lacking in ("expected", "billed"):  # the file without the columns; the other has them on s2
        mine = recon_file(tmp_path / "mine.csv", _PLAIN if lacking == "expected" else theirs)
        billed = recon_file(tmp_path / "billed.csv", theirs if lacking == "expected" else _PLAIN)
        _without_exchange_columns(mine if lacking == "expected" else billed)
        reader = columnar.Reader()
        tables = columnar.read_side(str(mine), reader), columnar.read_side(str(billed), reader, billed=True)
        count, _, _, left_mine, left_theirs = columnar.pair(tables[0], tables[1], reader, packed=packed)
        assert (count, _left(left_mine), _left(left_theirs)) == (3, ["s2 120.00"], ["s2 120.00"])
        summaries = [
            reconcile_files(expected=mine, billed=billed, engine=engine) for engine in ("arrow", "pure")
        ]
        assert summaries[0] == summaries[1]


def test_the_key_is_packed_in_one_column_unless_asked_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``packed=False`` takes the three-column join, so that comparing the two checks both ways of pairing."""
    reader, mine, theirs = _tables(tmp_path, _PLAIN, _PLAIN)
    ways: list[str] = []

    def spy(name: str) -> Any:
        found = getattr(columnar, name)

        def called(*args: Any) -> Any:
            ways.append(name)
            return found(*args)

        return called

    for name in ("_joined", "_namesakes"):
        monkeypatch.setattr(columnar, name, spy(name))
    columnar.pair(mine, theirs, reader)
    columnar.pair_parts(mine, theirs, reader, None, 1)
    assert ways == ["_namesakes", "_namesakes"]
    columnar.pair(mine, theirs, reader, packed=False)
    assert ways[2:] == ["_joined"]


@pytest.mark.parametrize(
    ("mine", "theirs"),
    [
        (["P1", "P2"], ["P1", "P1"]),  # one text billed, the first expected one
        (["P1", "P1"], ["P1", "P2"]),
        (["P1", "P2"], ["P1", "P3"]),  # as many texts, the first alike
    ],
)
def test_a_coded_cell_is_compared_row_by_row_whatever_texts_the_files_share(
    tmp_path: Path, mine: list[str], theirs: list[str]
) -> None:
    """Only when both files hold one text, the same, is every row alike without comparing it."""
    rows = [
        [{"SubscriptionId": f"s{n}", "ProductName": name} for n, name in enumerate(names)]
        for names in (mine, theirs)
    ]
    assert _paired(tmp_path, *rows) == (1, "120.00", "120.00", ["s1 120.00"], ["s1 120.00"])


def test_a_billed_file_of_one_line(tmp_path: Path) -> None:
    """Expected lines without a billed namesake are left, however few billed rows there are."""
    assert _paired(tmp_path, _PLAIN, [{"SubscriptionId": "s3"}]) == (
        1,
        "120.00",
        "120.00",
        ["s1 120.00", "s2 120.00", "s4 120.00"],
        [],
    )


@pytest.mark.parametrize("packed", [True, False])
def test_the_matched_sums_are_exact_whatever_the_callers_decimal_context(
    tmp_path: Path, packed: bool
) -> None:
    rows = [
        {"SubscriptionId": "s1", "Subtotal": "999999999999999.000000000001", "TaxTotal": "0.5", "Total": ""},
        {"SubscriptionId": "s2", "Subtotal": "0.25", "TaxTotal": "", "Total": ""},
    ]
    reader, mine, theirs = _tables(tmp_path, rows, rows)
    with decimal.localcontext() as context:
        context.prec, context.rounding = 4, decimal.ROUND_FLOOR
        paired = columnar.pair(mine, theirs, reader, packed=packed)
    assert [str(amount) for amount in paired[1:3]] == [
        "999999999999999.250000000001",
        "999999999999999.750000000001",
    ]
