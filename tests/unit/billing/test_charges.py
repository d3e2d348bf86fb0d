from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from tests.refusals import raises_invalid

from cspcore import CurrencyMismatch, InvalidInput, Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.errors import ErrorCode

D = dt.date


def line(**changes: object) -> ChargeLine:
    fields: dict[str, object] = {
        "order_date": D(2021, 6, 20),
        "charge_type": "addQuantity",
        "product": "Microsoft 365 Business Standard",
        "subscription_id": "sub-1",
        "unit_price": Money("10.08", "EUR"),
        "effective_unit_price": Money("-9.408", "EUR"),
        "quantity": 10,
        "subtotal": Money("-94.08", "EUR"),
        "charge_start": D(2021, 6, 20),
        "charge_end": D(2021, 7, 17),
    }
    fields.update(changes)
    return ChargeLine(**fields)  # type: ignore[arg-type]


def test_a_refund_line_derives_its_total_and_counts_its_days() -> None:
    refund = line()
    assert (Money("-94.08", "EUR"), 28, True, "EUR") == (
        refund.total,
        refund.days,
        refund.is_refund,
        refund.currency,
    )
    assert refund.charge_type == ChargeType.ADD_QUANTITY
    assert Decimal(10) == refund.quantity


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("unit_price", Money("10.08", "USD"), ErrorCode.CURRENCY_MISMATCH),
        ("tax", Money("0", "USD"), ErrorCode.CURRENCY_MISMATCH),  # see the next test: the total is given here
        ("total", Money("-94.00", "EUR"), ErrorCode.INCONSISTENT),
        ("charge_end", D(2021, 6, 19), ErrorCode.INCONSISTENT),
        ("qualifiers", "Trial", ErrorCode.WRONG_TYPE),
        ("charge_type", "refund", ErrorCode.UNKNOWN_VALUE),
    ],
)
def test_inconsistent_lines_are_refused_naming_the_field(field: str, value: object, code: ErrorCode) -> None:
    extra: dict[str, object] = {"total": Money("-94.08", "EUR")} if field == "tax" else {}
    with raises_invalid(field=field, code=code):
        line(**{field: value, **extra})


def test_qualifiers_are_kept_as_a_tuple() -> None:
    assert line(qualifiers=["Trial"]).qualifiers == ("Trial",)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"quantity": "ten"}, "quantity", ErrorCode.NOT_A_NUMBER),
        ({"qualifiers": "abc"}, "qualifiers", ErrorCode.WRONG_TYPE),
        ({"qualifiers": 5}, "qualifiers", ErrorCode.WRONG_TYPE),
        ({"qualifiers": ("a", 5)}, "qualifiers[]", ErrorCode.WRONG_TYPE),
        ({"tax": "1.00"}, "tax", ErrorCode.WRONG_TYPE),
        # the subtotal is read first by the default of whichever of tax and total is left out
        ({"subtotal": "-94.08"}, "subtotal", ErrorCode.WRONG_TYPE),
        ({"subtotal": "-94.08", "tax": Money("0", "EUR")}, "subtotal", ErrorCode.WRONG_TYPE),
        (
            {"subtotal": "-94.08", "tax": Money("0", "EUR"), "total": Money("-94.08", "EUR")},
            "subtotal",
            ErrorCode.WRONG_TYPE,
        ),
        (
            {"tax": Money("1.00", "USD")},
            "tax",
            ErrorCode.CURRENCY_MISMATCH,
        ),
        (
            {"unit_price": Money("1", "USD")},
            "unit_price",
            ErrorCode.CURRENCY_MISMATCH,
        ),
        (
            {"total": Money("1.00", "EUR")},
            "total",
            ErrorCode.INCONSISTENT,
        ),
        (
            {"charge_end": dt.date(2021, 6, 19)},
            "charge_end",
            ErrorCode.INCONSISTENT,
        ),
    ],
)
def test_a_charge_line_refuses_bad_fields_by_name(
    changes: dict[str, object], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as refused:
        line(**changes)
    assert (field, code) == (refused.value.field, refused.value.code)


def test_an_unknown_charge_type_is_refused_with_the_known_ones_listed() -> None:
    with pytest.raises(InvalidInput) as refused:
        line(charge_type="bogus")
    assert (refused.value.field, refused.value.code) == ("charge_type", ErrorCode.UNKNOWN_VALUE)


@pytest.mark.parametrize("qualifiers", [["a", "b"], ("a", "b"), frozenset({"a"}), {"a"}])
def test_qualifiers_may_come_as_any_collection_of_strings(qualifiers: object) -> None:
    assert tuple(sorted(qualifiers)) == tuple(sorted(line(qualifiers=qualifiers).qualifiers))  # type: ignore[call-overload]


@pytest.mark.parametrize("total", [None, Money("-93.08", "EUR")])
def test_a_tax_in_another_currency_is_refused_naming_both_currencies(total: Money | None) -> None:
    # whether the total is left to be derived from the tax or given and checked against it
    given = {} if total is None else {"total": total}
    with raises_invalid(field="tax", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch) as refused:
        line(tax=Money("1.00", "USD"), **given)
    mismatch = refused.value
    assert isinstance(mismatch, CurrencyMismatch)
    assert (mismatch.left, mismatch.right) == ("EUR", "USD")


@pytest.mark.parametrize("qualifiers", ["Trial", 5, None])
def test_qualifiers_that_are_not_a_collection_are_refused_showing_the_value(qualifiers: object) -> None:
    with raises_invalid(field="qualifiers", code=ErrorCode.WRONG_TYPE) as refused:
        line(qualifiers=qualifiers)
    assert refused.value.value == qualifiers
