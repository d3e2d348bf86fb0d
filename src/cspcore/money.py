"""Money: a Decimal amount in an ISO 4217 currency, with explicit rounding.

Amounts keep full precision through arithmetic; nothing is rounded until you call
:meth:`Money.round` with a named :class:`Rounding`. The ambient :mod:`decimal` context never decides
anything: every operation runs in cspcore's own context, and an operation that could not be exact
raises instead of rounding silently.

>>> from cspcore import Money, Rounding, allocate
>>> price = Money("9.408", "EUR")
>>> price.round()
Money('9.41', 'EUR')
>>> price.round(Rounding.DOWN)
Money('9.40', 'EUR')
>>> Money("100", "JPY") / 3
Money('33.33333333333333333333333333333333', 'JPY')
>>> [str(part) for part in allocate(Money("100.00", "EUR"), [1, 1, 1])]
['33.34 EUR', '33.33 EUR', '33.33 EUR']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import decimal as _decimal
import functools
import operator
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, Final, NoReturn

from cspcore import _validate
from cspcore._validate import CspEnum
from cspcore.errors import CurrencyMismatch, InvalidInput

__all__ = [
    "Money",
    "Rounding",
    "allocate",
    "cash_increment",
    "is_currency",
    "minor_units",
    "total",
]


class Rounding(CspEnum):
    """A rounding mode, named. Values are the :mod:`decimal` module's constants."""

    HALF_UP = _decimal.ROUND_HALF_UP
    """Ties away from zero (2.345 → 2.35, -2.345 → -2.35): invoices and most tax rules."""
    HALF_EVEN = _decimal.ROUND_HALF_EVEN
    """Ties to the even digit (2.345 → 2.34): banker's rounding, babel's default."""
    HALF_DOWN = _decimal.ROUND_HALF_DOWN
    """Ties toward zero (2.345 → 2.34)."""
    DOWN = _decimal.ROUND_DOWN
    """Toward zero (truncate): Excel's ROUNDDOWN, used by Microsoft's reconciliation formulas."""
    UP = _decimal.ROUND_UP
    """Away from zero."""
    FLOOR = _decimal.ROUND_FLOOR
    """Toward negative infinity."""
    CEILING = _decimal.ROUND_CEILING
    """Toward positive infinity."""


for _member in Rounding:
    # the decimal constant as a plain attribute: enum ``.value`` is a slow descriptor on hot paths
    _member._mode = _member.value  # type: ignore[attr-defined]

#: Exact arithmetic: enough precision for any amount ``_validate`` accepts, and a trap on Inexact so
#: that a result which would need rounding raises instead of being rounded silently.
_EXACT: Final = _decimal.Context(
    prec=200,
    rounding=_decimal.ROUND_HALF_EVEN,
    Emax=_decimal.MAX_EMAX,
    Emin=_decimal.MIN_EMIN,
    traps=[_decimal.InvalidOperation, _decimal.DivisionByZero, _decimal.Overflow, _decimal.Inexact],
)
#: Division cannot always be exact (1/3); it keeps 34 significant digits, rounded half-even.
_DIVISION: Final = _decimal.Context(
    prec=34,
    rounding=_decimal.ROUND_HALF_EVEN,
    Emax=_decimal.MAX_EMAX,
    Emin=_decimal.MIN_EMIN,
    traps=[_decimal.InvalidOperation, _decimal.DivisionByZero, _decimal.Overflow],
)
#: Quantizing: rounding is passed explicitly on every call; the context only bounds precision.
_QUANTIZE: Final = _decimal.Context(
    prec=200,
    Emax=_decimal.MAX_EMAX,
    Emin=_decimal.MIN_EMIN,
    traps=[_decimal.InvalidOperation, _decimal.Overflow],
)
_ZERO: Final = Decimal(0)

_add = _EXACT.add
_sub = _EXACT.subtract
_mul = _EXACT.multiply
_div = _DIVISION.divide


@functools.cache
def _currency_data() -> dict[str, tuple[int, int, int, int]]:
    """CLDR currency fractions: code → (digits, rounding, cash digits, cash rounding)."""
    from babel.core import get_global  # noqa: PLC0415 - keep ``import cspcore`` cheap

    return dict(get_global("currency_fractions"))


