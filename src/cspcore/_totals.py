"""The arithmetic of :func:`cspcore.money.total`: many amounts of one currency, checked and summed (internal).

It reads amounts through the accessors its caller passes (the value class, its amount and its currency),
never through :class:`~cspcore.money.Money` itself, so that :mod:`cspcore.money` can build on it without
an import cycle: ``total`` picks the path (a sequence or a stream) and builds the result.

>>> import operator
>>> from decimal import Decimal
>>> from fractions import Fraction
>>> amount_of, currency_of = operator.attrgetter("numerator"), operator.attrgetter("denominator")
>>> sequence_total([Fraction(1, 1), Fraction(2, 1)], None, Fraction, amount_of, currency_of)
(Decimal('3'), 1)
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NoReturn

from cspcore import _decimal
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

__all__ = ["column_total", "sequence_total", "stream_total"]

_ZERO = Decimal(0)


def _overflow(error: decimal.DecimalException, count: int) -> NoReturn:
    raise InvalidInput("amounts", _decimal.problem(error), count, code=_decimal.code(error)) from None


def sequence_total(
    items: list[Any] | tuple[Any, ...],
    expected: Any,
    kind: type,
    amount_of: Callable[[Any], Decimal],
    currency_of: Callable[[Any], Any],
    *,
    gather: Callable[[list[Any] | tuple[Any, ...], Any], list[Decimal]] | None = None,
) -> tuple[Decimal, Any]:
    """A list or tuple: every item checked (type, then currency), then one sum.

    ``gather(items, currency)``, when the caller has one, returns in one pass the amounts of the items
    that are exactly ``kind`` in ``currency``: when it finds them all, they are summed at once. Otherwise
    (or without it) two C-level passes check every item, refusing the first wrong one (an instance of a
    subclass of ``kind`` is accepted, as ``isinstance`` accepts it), then the amounts are summed.

    Returns the exact sum and the currency (``expected``, or the first item's when it is None).
    """
    count = len(items)
    if not count:
        return _ZERO, expected
    if gather is not None:
        first = items[0]
        currency = currency_of(first) if expected is None and type(first) is kind else expected
        if currency is not None:
            amounts = gather(items, currency)
            if len(amounts) == count:
                return _sum(amounts, count), currency
    if [*map(type, items)].count(kind) != count:  # a fast path: every item of the kind itself
        for item in items:
            if not isinstance(item, kind):  # None too: it is refused like any other item
                raise InvalidInput(
                    "amounts", f"every item must be {kind.__name__}", item, code=ErrorCode.WRONG_TYPE
                )
    if expected is None:
        expected = currency_of(items[0])
    if [*map(currency_of, items)].count(expected) != count:
        other = next(currency_of(item) for item in items if currency_of(item) != expected)
        raise CurrencyMismatch("amounts", expected, other)
    return _sum(map(amount_of, items), count), expected


def column_total(amounts: tuple[Decimal, ...]) -> Decimal:
    """Amounts already checked (a column's): their exact sum, or InvalidInput past the bounds.

    >>> column_total((Decimal("0.10"), Decimal("0.20"))), column_total(())
    (Decimal('0.30'), Decimal('0'))
    """
    return _sum(amounts, len(amounts))


def _sum(amounts: Iterable[Decimal], count: int) -> Decimal:
    """The amounts added up exactly (in :data:`cspcore._decimal.EXACT`), or InvalidInput naming ``count``."""
    with decimal.localcontext(_decimal.EXACT):
        try:
            return sum(amounts, _ZERO)
        except decimal.Inexact as error:  # Overflow is one
            _overflow(error, count)


def stream_total(
    items: Iterator[Any],
    expected: Any,
    kind: type,
    amount_of: Callable[[Any], Decimal],
    currency_of: Callable[[Any], Any],
    *,
    limit: int,
) -> tuple[Decimal, Any]:
    """Any other iterable: each item is checked as it is read, and at most ``limit`` items are read."""
    result = _ZERO
    count = 0
    add = _decimal.EXACT.add
    try:
        for item in items:
            if type(item) is not kind and not isinstance(item, kind):
                raise InvalidInput(
                    "amounts", f"every item must be {kind.__name__}", item, code=ErrorCode.WRONG_TYPE
                )
            currency = currency_of(item)
            if currency != expected:
                if expected is not None:
                    raise CurrencyMismatch("amounts", expected, currency)
                expected = currency
            if count == limit:
                raise InvalidInput("amounts", f"more than {limit} items", count + 1, code=ErrorCode.TOO_LONG)
            count += 1
            result = add(result, amount_of(item))
    except decimal.Inexact as error:  # Overflow is one
        _overflow(error, count)
    return result, expected
