"""GDAP rules over the whole calendar and every UTC offset: a right answer or InvalidInput, nothing else."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import InvalidInput
from cspcore.roles import (
    AUTO_EXTEND,
    AUTO_EXTEND_FROM,
    AutoExtendNotAllowed,
    EntraRole,
    GdapRelationship,
    GdapStatus,
)

OFFSETS = st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
INSTANTS = st.datetimes(timezones=OFFSETS)
MIN = dt.datetime.min.replace(tzinfo=dt.timezone(dt.timedelta(hours=14)))
MAX = dt.datetime.max.replace(tzinfo=dt.timezone(dt.timedelta(hours=-12)))


@given(INSTANTS, st.integers(min_value=1, max_value=730), INSTANTS, st.booleans())
@example(MIN, 1, MAX, True)
@example(dt.datetime.min.replace(tzinfo=dt.UTC), 1, dt.datetime.min.replace(tzinfo=dt.UTC), False)
@example(dt.datetime(9997, 12, 31, tzinfo=dt.UTC), 730, dt.datetime.max.replace(tzinfo=dt.UTC), True)
def test_every_reading_is_an_answer_or_invalid_input(
    activated: dt.datetime, days: int, at: dt.datetime, auto_extend: bool
) -> None:
    try:
        rel = GdapRelationship(
            customer_id="c",
            roles={EntraRole.DIRECTORY_READERS},
            duration=days,
            activated_at=activated,
            auto_extend=auto_extend,
        )
    except InvalidInput as error:
        assert error.field == "activated_at"  # noqa: PT017 - either an answer or this error
        return
    except AutoExtendNotAllowed as refusal:  # auto-extend asked before it existed
        assert auto_extend
        assert activated.astimezone(dt.UTC).date() < AUTO_EXTEND_FROM
        assert [r.code for r in refusal.reasons] == ["roles.gdap.auto_extend_not_yet"]  # noqa: PT017
        return
    assert rel.end_at - activated == dt.timedelta(days=days)
    assert all(
        rel.end_at - notice.at == dt.timedelta(days=notice.days_before) for notice in rel.expiry_notices()
    )
    try:
        status = rel.status_at(at)
        end = rel.current_end_at(at)
    except InvalidInput as error:
        assert error.field == "at"  # noqa: PT017 - either an answer or this error
        return
    if auto_extend and at >= rel.end_at:
        assert end > at >= end - AUTO_EXTEND
        assert (end - rel.end_at) % AUTO_EXTEND == dt.timedelta(0)
    else:
        assert end == rel.end_at
    assert (status is GdapStatus.EXPIRED) == (not auto_extend and at >= rel.end_at)
