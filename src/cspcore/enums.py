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

from cspcore._deprecated import warn_renamed
from cspcore.errors import ErrorCode, InvalidInput

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["CspEnum", "find_member", "renamed_members", "unknown_member"]

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
    for old, new in renamed_members(cls).items():
        if squashed == re.sub(r"[\s_\-]", "", old.casefold()):
            warn_renamed(f"{cls.__name__}.{old}", f"{cls.__name__}.{new}", stacklevel=4)
            return cls[new]
    return None


def renamed_members(cls: type[enum.Enum]) -> Mapping[str, str]:
    """A CspEnum's old member names and their new names (its ``__renamed__``; empty for most).

    An old name still finds its member for one release, with a :class:`DeprecationWarning`: as an
    attribute (``Product.M365``), by subscript (``Product["M365"]``) and as a spelling
    (``Product("M365")``).

    >>> class Plan(CspEnum):
    ...     ONE_TIME = "oneTime"
    ...     __renamed__ = {"ONCE": "ONE_TIME"}
    >>> dict(renamed_members(Plan))
    {'ONCE': 'ONE_TIME'}
    """
    renamed: Mapping[str, str] = vars(cls).get("__renamed__", {})
    return renamed


def _spelling(member: enum.Enum) -> str:
    """How an error lists a member: its value, led by its name when that is another word: ``A (critical)``."""
    value = str(member.value)
    if re.sub(r"[\s_\-]", "", member.name.casefold()) == re.sub(r"[\s_\-]", "", value.casefold()):
        return value
    return f"{member.name} ({value})"


def unknown_member(cls: type[enum.Enum], value: object, field: str) -> InvalidInput:
    """The error for a value that names no member of ``cls``: it lists the allowed values.

    A member whose name is not a spelling of its value is listed by both, so that the letters the
    documentation uses are offered too:

    >>> class Grade(CspEnum):
    ...     A = "critical"
    ...     ONE_TIME = "oneTime"
    >>> str(unknown_member(Grade, "D", "grade"))
    "grade: unknown Grade; expected one of: A (critical), oneTime (got 'D')"

    A value that is no string at all (``None``, ``3``, a member of another enum) is of the wrong
    kind rather than an unknown name:

    >>> unknown_member(Grade, 3, "grade").code.value
    'wrong_type'
    """
    allowed = ", ".join(_spelling(m) for m in cls)
    # neither a member nor a spelling: a value of the wrong kind (None, 3, another enum's member)
    wrong_kind = not isinstance(value, str) and all(isinstance(m.value, str) for m in cls)
    return InvalidInput(
        field,
        f"expected a {cls.__name__} or one of: {allowed}"
        if wrong_kind
        else f"unknown {cls.__name__}; expected one of: {allowed}",
        value,
        code=ErrorCode.WRONG_TYPE if wrong_kind else ErrorCode.UNKNOWN_VALUE,
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

        def __getattr__(cls, name: str) -> Any:
            new = renamed_members(cls).get(name)
            if new is None:
                return super().__getattr__(name)
            warn_renamed(f"{cls.__name__}.{name}", f"{cls.__name__}.{new}")
            return cls._member_map_[new]

        def __getitem__(cls, name: Any) -> Any:
            new = renamed_members(cls).get(name) if isinstance(name, str) else None
            if new is None:
                return super().__getitem__(name)
            warn_renamed(f"{cls.__name__}[{name!r}]", f"{cls.__name__}[{new!r}]")
            return cls._member_map_[new]


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
