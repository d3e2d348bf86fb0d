"""Billing ratios (see ``paired.py``): cspcore against a plain-Python loop doing the same arithmetic.

Inputs are drawn like a partner's real book: start dates over seven years with month ends (the last
day and the day before it) over-represented, every plan Partner Center sells (P1M monthly; P1Y
monthly or annual; P3Y monthly, annual or triennial), thousands of distinct unit prices in six
currencies (one without minor units), and seat counts from 1 to 500.

* ``charge_cycles`` of each subscription against a stdlib loop building the same (start, end) pairs
  (limit 3).
* ``charge_cycles`` of 36-month terms billed monthly (36 cycles each, the longest list a first term
  has) against a stdlib table: the same month-end rules with a month-length table, building each
  cycle's (start, end, days) tuple (issue 19: limit 2).
* ``rate`` of each subscription with one seat change (an increase any day of the term, or a decrease
  in the first days) against an inline ``Decimal`` loop computing the same total per subscription
  (limit 4).
"""

from __future__ import annotations

import calendar
import datetime as dt
import itertools
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING, Any

import attrs

from cspcore import Money
from cspcore.billing import BillingFrequency, ChangeQuantity, Subscription, Term, charge_cycles, rate
from paired import Case, bench

if TYPE_CHECKING:
    import random

ONE_DAY = dt.timedelta(days=1)
#: Currencies and their minor units.
CURRENCIES = (("EUR", 2), ("USD", 2), ("GBP", 2), ("JPY", 0), ("CHF", 2), ("DKK", 2))
#: (term, months, frequency, months per cycle): every plan Partner Center sells.
PLANS: tuple[tuple[Term, int, BillingFrequency, int], ...] = (
    (Term.P1M, 1, BillingFrequency.MONTHLY, 1),
    (Term.P1Y, 12, BillingFrequency.MONTHLY, 1),
    (Term.P1Y, 12, BillingFrequency.ANNUAL, 12),
    (Term.P3Y, 36, BillingFrequency.MONTHLY, 1),
    (Term.P3Y, 36, BillingFrequency.ANNUAL, 12),
    (Term.P3Y, 36, BillingFrequency.TRIENNIAL, 36),
)
#: What the plain side gets: start, term months, cycle months, unit price, quantity, minor units.
Plain = tuple[dt.date, int, int, Decimal, int, int]


def start_day(rng: random.Random) -> dt.date:
    """A purchase day in 2020-2026; month ends and month starts more often than other days."""
    year, month = rng.randint(2020, 2026), rng.randint(1, 12)
    last = calendar.monthrange(year, month)[1]
    pick = rng.random()
    day = last if pick < 0.1 else last - 1 if pick < 0.17 else 1 if pick < 0.3 else rng.randint(1, last)
    return dt.date(year, month, day)


def draw(rng: random.Random, index: int) -> tuple[Subscription, Plain]:
    """One subscription, and the same facts as plain values for the baseline."""
    term, months, frequency, every = rng.choice(PLANS)
    currency, digits = rng.choice(CURRENCIES)
    price = Decimal(rng.randint(100, 60_000) * (100 if digits == 0 else 1)).scaleb(-digits)
    start, quantity = start_day(rng), rng.randint(1, 500)
    sub = Subscription(
        id=f"sub-{index}",
        product="Microsoft 365 Business Standard",
        start=start,
        term=term,
        frequency=frequency,
        quantity=quantity,
        unit_price=Money(price, currency),
    )
    return sub, (start, months, every, price, quantity, digits)