@functools.cache
def _known_currencies() -> frozenset[str]:
    from babel.numbers import list_currencies  # noqa: PLC0415 - keep ``import cspcore`` cheap

    return frozenset(list_currencies())


@functools.cache
def _check_currency(code: str) -> str:
    if code not in _known_currencies():
        raise InvalidInput("currency", "not an ISO 4217 currency code known to CLDR", code)
    return code


def is_currency(code: object) -> bool:
    """Tell whether ``code`` is an ISO 4217 currency code that CLDR knows.

    >>> is_currency("CZK"), is_currency("czk"), is_currency("XYZ")
    (True, False, False)
    """
    return isinstance(code, str) and code in _known_currencies()


#: Each currency's minor unit as a Decimal exponent (0.01 for EUR), filled on first use: a memo of CLDR data.
_QUANTA: dict[str, Decimal] = {}


def _quantum(code: str) -> Decimal:
    quantum = _QUANTA.get(code)
    if quantum is None:
        quantum = _QUANTA[code] = Decimal(1).scaleb(-minor_units(code))
    return quantum


def minor_units(currency: str) -> int:
    """The number of decimal places in ``currency``'s minor unit, from CLDR.

    >>> minor_units("EUR"), minor_units("JPY"), minor_units("KWD")
    (2, 0, 3)
    """
    code = _check_currency(_validate.text(currency, "currency"))
    data = _currency_data()
    return data.get(code, data["DEFAULT"])[0]


def cash_increment(currency: str) -> Decimal | None:
    """The smallest cash amount of ``currency`` when coins differ from the minor unit, else None.

    CLDR records these (CHF and DKK cash is rounded to 0.05 and 0.50); babel ships the data but never
    applies it.

    >>> cash_increment("CHF"), cash_increment("EUR")
    (Decimal('0.05'), None)
    """
    return _cash_increment(_check_currency(_validate.text(currency, "currency")))


@functools.cache
def _cash_increment(code: str) -> Decimal | None:
    data = _currency_data()
    digits, _rounding, cash_digits, cash_rounding = data.get(code, data["DEFAULT"])
    if cash_rounding == 0 and cash_digits == digits:
        return None
    step = Decimal(cash_rounding or 1).scaleb(-cash_digits)
    return step if step != Decimal(1).scaleb(-digits) else None


def _refuse_operand(operation: str, other: object) -> NoReturn:
    raise InvalidInput(
        "operand",
        f"cannot {operation} Money and {type(other).__name__}",
        other,
    )


def _factor(value: object, operation: str) -> Decimal:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidInput("operand", "must be a finite number", value)
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    _refuse_operand(operation, value)


def _exact(operation: Any, *args: Decimal) -> Decimal:
    try:
        result: Decimal = operation(*args)
    except _decimal.DecimalException as error:
        # Overflow subclasses Inexact but is no question of digits: name it for what it is.
        problem = (
            "the exact result needs more than 200 significant digits"
            if type(error) is _decimal.Inexact
            else f"arithmetic failed: {type(error).__name__}"
        )
        raise InvalidInput("amount", problem, args) from None
    return result


_new = object.__new__


