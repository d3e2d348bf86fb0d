"""A support offering's targets are a read-only mapping, each bounded when the offering is built."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cspcore import ErrorCode, InvalidInput
from cspcore.support import Issue, Pricing, Severity, SupportOffering, initial_response_due

_RECEIVED = dt.datetime(2024, 1, 6, 23, tzinfo=dt.UTC)


def _offering(**extra: Any) -> SupportOffering:
    return SupportOffering(
        support_types={"technical"},
        hours=None,
        contact_methods={"email"},
        languages=("en",),
        pricing=Pricing.included(),
        **extra,
    )


def test_the_targets_cannot_be_changed_in_place() -> None:
    offering = _offering()

    with pytest.raises(TypeError):
        offering.targets[Severity.A] = dt.timedelta(days=365)  # type: ignore[index]

    issue = Issue(kind="technical", product="azure", severity="A")
    assert initial_response_due(issue, _RECEIVED, offering) == _RECEIVED + dt.timedelta(hours=2)


def test_the_callers_mapping_is_copied() -> None:
    given = {Severity.A: dt.timedelta(hours=1)}
    offering = _offering(targets=given)

    given[Severity.A] = dt.timedelta(days=365)

    assert offering.targets[Severity.A] == dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ({"targets": {"A": dt.timedelta.max}}, "targets[A]"),
        ({"targets": {Severity.B: dt.timedelta(days=4_000_000)}}, "targets[B]"),
        ({"unresolved_kind_target": dt.timedelta.max}, "unresolved_kind_target"),
    ],
)
def test_a_target_longer_than_the_calendar_is_refused_when_built(extra: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        _offering(**extra)

    assert (refused.value.field, refused.value.code) == (field, ErrorCode.OUT_OF_RANGE)


@pytest.mark.parametrize(
    ("extra", "field", "code"),
    [
        ({"targets": {"A": dt.timedelta(0)}}, "targets[A]", ErrorCode.OUT_OF_RANGE),
        ({"targets": {"C": 3}}, "targets[C]", ErrorCode.WRONG_TYPE),
        ({"unresolved_kind_target": dt.timedelta(0)}, "unresolved_kind_target", ErrorCode.OUT_OF_RANGE),
        ({"unresolved_kind_target": 8}, "unresolved_kind_target", ErrorCode.WRONG_TYPE),
    ],
)
def test_a_target_must_still_be_a_positive_timedelta(
    extra: dict[str, Any], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as refused:
        _offering(**extra)

    assert (refused.value.field, refused.value.code) == (field, code)
