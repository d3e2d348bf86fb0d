"""The support section of ``python -m cspcore demo``: a few issues routed, with their SLA due times.

>>> print(demo(locale="en_US").splitlines()[0])
Support: where issues go and when the first answer is due
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from cspcore.explain import Reason
from cspcore.i18n import format_datetime, label, render
from cspcore.support.hours import BusinessHours, due_at
from cspcore.support.model import Issue, PartnerProfile, PartnerType, SupportPlan
from cspcore.support.routing import route

__all__ = ["demo"]

#: A Prague partner's desk: weekdays 8:00-16:30, closed on the Czech public holidays Good Friday and
#: Easter Monday 2024.
_DESK: Final = BusinessHours.from_weekdays(
    "Europe/Prague",
    dt.time(8),
    dt.time(16, 30),
    holidays=frozenset({dt.date(2024, 3, 29), dt.date(2024, 4, 1)}),
)
_PARTNER: Final = PartnerProfile(
    type=PartnerType.INDIRECT_PROVIDER, plans={SupportPlan.PARTNER_CLOUD_SUPPORT}
)
_RECEIVED: Final = dt.datetime(2024, 3, 29, 15, 0, tzinfo=dt.UTC)  # Good Friday, 16:00 in Prague
_SAMPLES: Final = (
    Issue(kind="billing", product="microsoft365", summary="Invoice line looks doubled"),
    Issue(kind="technical", product="microsoft365", category="serviceUnavailable", severity="A"),
    Issue(kind="technical", product="azure", escalate=True, severity="B"),
    Issue(kind="technical", product="marketplace"),
)


def demo(*, locale: str) -> str:
    """Route the sample issues for a Prague indirect provider and show when each first answer is due.

    Microsoft's own initial response times count round the clock; the partner's desk counts its
    business hours (Easter holidays, the weekend and the spring DST change included).

    >>> "Microsoft" in demo(locale="cs_CZ")
    True
    """
    lines = [render(Reason(code="cli.demo.support.title"), locale=locale)]
    due_label = render(Reason(code="cli.demo.support.due"), locale=locale)
    for issue in _SAMPLES:
        result = route(issue, partner=_PARTNER)
        if result.initial_response is not None:
            due = due_at(_RECEIVED, result.initial_response, hours=None)
        else:
            due = due_at(_RECEIVED, dt.timedelta(hours=8), hours=_DESK)
        local_due = due.astimezone(_DESK.zone)
        head = f"- {label(issue.kind, locale=locale)} / {label(issue.product, locale=locale)}: "
        head += f"{label(result.handler, locale=locale)} ({label(result.vehicle, locale=locale)}); "
        head += f"{due_label} {format_datetime(local_due, locale=locale, format='short')}"
        lines.append(head)
        lines.extend(f"    {n}. {label(step, locale=locale)}" for n, step in enumerate(result.steps, 1))
        lines.append(f"    {render(result.reasons[-1], locale=locale)}")
    return "\n".join(lines)
