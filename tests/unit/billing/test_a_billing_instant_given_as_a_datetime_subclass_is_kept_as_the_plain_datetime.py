"""A billing value keeps an instant given as a ``datetime`` subclass as the plain ``datetime`` it holds.

A pandas ``Timestamp`` or pendulum ``DateTime`` brings its own ``astimezone``, ``__eq__`` and
``__hash__``; none of that code is kept in a value, and two values holding the same instants compare
and hash alike however the instants were given.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from tests.previews import at, e3

from cspcore.billing import (
    Cancel,
    ChangeQuantity,
    CompleteRenewal,
    Reactivate,
    Suspend,
    cancellation_quote,
    lifecycle,
    preview,
    refund_quote,
    renewal_calendar,
)

if TYPE_CHECKING:
    from collections.abc import Callable


class Stamp(dt.datetime):
    """A subclass with code of its own, as pandas' ``Timestamp`` has."""

    def __eq__(self, other: object) -> bool:
        return False

    def __hash__(self) -> int:
        return 0

    def astimezone(self, tz: dt.tzinfo | None = None) -> Stamp:  # noqa: ARG002
        raise AssertionError("a subclass's astimezone ran")


def stamp(moment: dt.datetime) -> Stamp:
    return Stamp(
        moment.year,
        moment.month,
        moment.day,
        moment.hour,
        moment.minute,
        moment.second,
        moment.microsecond,
        tzinfo=moment.tzinfo,
        fold=moment.fold,
    )


DAY = dt.date(2024, 1, 20)
BOUGHT = dt.datetime(2024, 1, 10, 9, tzinfo=dt.UTC)


def _state() -> Any:
    return preview(e3(), [], ChangeQuantity(on=DAY, quantity=12), at=at(DAY)).before


def _entry() -> Any:
    calendar = renewal_calendar(lifecycle(e3(), through=DAY), start=DAY, end=dt.date(2025, 2, 1))
    return next(entry for entry in calendar.entries if entry.at is not None)


def _quote() -> Any:
    return cancellation_quote(BOUGHT, at=BOUGHT)


#: Each public billing value that stores an instant: how to build one, and the field that holds it.
VALUES: list[tuple[str, Callable[[], Any], str]] = [
    ("Cancel.at", lambda: Cancel(at=at(DAY)), "at"),
    ("CompleteRenewal.at", lambda: CompleteRenewal(on=DAY, at=at(DAY)), "at"),
    ("Suspend.at", lambda: Suspend(at=at(DAY)), "at"),
    ("Reactivate.at", lambda: Reactivate(at=at(DAY)), "at"),
    ("SubscriptionState.window_opened_at", _state, "window_opened_at"),
    ("SubscriptionState.full_refund_until", _state, "full_refund_until"),
    ("SubscriptionState.cancellable_until", _state, "cancellable_until"),
    ("ChangePreview.at", lambda: preview(e3(), [], ChangeQuantity(on=DAY, quantity=12), at=at(DAY)), "at"),
    (
        "ChangePreview.reversible_until",
        lambda: preview(e3(), [], ChangeQuantity(on=DAY, quantity=12), at=at(DAY)),
        "reversible_until",
    ),
    ("CancellationQuote.window_opened_at", _quote, "window_opened_at"),
    ("CancellationQuote.full_refund_until", _quote, "full_refund_until"),
    ("CancellationQuote.closes_at", _quote, "closes_at"),
    ("CalendarEntry.at", _entry, "at"),
    (
        "RefundQuote.deadline",
        lambda: refund_quote("licenseBased", purchased_at=BOUGHT, at=BOUGHT),
        "deadline",
    ),
]


@pytest.mark.parametrize(("build", "field"), [pytest.param(b, f, id=i) for i, b, f in VALUES])
def test_an_instant_given_as_a_subclass_is_kept_as_the_plain_datetime(
    build: Callable[[], Any], field: str
) -> None:
    value = build()
    held = getattr(value, field)
    assert type(held) is dt.datetime
    given_a_subclass = attrs.evolve(value, **{field: stamp(held)})
    kept = getattr(given_a_subclass, field)
    assert type(kept) is dt.datetime
    assert (kept.fold, kept.tzinfo) == (held.fold, held.tzinfo)
    assert given_a_subclass == value
    assert hash(given_a_subclass) == hash(value)


_ZONES = st.sampled_from([dt.UTC, dt.timezone(dt.timedelta(hours=-5)), dt.timezone(dt.timedelta(hours=13))])


@given(
    moment=st.datetimes(
        min_value=dt.datetime(2, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive
        max_value=dt.datetime(9998, 12, 31),  # noqa: DTZ001 - hypothesis bounds are naive
        timezones=_ZONES,
    ),
    fold=st.integers(0, 1),
)
@example(moment=dt.datetime(9998, 12, 31, 23, 59, 59, 999999, tzinfo=dt.UTC), fold=1)
@example(moment=dt.datetime(2, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=13))), fold=0)
def test_a_cancel_built_from_a_subclass_equals_one_built_from_the_plain_datetime(
    moment: dt.datetime, fold: int
) -> None:
    plain = moment.replace(fold=fold)
    from_subclass = Cancel(at=stamp(plain))
    assert type(from_subclass.at) is dt.datetime
    assert from_subclass == Cancel(at=plain)
    assert hash(from_subclass) == hash(Cancel(at=plain))
