"""A versioned rule refuses versions out of order, two on one day, and days before a rule existed."""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore.errors import ErrorCode, InvalidInput
from cspcore.explain import Source
from cspcore.rules import RuleVersion, VersionedRule

SOURCE = Source(document="billing-basics.md")


def version(day: dt.date, value: int = 1) -> RuleVersion[int]:
    return RuleVersion(effective_from=day, value=value, source=SOURCE)


def refused(action: object) -> tuple[str, ErrorCode]:
    assert callable(action)
    with pytest.raises(InvalidInput) as caught:
        action()
    return caught.value.field, caught.value.code


def test_versions_given_newest_first_are_refused_as_out_of_order() -> None:
    versions = (version(dt.date(2022, 3, 1)), version(dt.date(2021, 10, 1)))
    assert refused(lambda: VersionedRule(name="r", versions=versions)) == (
        "versions[].effective_from",
        ErrorCode.OUT_OF_ORDER,
    )


def test_two_versions_on_one_day_are_refused_as_duplicates() -> None:
    versions = (version(dt.date(2022, 3, 1)), version(dt.date(2022, 3, 1), 2))
    assert refused(lambda: VersionedRule(name="r", versions=versions)) == (
        "versions[].effective_from",
        ErrorCode.DUPLICATE,
    )


def test_a_rule_without_versions_is_refused() -> None:
    assert refused(lambda: VersionedRule(name="r", versions=())) == ("versions", ErrorCode.EMPTY)


def test_a_version_of_the_wrong_kind_is_refused() -> None:
    assert refused(lambda: VersionedRule(name="r", versions=(dt.date(2022, 3, 1),))) == (
        "versions[]",
        ErrorCode.WRONG_TYPE,
    )


def test_a_version_needs_a_date_and_a_source() -> None:
    assert refused(
        lambda: RuleVersion(effective_from=dt.datetime(2022, 3, 1, tzinfo=dt.UTC), value=1, source=SOURCE)
    ) == ("effective_from", ErrorCode.WRONG_TYPE)
    assert refused(
        lambda: RuleVersion(effective_from=dt.date(2022, 3, 1), value=1, source="billing-basics.md")  # type: ignore[arg-type]
    ) == ("source", ErrorCode.WRONG_TYPE)


def test_a_day_is_a_date_not_an_instant() -> None:
    rule: VersionedRule[int] = VersionedRule(name="r", versions=[version(dt.date(2022, 3, 1))])
    assert refused(lambda: rule.at(dt.datetime(2022, 3, 1, tzinfo=dt.UTC))) == ("on", ErrorCode.WRONG_TYPE)


def test_the_first_version_governs_earlier_days_unless_the_rule_did_not_exist() -> None:
    first = version(dt.date(2021, 10, 1))
    assert first == VersionedRule(name="r", versions=[first]).at(dt.date(2001, 1, 1))
    missing: VersionedRule[int] = VersionedRule(name="r", versions=[first], applies_before_first=False)
    assert refused(lambda: missing.at(dt.date(2021, 9, 30))) == ("on", ErrorCode.OUT_OF_RANGE)
    assert first == missing.at(dt.date(2021, 10, 1))


def test_a_version_takes_effect_on_its_own_day() -> None:
    old, new = version(dt.date(2021, 10, 1), 72), version(dt.date(2022, 3, 1), 168)
    rule: VersionedRule[int] = VersionedRule(name="r", versions=(old, new))
    assert (old, new, new) == (rule.at(dt.date(2022, 2, 28)), rule.at(dt.date(2022, 3, 1)), rule.current)
