"""Auto-extend by date, as a property: from the day it became available a relationship behaves
exactly as it always did; before it, only auto-extend is refused and nothing else changes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cspcore.roles import (
    AUTO_EXTEND,
    AUTO_EXTEND_FROM,
    AutoExtendNotAllowed,
    EntraRole,
    GdapRelationship,
    GdapStatus,
)

FIRST = dt.datetime.combine(AUTO_EXTEND_FROM, dt.time(), tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
ROLES = st.frozensets(
    st.sampled_from([r for r in EntraRole if r is not EntraRole.GLOBAL_ADMINISTRATOR]), min_size=1
)
DURATIONS = st.integers(min_value=1, max_value=730)
READINGS = st.lists(st.integers(min_value=0, max_value=2000 * 24 * 60), min_size=1, max_size=5)


def build(roles: frozenset[EntraRole], days: int, at: dt.datetime, auto_extend: bool) -> GdapRelationship:
    return GdapRelationship(
        customer_id="c", roles=roles, duration=days, activated_at=at, auto_extend=auto_extend
    )


def readings(
    rel: GdapRelationship, minutes: list[int]
) -> tuple[dt.datetime, list[dt.datetime], list[GdapStatus]]:
    moments = [rel.activated_at + m * MINUTE for m in minutes]
    return rel.end_at, [n.at for n in rel.expiry_notices()], [rel.status_at(m) for m in moments]


@given(ROLES, DURATIONS, st.integers(min_value=0, max_value=3 * 365 * 24 * 60), st.booleans(), READINGS)
def test_on_or_after_the_day_auto_extend_is_as_before(
    roles: frozenset[EntraRole], days: int, offset: int, auto_extend: bool, minutes: list[int]
) -> None:
    rel = build(roles, days, FIRST + offset * MINUTE, auto_extend)
    assert rel.auto_extend is auto_extend
    if auto_extend:  # the end rolls forward by whole periods and nothing expires, as always
        assert rel.expiry_notices() == ()
        for minute in minutes:
            moment = rel.activated_at + minute * MINUTE
            end = rel.current_end_at(moment)
            assert end > moment
            assert (end - rel.end_at) % AUTO_EXTEND == dt.timedelta(0)
            assert moment < rel.end_at or end - AUTO_EXTEND <= moment
            assert rel.status_at(moment) is GdapStatus.ACTIVE


@given(ROLES, DURATIONS, st.integers(min_value=1, max_value=3 * 365 * 24 * 60), READINGS)
def test_before_the_day_only_auto_extend_is_refused(
    roles: frozenset[EntraRole], days: int, back: int, minutes: list[int]
) -> None:
    activated = FIRST - back * MINUTE
    with pytest.raises(AutoExtendNotAllowed) as caught:
        build(roles, days, activated, auto_extend=True)
    assert [r.code for r in caught.value.reasons] == ["roles.gdap.auto_extend_not_yet"]
    plain = build(roles, days, activated, auto_extend=False)
    later = build(roles, days, FIRST + (activated - FIRST) % dt.timedelta(days=1), auto_extend=False)
    # Without auto-extend the date changes nothing: the same readings, shifted by the same span.
    shift = later.activated_at - plain.activated_at
    before, after = readings(plain, minutes), readings(later, minutes)
    assert after[0] == before[0] + shift
    assert after[1] == [at + shift for at in before[1]]
    assert after[2] == before[2]
