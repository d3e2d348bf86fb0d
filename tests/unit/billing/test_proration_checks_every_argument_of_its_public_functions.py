"""The public proration arithmetic checks each argument once, at its edge: an enum by any of its
spellings (never an unknown one taken for the other rounding), amounts as Decimal, int or str (never a
float), day counts as positive bounded ints; each refusal names the argument."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from tests.refusals import raises_invalid

from cspcore.billing.proration import (
    ProrationRounding,
    negated,
    prorated,
    prorated_subtotal,
    shown_price,
    trusted_subtotal,
    whole_units,
)
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from collections.abc import Callable

CENT = Decimal("0.01")
SHARE = (Decimal("282.24"), 30)  # 10.08 for 28 of 30 days


@pytest.mark.parametrize(
    ("rounding", "expected"),
    [
        (ProrationRounding.UNIT_PRICE_FIRST, Decimal("112.80")),
        ("unitPriceFirst", Decimal("112.80")),
        ("UNIT_PRICE_FIRST", Decimal("112.80")),
        ("unit_price_first", Decimal("112.80")),
        (ProrationRounding.LINE_TOTAL, Decimal("112.89")),
        ("lineTotal", Decimal("112.89")),
        ("LINE_TOTAL", Decimal("112.89")),
    ],
)
def test_a_rounding_is_read_by_any_of_its_spellings(rounding: Any, expected: Decimal) -> None:
    assert expected == prorated_subtotal(SHARE, 12, CENT, rounding)


def test_the_public_subtotal_is_the_trusted_one_of_checked_arguments() -> None:
    for rounding in ProrationRounding:
        assert trusted_subtotal(SHARE, 12, CENT, rounding) == prorated_subtotal(SHARE, 12, CENT, rounding)


REFUSALS: list[tuple[str, Callable[[], object], str, ErrorCode]] = [
    ("a float price", lambda: prorated(10.08, 28, 30), "price", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
    ("a NaN price", lambda: prorated(Decimal("NaN"), 28, 30), "price", ErrorCode.NOT_FINITE),
    ("no cycle days", lambda: prorated(Decimal("10.08"), 28, 0), "cycle_days", ErrorCode.OUT_OF_RANGE),
    ("negative cycle days", lambda: prorated(Decimal("10.08"), 1, -30), "cycle_days", ErrorCode.OUT_OF_RANGE),
    ("cycle days past the calendar", lambda: prorated(1, 1, 10**7), "cycle_days", ErrorCode.OUT_OF_RANGE),
    ("float cycle days", lambda: prorated(1, 1, 30.0), "cycle_days", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
    ("no billing days", lambda: prorated(Decimal("10.08"), 0, 30), "billing_days", ErrorCode.OUT_OF_RANGE),
    (
        "negative billing days",
        lambda: prorated(Decimal("10.08"), -2, 30),
        "billing_days",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "more billing days than the cycle has",
        lambda: prorated(1, 31, 30),
        "billing_days",
        ErrorCode.OUT_OF_RANGE,
    ),
    ("boolean billing days", lambda: prorated(1, True, 30), "billing_days", ErrorCode.WRONG_TYPE),
    ("a zero denominator", lambda: shown_price(Decimal("282.24"), 0), "share[1]", ErrorCode.OUT_OF_RANGE),
    ("a float numerator", lambda: shown_price(282.24, 30), "share[0]", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
    ("an infinite numerator", lambda: shown_price(Decimal("-Inf"), 30), "share[0]", ErrorCode.NOT_FINITE),
    ("a huge numerator", lambda: shown_price(Decimal("1e60"), 30), "share[0]", ErrorCode.OUT_OF_RANGE),
    ("a share that is no pair", lambda: negated([Decimal(1), 3]), "share", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
    ("a negative day count", lambda: negated((Decimal(1), -3)), "share[1]", ErrorCode.OUT_OF_RANGE),
    (
        "an unknown rounding",
        lambda: prorated_subtotal(SHARE, 12, CENT, "unitPrice"),  # type: ignore[arg-type]
        "rounding",
        ErrorCode.UNKNOWN_VALUE,
    ),
    (
        "a float quantity",
        lambda: prorated_subtotal(SHARE, 12.0, CENT, ProrationRounding.LINE_TOTAL),  # type: ignore[arg-type]
        "quantity",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a quantity past a trillion",
        lambda: prorated_subtotal(SHARE, 10**12 + 1, CENT, ProrationRounding.LINE_TOTAL),
        "quantity",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "a zero quantum",
        lambda: prorated_subtotal(SHARE, 12, Decimal(0), ProrationRounding.LINE_TOTAL),
        "quantum",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "a float quantum",
        lambda: prorated_subtotal(SHARE, 12, 0.01, ProrationRounding.LINE_TOTAL),  # type: ignore[arg-type]
        "quantum",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a negative price quantum",
        lambda: prorated_subtotal(SHARE, 12, CENT, "lineTotal", price_quantum=Decimal("-0.01")),
        "price_quantum",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "a zero rate",
        lambda: prorated_subtotal(SHARE, 12, CENT, "lineTotal", rate=Decimal(0)),
        "rate",
        ErrorCode.OUT_OF_RANGE,
    ),
    (
        "a float rate",
        lambda: prorated_subtotal(SHARE, 12, CENT, "lineTotal", rate=0.85),  # type: ignore[arg-type]
        "rate",
        ErrorCode.WRONG_TYPE,
    ),
    (
        "a subtotal of more quanta than can be counted",
        lambda: prorated_subtotal((Decimal("1e36"), 1), 10**12, Decimal("1e-30"), "lineTotal"),
        "share",
        ErrorCode.OUT_OF_RANGE,
    ),
    ("a float to divide", lambda: whole_units(9.408, CENT), "numerator", ErrorCode.WRONG_TYPE),  # type: ignore[arg-type]
    ("a zero step", lambda: whole_units(Decimal("9.408"), Decimal(0)), "denominator", ErrorCode.OUT_OF_RANGE),
]


@pytest.mark.parametrize(
    ("call", "field", "code"),
    [refusal[1:] for refusal in REFUSALS],
    ids=[refusal[0] for refusal in REFUSALS],
)
def test_a_bad_argument_is_refused_by_its_name(
    call: Callable[[], object], field: str, code: ErrorCode
) -> None:
    with raises_invalid(field=field, code=code):
        call()


def test_a_share_of_the_largest_price_over_the_longest_cycle_is_still_a_share() -> None:
    price = Decimal("9" * 30 + "." + "9" * 20)  # 50 digits, just under 10**30
    share = prorated(price, 3_652_058, 3_652_059)
    assert share == negated(negated(share))
    assert shown_price(*share) < price
