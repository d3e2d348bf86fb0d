"""Type checks and the attrs adapters of the shared checks (internal).

:func:`instance` checks a value's type; :func:`annotated_fields` checks every field of an attrs value
against its annotation; :func:`attrs_validator`, :func:`attrs_instance_of` and :func:`plain_text` adapt
checks for ``attrs.field``. Each raises :class:`~cspcore.errors.InvalidInput` naming the field.
:mod:`cspcore._validate` re-exports every name here, so ``_validate.attrs_validator`` keeps working.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from typing import TYPE_CHECKING, Any

import attrs

from cspcore.errors import ErrorCode, InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["annotated_fields", "attrs_instance_of", "attrs_validator", "instance", "plain_text"]


def instance(value: object, cls: type[Any] | tuple[type[Any], ...], field: str) -> Any:
    """Return ``value`` if it is an instance of ``cls``.

    >>> instance(3, int, "n")
    3
    """
    if not isinstance(value, cls):
        names = " or ".join(c.__name__ for c in cls) if isinstance(cls, tuple) else cls.__name__
        raise InvalidInput(field, f"expected {names}", value, code=ErrorCode.WRONG_TYPE)
    return value


@functools.cache
def _resolved_hints(cls: type) -> tuple[tuple[str, Any], ...]:
    hints = typing.get_type_hints(cls)
    return tuple((field.name, hints[field.name]) for field in attrs.fields(cls) if field.name in hints)


def _conforms(value: object, hint: Any) -> bool:  # noqa: C901, PLR0911 - one branch per kind of hint
    origin = typing.get_origin(hint)
    if origin in {typing.Union, types.UnionType}:
        return any(_conforms(value, arg) for arg in typing.get_args(hint))
    if origin in {tuple, frozenset}:
        if not isinstance(value, origin):
            return False
        # frozenset[X] and tuple[X, ...] (whose Ellipsis is dropped here) check every item.
        args = [arg for arg in typing.get_args(hint) if arg is not Ellipsis]
        if len(args) == 1:
            return all(_conforms(item, args[0]) for item in value)
        return True
    if hint is type(None):
        return value is None
    if hint is typing.Any or hint is object or not isinstance(hint, type):
        return True
    if hint is bool:
        return isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if hint is dt.datetime:
        if not isinstance(value, dt.datetime):
            return False
        try:
            return value.utcoffset() is not None
        except (ValueError, TypeError):  # a custom tzinfo returning 24 h or more, or not a timedelta
            return False
    return isinstance(value, hint)


def annotated_fields(instance: object) -> None:
    """Check every field of an attrs value against its annotation; raise InvalidInput on the first misfit.

    For result values that cspcore builds itself but that callers may also construct: enums, bools (not
    ints), ints (not bools), dates (not datetimes), aware datetimes, optional values, and tuples or
    frozensets of a type are all checked. Call it from ``__attrs_post_init__``.

    >>> import attrs
    >>> @attrs.frozen
    ... class Answer:
    ...     allowed: bool
    ...     notes: tuple[str, ...] = ()
    ...
    ...     def __attrs_post_init__(self) -> None:
    ...         annotated_fields(self)
    >>> Answer(True, ("ok",)).allowed
    True
    >>> Answer(1)
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: allowed: expected bool (got 1)
    """
    kind: Any = type(instance)
    for name, hint in _resolved_hints(kind):
        value = getattr(instance, name)
        if not _conforms(value, hint):
            shown = getattr(hint, "__name__", None) or str(hint).replace("typing.", "")
            raise InvalidInput(name, f"expected {shown}", value, code=ErrorCode.WRONG_TYPE)


def attrs_instance_of(cls: type[Any] | tuple[type[Any], ...]) -> Callable[[Any, Any, Any], None]:
    """An attrs validator like ``attrs.validators.instance_of`` that raises InvalidInput, not TypeError.

    >>> import attrs
    >>> @attrs.frozen
    ... class Box:
    ...     count: int = attrs.field(validator=attrs_instance_of(int))
    >>> Box("3")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: count: expected int (got '3')
    """

    def validate(_instance: Any, attribute: Any, value: Any) -> None:
        instance(value, cls, attribute.name)

    return validate


def plain_text(value: str) -> str:
    """An attrs converter for text fields: a ``str`` subclass becomes a plain ``str``.

    Anything else passes unchanged to the field's validator, which refuses what is not text.

    A value keeps no behaviour of the caller's subclass (a ``__str__`` or ``__repr__`` that raises).

    >>> class Loud(str): ...
    >>> type(plain_text(Loud("x")))
    <class 'str'>
    """
    if type(value) is not str and isinstance(value, str):
        return str.__str__(value)
    return value


def attrs_validator(check: Callable[[Any, str], object]) -> Callable[[Any, Any, Any], None]:
    """Adapt a check of :mod:`cspcore._validate` into an attrs validator that reports the attribute's name.

    >>> import attrs
    >>> from cspcore._validate import date
    >>> @attrs.frozen
    ... class Box:
    ...     when: dt.date = attrs.field(validator=attrs_validator(date))
    >>> Box(dt.datetime(2024, 1, 1))
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: when: expected a date, got a datetime; ...
    """

    def validate(_instance: Any, attribute: Any, value: Any) -> None:
        check(value, attribute.name)

    return validate
