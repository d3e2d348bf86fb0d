"""An offering takes one target per severity: two spellings of one severity are refused, not merged.

A severity may be keyed by its member, its name (``"A"``) or its value (``"critical"``). Keyed twice,
one of the two targets would be dropped unseen, and the initial response would fall due by the
other, so the offering is refused under ``targets[<severity>]`` with code ``duplicate``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode
from cspcore.support import Issue, Pricing, Severity, SupportOffering, initial_response_due

_HOUR = dt.timedelta(hours=1)


def _offering(targets: Any) -> SupportOffering:
    return SupportOffering(
        support_types={"technical"},
        hours=None,
        contact_methods={"email"},
        languages=("en",),
        pricing=Pricing.included(),
        targets=targets,
    )


@pytest.mark.parametrize(
    ("targets", "field", "key"),
    [
        ({"A": _HOUR, "critical": 3 * _HOUR}, "targets[A]", "critical"),
        ({Severity.B: _HOUR, "B": _HOUR}, "targets[B]", "B"),  # even when the targets agree
        ({"minimal": _HOUR, "C": 5 * _HOUR, Severity.A: _HOUR}, "targets[C]", "C"),
    ],
)
def test_a_severity_given_twice_is_refused(targets: dict[Any, dt.timedelta], field: str, key: object) -> None:
    with raises_invalid(field=field, code=ErrorCode.DUPLICATE) as caught:
        _offering(targets)
    assert caught.value.value == key


def test_each_spelling_once_sets_that_severity() -> None:
    offering = _offering({"A": _HOUR, "moderate": 2 * _HOUR, Severity.C: 3 * _HOUR})
    received = dt.datetime(2024, 1, 6, 23, tzinfo=dt.UTC)

    assert dict(offering.targets) == {Severity.A: _HOUR, Severity.B: 2 * _HOUR, Severity.C: 3 * _HOUR}
    sev_a = Issue(kind="technical", product="azure", severity="A")
    assert initial_response_due(sev_a, received, offering) == dt.datetime(2024, 1, 7, 0, tzinfo=dt.UTC)
