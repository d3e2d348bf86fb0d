"""The billing section of ``python -m cspcore demo``: a subscription's year, explained.

>>> print(demo(locale="en_US").splitlines()[0])
A year of Microsoft 365 Business Standard

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt

from cspcore.billing.cycles import charge_cycles
from cspcore.billing.rating import ChangeQuantity, ProrationRounding, rate
from cspcore.billing.subscription import Subscription
from cspcore.billing.terms import BillingFrequency, Term
from cspcore.explain import Reason
from cspcore.i18n import format_date, format_money, label, render
from cspcore.money import Money, Rounding, total

__all__ = ["demo"]

_SUBSCRIPTION = Subscription(
    id="demo-sub-1",
    product="Microsoft 365 Business Standard",
    start=dt.date(2024, 6, 18),
    term=Term.P1Y,
    frequency=BillingFrequency.MONTHLY,
    quantity=10,
    unit_price=Money("10.08", "EUR"),
)
_CHANGE = ChangeQuantity(on=dt.date(2024, 6, 20), quantity=12)


def demo(*, locale: str) -> str:
    r"""A short text: a one-year subscription bought, grown by two seats, and its charge lines.

    Args:
        locale: The locale to render in (``en_US``, ``cs_CZ``, ``pl_PL``, ``hu_HU``, ``ja_JP``).

    Returns:
        Lines of text (no trailing newline), for ``python -m cspcore demo``.

    >>> demo(locale="cs_CZ").splitlines()[-1]
    'Celkem za rok: 1\xa0450,16\xa0€, 14 řádků.'

    """
    sub = _SUBSCRIPTION
    lines = rate(sub, [_CHANGE], through=sub.term_end, rounding=ProrationRounding.UNIT_PRICE_FIRST)
    first = charge_cycles(sub)[0]
    change = next(line for line in lines if line.reference_id is not None and not line.is_refund)
    out = [
        render(Reason(code="cli.demo.billing.title", params={"product": sub.product}), locale=locale),
        render(
            Reason(
                code="cli.demo.billing.purchase",
                params={
                    "quantity": sub.quantity,
                    "start": sub.start,
                    "term": sub.term,
                    "frequency": sub.frequency,
                    "price": sub.unit_price,
                },
            ),
            locale=locale,
        ),
        render(
            Reason(
                code="cli.demo.billing.change",
                params={
                    "on": _CHANGE.on,
                    "old": sub.quantity,
                    "new": _CHANGE.quantity,
                    "days": change.days,
                    "cycle_days": first.days,
                    "eup": change.effective_unit_price.round(Rounding.DOWN),
                },
            ),
            locale=locale,
        ),
    ]
    out.extend(
        render(
            Reason(
                code="cli.demo.billing.line",
                params={
                    "date": format_date(line.order_date, locale=locale, format="short"),
                    "type": label(line.charge_type, locale=locale),
                    "start": format_date(line.charge_start, locale=locale, format="short"),
                    "end": format_date(line.charge_end, locale=locale, format="short"),
                    "quantity": int(line.quantity),
                    "amount": format_money(line.total, locale=locale),
                },
            ),
            locale=locale,
        )
        for line in lines
    )
    amount = total([line.total for line in lines], currency=sub.currency)
    out.append(
        render(
            Reason(code="cli.demo.billing.total", params={"amount": amount, "count": len(lines)}),
            locale=locale,
        )
    )
    return "\n".join(out)
