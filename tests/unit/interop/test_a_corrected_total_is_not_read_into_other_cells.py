"""A stated Total that disagrees with Subtotal + TaxTotal is read as their sum on its own line only.

The reader remembers the amounts of cells it has read, by their text. A corrected total must not be
remembered under the text that stated it: a later cell with that text (an EffectiveUnitPrice of 0)
keeps its own value.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from cspcore import Money
from cspcore.interop import check_recon_rows, iter_recon_rows

ROW = {
    "CustomerId": "c-1",
    "OrderDate": "2024-03-05",
    "ProductName": "Microsoft 365 E3",
    "ChargeType": "new",
    "UnitPrice": "36",
    "Quantity": "2",
    "Subtotal": "72",
    "TaxTotal": "15.12",
    "Total": "87.12",
    "Currency": "EUR",
    "SubscriptionId": "sub-1",
    "ChargeStartDate": "2024-03-05",
    "ChargeEndDate": "2024-04-04",
    "TermAndBillingCycle": "1 Year",
    "EffectiveUnitPrice": "36",
    "BillableQuantity": "2",
    "BillingFrequency": "Monthly",
    "SubscriptionStartDate": "2024-03-05",
    "SubscriptionEndDate": "2025-03-04",
    "ReferenceId": "r-1",
    "ProductQualifiers": "AddOn",
}


def _text(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    columns: list[str] = list(ROW)
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_a_zero_price_after_a_zero_total_stays_zero() -> None:
    wrong_total = {**ROW, "Total": "0"}
    free = {**ROW, "EffectiveUnitPrice": "0", "ReferenceId": "r-2"}
    first, second = iter_recon_rows(_text([wrong_total, free]))
    assert first.total == Money("87.12", "EUR")  # read as subtotal + tax
    assert second.effective_unit_price == Money(0, "EUR")
    assert second.total == Money("87.12", "EUR")


def test_the_corrected_total_is_reported() -> None:
    report = check_recon_rows(_text([{**ROW, "Total": "0"}, ROW]))
    assert len(report.lines) == 2
    assert [(issue.field, issue.stated.amount) for issue in report.issues] == [("Total", Decimal(0))]
