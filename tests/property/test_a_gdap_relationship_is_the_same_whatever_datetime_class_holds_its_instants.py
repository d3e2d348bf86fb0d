"""A GDAP relationship built from datetime subclasses equals, and hashes as, one built from plain ones."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import example, given
from hypothesis import strategies as st

from cspcore.roles import EntraRole, GdapRelationship

ZONES = st.sampled_from([dt.UTC, ZoneInfo("Europe/Prague"), ZoneInfo("America/New_York")])
INSTANTS = st.datetimes(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=ZONES)  # noqa: DTZ001


class _Stamp(dt.datetime):
    """A subclass that claims equality with everything and one hash for all."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 7


def _stamp(moment: dt.datetime) -> _Stamp:
    return _Stamp(
        moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
        moment.microsecond, tzinfo=moment.tzinfo, fold=moment.fold,
    )  # fmt: skip


def _relationship(activated_at: dt.datetime, terminated_at: dt.datetime) -> GdapRelationship:
    return GdapRelationship(
        customer_id="contoso",
        roles={EntraRole.DIRECTORY_READERS},
        duration=730,
        activated_at=activated_at,
        terminated_at=terminated_at,
    )


@given(INSTANTS, st.timedeltas(dt.timedelta(0), dt.timedelta(days=800)))
@example(dt.datetime(2024, 10, 27, 2, 30, fold=1, tzinfo=ZoneInfo("Europe/Prague")), dt.timedelta(hours=1))
def test_the_class_of_the_instants_given_changes_nothing(
    activated: dt.datetime, lasted: dt.timedelta
) -> None:
    terminated = (activated.astimezone(dt.UTC) + lasted).astimezone(activated.tzinfo)
    plain = _relationship(activated, terminated)
    given = _relationship(_stamp(activated), _stamp(terminated))
    assert (given, hash(given)) == (plain, hash(plain))
    assert (type(given.activated_at), type(given.terminated_at)) == (dt.datetime, dt.datetime)
    assert given.terminated_at is not None
    assert (given.activated_at.fold, given.terminated_at.fold) == (activated.fold, terminated.fold)