class Money:
    """An amount of money: a :class:`~decimal.Decimal` and an ISO 4217 currency code.

    Immutable and hashable, with value equality (``Money("1.0", "EUR") == Money("1.00", "EUR")``):
    ``amount`` and ``currency`` are read-only properties over private slots that only cspcore writes.
    Arithmetic between amounts needs one currency (else :class:`~cspcore.errors.CurrencyMismatch`);
    multiplication and division take ``int`` or ``Decimal`` factors and keep full precision.

    Args:
        amount: A ``Decimal``, ``int`` or numeric ``str``. Floats, bools, NaN and infinities are
            refused with :class:`~cspcore.errors.InvalidInput`.
        currency: An ISO 4217 code known to CLDR, upper case (``"EUR"``).

    >>> Money("10.50", "EUR") + Money(2, "EUR")
    Money('12.50', 'EUR')
    >>> Money("1.0", "EUR") == Money("1.00", "EUR")
    True
    >>> -Money("3", "USD") * 2
    Money('-6', 'USD')
    """

    __slots__ = ("_amount", "_currency")

    _amount: Decimal
    _currency: str

    def __init__(self, amount: Decimal | int | str, currency: str) -> None:
        self._amount = _validate.decimal(amount, "amount")
        self._currency = _check_currency(_validate.text(currency, "currency"))

    @property
    def amount(self) -> Decimal:
        """The amount, at full precision."""
        return self._amount

    @property
    def currency(self) -> str:
        """The ISO 4217 currency code."""
        return self._currency

    @classmethod
    def zero(cls, currency: str) -> Money:
        """Zero in ``currency``.

        >>> Money.zero("CZK")
        Money('0', 'CZK')
        """
        return cls(_ZERO, currency)

    # -- immutability, identity, display --------------------------------------------------------

    def __reduce__(self) -> tuple[Any, ...]:
        return (Money, (self._amount, self._currency))

    def __copy__(self) -> Money:
        return self

    def __deepcopy__(self, memo: object) -> Money:
        return self

    def __repr__(self) -> str:
        return f"Money('{self._amount}', '{self._currency}')"

    def __str__(self) -> str:
        return f"{self._amount} {self._currency}"

    def __hash__(self) -> int:
        return hash((self._amount, self._currency))

    def __eq__(self, other: object) -> bool:
        if type(other) is Money or isinstance(other, Money):
            return self._currency == other._currency and self._amount == other._amount
        return NotImplemented

    def __bool__(self) -> bool:
        return bool(self._amount)

    # -- ordering --------------------------------------------------------------------------------

    def _same(self, other: object, operation: str) -> Money:
        if not isinstance(other, Money):
            _refuse_operand(operation, other)
        if other._currency != self._currency:
            raise CurrencyMismatch("operand", self._currency, other._currency)
        return other

    def __lt__(self, other: Money) -> bool:
        return self._amount < self._same(other, "compare")._amount

    def __le__(self, other: Money) -> bool:
        return self._amount <= self._same(other, "compare")._amount

    def __gt__(self, other: Money) -> bool:
        return self._amount > self._same(other, "compare")._amount

    def __ge__(self, other: Money) -> bool:
        return self._amount >= self._same(other, "compare")._amount

    # -- arithmetic ------------------------------------------------------------------------------

    def __add__(self, other: Money) -> Money:
        if type(other) is not Money or other._currency != self._currency:
            other = self._same(other, "add")
        try:  # _exact(), inlined: addition is the hottest operation
            amount = _add(self._amount, other._amount)
        except _decimal.DecimalException:
            amount = _exact(_add, self._amount, other._amount)  # raises the InvalidInput
        money: Money = _new(Money)
        money._amount = amount
        money._currency = self._currency
        return money

    def __radd__(self, other: int) -> Money:
        # Only so that the builtin sum() works: sum() starts from the int 0.
        if other == 0 and type(other) is int:
            return self
        _refuse_operand("add", other)

    def __sub__(self, other: Money) -> Money:
        return _make(_exact(_sub, self._amount, self._same(other, "subtract")._amount), self._currency)

    def __neg__(self) -> Money:
        amount = self._amount
        # Exact (no context rounds it); zero stays unsigned, as ``-Decimal`` gives it, so no "-0.00".
        return _make(amount.copy_negate() if amount else amount.copy_abs(), self._currency)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return _make(self._amount.copy_abs(), self._currency)  # exact: no context rounds it

    def __mul__(self, factor: int | Decimal) -> Money:
        return _make(_exact(_mul, self._amount, _factor(factor, "multiply")), self._currency)

    __rmul__ = __mul__

    def __truediv__(self, divisor: int | Decimal) -> Money:
        value = _factor(divisor, "divide")
        if not value:
            raise InvalidInput("divisor", "division by zero", divisor)
        return _make(_exact(_div, self._amount, value), self._currency)

    def ratio(self, other: Money) -> Decimal:
        """Divide by another amount in the same currency (34 significant digits).

        >>> Money("1", "EUR").ratio(Money("4", "EUR"))
        Decimal('0.25')
        """
        divisor = self._same(other, "divide")._amount
        if not divisor:
            raise InvalidInput("other", "division by zero", other)
        return _exact(_div, self._amount, divisor)

    # -- rounding and minor units ----------------------------------------------------------------

    def round(self, rounding: Rounding = Rounding.HALF_UP, *, cash: bool = False) -> Money:
        """Round to the currency's minor units (or, with ``cash=True``, to its cash increment).

        Args:
            rounding: How to break the digits that do not fit; half-up by default.
            cash: Round to the smallest coin CLDR gives for the currency (CHF 0.05), when it has one.

        >>> Money("2.345", "EUR").round(), Money("2.345", "EUR").round(Rounding.HALF_EVEN)
        (Money('2.35', 'EUR'), Money('2.34', 'EUR'))
        >>> Money("1234.5", "JPY").round(), Money("1.2345", "KWD").round()
        (Money('1235', 'JPY'), Money('1.235', 'KWD'))
        >>> Money("10.07", "CHF").round(cash=True)
        Money('10.05', 'CHF')
        """
        mode = rounding._mode if type(rounding) is Rounding else _rounding(rounding)  # type: ignore[attr-defined]
        if cash is not False and _validate.flag(cash, "cash"):
            step = _cash_increment(self._currency)
            if step is not None:
                units = _exact(_div, self._amount, step).quantize(
                    Decimal(1), rounding=mode, context=_QUANTIZE
                )
                return _make(_exact(_mul, units, step).quantize(step, context=_QUANTIZE), self._currency)
        quantum = _QUANTA.get(self._currency) or _quantum(self._currency)
        return _make(self._amount.quantize(quantum, rounding=mode, context=_QUANTIZE), self._currency)

    def is_rounded(self, *, cash: bool = False) -> bool:
        """Tell whether the amount already sits on the currency's minor (or cash) units.

        >>> Money("1.10", "EUR").is_rounded(), Money("1.105", "EUR").is_rounded()
        (True, False)
        """
        return self.round(Rounding.DOWN, cash=cash).amount == self._amount

    def to_minor_units(self, rounding: Rounding | None = None) -> int:
        """Return the amount in minor units (cents) as an ``int``.

        Refuses to lose value silently: an amount finer than the minor unit raises unless a
        ``rounding`` is named.

        >>> Money("12.34", "EUR").to_minor_units(), Money("500", "JPY").to_minor_units()
        (1234, 500)
        >>> Money("12.345", "EUR").to_minor_units(Rounding.HALF_UP)
        1235
        """
        amount = self._amount if rounding is None else self.round(rounding).amount
        scaled = amount.scaleb(minor_units(self._currency), context=_EXACT)
        if scaled != scaled.to_integral_value(context=_QUANTIZE):
            raise InvalidInput(
                "amount",
                f"finer than the minor unit of {self._currency}; pass a rounding to round it",
                self._amount,
            )
        return int(scaled)

    @classmethod
    def from_minor_units(cls, units: int, currency: str) -> Money:
        """Build an amount from an ``int`` count of minor units.

        >>> Money.from_minor_units(1234, "EUR"), Money.from_minor_units(5, "KWD")
        (Money('12.34', 'EUR'), Money('0.005', 'KWD'))
        """
        count = _validate.integer(units, "units")
        code = _check_currency(_validate.text(currency, "currency"))
        return cls(Decimal(count).scaleb(-minor_units(code)), code)

    # -- helpers ---------------------------------------------------------------------------------

    def is_zero(self) -> bool:
        """``True`` for zero."""
        return not self._amount

    def is_negative(self) -> bool:
        """``True`` below zero."""
        return self._amount < 0

    def is_positive(self) -> bool:
        """``True`` above zero."""
        return self._amount > 0

    def with_amount(self, amount: Decimal | int | str) -> Money:
        """The same currency with another amount.

        >>> Money("1", "EUR").with_amount("2.50")
        Money('2.50', 'EUR')
        """
        return Money(amount, self._currency)


