"""The number of seats at the end of a billing period, from the charge lines Partner Center billed.

It lives in :mod:`cspcore.interop` because it reads the lines as the reconciliation file and the
line-items API state them (refund and re-charge pairs, ``customerCredit`` lines): it is Microsoft's
own recipe for that file (``common-billing-scenarios-onetime-recurring.md``).

.. versionadded:: 0.1.0
   In :mod:`cspcore.interop.partner_center`, which still re-exports it.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

from cspcore._decimal import EXACT
from cspcore.billing.charges import ChargeLine, ChargeType
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.interop._rules import OneCurrency, charge_lines

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["seats_at_period_end"]

_ZERO: Final = Decimal(0)
_BASE_CHARGES: Final = frozenset({ChargeType.NEW, ChargeType.RENEW, ChargeType.CYCLE_CHARGE})


def _is_negative(line: ChargeLine) -> bool:
    if line.subtotal.amount:
        return line.subtotal.amount < 0
    return line.effective_unit_price.amount < 0


def _net_quantity(lines: Iterable[ChargeLine]) -> Decimal:
    """The quantities of the positive lines less those of the negative ones, exactly."""
    seats = _ZERO
    for line in lines:
        seats = (EXACT.subtract if _is_negative(line) else EXACT.add)(seats, line.quantity)
    return seats


def seats_at_period_end(lines: Iterable[ChargeLine]) -> Mapping[str, Decimal]:
    """The number of seats of each subscription at the end of the billing period the lines cover.

    Microsoft's rule (``common-billing-scenarios-onetime-recurring.md``, "How do I calculate the
    total number of seats (licenses) after multiple changes during a billing period?"): sort by
    order date; each change is a refund of the old count and a charge for the new one, so the last
    positive charge carries the period's seat count. When several positive charges fall on that
    last day, Microsoft's tie-break applies: from the order date of the period's ``new``, ``renew``
    or ``cycleCharge`` transaction, add the billable quantities of the positive charges and subtract
    those of the negative ones (``customerCredit`` lines are left out). cspcore sums from that base
    day through the last day, which is Microsoft's arithmetic when the base day is the last day and
    its natural extension otherwise. Without a base transaction in the lines, the same-day chain is
    resolved by removing each refunded count from the day's charged counts.

    Args:
        lines: Charge lines of one billing period (any order; several subscriptions allowed).

    Returns:
        Seats by subscription id, for subscriptions that have a positive charge: a read-only mapping
        (``dict(...)`` makes a copy to change).

    Raises:
        InvalidInput: when a line is not a ChargeLine, there are more than
            :data:`~cspcore.interop._rules.MAX_LINES` of them (an endless iterable), or a same-day chain
            cannot be resolved.
        CurrencyMismatch: when a line is not in the first line's currency (one billing period's lines
            are one invoice's).

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> def line(day, kind, price, qty):
    ...     return ChargeLine(
    ...         order_date=dt.date(2022, 3, day),
    ...         charge_type=kind,
    ...         product="M365 BS",
    ...         subscription_id="s1",
    ...         unit_price=Money(12, "EUR"),
    ...         effective_unit_price=Money(price, "EUR"),
    ...         quantity=qty,
    ...         subtotal=Money(price, "EUR") * qty,
    ...         charge_start=dt.date(2022, 3, day),
    ...         charge_end=dt.date(2022, 4, 4),
    ...     )
    >>> seats_at_period_end(
    ...     [
    ...         line(5, "new", 12, 10),
    ...         line(7, "addQuantity", "-11.23", 10),
    ...         line(7, "addQuantity", "11.23", 15),
    ...     ]
    ... )
    mappingproxy({'s1': Decimal('15')})

    .. versionchanged:: 0.2.0
        Returns a read-only mapping (it was a ``dict``); it compares equal to the dict it was.
    """
    by_subscription: dict[str, list[ChargeLine]] = defaultdict(list)
    for line in charge_lines(lines, "lines", OneCurrency()):
        if line.charge_type is not ChargeType.CUSTOMER_CREDIT:
            by_subscription[line.subscription_id].append(line)
    result: dict[str, Decimal] = {}
    for subscription, group in by_subscription.items():
        group.sort(key=lambda item: item.order_date)
        positives = [item for item in group if not _is_negative(item)]
        if not positives:
            continue
        last_day = positives[-1].order_date
        on_last_day = [item for item in positives if item.order_date == last_day]
        if len(on_last_day) == 1:
            result[subscription] = on_last_day[0].quantity
            continue
        bases = [
            item for item in positives if item.charge_type in _BASE_CHARGES and item.order_date <= last_day
        ]
        if bases:
            base_day = bases[-1].order_date
            window = [item for item in group if base_day <= item.order_date <= last_day]
            result[subscription] = _net_quantity(window)
            continue
        charged = [item.quantity for item in on_last_day]
        for refund in (item for item in group if item.order_date == last_day and _is_negative(item)):
            if refund.quantity in charged:
                charged.remove(refund.quantity)
        if len(set(charged)) != 1:
            raise InvalidInput(
                "lines",
                f"cannot tell the last of several same-day changes of {subscription}",
                tuple(charged),
                code=ErrorCode.INCONSISTENT,
            )
        result[subscription] = charged[0]
    return MappingProxyType(result)
