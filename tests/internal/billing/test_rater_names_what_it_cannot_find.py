"""The replay refuses an event naming no subscription by the event's ``subscription`` and the name given;
``run`` passes a handler's refusal on under the event's own field it names (``events[i].into``), with
the same problem, code and value; and a collection of subscriptions too long to read is named
``subscriptions``."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from tests.lifecycle_subscriptions import START, trial
from tests.lifecycle_subscriptions import subscription as sub
from tests.refusals import raises_invalid

from cspcore import InvalidInput
from cspcore.billing import ChangeQuantity, ConvertTrial, ProrationRounding
from cspcore.billing._rater import run
from cspcore.errors import ErrorCode

D = dt.date
ROUNDING = ProrationRounding.UNIT_PRICE_FIRST


def test_an_event_naming_no_subscription_carries_the_name() -> None:
    rater = run([sub("a"), sub("b")], [], through=START, rounding=ROUNDING)
    with raises_invalid(field="subscription", code=ErrorCode.UNKNOWN_REFERENCE) as caught:
        rater.target(ChangeQuantity(on=START, quantity=6, subscription="c"))
    assert caught.value.value == "c"
    assert isinstance(caught.value.problem, str)


def test_a_handlers_refusal_keeps_its_problem_under_the_events_own_field() -> None:
    into_itself = ConvertTrial(on=D(2024, 1, 20), into="t", subscription="t")
    rater = run(trial("t"), [], through=into_itself.on, rounding=ROUNDING)
    with pytest.raises(InvalidInput) as direct:
        rater.apply(into_itself)
    with raises_invalid(field="events[0].into", code=direct.value.code) as caught:
        run(trial("t"), [into_itself], through=into_itself.on, rounding=ROUNDING)
    assert caught.value.value == direct.value.value == "t"
    assert caught.value.problem == direct.value.problem


def test_too_many_subscriptions_are_named_subscriptions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("cspcore._validate.MAX_ITEMS", 2)
    many = (sub(f"s{i}") for i in itertools.count())
    with raises_invalid(field="subscriptions", code=ErrorCode.TOO_LONG):
        run(many, [], through=START, rounding=ROUNDING)