def _rounding(value: object) -> str:
    member = _validate.enum_member(Rounding, value, "rounding")
    return str(member.value)


def _make(amount: Decimal, currency: str) -> Money:
    """Build without validation: for amounts that arithmetic on valid Money produced."""
    money: Money = _new(Money)
    money._amount = amount
    money._currency = currency
    return money


_amount_of = operator.attrgetter("_amount")
_currency_of = operator.attrgetter("_currency")


def total(amounts: Iterable[Money], *, currency: str | None = None) -> Money:
    """Add many amounts of one currency, exactly and fast.

    Args:
        amounts: Any iterable of :class:`Money`.
        currency: The currency of the result; required when ``amounts`` may be empty.

    >>> total([Money("0.10", "EUR")] * 3)
    Money('0.30', 'EUR')
    >>> total([], currency="EUR")
    Money('0', 'EUR')
    """
    if isinstance(amounts, (list, tuple)):
        items = amounts
    elif not isinstance(amounts, (str, bytes, Money)) and hasattr(amounts, "__iter__"):
        items = list(amounts)
    else:
        raise InvalidInput("amounts", "expected an iterable of Money", amounts)
    if not items:
        if currency is None:
            raise InvalidInput("currency", "needed to total an empty sequence")
        return Money.zero(_validate.text(currency, "currency"))
    # Two C-level passes check every item (type, then currency) before the exact sum: the price of a
    # total that can neither mix currencies nor accept look-alikes.
    count = len(items)
    if [*map(type, items)].count(Money) != count:
        bad = next((item for item in items if not isinstance(item, Money)), None)
        if bad is not None:
            raise InvalidInput("amounts", "every item must be Money", bad)
    expected = items[0].currency if currency is None else _check_currency(currency)
    if [*map(_currency_of, items)].count(expected) != count:
        other = next(item.currency for item in items if item.currency != expected)
        raise CurrencyMismatch("amounts", expected, other)
    with _decimal.localcontext(_EXACT):
        try:
            result = sum(map(_amount_of, items), _ZERO)
        except _decimal.Inexact:
            raise InvalidInput("amounts", "the exact total needs more than 200 digits", len(items)) from None
    return _make(result, expected)


