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
    import datetime as dt
    from collections.abc import Iterable, Mapping

__all__ = ["seats_at_period_end"]

_ZERO: Final = Decimal(0)
#: Lines that charge a whole cycle or term at the subscription's count: Microsoft's ``new``, ``renew`` and
#: ``cycleCharge``, and the cycle charged under a new billing plan (``changeBillingPlan``) or for a
#: longer trial (``extendTerm``).
_BASE_CHARGES: Final = frozenset(
    {
        ChargeType.NEW,
        ChargeType.RENEW,
        ChargeType.CYCLE_CHARGE,
        ChargeType.CHANGE_BILLING_PLAN,
        ChargeType.EXTEND_TERM,
    }
)
_TRIAL: Final = "trial"


def _is_refund(line: ChargeLine) -> bool:
    """Whether a line gives seats back: a negative amount, or at a zero amount a negative price.

    A line of zero amount and zero price shows no sign, so its kind decides: a ``cancelImmediate``
    line always refunds, and so does the ``convert`` line of a trial (``ProductQualifiers`` "Trial"):
    the trial conversion of ``common-billing-scenarios-onetime-recurring.md`` ("How do I reconcile
    after I convert a trial version to a paid subscription?") puts the trial's refund on the second
    line, at zero since nothing was paid. Every other zero line charges.
    """
    if line.subtotal.amount:
        return line.subtotal.amount < 0
    if line.effective_unit_price.amount:
        return line.effective_unit_price.amount < 0
    if line.charge_type is ChargeType.CANCEL_IMMEDIATE:
        return True
    return line.charge_type is ChargeType.CONVERT and any(
        qualifier.casefold() == _TRIAL for qualifier in line.qualifiers
    )


def _net_quantity(signed: Iterable[tuple[ChargeLine, bool]]) -> Decimal:
    """The quantities of the charging lines less those of the refunding ones (each with its flag), exactly."""
    seats = _ZERO
    for line, refund in signed:
        seats = (EXACT.subtract if refund else EXACT.add)(seats, line.quantity)
    return seats


def seats_at_period_end(lines: Iterable[ChargeLine]) -> Mapping[str, Decimal]:
    """The number of seats of each subscription at the end of the billing period the lines cover.

    Microsoft's rule (``common-billing-scenarios-onetime-recurring.md``, "How do I calculate the
    total number of seats (licenses) after multiple changes during a billing period?"): sort by
    order date; each change is a refund of the old count and a charge for the new one. From the
    order date of the period's latest ``new``, ``renew`` or ``cycleCharge`` transaction (or
    ``changeBillingPlan`` or ``extendTerm``, which charge a whole cycle at the count as a cycle
    charge does), add the billable quantities of the charges and subtract those of the refunds
    (``customerCredit`` lines are left out). After a chain of changes that is the last charge's
    count, as the page's step 3 says; it also counts seats that leave without a charge on the same
    subscription: a partial upgrade's or a move's source (the page's partial upgrade leaves the
    ``new`` line's 300 less the ``convert`` refund's 100, 200 seats, on the base) and a cancellation
    (0 seats). A zero-amount line refunds when it is a ``cancelImmediate`` or a trial's ``convert``
    (the page's trial is refunded at zero). Without a base transaction in the lines, the
    last charging day's count is taken (a same-day chain resolved by removing each refunded count
    from the day's charged counts), less the refunds after it.

    Args:
        lines: Charge lines of one billing period (any order; several subscriptions allowed).

    Returns:
        Seats by subscription id, for subscriptions that have a charge in the lines (0 for one
        cancelled or moved away whole): a read-only mapping (``dict(...)`` makes a copy to change).

    Raises:
        InvalidInput: when a line is not a ChargeLine, there are more than
            :data:`~cspcore.interop._rules.MAX_LINES` of them (an endless iterable), a same-day chain
            cannot be resolved, or a subscription's lines refund more seats than they charge (code
            ``inconsistent``).
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
    .. versionchanged:: 0.4.0
        Seats refunded without a recharge (a partial upgrade's source, a cancellation) are no longer
        counted, and a trial's zero ``convert`` line counts as its refund.
    """
    by_subscription: dict[str, list[ChargeLine]] = defaultdict(list)
    for line in charge_lines(lines, "lines", OneCurrency()):
        if line.charge_type is not ChargeType.CUSTOMER_CREDIT:
            by_subscription[line.subscription_id].append(line)
    result: dict[str, Decimal] = {}
    for subscription, group in by_subscription.items():
        group.sort(key=lambda item: item.order_date)
        signed = [(item, _is_refund(item)) for item in group]  # each line once, with whether it refunds
        charges = [item for item, refund in signed if not refund]
        if not charges:
            continue
        bases = [item for item in charges if item.charge_type in _BASE_CHARGES]
        if bases:
            base_day = bases[-1].order_date
            seats = _net_quantity(pair for pair in signed if pair[0].order_date >= base_day)
        else:
            last_day = charges[-1].order_date
            seats = _last_day_count(subscription, signed, charges, last_day)
            # refunds after the last charge: seats that left without a recharge
            seats = EXACT.add(seats, _net_quantity(pair for pair in signed if pair[0].order_date > last_day))
        if seats < 0:
            raise InvalidInput(
                "lines",
                f"refund more seats of {subscription} than its lines charge",
                seats,
                code=ErrorCode.INCONSISTENT,
            )
        result[subscription] = seats
    return MappingProxyType(result)


def _last_day_count(
    subscription: str, signed: list[tuple[ChargeLine, bool]], charges: list[ChargeLine], last_day: dt.date
) -> Decimal:
    """The count a period without a base transaction has after the changes of its last charging day.

    One charge that day is the count; several are a same-day chain, resolved by removing each count
    the day refunded from the counts it charged.
    """
    charged = [item.quantity for item in charges if item.order_date == last_day]
    if len(charged) == 1:
        return charged[0]
    for refund in (item for item, refunds in signed if refunds and item.order_date == last_day):
        if refund.quantity in charged:
            charged.remove(refund.quantity)
    if len(set(charged)) != 1:
        raise InvalidInput(
            "lines",
            f"cannot tell the last of several same-day changes of {subscription}",
            tuple(charged),
            code=ErrorCode.INCONSISTENT,
        )
    return charged[0]
