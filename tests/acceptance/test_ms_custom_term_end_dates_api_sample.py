"""The custom-term-end-dates API sample: a one-month term in July 2023 may end July 31 or August 1.

Page: Partner Center ``developer/custom-term-end-dates.md`` (ms.date 07/18/2023), "Response examples"
(kvamseek/partner-center @ 85eb3c4): for ``term_duration=P1M`` the allowed custom end dates are
2023-07-31 (``calendarMonthAligned``) and 2023-08-01 (``subscriptionAligned``, two existing
subscriptions ending that day). The page names neither the day of the request nor the terms of the
two subscriptions; every purchase day from July 2 to July 31, 2023 and every term give those two
dates (``align-subscription-end-dates.md``: a monthly term "can coterminate with any other
subscription").
"""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore.billing import Term, calendar_aligned_end, coterminous_end

JULY_2023 = [dt.date(2023, 7, day) for day in range(2, 32)]


@pytest.mark.parametrize("bought", JULY_2023, ids=str)
@pytest.mark.parametrize("existing_term", [Term.P1M, Term.P1Y, Term.P3Y])
def test_a_one_month_term_bought_in_july_2023_gets_the_samples_two_end_dates(
    bought: dt.date, existing_term: Term
) -> None:
    assert calendar_aligned_end(bought, Term.P1M) == dt.date(2023, 7, 31)
    assert coterminous_end(
        bought, Term.P1M, existing_end=dt.date(2023, 8, 1), existing_term=existing_term
    ) == dt.date(2023, 8, 1)
