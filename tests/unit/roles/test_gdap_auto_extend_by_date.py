"""GDAP auto-extend is a rule by date: refused when switched on before the day it became available."""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore import InvalidInput, RuleViolation
from cspcore.errors import ErrorCode
from cspcore.roles import (
    AUTO_EXTEND,
    AUTO_EXTEND_FROM,
    AUTO_EXTEND_RULE,
    AutoExtendNotAllowed,
    EntraRole,
    GdapRelationship,
    GdapRequest,
    GdapStatus,
    approve,
)

UA = EntraRole.USER_ADMINISTRATOR
GA = EntraRole.GLOBAL_ADMINISTRATOR
DAY = dt.timedelta(days=1)
BEFORE = dt.datetime(2023, 5, 1, 9, 30, tzinfo=dt.UTC)
FIRST_DAY = dt.datetime.combine(AUTO_EXTEND_FROM, dt.time(), tzinfo=dt.UTC)


def relationship(**changes: object) -> GdapRelationship:
    values: dict[str, object] = {
        "customer_id": "contoso",
        "roles": {UA},
        "duration": 730,
        "activated_at": BEFORE,
        "auto_extend": True,
    }
    values.update(changes)
    return GdapRelationship(**values)  # type: ignore[arg-type]


def test_the_rule_says_no_before_the_first_day_and_yes_from_it() -> None:
    assert AUTO_EXTEND_RULE.at(AUTO_EXTEND_FROM - DAY).value is False
    assert AUTO_EXTEND_RULE.at(AUTO_EXTEND_FROM).value is True
    assert AUTO_EXTEND_RULE.at(dt.date(2020, 1, 1)).value is False  # the first version governs earlier days


def test_a_relationship_activated_before_the_day_cannot_auto_extend() -> None:
    with pytest.raises(AutoExtendNotAllowed) as caught:
        relationship()
    assert isinstance(caught.value, RuleViolation)
    assert isinstance(caught.value, ValueError)
    (reason,) = caught.value.reasons
    assert reason.code == "roles.gdap.auto_extend_not_yet"
    assert reason.params["day"] == BEFORE.date()
    assert reason.params["available"] == AUTO_EXTEND_FROM
    assert reason.source == AUTO_EXTEND_RULE.at(BEFORE.date()).source
    assert reason.source.document == "gdap-faq.md"


def test_the_day_is_read_in_utc() -> None:
    eve = dt.datetime(2023, 10, 30, 1, tzinfo=dt.timezone(dt.timedelta(hours=2)))  # Oct 29 23:00 UTC
    with pytest.raises(AutoExtendNotAllowed):
        relationship(activated_at=eve)
    assert relationship(activated_at=eve + dt.timedelta(hours=1)).auto_extend


def test_from_the_first_day_auto_extend_works_as_before() -> None:
    rel = relationship(activated_at=FIRST_DAY, duration=10)
    assert rel.current_end_at(FIRST_DAY + 20 * DAY) == FIRST_DAY + 10 * DAY + AUTO_EXTEND
    assert rel.expiry_notices() == ()


def test_without_auto_extend_an_early_relationship_is_unchanged() -> None:
    assert relationship(auto_extend=False).end_at == BEFORE + 730 * DAY


def test_global_administrator_is_still_refused_first() -> None:
    with pytest.raises(AutoExtendNotAllowed) as caught:
        relationship(roles={GA})
    assert [r.code for r in caught.value.reasons] == ["roles.gdap.auto_extend_global_admin"]


def test_a_request_created_before_the_day_cannot_ask_for_auto_extend() -> None:
    with pytest.raises(AutoExtendNotAllowed) as caught:
        GdapRequest(customer_id="c", roles={UA}, duration=30, created_at=BEFORE, auto_extend=True)
    assert [r.code for r in caught.value.reasons] == ["roles.gdap.auto_extend_not_yet"]
    request = GdapRequest(customer_id="c", roles={UA}, duration=30, created_at=FIRST_DAY, auto_extend=True)
    assert approve(request, at=FIRST_DAY + DAY).auto_extend


class TestAnExistingRelationshipSwitchedOnLater:
    def test_an_early_relationship_may_gain_auto_extend_from_the_first_day(self) -> None:
        rel = relationship(auto_extend_since=FIRST_DAY)
        end = BEFORE + 730 * DAY
        assert rel.current_end_at(end + DAY) == end + AUTO_EXTEND

    def test_switched_on_before_the_first_day_is_refused(self) -> None:
        with pytest.raises(AutoExtendNotAllowed) as caught:
            relationship(auto_extend_since=FIRST_DAY - DAY)
        assert caught.value.reasons[0].params["day"] == AUTO_EXTEND_FROM - DAY

    def test_before_it_is_switched_on_the_relationship_expires_as_usual(self) -> None:
        short = relationship(activated_at=FIRST_DAY, duration=60, auto_extend_since=FIRST_DAY + 40 * DAY)
        assert short.status_at(FIRST_DAY + 35 * DAY) is GdapStatus.EXPIRING
        assert short.status_at(FIRST_DAY + 45 * DAY) is GdapStatus.ACTIVE
        assert [n.days_before for n in short.expiry_notices()] == [30]

    @pytest.mark.parametrize(
        ("changes", "code"),
        [
            ({"auto_extend": False}, ErrorCode.INCONSISTENT),
            ({"auto_extend_since": BEFORE - DAY}, ErrorCode.INCONSISTENT),
            ({"auto_extend_since": BEFORE + 730 * DAY}, ErrorCode.INCONSISTENT),
            ({"terminated_at": FIRST_DAY}, ErrorCode.INCONSISTENT),
            ({"auto_extend_since": dt.datetime(2024, 1, 1)}, ErrorCode.NAIVE_DATETIME),  # noqa: DTZ001
            ({"auto_extend_since": "2024-01-01"}, ErrorCode.WRONG_TYPE),
        ],
    )
    def test_a_switch_on_outside_the_term_is_invalid(
        self, changes: dict[str, object], code: ErrorCode
    ) -> None:
        values: dict[str, object] = {"auto_extend_since": FIRST_DAY + DAY, **changes}
        with pytest.raises(InvalidInput) as caught:
            relationship(**values)
        assert (caught.value.field, caught.value.code) == ("auto_extend_since", code)
