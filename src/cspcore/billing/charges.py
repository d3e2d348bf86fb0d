"""Charge lines: what Microsoft puts on a partner's new-commerce reconciliation file.

A :class:`ChargeLine` is one row of that file in domain terms: which subscription, which kind of
charge (:class:`ChargeType`, spelled as Partner Center spells it), which days, how many seats at
what effective unit price, and the signed subtotal (refunds are negative).

>>> import datetime as dt
>>> from decimal import Decimal
>>> from cspcore import Money
>>> from cspcore.billing import ChargeLine, ChargeType
>>> line = ChargeLine(
...     order_date=dt.date(2022, 6, 20),
...     charge_type=ChargeType.NEW,
...     product="Microsoft 365 E3",
...     subscription_id="sub-1",
...     unit_price=Money("36.00", "USD"),
...     effective_unit_price=Money("36.00", "USD"),
...     quantity=Decimal(2),
...     subtotal=Money("72.00", "USD"),
...     charge_start=dt.date(2022, 6, 20),
...     charge_end=dt.date(2022, 7, 19),
... )
>>> line.total, line.days, line.is_refund
(Money('72.00', 'USD'), 30, False)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final, Literal, TypeAlias

import attrs

from cspcore import _validate
from cspcore._trusted import trusted_constructor
from cspcore.billing.exchange import exchange_rate
from cspcore.currencies import currency_code
from cspcore.dates import days_inclusive
from cspcore.enums import CspEnum
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.money import Money, as_money

__all__ = ["ChargeLine", "ChargeType", "ChargeTypeSpelling", "trusted_charge_line"]


class ChargeType(CspEnum):
    """The ``ChargeType`` column of the new-commerce reconciliation file (``recon-file-charge-types.md``)."""

    NEW = "new"
    """A purchase."""
    RENEW = "renew"
    """A renewal into a new term."""
    CYCLE_CHARGE = "cycleCharge"
    """A recurring charge for a later charge cycle of the term."""
    ADD_QUANTITY = "addQuantity"
    """Refund and charge when seats are added (and, in practice, removed)."""
    REMOVE_QUANTITY = "removeQuantity"
    """Seats removed."""
    CANCEL_IMMEDIATE = "cancelImmediate"
    """A cancellation refund."""
    CONVERT = "convert"
    """A trial converted to paid, or an upgrade into a new subscription."""
    CHANGE_BILLING_PLAN = "changeBillingPlan"
    """A change of billing frequency."""
    MOVE_QUANTITY = "moveQuantity"
    """An upgrade into an existing subscription."""
    CUSTOMER_CREDIT = "customerCredit"
    """Credits (Azure, SLA and similar)."""
    EXTEND_TERM = "extendTerm"
    """A longer trial period granted."""


#: The strings a :class:`ChargeType` may be given as (its values and names), for type checkers.
ChargeTypeSpelling: TypeAlias = Literal[
    "new",
    "renew",
    "cycleCharge",
    "addQuantity",
    "removeQuantity",
    "cancelImmediate",
    "convert",
    "changeBillingPlan",
    "moveQuantity",
    "customerCredit",
    "extendTerm",
    "NEW",
    "RENEW",
    "CYCLE_CHARGE",
    "ADD_QUANTITY",
    "REMOVE_QUANTITY",
    "CANCEL_IMMEDIATE",
    "CONVERT",
    "CHANGE_BILLING_PLAN",
    "MOVE_QUANTITY",
    "CUSTOMER_CREDIT",
    "EXTEND_TERM",
]


_money = as_money
_OPTIONAL_TEXT = _validate.attrs_validator(_validate.optional_text)
_OPTIONAL_DATE = _validate.attrs_validator(_validate.optional(_validate.date))


_OPTIONAL_CURRENCY = _validate.attrs_validator(_validate.optional(currency_code))


def _optional_rate(value: Decimal | int | str | None) -> Decimal | None:
    return None if value is None else exchange_rate(value, "exchange_rate")


def _charge_type(value: ChargeType | ChargeTypeSpelling) -> ChargeType:
    return _validate.enum_member(ChargeType, value, "charge_type")


def _quantity(value: Decimal | int | str) -> Decimal:
    return _validate.quantity(value, "quantity")


def _qualifiers(
    given: tuple[str, ...] | list[str] | frozenset[str] | set[str],
) -> tuple[str, ...]:
    value: object = given  # typed for callers; checked below whatever it is at run time
    if isinstance(value, str) or not isinstance(value, (tuple, list, frozenset, set)):
        raise InvalidInput("qualifiers", "expected a tuple of strings", value, code=ErrorCode.WRONG_TYPE)
    return tuple(_validate.text(item, "qualifiers[]") for item in value)


def _zero_tax(line: ChargeLine) -> Money:
    # a default is computed before the validators run: check the field it reads first
    return Money.zero(_money(line.subtotal, "subtotal").currency)


def _subtotal_plus_tax(line: ChargeLine) -> Money:
    subtotal = _money(line.subtotal, "subtotal")
    _same_currency(line.tax, subtotal, "tax")
    return subtotal + line.tax


def _same_currency(value: Money, reference: Money, field: str) -> None:
    if _money(value, field).currency != reference.currency:
        raise CurrencyMismatch(field, reference.currency, value.currency)


@attrs.frozen(kw_only=True)
class ChargeLine:
    """One charge or refund on the reconciliation file.

    Args:
        order_date: The UTC date of the transaction (``OrderDate``).
        charge_type: The kind of charge (``ChargeType``).
        product: The product or SKU name.
        subscription_id: The subscription (``SubscriptionId``).
        unit_price: The price per charge cycle from the price list (``UnitPrice``).
        effective_unit_price: The prorated unit price at full precision, with the sign of the line
            (``EffectiveUnitPrice``; Microsoft's files show it rounded for display).
        quantity: The billable quantity (``BillableQuantity``); fractional for usage and reservations;
            at most a trillion either way (:data:`~cspcore._validate.MAX_QUANTITY`).
        subtotal: The signed pre-tax amount (``Subtotal``); refunds are negative.
        tax: The tax on the line (``TaxTotal``); zero by default.
        total: ``subtotal + tax`` (``Total``); derived when not given, checked when given.
        charge_start: First day charged (``ChargeStartDate``).
        charge_end: Last day charged, inclusive (``ChargeEndDate``).
        reference_id: Links the refund and the charge of one change (``ReferenceID``).
        qualifiers: ``ProductQualifiers`` such as ``("Trial",)`` or ``("Add-on",)``.
        customer_id: The customer tenant (``CustomerId``), when known.
        subscription_start: ``SubscriptionStartDate``: purchase or renewal date, when known.
        subscription_end: ``SubscriptionEndDate``, when known.
        term_and_billing_cycle: ``TermAndBillingCycle`` text, when known.
        billing_frequency: ``BillingFrequency`` text (blank for one-time charges), when known.
        pricing_currency: ``PricingCurrency`` when prices are listed in another currency than the
            line is billed in: ``unit_price`` and ``effective_unit_price`` are then in it, and
            ``subtotal``, ``tax`` and ``total`` in the billing currency. ``None`` (the default) when
            prices and amounts share one currency; never the billing currency itself.
        exchange_rate: ``PCToBCExchangeRate``, billing-currency units per pricing-currency unit
            (:func:`~cspcore.billing.exchange.exchange_rate`); given exactly when
            ``pricing_currency`` is.
        exchange_rate_date: ``PCToBCExchangeRateDate``, the day the rate was set, when known; only
            with an exchange rate.

    .. versionchanged:: 0.3.0
       ``pricing_currency``, ``exchange_rate`` and ``exchange_rate_date``.
    """

    order_date: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    charge_type: ChargeType = attrs.field(converter=_charge_type)
    product: str = attrs.field(
        converter=_validate.plain_text, validator=_validate.attrs_validator(_validate.text)
    )
    subscription_id: str = attrs.field(
        converter=_validate.plain_text, validator=_validate.attrs_validator(_validate.text)
    )
    unit_price: Money = attrs.field(validator=_validate.attrs_validator(_money))
    effective_unit_price: Money = attrs.field(validator=_validate.attrs_validator(_money))
    quantity: Decimal = attrs.field(converter=_quantity)
    subtotal: Money = attrs.field(validator=_validate.attrs_validator(_money))
    charge_start: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    charge_end: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    tax: Money = attrs.field(
        default=attrs.Factory(_zero_tax, takes_self=True),
        validator=_validate.attrs_validator(_money),
    )
    total: Money = attrs.field(
        default=attrs.Factory(_subtotal_plus_tax, takes_self=True),
        validator=_validate.attrs_validator(_money),
    )
    reference_id: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    qualifiers: tuple[str, ...] = attrs.field(default=(), converter=_qualifiers)
    customer_id: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    subscription_start: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    subscription_end: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)
    term_and_billing_cycle: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    billing_frequency: str | None = attrs.field(default=None, validator=_OPTIONAL_TEXT)
    pricing_currency: str | None = attrs.field(default=None, validator=_OPTIONAL_CURRENCY)
    exchange_rate: Decimal | None = attrs.field(default=None, converter=_optional_rate)
    exchange_rate_date: dt.date | None = attrs.field(default=None, validator=_OPTIONAL_DATE)

    def __attrs_post_init__(self) -> None:
        _check_consistent(self)

    @property
    def currency(self) -> str:
        """The billing currency."""
        return self.subtotal.currency

    @property
    def price_currency(self) -> str:
        """The currency of the prices: the pricing currency if the line has one, else the billing currency."""
        return self.pricing_currency or self.subtotal.currency

    @property
    def days(self) -> int:
        """Days charged, counting both ends."""
        return days_inclusive(self.charge_start, self.charge_end)

    @property
    def is_refund(self) -> bool:
        """``True`` for a negative line (a refund)."""
        return self.subtotal.is_negative()


#: The fields whose currency must be the subtotal's, in ChargeLine's order (checked before any sum).
_PRICED: Final = ("unit_price", "effective_unit_price", "tax")


def _check_consistent(line: ChargeLine) -> None:
    """ChargeLine's cross-field rules: currencies, ``total = subtotal + tax``, end not before start.

    Amounts are in the subtotal's currency; prices too, or in ``pricing_currency`` when the line has
    an exchange rate (given with it, and never the billing currency). The one place these rules
    live: the validating constructor runs it after checking every field, :func:`trusted_charge_line`
    and :func:`charge_line_of` after taking fields their caller has checked.
    """
    subtotal = line.subtotal
    currency = subtotal.currency
    unit, effective, tax = line.unit_price, line.effective_unit_price, line.tax
    pricing = line.pricing_currency
    if pricing is None and line.exchange_rate is None and line.exchange_rate_date is None:
        priced = currency
    else:
        priced = _exchange_consistent(line, currency)
    if unit.currency != priced or effective.currency != priced or tax.currency != currency:
        for name in _PRICED:  # name the first field in another currency, in ChargeLine's order
            other: str = getattr(line, name).currency
            wanted = currency if name == "tax" else priced
            if other != wanted:
                raise CurrencyMismatch(name, wanted, other)
    expected = subtotal if not tax else subtotal + tax  # pragma: no mutate - a shortcut, same sum
    if line.total != expected:
        raise InvalidInput(
            "total", f"must equal subtotal + tax ({expected})", line.total, code=ErrorCode.INCONSISTENT
        )
    if line.charge_end < line.charge_start:
        raise InvalidInput(
            "charge_end",
            f"is before charge_start {line.charge_start.isoformat()}",
            line.charge_end,
            code=ErrorCode.INCONSISTENT,
        )


def _exchange_consistent(line: ChargeLine, currency: str) -> str:
    """The pricing currency of a line with exchange fields, once they agree with each other."""
    pricing, rate = line.pricing_currency, line.exchange_rate
    if pricing is None:
        raise InvalidInput(
            "pricing_currency",
            "is required with an exchange rate or its date",
            None,
            code=ErrorCode.MISSING,
        )
    if rate is None:
        raise InvalidInput(
            "exchange_rate", "is required with a pricing currency", None, code=ErrorCode.MISSING
        )
    if pricing == currency:
        raise InvalidInput(
            "pricing_currency",
            "is the billing currency; leave it and the exchange rate out",
            pricing,
            code=ErrorCode.INCONSISTENT,
        )
    return pricing


_Setter = Callable[[ChargeLine, object], None]
#: How a left-out field gets its value from the fields set before it (None: the field is required).
_Fill = Callable[[ChargeLine], object] | None


# Runs once at import, before mutmut picks a mutant, so no test can see its mutants (docs/quality.md).
def _fill(default: object) -> _Fill:  # pragma: no mutate block
    """The default of a field as attrs computes it: a value, or a factory (which may read the line)."""
    if default is attrs.NOTHING:
        return None
    factory: Callable[..., object] | None = getattr(default, "factory", None)
    if factory is None:
        return lambda _line: default
    if getattr(default, "takes_self", False):
        return factory
    return lambda _line: factory()


# Runs once at import too, like _fill.
def _setters() -> tuple[tuple[str, _Setter, _Fill], ...]:  # pragma: no mutate block
    """(name, slot setter, fill) of every ChargeLine field, in declaration order."""
    table = []
    for field in attrs.fields(ChargeLine):
        setter: _Setter = ChargeLine.__dict__[field.name].__set__
        table.append((field.name, setter, _fill(field.default)))
    return tuple(table)


#: Generated from ChargeLine's own fields: a field added to the class is filled (or required) here too.
_SETTERS: Final = _setters()
_FIELD_NAMES: Final = frozenset(name for name, _, _ in _SETTERS)
_MISSING: Final = object()
#: ChargeLine's fields in declaration order: the order :func:`charge_line_of` takes values in.
FIELD_ORDER: Final = tuple(name for name, _, _ in _SETTERS)


def trusted_charge_line(**values: Any) -> ChargeLine:
    """A :class:`ChargeLine` of fields its caller has already checked one by one (internal fast path).

    Each field is stored as given (no per-field conversion or validation); a field with a default may be
    left out (``tax`` defaults to zero, ``total`` to ``subtotal + tax``, as in the class). The cross-field
    rules are the class's own (:func:`_check_consistent`), so a line built here is one that
    ``ChargeLine(**values)`` would build. A missing required field or an unknown name raises
    :class:`~cspcore.errors.InvalidInput`.

    >>> trusted_charge_line(product="Microsoft 365 E3")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: order_date: is required (got None)
    """
    if len(values) > len(_SETTERS) or not _FIELD_NAMES.issuperset(values):
        unknown = sorted(set(values) - _FIELD_NAMES)
        raise InvalidInput(
            unknown[0], "is not a ChargeLine field", values[unknown[0]], code=ErrorCode.UNKNOWN_VALUE
        )
    line: ChargeLine = ChargeLine.__new__(ChargeLine)
    get = values.get
    for name, setter, fill in _SETTERS:
        value = get(name, _MISSING)
        if value is _MISSING:
            if fill is None:
                raise InvalidInput(name, "is required", code=ErrorCode.MISSING)
            value = fill(line)
        setter(line, value)
    _check_consistent(line)
    return line


#: Every field in FIELD_ORDER, stored as given: written from ChargeLine's own fields (cspcore._trusted).
_line_of: Final = trusted_constructor(ChargeLine, packed=True)


def charge_line_of(values: tuple[Any, ...]) -> ChargeLine:
    """A ChargeLine of every field's checked value, in FIELD_ORDER (internal fast path).

    The positional twin of :func:`trusted_charge_line`, for readers that build a line per row of a
    file: no field is left out (a tuple of another length raises InvalidInput), and the class's
    cross-field rules are checked.
    """
    try:
        line: ChargeLine = _line_of(values)
    except (TypeError, ValueError):
        raise InvalidInput(
            "values",
            f"expected a tuple of the {len(FIELD_ORDER)} fields in FIELD_ORDER",
            values,
            code=ErrorCode.MALFORMED,
        ) from None
    _check_consistent(line)
    return line
