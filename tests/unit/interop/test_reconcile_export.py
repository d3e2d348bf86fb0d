"""Charge lines written as reconciliation rows, and the header columns the reader finds, compared whole."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from cspcore import ErrorCode, InvalidInput, Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.interop import parse_recon_rows, to_recon_rows

FULL = ChargeLine(
    order_date=dt.date(2022, 3, 7),
    charge_type=ChargeType.ADD_QUANTITY,
    product="Microsoft 365 Business Standard",
    subscription_id="284b0ff0",
    unit_price=Money("12.00", "EUR"),
    effective_unit_price=Money("11.2258064516129", "EUR"),
    quantity=Decimal(15),
    subtotal=Money("168.38", "EUR"),
    tax=Money("35.36", "EUR"),
    charge_start=dt.date(2022, 3, 7),
    charge_end=dt.date(2022, 4, 4),
    reference_id="12d33e18",
    qualifiers=("Add-on", "Zkušební"),
    customer_id="c-1",
    subscription_start=dt.date(2022, 3, 5),
    subscription_end=dt.date(2023, 3, 4),
    term_and_billing_cycle="1 Year - Monthly",
    billing_frequency="Monthly",
)
BARE = ChargeLine(
    order_date=dt.date(2022, 3, 5),
    charge_type="new",
    product="M365 BS",
    subscription_id="s1",
    unit_price=Money("1E+1", "EUR"),
    effective_unit_price=Money("10", "EUR"),
    quantity=Decimal("2.50"),
    subtotal=Money(25, "EUR"),
    charge_start=dt.date(2022, 3, 5),
    charge_end=dt.date(2022, 4, 4),
)


def test_a_line_with_every_field_is_written_in_microsofts_columns() -> None:
    (row,) = to_recon_rows([FULL])
    assert row == {
        "CustomerId": "c-1",
        "OrderDate": "2022-03-07",
        "ProductName": "Microsoft 365 Business Standard",
        "ChargeType": "addQuantity",
        "UnitPrice": "12.00",
        "Quantity": "15",
        "Subtotal": "168.38",
        "TaxTotal": "35.36",
        "Total": "203.74",
        "Currency": "EUR",
        "SubscriptionId": "284b0ff0",
        "ChargeStartDate": "2022-03-07",
        "ChargeEndDate": "2022-04-04",
        "TermAndBillingCycle": "1 Year - Monthly",
        "EffectiveUnitPrice": "11.2258064516129",
        "BillableQuantity": "15",
        "BillingFrequency": "Monthly",
        "SubscriptionStartDate": "2022-03-05",
        "SubscriptionEndDate": "2023-03-04",
        "ReferenceId": "12d33e18",
        "ProductQualifiers": '["Add-on","Zkušební"]',
        "PricingCurrency": "",
        "PCToBCExchangeRate": "",
        "PCToBCExchangeRateDate": "",
    }


def test_absent_values_are_blank_and_numbers_are_written_without_exponents() -> None:
    (row,) = to_recon_rows([BARE])
    assert row == {
        "CustomerId": "",
        "OrderDate": "2022-03-05",
        "ProductName": "M365 BS",
        "ChargeType": "new",
        "UnitPrice": "10",
        "Quantity": "2.50",
        "Subtotal": "25",
        "TaxTotal": "0",
        "Total": "25",
        "Currency": "EUR",
        "SubscriptionId": "s1",
        "ChargeStartDate": "2022-03-05",
        "ChargeEndDate": "2022-04-04",
        "TermAndBillingCycle": "",
        "EffectiveUnitPrice": "10",
        "BillableQuantity": "2.50",
        "BillingFrequency": "",
        "SubscriptionStartDate": "",
        "SubscriptionEndDate": "",
        "ReferenceId": "",
        "ProductQualifiers": "",
        "PricingCurrency": "",
        "PCToBCExchangeRate": "",
        "PCToBCExchangeRateDate": "",
    }


def test_written_rows_read_back_to_equal_lines() -> None:
    rows = list(to_recon_rows([FULL, BARE]))
    assert parse_recon_rows(rows) == (FULL, BARE)


def test_an_item_that_is_not_a_charge_line_is_refused_by_its_position() -> None:
    rows = to_recon_rows([FULL, "x"])  # type: ignore[list-item]
    assert next(rows)["ReferenceId"] == "12d33e18"
    with pytest.raises(InvalidInput) as caught:
        next(rows)
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "lines[1]",
        ErrorCode.WRONG_TYPE,
        "x",
    )


# -- the header ------------------------------------------------------------------------------------

ROW = "2022-03-05,new,M365 BS,s1,12,12.00,10,120,EUR,2022-03-05,2022-04-04"
NAMES = (
    "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
    "Subtotal,Currency,ChargeStartDate,ChargeEndDate"
)


def test_header_names_are_matched_in_any_case_around_spaces_and_a_byte_order_mark() -> None:
    header = "\ufeff " + NAMES.lower().replace(",", " , ").upper()
    (line,) = parse_recon_rows(f"{header}\n{ROW}\n")
    assert (line.subtotal, line.product, line.quantity) == (Money(120, "EUR"), "M365 BS", Decimal(10))


def test_sku_name_and_quantity_stand_in_for_product_name_and_billable_quantity() -> None:
    header = NAMES.replace("ProductName", "SKUName").replace("BillableQuantity", "quantity")
    (line,) = parse_recon_rows(f"{header}\n{ROW}\n")
    assert (line.product, line.quantity) == ("M365 BS", Decimal(10))


def test_product_name_is_preferred_to_sku_name() -> None:
    header = NAMES + ",SkuName"
    (line,) = parse_recon_rows(f"{header}\n{ROW},Other SKU\n")
    assert line.product == "M365 BS"


def test_a_header_without_required_columns_names_them_all_in_order() -> None:
    header = "OrderDate,ChargeType,Currency"
    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows(f"{header}\n2022-03-05,new,EUR\n")
    assert (caught.value.field, caught.value.code, caught.value.value) == (
        "header",
        ErrorCode.MISSING,
        ("OrderDate", "ChargeType", "Currency"),
    )


def test_a_header_missing_only_the_product_name_says_so() -> None:
    header = NAMES.replace("ProductName", "Product")
    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows(f"{header}\n{ROW}\n")
    assert (caught.value.field, caught.value.code) == ("header", ErrorCode.MISSING)


def test_a_header_missing_only_the_quantity_says_so() -> None:
    header = NAMES.replace("BillableQuantity", "Seats")
    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows(f"{header}\n{ROW}\n")
    assert (caught.value.field, caught.value.code) == (
        "header",
        ErrorCode.MISSING,
    )


def test_a_long_header_is_quoted_by_its_first_fifty_names() -> None:
    header = ",".join(f"C{number}" for number in range(60))
    with pytest.raises(InvalidInput) as caught:
        parse_recon_rows(f"{header}\n")
    assert caught.value.value == tuple(f"C{number}" for number in range(50))


def test_a_byte_order_mark_before_the_first_name_of_text_lines_is_ignored() -> None:
    (line,) = parse_recon_rows([f"\ufeff{NAMES}\n", f"{ROW}\n"])
    assert line.order_date == dt.date(2022, 3, 5)
