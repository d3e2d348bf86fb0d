"""The columns of the two files a month-end close reads, as the month-end tests write them.

Microsoft's reconciliation file (license-based lines) and its daily-rated usage file, each cut to
the columns the close needs, in Partner Center's names.

>>> RECON_HEADER.split(",")[:3], USAGE_HEADER.endswith("ChargeEndDate\\n")
(['CustomerId', 'OrderDate', 'ChargeType'], True)
"""

from __future__ import annotations

from typing import Final

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
