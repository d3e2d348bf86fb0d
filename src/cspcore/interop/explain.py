"""Explaining a charge line to a customer: "why was I charged this?".

:func:`explain_charge` turns one :class:`~cspcore.billing.ChargeLine` into a few sentences in any of
the five supported locales: what it is, which days it covers, how the price per unit was prorated
(unit price ÷ charge-cycle days × billed days) and how the amount follows from it, with Microsoft's
round-down to the cent. :func:`explain_charge_reasons` gives the same explanation as
:class:`~cspcore.explain.Reason` values, each citing its Partner Center page.

It lives in :mod:`cspcore.interop` because it explains lines as Partner Center bills them (the
reconciliation file's effective unit price, its rounding formulas), from the line alone.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import decimal as _decimal
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from cspcore import _validate
from cspcore._decimal import DIVISION, EXACT, QUANTIZE, round_down
from cspcore._months import ordinal, shifted
from cspcore.billing.charges import ChargeLine, ChargeType
from cspcore.dates import days_in_month
from cspcore.explain import Reason, Source
from cspcore.i18n import format_amount, render
from cspcore.money import Money

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["explain_charge", "explain_charge_reasons"]

_DOC: Final = "common-billing-scenarios-onetime-recurring.md"
_RECON: Final = "modern-invoice-reconciliation-file.md"
_CENT: Final = Decimal("0.01")
_SHOWN: Final = Decimal("0.0001")

_KINDS: Final = {
    ChargeType.NEW: "interop.explain.kind.new",
    ChargeType.RENEW: "interop.explain.kind.renew",
    ChargeType.CYCLE_CHARGE: "interop.explain.kind.cycle_charge",
    ChargeType.ADD_QUANTITY: "interop.explain.kind.add_quantity",
    ChargeType.REMOVE_QUANTITY: "interop.explain.kind.remove_quantity",
    ChargeType.CANCEL_IMMEDIATE: "interop.explain.kind.cancel_immediate",
    ChargeType.CONVERT: "interop.explain.kind.convert",
    ChargeType.CHANGE_BILLING_PLAN: "interop.explain.kind.change_billing_plan",
    ChargeType.MOVE_QUANTITY: "interop.explain.kind.move_quantity",
    ChargeType.CUSTOMER_CREDIT: "interop.explain.kind.customer_credit",
    ChargeType.EXTEND_TERM: "interop.explain.kind.extend_term",
}


def _cycle_candidates(line: ChargeLine) -> list[int]:
    """Charge-cycle lengths to try: the month of the charge start, then a year, then three years.

    "The purchase month determines the charge cycle or billable days: June has 30, August has 31,
    and a year has 365 or 366" (common-billing-scenarios-onetime-recurring.md).
    """
    start = line.charge_start
    month = days_in_month(start.year, start.month)
    year, three = (_cycle_days(start, months) for months in (12, 36))
    hint = " ".join(filter(None, (line.billing_frequency, line.term_and_billing_cycle))).casefold()
    if "tri" in hint or "three" in hint:
        return [three, year, month]
    if "annual" in hint or ("year" in hint and "month" not in hint):
        return [year, three, month]
    return [month, year, three]


def _cycle_days(start: dt.date, months: int) -> int:
    """The days of a cycle of ``months`` from ``start`` (its day kept, clamped to the month's end).

    Counted on day numbers, so a cycle that ends on the calendar's last day (its next cycle would
    start in year 10000) is counted like any other.
    """
    return ordinal(*shifted(start, months)) - start.toordinal()


def _down(value: Decimal) -> Decimal:
    return round_down(value, _CENT)


def _agrees(computed: Decimal, stated: Decimal) -> bool:
    """Whether a computed effective unit price is the stated one, shown rounded (half-up or down)."""
    exponent = stated.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    quantum = Decimal(1).scaleb(-places)
    return any(
        computed.quantize(quantum, rounding=mode, context=QUANTIZE) == stated
        for mode in (_decimal.ROUND_HALF_UP, _decimal.ROUND_DOWN)
    )


def _per_unit(amount: Decimal, currency: str, locale: str) -> str:
    """A price per unit with at least two and at most four decimals (``11.2258 EUR``, ``12.00 EUR``)."""
    shown = amount.quantize(_SHOWN, rounding=_decimal.ROUND_HALF_UP, context=QUANTIZE).normalize(QUANTIZE)
    return format_amount(Money(shown, currency), locale=locale, min_decimals=2)


def explain_charge(line: ChargeLine, *, locale: str) -> str:
    """Explain a charge line to the customer who pays it, in ``locale``.

    The explanation gives what the charge is, the days it covers (both ends counted), how the
    price per unit follows from the unit price (``unit price ÷ charge-cycle days × billed days``,
    ``common-billing-scenarios-onetime-recurring.md``) and how the amount follows from the price per
    unit and the quantity, with the round-down to the cent that Microsoft applies
    (``modern-invoice-reconciliation-file.md``, Subtotal). When the line's own figures do not fit a
    full or a prorated cycle (a discount, a manual price), the price per unit is given as billed.
    The sentences are the rendered :func:`explain_charge_reasons`, one a line.

    Args:
        line: The charge (or refund) to explain.
        locale: One of the supported locales (``en_US``, ``cs_CZ``, ``pl_PL``, ``hu_HU``, ``ja_JP``);
            other CLDR locales get English text with their own number and date formats.

    Returns:
        A few lines of text, one sentence each.

    Raises:
        InvalidInput: when ``line`` is not a ChargeLine or ``locale`` is not a known locale.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> line = ChargeLine(
    ...     order_date=dt.date(2021, 6, 20),
    ...     charge_type="addQuantity",
    ...     product="Microsoft 365 E3",
    ...     subscription_id="s1",
    ...     unit_price=Money("10.08", "EUR"),
    ...     effective_unit_price=Money("9.408", "EUR"),
    ...     quantity=8,
    ...     subtotal=Money("75.26", "EUR"),
    ...     charge_start=dt.date(2021, 6, 20),
    ...     charge_end=dt.date(2021, 7, 17),
    ... )
    >>> print(explain_charge(line, locale="en_US"))
    Microsoft 365 E3: seats added.
    Period: Jun 20, 2021 – Jul 17, 2021 (28 days).
    Price per unit: 10.08 EUR ÷ 30 days of the charge cycle × 28 days = 9.408 EUR.
    Amount: 9.408 EUR × 8 = €75.26, rounded down to the cent.
    Tax: €0.00. Total: €75.26.
    """
    reasons = explain_charge_reasons(line, locale=locale)
    return "\n".join(render(reason, locale=locale) for reason in reasons)


def explain_charge_reasons(line: ChargeLine, *, locale: str) -> tuple[Reason, ...]:
    """The reasons behind :func:`explain_charge`, each citing the Partner Center page it rests on.

    For callers that show the explanation their own way (a portal that links each sentence to
    Microsoft's page, say): the reasons in the order :func:`explain_charge` renders them. Prices per
    unit are already formatted for ``locale`` (two to four decimals); dates, amounts and counts are
    values that :func:`cspcore.i18n.render` formats.

    Args:
        line: The charge (or refund) to explain.
        locale: The locale the prices per unit and the kind of charge are written for.

    Returns:
        The header, the period, the price per unit (full, prorated or as billed), the amount, the
        refund (for a negative line) and the tax and total, in that order.

    Raises:
        InvalidInput: when ``line`` is not a ChargeLine or ``locale`` is not a known locale.

    >>> import datetime as dt
    >>> from cspcore import Money
    >>> line = ChargeLine(
    ...     order_date=dt.date(2021, 6, 20),
    ...     charge_type="addQuantity",
    ...     product="Microsoft 365 E3",
    ...     subscription_id="s1",
    ...     unit_price=Money("10.08", "EUR"),
    ...     effective_unit_price=Money("9.408", "EUR"),
    ...     quantity=8,
    ...     subtotal=Money("75.26", "EUR"),
    ...     charge_start=dt.date(2021, 6, 20),
    ...     charge_end=dt.date(2021, 7, 17),
    ... )
    >>> for reason in explain_charge_reasons(line, locale="en_US"):
    ...     print(reason.code, "|", reason.source.cite())
    interop.explain.header | Partner Center: recon-file-charge-types.md
    interop.explain.period | Partner Center: common-billing-scenarios-onetime-recurring.md
    interop.explain.prorated | Partner Center: common-billing-scenarios-onetime-recurring.md
    interop.explain.amount_line_first | Partner Center: modern-invoice-reconciliation-file.md, Subtotal
    interop.explain.tax | Partner Center: modern-invoice-reconciliation-file.md
    """
    value: ChargeLine = _validate.instance(line, ChargeLine, "line")
    code = value.currency
    reasons = [
        Reason(
            code="interop.explain.header",
            params={
                "product": value.product,
                "kind": render(Reason(code=_KINDS[value.charge_type]), locale=locale),
            },
            source=Source(document="recon-file-charge-types.md"),
        ),
        Reason(
            code="interop.explain.period",
            params={"start": value.charge_start, "end": value.charge_end, "days": value.days},
            source=Source(document=_DOC),
        ),
    ]
    unit = value.unit_price.amount
    stated = value.effective_unit_price.amount.copy_abs()
    effective = stated
    proration: tuple[int, int] | None = None
    if stated == unit or not unit:
        reasons.append(
            Reason(
                code="interop.explain.full",
                params={"price": _per_unit(stated, code, locale)},
                source=Source(document=_DOC),
            )
        )
    else:
        cycle = next(
            (days for days in _cycle_candidates(value) if _agrees(_prorate(unit, value.days, days), stated)),
            None,
        )
        if cycle is None:
            reasons.append(
                Reason(
                    code="interop.explain.as_billed",
                    params={"price": _per_unit(stated, code, locale)},
                    source=Source(document=_RECON),
                )
            )
        else:
            effective = _prorate(unit, value.days, cycle)
            proration = (value.days, cycle)
            reasons.append(
                Reason(
                    code="interop.explain.prorated",
                    params={
                        "unit_price": _per_unit(unit, code, locale),
                        "cycle_days": cycle,
                        "days": value.days,
                        "price": _per_unit(effective, code, locale),
                    },
                    source=Source(document=_DOC),
                )
            )
    reasons.append(_amount_reason(value, effective, locale, proration))
    if value.is_refund:
        reasons.append(
            Reason(
                code="interop.explain.refund", params={"amount": -value.total}, source=Source(document=_DOC)
            )
        )
    reasons.append(
        Reason(
            code="interop.explain.tax",
            params={"tax": value.tax, "total": value.total},
            source=Source(document=_RECON),
        )
    )
    return tuple(reasons)


def _prorate(unit: Decimal, days: int, cycle: int) -> Decimal:
    """``unit × days ÷ cycle`` (cspcore's division precision), whatever the ambient decimal context."""
    return DIVISION.divide(EXACT.multiply(unit, days), cycle)


def _amount_reason(
    line: ChargeLine, effective: Decimal, locale: str, proration: tuple[int, int] | None
) -> Reason:
    """How the amount follows from the price per unit: only an equation that holds exactly is stated.

    When no documented rounding of ``effective × quantity`` gives the line's subtotal (Microsoft's
    price shown rounded, a subtotal the price does not explain), the amount is given as billed and
    the sentence says that the price per unit does not give it.
    """
    code = line.currency
    quantity = line.quantity.copy_abs()
    subtotal = line.subtotal.amount.copy_abs()
    shown_subtotal = Money(subtotal, code)
    source = Source(document=_RECON, section="Subtotal")
    params = {"price": _per_unit(effective, code, locale), "quantity": quantity, "amount": shown_subtotal}
    if proration is None:
        line_total = EXACT.multiply(effective, quantity)
    else:  # unit × days × quantity ÷ cycle: exact when the true total has at most 34 digits
        days, cycle = proration
        unit = line.unit_price.amount.copy_abs()
        line_total = DIVISION.divide(EXACT.multiply(EXACT.multiply(unit, days), quantity), cycle)
    if line_total == subtotal:
        return Reason(code="interop.explain.amount", params=params, source=source)
    if EXACT.multiply(_down(effective), quantity) == subtotal:
        return Reason(
            code="interop.explain.amount_price_first",
            params={**params, "price": _per_unit(_down(effective), code, locale)},
            source=source,
        )
    if _down(line_total) == subtotal:
        return Reason(code="interop.explain.amount_line_first", params=params, source=source)
    return Reason(code="interop.explain.amount_unexplained", params=params, source=source)
