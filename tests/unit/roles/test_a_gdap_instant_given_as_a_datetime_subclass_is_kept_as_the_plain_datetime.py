"""A datetime subclass given to a GDAP value is kept as the plain datetime it holds.

Same fields, tzinfo and fold; none of the subclass's code (a hostile ``astimezone``, ``__eq__`` or
``__hash__``) runs in a rule, and two values holding the same instants compare and hash alike.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, NoReturn

import attrs
import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode, Reason
from cspcore.roles import EntraRole, GdapRelationship
from cspcore.roles.gdap_effective import DapRelationship
from cspcore.roles.gdap_relationship import ExpiryNotice, terminate
from cspcore.roles.gdap_request import GdapRequest

if TYPE_CHECKING:
    from collections.abc import Callable

ROLES = {EntraRole.DIRECTORY_READERS}
JAN_1 = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
JAN_2 = dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
NOV_1 = dt.datetime(2023, 11, 1, tzinfo=dt.UTC)


class _Stamp(dt.datetime):
    """Equal to anything, one hash for all, and every method a rule might call raises."""

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 7

    def astimezone(self, *_args: Any) -> NoReturn:
        raise AssertionError("the caller's astimezone ran")

    def utcoffset(self) -> NoReturn:
        raise AssertionError("the caller's utcoffset ran")

    def __add__(self, other: object) -> NoReturn:
        raise AssertionError("the caller's __add__ ran")


def _stamp(moment: dt.datetime) -> _Stamp:
    return _Stamp(moment.year, moment.month, moment.day, moment.hour, tzinfo=moment.tzinfo, fold=moment.fold)


def _relationship(**instants: dt.datetime) -> GdapRelationship:
    return GdapRelationship(customer_id="contoso", roles=ROLES, duration=180, **instants)  # type: ignore[arg-type]


def test_a_relationship_keeps_plain_datetimes_and_compares_by_them() -> None:
    given = _relationship(activated_at=_stamp(JAN_1), terminated_at=_stamp(JAN_2))
    plain = _relationship(activated_at=JAN_1, terminated_at=JAN_2)
    assert (type(given.activated_at), type(given.terminated_at)) == (dt.datetime, dt.datetime)
    assert (given, hash(given)) == (plain, hash(plain))
    assert given != _relationship(activated_at=JAN_1, terminated_at=JAN_2 + dt.timedelta(hours=1))


def test_an_auto_extend_start_is_kept_plain() -> None:
    given = GdapRelationship(
        customer_id="contoso",
        roles=ROLES,
        duration=180,
        activated_at=NOV_1,
        auto_extend=True,
        auto_extend_since=_stamp(NOV_1 + dt.timedelta(days=1)),
    )
    assert type(given.auto_extend_since) is dt.datetime


def test_terminating_at_a_subclass_keeps_the_plain_datetime() -> None:
    ended = terminate(_relationship(activated_at=JAN_1), at=_stamp(JAN_2))
    assert type(ended.terminated_at) is dt.datetime
    assert ended == _relationship(activated_at=JAN_1, terminated_at=JAN_2)
    assert ended.end_at == JAN_1 + dt.timedelta(days=180)


def test_requests_dap_relationships_and_notices_keep_plain_datetimes() -> None:
    request = GdapRequest(customer_id="contoso", roles=ROLES, duration=180, created_at=_stamp(JAN_1))
    dap = DapRelationship(customer_id="contoso", established_at=_stamp(JAN_1), removed_at=_stamp(JAN_2))
    notice = ExpiryNotice(at=_stamp(JAN_1), days_before=7, reason=Reason(code="roles.gdap.expiring"))
    assert type(request.created_at) is dt.datetime
    assert (type(dap.established_at), type(dap.removed_at)) == (dt.datetime, dt.datetime)
    assert type(notice.at) is dt.datetime
    assert request == attrs.evolve(request, created_at=JAN_1)
    assert dap.active_at(JAN_1)
    assert not dap.active_at(JAN_2)


@pytest.mark.parametrize(
    ("build", "field", "code"),
    [
        (
            lambda: _relationship(activated_at=dt.datetime(2024, 1, 1)),  # noqa: DTZ001
            "activated_at",
            ErrorCode.NAIVE_DATETIME,
        ),
        (
            lambda: _relationship(activated_at=JAN_1, terminated_at="2024-01-02"),  # type: ignore[arg-type]
            "terminated_at",
            ErrorCode.WRONG_TYPE,
        ),
        (
            lambda: DapRelationship(customer_id="c", established_at=JAN_1, removed_at=3),  # type: ignore[arg-type]
            "removed_at",
            ErrorCode.WRONG_TYPE,
        ),
    ],
)
def test_an_instant_that_is_not_an_aware_datetime_is_refused_under_its_name(
    build: Callable[[], object], field: str, code: ErrorCode
) -> None:
    with raises_invalid(field=field, code=code):
        build()