def add_months(anchor: dt.date, months: int, *, follow_end: bool) -> dt.date:
    """The anchor's day ``months`` later, clamped; with ``follow_end``, a month-end anchor stays one."""
    year, month0 = divmod(anchor.year * 12 + anchor.month - 1 + months, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    from_end = calendar.monthrange(anchor.year, anchor.month)[1] - anchor.day
    if follow_end and from_end <= 1:
        return dt.date(year, month0 + 1, last - from_end)
    return dt.date(year, month0 + 1, min(anchor.day, last))


def plain_cycles(start: dt.date, months: int, every: int) -> list[tuple[dt.date, dt.date]]:
    """The (start, end) of every charge cycle of a first term, by the month-end rules."""
    term_end = add_months(start, months, follow_end=False) - ONE_DAY
    starts = [start] + [
        add_months(start, k * every, follow_end=every == 1) for k in range(1, months // every)
    ]
    ends = [s - ONE_DAY for s in starts[1:]]
    ends.append(term_end)
    return list(zip(starts, ends, strict=True))


# -- charge_cycles -------------------------------------------------------------------------------


def build_cycles(rng: random.Random, size: int) -> tuple[list[Subscription], list[Plain]]:
    pairs = [draw(rng, i) for i in range(size)]
    return [s for s, _ in pairs], [p for _, p in pairs]


def cycles_case(subs: list[Subscription]) -> list[list[tuple[dt.date, dt.date]]]:
    return [[(c.start, c.end) for c in charge_cycles(sub)] for sub in subs]


def cycles_baseline(plain: list[Plain]) -> list[list[tuple[dt.date, dt.date]]]:
    return [plain_cycles(start, months, every) for start, months, every, *_ in plain]


CYCLES = Case(
    name="billing: charge_cycles of subscriptions",
    build=build_cycles,
    case=cycles_case,
    baseline=cycles_baseline,
    size=2_000,
    limit=3,
)


# -- charge_cycles of 36-month terms against a stdlib table -------------------------------------

#: Days of each month of a common year (1 to 12).
MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _month_days(year: int, month: int) -> int:
    return 29 if month == 2 and calendar.isleap(year) else MONTH_DAYS[month]


def table_cycles(start: dt.date, months: int, every: int) -> list[tuple[dt.date, dt.date, int]]:
    """A first term's (start, end, days) by the month-end rules, from a month-length table."""
    year, month, day = start.year, start.month, start.day
    from_end = _month_days(year, month) - day
    month_end = every == 1 and from_end <= 1
    index = year * 12 + month - 1
    bounds = [start]
    for k in range(every, months, every):
        y, m0 = divmod(index + k, 12)
        last = _month_days(y, m0 + 1)
        bounds.append(dt.date(y, m0 + 1, last - from_end if month_end else min(day, last)))
    y, m0 = divmod(index + months, 12)
    term_end = dt.date(y, m0 + 1, min(day, _month_days(y, m0 + 1))) - ONE_DAY
    table = [(s, e - ONE_DAY, (e - s).days) for s, e in itertools.pairwise(bounds)]
    table.append((bounds[-1], term_end, (term_end - bounds[-1]).days + 1))
    return table


def build_long_terms(rng: random.Random, size: int) -> tuple[list[Subscription], list[Plain]]:
    pairs = []
    for index in range(size):
        sub, facts = draw(rng, index)
        start = facts[0]
        sub = attrs.evolve(sub, term=Term.P3Y, frequency=BillingFrequency.MONTHLY)
        pairs.append((sub, (start, 36, 1, *facts[3:])))
    return [s for s, _ in pairs], [p for _, p in pairs]


def long_terms_case(subs: list[Subscription]) -> list[list[tuple[dt.date, dt.date, int]]]:
    return [[(c.start, c.end, c.days) for c in charge_cycles(sub)] for sub in subs]


def long_terms_baseline(plain: list[Plain]) -> list[list[tuple[dt.date, dt.date, int]]]:
    return [table_cycles(start, months, every) for start, months, every, *_ in plain]


LONG_TERMS = Case(
    name="billing: charge_cycles of 36-month terms vs a stdlib table",
    build=build_long_terms,
    case=long_terms_case,
    baseline=long_terms_baseline,
    size=2_000,
    limit=2,
)


# -- rate with one seat change -------------------------------------------------------------------


def build_rate(
    rng: random.Random, size: int
) -> tuple[list[tuple[Subscription, ChangeQuantity]], list[tuple[Plain, dt.date, int]]]:
    cases: list[tuple[Subscription, ChangeQuantity]] = []
    plain: list[tuple[Plain, dt.date, int]] = []
    for index in range(size):
        sub, facts = draw(rng, index)
        quantity = facts[4]
        if quantity > 1 and rng.random() < 0.3:  # a decrease, while seats may still be removed:
            # within three days, inside the window of any date (72 hours before March 2022)
            on, new = sub.start + dt.timedelta(days=rng.randint(0, 2)), rng.randint(1, quantity - 1)
        else:
            on = sub.start + dt.timedelta(days=rng.randrange((sub.term_end - sub.start).days + 1))
            new = quantity + rng.randint(1, 200)
        cases.append((sub, ChangeQuantity(on=on, quantity=new)))
        plain.append((facts, on, new))
    return cases, plain


def rate_case(book: list[tuple[Subscription, ChangeQuantity]]) -> list[Decimal]:
    totals = []
    for sub, event in book:
        total = Decimal(0)
        for line in rate(sub, (event,), through=sub.term_end):
            total += line.subtotal.amount
        totals.append(total)
    return totals


def rate_baseline(book: list[tuple[Plain, dt.date, int]]) -> list[Decimal]:
    """Each cycle at its seat count; the change's cycle gets the prorated pair (price rounded down)."""
    totals = []
    for (start, months, every, price, quantity, digits), on, new in book:
        quantum = Decimal(1).scaleb(-digits)
        total = Decimal(0)
        for first, last in plain_cycles(start, months, every):
            if last < on:
                total += price * quantity
            elif first > on:
                total += price * new
            else:
                total += price * quantity
                days = (last - first).days + 1
                share = (price * ((last - on).days + 1) / days).quantize(quantum, rounding=ROUND_DOWN)
                total += share * new - share * quantity
        totals.append(total)
    return totals


RATE = Case(
    name="billing: rate subscriptions with a seat change",
    build=build_rate,
    case=rate_case,
    baseline=rate_baseline,
    size=2_000,
    limit=4,
    rounds=5,
)

CASES = (CYCLES, LONG_TERMS, RATE)


def test_charge_cycles(benchmark: Any) -> None:
    bench(benchmark, CYCLES)


def test_charge_cycles_of_36_month_terms(benchmark: Any) -> None:
    bench(benchmark, LONG_TERMS)


def test_rate_with_a_seat_change(benchmark: Any) -> None:
    bench(benchmark, RATE)
