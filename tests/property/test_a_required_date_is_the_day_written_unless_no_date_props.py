"""Law: a required date cell reads as the day written, in any of Partner Center's spellings, unless
that day is ``0001-01-01`` (Partner Center's "no date"), which is refused as missing, naming the row
and column, by the recon and usage readers alike; an optional date cell of that day reads as none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.interop import check_recon_rows, parse_recon_rows, parse_usage_rows

NO_DATE = dt.date(1, 1, 1)
RECON_HEADER = (
    "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
    "Subtotal,Currency,ChargeStartDate,ChargeEndDate,SubscriptionStartDate"
)
FIELDS = {"OrderDate": "order_date", "ChargeStartDate": "charge_start", "ChargeEndDate": "charge_end"}
Spelling = Callable[[dt.date], str]
SPELLINGS: tuple[Spelling, ...] = (
    lambda day: day.isoformat(),
    lambda day: f"{day.month}/{day.day}/{day.year:04d}",
    lambda day: f"{day.isoformat()}T00:00:00",
    lambda day: f"{day.isoformat()}T00:00:00.0000000Z",
)
DAYS = st.one_of(st.just(NO_DATE), st.dates(max_value=dt.date(9999, 12, 30)))


def _recon(column: str, cell: str) -> str:
    cells = {"OrderDate": "2022-03-05", "ChargeStartDate": "0001-01-02", "ChargeEndDate": "9999-12-31"}
    cells[column] = cell
    order, start, end = cells["OrderDate"], cells["ChargeStartDate"], cells["ChargeEndDate"]
    return f"{RECON_HEADER}\n{order},new,M365,s1,12,12,10,120,EUR,{start},{end},{cell}\n"


@given(DAYS, st.sampled_from(SPELLINGS), st.sampled_from(list(FIELDS)))
@example(NO_DATE, SPELLINGS[0], "ChargeEndDate")
@example(dt.date(1, 1, 2), SPELLINGS[1], "ChargeEndDate")
@example(dt.date(2024, 2, 29), SPELLINGS[3], "OrderDate")
def test_a_required_recon_date_is_the_day_written_unless_no_date(
    day: dt.date, spelling: Spelling, column: str
) -> None:
    text = _recon(column, spelling(day))
    if day == NO_DATE:
        for read in (parse_recon_rows, check_recon_rows):
            with raises_invalid(field=f"rows[1].{column}", code=ErrorCode.MISSING):
                read(text)
        return
    (line,) = parse_recon_rows(text)
    assert getattr(line, FIELDS[column]) == day
    assert line.subscription_start == day  # the same cell, in an optional column
    assert check_recon_rows(text).lines == (line,)


@given(DAYS, st.sampled_from(SPELLINGS))
@example(NO_DATE, SPELLINGS[1])
def test_a_usage_date_is_the_day_written_unless_no_date(day: dt.date, spelling: Spelling) -> None:
    header = "UsageDate,SubscriptionId,MeterId,Quantity,UnitPrice,BillingPreTaxTotal,BillingCurrency,"
    header += "PricingPreTaxTotal,PricingCurrency,ChargeStartDate"
    cell = spelling(day)
    text = f"{header}\n{cell},s,m,2,1.5,3,EUR,3,EUR,{cell}\n"
    if day == NO_DATE:
        with raises_invalid(field="rows[1].UsageDate", code=ErrorCode.MISSING):
            parse_usage_rows(text)
        return
    (line,) = parse_usage_rows(text)
    assert (line.usage_date, line.charge_start) == (day, day)
