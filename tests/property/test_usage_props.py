"""Laws of Azure plan usage: the roll-up conserves, the subtotal is the formula on the summed line,
the files round-trip, and the reconciliation finds exactly what was changed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from cspcore._decimal import round_down
from cspcore.billing.usage import UsageLine, rollup
from cspcore.currencies import MINOR_UNIT
from cspcore.interop.usage import (
    USAGE_COLUMNS,
    parse_usage_line_items,
    parse_usage_rows,
    to_usage_line_items,
    to_usage_rows,
)
from cspcore.interop.usage_reconcile import UsageDifferenceKind, reconcile_usage

quantities = st.decimals(min_value=0, max_value=10_000, places=6, allow_nan=False, allow_infinity=False)
prices = st.decimals(min_value=0, max_value=50, places=10, allow_nan=False, allow_infinity=False)
rates = st.sampled_from([Decimal(1), Decimal("0.92"), Decimal("0.846202666"), Decimal("151.37")])
pecs = st.sampled_from([Decimal(0), Decimal("0.15")])
days = st.dates(min_value=dt.date(2022, 6, 1), max_value=dt.date(2022, 6, 30))


@st.composite
def usage_lines(draw: st.DrawFn, billing: str = "EUR") -> UsageLine:
    quantity = draw(quantities)
    price = draw(prices)
    pec = draw(pecs)
    effective = draw(st.one_of(st.none(), st.just(price * (1 - pec))))
    rate = draw(rates)
    pricing = "USD"
    return UsageLine(
        usage_date=draw(days),
        subscription_id=draw(st.sampled_from(["sub-a", "sub-b"])),
        meter_id=draw(st.sampled_from(["m-1", "m-2", "m-3"])),
        quantity=quantity,
        unit_price=price,
        effective_unit_price=effective,
        pricing_pre_tax_total=price * quantity,
        billing_pre_tax_total=round_down(price * quantity * rate, Decimal("1E-12")),
        billing_currency=billing,
        pricing_currency=pricing,
        exchange_rate=rate,
        exchange_rate_date=draw(st.one_of(st.none(), st.just(dt.date(2022, 5, 27)))),
        pec_rate=pec,
        credit_rate=draw(st.sampled_from([Decimal(0), Decimal(1)])),
        credit_type=draw(st.sampled_from([None, "Credit Not Applied", "Azure Credit Applied"])),
        meter_name=draw(st.sampled_from([None, "D2 v3 – 1 Core Hours"])),
        resource_uri=draw(st.sampled_from([None, "/subscriptions/x/resourceGroups/rg/providers/a,b"])),
        invoice_number=draw(st.sampled_from([None, "G000123456"])),
        charge_start=dt.date(2022, 6, 1),
        charge_end=dt.date(2022, 6, 30),
    )


many = st.lists(usage_lines(), min_size=1, max_size=25)


def formula(price: Decimal, quantity: Decimal, rate: Decimal) -> Decimal:
    """The page's words, written out: ROUNDDOWN(ROUNDDOWN(EUP × BillableQuantity, 2) × rate, 2)."""
    return round_down(round_down(price * quantity, MINOR_UNIT["USD"]) * rate, MINOR_UNIT["EUR"])


@given(many)
def test_rollup_conserves_quantity_and_lines_in_all_and_per_subscription_and_meter(
    lines: list[UsageLine],
) -> None:
    rolled = rollup(lines)
    assert sum(line.lines for line in rolled) == len(lines)
    assert sum((line.quantity for line in rolled), Decimal(0)) == sum(
        (line.quantity for line in lines), Decimal(0)
    )
    for subscription in ("sub-a", "sub-b"):
        for meter in ("m-1", "m-2", "m-3"):
            daily = sum(
                (x.quantity for x in lines if (x.subscription_id, x.meter_id) == (subscription, meter)),
                Decimal(0),
            )
            billed = sum(
                (x.quantity for x in rolled if (x.subscription_id, x.meter_id) == (subscription, meter)),
                Decimal(0),
            )
            assert daily == billed


@given(many)
def test_each_subtotal_is_the_usage_formula_applied_once_to_the_summed_quantity(
    lines: list[UsageLine],
) -> None:
    # Microsoft rounds the invoice line: EUP × (Σ daily quantity), cut in USD, converted, cut in EUR;
    # never the daily amounts.
    for line in rollup(lines):
        summed = sum(
            (x.quantity for x in lines if (x.subscription_id, x.meter_id, x.rated_price, x.exchange_rate)
             == (line.subscription_id, line.meter_id, line.effective_unit_price, line.exchange_rate)),
            Decimal(0),
        )  # fmt: skip
        assert summed == line.quantity
        expected = formula(line.effective_unit_price, summed, line.exchange_rate)
        assert line.subtotal.amount == expected
        exact = line.effective_unit_price * summed * line.exchange_rate
        assert 0 <= exact - line.subtotal.amount < Decimal("0.01") * line.exchange_rate + Decimal("0.01")


@given(many)
def test_rollup_ignores_the_order_of_the_daily_lines(lines: list[UsageLine]) -> None:
    assert rollup(lines) == rollup(list(reversed(lines)))


@given(many)
def test_the_usage_file_round_trips_through_csv_text(lines: list[UsageLine]) -> None:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=USAGE_COLUMNS)
    writer.writeheader()
    writer.writerows(to_usage_rows(lines))
    assert parse_usage_rows(buffer.getvalue()) == tuple(lines)


@given(many)
def test_the_consumption_line_items_round_trip_through_json(lines: list[UsageLine]) -> None:
    assert parse_usage_line_items(json.dumps(to_usage_line_items(lines))) == tuple(lines)


@given(many)
def test_usage_reconciled_against_itself_is_clean(lines: list[UsageLine]) -> None:
    assert reconcile_usage(lines, list(lines)).is_clean


def test_a_reconciliation_of_nothing_is_not_clean() -> None:
    assert not reconcile_usage([], []).is_clean


@given(many, st.data())
def test_changing_one_days_quantity_reports_exactly_that_subscription_meter_and_day(
    lines: list[UsageLine], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(lines) - 1))
    changed = lines[index]
    extra = data.draw(st.decimals(min_value=Decimal("0.000001"), max_value=100, places=6))
    billed = list(lines)
    billed[index] = attrs.evolve(changed, quantity=changed.quantity + extra)
    report = reconcile_usage(lines, billed)
    assert [(d.kind, d.subscription_id, d.meter_id, d.usage_date) for d in report.days] == [
        (UsageDifferenceKind.DIFFERS, changed.subscription_id, changed.meter_id, changed.usage_date)
    ]
    (difference,) = report.days
    assert difference.billed_quantity - difference.expected_quantity == extra  # type: ignore[operator]


@given(many, st.data())
def test_dropping_one_line_alone_on_its_day_reports_that_day_missing(
    lines: list[UsageLine], data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(lines) - 1))
    dropped = lines[index]
    cell = (dropped.subscription_id, dropped.meter_id, dropped.usage_date)
    alone = sum(1 for x in lines if (x.subscription_id, x.meter_id, x.usage_date) == cell) == 1
    report = reconcile_usage(lines, lines[:index] + lines[index + 1 :])
    if alone:
        assert [(d.kind, d.subscription_id, d.meter_id, d.usage_date) for d in report.days] == [
            (UsageDifferenceKind.MISSING, *cell)
        ]
    else:
        assert all((d.subscription_id, d.meter_id, d.usage_date) == cell for d in report.days)
