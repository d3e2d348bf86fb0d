"""The interop section of ``python -m cspcore demo``: a month of Partner Center data, reconciled.

The embedded month is the seat-change example of ``common-billing-scenarios-onetime-recurring.md``
(Microsoft 365 Business Standard, March 2022): Microsoft's reconciliation rows, with the effective
unit price shown rounded, against the lines the partner expected at full precision, one of which
the partner got wrong by a cent.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from babel.dates import format_skeleton

from cspcore.billing.charges import ChargeLine, ChargeType
from cspcore.explain import Reason, Source
from cspcore.i18n import locale_of, render
from cspcore.interop.explain import explain_charge
from cspcore.interop.partner_center import parse_recon_rows, reconcile, seats_at_period_end
from cspcore.money import Money, Rounding

__all__ = ["demo"]

_SUBSCRIPTION: Final = "284b0ff0-0e74-4f65-cb23-f8ad95867994"

#: Microsoft's rows for March 2022, as the page's table gives them (amounts in EUR, before tax).
SAMPLE_MONTH: Final = (
    "OrderDate,ProductName,ChargeType,UnitPrice,BillableQuantity,EffectiveUnitPrice,Subtotal,TaxTotal,Total,"
    "Currency,SubscriptionId,ChargeStartDate,ChargeEndDate,ReferenceId\n"
    + "".join(
        f"2022-03-{day:02d},Microsoft 365 Business Standard,{kind},12,{quantity},{price},{amount},0,{amount},"
        f"EUR,{_SUBSCRIPTION},2022-03-{day:02d},2022-04-04,{reference}\n"
        for day, kind, quantity, price, amount, reference in (
            (5, "new", 10, "12.00", "120", "7d71c595"),
            (7, "addQuantity", 10, "-11.23", "-112.25", "12d33e18"),
            (7, "addQuantity", 15, "11.23", "168.38", "12d33e18"),
            (10, "addQuantity", 15, "-10.06", "-150.96", "dc2a0a41"),
            (10, "addQuantity", 25, "10.06", "251.61", "dc2a0a41"),
            (12, "removeQuantity", 25, "-9.29", "-232.25", "2f8965ff"),
            (12, "removeQuantity", 23, "9.29", "213.67", "2f8965ff"),
            (14, "removeQuantity", 23, "-8.52", "-195.87", "73b3dc36"),
            (14, "removeQuantity", 20, "8.52", "170.32", "73b3dc36"),
            (25, "addQuantity", 20, "-4.26", "-85.16", "6759acd5"),
            (25, "addQuantity", 30, "4.26", "127.74", "6759acd5"),
        )
    )
)


def _expected() -> tuple[ChargeLine, ...]:
    """The partner's own lines: 12 EUR ÷ 31 days × billed days, amounts cut down to the cent."""
    lines = []
    changes = ((5, 0, 10), (7, 10, 15), (10, 15, 25), (12, 25, 23), (14, 23, 20), (25, 20, 30))
    for day, before, after in changes:
        start = dt.date(2022, 3, day)
        days = (dt.date(2022, 4, 4) - start).days + 1
        price = Money(12, "EUR") * days / 31
        kind = (
            ChargeType.NEW
            if before == 0
            else ChargeType.ADD_QUANTITY
            if after > before
            else ChargeType.REMOVE_QUANTITY
        )
        for quantity, sign in ((before, -1), (after, 1)):
            if not quantity:
                continue
            amount = (price * quantity).round(Rounding.DOWN) * sign
            if day == 12 and sign == 1:
                amount = amount - Money("0.01", "EUR")  # the partner's own slip, for the demo to find
            lines.append(
                ChargeLine(
                    order_date=start,
                    charge_type=kind,
                    product="Microsoft 365 Business Standard",
                    subscription_id=_SUBSCRIPTION,
                    unit_price=Money(12, "EUR"),
                    effective_unit_price=price * sign,
                    quantity=Decimal(quantity),
                    subtotal=amount,
                    charge_start=start,
                    charge_end=dt.date(2022, 4, 4),
                )
            )
    return tuple(lines)


def demo(*, locale: str) -> str:
    """Reconcile the embedded month and explain one of its charges, in ``locale``.

    Args:
        locale: One of ``en_US``, ``cs_CZ``, ``pl_PL``, ``hu_HU``, ``ja_JP``.

    Returns:
        A short text section: the reconciliation's findings, the seats at the end of the month, and
        the explanation of the March 7 charge.

    >>> print(demo(locale="en_US").splitlines()[0])
    Reconciliation of Mar 2022: 11 expected lines, 11 billed lines
    """
    actual = parse_recon_rows(SAMPLE_MONTH)
    expected = _expected()
    report = reconcile(expected, actual)
    source = Source(document="common-billing-scenarios-onetime-recurring.md")
    title = Reason(
        code="cli.demo.interop.title",
        params={"month": _month(locale), "expected": len(expected), "actual": len(actual)},
        source=source,
    )
    out = [render(title, locale=locale)]
    out.extend(f"- {render(reason, locale=locale)}" for reason in report.reasons)
    for subscription, seats in seats_at_period_end(actual).items():
        reason = Reason(
            code="cli.demo.interop.seats",
            params={"subscription": subscription[:8], "seats": seats},
            source=source,
        )
        out.append(render(reason, locale=locale))
    out.append("")
    out.append(explain_charge(actual[2], locale=locale))
    return "\n".join(out)


def _month(locale: str) -> str:
    """March 2022, as the locale names a month of a year (CLDR skeleton ``yMMM``)."""
    return str(format_skeleton("yMMM", dt.date(2022, 3, 1), locale=locale_of(locale)))
