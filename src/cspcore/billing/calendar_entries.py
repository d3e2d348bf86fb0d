"""The values of a renewal calendar: its kinds of entry, its entries and the calendar itself.

Built by :func:`cspcore.billing.renewal_calendar` (:mod:`cspcore.billing.portfolio_calendar`, which
re-exports every name).

>>> CalendarKind("renewal").name
'RENEWAL'

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Final

import attrs

from cspcore import _validate
from cspcore.billing.calendar_ics import ics_text
from cspcore.billing.terms import Term
from cspcore.enums import CspEnum
from cspcore.explain import Reason
from cspcore.i18n.catalogs import render
from cspcore.money import Money

__all__ = ["RECURRING", "CalendarEntry", "CalendarKind", "RenewalCalendar"]

_ONE_DAY: Final = dt.timedelta(days=1)


class CalendarKind(CspEnum):
    """What happens on a calendar entry's day (in the order entries of one day and subscription sort).

    >>> CalendarKind("renewal").name
    'RENEWAL'
    """

    RENEWAL = "renewal"
    """The next term starts (the subscription renews)."""
    TRIAL_CONVERSION = "trial_conversion"
    """A trial with auto-renew on becomes its paid equivalent."""
    SCHEDULED_CHANGE = "scheduled_change"
    """The change saved for renewal takes effect."""
    FULL_REFUND_END = "full_refund_end"
    """The full-refund part of the cancellation window ends (24 hours after it opened)."""
    CANCELLATION_WINDOW_CLOSE = "cancellation_window_close"
    """The cancellation window closes (168 hours after it opened)."""
    SEAT_REDUCTION_DEADLINE = "seat_reduction_deadline"
    """The last day a lot of seats may be removed."""
    REACTIVATION_DEADLINE = "reactivation_deadline"
    """The last day a suspended subscription can be reactivated; after it, it ends."""
    TRIAL_END = "trial_end"
    """The last day of a trial with auto-renew off: it ends, unconverted."""
    EXPIRY = "expiry"
    """The last day of a term with auto-renew off: the subscription expires."""


_ORDER: Final = {kind: index for index, kind in enumerate(CalendarKind)}
#: The kinds that recur with every renewal (dropped for month-to-month terms by ``commitments_only``).


def _optional_money(_instance: object, attribute: attrs.Attribute[Money | None], value: object) -> None:
    if value is not None:
        _validate.instance(value, Money, attribute.name)


def _seats(_instance: object, attribute: attrs.Attribute[int], value: object) -> None:
    _validate.integer(value, attribute.name, minimum=0, maximum=_validate.MAX_QUANTITY)


# Instants are kept as the plain datetime ``_validate.aware_datetime`` reads (a subclass's code never
# runs); one named converter per field, so the attrs mypy plugin keeps each argument's type.
def _at(value: dt.datetime | None) -> dt.datetime | None:
    return None if value is None else _validate.aware_datetime(value, "at")


@attrs.frozen(kw_only=True)
class CalendarEntry:
    """One dated item of a renewal calendar.

    Args:
        on: The day (UTC) it happens; for a window, the UTC day of ``at``.
        at: The instant, for a window that closes at a given moment (else ``None``).
        kind: What happens.
        subscription: The subscription id.
        product: Its product for the term the entry concerns.
        customer: The customer id given for the subscription, if any.
        quantity: The seats concerned (for a seat-reduction deadline, the lot's seats).
        term: The term the entry concerns (the one that starts, for a renewal or conversion).
        is_commitment: Whether that term is an annual or triennial commitment (``False``: a
            month-to-month rollover).
        amount: The money at stake where it is known: for a renewal, its first charge (price per
            charge cycle times seats); ``None`` otherwise.
        reason: Why, with the source page; renders in the five locales.
    """

    on: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    at: dt.datetime | None = attrs.field(converter=_at)
    kind: CalendarKind = attrs.field(validator=_validate.attrs_instance_of(CalendarKind))
    subscription: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    product: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    customer: str | None = attrs.field(validator=_validate.attrs_validator(_validate.optional_text))
    quantity: int = attrs.field(validator=_seats)
    term: Term = attrs.field(validator=_validate.attrs_instance_of(Term))
    is_commitment: bool = attrs.field(validator=_validate.attrs_validator(_validate.flag))
    amount: Money | None = attrs.field(validator=_optional_money)
    reason: Reason = attrs.field(validator=_validate.attrs_instance_of(Reason))

    def sort_key(self) -> tuple[dt.date, str, int, dt.datetime, int]:
        """The calendar's order: day, subscription id, kind, instant, seats."""
        moment = self.at if self.at is not None else dt.datetime.min.replace(tzinfo=dt.UTC)
        return (self.on, self.subscription, _ORDER[self.kind], moment, self.quantity)


@attrs.frozen(kw_only=True)
class RenewalCalendar:
    """The entries of a renewal calendar between ``start`` and ``end`` (both included), in order.

    Args:
        start: The first day covered.
        end: The last day covered.
        entries: The entries, sorted by day, then subscription id (then kind, instant, seats).
    """

    start: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    end: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    entries: tuple[CalendarEntry, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, CalendarEntry))

    def to_rows(self, *, locale: str | None = None) -> list[dict[str, Any]]:
        """The entries as plain dicts (for a DataFrame or ``csv.DictWriter``), in order.

        Keys: ``on``, ``at``, ``kind`` (its value), ``subscription``, ``product``, ``customer``,
        ``quantity``, ``term`` (its value), ``is_commitment``, ``amount`` (a ``Decimal`` or
        ``None``), ``currency``, ``reason`` (its code), ``source`` (the citation), and ``message``
        (the reason in ``locale``) when a locale is given.

        >>> import datetime as dt
        >>> from cspcore.billing import renewal_calendar
        >>> renewal_calendar([], start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)).to_rows()
        []
        """
        rows: list[dict[str, Any]] = []
        for entry in self.entries:
            source = entry.reason.source
            row: dict[str, Any] = {
                "on": entry.on,
                "at": entry.at,
                "kind": entry.kind.value,
                "subscription": entry.subscription,
                "product": entry.product,
                "customer": entry.customer,
                "quantity": entry.quantity,
                "term": entry.term.value,
                "is_commitment": entry.is_commitment,
                "amount": None if entry.amount is None else entry.amount.amount,
                "currency": None if entry.amount is None else entry.amount.currency,
                "reason": entry.reason.code,
                "source": None if source is None else source.cite(),
            }
            if locale is not None:
                row["message"] = render(entry.reason, locale=locale)
            rows.append(row)
        return rows

    def to_ics(self, *, stamp: dt.datetime, locale: str = "en_US") -> str:
        r"""The entries as an iCalendar (RFC 5545) text: one event each.

        A dated entry is an all-day event; a window closing is an event at its UTC instant. Each
        event's ``UID`` is derived from its kind, subscription, day and instant, so that exporting
        again updates the same events; ``SUMMARY`` is the kind and the subscription, ``DESCRIPTION``
        the reason and its source in ``locale``.

        Args:
            stamp: The instant the export is made (``DTSTAMP``; cspcore reads no clock).
            locale: The language of the summaries and descriptions.

        >>> import datetime as dt
        >>> from cspcore.billing import renewal_calendar
        >>> empty = renewal_calendar([], start=dt.date(2024, 1, 1), end=dt.date(2024, 1, 31))
        >>> print(empty.to_ics(stamp=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)).replace("\r\n", "|"))
        BEGIN:VCALENDAR|VERSION:2.0|PRODID:-//cspcore//renewal calendar//EN|CALSCALE:GREGORIAN|END:VCALENDAR|
        """
        return ics_text(self.entries, stamp=stamp, locale=locale)


#: The kinds every monthly rollover repeats each month (left out with ``commitments_only``).
RECURRING: Final = frozenset(
    {
        CalendarKind.RENEWAL,
        CalendarKind.FULL_REFUND_END,
        CalendarKind.CANCELLATION_WINDOW_CLOSE,
        CalendarKind.SEAT_REDUCTION_DEADLINE,
    }
)
