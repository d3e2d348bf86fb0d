"""A parameter rendering cannot format is refused under its own name (``reason.params.days``).

Every number cspcore formats has at most 31 digits before its point (``_validate.decimal``: a
magnitude within 10**30 either way, as an exponent); a count past it (``10**40`` days) was
refused under ``number``, the name of the formatter's own argument, which the caller never gave.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode, Reason
from cspcore.i18n import render

#: A plural message: its ``days`` parameter picks the form.
EXPIRY = "roles.gdap.expiry_notice"
LOCALES = ["en_US", "cs_CZ", "pl_PL", "hu_HU", "ja_JP"]


def _expiry(days: object) -> Reason:
    return Reason(code=EXPIRY, params={"customer": "c1", "end": "1.7.", "days": days})


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("days", [10**40, -(10**40), 10**31, Decimal("1E40")], ids=repr)
def test_a_count_past_the_bound_is_refused_under_its_parameter(days: object, locale: str) -> None:
    with raises_invalid(field="reason.params.days", code=ErrorCode.OUT_OF_RANGE) as caught:
        render(_expiry(days), locale=locale)
    assert caught.value.value == days


def test_a_count_at_the_bound_renders_every_digit() -> None:
    assert render(_expiry(10**31 - 1), locale="en_US").endswith(f"{10**31 - 1:,} days.")


def test_any_parameter_past_the_bound_is_refused_under_its_name() -> None:
    with raises_invalid(field="reason.params.n", code=ErrorCode.OUT_OF_RANGE):
        render(Reason(code="core.unknown.thing", params={"n": 10**40}), locale="en_US")
    with raises_invalid(field="reason.params.xs[1]", code=ErrorCode.OUT_OF_RANGE):
        render(Reason(code="core.unknown.thing", params={"xs": (1, 10**40)}), locale="cs_CZ")


def test_a_naive_datetime_parameter_is_refused_under_its_name() -> None:
    naive = dt.datetime(2024, 3, 15, 11)  # noqa: DTZ001 - refused, as meant
    with raises_invalid(field="reason.params.at", code=ErrorCode.NAIVE_DATETIME):
        render(Reason(code="core.unknown.thing", params={"at": naive}), locale="en_US")
