"""Whether a Partner Center line's figures follow Microsoft's documented formulas.

Microsoft documents the reconciliation file's ``Subtotal`` (``modern-invoice-reconciliation-file.md``):

* license or seat-based: ``ROUNDDOWN(EffectiveUnitPrice × PCToBCExchangeRate, 2) × BillableQuantity``
  (:attr:`~cspcore.billing.ProrationRounding.UNIT_PRICE_FIRST`);
* usage-based: ``ROUNDDOWN(ROUNDDOWN(EffectiveUnitPrice × BillableQuantity, 2) × PCToBCExchangeRate, 2)``,
  which at an exchange rate of 1 is the line total cut to the cent that Microsoft's seat add/remove
  tables use (:attr:`~cspcore.billing.ProrationRounding.LINE_TOTAL`);

and ``Total`` = ``Subtotal`` + ``TaxTotal``. Both formulas are computed by the one function that
rating uses too, :func:`~cspcore.billing.proration.prorated_subtotal`. :func:`subtotal_roundings`
says which of the two roundings reproduce a subtotal; the parsers report a line that neither
reproduces, or whose total is not subtotal plus tax, as an :class:`Inconsistency` in a :class:`ParseReport`.

A price per unit written with at most two decimals may be Microsoft's display of a finer price
(``-11.23`` for 12 ÷ 31 × 29 = 11.2258…, rounded half-up or cut down): such a price counts as any
price that displays as it.

>>> from decimal import Decimal
>>> subtotal_roundings(Decimal("9.4297"), Decimal(10), Decimal("94.2"))
(<ProrationRounding.UNIT_PRICE_FIRST: 'unitPriceFirst'>,)
>>> subtotal_roundings(Decimal("-11.23"), Decimal(10), Decimal("-112.25"))
(<ProrationRounding.LINE_TOTAL: 'lineTotal'>,)
>>> subtotal_roundings(Decimal("12.00"), Decimal(0), Decimal("120"))
()

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import decimal as _decimal
from decimal import Decimal
from typing import Final

import attrs

from cspcore import _validate
from cspcore._deprecated import warn_renamed
from cspcore.billing.charges import ChargeLine
from cspcore.billing.proration import trusted_subtotal
from cspcore.billing.rating import ProrationRounding
from cspcore.explain import Reason, Source
from cspcore.interop._rules import OneCurrency, lines_currency, one_currency
from cspcore.money import Money

__all__ = ["Inconsistency", "ParseReport", "subtotal_roundings"]

_RECON_DOC: Final = "modern-invoice-reconciliation-file.md"
#: Exact for products of two bounded numbers (50 digits each); no ambient context is read.
_EXACT: Final = _decimal.Context(prec=200)
_CENT: Final = Decimal("0.01")
_HALF_CENT: Final = Decimal("0.005")
_ONE: Final = Decimal(1)


def _down(value: Decimal) -> Decimal:
    """Excel's ``ROUNDDOWN(value, 2)``: toward zero, to the cent."""
    return value.quantize(_CENT, rounding=_decimal.ROUND_DOWN, context=_EXACT)


def _up_to_cent(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=_decimal.ROUND_CEILING, context=_EXACT)


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def _prices(price: Decimal) -> tuple[Decimal, Decimal]:
    """The least and greatest price (in size) that ``price`` may stand for, as Microsoft displays prices."""
    size = price.copy_abs()
    if _decimals(price) > 2:
        return size, size
    return max(_EXACT.subtract(size, _HALF_CENT), Decimal(0)), _EXACT.add(size, _CENT)


def _formula(price: Decimal, quantity: Decimal, rounding: ProrationRounding, rate: Decimal) -> Decimal:
    """The documented subtotal of ``price × quantity`` at ``rate``, rounded as ``rounding`` says."""
    return trusted_subtotal((price, 1), quantity, _CENT, rounding, rate=rate)


def _unit_price_first(
    low: Decimal, high: Decimal, quantity: Decimal, subtotal: Decimal, rate: Decimal
) -> bool:
    if not quantity:
        return not subtotal
    cents = _down(_EXACT.divide(subtotal, quantity))
    if _EXACT.multiply(cents, quantity) != subtotal:
        return False
    # the seat-based formula for one seat: ROUNDDOWN(price × rate, 2), at the least and greatest price
    first = ProrationRounding.UNIT_PRICE_FIRST
    return _formula(low, _ONE, first, rate) <= cents <= _formula(high, _ONE, first, rate)


def _line_total(low: Decimal, high: Decimal, quantity: Decimal, subtotal: Decimal, rate: Decimal) -> bool:
    if _down(subtotal) != subtotal:
        return False
    # the usage-based formula's inner cut, ROUNDDOWN(price × quantity, 2), at the least and greatest price
    line = ProrationRounding.LINE_TOTAL
    least, most = _formula(low, quantity, line, _ONE), _formula(high, quantity, line, _ONE)
    # the least whole-cent line that the rate can take to the subtotal, then the formula's outer cut
    cents = max(_up_to_cent(_EXACT.divide(subtotal, rate)), least)
    return cents <= most and _formula(cents, _ONE, line, rate) == subtotal


