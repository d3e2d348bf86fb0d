"""A terminated GDAP relationship no longer expires: no expiry notice falls at or after its termination."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore.roles import EntraRole, GdapRelationship, terminate

_START = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _relationship(duration: int, terminated_at: dt.datetime | None = None) -> GdapRelationship:
    return GdapRelationship(
        customer_id="c",
        roles={EntraRole.USER_ADMINISTRATOR},
        duration=duration,
        activated_at=_START,
        terminated_at=terminated_at,
    )


def test_a_relationship_terminated_the_next_day_gets_no_notice() -> None:
    assert _relationship(60, _START + dt.timedelta(days=1)).expiry_notices() == ()


def test_the_notices_due_before_the_termination_are_kept() -> None:
    end = _START + dt.timedelta(days=60)
    terminated = _relationship(60, end - dt.timedelta(days=7))

    assert [notice.days_before for notice in terminated.expiry_notices()] == [30]


def test_a_notice_due_at_the_instant_of_termination_is_not_sent() -> None:
    end = _START + dt.timedelta(days=60)
    terminated = _relationship(60, end - dt.timedelta(days=1))

    assert [notice.days_before for notice in terminated.expiry_notices()] == [30, 7]


def test_terminate_stops_the_later_notices() -> None:
    rel = _relationship(60)
    ended = terminate(rel, at=_START + dt.timedelta(days=40))

    assert [notice.days_before for notice in ended.expiry_notices()] == [30]


@given(
    duration=st.integers(min_value=1, max_value=730),
    after=st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=800)),
)
@example(duration=60, after=dt.timedelta(days=1))
@example(duration=60, after=dt.timedelta(days=59))
@example(duration=60, after=dt.timedelta(0))
def test_the_notices_of_a_terminated_relationship_are_those_before_its_termination(
    duration: int, after: dt.timedelta
) -> None:
    stop = _START + after
    whole = _relationship(duration).expiry_notices()

    kept = _relationship(duration, stop).expiry_notices()

    assert [n for n in whole if n.at < stop] == list(kept)
