"""Billing: terms, charge cycles, proration, windows, invoices, ledgers and collections.

.. versionadded:: 0.1.0
"""

from cspcore.billing.charges import ChargeLine, ChargeType
from cspcore.billing.cycles import ChargeCycle, charge_cycles
from cspcore.billing.history import history_from_dict
from cspcore.billing.invoices import (
    CreditNote,
    DocumentType,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Ledger,
    Payment,
)
from cspcore.billing.rating import (
    Cancel,
    ChangeBillingPlan,
    ChangeQuantity,
    ConvertTrial,
    Event,
    PriceChange,
    ProrationRounding,
    Upgrade,
    rate,
)
from cspcore.billing.subscription import Subscription
from cspcore.billing.terms import (
    VALID_PLANS,
    BillingFrequency,
    Term,
    calendar_aligned_end,
    coterminous_end,
    is_valid_plan,
    term_end,
)
from cspcore.billing.windows import (
    BillingPlanChangeRefused,
    CancellationKind,
    CancellationQuote,
    CancellationWindowClosed,
    CotermRefused,
    QuantityOutOfRange,
    SeatLot,
    SeatReductionWindowClosed,
    SubscriptionInactive,
    TermDowngradeRefused,
    TrialRestriction,
    UpgradeRefused,
    cancellation_quote,
    reduce_lots,
    reducible_seats,
    seat_reduction_deadline,
)

__all__ = [
    "VALID_PLANS",
    "BillingFrequency",
    "BillingPlanChangeRefused",
    "Cancel",
    "CancellationKind",
    "CancellationQuote",
    "CancellationWindowClosed",
    "ChangeBillingPlan",
    "ChangeQuantity",
    "ChargeCycle",
    "ChargeLine",
    "ChargeType",
    "ConvertTrial",
    "CotermRefused",
    "CreditNote",
    "DocumentType",
    "Event",
    "Invoice",
    "InvoiceLine",
    "InvoiceStatus",
    "Ledger",
    "Payment",
    "PriceChange",
    "ProrationRounding",
    "QuantityOutOfRange",
    "SeatLot",
    "SeatReductionWindowClosed",
    "Subscription",
    "SubscriptionInactive",
    "Term",
    "TermDowngradeRefused",
    "TrialRestriction",
    "Upgrade",
    "UpgradeRefused",
    "calendar_aligned_end",
    "cancellation_quote",
    "charge_cycles",
    "coterminous_end",
    "history_from_dict",
    "is_valid_plan",
    "rate",
    "reduce_lots",
    "reducible_seats",
    "seat_reduction_deadline",
    "term_end",
]
