"""A refusal of ``cancellation_quote`` or of a ``CancellationQuote`` names the argument, its code, and
carries the value given: a cancellation before the purchase, a window that would close after year
9999, a quote's instant without a time zone."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.refusals import raises_invalid

from cspcore.billing import CancellationKind, CancellationQuote, cancellation_quote
from cspcore.errors import ErrorCode

BOUGHT = dt.datetime(2024, 3, 15, 11, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)


def test_a_cancellation_before_the_purchase_is_refused_under_at() -> None:
    early = BOUGHT - dt.timedelta(microseconds=1)
    with raises_invalid(field="at", code=ErrorCode.INCONSISTENT) as caught:
        cancellation_quote(BOUGHT, at=early)
    assert caught.value.value == early


def test_a_window_that_would_close_after_year_9999_is_refused_under_purchased_at() -> None:
    late = dt.datetime(9999, 12, 31, 20, tzinfo=dt.UTC)  # 168 hours later is year 10000
    with raises_invalid(field="purchased_at", code=ErrorCode.OUT_OF_RANGE) as caught:
        cancellation_quote(late, at=late + H)
    assert caught.value.value == late


def test_the_last_purchase_whose_window_closes_in_year_9999_is_quoted() -> None:
    last = dt.datetime(9999, 12, 24, 23, 59, 59, 999_999, tzinfo=dt.UTC)
    quote = cancellation_quote(last, at=last)
    assert (quote.kind, quote.closes_at) == (CancellationKind.FULL, last + 168 * H)


@pytest.mark.parametrize("field", ["window_opened_at", "full_refund_until", "closes_at"])
def test_a_quotes_instant_without_a_time_zone_is_refused_under_its_field(field: str) -> None:
    fields: dict[str, object] = {
        "window_opened_at": BOUGHT,
        "full_refund_until": BOUGHT + 24 * H,
        "closes_at": BOUGHT + 168 * H,
    }
    naive = dt.datetime(2024, 3, 15, 11)  # noqa: DTZ001 - the naive instant refused
    fields[field] = naive
    with raises_invalid(field=field, code=ErrorCode.NAIVE_DATETIME) as caught:
        CancellationQuote(kind=CancellationKind.FULL, reasons=(), **fields)  # type: ignore[arg-type]
    assert caught.value.value == naive
