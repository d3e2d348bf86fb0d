"""The Arrow values the columnar path builds from bytes hold exactly the values given, in their types.

(They are built from buffers rather than by ``pa.array``, which would import pandas.) The partitions
cut to files and loaded back hold each partition's rows in file order, whatever the block size read.
"""

from __future__ import annotations

from decimal import Decimal
from unittest.mock import patch

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from tests.recon_month import recon_file

from cspcore.errors import InvalidInput
from cspcore.interop import _recon_arrow as columnar
from cspcore.interop.recon_split import partition_of

pa = pytest.importorskip("pyarrow")

_INT64 = st.integers(-(2**63), 2**63 - 1)
_INT32 = st.integers(-(2**31), 2**31 - 1)


@given(st.lists(_INT64, max_size=20))
def test_integers_are_64_bit_and_exact(values: list[int]) -> None:
    built = columnar._ints(values)
    assert built.type == pa.int64()
    assert built.null_count == 0
    assert built.to_pylist() == values


@given(st.lists(_INT32, max_size=20))
def test_narrow_integers_are_32_bit_and_exact(values: list[int]) -> None:
    built = columnar._ints(iter(values), wide=False)
    assert built.type == pa.int32()
    assert built.to_pylist() == values


@given(_INT64)
def test_an_integer_scalar_holds_its_value(value: int) -> None:
    scalar = columnar._int(value)
    assert (scalar.type, scalar.as_py(), scalar.is_valid) == (pa.int64(), value, True)
    if -(2**31) <= value < 2**31:
        assert columnar._int(value, wide=False).type == pa.int32()
        assert columnar._int(value, wide=False).as_py() == value


@given(st.lists(st.text(), max_size=12))
def test_texts_are_exact_whatever_their_characters(values: list[str]) -> None:
    values = [text.encode("utf-8", "replace").decode("utf-8") for text in values]
    built = columnar._texts(iter(values))
    assert built.type == pa.string()
    assert built.null_count == 0
    assert built.to_pylist() == values
    for text in values[:3]:
        assert columnar._text(text).as_py() == text


def test_the_null_scalar_and_the_true_values() -> None:
    null = columnar._null()
    assert (null.type, null.is_valid) == (pa.int64(), False)
    assert columnar._trues(0).to_pylist() == []
    assert columnar._trues(3).to_pylist() == [True, True, True]
    assert columnar._numbers(0).to_pylist() == []
    assert columnar._numbers(4).to_pylist() == [0, 1, 2, 3]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=25))
def test_a_rows_rank_counts_the_rows_of_its_key_before_it(keys: list[int]) -> None:
    expected = [keys[:row].count(key) for row, key in enumerate(keys)]
    assert columnar._ranks(columnar._ints(keys)).to_pylist() == expected


_SUBSCRIPTIONS = [f"s{n}" for n in range(9)]


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.sampled_from(_SUBSCRIPTIONS), max_size=30),
    st.integers(1, 5),
    st.sampled_from([1, 3, 1000]),
    st.sampled_from([1024, 4096, 2**20]),
)
def test_cut_partitions_hold_their_rows_in_file_order_whatever_the_blocks(
    tmp_path_factory: pytest.TempPathFactory, subscriptions: list[str], count: int, held: int, block: int
) -> None:
    folder = tmp_path_factory.mktemp("cut")
    rows = [{"SubscriptionId": text, "Subtotal": f"{row}.00"} for row, text in enumerate(subscriptions)]
    path = str(recon_file(folder / "month.csv", rows))
    with patch.object(columnar, "_BLOCK", block), patch.object(columnar, "_ROWS", 1):
        cut = columnar.split_side(
            path, columnar.Reader(), count=count, folder=str(folder), side="expected", held=held
        )
    assert len(cut) == count
    for index, part in enumerate(cut):
        table = columnar.load(part)
        assert table.column_names == list(columnar.read_side(path, columnar.Reader()).column_names)
        own = [row for row in rows if partition_of(row["SubscriptionId"], count) == index]
        assert [(row["SubscriptionId"], row["Subtotal"]) for row in columnar._plain(table).to_pylist()] == [
            (row["SubscriptionId"], row["Subtotal"]) for row in own
        ]


def test_with_pyarrow_the_path_is_available_and_its_failures_are_named() -> None:
    """What sends a reconcile to the pure path: a file not vouched for, pyarrow's errors, a refusal, an OS
    error."""
    assert columnar.available()
    assert set(columnar.failures()) == {columnar.Unvouched, pa.ArrowException, InvalidInput, OSError}


@settings(max_examples=30, deadline=None)
@example([])
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(-2, 2)), max_size=20))
def test_ranked_rows_come_by_key_then_file_order_with_their_rank_and_keys_number(
    keys: list[tuple[int, int]],
) -> None:
    """``_seq``: a row's rank among its key's rows (file order); ``_group``: its key's number (keys in
    order)."""
    count = len(keys)
    columns = {"a": columnar._ints(key[0] for key in keys), "b": columnar._ints(key[1] for key in keys)}
    ranked = columnar._ranked(columns, ["a", "b"], "_row", count)
    order = sorted(range(count), key=lambda row: (keys[row], row))
    groups = sorted(set(keys))
    assert ranked["_row"].to_pylist() == order
    assert ranked["_seq"].to_pylist() == [keys[:row].count(keys[row]) for row in order]
    assert ranked["_group"].to_pylist() == [groups.index(keys[row]) for row in order]


def test_an_empty_partition_file_pairs_as_no_rows(tmp_path_factory: pytest.TempPathFactory) -> None:
    """A partition that holds none of a file's rows loads as a table of no batches, and pairs as no rows."""
    folder = tmp_path_factory.mktemp("cut")
    path = str(recon_file(folder / "month.csv", [{"SubscriptionId": "s1"}]))
    reader = columnar.Reader()
    cut = columnar.split_side(path, reader, count=2, folder=str(folder), side="expected")
    tables = [columnar.load(part) for part in cut]
    assert sorted(table.num_rows for table in tables) == [0, 1]
    empty, full = sorted(tables, key=lambda table: table.num_rows)
    assert columnar.pair(empty, empty, reader)[:3] == (0, Decimal(0), Decimal(0))
    assert columnar.pair(empty, full, reader)[0] == 0
    assert columnar.pair(full, empty, reader)[0] == 0
    assert columnar.partitions_of(empty, 2).to_pylist() == []
