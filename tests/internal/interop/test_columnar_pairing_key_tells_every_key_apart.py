"""The columnar pairing key: two rows have equal keys exactly when their pairing keys are equal.

A row's pairing key is four integers: its subscription's position times two plus its sign, its charge
start and end days, its quantity. :func:`_keys` packs them into one integer where the sizes allow it
(the packed integer then stays under 2**62), and keeps them in three columns otherwise; either way the
key is one to one, and the same on both sides. The parts come from each row's cells (:func:`_key_parts`).
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from cspcore.interop import _recon_arrow as columnar

pa = pytest.importorskip("pyarrow")

Row = tuple[int, int, int, int]
_SUBSCRIPTIONS = 4


def _parts(rows: list[Row]) -> tuple[Any, ...]:
    return tuple(pa.chunked_array([columnar._ints(row[part] for row in rows)]) for part in range(4))


def _keyed(
    mine: list[Row], theirs: list[Row], *, packed: bool, subscriptions: int = _SUBSCRIPTIONS
) -> list[Any]:
    """Each row's key (mine, then theirs), as a tuple of its key columns."""
    keys_e, keys_b, names = columnar._keys(_parts(mine), _parts(theirs), subscriptions, packed=packed)
    assert set(keys_e) == set(keys_b) == set(names)
    columns = [[*keys_e[name].to_pylist(), *keys_b[name].to_pylist()] for name in names]
    return list(zip(*columns, strict=True))


_ROWS = st.lists(
    st.tuples(
        st.integers(-2, 2 * _SUBSCRIPTIONS - 1),  # an unknown subscription is -1: -2 or -1 with the sign
        st.integers(-3, 3),
        st.integers(-3, 3),
        st.integers(0, 3),
    ),
    min_size=1,
    max_size=25,
)


@pytest.mark.parametrize("packed", [True, False])
@settings(max_examples=200, deadline=None)
@example(mine=[(1, -3, 3, 1)], theirs=[(0, 3, 3, 1)])  # a start below every other day
@example(mine=[(1, -1, 0, 1)], theirs=[(0, 1, 0, 1)])  # ... that would borrow from the part above
@example(mine=[(0, 1, 0, 1)], theirs=[(1, -1, 0, 1)])
@example(mine=[(0, 3, 3, 1)], theirs=[(1, -3, 3, 1)])
@example(mine=[(1, 0, -3, 1)], theirs=[(1, 1, 3, 1)])  # an end below every other day
@example(mine=[(1, 1, 3, 1)], theirs=[(1, 0, -3, 1)])
@example(mine=[(2, 0, 0, 0), (0, 0, 1, 0)], theirs=[(1, 0, 0, 3)])
@given(mine=_ROWS, theirs=_ROWS)
def test_equal_keys_are_equal_pairing_keys(mine: list[Row], theirs: list[Row], packed: bool) -> None:
    keys = _keyed(mine, theirs, packed=packed)
    rows = [*mine, *theirs]
    assert len(set(keys)) == len(set(rows)) == len(set(zip(rows, keys, strict=True)))


@pytest.mark.parametrize(
    ("subscriptions", "span", "quantities"),
    [(2**61 - 2, 1, 1), (2**60 - 2, 1, 2), (2**59 - 2, 2, 1), (2**57 - 2, 4, 1), (2**56 - 2, 2, 8)],
)
def test_the_key_is_packed_only_where_the_packed_integer_stays_under_2_to_the_62(
    subscriptions: int, span: int, quantities: int
) -> None:
    """``(2 * subscriptions + 4) * span**2 * quantities`` bounds the packed key: it must stay under 2**62."""
    rows = [(0, 0, span - 1, quantity) for quantity in range(quantities)]
    assert (2 * subscriptions + 4) * span * span * quantities == 2**62
    keys_e, _, names = columnar._keys(_parts(rows), _parts(rows), subscriptions, packed=True)
    assert names == ["k1", "k2", "k3"]
    keys_e, _, names = columnar._keys(_parts(rows), _parts(rows), subscriptions - 1, packed=True)
    assert names == ["k"]
    assert len(set(keys_e["k"].to_pylist())) == quantities


def test_a_key_just_under_the_bound_is_packed() -> None:
    rows = [(0, 0, 0, quantity) for quantity in range(5)]
    subscriptions = (2**62 // 5 - 4) // 2
    assert (2 * subscriptions + 4) * 5 < 2**62 <= (2 * subscriptions + 5) * 5
    assert columnar._keys(_parts(rows), _parts(rows), subscriptions, packed=True)[2] == ["k"]
