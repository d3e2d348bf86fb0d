"""``due_at`` counts elapsed time from a request that arrives on a day the clocks change.

The walk reads the zone's offset at the start day's local midnight and at the next one; on the day
London falls back from BST (UTC+1) to GMT (UTC+0) the two differ, and the day has 25 hours. A request
at 00:30 BST, before the change, is due exactly its target later, counted on the UTC timeline.
"""

from __future__ import annotations

import datetime as dt

from cspcore.support import BusinessHours, business_time_between, due_at

T = dt.time
H = dt.timedelta(hours=1)
LONDON_ALWAYS = BusinessHours(tz="Europe/London", weekly={d: ((T(0), T(0)),) for d in range(7)})
#: 00:30 BST on 2024-10-27, the day London falls back at 02:00 BST.
BEFORE_THE_CHANGE = dt.datetime(2024, 10, 26, 23, 30, tzinfo=dt.UTC)


def test_a_request_before_the_clocks_go_back_is_due_its_target_later() -> None:
    assert due_at(BEFORE_THE_CHANGE, H, hours=LONDON_ALWAYS) == BEFORE_THE_CHANGE + H
    assert due_at(BEFORE_THE_CHANGE, 25 * H, hours=LONDON_ALWAYS) == BEFORE_THE_CHANGE + 25 * H


def test_the_day_the_clocks_go_back_has_twenty_five_open_hours() -> None:
    midnight = dt.datetime(2024, 10, 26, 23, 0, tzinfo=dt.UTC)  # 00:00 BST
    assert due_at(midnight, 25 * H, hours=LONDON_ALWAYS) == dt.datetime(2024, 10, 28, 0, 0, tzinfo=dt.UTC)
    assert business_time_between(midnight, midnight + 25 * H, hours=LONDON_ALWAYS) == 25 * H
