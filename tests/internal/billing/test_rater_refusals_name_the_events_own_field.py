"""A handler of the replay refuses an event by the event's own field and value (``run`` then names the event
by its index): the id a partial upgrade would take, the ``into`` of a conversion, the ``on`` of a completion.
And a cancellation window that would end after the calendar's last instant ends there, still in UTC."""

from __future__ import annotations

import datetime as dt

from tests.lifecycle_subscriptions import START, trial
from tests.lifecycle_subscriptions import subscription as sub
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import CompleteRenewal, ConvertTrial, ProrationRounding, Subscription, Upgrade
from cspcore.billing._rater import Rater, run
from cspcore.billing._refusals import window_ends
from cspcore.errors import ErrorCode

D = dt.date


def replayed(*subs: Subscription, through: dt.date) -> Rater:
    return run(subs, [], through=through, rounding=ProrationRounding.UNIT_PRICE_FIRST)


def test_a_partial_upgrade_into_a_taken_id_names_the_new_id() -> None:
    rater = replayed(sub("a"), sub("b"), through=D(2024, 1, 20))
    upgrade = Upgrade(
        on=D(2024, 1, 20),
        product="Microsoft 365 E5",
        unit_price=Money("50.00", "EUR"),
        quantity=2,
        subscription_id="b",
        subscription="a",
    )
    with raises_invalid(field="subscription_id", code=ErrorCode.DUPLICATE) as caught:
        rater.apply(upgrade)
    assert caught.value.value == "b"


def test_a_conversion_into_the_trial_itself_names_into() -> None:
    rater = replayed(trial("t"), through=D(2024, 1, 20))
    with raises_invalid(field="into", code=ErrorCode.UNKNOWN_REFERENCE) as caught:
        rater.apply(ConvertTrial(on=D(2024, 1, 20), into="t", subscription="t"))
    assert caught.value.value == "t"


def test_a_completion_of_no_renewal_names_its_day() -> None:
    rater = replayed(sub("a"), through=D(2024, 1, 20))
    with raises_invalid(field="on", code=ErrorCode.INCONSISTENT) as caught:
        rater.apply(CompleteRenewal(on=D(2024, 1, 20), at=dt.datetime(2024, 1, 20, 3, tzinfo=dt.UTC)))
    assert caught.value.value == D(2024, 1, 20)


def test_a_window_past_the_calendars_end_closes_at_its_last_instant_in_utc() -> None:
    track = replayed(sub("a"), through=START).by_id["a"]
    track.window_opened = dt.datetime(9999, 12, 31, 12, tzinfo=dt.UTC)
    last = dt.datetime.max.replace(tzinfo=dt.UTC)
    assert window_ends(track) == (last, last)
