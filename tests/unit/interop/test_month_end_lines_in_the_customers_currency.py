"""Microsoft's lines as the month-end close bills them: in the customer's currency; usage as a charge.

``converted_line`` moves a line to the customer's currency at the customer's rate: unit prices exact
(through the line's own pricing-to-billing rate when it has one), the subtotal rounded as the
customer's pricing rounds, tax left to the customer's invoice. ``usage_charge`` reads a day-rolled
usage line as an invoice charge line.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cspcore import ErrorCode, InvalidInput, Money, Rounding
from cspcore.billing import ChargeLine, ChargeType, Pricing
from cspcore.billing.usage import RolledUsage
from cspcore.interop.month_end_customer import converted_line, usage_charge

D = dt.date
FLAT = Pricing(markup=Decimal(0))


def line(**changes: object) -> ChargeLine:
    values: dict[str, object] = {
        "order_date": D(2024, 3, 1),
        "charge_type": "new",
        "product": "Microsoft 365 E3",
        "subscription_id": "sub-1",
        "unit_price": Money("10", "EUR"),
        "effective_unit_price": Money("9", "EUR"),
        "quantity": 3,
        "subtotal": Money("27.00", "EUR"),
        "charge_start": D(2024, 3, 1),
        "charge_end": D(2024, 3, 31),
        "customer_id": "c1",
    }
    values.update(changes)
    return ChargeLine(**values)  # type: ignore[arg-type]


def test_prices_are_moved_exactly_and_the_subtotal_is_rounded_to_the_customers_currency() -> None:
    moved = converted_line(line(), "CZK", Decimal("25.125"), FLAT)
    assert repr(moved.unit_price) == "Money('251.250', 'CZK')"
    assert repr(moved.effective_unit_price) == "Money('226.125', 'CZK')"
    assert repr(moved.subtotal) == "Money('678.38', 'CZK')"  # 27.00 × 25.125 = 678.375, half up


def test_a_line_priced_in_another_currency_goes_through_its_own_rate_first() -> None:
    usd = line(
        unit_price=Money("10", "USD"),
        effective_unit_price=Money("9", "USD"),
        subtotal=Money("24.30", "EUR"),
        pricing_currency="USD",
        exchange_rate=Decimal("0.9"),
        exchange_rate_date=D(2024, 2, 29),
    )
    moved = converted_line(usd, "CZK", Decimal(25), FLAT)
    assert moved.unit_price == Money("225", "CZK")  # 10 USD × 0.9 × 25
    assert moved.effective_unit_price == Money("202.5", "CZK")
    assert repr(moved.subtotal) == "Money('607.50', 'CZK')"
    assert (moved.pricing_currency, moved.exchange_rate, moved.exchange_rate_date) == (None, None, None)


@pytest.mark.parametrize(("rounding", "expected"), [(Rounding.HALF_UP, "0.51"), (Rounding.HALF_EVEN, "0.50")])
def test_the_subtotal_is_rounded_as_the_customers_pricing_rounds(rounding: Rounding, expected: str) -> None:
    tie = line(unit_price=Money("0.01", "EUR"), effective_unit_price=Money("0.01", "EUR"), quantity=2,
               subtotal=Money("0.02", "EUR"))  # fmt: skip
    moved = converted_line(tie, "CZK", Decimal("25.25"), Pricing(markup=Decimal(0), rounding=rounding))
    assert repr(moved.subtotal) == f"Money('{expected}', 'CZK')"  # 0.02 × 25.25 = 0.505


def test_tax_is_left_to_the_customers_invoice_and_the_rest_of_the_line_is_kept() -> None:
    original = line(tax=Money("5.67", "EUR"), total=Money("32.67", "EUR"))
    moved = converted_line(original, "PLN", Decimal("4.3"), FLAT)
    assert moved.tax == Money.zero("PLN")
    assert moved.total == moved.subtotal
    for field in ("order_date", "charge_type", "product", "subscription_id", "quantity", "charge_start",
                  "charge_end", "customer_id"):  # fmt: skip
        assert getattr(moved, field) == getattr(original, field), field


def test_the_lines_own_currency_is_refused_as_the_customers() -> None:
    with pytest.raises(InvalidInput) as caught:
        converted_line(line(), "EUR", Decimal(1), FLAT)
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "currency",
        ErrorCode.INCONSISTENT,
        "EUR",
    )


def test_a_customer_currency_that_is_not_a_code_is_refused_on_its_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        converted_line(line(), "czk", Decimal(25), FLAT)
    assert (caught.value.field, caught.value.code) == ("currency", ErrorCode.UNKNOWN_VALUE)


@pytest.mark.parametrize(
    ("rate", "code"),
    [
        (Decimal(0), ErrorCode.OUT_OF_RANGE),
        (Decimal(-2), ErrorCode.OUT_OF_RANGE),
        (25.0, ErrorCode.WRONG_TYPE),
    ],
)
def test_a_rate_that_is_not_a_positive_decimal_is_refused(rate: object, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        converted_line(line(), "CZK", rate, FLAT)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("exchange_rate", code)


def rolled(**changes: object) -> RolledUsage:
    values: dict[str, object] = {
        "subscription_id": "azure-1",
        "meter_id": "meter-7",
        "charge_start": D(2024, 3, 1),
        "charge_end": D(2024, 3, 31),
        "effective_unit_price": Decimal("0.0125"),
        "pricing_currency": "USD",
        "exchange_rate": Decimal("0.9"),
        "quantity": Decimal(100),
        "subtotal": Money("1.13", "EUR"),
        "days": 31,
        "lines": 31,
    }
    values.update(changes)
    return RolledUsage(**values)  # type: ignore[arg-type]


def test_usage_is_a_new_charge_for_its_meter_over_its_charge_period() -> None:
    charge = usage_charge(rolled(), "c9")
    price = Money("0.0125", "USD")
    assert charge.charge_type is ChargeType.NEW
    assert charge.product == "Azure usage, meter meter-7"
    assert (charge.order_date, charge.charge_start, charge.charge_end) == (
        D(2024, 3, 1),
        D(2024, 3, 1),
        D(2024, 3, 31),
    )
    assert (charge.unit_price, charge.effective_unit_price) == (price, price)
    assert (charge.quantity, charge.subtotal) == (Decimal(100), Money("1.13", "EUR"))
    assert (charge.subscription_id, charge.customer_id) == ("azure-1", "c9")
    assert (charge.pricing_currency, charge.exchange_rate) == ("USD", Decimal("0.9"))


def test_usage_priced_in_the_billing_currency_names_no_pricing_currency() -> None:
    charge = usage_charge(rolled(pricing_currency="EUR", exchange_rate=Decimal(1)), "c9")
    assert (charge.pricing_currency, charge.exchange_rate) == (None, None)
    assert charge.unit_price == Money("0.0125", "EUR")


@pytest.mark.parametrize("missing", ["charge_start", "charge_end"])
def test_usage_without_its_charge_period_is_refused(missing: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        usage_charge(rolled(**{missing: None}), "c9")
    assert (caught.value.field, caught.value.code) == ("usage[c9].ChargeStartDate", ErrorCode.MISSING)
    assert caught.value.value == "azure-1"  # the subscription whose usage it is
