"""Usage lines are checked values; the invoice line's subtotal follows the usage-based formula; PEC rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import PecExclusion, PecRefusal, UsageLine, check_pec, pec_effective_price, rollup
from cspcore.billing.usage import PEC_RATE
from cspcore.errors import ErrorCode

BASE: dict[str, Any] = {
    "usage_date": dt.date(2022, 6, 3),
    "subscription_id": "sub-1",
    "meter_id": "m-1",
    "quantity": Decimal(24),
    "unit_price": Decimal("0.096"),
    "pricing_pre_tax_total": Decimal("2.304"),
    "billing_pre_tax_total": Decimal("2.11968"),
    "billing_currency": "EUR",
    "pricing_currency": "USD",
    "exchange_rate": Decimal("0.92"),
}


def line(**changes: Any) -> UsageLine:
    return UsageLine(**{**BASE, **changes})


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"quantity": 10**13}, "quantity", ErrorCode.OUT_OF_RANGE),
        ({"quantity": 1.5}, "quantity", ErrorCode.WRONG_TYPE),
        ({"unit_price": "x"}, "unit_price", ErrorCode.NOT_A_NUMBER),
        ({"billing_currency": "XXX"}, "billing_currency", ErrorCode.UNKNOWN_VALUE),
        ({"pec_rate": 15}, "pec_rate", ErrorCode.OUT_OF_RANGE),
        ({"credit_rate": "-0.1"}, "credit_rate", ErrorCode.OUT_OF_RANGE),
        ({"exchange_rate": 0}, "exchange_rate", ErrorCode.OUT_OF_RANGE),
        ({"pricing_currency": "EUR"}, "exchange_rate", ErrorCode.INCONSISTENT),
        ({"subscription_id": ""}, "subscription_id", ErrorCode.EMPTY),
        ({"usage_date": "2022-06-03"}, "usage_date", ErrorCode.WRONG_TYPE),
        (
            {"charge_start": dt.date(2022, 6, 30), "charge_end": dt.date(2022, 6, 1)},
            "charge_end",
            ErrorCode.INCONSISTENT,
        ),
    ],
)
def test_a_usage_line_refuses_bad_fields_naming_field_and_code(
    changes: dict[str, Any], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        line(**changes)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_the_invoice_line_cuts_the_usd_line_then_the_converted_amount() -> None:
    # 0.0816 × (24 + 24 + 12.5) = 4.9368 → 4.93 USD; × 0.92 = 4.5356 → 4.53 EUR.
    days = [
        line(effective_unit_price="0.0816"),
        line(effective_unit_price="0.0816", usage_date=dt.date(2022, 6, 4)),
        line(effective_unit_price="0.0816", usage_date=dt.date(2022, 6, 5), quantity="12.5"),
    ]
    (invoice_line,) = rollup(days)
    assert (invoice_line.quantity, invoice_line.subtotal, invoice_line.days, invoice_line.lines) == (
        Decimal("60.5"),
        Money("4.53", "EUR"),
        3,
        3,
    )


def test_the_line_is_rounded_once_not_day_by_day() -> None:
    # Each day alone: 0.0816 × 0.1 = 0.00816 → 0.00; the line of ten days: 0.0816 → 0.08.
    days = [
        line(effective_unit_price="0.0816", quantity="0.1", usage_date=dt.date(2022, 6, d))
        for d in range(1, 11)
    ]
    (invoice_line,) = rollup(days)
    assert invoice_line.subtotal == Money("0.07", "EUR")  # 0.08 USD × 0.92 = 0.0736 → 0.07 EUR


def test_lines_of_another_price_period_or_meter_are_other_invoice_lines() -> None:
    base = line(effective_unit_price="0.0816")
    rolled = rollup(
        [
            base,
            attrs.evolve(base, effective_unit_price=Decimal("0.096")),
            attrs.evolve(base, meter_id="m-2"),
            attrs.evolve(base, charge_start=dt.date(2022, 6, 1), charge_end=dt.date(2022, 6, 30)),
        ]
    )
    assert len(rolled) == 4


def test_without_an_effective_price_the_invoice_keys_on_the_list_price_after_pec() -> None:
    assert line(pec_rate="0.15").rated_price == Decimal("0.08160")
    assert line(pec_rate="0.15", effective_unit_price="0.09").rated_price == Decimal("0.09")


def test_rollup_refuses_what_is_not_a_usage_line() -> None:
    with pytest.raises(InvalidInput) as caught:
        rollup([line(), "row"])  # type: ignore[list-item]
    assert (caught.value.field, caught.value.code) == ("usage_lines[1]", ErrorCode.WRONG_TYPE)


def test_pec_effective_price_refuses_a_percentage_written_as_a_whole_number() -> None:
    with pytest.raises(InvalidInput) as caught:
        pec_effective_price(Decimal(1), Decimal(15))
    assert (caught.value.field, caught.value.code) == ("pec_rate", ErrorCode.OUT_OF_RANGE)


def test_pec_is_earned_only_with_an_eligible_role_held_the_whole_day_on_an_applicable_product() -> None:
    assert check_pec(eligible_role=True, whole_day=True).eligible
    assert check_pec(eligible_role=False, whole_day=True).refusals == (PecRefusal.NO_ELIGIBLE_ROLE,)
    assert check_pec(eligible_role=True, whole_day=False).rate == 0
    for exclusion in PecExclusion:
        assert check_pec(eligible_role=True, whole_day=True, exclusion=exclusion).refusals == (
            PecRefusal.NOT_APPLICABLE,
        )
    assert check_pec(eligible_role=True, whole_day=True, agreement=False).refusals == (
        PecRefusal.NO_AGREEMENT,
    )


def test_the_credit_earned_is_fifteen_percent_of_the_list_price() -> None:
    # "Either 0 or 15 percent" (daily-rated-usage-recon-files.md): the one rate, in one place.
    assert Decimal("0.15") == PEC_RATE
    assert check_pec(eligible_role=True, whole_day=True).rate == PEC_RATE
    assert pec_effective_price(Decimal(100), check_pec(eligible_role=True, whole_day=True).rate) == 85


def test_check_pec_refuses_a_flag_that_is_not_a_boolean() -> None:
    with pytest.raises(InvalidInput) as caught:
        check_pec(eligible_role="yes", whole_day=True)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("eligible_role", ErrorCode.WRONG_TYPE)
