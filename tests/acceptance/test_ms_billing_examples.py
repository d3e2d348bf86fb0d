"""Microsoft's worked examples with figures, reproduced by cspcore.

Page: Partner Center ``common-billing-scenarios-onetime-recurring.md`` (ms.date 11/8/2022), in
kvamseek/partner-center @ 85eb3c4. Each test names the section (and table) it reproduces.

How Microsoft displays the effective unit price differs between tables: the seat tables show it at
full precision (9.408) or rounded half up (11.23 for 11.2258...), the cancellation, upgrade and
billing-plan tables truncated (9.42 for 9.4297..., 4.92 for 4.9297...). The amounts are what
matters; the helpers below compare the EUP the way each table shows it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest

from cspcore import Money, Rounding
from cspcore.billing import (
    BillingFrequency,
    Cancel,
    ChangeBillingPlan,
    ChangeQuantity,
    ChargeLine,
    ConvertTrial,
    ProrationRounding,
    Subscription,
    Term,
    Upgrade,
    charge_cycles,
    rate,
    term_end,
)

D = dt.date
LINE_TOTAL = ProrationRounding.LINE_TOTAL
UNIT_PRICE_FIRST = ProrationRounding.UNIT_PRICE_FIRST


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


def business_standard(
    start: dt.date,
    quantity: int,
    *,
    price: str = "10.08",
    term: Term = Term.P1M,
    frequency: BillingFrequency = BillingFrequency.MONTHLY,
) -> Subscription:
    return Subscription(
        id="284b0ff0-0e74-4f65-cb23-f8ad95867994",
        product="Microsoft 365 Business Standard",
        start=start,
        term=term,
        frequency=frequency,
        quantity=quantity,
        unit_price=eur(price),
    )


Row = tuple[dt.date, str, dt.date, dt.date, Decimal, int, Decimal]


def rows(lines: tuple[ChargeLine, ...], eup: Rounding | None = None) -> list[Row]:
    """(order date, charge type, charge start, charge end, EUP as shown, quantity, total)."""
    return [
        (
            line.order_date,
            line.charge_type.value,
            line.charge_start,
            line.charge_end,
            line.effective_unit_price.amount if eup is None else line.effective_unit_price.round(eup).amount,
            int(line.quantity),
            line.total.amount,
        )
        for line in lines
    ]


def d(text: str) -> Decimal:
    return Decimal(text)


# -- "How are one-time and recurring charges calculated?" ---------------------------------------


def test_purchase_of_a_monthly_term_is_one_new_line_for_thirty_days() -> None:
    # The prose says the licenses were bought "on June 18, 2020"; every table of the section is dated
    # 2021 (order date June 18, 2021, prepaid term ending June 17, 2022): the tables are reproduced.
    sub = business_standard(D(2021, 6, 18), 10)
    expected = [(D(2021, 6, 18), "new", D(2021, 6, 18), D(2021, 7, 17), d("10.08"), 10, d("100.8"))]
    assert expected == rows(rate(sub, [], through=D(2021, 6, 30)))


def test_renewal_of_a_monthly_term_is_a_renew_line_from_july_18() -> None:
    sub = business_standard(D(2021, 6, 18), 10)
    lines = rate(sub, [], through=D(2021, 7, 31))
    expected = (D(2021, 7, 18), "renew", D(2021, 7, 18), D(2021, 8, 17), d("10.08"), 10, d("100.8"))
    assert expected == rows(lines)[1]


def test_annual_term_billed_monthly_charges_a_cycle_charge_each_month() -> None:
    sub = business_standard(D(2021, 6, 18), 10, term=Term.P1Y)
    lines = rate(sub, [], through=D(2021, 7, 31))
    expected = (D(2021, 7, 18), "cycleCharge", D(2021, 7, 18), D(2021, 8, 17), d("10.08"), 10, d("100.8"))
    assert expected == rows(lines)[1]


def test_annual_term_billed_monthly_charges_cycle_charges_until_the_june_2022_cycle() -> None:
    sub = business_standard(D(2021, 6, 18), 10, term=Term.P1Y)
    lines = rate(sub, [], through=D(2022, 6, 17))
    assert [line.charge_type.value for line in lines] == ["new"] + ["cycleCharge"] * 11
    assert D(2022, 5, 18) == lines[-1].order_date


def test_prepaid_annual_term_is_one_new_line_for_the_whole_year() -> None:
    sub = business_standard(
        D(2021, 6, 18), 10, price="120.96", term=Term.P1Y, frequency=BillingFrequency.ANNUAL
    )
    expected = [(D(2021, 6, 18), "new", D(2021, 6, 18), D(2022, 6, 17), d("120.96"), 10, d("1209.6"))]
    lines = rate(sub, [], through=D(2022, 6, 17))
    assert expected == rows(lines)
    assert lines[0].billing_frequency is None  # "Billing Frequency is blank" for one-time payments


# -- "How do I find the billing term in a reconciliation file?" ---------------------------------


@pytest.mark.parametrize(
    ("start", "term", "end"),
    [
        (D(2021, 4, 15), Term.P1Y, D(2022, 4, 14)),
        (D(2021, 4, 14), Term.P1M, D(2021, 5, 13)),
        (D(2021, 5, 25), Term.P3Y, D(2024, 5, 24)),
    ],
)
def test_term_and_billing_cycle_table_end_dates(start: dt.date, term: Term, end: dt.date) -> None:
    assert end == term_end(start, term)


def test_term_and_billing_cycle_table_shortened_one_year_term_is_a_custom_end() -> None:
    # "One-year term duration | April 22, 2021 | April 2, 2022": shorter than a year, so a custom
    # (coterminous) end date; cspcore keeps it as the subscription's end.
    sub = business_standard(D(2021, 4, 22), 1, term=Term.P1Y, frequency=BillingFrequency.ANNUAL)
    custom = attrs.evolve(sub, end=D(2022, 4, 2))
    assert D(2022, 4, 2) == custom.term_end
    assert D(2022, 4, 2) == charge_cycles(custom)[-1].end


# -- "Monthly term subscription expiration dates on special cases" ------------------------------


@pytest.mark.parametrize(
    ("bought", "end", "renew"),
    [
        (D(2021, 1, 31), D(2021, 2, 27), D(2021, 2, 28)),
        (D(2021, 2, 28), D(2021, 3, 27), D(2021, 3, 28)),
        (D(2021, 5, 31), D(2021, 6, 29), D(2021, 6, 30)),
        (D(2021, 6, 30), D(2021, 7, 29), D(2021, 7, 30)),
        (D(2021, 7, 31), D(2021, 8, 30), D(2021, 8, 31)),
        # "When you buy on the day before the last day of a month", monthly table
        (D(2021, 1, 30), D(2021, 2, 27), D(2021, 2, 28)),
        (D(2021, 2, 27), D(2021, 3, 26), D(2021, 3, 27)),
        (D(2021, 5, 30), D(2021, 6, 29), D(2021, 6, 30)),
        (D(2021, 6, 29), D(2021, 7, 28), D(2021, 7, 29)),
        (D(2021, 7, 30), D(2021, 8, 29), D(2021, 8, 30)),
    ],
)
def test_monthly_term_month_end_table(bought: dt.date, end: dt.date, renew: dt.date) -> None:
    sub = business_standard(bought, 1)
    lines = rate(sub, [], through=renew)
    assert [("new", bought, end), ("renew", renew, lines[1].charge_end)] == [
        (line.charge_type.value, line.charge_start, line.charge_end) for line in lines
    ]
    assert (bought, end) == (lines[0].subscription_start, lines[0].subscription_end)


LAST_DAY_CYCLES = [
    (D(2021, 1, 31), D(2021, 2, 27)),
    (D(2021, 2, 28), D(2021, 3, 30)),
    (D(2021, 3, 31), D(2021, 4, 29)),
    (D(2021, 4, 30), D(2021, 5, 30)),
    (D(2021, 5, 31), D(2021, 6, 29)),
    (D(2021, 6, 30), D(2021, 7, 30)),
    (D(2021, 7, 31), D(2021, 8, 30)),
    (D(2021, 8, 31), D(2021, 9, 29)),
    (D(2021, 9, 30), D(2021, 10, 30)),
    (D(2021, 10, 31), D(2021, 11, 29)),
    (D(2021, 11, 30), D(2021, 12, 30)),
    (D(2021, 12, 31), D(2022, 1, 30)),
]
DAY_BEFORE_LAST_CYCLES = [
    (D(2021, 1, 30), D(2021, 2, 26)),
    (D(2021, 2, 27), D(2021, 3, 29)),
    (D(2021, 3, 30), D(2021, 4, 28)),
    (D(2021, 4, 29), D(2021, 5, 29)),
    (D(2021, 5, 30), D(2021, 6, 28)),
    (D(2021, 6, 29), D(2021, 7, 29)),
    (D(2021, 7, 30), D(2021, 8, 29)),
    (D(2021, 8, 30), D(2021, 9, 28)),
    (D(2021, 9, 29), D(2021, 10, 29)),
    (D(2021, 10, 30), D(2021, 11, 28)),
    (D(2021, 11, 29), D(2021, 12, 29)),
    (D(2021, 12, 30), D(2022, 1, 29)),
]


@pytest.mark.parametrize(
    ("bought", "expected", "end"),
    [
        (D(2021, 1, 31), LAST_DAY_CYCLES, D(2022, 1, 30)),
        (D(2021, 1, 30), DAY_BEFORE_LAST_CYCLES, D(2022, 1, 29)),
    ],
    ids=["last-day-table", "day-before-last-day-table"],
)
def test_annual_term_billed_monthly_month_end_tables(
    bought: dt.date, expected: list[tuple[dt.date, dt.date]], end: dt.date
) -> None:
    # The day-before-last table's December 30, 2021 row shows the subscription as January 31, 2021 -
    # January 30, 2022, its eleven other rows January 30, 2021 - January 29, 2022 with a renewal on
    # January 30, 2022: a copy of the other table's dates, so the eleven rows are the ones asserted.
    sub = business_standard(bought, 1, term=Term.P1Y)
    lines = rate(sub, [], through=end)
    assert expected == [(line.charge_start, line.charge_end) for line in lines]
    assert expected == [(line.order_date, line.charge_end) for line in lines]
    assert [line.charge_type.value for line in lines] == ["new"] + ["cycleCharge"] * 11
    assert {(bought, end)} == {(line.subscription_start, line.subscription_end) for line in lines}


@pytest.mark.parametrize(
    ("bought", "renews_on"),
    [
        # Bullets of "When you buy on the last day of a month": the monthly cycles renew on the
        # last day; the cycle before ends the day before.
        (D(2021, 1, 31), D(2021, 2, 28)),  # 27th of February in a non-leap year
        (D(2024, 1, 31), D(2024, 2, 29)),  # 28th of February in a leap year
        (D(2021, 4, 30), D(2021, 5, 31)),  # 30th of a month with 31 days
        (D(2021, 5, 31), D(2021, 6, 30)),  # 29th of a month with 30 days
        # Bullets of "... the day before the last day": 29th of a 31-day month, 28th of a 30-day one.
        (D(2021, 4, 29), D(2021, 5, 30)),
        (D(2021, 5, 30), D(2021, 6, 29)),
    ],
)
def test_month_end_bullets_describe_the_monthly_cycles_of_longer_terms(
    bought: dt.date, renews_on: dt.date
) -> None:
    first = charge_cycles(business_standard(bought, 1, term=Term.P1Y))[0]
    assert renews_on - dt.timedelta(days=1) == first.end


# -- "How are licenses (seats) added or removed?" ----------------------------------------------


def test_adding_two_seats_refunds_ten_and_recreates_twelve_for_28_days() -> None:
    sub = business_standard(D(2021, 6, 18), 10)
    lines = rate(
        sub, [ChangeQuantity(on=D(2021, 6, 20), quantity=12)], through=D(2021, 6, 30), rounding=LINE_TOTAL
    )
    expected = [
        (D(2021, 6, 18), "new", D(2021, 6, 18), D(2021, 7, 17), d("10.08"), 10, d("100.8")),
        (D(2021, 6, 20), "addQuantity", D(2021, 6, 20), D(2021, 7, 17), d("-9.408"), 10, d("-94.08")),
        (D(2021, 6, 20), "addQuantity", D(2021, 6, 20), D(2021, 7, 17), d("9.408"), 12, d("112.89")),
    ]
    assert expected == rows(lines)
    assert lines[1].reference_id == lines[2].reference_id is not None


def test_removing_four_seats_refunds_twelve_and_recreates_eight() -> None:
    sub = business_standard(D(2021, 6, 18), 10)
    events = [ChangeQuantity(on=D(2021, 6, 20), quantity=12), ChangeQuantity(on=D(2021, 6, 20), quantity=8)]
    lines = rate(sub, events, through=D(2021, 6, 30), rounding=LINE_TOTAL)
    expected = [
        (D(2021, 6, 20), "removeQuantity", D(2021, 6, 20), D(2021, 7, 17), d("-9.408"), 12, d("-112.89")),
        (D(2021, 6, 20), "removeQuantity", D(2021, 6, 20), D(2021, 7, 17), d("9.408"), 8, d("75.26")),
    ]
    assert expected == rows(lines)[3:]


def test_seat_example_prose_figures_follow_the_unit_price_first_formula() -> None:
    # The prose under the table: "a refund of EUR 94" and "the adjusted charge of EUR 112.8".
    sub = business_standard(D(2021, 6, 18), 10)
    lines = rate(
        sub,
        [ChangeQuantity(on=D(2021, 6, 20), quantity=12)],
        through=D(2021, 6, 30),
        rounding=UNIT_PRICE_FIRST,
    )
    assert [d("-94"), d("112.8")] == [line.total.amount for line in lines[1:]]


# -- "How do I calculate the total number of seats ... after multiple changes?" ----------------


def test_several_changes_in_one_cycle_match_the_table_and_end_with_30_seats() -> None:
    sub = Subscription(
        id="284b0ff0-0e74-4f65-cb23-f8ad95867994",
        product="Microsoft 365 Business Standard",
        start=D(2022, 3, 5),
        term=Term.P1M,
        frequency=BillingFrequency.MONTHLY,
        quantity=10,
        unit_price=eur(12),
    )
    events = [
        ChangeQuantity(
            on=D(2022, 3, 25), quantity=30
        ),  # given out of order on purpose: the page says the file is unordered
        ChangeQuantity(on=D(2022, 3, 7), quantity=15),
        ChangeQuantity(on=D(2022, 3, 12), quantity=23),
        ChangeQuantity(on=D(2022, 3, 10), quantity=25),
        ChangeQuantity(on=D(2022, 3, 14), quantity=20),
    ]
    lines = rate(sub, events, through=D(2022, 3, 31), rounding=LINE_TOTAL)
    end = D(2022, 4, 4)
    expected = [
        (D(2022, 3, 5), "new", D(2022, 3, 5), end, d("12.00"), 10, d("120")),
        (D(2022, 3, 7), "addQuantity", D(2022, 3, 7), end, d("-11.23"), 10, d("-112.25")),
        (D(2022, 3, 7), "addQuantity", D(2022, 3, 7), end, d("11.23"), 15, d("168.38")),
        (D(2022, 3, 10), "addQuantity", D(2022, 3, 10), end, d("-10.06"), 15, d("-150.96")),
        (D(2022, 3, 10), "addQuantity", D(2022, 3, 10), end, d("10.06"), 25, d("251.61")),
        (D(2022, 3, 12), "removeQuantity", D(2022, 3, 12), end, d("-9.29"), 25, d("-232.25")),
        (D(2022, 3, 12), "removeQuantity", D(2022, 3, 12), end, d("9.29"), 23, d("213.67")),
        (D(2022, 3, 14), "removeQuantity", D(2022, 3, 14), end, d("-8.52"), 23, d("-195.87")),
        (D(2022, 3, 14), "removeQuantity", D(2022, 3, 14), end, d("8.52"), 20, d("170.32")),
        (D(2022, 3, 25), "addQuantity", D(2022, 3, 25), end, d("-4.26"), 20, d("-85.16")),
        (D(2022, 3, 25), "addQuantity", D(2022, 3, 25), end, d("4.26"), 30, d("127.74")),
    ]
    assert expected == rows(lines, eup=Rounding.HALF_UP)
    last_positive = next(line for line in reversed(lines) if not line.is_refund)
    assert Decimal(30) == last_positive.quantity


# -- "How are the refunds calculated if I cancel a subscription within seven days ...?" --------


def test_cancelling_two_days_after_purchase_refunds_29_unused_days() -> None:
    sub = business_standard(D(2021, 7, 15), 10)
    lines = rate(sub, [Cancel(at=dt.datetime(2021, 7, 17, 12, tzinfo=dt.UTC))], through=D(2021, 7, 31))
    expected = [
        (D(2021, 7, 15), "new", D(2021, 7, 15), D(2021, 8, 14), d("10.08"), 10, d("100.8")),
        (D(2021, 7, 17), "cancelImmediate", D(2021, 7, 17), D(2021, 8, 14), d("-9.42"), 10, d("-94.2")),
    ]
    assert expected == rows(lines, eup=Rounding.DOWN)


# -- "How should I reconcile and link upgraded transactions?" ----------------------------------


def test_full_upgrade_refunds_the_base_and_charges_e1_for_23_days() -> None:
    sub = business_standard(D(2021, 6, 18), 300)
    event = Upgrade(on=D(2021, 6, 25), product="Office 365 E1", unit_price=eur("6.43"))
    lines = rate(sub, [event], through=D(2021, 6, 30))
    expected = [
        (D(2021, 6, 18), "new", D(2021, 6, 18), D(2021, 7, 17), d("10.08"), 300, d("3024")),
        (D(2021, 6, 25), "convert", D(2021, 6, 25), D(2021, 7, 17), d("-7.72"), 300, d("-2316")),
        (D(2021, 6, 25), "convert", D(2021, 6, 25), D(2021, 7, 17), d("4.92"), 300, d("1476")),
    ]
    assert expected == rows(lines, eup=Rounding.DOWN)
    assert [line.product for line in lines] == [
        "Microsoft 365 Business Standard",
        "Microsoft 365 Business Standard",
        "Office 365 E1",
    ]
    assert {sub.id} == {line.subscription_id for line in lines}  # a full upgrade keeps the id
    assert lines[1].reference_id == lines[2].reference_id


def test_partial_upgrade_of_100_seats_creates_a_new_subscription() -> None:
    sub = business_standard(D(2021, 6, 18), 300)
    event = Upgrade(
        on=D(2021, 6, 25),
        product="Office 365 E1",
        unit_price=eur("6.43"),
        quantity=100,
        subscription_id="6759acd5-a8a9-4402-94b7-803baa64a78e",
    )
    lines = rate(sub, [event], through=D(2021, 6, 30))
    expected = [
        (D(2021, 6, 18), "new", D(2021, 6, 18), D(2021, 7, 17), d("10.08"), 300, d("3024")),
        (D(2021, 6, 25), "convert", D(2021, 6, 25), D(2021, 7, 17), d("-7.72"), 100, d("-772")),
        (D(2021, 6, 25), "convert", D(2021, 6, 25), D(2021, 7, 17), d("4.92"), 100, d("492")),
    ]
    assert expected == rows(lines, eup=Rounding.DOWN)
    assert [sub.id, sub.id, "6759acd5-a8a9-4402-94b7-803baa64a78e"] == [
        line.subscription_id for line in lines
    ]
    renewal = rate(sub, [event], through=D(2021, 7, 18))[3:]
    assert {(sub.id, Decimal(200)), ("6759acd5-a8a9-4402-94b7-803baa64a78e", Decimal(100))} == {
        (line.subscription_id, line.quantity) for line in renewal
    }


# -- "How do I reconcile after I convert a trial version to a paid subscription?" --------------


def test_trial_conversion_lines() -> None:
    trial = Subscription(
        id="guides",
        product="Dynamics 365 Guides",
        start=D(2021, 6, 25),
        term=Term.P1M,
        frequency=BillingFrequency.NONE,
        quantity=25,
        unit_price=eur(0),
        trial=True,
    )
    lines = rate(trial, [ConvertTrial(on=D(2021, 6, 25), unit_price=eur("52.61"))], through=D(2021, 6, 30))
    expected = [
        (D(2021, 6, 25), "new", D(2021, 6, 25), D(2021, 7, 24), d("0"), 25, d("0")),
        (D(2021, 6, 25), "convert", D(2021, 6, 25), D(2021, 7, 24), d("0"), 25, d("0")),
        (D(2021, 6, 25), "convert", D(2021, 6, 25), D(2021, 7, 24), d("52.61"), 25, d("1315.25")),
    ]
    assert expected == rows(lines)
    assert [line.qualifiers for line in lines] == [("Trial",), ("Trial",), ()]
    assert [d("0"), d("0"), d("52.61")] == [line.unit_price.amount for line in lines]


# -- "How do I reconcile transactions after changing billing plans?" ---------------------------


def commerce(price: str, frequency: BillingFrequency) -> Subscription:
    return Subscription(
        id="commerce",
        product="Dynamics 365 Commerce",
        start=D(2021, 9, 20),
        term=Term.P3Y,
        frequency=frequency,
        quantity=10,
        unit_price=eur(price),
    )


def test_annual_to_monthly_billing_plan_change_charges_a_month_after_the_annual_cycle() -> None:
    sub = commerce("250", BillingFrequency.ANNUAL)
    lines = rate(
        sub,
        [ChangeBillingPlan(on=D(2022, 9, 19), frequency="monthly", unit_price=eur(20))],
        through=D(2022, 9, 30),
    )
    expected = [
        (D(2021, 9, 20), "new", D(2021, 9, 20), D(2022, 9, 19), d("250"), 10, d("2500")),
        (D(2022, 9, 20), "changeBillingPlan", D(2022, 9, 20), D(2022, 10, 19), d("20"), 10, d("200")),
    ]
    assert expected == rows(lines)
    assert [line.billing_frequency for line in lines] == ["Annual", "Monthly"]
    # "Changing billing plans doesn't change the start and end dates of the subscription."
    assert {(D(2021, 9, 20), D(2024, 9, 19))} == {
        (ln.subscription_start, ln.subscription_end) for ln in lines
    }


def test_monthly_to_annual_billing_plan_change_charges_eleven_twelfths_of_a_year() -> None:
    sub = commerce("20", BillingFrequency.MONTHLY)
    lines = rate(
        sub,
        [ChangeBillingPlan(on=D(2021, 9, 21), frequency="annual", unit_price=eur(250))],
        through=D(2021, 10, 31),
    )
    expected = [
        (D(2021, 9, 20), "new", D(2021, 9, 20), D(2021, 10, 19), d("20"), 10, d("200")),
        (D(2021, 10, 20), "changeBillingPlan", D(2021, 10, 20), D(2022, 9, 19), d("229.16"), 10, d("2291.6")),
    ]
    assert expected == rows(lines, eup=Rounding.DOWN)
    assert [line.billing_frequency for line in lines] == ["Monthly", "Annual"]
