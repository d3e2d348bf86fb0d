"""A refusal raised while the replay applies ``events[i]`` reaches the caller renamed, never rebuilt: its
class (a ``CurrencyMismatch`` stays one, with both currencies), code, value and problem are kept, under
``events[i].<field>`` when it names one of the event's own fields and under ``events[i]`` when a rule
refused the event as a whole; a preview names it on the proposal or the history the same way."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tests.lifecycle_subscriptions import START
from tests.lifecycle_subscriptions import subscription as sub
from tests.refusals import raises_invalid

from cspcore import InvalidInput, Money
from cspcore.billing import ProrationRounding, Upgrade, preview
from cspcore.billing._rater import Rater, _under_event, run
from cspcore.errors import CurrencyMismatch, ErrorCode

if TYPE_CHECKING:
    import pytest

ROUNDING = ProrationRounding.UNIT_PRICE_FIRST
UPGRADE = Upgrade(on=START, product="Microsoft 365 E5", unit_price=Money("50.00", "EUR"))


def test_a_currency_mismatch_of_the_events_field_stays_one_under_that_field() -> None:
    moved = _under_event(CurrencyMismatch("unit_price", "EUR", "USD"), 3, UPGRADE)
    assert type(moved) is CurrencyMismatch
    assert (moved.field, moved.code) == ("events[3].unit_price", ErrorCode.CURRENCY_MISMATCH)
    assert (moved.left, moved.right) == ("EUR", "USD")


def test_a_refusal_of_the_event_as_a_whole_names_the_event_and_keeps_its_value() -> None:
    refused = InvalidInput("start", "the dates fall outside years 1-9999", START, code=ErrorCode.OUT_OF_RANGE)
    moved = _under_event(refused, 2, UPGRADE)
    assert type(moved) is InvalidInput
    assert (moved.field, moved.code, moved.value) == ("events[2]", ErrorCode.OUT_OF_RANGE, START)
    assert moved.problem == refused.problem


def _mismatch(_rater: Rater, _event: object) -> None:
    raise CurrencyMismatch("unit_price", "EUR", "USD")


def test_run_passes_a_currency_mismatch_on_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Rater, "apply", _mismatch)
    with raises_invalid(
        field="events[0].unit_price", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch
    ) as caught:
        run(sub("a"), [UPGRADE], through=START, rounding=ROUNDING)
    assert type(caught.value) is CurrencyMismatch
    assert (caught.value.left, caught.value.right) == ("EUR", "USD")


def test_a_preview_names_a_currency_mismatch_on_the_proposal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Rater, "apply", _mismatch)
    with raises_invalid(
        field="proposed.unit_price", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch
    ) as caught:
        preview(sub("a"), [], UPGRADE, at=dt.datetime(2024, 1, 10, 9, tzinfo=dt.UTC))
    assert type(caught.value) is CurrencyMismatch
