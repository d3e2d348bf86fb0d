"""A writer refuses a text with blanks around it: every reader strips them, so it would read back as another.

``to_recon_rows`` holds the rule for a ``ProductQualifiers`` entry as for the line's other texts
(``(" Trial ",)`` would read back as ``("Trial",)``), and ``to_usage_rows`` and
``to_usage_line_items`` for every text of a usage line (a meter id ``" m-1 "`` would read back as
``"m-1"``). Each refuses the line as ``lines[i].<attribute>`` with code ``not_allowed`` and the text as
the value; a line without such a text reads back equal.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import given
from tests.refusals import raises_invalid

from cspcore.billing.usage import UsageLine
from cspcore.errors import ErrorCode
from cspcore.interop import (
    RECON_COLUMNS,
    parse_recon_rows,
    parse_usage_line_items,
    parse_usage_rows,
    to_recon_rows,
    to_usage_line_items,
    to_usage_rows,
)
from cspcore.testing.interop import charge_lines

if TYPE_CHECKING:
    from collections.abc import Callable

    from cspcore.billing import ChargeLine

USAGE = UsageLine(
    usage_date=dt.date(2022, 6, 3),
    subscription_id="sub-a",
    meter_id="m-1",
    meter_name="D2 v3",
    quantity=Decimal(24),
    unit_price=Decimal("1.25"),
    pricing_pre_tax_total=Decimal(30),
    billing_pre_tax_total=Decimal(30),
    billing_currency="EUR",
    pricing_currency="EUR",
)
USAGE_WRITERS: list[Callable[[list[UsageLine]], object]] = [to_usage_rows, to_usage_line_items]


def _recon_read_back(lines: list[ChargeLine]) -> tuple[ChargeLine, ...]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, RECON_COLUMNS)
    writer.writeheader()
    writer.writerows(to_recon_rows(lines))
    return parse_recon_rows(buffer.getvalue())


@pytest.mark.parametrize("qualifier", [" Trial", "Trial ", "\u00a0Add-on"])
@given(line=charge_lines(currency="EUR"))
def test_a_qualifier_with_blanks_around_it_is_not_written_as_a_recon_row(
    qualifier: str, line: ChargeLine
) -> None:
    padded = attrs.evolve(line, qualifiers=(*line.qualifiers, qualifier))
    with raises_invalid(field="lines[1].qualifiers", code=ErrorCode.NOT_ALLOWED) as caught:
        _recon_read_back([line, padded])
    assert caught.value.value == qualifier


@given(line=charge_lines(currency="EUR"))
def test_a_line_whose_qualifiers_have_no_blanks_around_them_reads_back_equal(line: ChargeLine) -> None:
    assert _recon_read_back([line]) == (line,)


@pytest.mark.parametrize("writer", USAGE_WRITERS)
@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("subscription_id", "sub-a "),
        ("meter_id", " m-1"),
        ("meter_name", "\tD2 v3"),
        ("customer_id", "c1\u2003"),
    ],
)
def test_a_usage_text_with_blanks_around_it_is_not_written(
    writer: Callable[[list[UsageLine]], object], attribute: str, value: str
) -> None:
    changes: dict[str, Any] = {attribute: value}
    with raises_invalid(field=f"lines[1].{attribute}", code=ErrorCode.NOT_ALLOWED) as caught:
        writer([USAGE, attrs.evolve(USAGE, **changes)])
    assert caught.value.value == value


def test_a_usage_line_whose_texts_have_no_blanks_around_them_reads_back_equal() -> None:
    inner = attrs.evolve(USAGE, meter_name="D2 v3 \u00a0 Low Priority")  # blanks inside are kept
    assert parse_usage_rows(to_usage_rows([inner])) == (inner,)
    assert parse_usage_line_items(to_usage_line_items([inner])) == (inner,)
