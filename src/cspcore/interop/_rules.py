"""The rules every interop value and function shares: one currency, bounded streams of lines (internal).

A Partner Center invoice, its reconciliation file and its line items are in one billing currency
(``invoice-resources.md``: ``currencyCode`` is "currency of all amounts"; new commerce bills "in the
partner location currency"). So everything interop holds or compares at once is in one currency:
:class:`OneCurrency` remembers the first currency it sees and refuses any other with
:class:`~cspcore.errors.CurrencyMismatch` naming where it was found.

>>> from cspcore import Money
>>> one_currency(("balance", Money(1, "EUR")), ("last_payment_amount", None))
'EUR'
>>> one_currency(("stated", Money(1, "EUR")), ("expected", Money(1, "USD")))
Traceback (most recent call last):
...
cspcore.errors.CurrencyMismatch: expected: currencies differ: EUR and USD; convert explicitly first
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from cspcore import _validate
from cspcore.billing.charges import ChargeLine
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput

if TYPE_CHECKING:
    from collections.abc import Iterator
    from decimal import Decimal

    from cspcore.money import Money

#: The most charge lines one call reads from one iterable (:func:`~cspcore.interop.reconcile`,
#: :func:`~cspcore.interop.seats_at_period_end`): a hundred times the largest month of a large partner's
#: reconciliation file, which is streamed on purpose, so far above the :data:`cspcore._validate.MAX_ITEMS`
#: that bounds the collections a caller builds by hand. An endless iterable is refused once it passes it.
MAX_LINES: Final = 10**8


class OneCurrency:
    """The one currency of the amounts seen so far; another one is a :class:`CurrencyMismatch`.

    >>> seen = OneCurrency()
    >>> seen.check("EUR", "lines[0].currency")
    >>> seen.code
    'EUR'
    >>> seen.check("USD", "rows[1]")
    Traceback (most recent call last):
    ...
    cspcore.errors.CurrencyMismatch: rows[1]: currencies differ: EUR and USD; convert explicitly first
    """

    __slots__ = ("code",)

    def __init__(self) -> None:
        self.code: str | None = None

    def check(self, code: str, field: str) -> None:
        """Remember ``code`` if it is the first currency seen; refuse it if it differs from that one."""
        if code != self.code:
            if self.code is not None:
                raise CurrencyMismatch(field, self.code, code)
            self.code = code

    def money(self, value: Money | None, field: str) -> None:
        """:meth:`check` the currency of an amount (nothing for an absent one)."""
        if value is not None:
            self.check(value.currency, field)


def one_currency(*amounts: tuple[str, Money | None]) -> str | None:
    """The one currency of named amounts (``None`` when all are absent); two are a CurrencyMismatch."""
    seen = OneCurrency()
    for field, value in amounts:
        seen.money(value, field)
    return seen.code


def lines_currency(seen: OneCurrency, lines: tuple[ChargeLine, ...], field: str) -> None:
    """Check that every line of ``lines`` is in the currency ``seen`` holds (or sets it)."""
    for index, line in enumerate(lines):
        seen.check(line.currency, f"{field}[{index}].currency")


def too_many_lines(field: str) -> InvalidInput:
    """The error for an iterable of lines that goes on past :data:`MAX_LINES` (code ``too_long``)."""
    return InvalidInput(
        field, f"more than {MAX_LINES} lines", None, show_value=False, code=ErrorCode.TOO_LONG
    )


#: How the csv module words the error for a field longer than its size limit (the same since
#: Python 2.5): the one :class:`csv.Error` told apart from the others.
_FIELD_TOO_LARGE: Final = "field larger than field limit"


def csv_refusal(error: Exception) -> InvalidInput:
    """The error for what the csv reader raised (field ``csv``).

    A field longer than the reader's size limit is ``too_long`` (as a text cell over its own bound is
    refused), any other broken CSV ``malformed``.
    """
    text = str(error)
    if text.startswith(_FIELD_TOO_LARGE):
        problem, code = f"a CSV cell is too long: {text}", ErrorCode.TOO_LONG
        return InvalidInput("csv", problem, None, show_value=False, code=code)
    return InvalidInput("csv", f"malformed CSV: {text}", None, show_value=False, code=ErrorCode.MALFORMED)


def charge_lines(value: object, field: str, seen: OneCurrency) -> Iterator[ChargeLine]:
    """The charge lines of an iterable, streamed: each a ChargeLine in the one currency, at most MAX_LINES.

    >>> import itertools
    >>> next(charge_lines(itertools.count(), "lines", OneCurrency()))
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: lines[0]: expected a ChargeLine (got 0)
    """
    for index, line in enumerate(_validate.iterator(value, field)):
        if index >= MAX_LINES:
            raise too_many_lines(field)
        if not isinstance(line, ChargeLine):
            raise InvalidInput(f"{field}[{index}]", "expected a ChargeLine", line, code=ErrorCode.WRONG_TYPE)
        seen.check(line.currency, f"{field}[{index}].currency")
        yield line


def plain(value: Decimal) -> str:
    """Every digit of ``value``, and never a negative zero (``-0.00`` is written ``0.00``).

    >>> from decimal import Decimal
    >>> plain(Decimal("-0.00")), plain(Decimal("1E+2"))
    ('0.00', '100')
    """
    return format(value or value.copy_abs(), "f")


def unstripped(value: str | None, field: str) -> None:
    """Refuse a text to be written with blanks around it (code ``not_allowed``): it would not read back.

    Every interop reader strips the blanks around a text cell or value (a reconciliation row's
    product, a usage row's meter, a ``ProductQualifiers`` entry), so the writers hold this rule for
    every text they write, and a row they write reads back as the line written.

    >>> unstripped("Trial", "lines[0].qualifiers")
    >>> try:
    ...     unstripped(" Trial", "lines[0].qualifiers")
    ... except InvalidInput as error:
    ...     print(error.field, error.code.value)
    lines[0].qualifiers not_allowed
    """
    if value is not None and value != value.strip():
        raise InvalidInput(
            field,
            "has blanks around it, which the readers strip: the row would not read back as written",
            value,
            code=ErrorCode.NOT_ALLOWED,
        )


def read_tolerance(value: object, field: str) -> Decimal:
    """A reconciliation tolerance: a bounded number, not negative."""
    return _validate.decimal(value, field, allow_negative=False)
