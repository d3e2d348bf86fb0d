"""The partner's own invoice to its customer, built from rated charge lines.

Partners resell at their own prices: Microsoft "has no requirements or conditions regarding your
billing practices" (``billing-basics.md``). A :class:`Pricing` says how the customer's amount for a
charge line follows from Microsoft's: a markup on Microsoft's subtotal, or a price list of the
customer's own unit prices per full charge cycle (prorated like Microsoft's line), each rounded with
a named :class:`~cspcore.Rounding`.

>>> import datetime as dt
>>> from decimal import Decimal
>>> from cspcore import Money
>>> from cspcore.billing import ChargeLine, ChargeType, Pricing, TaxRule, customer_invoice
>>> line = ChargeLine(
...     order_date=dt.date(2024, 1, 1),
...     charge_type=ChargeType.NEW,
...     product="Microsoft 365 E3",
...     subscription_id="sub-1",
...     unit_price=Money("36.00", "EUR"),
...     effective_unit_price=Money("36.00", "EUR"),
...     quantity=Decimal(10),
...     subtotal=Money("360.00", "EUR"),
...     charge_start=dt.date(2024, 1, 1),
...     charge_end=dt.date(2024, 1, 31),
... )
>>> invoice = customer_invoice(
...     [line],
...     id="C-1",
...     issued=dt.date(2024, 2, 1),
...     pricing=Pricing(markup=Decimal("0.15")),
...     tax=TaxRule(rate=Decimal("0.21")),
... )
>>> str(invoice.subtotal), str(invoice.tax), str(invoice.total_charges), invoice.due
('414.00 EUR', '86.94 EUR', '500.94 EUR', datetime.date(2024, 3, 2))

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import decimal as _decimal
from collections.abc import Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from cspcore import _validate
from cspcore._decimal import EXACT, rounded_share
from cspcore.billing.charges import ChargeLine
from cspcore.billing.invoices import Invoice, InvoiceLine
from cspcore.billing.tax import TaxRule, apply_tax
from cspcore.billing.terms_of_payment import PaymentTerms, due_date
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput, RuleViolation
from cspcore.explain import Reason, Source
from cspcore.money import Money, Rounding, minor_units, total

if TYPE_CHECKING:
    import datetime as dt

    from cspcore.rounding import RoundingSpelling

__all__ = ["DEFAULT_MAX_MARKUP", "NegativeInvoice", "Pricing", "customer_invoice", "customer_price"]

#: The partner's default terms for its customers when none are given: net 30 (a common choice that
#: leaves 30 days to collect before Microsoft's net 60 falls due; Microsoft sets no rule here).
_DEFAULT_TERMS = PaymentTerms(net_days=30, name="net 30")


def _quantum(currency: str) -> Decimal:
    return Decimal(1).scaleb(-minor_units(currency))


class NegativeInvoice(RuleViolation):
    """The lines add up to less than zero: issue a credit note instead of a negative invoice."""


#: The largest markup accepted unless ``max_markup`` says otherwise: 1, a 100 % markup.
DEFAULT_MAX_MARKUP = Decimal(1)


def _markup(value: Decimal | int | str | None) -> Decimal | None:
    return None if value is None else _validate.decimal(value, "markup")


def _max_markup(value: Decimal | int | str) -> Decimal:
    # a ceiling from 0 to a million (100,000,000 %): a markup is a fraction, however large
    return _validate.fraction(value, "max_markup", at_most=10**6)


def _price_list(value: Mapping[str, Money] | None) -> Mapping[str, Money] | None:
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise InvalidInput(
            "price_list", "expected a mapping of product to unit price", value, code=ErrorCode.WRONG_TYPE
        )
    prices: dict[str, Money] = {}
    for key, price in value.items():
        name = _validate.text(key, "price_list key")
        prices[name] = _validate.instance(price, Money, f"price_list[{name!r}]")
    return MappingProxyType(prices)


def _price_list_repr(prices: Mapping[str, Money] | None) -> str:
    return repr(None if prices is None else dict(prices))


def _rounding(value: Rounding | RoundingSpelling) -> Rounding:
    return _validate.enum_member(Rounding, value, "rounding")


@attrs.frozen(kw_only=True)
class Pricing:
    """The partner's resale pricing.

    Exactly one of ``markup`` and ``price_list`` is given.

    Args:
        markup: A fraction added to Microsoft's subtotal (``Decimal("0.15")`` is 15 %; negative is a
            discount).
        price_list: The customer's unit price per full charge cycle, by product name; the line's
            proration (effective ÷ list unit price) and quantity apply to it.
        rounding: How each customer line amount is rounded to the currency's minor units.
        max_markup: The largest markup accepted, 1 (100 %) by default. A markup is a fraction like
            every rate in cspcore, so ``markup=15`` is refused rather than read as 1,500 %; state a
            deliberately larger markup by raising this ceiling as well (at most 1,000,000). Another
            ceiling beside a ``price_list`` is refused (``not_allowed``): it would bound nothing.

    >>> Pricing(markup=Decimal("0.1")).rounding
    <Rounding.HALF_UP: 'ROUND_HALF_UP'>
    >>> Pricing(markup=Decimal("15"))
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: markup: a fraction, 0.21 for 21 %; at most 1; pass max_markup= ...
    >>> Pricing(markup=Decimal("15"), max_markup=Decimal("20")).markup
    Decimal('15')
    """

    markup: Decimal | None = attrs.field(default=None, converter=_markup)
    # A read-only copy: compared by content, left out of the hash (equal pricings still hash alike).
    price_list: Mapping[str, Money] | None = attrs.field(
        default=None, converter=_price_list, hash=False, repr=_price_list_repr
    )
    rounding: Rounding = attrs.field(default=Rounding.HALF_UP, converter=_rounding)
    max_markup: Decimal = attrs.field(default=DEFAULT_MAX_MARKUP, converter=_max_markup)

    def __attrs_post_init__(self) -> None:
        if (self.markup is None) == (self.price_list is None):
            raise InvalidInput(
                "pricing",
                "give exactly one of markup and price_list",
                None,
                code=ErrorCode.MISSING if self.markup is None else ErrorCode.NOT_ALLOWED,
            )
        if self.price_list is not None and self.max_markup != DEFAULT_MAX_MARKUP:
            # a ceiling of markups with no markup to bound: the caller meant something else
            raise InvalidInput(
                "max_markup",
                "bounds a markup; a price list has none",
                self.max_markup,
                code=ErrorCode.NOT_ALLOWED,
            )
        if self.markup is not None:
            try:
                # above -1: a 100 % discount or more is no markup
                _validate.fraction(self.markup, "markup", at_least=-1, above=True, at_most=self.max_markup)
            except InvalidInput as refused:
                hint = "; pass max_markup= to allow a larger one" if self.markup > self.max_markup else ""
                raise refused.reworded(refused.problem + hint) from None


def customer_price(line: ChargeLine, pricing: Pricing, *, field: str = "line") -> Money:
    """The customer's pre-tax amount for one of Microsoft's charge lines, rounded as ``pricing`` says.

    ``field`` is the name a refusal of the line gives (text, such as ``lines[3]``).

    Raises:
        InvalidInput: when the product is not in the price list.
        CurrencyMismatch: when its price is in another currency than the line.

    >>> import datetime as dt
    >>> from cspcore.billing import ChargeType
    >>> line = ChargeLine(
    ...     order_date=dt.date(2024, 1, 16),
    ...     charge_type=ChargeType.ADD_QUANTITY,
    ...     product="E3",
    ...     subscription_id="s",
    ...     unit_price=Money("31.00", "EUR"),
    ...     effective_unit_price=Money("16.00", "EUR"),
    ...     quantity=Decimal(2),
    ...     subtotal=Money("32.00", "EUR"),
    ...     charge_start=dt.date(2024, 1, 16),
    ...     charge_end=dt.date(2024, 1, 31),
    ... )
    >>> str(customer_price(line, Pricing(price_list={"E3": Money("40.00", "EUR")})))
    '41.29 EUR'
    """
    name = _validate.text(field, "field", max_length=200)
    charge: ChargeLine = _validate.instance(line, ChargeLine, name)
    rule: Pricing = _validate.instance(pricing, Pricing, "pricing")
    if rule.markup is not None:
        # subtotal x (1 + markup), in Money's exact arithmetic rather than the ambient decimal context
        return (charge.subtotal + charge.subtotal * rule.markup).round(rule.rounding)
    prices = rule.price_list or {}
    if charge.product not in prices:
        raise InvalidInput(
            f"{name}.product", "not in the price list", charge.product, code=ErrorCode.UNKNOWN_REFERENCE
        )
    price = prices[charge.product]
    if price.currency != charge.currency:
        raise CurrencyMismatch(f"price_list[{charge.product!r}]", charge.currency, price.currency)
    if charge.unit_price.is_zero():
        return Money.zero(charge.currency)
    # price x (effective / list unit price) x quantity: the product is exact, the one division is
    # carried to 100 digits with ROUND_05UP so that rounding it to the minor unit afterwards gives
    # what rounding the exact quotient would (a 34-digit ratio could land on a half cent).
    try:
        product = EXACT.multiply(
            EXACT.multiply(price.amount, charge.effective_unit_price.amount), charge.quantity
        )
        amount = rounded_share(
            product, charge.unit_price.amount, _quantum(charge.currency), rule.rounding.value
        )
    except _decimal.DecimalException:
        raise InvalidInput(
            name, "its customer price needs more than 200 digits", charge, code=ErrorCode.TOO_MANY_DIGITS
        ) from None
    return Money(amount, charge.currency)


def customer_invoice(
    lines: Sequence[ChargeLine],
    *,
    id: str,  # noqa: A002 - the contract's field name
    issued: dt.date,
    pricing: Pricing,
    tax: TaxRule | None = None,
    terms: PaymentTerms = _DEFAULT_TERMS,
    customer_id: str | None = None,
    rates: Sequence[Decimal | None] | None = None,
) -> Invoice:
    """Build the partner's invoice to its customer from rated charge lines.

    Args:
        lines: Microsoft's (or cspcore's own) charge lines for the customer, in one currency.
        id: The invoice number.
        issued: The issue date.
        pricing: Markup or price list, with its rounding.
        tax: The partner's tax rule (none: no tax).
        terms: The partner's payment terms (net 30 by default).
        customer_id: The customer billed.
        rates: Optional per-line tax rates, only with ``tax`` (without a tax rule they would tax
            nothing, so they are refused rather than ignored).

    Returns:
        An invoice whose lines keep their charge lines and whose due date follows ``terms``.

    Raises:
        InvalidInput: on empty lines, pricing that does not cover a line, a ``tax`` that is no
            :class:`TaxRule` (``tax``, ``wrong_type``), or ``rates`` without ``tax`` (``rates``,
            ``not_allowed``).
        CurrencyMismatch: on lines in more than one currency (naming the first line that differs).
        NegativeInvoice: when the lines add up to less than zero (issue a credit note instead).

    >>> import datetime as dt
    >>> customer_invoice([], id="X", issued=dt.date(2024, 1, 1), pricing=Pricing(markup=Decimal(0)))
    Traceback (most recent call last):
    cspcore.errors.InvalidInput: lines: at least one charge line is needed (got [])
    """
    given: object = lines
    if isinstance(given, (str, bytes)) or not isinstance(given, Sequence):
        raise InvalidInput("lines", "expected a list of charge lines", given, code=ErrorCode.WRONG_TYPE)
    if not given:
        raise InvalidInput("lines", "at least one charge line is needed", given, code=ErrorCode.EMPTY)
    charges = list(lines)
    rule: Pricing = _validate.instance(pricing, Pricing, "pricing")
    # the tax rule is this function's ``tax`` (apply_tax would name it ``rule``); rates tax nothing
    # without it, so they are refused rather than dropped
    taxing = None if tax is None else _validate.instance(tax, TaxRule, "tax")
    if taxing is None and rates is not None:
        raise InvalidInput(
            "rates", "per-line tax rates need a tax rule; pass tax= too", rates, code=ErrorCode.NOT_ALLOWED
        )
    amounts = [customer_price(line, rule, field=f"lines[{i}]") for i, line in enumerate(charges)]
    for index, amount in enumerate(amounts):
        if amount.currency != amounts[0].currency:
            raise CurrencyMismatch(f"lines[{index}]", amounts[0].currency, amount.currency)
    invoice_lines = tuple(
        InvoiceLine(description=f"{line.product} ({line.charge_type.value})", amount=amount, charge=line)
        for line, amount in zip(charges, amounts, strict=True)
    )
    if taxing is not None:
        invoice_lines = apply_tax(invoice_lines, taxing, rates=rates)
    net = total([line.total for line in invoice_lines])
    if net.is_negative():
        raise NegativeInvoice(
            f"the lines add up to {net}; issue a credit note instead",
            reasons=(
                Reason(
                    code="billing.ledger.negative_invoice",
                    params={"amount": net},
                    source=Source(document="understand-your-invoice.md", section="Credit notes"),
                ),
            ),
        )
    day = _validate.date(issued, "issued")
    return Invoice(
        id=id,
        issued=day,
        currency=net.currency,
        lines=invoice_lines,
        due=due_date(day, terms),
        customer_id=customer_id,
    )
