"""The daily-rated usage file and the consumption line items: what is refused, with field and code."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from cspcore import InvalidInput
from cspcore.billing.usage import UsageLine
from cspcore.errors import CurrencyMismatch, ErrorCode
from cspcore.interop.usage import iter_usage_rows, parse_usage_line_items, parse_usage_rows
from cspcore.interop.usage_reconcile import UsageDifferenceKind, reconcile_usage

HEADER = (
    "UsageDate,SubscriptionId,MeterId,Quantity,UnitPrice,BillingPreTaxTotal,BillingCurrency,"
    "PricingPreTaxTotal,PricingCurrency,PCToBCExchangeRate,PartnerEarnedCreditPercentage\n"
)
ROW = "2022-06-03,s,m,2,1.5,2.76,EUR,3,USD,0.92,15\n"


def refusal(text: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        parse_usage_rows(text)
    return caught.value


@pytest.mark.parametrize(
    ("row", "field", "code"),
    [
        ("2022-06-03,s,m,2,1.5,2.76,EUR,3,USD,,15\n", "rows[1].PCToBCExchangeRate", ErrorCode.MISSING),
        (
            "2022-06-03,s,m,2,1.5,2.76,EUR,3,USD,0.92,150\n",
            "rows[1].PartnerEarnedCreditPercentage",
            ErrorCode.OUT_OF_RANGE,
        ),
        ("2022-06-03,s,m,two,1.5,2.76,EUR,3,USD,0.92,15\n", "rows[1].Quantity", ErrorCode.NOT_A_NUMBER),
        ("2022-06-03,,m,2,1.5,2.76,EUR,3,USD,0.92,15\n", "rows[1].SubscriptionId", ErrorCode.MISSING),
        ("2022-13-03,s,m,2,1.5,2.76,EUR,3,USD,0.92,15\n", "rows[1].UsageDate", ErrorCode.MALFORMED),
        (
            "2022-06-03,s,m,2,1.5,2.76,EUR,3,EUR,0.92,15\n",
            "rows[1].PCToBCExchangeRate",
            ErrorCode.INCONSISTENT,
        ),
        (
            "2022-06-03,s,m,2,1.5,2.76,EURO,3,USD,0.92,15\n",
            "rows[1].BillingCurrency",
            ErrorCode.UNKNOWN_VALUE,
        ),
        ("2022-06-03,s,m\n", "rows[1]", ErrorCode.MALFORMED),
    ],
)
def test_a_bad_cell_is_refused_naming_its_row_and_column(row: str, field: str, code: ErrorCode) -> None:
    error = refusal(HEADER + ROW + row.replace("rows[1]", "rows[2]"))
    assert (error.field, error.code) == (field.replace("rows[1]", "rows[2]"), code)


def test_a_file_without_a_required_column_is_refused_at_the_header() -> None:
    header = HEADER.replace("MeterId,", "Meter,")
    error = refusal(header + ROW)
    assert (error.field, error.code, error.value) == (
        "header",
        ErrorCode.MISSING,
        tuple(header.strip().split(",")),
    )


def test_malformed_csv_is_refused_not_read_leniently() -> None:
    # a quote closed in the middle of a cell: strict CSV refuses it, as the recon reader does
    error = refusal(HEADER + ROW + '2022-06-03,"s"x,m,2,1.5,2.76,EUR,3,USD,0.92,15\n')
    assert (error.field, error.code, error.shown_value) == (
        "csv",
        ErrorCode.MALFORMED,
        None,
    )  # no text echoed


def test_a_cell_longer_than_the_csv_readers_limit_is_too_long() -> None:
    cell = "x" * (csv.field_size_limit() + 1)
    error = refusal(HEADER + ROW + f'2022-06-03,"{cell}",m,2,1.5,2.76,EUR,3,USD,0.92,15\n')
    assert (error.field, error.code, error.shown_value) == ("csv", ErrorCode.TOO_LONG, None)


def test_a_blank_line_is_no_row_and_the_rows_after_it_are_read() -> None:
    lines = parse_usage_rows(HEADER + ROW + "\n" + ROW + "\r\n\r\n" + ROW)
    assert [line.quantity for line in lines] == [2, 2, 2]


def test_an_empty_file_holds_no_usage_lines() -> None:
    assert parse_usage_rows("") == ()
    assert list(iter_usage_rows([])) == []


def test_rows_read_lazily_so_an_error_surfaces_at_its_row() -> None:
    rows = iter_usage_rows(HEADER + ROW + "bad,s,m,2,1.5,2.76,EUR,3,USD,0.92,15\n")
    assert next(rows).quantity == 2
    with pytest.raises(InvalidInput) as caught:
        next(rows)
    assert caught.value.field == "rows[2].UsageDate"


def test_row_mappings_are_read_by_column_name_in_any_case() -> None:
    (line,) = parse_usage_rows(
        [{"usagedate": "2022-06-03", "SUBSCRIPTIONID": "s", "MeterId": "m", "Quantity": "2",
          "UnitPrice": "1.5", "BillingPreTaxTotal": "3", "BillingCurrency": "USD",
          "PricingPreTaxTotal": "3", "PricingCurrency": "USD"}]
    )  # fmt: skip
    assert (line.usage_date, line.exchange_rate) == (dt.date(2022, 6, 3), Decimal(1))


@pytest.mark.parametrize(
    ("rows", "field", "code"),
    [
        (42, "rows", ErrorCode.WRONG_TYPE),
        ([b"UsageDate\n"], "rows", ErrorCode.WRONG_TYPE),
        ([HEADER, 3], "csv", ErrorCode.MALFORMED),
        (["UsageDate\n"], "header", ErrorCode.MISSING),
        ([{"UsageDate": "2022-06-03"}], "rows[0].SubscriptionId", ErrorCode.MISSING),
        (b"\xff\xfe", "rows", ErrorCode.MALFORMED),
    ],
)
def test_what_is_not_a_usage_file_is_refused(rows: Any, field: str, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_usage_rows(rows)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_a_consumption_line_item_with_a_float_is_refused() -> None:
    item = {"usageDate": "2019-01-01", "subscriptionId": "s", "meterId": "m", "quantity": 1.5, "unitPrice": 1,
            "billingPreTaxTotal": 1, "billingCurrency": "USD", "pricingPreTaxTotal": 1,
            "pricingCurrency": "USD"}  # fmt: skip
    with pytest.raises(InvalidInput) as caught:
        parse_usage_line_items([item])
    assert (caught.value.field, caught.value.code) == ("items[0].quantity", ErrorCode.WRONG_TYPE)


def usage(**changes: Any) -> UsageLine:
    values: dict[str, Any] = {
        "usage_date": dt.date(2022, 6, 3), "subscription_id": "s", "meter_id": "m", "quantity": Decimal(2),
        "unit_price": Decimal(1), "pricing_pre_tax_total": Decimal(2), "billing_pre_tax_total": Decimal(2),
        "billing_currency": "USD", "pricing_currency": "USD",
    }  # fmt: skip
    return UsageLine(**{**values, **changes})


def test_reconciling_reports_missing_and_unexpected_days_and_the_lines_they_change() -> None:
    report = reconcile_usage([usage()], [usage(usage_date=dt.date(2022, 6, 4))])
    assert [(d.kind, d.usage_date) for d in report.days] == [
        (UsageDifferenceKind.MISSING, dt.date(2022, 6, 3)),
        (UsageDifferenceKind.UNEXPECTED, dt.date(2022, 6, 4)),
    ]
    assert report.lines == ()  # the same invoice line: same quantity and subtotal over the month
    assert not report.is_clean


def test_reconciling_two_billing_currencies_is_refused() -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        reconcile_usage([usage()], [usage(billing_currency="EUR", pricing_currency="EUR")])
    assert (caught.value.field, caught.value.code) == (
        "invoice_lines[0].billing_currency",
        ErrorCode.CURRENCY_MISMATCH,
    )
