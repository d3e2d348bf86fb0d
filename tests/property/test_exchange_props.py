"""Laws of the subtotal at an exchange rate, and of exchange fields through the recon file."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import attrs
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import Money
from cspcore.billing import ChargeLine, ProrationRounding
from cspcore.billing.exchange import rate_date
from cspcore.billing.proration import prorated, prorated_subtotal
from cspcore.interop import RECON_COLUMNS, parse_recon_rows, to_recon_rows
from cspcore.testing.interop import charge_lines

CENT = Decimal("0.01")
SATURDAY = 5
PRICES = st.decimals(min_value=Decimal(0), max_value=Decimal(100_000), places=4)
SIGNED_PRICES = st.decimals(min_value=Decimal(-100_000), max_value=Decimal(100_000), places=4)
RATES = st.decimals(min_value=Decimal("0.000001"), max_value=Decimal(100_000), places=9).filter(bool)
QUANTITIES = st.integers(min_value=0, max_value=100_000)
DAYS = st.integers(min_value=28, max_value=31).flatmap(
    lambda cycle: st.tuples(st.integers(min_value=1, max_value=cycle), st.just(cycle))
)


@given(price=SIGNED_PRICES, days=DAYS, quantity=QUANTITIES, rounding=st.sampled_from(ProrationRounding))
@example(price=Decimal("10.08"), days=(28, 30), quantity=12, rounding=ProrationRounding.LINE_TOTAL)
def test_a_rate_of_one_gives_todays_subtotal_bit_for_bit(
    price: Decimal, days: tuple[int, int], quantity: int, rounding: ProrationRounding
) -> None:
    share = prorated(price, *days)
    today = prorated_subtotal(share, quantity, CENT, rounding)
    for one in (Decimal(1), Decimal("1.000000000")):
        at_one = prorated_subtotal(share, quantity, CENT, rounding, rate=one)
        assert (str(at_one), at_one.as_tuple()) == (str(today), today.as_tuple())


@given(price=PRICES, days=DAYS, quantity=QUANTITIES, rate=RATES)
def test_the_seat_based_subtotal_is_the_quantity_times_the_converted_cut_per_seat(
    price: Decimal, days: tuple[int, int], quantity: int, rate: Decimal
) -> None:
    share = prorated(price, *days)
    per_seat = prorated_subtotal(share, 1, CENT, ProrationRounding.UNIT_PRICE_FIRST, rate=rate)
    whole = prorated_subtotal(share, quantity, CENT, ProrationRounding.UNIT_PRICE_FIRST, rate=rate)
    assert whole == per_seat * quantity
    assert per_seat <= price * rate  # a cut, never more than the converted price


@given(price=PRICES, quantity=QUANTITIES, more=QUANTITIES, rate=RATES, higher=RATES)
def test_subtotals_grow_with_the_quantity_and_the_rate(
    price: Decimal, quantity: int, more: int, rate: Decimal, higher: Decimal
) -> None:
    low, high = sorted((rate, higher))
    for rounding in ProrationRounding:
        least = prorated_subtotal((price, 1), quantity, CENT, rounding, rate=low)
        assert least <= prorated_subtotal((price, 1), quantity + more, CENT, rounding, rate=low)
        assert least <= prorated_subtotal((price, 1), quantity, CENT, rounding, rate=high)


@given(day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_a_rate_is_set_on_a_weekday_in_the_last_days_of_the_month_before(day: dt.date) -> None:
    set_on = rate_date(day)
    month_start = day.replace(day=1)
    between = [set_on + dt.timedelta(days=offset) for offset in range(1, (month_start - set_on).days)]
    assert set_on.weekday() < SATURDAY
    assert set_on.month != month_start.month
    # exactly one business day of the month before comes after it: its last
    assert sum(1 for other in between if other.weekday() < SATURDAY) == 1


@st.composite
def priced_lines(draw: st.DrawFn) -> ChargeLine:
    """Charge lines billed in EUR: some priced in EUR, some in another currency at a rate."""
    base = draw(charge_lines(currency="EUR"))
    if not draw(st.booleans()):
        return base
    pricing = draw(st.sampled_from(("USD", "GBP", "JPY")))
    return attrs.evolve(
        base,
        unit_price=Money(base.unit_price.amount, pricing),
        effective_unit_price=Money(base.effective_unit_price.amount, pricing),
        pricing_currency=pricing,
        exchange_rate=draw(RATES),
        exchange_rate_date=draw(st.none() | st.dates(min_value=dt.date(2020, 1, 1))),
    )


def csv_text(rows: list[dict[str, str]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECON_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


@given(lines=st.lists(priced_lines(), max_size=5))
def test_recon_rows_with_exchange_fields_read_back_to_equal_lines(lines: list[ChargeLine]) -> None:
    rows = list(to_recon_rows(lines))
    assert parse_recon_rows(rows) == tuple(lines)
    assert parse_recon_rows(csv_text(rows)) == tuple(lines)  # the CSV text, by the fast reader
    assert list(to_recon_rows(parse_recon_rows(rows))) == rows