def allocate(
    amount: Money,
    weights: Sequence[int | Decimal],
    *,
    cash: bool = False,
) -> tuple[Money, ...]:
    """Split ``amount`` in proportion to ``weights`` so that the parts add up to it exactly.

    Each part is a whole number of minor units (or of cash increments, with ``cash=True``). The
    units left over after flooring go one each to the parts with the largest remainders; ties go to
    the earlier part, so the result is deterministic. A negative amount splits like its absolute
    value, negated.

    Args:
        amount: What to split; it must already sit on minor (or cash) units.
        weights: Non-negative ``int`` or ``Decimal`` weights, not all zero.
        cash: Split in the currency's cash increments (CHF 0.05).

    Raises:
        InvalidInput: on empty, all-zero, negative or float weights, or an amount finer than the
            unit it is split in.

    >>> allocate(Money("-0.05", "EUR"), [1, 1])
    (Money('-0.03', 'EUR'), Money('-0.02', 'EUR'))
    >>> allocate(Money("10.00", "CHF"), [1, 1, 1], cash=True)
    (Money('3.35', 'CHF'), Money('3.35', 'CHF'), Money('3.30', 'CHF'))
    """
    money = _validate.instance(amount, Money, "amount")
    if isinstance(weights, (str, bytes)) or not isinstance(weights, Sequence):
        raise InvalidInput("weights", "expected a sequence of weights", weights)
    if not weights:
        raise InvalidInput("weights", "must not be empty", weights)
    exact = [_validate.decimal(w, f"weights[{i}]", allow_negative=False) for i, w in enumerate(weights)]
    if not any(exact):
        raise InvalidInput("weights", "must not all be zero", weights)
    scale = max(0, *(-int(w.as_tuple().exponent) for w in exact))
    integers = [int(w.scaleb(scale, context=_EXACT)) for w in exact]
    step = (_cash_increment(money.currency) if _validate.flag(cash, "cash") else None) or _quantum(
        money.currency
    )
    units_decimal = _exact(_div, money.amount, step)
    if units_decimal != units_decimal.to_integral_value():
        raise InvalidInput(
            "amount", f"must be a whole number of {step} {money.currency}; round it first", money
        )
    units = int(units_decimal)
    sign = -1 if units < 0 else 1
    units = abs(units)
    weight_sum = sum(integers)
    shares = [divmod(units * w, weight_sum) for w in integers]
    parts = [quotient for quotient, _ in shares]
    leftover = units - sum(parts)
    by_remainder = sorted(range(len(shares)), key=lambda i: (-shares[i][1], i))
    for index in by_remainder[:leftover]:
        parts[index] += 1
    currency = money.currency
    return tuple(_make(_exact(_mul, Decimal(sign * part), step), currency) for part in parts)
