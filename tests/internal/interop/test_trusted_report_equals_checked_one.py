"""Reports reconcile() builds without re-checking equal those the public constructor builds."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs

from cspcore import Money
from cspcore.billing import ChargeLine, ChargeType
from cspcore.interop import ReconciliationReport, reconcile

LINE = ChargeLine(
    order_date=dt.date(2022, 3, 7),
    charge_type=ChargeType.ADD_QUANTITY,
    product="M365 BS",
    subscription_id="s1",
    unit_price=Money(12, "EUR"),
    effective_unit_price=Money("11.2258064516129", "EUR"),
    quantity=Decimal(15),
    subtotal=Money("168.38", "EUR"),
    charge_start=dt.date(2022, 3, 7),
    charge_end=dt.date(2022, 4, 4),
)


def checked(report: ReconciliationReport) -> ReconciliationReport:
    return ReconciliationReport(
        matched_expected=report.matched_expected,
        matched_actual=report.matched_actual,
        missing=report.missing,
        unexpected=report.unexpected,
        mismatched=report.mismatched,
        tolerance=report.tolerance,
    )


def test_the_trusted_report_has_every_field_of_the_class() -> None:
    names = {field.name.lstrip("_") for field in attrs.fields(ReconciliationReport)}
    assert names == {"matched_expected", "matched_actual", "missing", "unexpected", "mismatched", "tolerance"}


def test_a_clean_month_reports_as_the_checked_constructor_would() -> None:
    report = reconcile([LINE], [LINE])
    assert checked(report) == report


def test_a_month_with_differences_reports_as_the_checked_constructor_would() -> None:
    other = attrs.evolve(LINE, subscription_id="s2")
    billed = attrs.evolve(LINE, reference_id="r-1", quantity=Decimal(16))
    report = reconcile([LINE, other], [billed, attrs.evolve(LINE, subscription_id="s3")])
    assert checked(report) == report
    assert checked(reconcile([LINE], [billed], tolerance=Decimal("0.05"))) == reconcile(
        [LINE], [billed], tolerance=Decimal("0.05")
    )
