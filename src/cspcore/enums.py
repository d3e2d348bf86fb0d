"""The base of cspcore's enums, and how a member is found from Partner Center's many spellings.

Partner Center writes the same value several ways (``"New"`` and ``"new"``, ``"one_time"`` and
``"OneTime"``), so a :class:`CspEnum` finds its member by value or by name, ignoring case, spaces,
hyphens and underscores, and refuses anything else with an :class:`~cspcore.errors.InvalidInput`
that lists the allowed values, whatever the value is (an int of thousands of digits, an object whose
``repr`` raises).

.. versionadded:: 0.2.0
"""

from __future__ import annotations

import enum
import re
from typing import TYPE_CHECKING, Any, TypeVar

from cspcore.errors import ErrorCode, InvalidInput

__all__ = ["CspEnum", "find_member", "unknown_member"]

E = TypeVar("E", bound=enum.Enum)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def find_member(cls: type[E], value: object) -> E | None:
    """The member of ``cls`` that ``value`` is or names; None when it names none.

    A name or value matches ignoring case, spaces, hyphens and underscores.

    >>> class Plan(CspEnum):
    ...     ONE_TIME = "oneTime"
    >>> find_member(Plan, "one-time"), find_member(Plan, 3)
    (<Plan.ONE_TIME: 'oneTime'>, None)
    """
    if isinstance(value, cls):
        return value
    if not isinstance(value, str):
        return None
    folded = value.strip().casefold()
    for member in cls:
        if folded in {str(member.value).casefold(), member.name.casefold()}:
            return member
    squashed = re.sub(r"[\s_\-]", "", folded)
    for member in cls:
        if squashed in {re.sub(r"[\s_\-]", "", str(n).casefold()) for n in (member.value, member.name)}:
            return member
    return None


def unknown_member(cls: type[enum.Enum], value: object, field: str) -> InvalidInput:
    """The error for a value that names no member of ``cls``: it lists the allowed values."""
    allowed = ", ".join(str(m.value) for m in cls)
    return InvalidInput(
        field,
        f"unknown {cls.__name__}; expected one of: {allowed}",
        value,
        code=ErrorCode.UNKNOWN_VALUE,
        choices=tuple(str(m.value) for m in cls),
    )


if TYPE_CHECKING:  # type checkers see a plain Enum: calling a member's class returns a member
    _CspEnumType = enum.EnumType
else:

    class _CspEnumType(enum.EnumType):
        """The metaclass of :class:`CspEnum`: finds a member before :class:`enum.Enum` sees the value.

        Enum's own refusal formats the value with ``%r``, which fails for an int of thousands of digits or
        an object whose ``__repr__`` raises, so an unknown value never reaches it.
        """

        def __call__(cls, value: object, *args: Any, **kwargs: Any) -> Any:
            if args or kwargs or not cls._member_map_:  # the functional API, or a base with no members yet
                return super().__call__(value, *args, **kwargs)
            try:
                return cls._value2member_map_[value]
            except (KeyError, TypeError):  # not a value as it is, or unhashable
                pass
            found = find_member(cls, value)
            if found is None:
                raise unknown_member(cls, value, _snake(cls.__name__))
            return found


class CspEnum(enum.Enum, metaclass=_CspEnumType):
    """Base of cspcore's enums: ``Term("p1y")`` finds ``Term.P1Y``; an unknown value is an InvalidInput.

    Members are found by value or by name, ignoring case, spaces, hyphens and underscores (Partner Center
    writes ``"New"`` and ``"new"``, ``"one_time"`` and ``"OneTime"``). A value that names no member raises
    :class:`~cspcore.errors.InvalidInput` (a ``ValueError``) listing the allowed values.

    >>> class Plan(CspEnum):
    ...     ONE_TIME = "oneTime"
    >>> Plan("one_time"), Plan("ONETIME")
    (<Plan.ONE_TIME: 'oneTime'>, <Plan.ONE_TIME: 'oneTime'>)
    >>> Plan("weekly")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: plan: unknown Plan; expected one of: oneTime (got 'weekly')
    """

    @classmethod
    def _missing_(cls, value: object) -> Any:
        found = find_member(cls, value)
        if found is None:
            raise unknown_member(cls, value, _snake(cls.__name__))
        return found
