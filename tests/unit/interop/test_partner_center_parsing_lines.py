"""Invoice line items, field by field: every column of each shape lands in its own ChargeLine field.

Shapes and field names: ``developer/invoice-resources.md`` (``OneTimeInvoiceLineItem``,
``LicenseBasedLineItem``, ``UsageBasedLineItem``) and the samples of ``developer/get-invoiceline-items.md``
(``tests/fixtures/partner_center``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from cspcore import ErrorCode, InvalidInput, Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.interop import parse_invoice_line_items

# A new-commerce item with every field cspcore reads, each value distinct from every other.
ONETIME: dict[str, Any] = {
    "invoiceLineItemType": "billing_line_items",
    "billingProvider": "one_time",
    "customerId": "c139c4bf-2e8b-4ab5-8bed-d9f50dcca7a2",
    "orderDate": "2024-03-07T18:30:06.6045692Z",
    "productName": "Microsoft 365 E3",
    "skuName": "Microsoft 365 E3 (annual)",
    "productQualifiers": ["AddOn"],
    "chargeType": "addQuantity",
    "unitPrice": "36",
    "effectiveUnitPrice": "34.8387",
    "quantity": "5",
    "billableQuantity": "2",
    "subtotal": "69.68",
    "taxTotal": "6.97",
    "totalForCustomer": "76.65",
    "currency": "usd",
    "subscriptionId": "86646af9-e80a-4aa0-da80-3fd2b792c2cc",
    "subscriptionStartDate": "2024-01-05T00:00:00Z",
    "subscriptionEndDate": "2025-01-04T00:00:00Z",
    "chargeStartDate": "2024-03-07T00:00:00Z",
    "chargeEndDate": "2024-04-04T00:00:00Z",
    "termAndBillingCycle": "One-Year commitment for monthly/yearly billing",
    "referenceId": "28b535e0-68f4-40b5-84f7-8ed9241eb149",
    "billingFrequency": "Monthly",
}

ONETIME_LINE = ChargeLine(
    order_date=dt.date(2024, 3, 7),
    charge_type=ChargeType.ADD_QUANTITY,
    product="Microsoft 365 E3",
    subscription_id="86646af9-e80a-4aa0-da80-3fd2b792c2cc",
    unit_price=Money(36, "USD"),
    effective_unit_price=Money("34.8387", "USD"),
    quantity=Decimal(2),
    subtotal=Money("69.68", "USD"),
    tax=Money("6.97", "USD"),
    total=Money("76.65", "USD"),
    charge_start=dt.date(2024, 3, 7),
    charge_end=dt.date(2024, 4, 4),
    reference_id="28b535e0-68f4-40b5-84f7-8ed9241eb149",
    qualifiers=("AddOn",),
    customer_id="c139c4bf-2e8b-4ab5-8bed-d9f50dcca7a2",
    subscription_start=dt.date(2024, 1, 5),
    subscription_end=dt.date(2025, 1, 4),
    term_and_billing_cycle="One-Year commitment for monthly/yearly billing",
    billing_frequency="Monthly",
)

# A legacy license-based (Office) item: subtotal after the 1.20 discount, before tax.
OFFICE: dict[str, Any] = {
    "invoiceLineItemType": "billing_line_items",
    "billingProvider": "office",
    "customerId": "74221236-D09C-4870-AC1D-33E155E9AEBE",
    "subscriptionId": "4KIKawEAAAAAAAEA",
    "offerName": "EXCHANGE ONLINE (PLAN 2)",
    "subscriptionName": "Exchange for Contoso",
    "billingCycleType": "MONTHLY",
    "subscriptionStartDate": "2017-05-12T00:00:00",
    "subscriptionEndDate": "2018-06-10T00:00:00",
    "chargeStartDate": "2017-05-14T00:00:00",
    "chargeEndDate": "2017-06-09T00:00:00",
    "chargeType": "Prorate fees when purchase",
    "unitPrice": "8",
    "quantity": 3,
    "amount": "24",
    "totalOtherDiscount": "1.20",
    "subtotal": "22.80",
    "tax": "2.28",
    "totalForCustomer": "25.08",
    "currency": "USD",
}

OFFICE_LINE = ChargeLine(
    order_date=dt.date(2017, 5, 14),  # the item has no order date: the charge start stands in
    charge_type=ChargeType.NEW,
    product="EXCHANGE ONLINE (PLAN 2)",
    subscription_id="4KIKawEAAAAAAAEA",
    unit_price=Money(8, "USD"),
    effective_unit_price=Money("7.60", "USD"),  # 22.80 / 3
    quantity=Decimal(3),
    subtotal=Money("22.80", "USD"),
    tax=Money("2.28", "USD"),
    total=Money("25.08", "USD"),
    charge_start=dt.date(2017, 5, 14),
    charge_end=dt.date(2017, 6, 9),
    customer_id="74221236-D09C-4870-AC1D-33E155E9AEBE",
    subscription_start=dt.date(2017, 5, 12),
    subscription_end=dt.date(2018, 6, 10),
    billing_frequency="MONTHLY",
)

# A legacy Azure (MS-AZR-0145P) billing item, as response example 2 of get-invoiceline-items.md.
AZURE: dict[str, Any] = {
    "invoiceLineItemType": "billing_line_items",
    "billingProvider": "azure",
    "customerId": "65726577-c208-40fd-9735-8c85ac000000",
    "subscriptionId": "87f4b92f-a490-485e-ad34-5b70cb000000",
    "subscriptionName": "Microsoft Azure",
    "billingCycleType": "Monthly",
    "serviceName": "Azure App Service",
    "serviceType": "Standard Plan",
    "resourceName": "S1",
    "includedQuantity": 0,
    "overageQuantity": 745,
    "consumedQuantity": 746,
    "listPrice": "0.085",
    "pretaxCharges": "63.33",
    "taxAmount": "6.34",
    "postTaxTotal": "69.67",
    "pretaxEffectiveRate": "0.08500671",
    "postTaxEffectiveRate": "0.09351677",
    "chargeType": "Assess usage fee for current cycle",
    "chargeStartDate": "2019-08-02T00:00:00",
    "chargeEndDate": "2019-09-01T00:00:00",
    "currency": "USD",
}

AZURE_LINE = ChargeLine(
    order_date=dt.date(2019, 8, 2),
    charge_type=ChargeType.CYCLE_CHARGE,
    product="Azure App Service Standard Plan S1",
    subscription_id="87f4b92f-a490-485e-ad34-5b70cb000000",
    unit_price=Money("0.085", "USD"),
    effective_unit_price=Money("0.08500671", "USD"),
    quantity=Decimal(745),
    subtotal=Money("63.33", "USD"),
    tax=Money("6.34", "USD"),
    total=Money("69.67", "USD"),
    charge_start=dt.date(2019, 8, 2),
    charge_end=dt.date(2019, 9, 1),
    customer_id="65726577-c208-40fd-9735-8c85ac000000",
    billing_frequency="Monthly",
)

# Values of another spelling of each key (``CURRENCY`` beside ``currency``): each would change the line.
DECOYS: dict[str, Any] = {
    "invoiceLineItemType": "usage_line_items",
    "billingProvider": "xbox",
    "currency": "EUR",
    "customerId": "decoy-customer",
    "orderDate": "2001-01-02",
    "productName": "Decoy product",
    "skuName": "Decoy SKU",
    "productQualifiers": ["Decoy"],
    "chargeType": "cancelImmediate",
    "unitPrice": "101",
    "effectiveUnitPrice": "102",
    "quantity": "103",
    "billableQuantity": "104",
    "subtotal": "105",
    "taxTotal": "106",
    "tax": "107",
    "totalForCustomer": "108",
    "subscriptionId": "decoy-subscription",
    "subscriptionStartDate": "2001-01-03",
    "subscriptionEndDate": "2001-01-04",
    "chargeStartDate": "2001-01-05",
    "chargeEndDate": "2001-01-06",
    "termAndBillingCycle": "Decoy term",
    "referenceId": "decoy-reference",
    "billingFrequency": "Decoy frequency",
    "offerName": "Decoy offer",
    "subscriptionName": "Decoy subscription name",
    "billingCycleType": "Decoy cycle",
    "serviceName": "Decoy service",
    "serviceType": "Decoy type",
    "resourceName": "Decoy resource",
    "overageQuantity": "109",
    "listPrice": "110",
    "pretaxCharges": "111",
    "taxAmount": "112",
    "postTaxTotal": "113",
    "pretaxEffectiveRate": "114",
}


def with_(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """``base`` with ``changes`` applied; a change to ``None`` removes the key."""
    result = dict(base)
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = value
    return result


def with_other_spellings_first(item: dict[str, Any]) -> dict[str, Any]:
    """``item`` preceded by an upper-case spelling of each of its keys holding a different value."""
    decoys = {key.upper(): DECOYS[key] for key in item if key in DECOYS}
    return {**decoys, **item}


def refusal(item: dict[str, Any], index: int = 0, *, strict: bool = False) -> InvalidInput:
    """The error that parsing ``item`` (at ``index``, after good items) raises."""
    items = [ONETIME] * index + [item]
    with pytest.raises(InvalidInput) as caught:
        parse_invoice_line_items({"items": items}, strict=strict)
    return caught.value


def test_a_new_commerce_item_maps_every_field_to_its_own_line_field() -> None:
    assert parse_invoice_line_items({"items": [ONETIME]}) == (ONETIME_LINE,)


def test_a_license_based_office_item_maps_every_field_to_its_own_line_field() -> None:
    assert parse_invoice_line_items({"items": [OFFICE]}) == (OFFICE_LINE,)


def test_a_legacy_azure_item_maps_every_field_to_its_own_line_field() -> None:
    assert parse_invoice_line_items({"items": [AZURE]}) == (AZURE_LINE,)


def test_items_of_all_three_shapes_parse_in_their_order() -> None:
    assert parse_invoice_line_items([AZURE, ONETIME, OFFICE]) == (AZURE_LINE, ONETIME_LINE, OFFICE_LINE)


@pytest.mark.parametrize(
    ("item", "expected"),
    [(ONETIME, ONETIME_LINE), (OFFICE, OFFICE_LINE), (AZURE, AZURE_LINE)],
    ids=["one_time", "office", "azure"],
)
def test_a_key_spelled_as_microsoft_spells_it_wins_over_another_spelling_of_the_same_key(
    item: dict[str, Any], expected: ChargeLine
) -> None:
    assert parse_invoice_line_items([with_other_spellings_first(item)]) == (expected,)


@pytest.mark.parametrize(
    ("item", "expected"),
    [(ONETIME, ONETIME_LINE), (OFFICE, OFFICE_LINE), (AZURE, AZURE_LINE)],
    ids=["one_time", "office", "azure"],
)
def test_keys_are_matched_in_any_case(item: dict[str, Any], expected: ChargeLine) -> None:
    assert parse_invoice_line_items([{key.upper(): value for key, value in item.items()}]) == (expected,)


# -- new-commerce items ----------------------------------------------------------------------------


def test_a_new_commerce_item_without_a_billable_quantity_is_charged_for_its_quantity() -> None:
    (line,) = parse_invoice_line_items([with_(ONETIME, billableQuantity=None)])
    assert line == ChargeLine(**{**_fields(ONETIME_LINE), "quantity": Decimal(5)})


def test_a_new_commerce_item_without_tax_or_total_has_zero_tax_and_a_total_of_its_subtotal() -> None:
    (line,) = parse_invoice_line_items([with_(ONETIME, taxTotal=None, totalForCustomer=None)])
    zero_tax = {"tax": Money(0, "USD"), "total": Money("69.68", "USD")}
    assert line == ChargeLine(**{**_fields(ONETIME_LINE), **zero_tax})


def test_a_new_commerce_item_without_optional_fields_leaves_them_unset() -> None:
    bare = with_(
        ONETIME,
        referenceId=None,
        productQualifiers=None,
        customerId=None,
        subscriptionStartDate=None,
        subscriptionEndDate=None,
        termAndBillingCycle=None,
        billingFrequency=None,
    )
    (line,) = parse_invoice_line_items([bare])
    unset = {
        "reference_id": None,
        "qualifiers": (),
        "customer_id": None,
        "subscription_start": None,
        "subscription_end": None,
        "term_and_billing_cycle": None,
        "billing_frequency": None,
    }
    assert line == ChargeLine(**{**_fields(ONETIME_LINE), **unset})


def test_a_new_commerce_item_without_a_product_name_is_named_by_its_sku() -> None:
    (line,) = parse_invoice_line_items([with_(ONETIME, productName=None)])
    assert line == ChargeLine(**{**_fields(ONETIME_LINE), "product": "Microsoft 365 E3 (annual)"})


def test_a_new_commerce_item_charged_for_one_day_ends_on_the_day_it_starts() -> None:
    one_day = with_(ONETIME, chargeEndDate="2024-03-07T00:00:00Z")
    (line,) = parse_invoice_line_items([one_day])
    assert line == ChargeLine(**{**_fields(ONETIME_LINE), "charge_end": dt.date(2024, 3, 7)})
    assert line.days == 1


@pytest.mark.parametrize("provider", ["one_time", "OneTime", "ONE_TIME", "marketplace", "Marketplace"])
def test_one_time_and_marketplace_items_are_read_as_new_commerce_items(provider: str) -> None:
    assert parse_invoice_line_items([with_(ONETIME, billingProvider=provider)]) == (ONETIME_LINE,)


def test_an_item_without_a_billing_provider_is_read_as_a_new_commerce_item() -> None:
    assert parse_invoice_line_items([with_(ONETIME, billingProvider=None)]) == (ONETIME_LINE,)


@pytest.mark.parametrize(
    "field",
    [
        "currency",
        "subtotal",
        "chargeStartDate",
        "chargeEndDate",
        "orderDate",
        "chargeType",
        "subscriptionId",
        "unitPrice",
        "effectiveUnitPrice",
    ],
)
def test_a_new_commerce_item_missing_a_required_field_is_refused_naming_it(field: str) -> None:
    error = refusal(with_(ONETIME, **{field: None}), index=1)
    assert (error.field, error.value, error.code) == (
        f"items[1].{field}",
        None,
        ErrorCode.MISSING,
    )


def test_a_new_commerce_item_with_neither_quantity_is_refused_naming_the_quantity() -> None:
    error = refusal(with_(ONETIME, quantity=None, billableQuantity=None))
    assert error.code == ErrorCode.MISSING


def test_a_new_commerce_item_with_neither_product_nor_sku_name_is_refused_naming_the_sku_name() -> None:
    error = refusal(with_(ONETIME, productName="  ", skuName=None))
    assert error.code == ErrorCode.MISSING


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("taxTotal", "n/a", ErrorCode.NOT_A_NUMBER),
        ("totalForCustomer", "n/a", ErrorCode.NOT_A_NUMBER),
        ("billableQuantity", "n/a", ErrorCode.NOT_A_NUMBER),
        ("quantity", "n/a", ErrorCode.NOT_A_NUMBER),
        ("unitPrice", "n/a", ErrorCode.NOT_A_NUMBER),
        ("effectiveUnitPrice", "n/a", ErrorCode.NOT_A_NUMBER),
        ("referenceId", ["r"], ErrorCode.WRONG_TYPE),
        ("customerId", ["c"], ErrorCode.WRONG_TYPE),
        ("termAndBillingCycle", ["t"], ErrorCode.WRONG_TYPE),
        ("billingFrequency", ["f"], ErrorCode.WRONG_TYPE),
        ("subscriptionId", ["s"], ErrorCode.WRONG_TYPE),
        ("skuName", ["k"], ErrorCode.WRONG_TYPE),
        ("orderDate", "soon", ErrorCode.MALFORMED),
        ("chargeStartDate", "soon", ErrorCode.MALFORMED),
        ("chargeEndDate", "soon", ErrorCode.MALFORMED),
        ("subscriptionStartDate", "soon", ErrorCode.MALFORMED),
        ("subscriptionEndDate", "soon", ErrorCode.MALFORMED),
        ("productQualifiers", 5, ErrorCode.WRONG_TYPE),
        ("currency", "EURO", ErrorCode.UNKNOWN_VALUE),
    ],
)
def test_a_new_commerce_item_with_a_malformed_field_is_refused_naming_it(
    field: str, value: object, code: ErrorCode
) -> None:
    fallbacks = {"skuName": {"productName": None}, "quantity": {"billableQuantity": None}}
    item = with_(ONETIME, **fallbacks.get(field, {}))
    error = refusal(with_(item, **{field: value}))
    assert (error.field, error.value, error.code) == (
        f"items[0].{field}",
        value,
        code,
    )


def test_a_new_commerce_item_of_an_unknown_charge_type_is_refused_listing_the_known_ones() -> None:
    error = refusal(with_(ONETIME, chargeType="teleport"))
    assert (error.field, error.code) == (
        "items[0].chargeType",
        ErrorCode.UNKNOWN_VALUE,
    )


def test_a_new_commerce_item_charged_until_before_it_starts_is_refused_naming_the_end() -> None:
    error = refusal(with_(ONETIME, chargeEndDate="2024-03-06T23:59:59Z"))
    assert (error.field, error.value, error.code) == (
        "items[0].chargeEndDate",
        dt.date(2024, 3, 6),
        ErrorCode.INCONSISTENT,
    )


def test_a_new_commerce_total_that_is_not_subtotal_plus_tax_is_refused_naming_the_total() -> None:
    error = refusal(with_(ONETIME, totalForCustomer="76.64"), strict=True)
    assert (error.field, error.value, error.code) == (
        "items[0].totalForCustomer",
        Decimal("76.64"),
        ErrorCode.INCONSISTENT,
    )


# -- legacy license-based (Office) items -----------------------------------------------------------


def test_an_office_item_without_an_offer_name_is_named_by_its_subscription() -> None:
    (line,) = parse_invoice_line_items([with_(OFFICE, offerName=None)])
    assert line == ChargeLine(**{**_fields(OFFICE_LINE), "product": "Exchange for Contoso"})


def test_an_office_item_without_tax_or_total_has_zero_tax_and_a_total_of_its_subtotal() -> None:
    (line,) = parse_invoice_line_items([with_(OFFICE, tax=None, totalForCustomer=None)])
    zero_tax = {"tax": Money(0, "USD"), "total": Money("22.80", "USD")}
    assert line == ChargeLine(**{**_fields(OFFICE_LINE), **zero_tax})


def test_an_office_item_without_optional_fields_leaves_them_unset() -> None:
    bare = with_(
        OFFICE, customerId=None, subscriptionStartDate=None, subscriptionEndDate=None, billingCycleType=None
    )
    (line,) = parse_invoice_line_items([bare])
    unset = {
        "customer_id": None,
        "subscription_start": None,
        "subscription_end": None,
        "billing_frequency": None,
    }
    assert line == ChargeLine(**{**_fields(OFFICE_LINE), **unset})


def test_an_office_item_of_no_seats_is_priced_per_seat_at_its_unit_price() -> None:
    (line,) = parse_invoice_line_items(
        [with_(OFFICE, quantity=0, subtotal="0", tax="0", totalForCustomer="0")]
    )
    no_seats = {
        "quantity": Decimal(0),
        "effective_unit_price": Money(8, "USD"),
        "subtotal": Money(0, "USD"),
        "tax": Money(0, "USD"),
        "total": Money(0, "USD"),
    }
    assert line == ChargeLine(**{**_fields(OFFICE_LINE), **no_seats})


@pytest.mark.parametrize(
    "field",
    [
        "currency",
        "subtotal",
        "quantity",
        "unitPrice",
        "chargeStartDate",
        "chargeEndDate",
        "chargeType",
        "subscriptionId",
    ],
)
def test_an_office_item_missing_a_required_field_is_refused_naming_it(field: str) -> None:
    error = refusal(with_(OFFICE, **{field: None}), index=1)
    assert (error.field, error.value, error.code) == (
        f"items[1].{field}",
        None,
        ErrorCode.MISSING,
    )


def test_an_office_item_with_neither_offer_nor_subscription_name_is_refused_naming_the_latter() -> None:
    error = refusal(with_(OFFICE, offerName=None, subscriptionName=None))
    assert error.code == ErrorCode.MISSING


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("tax", "n/a", ErrorCode.NOT_A_NUMBER),
        ("totalForCustomer", "n/a", ErrorCode.NOT_A_NUMBER),
        ("quantity", "n/a", ErrorCode.NOT_A_NUMBER),
        ("unitPrice", "n/a", ErrorCode.NOT_A_NUMBER),
        ("offerName", ["o"], ErrorCode.WRONG_TYPE),
        ("subscriptionId", ["s"], ErrorCode.WRONG_TYPE),
        ("customerId", ["c"], ErrorCode.WRONG_TYPE),
        ("billingCycleType", ["b"], ErrorCode.WRONG_TYPE),
        ("chargeStartDate", "soon", ErrorCode.MALFORMED),
        ("chargeEndDate", "soon", ErrorCode.MALFORMED),
        ("subscriptionStartDate", "soon", ErrorCode.MALFORMED),
        ("subscriptionEndDate", "soon", ErrorCode.MALFORMED),
        ("currency", "EURO", ErrorCode.UNKNOWN_VALUE),
        ("chargeType", 5, ErrorCode.UNKNOWN_VALUE),
    ],
)
def test_an_office_item_with_a_malformed_field_is_refused_naming_it(
    field: str, value: object, code: ErrorCode
) -> None:
    error = refusal(with_(OFFICE, **{field: value}))
    assert (error.field, error.value, error.code) == (
        f"items[0].{field}",
        value,
        code,
    )


def test_an_office_item_with_a_subscription_name_of_the_wrong_type_is_refused_naming_it() -> None:
    error = refusal(with_(OFFICE, offerName=None, subscriptionName=["n"]))
    assert error.code == ErrorCode.WRONG_TYPE


def test_an_office_total_that_is_not_subtotal_plus_tax_is_refused_naming_the_total() -> None:
    error = refusal(with_(OFFICE, totalForCustomer="25.00"), strict=True)
    assert (error.field, error.code) == (
        "items[0].totalForCustomer",
        ErrorCode.INCONSISTENT,
    )


def test_an_office_item_charged_until_before_it_starts_is_refused_naming_the_item() -> None:
    error = refusal(with_(OFFICE, chargeEndDate="2017-05-13T00:00:00"), index=1)
    # the code of the value's own refusal is asserted with the value
    assert (error.field, type(error)) == ("items[1].charge_end", InvalidInput)


# -- legacy Azure items ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("names", "product"),
    [
        ({"serviceType": None}, "Azure App Service S1"),
        ({"serviceName": None}, "Standard Plan S1"),
        ({"resourceName": "  "}, "Azure App Service Standard Plan"),
        ({"serviceName": None, "serviceType": None}, "S1"),
        ({"serviceName": None, "serviceType": None, "resourceName": None}, "Microsoft Azure"),
    ],
)
def test_an_azure_item_is_named_by_its_service_type_and_resource_else_by_its_subscription(
    names: dict[str, Any], product: str
) -> None:
    (line,) = parse_invoice_line_items([with_(AZURE, **names)])
    assert line == ChargeLine(**{**_fields(AZURE_LINE), "product": product})


def test_an_azure_item_without_tax_or_total_has_zero_tax_and_a_total_of_its_pretax_charges() -> None:
    (line,) = parse_invoice_line_items([with_(AZURE, taxAmount=None, postTaxTotal=None)])
    zero_tax = {"tax": Money(0, "USD"), "total": Money("63.33", "USD")}
    assert line == ChargeLine(**{**_fields(AZURE_LINE), **zero_tax})


def test_an_azure_item_without_customer_or_billing_cycle_leaves_them_unset() -> None:
    (line,) = parse_invoice_line_items([with_(AZURE, customerId=None, billingCycleType=None)])
    assert line == ChargeLine(**{**_fields(AZURE_LINE), "customer_id": None, "billing_frequency": None})


@pytest.mark.parametrize(
    "field",
    [
        "currency",
        "pretaxCharges",
        "chargeStartDate",
        "chargeEndDate",
        "chargeType",
        "subscriptionId",
        "listPrice",
        "pretaxEffectiveRate",
        "overageQuantity",
    ],
)
def test_an_azure_item_missing_a_required_field_is_refused_naming_it(field: str) -> None:
    error = refusal(with_(AZURE, **{field: None}), index=1)
    assert (error.field, error.value, error.code) == (
        f"items[1].{field}",
        None,
        ErrorCode.MISSING,
    )


def test_an_azure_item_with_no_names_at_all_is_refused_naming_the_subscription_name() -> None:
    nameless = with_(AZURE, serviceName=None, serviceType=None, resourceName=None, subscriptionName=None)
    error = refusal(nameless)
    assert error.code == ErrorCode.MISSING


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("taxAmount", "n/a", ErrorCode.NOT_A_NUMBER),
        ("postTaxTotal", "n/a", ErrorCode.NOT_A_NUMBER),
        ("pretaxCharges", "n/a", ErrorCode.NOT_A_NUMBER),
        ("listPrice", "n/a", ErrorCode.NOT_A_NUMBER),
        ("pretaxEffectiveRate", "n/a", ErrorCode.NOT_A_NUMBER),
        ("overageQuantity", "n/a", ErrorCode.NOT_A_NUMBER),
        ("serviceName", ["s"], ErrorCode.WRONG_TYPE),
        ("serviceType", ["t"], ErrorCode.WRONG_TYPE),
        ("resourceName", ["r"], ErrorCode.WRONG_TYPE),
        ("subscriptionId", ["s"], ErrorCode.WRONG_TYPE),
        ("customerId", ["c"], ErrorCode.WRONG_TYPE),
        ("billingCycleType", ["b"], ErrorCode.WRONG_TYPE),
        ("chargeStartDate", "soon", ErrorCode.MALFORMED),
        ("chargeEndDate", "soon", ErrorCode.MALFORMED),
        ("currency", "EURO", ErrorCode.UNKNOWN_VALUE),
        ("chargeType", 5, ErrorCode.UNKNOWN_VALUE),
    ],
)
def test_an_azure_item_with_a_malformed_field_is_refused_naming_it(
    field: str, value: object, code: ErrorCode
) -> None:
    error = refusal(with_(AZURE, **{field: value}))
    assert (error.field, error.value, error.code) == (
        f"items[0].{field}",
        value,
        code,
    )


def test_an_azure_item_with_a_subscription_name_of_the_wrong_type_is_refused_naming_it() -> None:
    nameless = with_(AZURE, serviceName=None, serviceType=None, resourceName=None, subscriptionName=["n"])
    error = refusal(nameless)
    assert error.code == ErrorCode.WRONG_TYPE


def test_an_azure_post_tax_total_that_is_not_pretax_charges_plus_tax_is_refused_naming_it() -> None:
    error = refusal(with_(AZURE, postTaxTotal="69.68"), strict=True)
    assert (error.field, error.code) == (
        "items[0].postTaxTotal",
        ErrorCode.INCONSISTENT,
    )


def test_an_azure_item_charged_until_before_it_starts_is_refused_naming_the_item() -> None:
    error = refusal(with_(AZURE, chargeEndDate="2019-08-01T00:00:00"), index=1)
    # the code of the value's own refusal is asserted with the value
    assert (error.field, type(error)) == ("items[1].charge_end", InvalidInput)


# -- telling the shapes apart ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["usage_line_items", "UsageLineItems", "USAGE_LINE_ITEMS"])
def test_usage_line_items_are_refused_because_they_carry_no_amounts(kind: str) -> None:
    error = refusal(with_(AZURE, invoiceLineItemType=kind), index=1)
    assert (error.field, error.value, error.code) == (
        "items[1].invoiceLineItemType",
        kind,
        ErrorCode.NOT_ALLOWED,
    )


def test_an_unknown_billing_provider_is_refused_naming_the_provider() -> None:
    error = refusal(with_(ONETIME, billingProvider="xbox"), index=1)
    assert (error.field, error.value, error.code) == (
        "items[1].billingProvider",
        "xbox",
        ErrorCode.UNKNOWN_VALUE,
    )


def test_an_item_that_is_not_an_object_is_refused_naming_its_index() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_invoice_line_items({"items": [ONETIME, "G1"]})
    assert (caught.value.field, caught.value.code) == (
        "items[1]",
        ErrorCode.WRONG_TYPE,
    )


def _fields(line: ChargeLine) -> dict[str, Any]:
    """The constructor arguments that make ``line``."""
    return {
        name: getattr(line, name)
        for name in (
            "order_date",
            "charge_type",
            "product",
            "subscription_id",
            "unit_price",
            "effective_unit_price",
            "quantity",
            "subtotal",
            "tax",
            "total",
            "charge_start",
            "charge_end",
            "reference_id",
            "qualifiers",
            "customer_id",
            "subscription_start",
            "subscription_end",
            "term_and_billing_cycle",
            "billing_frequency",
        )
    }
