"""Tax on invoice lines: Microsoft's documented rule and the partner's own.

Microsoft computes the tax on its invoices per transaction: each line's tax is rounded down to two
decimal places, and the rounded amounts are added up (``understand-your-invoice.md``, "Tax
rounding"). That is the default :class:`TaxRule`. For its own invoices a partner may choose another
rate per line, another rounding mode, or compute the tax once on the invoice's subtotal (per rate)
and spread it over the lines so that the lines still add up to the invoice's tax.

>>> from decimal import Decimal
>>> from cspcore import Money, Rounding
>>> from cspcore.billing import InvoiceLine, TaxBasis, TaxRule, apply_tax
>>> lines = [
...     InvoiceLine(description="A", amount=Money("0.33", "EUR")),
...     InvoiceLine(description="B", amount=Money("0.33", "EUR")),
... ]
>>> [str(line.tax) for line in apply_tax(lines, TaxRule(rate=Decimal("0.21")))]
['0.06 EUR', '0.06 EUR']
>>> per_invoice = TaxRule(rate=Decimal("0.21"), rounding=Rounding.HALF_UP, basis=TaxBasis.PER_INVOICE)
>>> [str(line.tax) for line in apply_tax(lines, per_invoice)]
['0.07 EUR', '0.07 EUR']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Literal, TypeAlias

import attrs

from cspcore import _validate
from cspcore.billing.invoices import InvoiceLine
from cspcore.currencies import currency_code
from cspcore.enums import CspEnum
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.money import Money, Rounding, minor_units, total

if TYPE_CHECKING:
    from collections.abc import Iterable

    from cspcore.rounding import RoundingSpelling

__all__ = ["TaxBasis", "TaxBasisSpelling", "TaxRule", "apply_tax", "microsoft_tax_total", "tax_for"]


class TaxBasis(CspEnum):
    """Where the tax is rounded."""

    PER_LINE = "per_line"
    """Round each line's tax, then add the lines (Microsoft's rule)."""
    PER_INVOICE = "per_invoice"
    """Round the tax of the invoice's subtotal (per rate) once, then spread it over the lines."""


#: The strings a :class:`TaxBasis` may be given as (its values and names), for type checkers.
TaxBasisSpelling: TypeAlias = Literal["per_line", "per_invoice", "PER_LINE", "PER_INVOICE"]


def _rate(value: Decimal | int | str, field: str = "rate") -> Decimal:
    """A tax rate: a fraction from 0 to 1 (``0.21`` for 21 %), by the one rule for fractions."""
    try:
        return _validate.fraction(value, field)
    except InvalidInput as refused:
        if refused.code is not ErrorCode.OUT_OF_RANGE:  # not a number at all: say so as it is
            raise
        raise refused.reworded(f"a tax rate is {refused.problem}") from None


def _rounding(value: Rounding | RoundingSpelling) -> Rounding:
    return _validate.enum_member(Rounding, value, "rounding")


def _basis(value: TaxBasis | TaxBasisSpelling) -> TaxBasis:
    return _validate.enum_member(TaxBasis, value, "basis")


@attrs.frozen(kw_only=True)
class TaxRule:
    """How tax is computed for an invoice's lines.

    Args:
        rate: The default rate, as a fraction (``Decimal("0.21")`` for 21 %).
        rounding: How each rounded tax amount is rounded to the currency's minor units; down (toward
            zero) by default, as Microsoft does.
        basis: Per line (Microsoft's rule, the default) or per invoice.

    >>> TaxRule(rate=Decimal("0.2")).rounding
    <Rounding.DOWN: 'ROUND_DOWN'>
    """

    rate: Decimal = attrs.field(converter=_rate)
    rounding: Rounding = attrs.field(default=Rounding.DOWN, converter=_rounding)
    basis: TaxBasis = attrs.field(default=TaxBasis.PER_LINE, converter=_basis)


def tax_for(amount: Money, rule: TaxRule, *, rate: Decimal | None = None) -> Money:
    """The tax on one amount under ``rule`` (rounded with the rule's mode).

    Args:
        amount: The pre-tax amount.
        rule: The tax rule.
        rate: A rate for this amount instead of the rule's.

    >>> str(tax_for(Money("9.99", "EUR"), TaxRule(rate=Decimal("0.21"))))
    '2.09 EUR'
    """
    money: Money = _validate.instance(amount, Money, "amount")
    chosen: TaxRule = _validate.instance(rule, TaxRule, "rule")
    factor = chosen.rate if rate is None else _rate(rate)
    return (money * factor).round(chosen.rounding)


