"""The errors cspcore raises.

Every error is a :class:`CspError`.
Bad input is an :class:`InvalidInput`, which is also a :class:`ValueError`, so code that already
catches ``ValueError`` keeps working.
An action that a domain rule forbids (cancelling after the window closed, say) is a
:class:`RuleViolation`, which carries the :class:`~cspcore.explain.Reason` values that explain it.

>>> from cspcore import Money, InvalidInput
>>> try:
...     Money(1.5, "EUR")
... except InvalidInput as error:
...     print(error.field, "|", error)
amount | amount: floats are refused, pass a Decimal, int or str (got 1.5)

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import enum
import re
import reprlib
from typing import TYPE_CHECKING, ClassVar, Final, Self, TypeVar

if TYPE_CHECKING:
    from cspcore.explain import Reason

__all__ = ["CspError", "CurrencyMismatch", "ErrorCode", "InvalidInput", "RuleViolation"]

_Refusal = TypeVar("_Refusal", bound="InvalidInput")


class ErrorCode(enum.StrEnum):
    """Stable, machine-readable kinds of refused input: what :attr:`InvalidInput.code` holds.

    Match on these (and on :attr:`InvalidInput.field`) rather than on the English message, which may be
    reworded or translated.

    >>> ErrorCode.OUT_OF_RANGE == "out_of_range"
    True
    """

    INVALID = "invalid"
    """Refused for a reason no finer code names; cspcore itself raises a finer code everywhere."""
    WRONG_TYPE = "wrong_type"
    """A value of the wrong kind: a float for an amount, a str for a date, a bool for a number."""
    NOT_A_NUMBER = "not_a_number"
    """Text that does not read as a decimal number."""
    NOT_FINITE = "not_finite"
    """NaN or an infinity."""
    OUT_OF_RANGE = "out_of_range"
    """Outside its bounds: negative where it may not be, over a maximum, a magnitude beyond 10**±30."""
    TOO_MANY_DIGITS = "too_many_digits"
    """More significant digits than cspcore keeps exact."""
    TOO_LONG = "too_long"
    """Text, or a collection, longer than its bound."""
    EMPTY = "empty"
    """Empty where something is needed."""
    UNKNOWN_VALUE = "unknown_value"
    """Not one of the accepted names or codes."""
    NAIVE_DATETIME = "naive_datetime"
    """A datetime with no timezone, or one whose timezone gives no valid offset."""
    CURRENCY_MISMATCH = "currency_mismatch"
    """Two currencies that should agree do not."""
    MALFORMED = "malformed"
    """Text or a payload not in its expected form: a bad ISO date, JSON that is not an object, a CSV
    without its header row."""
    MISSING = "missing"
    """A required field, key or column is absent."""
    DUPLICATE = "duplicate"
    """The same identifier (or the same entry) given twice where it must be unique."""
    INCONSISTENT = "inconsistent"
    """Values that contradict each other: an end before its start, totals that do not add up."""
    NOT_ALLOWED = "not_allowed"
    """Each value is valid alone, but the rules do not allow them together (a plan not sold with a
    term, a custom end date on a trial)."""
    OUT_OF_ORDER = "out_of_order"
    """Items that must be in order (events by date, stages by day) are not."""
    TOO_PRECISE = "too_precise"
    """More decimal places than the currency, or the quantity, allows."""
    UNKNOWN_REFERENCE = "unknown_reference"
    """Names something that is not there: a payment for an invoice the ledger does not hold."""
    IO_FAILED = "io_failed"
    """Reading or writing it failed: a file that cannot be opened, read or written, or a caller's
    iterable or container that raised while it was read."""


class CspError(Exception):
    """The root of every error that cspcore raises on purpose."""


class InvalidInput(CspError, ValueError):
    """A value was refused: wrong type, out of range, unknown code, malformed payload.

    Args:
        field: The name (or path, such as ``stages[1].after_days``) of the offending input.
        problem: What is wrong with it, in a few words.
        value: The offending value; its ``repr`` is shown in the message.
        show_value: Whether to append the value to the message.
        code: What kind of refusal it is, for programs (:class:`ErrorCode`).
        choices: The values that would have been accepted, when they are few and known (an unknown
            key, event kind or enum value): a caller can suggest the closest one, as the command
            line does ("did you mean 'monthly'?").

    >>> try:
    ...     raise InvalidInput("quantity", "must not be negative", -1, code=ErrorCode.OUT_OF_RANGE)
    ... except InvalidInput as error:
    ...     print(error.field, error.code)
    quantity out_of_range
    """

    field: str
    problem: str
    value: object
    code: ErrorCode
    choices: tuple[str, ...]
    #: The value as the message shows it (a bounded ``repr``), or ``None`` when it is not shown.
    shown_value: str | None

    def __init__(
        self,
        field: str,
        problem: str,
        value: object = None,
        *,
        show_value: bool = True,
        code: ErrorCode = ErrorCode.INVALID,
        choices: tuple[str, ...] = (),
    ) -> None:
        if type(field) is not str:  # a caller's mistake must not stop the error from being raised
            field = _short_repr(field)
        self.field = field
        self.problem = problem
        self.value = value
        self.code = code
        self.choices = tuple(choices)
        self.shown_value = _short_repr(value) if show_value else None
        super().__init__(_message(field, problem, self.shown_value))

    def renamed(self, field: str) -> Self:
        """This refusal under another ``field``, everything else kept.

        Kept: its class (a :class:`CurrencyMismatch` stays one, with both currencies), problem,
        value, whether and how the value is shown, code and choices. The one way a reader names a
        refusal raised deeper down by where it sits in what the caller gave (a row, a side, a file).

        >>> error = InvalidInput("unit", "unknown", "eahc", code=ErrorCode.UNKNOWN_VALUE, choices=("each",))
        >>> moved = error.renamed("lines[3].unit")
        >>> moved.field, moved.code.value, moved.choices
        ('lines[3].unit', 'unknown_value', ('each',))
        >>> str(moved)
        "lines[3].unit: unknown (got 'eahc')"
        >>> hidden = InvalidInput("rows", "could not be read", None, show_value=False).renamed("billed.rows")
        >>> hidden.shown_value, str(hidden)
        (None, 'billed.rows: could not be read')
        >>> mismatch = CurrencyMismatch("total", "EUR", "USD").renamed("invoices[0].total")
        >>> type(mismatch).__name__, mismatch.field, mismatch.left, mismatch.right
        ('CurrencyMismatch', 'invoices[0].total', 'EUR', 'USD')
        """
        if type(field) is not str:  # as in __init__: the refusal is raised whatever the caller passed
            field = _short_repr(field)
        return self._copy(field, self.problem)

    def reworded(self, problem: str) -> Self:
        """This refusal saying ``problem`` instead, everything else kept (as :meth:`renamed` keeps it).

        For a caller that refuses through a shared rule and says what the value was meant to be:

        >>> error = InvalidInput("rate", "at most 1", 21, code=ErrorCode.OUT_OF_RANGE)
        >>> reworded = error.reworded("a tax rate is at most 1")
        >>> reworded.field, reworded.code.value, reworded.value, str(reworded)
        ('rate', 'out_of_range', 21, 'rate: a tax rate is at most 1 (got 21)')
        """
        return self._copy(self.field, str(problem))

    def _copy(self, field: str, problem: str) -> Self:
        copy = _restored(type(self), self.args)
        # Its attributes, but not the notes that code on the way added to this raise of it.
        copy.__dict__.update({name: value for name, value in vars(self).items() if name != "__notes__"})
        copy.field = field
        copy.problem = problem
        copy.args = (_message(field, problem, self.shown_value),)
        return copy

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle the error whole, so one raised in a worker process reaches the caller as it was.

        >>> import pickle
        >>> error = pickle.loads(pickle.dumps(InvalidInput("rows[3]", "bad", 7, code=ErrorCode.MALFORMED)))
        >>> error.field, error.code, str(error)
        ('rows[3]', <ErrorCode.MALFORMED: 'malformed'>, 'rows[3]: bad (got 7)')
        """
        return (_restored, (type(self), self.args), dict(vars(self)))


