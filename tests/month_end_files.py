"""The columns of the two files a month-end close reads, as the month-end tests write them.

Microsoft's reconciliation file (license-based lines) and its daily-rated usage file, each cut to
the columns the close needs, in Partner Center's names; and a close of files written from texts.

>>> RECON_HEADER.split(",")[:3], USAGE_HEADER.endswith("ChargeEndDate\\n")
(['CustomerId', 'OrderDate', 'ChargeType'], True)
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

from cspcore.billing import STANDARD
from cspcore.interop import close_month

if TYPE_CHECKING:
    from pathlib import Path

    from cspcore.interop import MonthEndClose

RECON_COLUMNS: Final = (
    "CustomerId", "OrderDate", "ChargeType", "ProductName", "SubscriptionId", "UnitPrice",
    "EffectiveUnitPrice", "BillableQuantity", "Subtotal", "Currency", "ChargeStartDate", "ChargeEndDate",
)  # fmt: skip
USAGE_COLUMNS: Final = (
    "UsageDate", "CustomerId", "SubscriptionId", "MeterId", "Quantity", "UnitPrice", "EffectiveUnitPrice",
    "BillingPreTaxTotal", "BillingCurrency", "PricingPreTaxTotal", "PricingCurrency", "ChargeStartDate",
    "ChargeEndDate",
)  # fmt: skip
#: The header line of each file.
RECON_HEADER: Final = ",".join(RECON_COLUMNS) + "\n"
USAGE_HEADER: Final = ",".join(USAGE_COLUMNS) + "\n"
#: The day the tests' closes issue their invoices and read standings on.
ISSUED: Final = dt.date(2024, 4, 1)


def write(folder: Path, name: str, text: str) -> Path:
    """``text`` written to ``folder / name`` (UTF-8); its path."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def close_texts(folder: Path, billed: str, expected: str, /, **changes: Any) -> MonthEndClose:
    """``close_month`` of files written in ``folder`` from their texts, with the tests' defaults.

    Two partitions, the standard policy, issued and read on :data:`ISSUED`, partition files under
    ``folder``; ``changes`` give ``customers`` and override any other argument, and a ``usage`` or
    ``expected_usage`` given as text is written to a file first (a ``billed`` or ``expected`` among
    ``changes`` replaces the file written).
    """
    arguments: dict[str, Any] = {
        "billed": write(folder, "billed.csv", billed),
        "expected": write(folder, "expected.csv", expected),
        "policy": STANDARD,
        "issued": ISSUED,
        "as_of": ISSUED,
        "partitions": 2,
        "workdir": folder,
    }
    for side in ("usage", "expected_usage"):
        if isinstance(changes.get(side), str):
            changes[side] = write(folder, f"{side}.csv", changes[side])
    arguments.update(changes)
    return close_month(**arguments)
