"""The new-commerce windows as rules by date: cancellation, full refund and seat reduction.

New commerce launched with a 72-hour window for cancellations and seat reductions, extended to
seven days in March 2022; the 24-hour full refund has one version. Each rule is a
:class:`~cspcore.rules.VersionedRule` looked up by the UTC day its window counts from (the purchase
or renewal, or the day seats were added). :mod:`cspcore.billing.windows` re-exports every name.

>>> CANCELLATION_WINDOW_RULE.current.value
168

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from cspcore.explain import Source
from cspcore.rules import RuleVersion, VersionedRule

__all__ = [
    "CANCELLATION_WINDOW_RULE",
    "CANCEL_SOURCE",
    "FULL_REFUND_HOURS",
    "FULL_REFUND_RULE",
    "NCE_LAUNCH",
    "REDUCTION_DAYS",
    "SEATS_SOURCE",
    "SEAT_REDUCTION_RULE",
    "SEVEN_DAY_WINDOW_FROM",
    "WINDOW_HOURS",
]

CANCEL_SOURCE: Final = Source(document="billing-basics.md", section="Subscription cancelation")
SEATS_SOURCE: Final = Source(
    document="create-a-new-subscription.md",
    section="Increase or decrease licenses in new commerce license-based subscriptions",
)
#: Where the start of new commerce for license-based offers is dated (partners have migrated to it
#: "since October 2021").
NCE_LAUNCH: Final = dt.date(2021, 10, 1)
_LAUNCH_SOURCE: Final = Source(
    document="announcements/includes/july-2023/next-steps-new-commerce.md",
    section="Next steps in CSP new commerce: Commercial legacy seat-based subscription migration",
)
#: The day cspcore takes the seven-day window to apply from (see :data:`CANCELLATION_WINDOW_RULE`).
SEVEN_DAY_WINDOW_FROM: Final = dt.date(2022, 3, 1)
_EXTENSION_SOURCE: Final = Source(
    document="Microsoft expands 72-hour window for NCE changes",
    section="the seven-day window applies retroactively to purchases from 12 a.m. UTC on March 12",
    url="https://www.crn.com/news/cloud/microsoft-expands-72-hour-window-for-nce-changes",
    publisher="CRN (secondary, quoting Microsoft's March 2022 Partner Center announcement)",
)
_EXTENSION_NOTE: Final = (
    "Microsoft announced the change on March 17, 2022; it went live at 5 p.m. Pacific on March 18 "
    "(00:00 UTC March 19) and reached back to purchases from 00:00 UTC March 12 (CRN, secondary). "
    "cspcore applies it from March 1, 2022, the month the project's sources give, because "
    "Microsoft's own published seat example (March 5-25, 2022) removes seats four days after they "
    "were added, which only the seven-day rule allows."
)
_LAUNCH_NOTE: Final = (
    "New commerce launched with a 72-hour window for cancellations and seat reductions (CRN; "
    "kb.cloud.im, secondary). No page gives its first day; it also governs any earlier day."
)


def _extended(name: str, at_launch: int, extended: int, source: Source) -> VersionedRule[int]:
    """A window of ``at_launch`` units at launch, ``extended`` from March 2022 (cited from ``source``)."""
    return VersionedRule(
        name=name,
        versions=(
            RuleVersion(
                effective_from=NCE_LAUNCH, value=at_launch, source=_EXTENSION_SOURCE, note=_LAUNCH_NOTE
            ),
            RuleVersion(
                effective_from=SEVEN_DAY_WINDOW_FROM, value=extended, source=source, note=_EXTENSION_NOTE
            ),
        ),
    )


#: Hours after purchase or renewal during which a cancellation is possible, by the UTC day of the
#: purchase or renewal: 72 hours at launch, seven days (168 hours) from March 2022.
CANCELLATION_WINDOW_RULE: Final = _extended(
    "new-commerce cancellation window (hours)", 72, 168, CANCEL_SOURCE
)
#: Hours after purchase or renewal during which a cancellation is refunded in full. One version: no
#: source says whether the 24-hour full refund existed at launch; cspcore assumes it did (a
#: cancellation within the purchase's first day refunds the whole first day under daily proration too).
FULL_REFUND_RULE: Final = VersionedRule[int](
    name="new-commerce full-refund window (hours)",
    versions=(
        RuleVersion(
            effective_from=NCE_LAUNCH,
            value=24,
            source=CANCEL_SOURCE,
            note="Assumed unchanged since launch: no source dates the 24-hour full refund.",
        ),
    ),
)
#: Days after seats were added during which they may be removed, by the UTC day they were added:
#: three days (72 hours) at launch, seven from March 2022. Windows never shrink from one version to
#: the next, which :class:`SeatStack` relies on.
SEAT_REDUCTION_RULE: Final = _extended("new-commerce seat-reduction window (days)", 3, 7, SEATS_SOURCE)

#: Hours after purchase or renewal during which a cancellation is refunded in full (current version).
FULL_REFUND_HOURS: Final = FULL_REFUND_RULE.current.value
#: Hours after purchase or renewal during which a cancellation is possible (current version: seven days).
WINDOW_HOURS: Final = CANCELLATION_WINDOW_RULE.current.value
#: Days after seats were added during which they may be removed (current version).
REDUCTION_DAYS: Final = SEAT_REDUCTION_RULE.current.value
