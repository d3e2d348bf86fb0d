"""Microsoft's published Azure plan usage samples, read as daily-rated usage lines.

Pages (kvamseek/partner-center mirror of MicrosoftDocs/partner-center-pr):
``developer/get-invoice-billed-consumption-lineitems.md`` (Response example 1),
``developer/get-invoice-unbilled-consumption-lineitems.md`` (Response example 1),
``daily-rated-usage-recon-files.md`` (Fields in daily-rated usage reconciliation files),
``modern-invoice-reconciliation-file.md`` (Subtotal, usage-based),
``partner-earned-credit-explanation.md`` (Calculation).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing.usage import partner_earned_credit, pec_effective_price, rollup
from cspcore.errors import ErrorCode
from cspcore.interop import parse_invoice_line_items
from cspcore.interop.usage import iter_usage_rows, parse_usage_line_items, parse_usage_rows
from cspcore.interop.usage_reconcile import reconcile_usage

FIXTURES = Path(__file__).parents[1] / "fixtures" / "partner_center"


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_the_billed_consumption_sample_reads_as_two_daily_lines_with_their_published_figures() -> None:
    first, second = parse_usage_line_items(read("billed-consumption-lineitems.json"))
    assert (first.usage_date, first.meter_id, first.invoice_number) == (
        dt.date(2018, 11, 13),
        "1core",
        "T000001234",
    )
    assert (first.quantity, first.unit_price) == (Decimal("23.200004"), Decimal("0.0209496384791679"))
    assert first.billing_total == Money("0.486031696515249", "USD")
    assert (first.effective_unit_price, first.pec_rate, first.credit_rate) == (Decimal(0),) * 3
    assert second.effective_unit_price == Decimal("0.1999968000511991808131")
    assert (second.credit_rate, second.credit_type) == (Decimal(1), "Azure Credit Applied")
    assert second.entitlement_id == "66bada28-271e-4b7a-aaf5-c0ead6312345"


def test_the_unbilled_consumption_sample_reads_as_two_days_of_one_meter() -> None:
    lines = parse_usage_line_items(read("unbilled-consumption-lineitems.json"))
    assert [(line.usage_date, line.meter_id, line.quantity) for line in lines] == [
        (dt.date(2019, 1, 1), "4core", Decimal("24.0")),
        (dt.date(2019, 1, 2), "4core", Decimal("24.0")),
    ]
    assert {line.invoice_number for line in lines} == {None}  # unbilled: no invoice yet


def test_each_sample_amount_is_the_list_price_times_the_quantity_to_the_published_digits() -> None:
    lines = parse_usage_line_items(read("billed-consumption-lineitems.json")) + parse_usage_line_items(
        read("unbilled-consumption-lineitems.json")
    )
    for line in lines:
        exact = line.unit_price * line.quantity
        # the figures are published as doubles: 15 significant digits
        assert abs(exact - line.billing_pre_tax_total) < Decimal("1e-12")


def test_the_daily_rated_usage_file_with_the_sample_values_reads_as_the_api_does() -> None:
    from_file = parse_usage_rows(read("daily-rated-usage-billed.csv"))
    from_api = parse_usage_line_items(read("billed-consumption-lineitems.json"))
    assert from_file == from_api


def test_the_daily_rated_usage_file_streams_from_an_open_file() -> None:
    with (FIXTURES / "daily-rated-usage-billed.csv").open(encoding="utf-8-sig", newline="") as handle:
        assert [line.meter_id for line in iter_usage_rows(handle)] == ["1core", "1core"]


def test_the_billed_sample_rolls_up_to_one_invoice_line_per_price_with_the_usage_based_subtotal() -> None:
    lines = parse_usage_line_items(read("billed-consumption-lineitems.json"))
    rolled = rollup(lines)
    # Two prices (0 and 0.1999968…): two invoice lines. 0.1999968000511991808131 × 23.350007 =
    # 4.66992…, cut to 4.66 in USD, times the rate 1.
    assert [(line.effective_unit_price, line.quantity, line.subtotal) for line in rolled] == [
        (Decimal(0), Decimal("23.200004"), Money("0.00", "USD")),
        (Decimal("0.1999968000511991808131"), Decimal("23.350007"), Money("4.66", "USD")),
    ]


def test_the_invoice_reconciles_cleanly_against_its_own_billed_usage() -> None:
    lines = parse_usage_line_items(read("billed-consumption-lineitems.json"))
    assert reconcile_usage(lines, parse_usage_rows(read("daily-rated-usage-billed.csv"))).is_clean


def test_the_legacy_azure_usage_sample_is_refused_because_it_carries_no_price() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_usage_line_items(read("lineitems-azure-usage.json"))
    assert (caught.value.field, caught.value.code) == ("items[0].unitPrice", ErrorCode.NOT_ALLOWED)


def test_billing_line_items_parsing_points_priced_usage_items_elsewhere_with_a_code() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_invoice_line_items(read("billed-consumption-lineitems.json"))
    assert (caught.value.field, caught.value.code) == ("items[0].invoiceLineItemType", ErrorCode.NOT_ALLOWED)


def test_partner_earned_credit_of_fifteen_percent_takes_fifteen_percent_off_the_list_price() -> None:
    # partner-earned-credit-explanation.md: EffectiveUnitPrice "is a percentage less than the UnitPrice";
    # daily-rated-usage-recon-files.md: PartnerEarnedCreditPercentage "Either 0 or 15 percent".
    (line,) = parse_usage_rows(
        "UsageDate,SubscriptionId,MeterId,Quantity,UnitPrice,EffectiveUnitPrice,BillingPreTaxTotal,"
        "BillingCurrency,PricingPreTaxTotal,PricingCurrency,PartnerEarnedCreditPercentage\n"
        "2018-11-13,s,1core,23.200004,0.0209496384791679,,0.413126941,USD,0.486031696515249,USD,15\n"
    )
    assert line.pec_rate == Decimal("0.15")
    assert line.rated_price == pec_effective_price(line.unit_price, Decimal("0.15"))
    assert partner_earned_credit(line) == Money(line.unit_price * line.quantity * Decimal("0.15"), "USD")
