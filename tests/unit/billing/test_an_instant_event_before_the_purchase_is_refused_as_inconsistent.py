"""A cancellation, suspension or reactivation at an instant before the subscription was purchased is
bad input (``events[i].at``, ``inconsistent``), as an event dated before its start day is: the
subscription did not exist yet. It is not a renewal in progress (``RenewalPending``). An instant after
the purchase counts by elapsed time, even when a clock change makes its wall clock read earlier."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from tests.lifecycle_subscriptions import START, at, subscription
from tests.refusals import raises_invalid

from cspcore.billing import (
    Cancel,
    ChargeType,
    Reactivate,
    Suspend,
    lifecycle,
    preview,
    rate,
)
from cspcore.errors import ErrorCode

NOON = at(START, 12)
NEW_YORK = ZoneInfo("America/New_York")


@pytest.mark.parametrize("kind", [Cancel, Suspend, Reactivate])
def test_an_instant_before_the_purchase_on_its_day_is_inconsistent(kind: type[Cancel]) -> None:
    bought = subscription("a", purchased_at=NOON)
    with raises_invalid(field="events[0].at", code=ErrorCode.INCONSISTENT) as caught:
        lifecycle(bought, [kind(at=at(START, 5))], through=START)
    assert caught.value.value == at(START, 5)


def test_rate_refuses_a_cancellation_before_the_purchase_the_same_way() -> None:
    with raises_invalid(field="events[0].at", code=ErrorCode.INCONSISTENT):
        rate(
            subscription("a", purchased_at=NOON),
            [Cancel(at=NOON - dt.timedelta(microseconds=1))],
            through=START,
        )


def test_the_purchase_of_the_subscription_named_is_the_one_compared() -> None:
    early, late = subscription("a"), subscription("b", purchased_at=NOON)
    cancel_a = Cancel(at=at(START, 5), subscription="a")
    assert lifecycle([early, late], [cancel_a], through=START).lines[-1].total.is_negative()
    with raises_invalid(field="events[0].at", code=ErrorCode.INCONSISTENT):
        lifecycle([early, late], [Cancel(at=at(START, 5), subscription="b")], through=START)


def test_a_preview_of_a_cancellation_before_the_purchase_names_the_proposal() -> None:
    with raises_invalid(field="proposed.at", code=ErrorCode.INCONSISTENT):
        preview(subscription("a", purchased_at=NOON), [], Cancel(at=at(START, 5)), at=at(START, 5))


def test_a_cancellation_at_the_purchase_instant_is_a_full_refund() -> None:
    lines = rate(subscription("a", purchased_at=NOON), [Cancel(at=NOON)], through=START)
    assert [line.charge_type for line in lines] == [ChargeType.NEW, ChargeType.CANCEL_IMMEDIATE]
    assert sum(line.total.amount for line in lines) == 0


def test_a_cancellation_in_the_repeated_hour_after_the_purchase_is_a_full_refund() -> None:
    # bought at the first 01:30 of November 3, 2024 in New York (05:30 UTC), cancelled at the second
    # 01:10 (06:10 UTC): 40 minutes later, though its wall clock reads 20 minutes earlier
    bought = dt.datetime(2024, 11, 3, 1, 30, tzinfo=NEW_YORK)
    cancelled = dt.datetime(2024, 11, 3, 1, 10, fold=1, tzinfo=NEW_YORK)
    sub = subscription("a", start=dt.date(2024, 11, 3), purchased_at=bought)
    lines = rate(sub, [Cancel(at=cancelled)], through=dt.date(2024, 11, 3))
    assert [line.charge_type for line in lines] == [ChargeType.NEW, ChargeType.CANCEL_IMMEDIATE]
    assert sum(line.total.amount for line in lines) == 0
