"""Pricing currency vs billing currency, as Microsoft's pages state it.

Sources: ``modern-invoice-reconciliation-file.md`` (Subtotal, PricingCurrency, PCToBCExchangeRate,
PCToBCExchangeRateDate) and ``billing-basics.md`` ("Invoice in partner location currency").
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from cspcore import Money
from cspcore.billing import ChargeLine, ProrationRounding
from cspcore.billing.exchange import ExchangeRates, rate_date
from cspcore.billing.proration import prorated_subtotal
from cspcore.interop import check_recon_rows, parse_recon_rows, to_recon_rows

CENT = Decimal("0.01")
#: The recon page's sample PCToBCExchangeRate (USD priced, EUR billed).
RATE = Decimal("0.846202666")


def test_the_seat_based_subtotal_converts_and_cuts_the_price_per_seat_first() -> None:
    # modern-invoice-reconciliation-file.md, Subtotal, license or seat-based:
    # ROUNDDOWN(EffectiveUnitPrice x PCToBCExchangeRate, 2) x BillableQuantity.
    # 10.08 x 0.846202666 = 8.52972287328 -> 8.52 per seat; x 3 seats = 25.56 EUR.
    subtotal = prorated_subtotal(
        (Decimal("10.08"), 1), 3, CENT, ProrationRounding.UNIT_PRICE_FIRST, rate=RATE
    )
    assert subtotal == Decimal("25.56")


def test_the_usage_based_subtotal_cuts_the_line_then_converts_it() -> None:
    # Same page, usage-based: ROUNDDOWN(ROUNDDOWN(EffectiveUnitPrice x BillableQuantity, 2) x rate, 2).
    # 10.08 x 3 = 30.24 USD; 30.24 x 0.846202666 = 25.58916861984 -> 25.58 EUR: two cents more
    # than the seat-based formula gives for the same figures.
    subtotal = prorated_subtotal((Decimal("10.08"), 1), 3, CENT, ProrationRounding.LINE_TOTAL, rate=RATE)
    assert subtotal == Decimal("25.58")


def test_a_prorated_seat_line_is_converted_from_the_exact_fraction() -> None:
    # 10.08 USD for 28 of 30 days: EUP 9.408; 9.408 x 0.846202666 = 7.961074681... -> 7.96; x 12 = 95.52.
    # Usage-based: 9.408 x 12 = 112.896 -> 112.89; x 0.846202666 = 95.5288190... -> 95.52.
    share = (Decimal("10.08") * 28, 30)
    first = prorated_subtotal(share, 12, CENT, ProrationRounding.UNIT_PRICE_FIRST, rate=RATE)
    line = prorated_subtotal(share, 12, CENT, ProrationRounding.LINE_TOTAL, rate=RATE)
    assert (first, line) == (Decimal("95.52"), Decimal("95.52"))


def test_decembers_rate_is_the_one_set_on_november_29() -> None:
    # billing-basics.md: "the exchange rate for December would be the mid-rate published by Thomson
    # Reuters on November 29 and used for all purchases made from December 1 to 31". The page is dated
    # January 2023: in 2022 November 30 was a Wednesday, so the 29th is the month's second-to-last
    # business day.
    rates = ExchangeRates(pricing_currency="USD", billing_currency="EUR", rates={"2022-12": "0.9462"})
    for day in (dt.date(2022, 12, 1), dt.date(2022, 12, 15), dt.date(2022, 12, 31)):
        applied = rates.rate_for(day)
        assert (applied.rate, applied.rate_date) == (Decimal("0.9462"), dt.date(2022, 11, 29))


def test_the_rate_date_counts_business_days_back_from_the_months_end_skipping_weekends() -> None:
    # November 2020 ended on a Monday: the 30th is the last business day, Friday the 27th the one before.
    assert rate_date(dt.date(2020, 12, 1)) == dt.date(2020, 11, 27)
    # December 2022 ended on a Saturday: Friday the 30th, then Thursday the 29th.
    assert rate_date(dt.date(2023, 1, 31)) == dt.date(2022, 12, 29)


HEADER = (
    "OrderDate,ChargeType,ProductName,SubscriptionId,UnitPrice,EffectiveUnitPrice,BillableQuantity,"
    "Subtotal,Currency,ChargeStartDate,ChargeEndDate,PricingCurrency,PCToBCExchangeRate,"
    "PCToBCExchangeRateDate"
)


def test_a_recon_row_priced_in_usd_and_billed_in_eur_reads_as_such_and_follows_the_formula() -> None:
    row = "2022-12-05,new,M365 E3,s1,10.08,10.08,3,25.56,EUR,2022-12-05,2023-01-04,USD,0.846202666,11/29/2022"
    report = check_recon_rows(f"{HEADER}\n{row}\n")
    (line,) = report.lines
    assert report.is_consistent
    assert report.roundings == ((ProrationRounding.UNIT_PRICE_FIRST,),)
    assert (line.unit_price, line.effective_unit_price) == (Money("10.08", "USD"), Money("10.08", "USD"))
    assert (line.subtotal, line.currency) == (Money("25.56", "EUR"), "EUR")
    assert (line.pricing_currency, line.exchange_rate, line.exchange_rate_date) == (
        "USD",
        RATE,
        dt.date(2022, 11, 29),
    )
    assert parse_recon_rows(list(to_recon_rows([line]))) == (line,)


def test_a_usage_figure_at_the_rate_is_recognised_as_the_usage_formula() -> None:
    row = "2022-12-05,new,Tables,s1,10.08,10.08,3,25.58,EUR,2022-12-05,2023-01-04,USD,0.846202666,"
    report = check_recon_rows(f"{HEADER}\n{row}\n")
    assert report.roundings == ((ProrationRounding.LINE_TOTAL,),)


def test_a_file_without_the_exchange_columns_reads_as_before() -> None:
    header = HEADER.rsplit(",", 3)[0]
    (line,) = parse_recon_rows(f"{header}\n2022-12-05,new,M365,s1,12,12,10,120,EUR,2022-12-05,2023-01-04\n")
    assert (line.pricing_currency, line.exchange_rate, line.exchange_rate_date) == (None, None, None)
    assert line.unit_price == Money(12, "EUR")


def test_a_line_priced_in_its_billing_currency_carries_no_exchange_fields() -> None:
    row = "2022-12-05,new,M365,s1,12,12,10,120,EUR,2022-12-05,2023-01-04,EUR,1,11/29/2022"
    (line,) = parse_recon_rows(f"{HEADER}\n{row}\n")
    assert isinstance(line, ChargeLine)
    assert (line.pricing_currency, line.exchange_rate, line.exchange_rate_date) == (None, None, None)
