"""Resale pricing and the customer's invoice: refusals by field, value and message, exact amounts, reasons."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from typing import Any

import pytest

from cspcore import CurrencyMismatch, ErrorCode, InvalidInput, Money, Rounding
from cspcore.billing import (
    ChargeLine,
    ChargeType,
    Invoice,
    InvoiceLine,
    NegativeInvoice,
    PaymentTerms,
    Pricing,
    TaxRule,
    customer_invoice,
    customer_price,
)
from cspcore.explain import Reason, Source

D = dt.date
ISSUED = D(2024, 2, 1)
ROUNDINGS = (
    "ROUND_HALF_UP, ROUND_HALF_EVEN, ROUND_HALF_DOWN, ROUND_DOWN, ROUND_UP, ROUND_FLOOR, ROUND_CEILING"
)


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def charge(
    subtotal: str,
    *,
    product: str = "E3",
    unit: str = "36.00",
    effective: str | None = None,
    quantity: int = 1,
    currency: str = "EUR",
    charge_type: ChargeType = ChargeType.NEW,
) -> ChargeLine:
    return ChargeLine(
        order_date=D(2024, 1, 1),
        charge_type=charge_type,
        product=product,
        subscription_id="s-1",
        unit_price=Money(unit, currency),
        effective_unit_price=Money(unit if effective is None else effective, currency),
        quantity=Decimal(quantity),
        subtotal=Money(subtotal, currency),
        charge_start=D(2024, 1, 1),
        charge_end=D(2024, 1, 31),
    )


def refusal(error: pytest.ExceptionInfo[InvalidInput]) -> tuple[str, object, str]:
    return (error.value.field, error.value.value, error.value.code)


MARKUP = Pricing(markup=Decimal("0.10"))


# -- Pricing refuses what cannot price a line -------------------------------------------------------


def test_a_float_markup_is_refused_naming_the_markup() -> None:
    with pytest.raises(InvalidInput) as caught:
        Pricing(markup=0.15)  # type: ignore[arg-type]
    expected = ("markup", 0.15, ErrorCode.WRONG_TYPE)
    assert expected == refusal(caught)


@pytest.mark.parametrize("markup", [Decimal(-1), "-1", -2, Decimal("-1.5")])
def test_a_discount_of_100_percent_or_more_is_refused_with_the_value_as_given(
    markup: Decimal | int | str,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        Pricing(markup=markup)
    # the one rule for fractions: a markup stays above -1 (a 100 % discount)
    assert ("markup", Decimal(markup)) == (caught.value.field, caught.value.value)
    assert caught.value.code == ErrorCode.OUT_OF_RANGE


def test_a_discount_just_short_of_100_percent_is_accepted() -> None:
    assert Decimal("-0.99") == Pricing(markup="-0.99").markup


def test_a_price_list_that_is_not_a_mapping_is_refused() -> None:
    pairs = [("E3", eur("1"))]
    with pytest.raises(InvalidInput) as caught:
        Pricing(price_list=pairs)  # type: ignore[arg-type]
    expected = ("price_list", pairs, ErrorCode.WRONG_TYPE)
    assert expected == refusal(caught)


def test_a_price_list_key_that_is_not_a_product_name_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        Pricing(price_list={7: eur("1")})  # type: ignore[dict-item]
    expected = ("price_list key", 7, ErrorCode.WRONG_TYPE)
    assert expected == refusal(caught)


def test_a_price_that_is_not_money_is_refused_naming_its_product() -> None:
    with pytest.raises(InvalidInput) as caught:
        Pricing(price_list={"E3": "40.00"})  # type: ignore[dict-item]
    expected = ("price_list['E3']", "40.00", ErrorCode.WRONG_TYPE)
    assert expected == refusal(caught)


def test_an_unknown_rounding_is_refused_listing_the_roundings() -> None:
    with pytest.raises(InvalidInput) as caught:
        Pricing(markup=Decimal(0), rounding="sideways")  # type: ignore[arg-type]
    expected = ("rounding", "sideways", ErrorCode.UNKNOWN_VALUE)
    assert expected == refusal(caught)


def test_a_rounding_is_found_by_its_name() -> None:
    pricing = Pricing(markup=Decimal(0), rounding="FLOOR")
    assert pricing.rounding is Rounding.FLOOR


@pytest.mark.parametrize(
    ("pricing", "code"),
    [
        ({}, ErrorCode.MISSING),
        ({"markup": Decimal(0), "price_list": {"E3": Money("1", "EUR")}}, ErrorCode.NOT_ALLOWED),
    ],
    ids=["neither", "both"],
)
def test_pricing_needs_exactly_one_of_markup_and_price_list(pricing: dict[str, Any], code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        Pricing(**pricing)
    assert ("pricing", None, code) == refusal(caught)


def test_pricings_with_different_price_lists_differ() -> None:
    assert Pricing(price_list={"E3": eur("1.00")}) != Pricing(price_list={"E3": eur("2.00")})


def test_pricings_with_equal_price_lists_are_equal_and_hash_alike() -> None:
    first = Pricing(price_list={"E3": eur("1.00"), "Visio": eur("5.00")})
    second = Pricing(price_list={"Visio": eur("5.00"), "E3": eur("1.00")})
    assert (first, hash(first)) == (second, hash(second))


def test_a_pricings_price_list_is_a_read_only_copy() -> None:
    given = {"E3": eur("1.00")}
    pricing = Pricing(price_list=given)
    given["E3"] = eur("9.00")
    with pytest.raises(TypeError):
        pricing.price_list["E3"] = eur("9.00")  # type: ignore[index]
    assert {"E3": eur("1.00")} == pricing.price_list


def test_a_pricing_shows_its_price_list_as_a_plain_mapping_or_none() -> None:
    expected = (
        "Pricing(markup=None, price_list={'E3': Money('1.00', 'EUR')}, "
        "rounding=<Rounding.HALF_UP: 'ROUND_HALF_UP'>, max_markup=Decimal('1'))"
    )
    assert expected == repr(Pricing(price_list={"E3": eur("1.00")}))
    markup = (
        "Pricing(markup=Decimal('0.1'), price_list=None, rounding=<Rounding.DOWN: 'ROUND_DOWN'>, "
        "max_markup=Decimal('1'))"
    )
    assert markup == repr(Pricing(markup=Decimal("0.1"), rounding=Rounding.DOWN))


# -- customer_price ---------------------------------------------------------------------------------


def test_a_price_list_price_is_prorated_by_effective_over_list_price_and_multiplied_by_quantity() -> None:
    # 3 seats added on 16 January: Microsoft charges 16.00 of 31.00 per seat; the customer's
    # 40.00 per full month prorates the same way: 40 x 16/31 x 3 = 61.935... -> 61.94.
    line = charge("48.00", unit="31.00", effective="16.00", quantity=3)
    assert eur("61.94") == customer_price(line, Pricing(price_list={"E3": eur("40.00")}))


def test_a_price_list_rounds_the_line_as_the_pricing_says() -> None:
    line = charge("48.00", unit="31.00", effective="16.00", quantity=3)
    pricing = Pricing(price_list={"E3": eur("40.00")}, rounding=Rounding.DOWN)
    assert eur("61.93") == customer_price(line, pricing)


def test_a_markup_adds_its_fraction_of_the_subtotal_rounded_as_the_pricing_says() -> None:
    # 9.99 + 15.5 % = 11.53845: half up 11.54, down 11.53; a 20 % discount gives 7.992 -> 7.99.
    line = charge("9.99")
    assert (eur("11.54"), eur("11.53"), eur("7.99")) == (
        customer_price(line, Pricing(markup=Decimal("0.155"))),
        customer_price(line, Pricing(markup=Decimal("0.155"), rounding=Rounding.DOWN)),
        customer_price(line, Pricing(markup=Decimal("-0.2"))),
    )


def test_a_markup_does_not_depend_on_the_ambient_decimal_context() -> None:
    # 100.00 with a 15.5 % markup is exactly 115.50; a 3-digit floor context must not turn the
    # factor 1.155 into 1.15.
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR)):
        actual = customer_price(charge("100.00"), Pricing(markup=Decimal("0.155")))
    assert eur("115.50") == actual


def test_a_price_list_amount_does_not_depend_on_the_ambient_decimal_context() -> None:
    line = charge("48.00", unit="31.00", effective="16.00", quantity=3)
    with decimal.localcontext(decimal.Context(prec=3, rounding=decimal.ROUND_FLOOR)):
        actual = customer_price(line, Pricing(price_list={"E3": eur("40.00")}))
    assert eur("61.94") == actual


def test_something_that_is_not_a_charge_line_is_refused_under_the_given_field() -> None:
    with pytest.raises(InvalidInput) as caught:
        customer_price("E3", MARKUP)  # type: ignore[arg-type]
    expected = ("line", "E3", ErrorCode.WRONG_TYPE)
    assert expected == refusal(caught)
    with pytest.raises(InvalidInput) as caught:
        customer_price("E3", MARKUP, field="lines[4]")  # type: ignore[arg-type]
    expected = ("lines[4]", "E3", ErrorCode.WRONG_TYPE)
    assert expected == refusal(caught)


def test_customer_price_refuses_pricing_that_is_not_a_pricing() -> None:
    with pytest.raises(InvalidInput) as caught:
        customer_price(charge("1"), Decimal("0.1"))  # type: ignore[arg-type]
    expected = ("pricing", Decimal("0.1"), ErrorCode.WRONG_TYPE)
    assert expected == refusal(caught)


def test_a_product_missing_from_the_price_list_is_refused_naming_the_product() -> None:
    with pytest.raises(InvalidInput) as caught:
        customer_price(charge("1"), Pricing(price_list={"E5": eur("1")}))
    expected = ("line.product", "E3", ErrorCode.UNKNOWN_REFERENCE)
    assert expected == refusal(caught)


def test_a_price_in_another_currency_is_refused_naming_the_products_price() -> None:
    price = Money("40.00", "USD")
    with pytest.raises(CurrencyMismatch) as caught:
        customer_price(charge("1"), Pricing(price_list={"E3": price}))
    expected = ("price_list['E3']", ("EUR", "USD"), ErrorCode.CURRENCY_MISMATCH)
    assert expected == refusal(caught)


# -- customer_invoice -------------------------------------------------------------------------------


def test_a_customer_invoice_holds_one_priced_line_per_charge_line_due_30_days_after_issue() -> None:
    lines = [charge("36.00"), charge("-12.00", charge_type=ChargeType.REMOVE_QUANTITY)]
    expected = Invoice(
        id="C-1",
        issued=ISSUED,
        currency="EUR",
        lines=(
            InvoiceLine(description="E3 (new)", amount=eur("39.60"), charge=lines[0]),
            InvoiceLine(description="E3 (removeQuantity)", amount=eur("-13.20"), charge=lines[1]),
        ),
        due=D(2024, 3, 2),
        customer_id="cust-1",
    )
    assert expected == customer_invoice(lines, id="C-1", issued=ISSUED, pricing=MARKUP, customer_id="cust-1")


def test_a_customer_invoice_applies_per_line_tax_rates() -> None:
    lines = (charge("100.00"), charge("50.00", product="Visio"))
    invoice = customer_invoice(
        lines,
        id="C-2",
        issued=ISSUED,
        pricing=MARKUP,
        tax=TaxRule(rate=Decimal("0.21")),
        terms=PaymentTerms(net_days=14),
        rates=[None, Decimal("0.10")],
    )
    expected = Invoice(
        id="C-2",
        issued=ISSUED,
        currency="EUR",
        lines=(
            InvoiceLine(description="E3 (new)", amount=eur("110.00"), tax=eur("23.10"), charge=lines[0]),
            InvoiceLine(description="Visio (new)", amount=eur("55.00"), tax=eur("5.50"), charge=lines[1]),
        ),
        due=D(2024, 2, 15),
    )
    assert expected == invoice


def test_lines_adding_up_to_exactly_zero_still_make_an_invoice() -> None:
    invoice = customer_invoice(
        [charge("5.00"), charge("-5.00")], id="C-0", issued=ISSUED, pricing=Pricing(markup=Decimal(0))
    )
    assert eur("0.00") == invoice.total_charges


@pytest.mark.parametrize("lines", [[], ()], ids=repr)
def test_a_customer_invoice_needs_at_least_one_line(lines: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        customer_invoice(lines, id="C", issued=ISSUED, pricing=MARKUP)  # type: ignore[arg-type]
    expected = ("lines", lines, ErrorCode.EMPTY)
    assert expected == refusal(caught)


@pytest.mark.parametrize("lines", ["E3", b"E3", {"E3": 1}, None, 3], ids=repr)
def test_customer_invoice_lines_that_are_not_a_sequence_are_of_the_wrong_type(lines: object) -> None:
    with pytest.raises(InvalidInput) as caught:
        customer_invoice(lines, id="C", issued=ISSUED, pricing=MARKUP)  # type: ignore[arg-type]
    expected = ("lines", lines, ErrorCode.WRONG_TYPE)
    assert expected == refusal(caught)


def test_customer_invoice_refuses_pricing_that_is_not_a_pricing() -> None:
    with pytest.raises(InvalidInput) as caught:
        customer_invoice([charge("1")], id="C", issued=ISSUED, pricing="10 %")  # type: ignore[arg-type]
    expected = ("pricing", "10 %", ErrorCode.WRONG_TYPE)
    assert expected == refusal(caught)


def test_a_line_missing_from_the_price_list_is_refused_by_its_position() -> None:
    lines = [charge("1"), charge("1", product="Visio")]
    with pytest.raises(InvalidInput) as caught:
        customer_invoice(lines, id="C", issued=ISSUED, pricing=Pricing(price_list={"E3": eur("1")}))
    expected = ("lines[1].product", "Visio", ErrorCode.UNKNOWN_REFERENCE)
    assert expected == refusal(caught)


def test_lines_in_several_currencies_are_refused_naming_the_first_line_that_differs() -> None:
    lines = [charge("1", currency="USD"), charge("1"), charge("2", currency="USD")]
    with pytest.raises(CurrencyMismatch) as caught:
        customer_invoice(lines, id="C", issued=ISSUED, pricing=MARKUP)
    expected = ("lines[1]", ("USD", "EUR"), ErrorCode.CURRENCY_MISMATCH)
    assert expected == refusal(caught)


def test_a_negative_invoice_is_refused_with_its_amount_and_the_credit_note_rule() -> None:
    with pytest.raises(NegativeInvoice) as caught:
        customer_invoice([charge("-5.00"), charge("2.00")], id="C", issued=ISSUED, pricing=MARKUP)
    reason = Reason(
        code="billing.ledger.negative_invoice",
        params={"amount": eur("-3.30")},
        source=Source(document="understand-your-invoice.md", section="Credit notes"),
    )
    assert ("negative_invoice", (reason,)) == (caught.value.code, caught.value.reasons)


def test_an_issue_datetime_is_refused_naming_issued() -> None:
    issued = dt.datetime(2024, 2, 1, tzinfo=dt.UTC)
    with pytest.raises(InvalidInput) as caught:
        customer_invoice([charge("1")], id="C", issued=issued, pricing=MARKUP)
    expected = ("issued", issued, ErrorCode.WRONG_TYPE)
    assert expected == refusal(caught)
