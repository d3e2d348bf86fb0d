"""History files name the lifecycle events, the subscription each event acts on, and a trial's paid price."""

from __future__ import annotations

import datetime as dt
import tomllib

from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import (
    CancelScheduledChange,
    CompleteRenewal,
    Reactivate,
    ScheduleChange,
    SetAutoRenew,
    Suspend,
    Term,
    history_from_dict,
    lifecycle,
)
from cspcore.errors import ErrorCode

TOML = """
through = 2024-03-20

[subscription]
id = "sub-1"
product = "Microsoft 365 E3"
start = 2024-01-10
term = "P1M"
frequency = "monthly"
quantity = 10
unit_price = "36.00"
currency = "USD"

[[events]]
kind = "schedule_change"
on = 2024-01-20
quantity = 12
subscription = "sub-1"

[[events]]
kind = "cancel_scheduled_change"
on = 2024-01-21

[[events]]
kind = "schedule_change"
on = 2024-01-22
term = "P1Y"
frequency = "monthly"
unit_price = "34.20"

[[events]]
kind = "complete_renewal"
on = 2024-02-10
at = 2024-02-10T07:30:00Z

[[events]]
kind = "suspend"
at = 2024-02-20T09:00:00Z

[[events]]
kind = "reactivate"
at = 2024-02-21T09:00:00Z

[[events]]
kind = "set_auto_renew"
on = 2024-02-21
enabled = true
"""

UTC = dt.UTC


def test_every_lifecycle_event_kind_is_read() -> None:
    sub, events, through, _ = history_from_dict(tomllib.loads(TOML))
    assert [type(event) for event in events] == [
        ScheduleChange,
        CancelScheduledChange,
        ScheduleChange,
        CompleteRenewal,
        Suspend,
        Reactivate,
        SetAutoRenew,
    ]
    first, _, plan, done, suspend, _, auto = events
    assert isinstance(first, ScheduleChange)
    assert (first.quantity, first.subscription) == (12, "sub-1")
    assert isinstance(plan, ScheduleChange)
    assert (plan.term, plan.unit_price) == (Term.P1Y, Money("34.20", "USD"))
    assert isinstance(done, CompleteRenewal)
    assert done.at == dt.datetime(2024, 2, 10, 7, 30, tzinfo=UTC)
    assert isinstance(suspend, Suspend)
    assert suspend.day == dt.date(2024, 2, 20)
    assert isinstance(auto, SetAutoRenew)
    assert auto.enabled is True
    # the history replays: a year billed monthly at 34.20 from February 10, its window from 07:30
    state = lifecycle(sub, events, through=through).states["sub-1"]
    assert (state.term, state.auto_renew, state.window_opened_at.hour) == (Term.P1Y, True, 7)


def test_a_trials_paid_price_is_read_in_the_subscriptions_currency() -> None:
    data = {
        "through": dt.date(2021, 7, 25),
        "subscription": {
            "id": "t",
            "product": "Dynamics 365 Guides",
            "start": dt.date(2021, 6, 25),
            "term": "P1M",
            "frequency": "none",
            "quantity": 25,
            "unit_price": "0",
            "currency": "EUR",
            "trial": True,
            "paid_unit_price": "52.61",
        },
    }
    sub, events, through, _ = history_from_dict(data)
    assert sub.paid_unit_price == Money("52.61", "EUR")
    assert lifecycle(sub, events, through=through).lines[-1].total == Money("1315.25", "EUR")


def test_a_bad_lifecycle_event_names_its_path() -> None:
    data = tomllib.loads(TOML)
    data["events"][3]["at"] = "07:30"
    with raises_invalid(field="events[3].at", code=ErrorCode.MALFORMED):
        history_from_dict(data)


def test_an_unknown_key_of_a_lifecycle_event_is_refused() -> None:
    data = tomllib.loads(TOML)
    data["events"][4]["hour"] = 9
    with raises_invalid(field="events[4].hour", code=ErrorCode.UNKNOWN_VALUE):
        history_from_dict(data)
