"""The type of any event ``lifecycle`` replays, for annotating lists of mixed events in tests.

>>> from cspcore.billing import Suspend
>>> Suspend in AnyEvent.__args__
True
"""

from __future__ import annotations

from cspcore.billing import (
    Cancel,
    CancelScheduledChange,
    ChangeBillingPlan,
    ChangeQuantity,
    CompleteRenewal,
    ConvertTrial,
    PriceChange,
    Reactivate,
    ScheduleChange,
    SetAutoRenew,
    Suspend,
    Upgrade,
)

__all__ = ["AnyEvent"]

AnyEvent = (
    ChangeQuantity
    | Cancel
    | Upgrade
    | ChangeBillingPlan
    | ConvertTrial
    | PriceChange
    | CompleteRenewal
    | SetAutoRenew
    | Suspend
    | Reactivate
    | ScheduleChange
    | CancelScheduledChange
)
