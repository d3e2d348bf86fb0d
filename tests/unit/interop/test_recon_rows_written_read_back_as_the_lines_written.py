"""``to_recon_rows`` writes only what ``parse_recon_rows`` reads back as the same lines.

The readers strip the blanks around a text cell, read ``0001-01-01`` in an optional date column as
no date (Partner Center's "no date") and refuse it in a required one as missing. A line whose
product, ids or other texts carry blanks around them, or whose date is 1 January of the year 1,
cannot be written faithfully: the writer
refuses it (``lines[i].<field>``, code ``not_allowed``) rather than write a row that reads back as
another line. Every other line reads back equal.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.interop import RECON_COLUMNS, parse_recon_rows, to_recon_rows
from cspcore.testing.interop import charge_lines

if TYPE_CHECKING:
    from cspcore.billing import ChargeLine


def _read_back(lines: list[ChargeLine]) -> tuple[ChargeLine, ...]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, RECON_COLUMNS)
    writer.writeheader()
    writer.writerows(to_recon_rows(lines))
    return parse_recon_rows(buffer.getvalue())


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("product", " M365"),
        ("product", "M365\u00a0"),
        ("subscription_id", "s1 "),
        ("customer_id", "\tc1"),
        ("reference_id", " r1"),
        ("subscription_end", dt.date(1, 1, 1)),
        ("subscription_start", dt.date(1, 1, 1)),
        ("order_date", dt.date(1, 1, 1)),
        ("charge_start", dt.date(1, 1, 1)),
    ],
)
@given(line=charge_lines(currency="EUR"))
def test_a_line_that_would_read_back_otherwise_is_refused(
    field: str, value: object, line: ChargeLine
) -> None:
    change: dict[str, Any] = {field: value}
    changed = attrs.evolve(line, **change)
    with raises_invalid(field=f"lines[1].{field}", code=ErrorCode.NOT_ALLOWED) as caught:
        _read_back([line, changed])
    assert caught.value.value == value  # the value that cannot be written


@given(st.lists(charge_lines(currency="EUR"), min_size=1, max_size=4), st.sampled_from(["", " ", "\u2003"]))
@example([], "")
def test_a_line_is_written_exactly_when_it_reads_back_equal(lines: list[ChargeLine], pad: str) -> None:
    padded = [attrs.evolve(line, product=pad + line.product) for line in lines]
    if pad and lines:
        with raises_invalid(field="lines[0].product", code=ErrorCode.NOT_ALLOWED):
            _read_back(padded)
    else:
        assert _read_back(padded) == tuple(padded)
