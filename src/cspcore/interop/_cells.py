"""How one cell of a reconciliation row is read (internal): the rule for each kind of cell.

Both readers of reconciliation rows use these rules: the careful reader (which names the row and
column of a problem) and the fast path of :mod:`cspcore.interop._fastcsv` (which remembers what each
rule returned for a cell's text, and hands any cell a rule refuses to the careful reader). So what
a cell means is said once, here.

>>> amount(" 12.50 ", "EUR", "rows[1].Subtotal"), text(" sub-1 ", "rows[1].SubscriptionId")
(Money('12.50', 'EUR'), 'sub-1')
>>> optional_date("0001-01-01", "rows[1].SubscriptionEndDate") is None
True
>>> try:
...     date("0001-01-01", "rows[1].ChargeStartDate")
... except InvalidInput as error:
...     print(error.field, error.code.value)
rows[1].ChargeStartDate missing
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Final

from cspcore import _validate
from cspcore.errors import ErrorCode, InvalidInput
from cspcore.interop import _payload as p
from cspcore.interop._lines import charge_type
from cspcore.money import Money

if TYPE_CHECKING:
    import datetime as dt

    from cspcore.billing.charges import ChargeType

#: The longest text cell accepted.
LONGEST: Final = 2000


def blank(value: object) -> bool:
    """Whether a cell is absent or only white space."""
    return value is None or (type(value) is str and not value.strip())


def amount(raw: object, code: str, field: str) -> Money:
    """An amount cell: a bounded number (a float is refused) in the row's currency ``code``."""
    if type(raw) is str:
        try:
            return Money(raw, code)
        except InvalidInput as error:
            raise error.renamed(field) from None
    return Money(p.to_decimal(raw, field), code)


def quantity(raw: object, field: str) -> Decimal:
    """A quantity cell: a number of at most 10**12 either way."""
    return p.to_quantity(raw, field)


def text(raw: object, field: str) -> str:
    """A text cell, stripped: not empty, at most :data:`LONGEST` characters; a number is read as its text."""
    if type(raw) is str:
        return _validate.text(raw.strip(), field, max_length=LONGEST)
    if isinstance(raw, bool) or not isinstance(raw, (int, Decimal)):
        raise InvalidInput(field, "expected text", raw, code=ErrorCode.WRONG_TYPE)
    return str(raw)


def optional_text(raw: object, field: str) -> str | None:
    """A text cell that may be blank (``None``)."""
    return None if blank(raw) else text(raw, field)


def date(raw: object, field: str) -> dt.date:
    """A required date cell (ISO 8601 or US ``M/D/YYYY``, date-times read as their UTC day).

    ``0001-01-01``, Partner Center's "no date", is a date missing (:func:`~._payload.known_date`).
    """
    return p.known_date(p.date_value(raw, field), raw, field)


def optional_date(raw: object, field: str) -> dt.date | None:
    """A date cell that may be blank, or ``0001-01-01`` for "none" (``None``)."""
    if blank(raw):
        return None
    day = p.date_value(raw, field)
    return None if day == p.NO_DATE else day


def kind(raw: object, field: str) -> ChargeType:
    """A ``ChargeType`` cell, in any of Partner Center's spellings (legacy descriptions too)."""
    return charge_type(raw, field)


def qualifiers(raw: object, field: str) -> tuple[str, ...]:
    """A ``ProductQualifiers`` cell: a JSON list of texts, or blank (none)."""
    return () if blank(raw) else p.qualifiers(raw, field)