def subtotal_roundings(
    price: Decimal, quantity: Decimal, subtotal: Decimal, rate: Decimal = _ONE
) -> tuple[ProrationRounding, ...]:
    """The documented roundings by which ``price × quantity`` (at exchange ``rate``) gives ``subtotal``.

    Args:
        price: ``EffectiveUnitPrice`` (negative on a refund).
        quantity: ``BillableQuantity``.
        subtotal: ``Subtotal`` as stated.
        rate: ``PCToBCExchangeRate`` (1 when the pricing and billing currencies are the same).

    Returns:
        :attr:`~ProrationRounding.UNIT_PRICE_FIRST` and/or :attr:`~ProrationRounding.LINE_TOTAL`, in
        that order; empty when neither reproduces the subtotal (or its sign is not the price's).

    >>> subtotal_roundings(Decimal("16"), Decimal(1), Decimal("16"))
    (<ProrationRounding.UNIT_PRICE_FIRST: 'unitPriceFirst'>, <ProrationRounding.LINE_TOTAL: 'lineTotal'>)
    """
    checked = [
        _validate.decimal(value, name)
        for value, name in ((price, "price"), (quantity, "quantity"), (subtotal, "subtotal"))
    ]
    price, quantity, subtotal = checked
    rate = _validate.decimal(rate, "rate", allow_negative=False)
    if not rate:
        return ()
    negative = (price < 0) != (quantity < 0)
    if subtotal and (subtotal < 0) != negative:
        return ()
    low, high = _prices(price)
    size, count = subtotal.copy_abs(), quantity.copy_abs()
    found = []
    if _unit_price_first(low, high, count, size, rate):
        found.append(ProrationRounding.UNIT_PRICE_FIRST)
    if _line_total(low, high, count, size, rate):
        found.append(ProrationRounding.LINE_TOTAL)
    return tuple(found)


@attrs.frozen(kw_only=True)
class Inconsistency:
    """A figure of a Partner Center line that its own documented formula contradicts.

    Args:
        where: The line: ``rows[3]`` (reconciliation rows, 1 = the first row after the header) or
            ``items[2]`` (line items).
        field: The column or JSON field that disagrees (``Subtotal``, ``Total``, ``totalForCustomer``).
        stated: What the line states.
        expected: What the documented formula gives (the total), or ``None`` when no single value
            follows (a subtotal that neither rounding reproduces).
        problem: The disagreement in a few words.

    Raises:
        CurrencyMismatch: when ``expected`` is not in the currency of ``stated``.

    >>> issue = Inconsistency(
    ...     where="items[2]",
    ...     field="totalForCustomer",
    ...     stated=Money(0, "USD"),
    ...     expected=Money(820, "USD"),
    ...     problem="is not subtotal + tax",
    ... )
    >>> issue.reason.code
    'interop.check.total'
    """

    where: str = attrs.field(validator=_validate.attrs_instance_of(str))
    field: str = attrs.field(validator=_validate.attrs_instance_of(str))
    stated: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    expected: Money | None = attrs.field(
        validator=attrs.validators.optional(_validate.attrs_instance_of(Money))
    )
    problem: str = attrs.field(validator=_validate.attrs_instance_of(str))

    def __attrs_post_init__(self) -> None:
        one_currency(("stated", self.stated), ("expected", self.expected))

    @property
    def reason(self) -> Reason:
        """The inconsistency as a renderable reason."""
        if self.expected is None:
            return Reason(
                code="interop.check.subtotal",
                params={"where": self.where, "field": self.field, "stated": self.stated},
                source=Source(document=_RECON_DOC, section="Subtotal"),
            )
        return Reason(
            code="interop.check.total",
            params={
                "where": self.where,
                "field": self.field,
                "stated": self.stated,
                "expected": self.expected,
            },
            source=Source(document=_RECON_DOC, section="Total"),
        )


@attrs.frozen(kw_only=True)
class ParseReport:
    """Every line of a file or payload, and every inconsistency found in it.

    Args:
        lines: One charge line per row or item, in order. A line whose stated total is not subtotal +
            tax carries subtotal + tax (a :class:`~cspcore.billing.ChargeLine` always does); the
            stated total is in its :class:`Inconsistency`.
        issues: The inconsistencies, in the order of the lines.
        roundings: For each line, the documented roundings that reproduce its subtotal (empty for a
            line that no rounding reproduces, or whose kind has no documented formula).

    A file or payload is one invoice's, in its one billing currency: a line or inconsistency in another
    currency than the first line's raises :class:`~cspcore.errors.CurrencyMismatch` naming it
    (``lines[3].currency``, ``issues[0].stated``).
    """

    lines: tuple[ChargeLine, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, ChargeLine))
    issues: tuple[Inconsistency, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Inconsistency))
    roundings: tuple[tuple[ProrationRounding, ...], ...] = attrs.field(
        validator=_validate.attrs_items_of(
            tuple, tuple, each=_validate.attrs_items_of(tuple, ProrationRounding)
        )
    )

    def __attrs_post_init__(self) -> None:
        seen = OneCurrency()
        lines_currency(seen, self.lines, "lines")
        for index, issue in enumerate(self.issues):
            seen.money(issue.stated, f"issues[{index}].stated")

    @property
    def is_consistent(self) -> bool:
        """``True`` when no line contradicts its documented formulas.

        .. versionadded:: 0.2.0
            The name of what was ``ok`` (which still works, with a deprecation warning, until 0.3.0).
        """
        return not self.issues

    @property
    def ok(self) -> bool:
        """Deprecated name of :attr:`is_consistent`."""
        warn_renamed("ParseReport.ok", "ParseReport.is_consistent")
        return self.is_consistent

    @property
    def reasons(self) -> tuple[Reason, ...]:
        """One reason per inconsistency, renderable in every supported locale."""
        return tuple(issue.reason for issue in self.issues)