def microsoft_tax_total(taxes: Iterable[Money], *, currency: str | None = None) -> Money:
    """Add per-transaction taxes as Microsoft does: each rounded down to the cent, then summed.

    Source: ``understand-your-invoice.md`` (tax is rounded down to two decimals per transaction in
    the reconciliation data, then added together).

    >>> str(microsoft_tax_total([Money("1.239", "EUR"), Money("2.005", "EUR")]))
    '3.23 EUR'

    Raises:
        InvalidInput: ``taxes`` that is no iterable of :class:`Money` (``taxes``, ``taxes[i]``), or
            no ``currency`` for no taxes.
        CurrencyMismatch: a tax in another currency than ``currency`` or than the first tax, naming
            the first one that differs (``taxes[i]``).
    """
    items = _validate.iterable(taxes, "taxes")
    expected = None if currency is None else currency_code(currency)
    for index, item in enumerate(items):
        money: Money = _validate.instance(item, Money, f"taxes[{index}]")
        if expected is None:
            expected = money.currency
        elif money.currency != expected:
            raise CurrencyMismatch(f"taxes[{index}]", expected, money.currency)
    return total([item.round(Rounding.DOWN) for item in items], currency=expected)


def apply_tax(
    lines: Sequence[InvoiceLine],
    rule: TaxRule,
    *,
    rates: Sequence[Decimal | None] | None = None,
) -> tuple[InvoiceLine, ...]:
    """Return ``lines`` with their ``tax`` computed under ``rule``.

    Args:
        lines: The invoice lines (their current tax is replaced).
        rule: The tax rule: default rate, rounding mode, per line or per invoice.
        rates: Optional per-line rates (``None`` keeps the rule's rate for that line).

    Returns:
        New lines. Per invoice, the tax of each rate group is rounded once and spread over its lines
        by largest remainder, so the lines' taxes add up to exactly the invoice's tax.

    Raises:
        InvalidInput: on a rate outside 0..1, a ``rates`` sequence of the wrong length, or more
            than 100,000 lines.
        CurrencyMismatch: on lines in more than one currency (naming the first line that differs).

    >>> lines = [
    ...     InvoiceLine(description="A", amount=Money("10.00", "EUR")),
    ...     InvoiceLine(description="B", amount=Money("10.00", "EUR")),
    ... ]
    >>> [str(line.tax) for line in apply_tax(lines, TaxRule(rate=Decimal("0.2")), rates=[None, Decimal(0)])]
    ['2.00 EUR', '0.00 EUR']
    """
    items = [
        _validate.instance(line, InvoiceLine, f"lines[{i}]")
        for i, line in enumerate(_validate.iterable(lines, "lines"))
    ]
    chosen: TaxRule = _validate.instance(rule, TaxRule, "rule")
    if rates is None:
        per_line = [chosen.rate] * len(items)
    else:
        given: object = rates
        if isinstance(given, (str, bytes)) or not isinstance(given, Sequence) or len(given) != len(items):
            raise InvalidInput(
                "rates", f"expected {len(items)} rates, one per line", rates, code=ErrorCode.INCONSISTENT
            )
        per_line = [chosen.rate if r is None else _rate(r, f"rates[{i}]") for i, r in enumerate(rates)]
    if not items:
        return ()
    code = items[0].amount.currency
    for index, line in enumerate(items):
        if line.amount.currency != code:
            raise CurrencyMismatch(f"lines[{index}]", code, line.amount.currency)
    if chosen.basis is TaxBasis.PER_LINE:
        return tuple(
            attrs.evolve(line, tax=(line.amount * rate).round(chosen.rounding))
            for line, rate in zip(items, per_line, strict=True)
        )
    taxes: list[Money | None] = [None] * len(items)
    groups: dict[Decimal, list[int]] = {}
    for index, rate in enumerate(per_line):  # one pass: equal rates (0.2 and 0.20) share a group
        groups.setdefault(rate, []).append(index)
    for rate, group in groups.items():
        for index, tax in zip(group, _spread(items, group, rate, chosen.rounding), strict=True):
            taxes[index] = tax
    return tuple(attrs.evolve(line, tax=tax) for line, tax in zip(items, taxes, strict=True))


def _spread(items: list[InvoiceLine], group: list[int], rate: Decimal, rounding: Rounding) -> list[Money]:
    currency = items[group[0]].amount.currency
    exact = [items[i].amount * rate for i in group]
    rounded_total = total(exact, currency=currency).round(rounding)
    floors = [tax.round(Rounding.DOWN) for tax in exact]
    unit = Money(Decimal(1).scaleb(-minor_units(currency)), currency)
    leftover = (rounded_total - total(floors, currency=currency)).ratio(unit)
    steps = int(leftover)
    remainders = [(tax - floor).amount for tax, floor in zip(exact, floors, strict=True)]
    if steps > 0:
        order = sorted(range(len(group)), key=lambda k: (-remainders[k], k))
        step = unit
    else:
        order = sorted(range(len(group)), key=lambda k: (remainders[k], k))
        step = -unit
    for n in range(abs(steps)):
        k = order[n % len(order)]
        floors[k] = floors[k] + step
    return floors
