"""A usage line whose date is ``0001-01-01`` (Partner Center's "no date") is not written as a usage row or
line item: read back, the required usage date would be refused as missing and an optional date read as
none. The writers refuse the line (``not_allowed``, naming the line's date), as ``to_recon_rows`` does."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs
import pytest

from cspcore import InvalidInput
from cspcore.billing.usage import UsageLine
from cspcore.errors import ErrorCode
from cspcore.interop.usage import parse_usage_line_items, parse_usage_rows, to_usage_line_items, to_usage_rows

if TYPE_CHECKING:
    from collections.abc import Callable

NO_DATE = dt.date(1, 1, 1)
LINE = UsageLine(
    usage_date=dt.date(2022, 6, 3),
    subscription_id="sub-a",
    meter_id="m-1",
    quantity=Decimal(24),
    unit_price=Decimal("1.25"),
    pricing_pre_tax_total=Decimal(30),
    billing_pre_tax_total=Decimal("27.6"),
    billing_currency="EUR",
    pricing_currency="USD",
    exchange_rate=Decimal("0.92"),
    exchange_rate_date=dt.date(2022, 5, 27),
    charge_start=dt.date(2022, 6, 1),
    charge_end=dt.date(2022, 6, 30),
)
WRITERS: list[Callable[[list[UsageLine]], object]] = [to_usage_rows, to_usage_line_items]


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("attribute", ["usage_date", "exchange_rate_date", "charge_start"])
def test_a_line_dated_no_date_is_refused_naming_that_date(
    writer: Callable[[list[UsageLine]], object], attribute: str
) -> None:
    changes: dict[str, Any] = {attribute: NO_DATE}
    dated = attrs.evolve(LINE, **changes)
    with pytest.raises(InvalidInput) as caught:
        writer([LINE, dated])
    assert caught.value.field == f"lines[1].{attribute}"
    assert caught.value.code is ErrorCode.NOT_ALLOWED
    assert caught.value.value == NO_DATE


def test_a_line_with_real_dates_reads_back_as_itself() -> None:
    assert parse_usage_rows(to_usage_rows([LINE])) == (LINE,)
    assert parse_usage_line_items(to_usage_line_items([LINE])) == (LINE,)