class CurrencyMismatch(InvalidInput):
    """Two amounts in different currencies met in one operation."""

    def __init__(self, field: str, left: str, right: str) -> None:
        super().__init__(
            field,
            f"currencies differ: {left} and {right}; convert explicitly first",
            (left, right),
            show_value=False,
            code=ErrorCode.CURRENCY_MISMATCH,
        )
        self.left = left
        self.right = right


class RuleViolation(CspError):
    """A domain rule forbids the requested action.

    Each subclass has a stable :attr:`code`, its name in snake case, for programs to match on.

    Args:
        message: A one-line English summary.
        reasons: The reasons that explain the refusal, renderable in every supported locale.

    >>> class WindowClosed(RuleViolation): ...
    >>> WindowClosed("too late").code
    'window_closed'
    """

    reasons: tuple[Reason, ...]
    code: ClassVar[str] = "rule_violation"

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        if "code" not in vars(cls):
            cls.code = re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()

    def __init__(self, message: str, *, reasons: tuple[Reason, ...] = ()) -> None:
        super().__init__(message)
        self.reasons = tuple(reasons)


def _restored(kind: type[_Refusal], args: tuple[object, ...]) -> _Refusal:
    """An unpickled error: its message as it was; pickle then sets its fields back."""
    error = Exception.__new__(kind)
    error.args = args
    return error


def _message(field: str, problem: str, shown_value: str | None) -> str:
    """A refusal's one-line message: its field, its problem, and the value when it is shown."""
    if shown_value is None:
        return f"{field}: {problem}"
    return f"{field}: {problem} (got {shown_value})"


_LOG10_2: Final = 0.30103
#: For long containers: a bounded repr (a list of a million items is shown by its first few).
_REPR: Final = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxstring = _REPR.maxother = _REPR.maxlong = 100
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = _REPR.maxfrozenset = 8


def _short_repr(value: object, limit: int = 80) -> str:
    """A short, safe form of ``value`` for a message: it never raises and never costs more than a glance.

    >>> _short_repr(10**5000)
    '<int of about 5000 digits>'
    >>> _short_repr("x" * 1000)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..."
    """
    if isinstance(value, int) and value.bit_length() > 200:  # a huge int's repr is slow, then refused
        return f"<int of about {int(value.bit_length() * _LOG10_2)} digits>"
    try:
        if isinstance(value, (str, bytes)) and len(value) > limit:
            text = repr(value[:limit])
        elif isinstance(value, (list, tuple, set, frozenset, dict)) and len(value) > _REPR.maxlist:
            text = _REPR.repr(value)
        else:
            text = repr(value)
    except Exception:  # noqa: BLE001 - a hostile __repr__ must not stop the error from being raised
        text = f"<{type(value).__name__} object>"
    if len(text) > limit:
        return text[: limit - 3] + "..."
    return text
