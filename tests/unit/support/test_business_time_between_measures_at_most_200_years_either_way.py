"""``business_time_between`` measures spans of up to 73,050 local days (about 200 years) in either order.

Measured backwards (``end`` before ``start``) the answer is the forward one negated, and the limit is
the same. A span one day longer is refused with ``out_of_range``, naming the later instant's argument
(``end``, or ``start`` when measured backwards) and carrying the value given.
"""

from __future__ import annotations

import datetime as dt

from tests.refusals import raises_invalid

from cspcore.errors import ErrorCode
from cspcore.support import BusinessHours, business_time_between

T = dt.time
ALWAYS = BusinessHours(tz="UTC", weekly={d: ((T(0), T(0)),) for d in range(7)})
EARLY = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def test_a_backward_span_of_73050_days_is_measured() -> None:
    span = dt.timedelta(days=73_050)
    assert -span == business_time_between(EARLY + span, EARLY, hours=ALWAYS)


def test_a_backward_span_one_day_longer_is_refused_under_start() -> None:
    late = EARLY + dt.timedelta(days=73_051)
    with raises_invalid(field="start", code=ErrorCode.OUT_OF_RANGE) as caught:
        business_time_between(late, EARLY, hours=ALWAYS)
    assert caught.value.value is late


def test_a_forward_span_one_day_longer_is_refused_under_end() -> None:
    late = EARLY + dt.timedelta(days=73_051)
    with raises_invalid(field="end", code=ErrorCode.OUT_OF_RANGE) as caught:
        business_time_between(EARLY, late, hours=ALWAYS)
    assert caught.value.value is late
