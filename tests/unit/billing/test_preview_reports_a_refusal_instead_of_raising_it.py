"""A change Partner Center would refuse is previewed, not raised: ``is_allowed`` is False and the
refusal carries the violation's code and reasons (``create-a-new-subscription.md``: seats may be
removed only within seven days of being added; cancellation only within seven days of any term)."""

from __future__ import annotations

import datetime as dt

from tests.previews import e3

from cspcore import Money
from cspcore.billing import Cancel, ChangeQuantity, preview

D = dt.date


def test_a_late_seat_reduction_is_previewed_as_refused_with_its_reasons() -> None:
    moment = dt.datetime(2024, 3, 20, 9, tzinfo=dt.UTC)
    result = preview(e3(), [], ChangeQuantity(on=moment.date(), quantity=8), at=moment)
    assert not result.is_allowed
    assert result.refusal is not None
    assert result.refusal.code == "seat_reduction_window_closed"
    assert "billing.seats.reduction_closed" in [reason.code for reason in result.refusal.reasons]
    assert result.reasons[0].code == "billing.preview.refused"
    assert result.refusal.reasons == result.reasons[1:]


def test_a_refused_change_adds_nothing_and_leaves_the_subscription_as_it_was() -> None:
    moment = dt.datetime(2024, 3, 20, 9, tzinfo=dt.UTC)
    result = preview(e3(), [], Cancel(at=moment), at=moment)
    assert getattr(result.refusal, "code", None) == "cancellation_window_closed"
    assert (result.added, result.removed) == ((), ())
    assert Money("0", "USD") == result.net
    assert result.before == result.after
    assert result.reversible_until is None


def test_a_refused_change_is_compared_through_the_day_asked_for() -> None:
    moment = dt.datetime(2024, 3, 20, 9, tzinfo=dt.UTC)
    result = preview(e3(), [], Cancel(at=moment), at=moment, through=D(2024, 5, 1))
    assert not result.is_allowed
    assert D(2024, 5, 1) == result.through
    assert result.before == result.after
