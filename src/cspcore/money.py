"""Money: a Decimal amount in an ISO 4217 currency, with explicit rounding.

Amounts keep full precision through arithmetic; nothing is rounded until you call
:meth:`Money.round` with a named :class:`Rounding`. The ambient :mod:`decimal` context never decides
anything: every operation runs in cspcore's own context, and an operation that could not be exact
raises instead of rounding silently.

The currency facts (minor units, cash increments) are :mod:`cspcore.currencies`'; the rounding modes
are :mod:`cspcore.rounding`'s; both are re-exported here. Every amount that exists is below
10**:data:`MAX_MAGNITUDE` in magnitude: an operation whose result would not be is refused, so
rounding, allocating and formatting any amount is quick and cannot fail.

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

import decimal
import operator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, NoReturn

from cspcore import _decimal, _validate
from cspcore._allocation import split
from cspcore._iso4217 import CASH_INCREMENTS, MINOR_UNITS
from cspcore._totals import column_total, sequence_total, stream_total
from cspcore.currencies import MINOR_UNIT, cash_increment, currency_code, is_currency, minor_units
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.rounding import Rounding, rounding_mode

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

__all__ = [
    "MAX_ITEMS",
    "MAX_MAGNITUDE",
    "Money",
    "MoneyColumn",
    "Rounding",
    "allocate",
    "as_money",
    "cash_increment",
    "exact_money",
    "is_currency",
    "minor_units",
    "total",
]


#: The most amounts :func:`total` reads from an iterator (a generator, a stream of rows): an endless
#: one is refused after this many, in a few seconds. Lists and tuples are not bounded by count: their
#: size is known and they are already in memory.
MAX_ITEMS: Final = 10**7

MAX_MAGNITUDE: Final = _decimal.MAX_MAGNITUDE
_ZERO: Final = Decimal(0)
_ONE: Final = Decimal(1)
#: Minor units beyond this count cannot make an amount (10**30 at most, 4 decimals at most).
_UNITS_LIMIT: Final = 10 ** (_validate.MAX_EXPONENT + 1 + max(MINOR_UNITS.values()))

_add = _decimal.EXACT.add
_sub = _decimal.EXACT.subtract
_mul = _decimal.EXACT.multiply
_div = _decimal.DIVISION.divide
_QUANTIZE_WITH: Final = _decimal.QUANTIZE_WITH
#: ``round()``'s default mode and its quantizer, read without a table lookup on the hot path.
_HALF_UP: Final = Rounding.HALF_UP
_QUANTIZE_HALF_UP: Final = _QUANTIZE_WITH[decimal.ROUND_HALF_UP]


def _refuse_operand(operation: str, other: object) -> NoReturn:
    raise InvalidInput(
        "operand", f"cannot {operation} Money and {type(other).__name__}", other, code=ErrorCode.WRONG_TYPE
    )


def _factor(value: object, operation: str) -> Decimal:
    """A multiplier or divisor: an int or Decimal within the shared bound on numbers."""
    if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
        return _validate.decimal(value, "operand")
    _refuse_operand(operation, value)


_exact = _decimal.exact


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
        currency: An active ISO 4217 code with a minor unit, upper case (``"EUR"``).

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
        value = _validate.decimal(amount, "amount")
        self._amount = value or value.copy_abs()  # no "-0.00"
        self._currency = currency_code(currency)

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
        # Through the trusted constructor: an amount cspcore computed (a prorated price of 80 digits)
        # is a valid Money, though more precise than the 50 digits Money() takes from a caller.
        return (exact_money, (self._amount, self._currency))

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
        except decimal.DecimalException:
            amount = _exact(_add, self._amount, other._amount)  # raises the InvalidInput
        return _make(amount, self._currency)

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
            raise InvalidInput("divisor", "division by zero", divisor, code=ErrorCode.OUT_OF_RANGE)
        return _make(_exact(_div, self._amount, value), self._currency)

    def ratio(self, other: Money) -> Decimal:
        """Divide by another amount in the same currency (34 significant digits).

        >>> Money("1", "EUR").ratio(Money("4", "EUR"))
        Decimal('0.25')
        """
        divisor = self._same(other, "divide")._amount
        if not divisor:
            raise InvalidInput("other", "division by zero", other, code=ErrorCode.OUT_OF_RANGE)
        return _exact(_div, self._amount, divisor)

    # -- rounding and minor units ----------------------------------------------------------------

    def round(self, rounding: Rounding = Rounding.HALF_UP, *, cash: bool = False) -> Money:
        """Round to the currency's minor units (or, with ``cash=True``, to its cash increment).

        The result sits on the minor unit (``Decimal('10.05')`` for CHF) and is never a negative zero:
        a refund of less than half a cent rounds to ``0.00``, not ``-0.00``.

        Args:
            rounding: How to break the digits that do not fit; half-up by default.
            cash: Round to the smallest coin CLDR gives for the currency (CHF 0.05), when it has one.

        >>> Money("2.345", "EUR").round(), Money("2.345", "EUR").round(Rounding.HALF_EVEN)
        (Money('2.35', 'EUR'), Money('2.34', 'EUR'))
        >>> Money("1234.5", "JPY").round(), Money("1.2345", "KWD").round()
        (Money('1235', 'JPY'), Money('1.235', 'KWD'))
        >>> Money("10.07", "CHF").round(cash=True), Money("1232.40", "HUF").round(cash=True)
        (Money('10.05', 'CHF'), Money('1230.00', 'HUF'))
        >>> Money("-0.001", "USD").round()
        Money('0.00', 'USD')
        """
        if rounding is _HALF_UP and cash is False:  # the default, as most callers use it
            return _make(_QUANTIZE_HALF_UP(self._amount, MINOR_UNIT[self._currency]), self._currency)
        mode = rounding.mode if type(rounding) is Rounding else rounding_mode(rounding)
        quantum = MINOR_UNIT[self._currency]
        if cash is not False and _validate.flag(cash, "cash"):
            step = CASH_INCREMENTS.get(self._currency)
            if step is not None:
                units = _decimal.UNITS.divide(self._amount, step).quantize(
                    _ONE, rounding=mode, context=_decimal.QUANTIZE
                )
                return _make(
                    _decimal.UNITS.multiply(units, step).quantize(quantum, context=_decimal.QUANTIZE),
                    self._currency,
                )
        return _make(_QUANTIZE_WITH[mode](self._amount, quantum), self._currency)

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
        scaled = amount.scaleb(MINOR_UNITS[self._currency], context=_decimal.QUANTIZE)
        if scaled != scaled.to_integral_value(context=_decimal.QUANTIZE):
            raise InvalidInput(
                "amount",
                f"finer than the minor unit of {self._currency}; pass a rounding to round it",
                self._amount,
                code=ErrorCode.TOO_PRECISE,
            )
        return int(scaled)

    @classmethod
    def from_minor_units(cls, units: int, currency: str) -> Money:
        """Build an amount from an ``int`` count of minor units.

        >>> Money.from_minor_units(1234, "EUR"), Money.from_minor_units(5, "KWD")
        (Money('12.34', 'EUR'), Money('0.005', 'KWD'))
        """
        count = _validate.integer(units, "units", minimum=-_UNITS_LIMIT, maximum=_UNITS_LIMIT)
        code = currency_code(currency)
        return cls(Decimal(count).scaleb(-MINOR_UNITS[code], context=_decimal.QUANTIZE), code)

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


def _make(amount: Decimal, currency: str) -> Money:
    """Build without validation: for amounts that arithmetic on valid Money produced.

    A zero loses its sign (``0 * -1`` and ``0 / -3`` give ``-0`` in Decimal), so no "-0.00" is shown.
    """
    money: Money = _new(Money)
    money._amount = amount or amount.copy_abs()
    money._currency = currency
    return money


def as_money(value: object, field: str) -> Money:
    """``value`` if it is :class:`Money`, else InvalidInput naming ``field``: the check for Money inputs.

    >>> as_money(Money("1", "EUR"), "amount")
    Money('1', 'EUR')
    """
    checked: Money = _validate.instance(value, Money, field)
    return checked


def exact_money(amount: Decimal, currency: str) -> Money:
    """Money from a ``Decimal`` that exact arithmetic on valid amounts produced: the trusted constructor.

    For rules that compute many amounts (rating, reading recon files, ledgers): it checks only what is
    cheap to check (a finite ``Decimal`` below :data:`MAX_MAGNITUDE` with at most 200 significant digits,
    the most any exact operation on amounts makes, and a known currency code), not the 50 digits that
    :class:`Money` allows an input, since a computed amount (a prorated price of 80 digits) may have more.

    >>> exact_money(Decimal("9.408"), "EUR")
    Money('9.408', 'EUR')
    >>> exact_money(Decimal("1e61"), "EUR")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: amount: magnitude outside 10**-200 to 10**61 (got Decimal('1E+61'))
    """
    if type(amount) is not Decimal or not amount.is_finite():
        raise InvalidInput("amount", "expected a finite Decimal", amount, code=ErrorCode.WRONG_TYPE)
    if amount and not -_decimal.EXACT.prec < amount.adjusted() < MAX_MAGNITUDE:
        raise InvalidInput(
            "amount",
            f"magnitude outside 10**-{_decimal.EXACT.prec} to 10**{MAX_MAGNITUDE}",
            amount,
            code=ErrorCode.OUT_OF_RANGE,
        )
    # No exact operation on amounts makes more digits.
    if _decimal.more_digits_than(amount, _decimal.EXACT.prec):
        raise InvalidInput(
            "amount",
            f"more than {_decimal.EXACT.prec} significant digits",
            amount,
            code=ErrorCode.TOO_MANY_DIGITS,
        )
    if type(currency) is not str or currency not in MINOR_UNITS:
        currency_code(currency)
    return _make(amount, currency)


_SEQUENCES: Final = (list, tuple)


class MoneyColumn:
    """Many amounts of one currency as a column: the currency once, the amounts as a tuple of Decimals.

    The columnar layout of a long run of amounts (a month of usage lines, say): every amount is checked
    once, as it enters, the way :class:`Money` checks its amount, and the column never changes, so
    :func:`total` of a column checks nothing again and only adds the amounts up, exactly. It keeps one
    ``Decimal`` per amount and no :class:`Money` object; iterating gives each amount as Money.

    Args:
        amounts: A list or tuple of ``Decimal``, ``int`` or numeric ``str`` amounts (floats, bools,
            NaN and infinities are refused, as :class:`Money` refuses them).
        currency: An active ISO 4217 code with a minor unit.

    Raises:
        InvalidInput: ``amounts`` not a list or tuple, or an amount :class:`Money` would refuse
            (field ``amounts``, with the amount's own code).

    >>> column = MoneyColumn(["0.10", "0.20", 3], "EUR")
    >>> total(column), len(column), column.amounts
    (Money('3.30', 'EUR'), 3, (Decimal('0.10'), Decimal('0.20'), Decimal('3')))
    >>> list(column)[0]
    Money('0.10', 'EUR')
    """

    __slots__ = ("_amounts", "_currency")

    _amounts: tuple[Decimal, ...]
    _currency: str

    def __init__(self, amounts: Sequence[Decimal | int | str], currency: str) -> None:
        code = currency_code(currency)
        if type(amounts) not in _SEQUENCES:  # exact types: their size is known, they end
            raise InvalidInput(
                "amounts", "expected a list or tuple of amounts", amounts, code=ErrorCode.WRONG_TYPE
            )
        checked = [_validate.decimal(value, "amounts") for value in amounts]
        self._amounts = tuple([amount or amount.copy_abs() for amount in checked])  # no "-0.00"
        self._currency = code

    @property
    def amounts(self) -> tuple[Decimal, ...]:
        """The amounts, in order, at full precision."""
        return self._amounts

    @property
    def currency(self) -> str:
        """The ISO 4217 currency code of every amount."""
        return self._currency

    def __len__(self) -> int:
        return len(self._amounts)

    def __iter__(self) -> Iterator[Money]:
        currency = self._currency
        return (_make(amount, currency) for amount in self._amounts)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, MoneyColumn):
            return self._currency == other._currency and self._amounts == other._amounts
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self._currency, self._amounts))

    def __repr__(self) -> str:
        return f"MoneyColumn({[str(amount) for amount in self._amounts]!r}, {self._currency!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (MoneyColumn, (self._amounts, self._currency))

    def __copy__(self) -> MoneyColumn:
        return self

    def __deepcopy__(self, memo: object) -> MoneyColumn:
        return self


_amount_of = operator.attrgetter("_amount")
_currency_of = operator.attrgetter("_currency")


def _amounts_in(items: list[Any] | tuple[Any, ...], currency: str) -> list[Decimal]:
    """The amounts of the items that are Money in ``currency``, in one pass (:func:`total`'s fast path).

    An item of any other type is skipped before any of its attributes is read.
    """
    return [item._amount for item in items if type(item) is Money and item._currency == currency]


def total(amounts: Iterable[Money], *, currency: str | None = None) -> Money:
    """Add many amounts of one currency, exactly and fast.

    Every item is checked (that it is Money, in the one currency) as it is read, so a stream of
    the wrong things is refused at its first bad item, and at most :data:`MAX_ITEMS` (10**7) items
    are read from an iterator, so an endless one is refused rather than read forever. A list or
    tuple, whose size is known, is summed whatever its length. A :class:`MoneyColumn`, whose amounts
    were checked as it was built, is only summed: as fast as ``sum()`` of its amounts. (The
    arithmetic is :mod:`cspcore._totals`'.)

    Args:
        amounts: Any iterable of :class:`Money` (a list, a tuple or a generator), or a
            :class:`MoneyColumn`.
        currency: The currency of the result; required when ``amounts`` may be empty.

    Raises:
        InvalidInput: An item that is not Money, no ``currency`` for an empty ``amounts``, a total
            past the bounds, or an iterator of more than :data:`MAX_ITEMS` items (code ``too_long``).
        CurrencyMismatch: Amounts in two currencies, or in another than ``currency``.

    >>> total([Money("0.10", "EUR")] * 3)
    Money('0.30', 'EUR')
    >>> total(Money(n, "EUR") for n in range(4))
    Money('6', 'EUR')
    >>> total([], currency="EUR")
    Money('0', 'EUR')
    >>> total(MoneyColumn(["0.10", "0.20"], "EUR"))
    Money('0.30', 'EUR')
    """
    expected = None if currency is None else currency_code(currency)
    if type(amounts) is MoneyColumn:  # checked as it was built: only the sum is left
        if expected is not None and expected != amounts._currency:
            raise CurrencyMismatch("amounts", expected, amounts._currency)
        return _make(column_total(amounts._amounts), amounts._currency)
    if isinstance(amounts, _SEQUENCES) and type(amounts) in _SEQUENCES:  # a subclass may iterate endlessly
        result, expected = sequence_total(
            amounts, expected, Money, _amount_of, _currency_of, gather=_amounts_in
        )
    elif isinstance(amounts, (str, bytes, Money)) or not hasattr(amounts, "__iter__"):
        raise InvalidInput("amounts", "expected an iterable of Money", amounts, code=ErrorCode.WRONG_TYPE)
    else:
        items = _validate.iterator(amounts, "amounts")
        result, expected = stream_total(items, expected, Money, _amount_of, _currency_of, limit=MAX_ITEMS)
    if expected is None:
        raise InvalidInput("currency", "needed to total an empty sequence", code=ErrorCode.MISSING)
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
    value, negated. (The arithmetic is :func:`cspcore._allocation.split`.)

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
    money = as_money(amount, "amount")
    currency = money._currency
    quantum = MINOR_UNIT[currency]
    step = (CASH_INCREMENTS.get(currency) if _validate.flag(cash, "cash") else None) or quantum
    parts = split(money._amount, weights, step=step, quantum=quantum, currency=currency, shown=money)
    return tuple(_make(part, currency) for part in parts)
