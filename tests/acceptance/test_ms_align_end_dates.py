"""Microsoft's coterminosity and calendar-alignment examples, reproduced by cspcore.

Page: Partner Center ``align-subscription-end-dates.md`` (ms.date 07/24/2023), in
kvamseek/partner-center @ 85eb3c4, sections "Setting custom term end dates" and "Examples of
custom term end dates".
"""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore import Money
from cspcore.billing import (
    BillingFrequency,
    CotermRefused,
    Subscription,
    Term,
    calendar_aligned_end,
    charge_cycles,
    coterminous_end,
    rate,
    term_end,
)
from cspcore.i18n import render

D = dt.date


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from ``start`` to the day after ``end``."""
    after = end + dt.timedelta(days=1)
    return (after.year - start.year) * 12 + after.month - start.month


def next_term(end: dt.date, term: Term) -> tuple[dt.date, dt.date]:
    start = end + dt.timedelta(days=1)
    return start, term_end(start, term)


# -- Three-year-term subscription examples ------------------------------------------------------


def test_three_year_coterminous_with_a_one_year_subscription_is_prorated_to_27_months() -> None:
    end = coterminous_end(D(2022, 7, 1), Term.P3Y, existing_end=D(2022, 10, 1), existing_term=Term.P1Y)
    assert D(2024, 10, 1) == end
    assert months_between(D(2022, 7, 1), end - dt.timedelta(days=1)) == 27
    assert (D(2024, 10, 2), D(2027, 10, 1)) == next_term(end, Term.P3Y)


def test_three_year_coterminous_with_a_three_year_subscription_is_prorated_to_three_months() -> None:
    end = coterminous_end(D(2022, 7, 1), Term.P3Y, existing_end=D(2022, 10, 1), existing_term=Term.P3Y)
    assert D(2022, 10, 1) == end
    assert (D(2022, 10, 2), D(2025, 10, 1)) == next_term(end, Term.P3Y)


def test_three_year_calendar_aligned_ends_june_30_2025() -> None:
    end = calendar_aligned_end(D(2022, 7, 15), Term.P3Y)
    assert D(2025, 6, 30) == end
    assert (D(2025, 7, 1), D(2028, 6, 30)) == next_term(end, Term.P3Y)


# -- One-year-term subscription example ---------------------------------------------------------


@pytest.mark.parametrize("existing_term", [Term.P1Y, Term.P3Y])
def test_one_year_coterminous_is_prorated_to_three_months(existing_term: Term) -> None:
    end = coterminous_end(D(2022, 7, 1), Term.P1Y, existing_end=D(2022, 10, 1), existing_term=existing_term)
    assert D(2022, 10, 1) == end
    assert (D(2022, 10, 2), D(2023, 10, 1)) == next_term(end, Term.P1Y)


def test_one_year_calendar_aligned_ends_june_30_2023() -> None:
    end = calendar_aligned_end(D(2022, 7, 15), Term.P1Y)
    assert D(2023, 6, 30) == end
    assert (D(2023, 7, 1), D(2024, 6, 30)) == next_term(end, Term.P1Y)


def test_new_customer_annual_subscription_aligns_to_the_last_day_of_the_term_month() -> None:
    # "an annual subscription purchased on 2/4/2023 can have a coterm end date ... 1/31/2024"
    assert D(2024, 1, 31) == calendar_aligned_end(D(2023, 2, 4), Term.P1Y)


# -- One-month-term subscription example --------------------------------------------------------


@pytest.mark.parametrize("existing_term", [Term.P1M, Term.P1Y, Term.P3Y])
def test_one_month_coterminous_ends_april_2(existing_term: Term) -> None:
    # The page says "prorated to 27 days"; March 2 to April 2 is 32 days counting both ends. The
    # end date (and next term) are reproduced; the day count on the page does not follow from them.
    end = coterminous_end(D(2022, 3, 2), Term.P1M, existing_end=D(2022, 4, 2), existing_term=existing_term)
    assert D(2022, 4, 2) == end
    assert (D(2022, 4, 3), D(2022, 5, 2)) == next_term(end, Term.P1M)


def test_one_month_calendar_aligned_ends_july_31_and_renews_for_august() -> None:
    end = calendar_aligned_end(D(2022, 7, 15), Term.P1M)
    assert D(2022, 7, 31) == end
    assert (D(2022, 8, 1), D(2022, 8, 31)) == next_term(end, Term.P1M)


def test_calendar_aligned_monthly_subscription_is_charged_for_the_billable_days_of_july() -> None:
    # "The subscription charges will be calculated for the billable days in the calendar month"
    sub = Subscription(
        id="s",
        product="Microsoft 365 E3",
        start=D(2022, 7, 15),
        term=Term.P1M,
        frequency=BillingFrequency.MONTHLY,
        quantity=1,
        unit_price=Money("31.00", "USD"),
        end=calendar_aligned_end(D(2022, 7, 15), Term.P1M),
    )
    lines = rate(sub, [], through=D(2022, 8, 1))
    assert [("new", D(2022, 7, 15), D(2022, 7, 31), Money("17.00", "USD"))] == [
        (lines[0].charge_type.value, lines[0].charge_start, lines[0].charge_end, lines[0].total)
    ]
    assert ("renew", D(2022, 8, 1), D(2022, 8, 31), Money("31.00", "USD")) == (
        lines[1].charge_type.value,
        lines[1].charge_start,
        lines[1].charge_end,
        lines[1].total,
    )


def test_calendar_aligned_annual_subscription_billed_monthly_follows_calendar_months() -> None:
    sub = Subscription(
        id="s",
        product="Microsoft 365 E3",
        start=D(2022, 7, 15),
        term=Term.P1Y,
        frequency=BillingFrequency.MONTHLY,
        quantity=1,
        unit_price=Money("31.00", "USD"),
        end=D(2023, 6, 30),
    )
    cycles = charge_cycles(sub)
    assert (D(2022, 7, 15), D(2022, 7, 31), 31) == (cycles[0].start, cycles[0].end, cycles[0].days)
    assert [(D(2022, 8, 1), D(2022, 8, 31)), (D(2022, 9, 1), D(2022, 9, 30))] == [
        (c.start, c.end) for c in cycles[1:3]
    ]
    assert len(cycles) == 12


# -- Setting custom term end dates: refusals ----------------------------------------------------


@pytest.mark.parametrize("term", [Term.P1Y, Term.P3Y])
def test_annual_and_triennial_terms_cannot_coterminate_with_a_monthly_term(term: Term) -> None:
    with pytest.raises(CotermRefused) as caught:
        coterminous_end(D(2022, 7, 1), term, existing_end=D(2022, 7, 20), existing_term=Term.P1M)
    assert caught.value.reasons[0].code == "billing.coterm.monthly_existing"
    assert caught.value.reasons[0].source.document == "align-subscription-end-dates.md"  # type: ignore[union-attr]


@pytest.mark.parametrize("day", [28, 29, 30])
def test_monthly_term_cannot_align_with_an_end_on_the_28th_to_30th(day: int) -> None:
    with pytest.raises(CotermRefused) as caught:
        coterminous_end(D(2022, 3, 2), Term.P1M, existing_end=D(2022, 3, day), existing_term=Term.P1Y)
    assert caught.value.reasons[0].code == "billing.coterm.monthly_day"
    assert str(day) in render(caught.value.reasons[0], locale="ja_JP")


def test_monthly_term_may_align_with_an_end_on_the_30th_when_it_is_the_last_day_of_the_month() -> None:
    end = coterminous_end(D(2022, 4, 5), Term.P1M, existing_end=D(2022, 4, 30), existing_term=Term.P1Y)
    assert D(2022, 4, 30) == end
