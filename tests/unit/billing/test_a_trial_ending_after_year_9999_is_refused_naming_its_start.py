"""A trial runs 30 days: one that would end after December 31, 9999 is refused with InvalidInput on
``start`` (``out_of_range``), as a paid term is, never an OverflowError."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import Subscription
from cspcore.errors import ErrorCode

LAST_TRIAL_START = dt.date(9999, 12, 2)  # its 30th day is December 31, 9999


def trial(start: dt.date) -> Subscription:
    return Subscription(
        id="t",
        product="P",
        start=start,
        term="P1M",
        frequency="none",
        quantity=25,
        unit_price=Money(0, "EUR"),
        trial=True,
    )


def test_a_trial_from_december_3_9999_is_refused_on_start() -> None:
    with raises_invalid(field="start", code=ErrorCode.OUT_OF_RANGE) as caught:
        trial(dt.date(9999, 12, 3))
    assert caught.value.value == dt.date(9999, 12, 3)


def test_the_last_trial_ends_on_the_calendars_last_day() -> None:
    assert dt.date(9999, 12, 31) == trial(LAST_TRIAL_START).term_end


@given(st.dates(min_value=dt.date(9999, 11, 1)))
@example(LAST_TRIAL_START)
@example(dt.date(9999, 12, 31))
def test_a_trial_in_the_calendars_last_weeks_ends_in_30_days_or_is_refused_on_start(start: dt.date) -> None:
    if start > LAST_TRIAL_START:
        with raises_invalid(field="start", code=ErrorCode.OUT_OF_RANGE):
            trial(start)
    else:
        assert (trial(start).term_end - start).days == 29
