"""The trusted ChargeLine constructor builds what the validating constructor builds, and skips no field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing.charges import FIELD_ORDER, ChargeLine, ChargeType, charge_line_of, trusted_charge_line
from cspcore.errors import CurrencyMismatch, ErrorCode
from cspcore.testing.interop import charge_lines

FIELDS = tuple(field.name for field in attrs.fields(ChargeLine))


def _values(line: ChargeLine) -> dict[str, Any]:
    return {name: getattr(line, name) for name in FIELDS}


def _base() -> dict[str, Any]:
    return {
        "order_date": dt.date(2022, 6, 20),
        "charge_type": ChargeType.NEW,
        "product": "Microsoft 365 E3",
        "subscription_id": "sub-1",
        "unit_price": Money("36.00", "USD"),
        "effective_unit_price": Money("36.00", "USD"),
        "quantity": Decimal(2),
        "subtotal": Money("72.00", "USD"),
        "charge_start": dt.date(2022, 6, 20),
        "charge_end": dt.date(2022, 7, 19),
    }


@given(charge_lines())
def test_trusted_line_equals_the_validated_line_field_by_field(line: ChargeLine) -> None:
    values = _values(line)
    trusted = trusted_charge_line(**values)
    rebuilt = ChargeLine(**values)
    assert type(trusted) is ChargeLine
    for name in FIELDS:
        assert getattr(trusted, name) == getattr(rebuilt, name), name
    assert trusted == rebuilt


@given(charge_lines(), st.booleans())
def test_left_out_defaults_are_the_class_defaults(line: ChargeLine, keep_tax: bool) -> None:
    values = _values(line)
    del values["total"]
    if not keep_tax:
        del values["tax"]
    assert trusted_charge_line(**values) == ChargeLine(**values)


@pytest.mark.parametrize(
    "name", [field.name for field in attrs.fields(ChargeLine) if field.default is attrs.NOTHING]
)
def test_a_required_field_cannot_be_skipped(name: str) -> None:
    values = _base()
    del values[name]
    with raises_invalid(field=name, code=ErrorCode.MISSING) as caught:
        trusted_charge_line(**values)
    assert caught.value.value is None


def test_every_field_of_the_class_is_filled() -> None:
    line = trusted_charge_line(**_base())
    for name in FIELDS:
        assert getattr(line, name) == getattr(ChargeLine(**_base()), name)


def test_an_unknown_field_is_refused() -> None:
    with raises_invalid(field="discount", code=ErrorCode.UNKNOWN_VALUE) as caught:
        trusted_charge_line(**_base(), discount=Money("1", "USD"))
    assert caught.value.value == Money("1", "USD")


@pytest.mark.parametrize("name", ["unit_price", "effective_unit_price", "tax"])
def test_a_second_currency_is_refused_as_by_the_class(name: str) -> None:
    values = _base()
    values[name] = Money("0" if name == "tax" else "36.00", "EUR")
    for build in (trusted_charge_line, ChargeLine):
        with pytest.raises(CurrencyMismatch) as caught:
            build(**values)
        assert caught.value.field == name


def test_total_must_be_subtotal_plus_tax() -> None:
    values = {**_base(), "tax": Money("7.20", "USD"), "total": Money("72.00", "USD")}
    for build in (trusted_charge_line, ChargeLine):
        with raises_invalid(field="total", code=ErrorCode.INCONSISTENT) as caught:
            build(**values)
        assert caught.value.value == Money("72.00", "USD")


def test_end_may_not_come_before_start() -> None:
    values = {**_base(), "charge_end": dt.date(2022, 6, 19)}
    for build in (trusted_charge_line, ChargeLine):
        with raises_invalid(field="charge_end", code=ErrorCode.INCONSISTENT) as caught:
            build(**values)
        assert caught.value.value == dt.date(2022, 6, 19)


@given(charge_lines())
def test_the_positional_constructor_equals_the_validated_line(line: ChargeLine) -> None:
    values = tuple(getattr(line, name) for name in FIELD_ORDER)
    built = charge_line_of(values)
    assert built == line
    assert tuple(getattr(built, name) for name in FIELD_ORDER) == values


def test_the_positional_constructor_takes_exactly_every_field_in_the_class_order() -> None:
    assert tuple(field.name for field in attrs.fields(ChargeLine)) == FIELD_ORDER
    for wrong in ((), (1, 2), None):
        with raises_invalid(field="values", code=ErrorCode.MALFORMED) as caught:
            charge_line_of(wrong)  # type: ignore[arg-type]
        assert caught.value.value == wrong


@given(charge_lines())
def test_the_positional_constructor_applies_the_cross_field_rules(line: ChargeLine) -> None:
    values = dict(zip(FIELD_ORDER, (getattr(line, name) for name in FIELD_ORDER), strict=True))
    values["total"] = line.total + Money("0.01", line.currency)
    with raises_invalid(field="total", code=ErrorCode.INCONSISTENT):
        charge_line_of(tuple(values.values()))
