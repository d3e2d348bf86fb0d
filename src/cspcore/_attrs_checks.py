"""Type checks and the attrs adapters of the shared checks (internal).

:func:`instance` checks a value's type; :func:`attrs_validator`, :func:`attrs_instance_of`,
:func:`attrs_items_of` and :func:`plain_text` adapt checks for ``attrs.field``, so that each field of a
value states its own check. Each raises :class:`~cspcore.errors.InvalidInput` naming the field.
:mod:`cspcore._validate` re-exports every name here, so ``_validate.attrs_validator`` keeps working.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from cspcore.errors import ErrorCode, InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["attrs_instance_of", "attrs_items_of", "attrs_validator", "instance", "plain_text"]


def instance(value: object, cls: type[Any] | tuple[type[Any], ...], field: str) -> Any:
    """Return ``value`` if it is an instance of ``cls``.

    >>> instance(3, int, "n")
    3
    """
    if not isinstance(value, cls):
        raise InvalidInput(field, f"expected {_names(cls)}", value, code=ErrorCode.WRONG_TYPE)
    return value


def _names(cls: type[Any] | tuple[type[Any], ...]) -> str:
    return " or ".join(c.__name__ for c in cls) if isinstance(cls, tuple) else cls.__name__


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


def attrs_items_of(
    container: type[tuple[Any, ...] | frozenset[Any]],
    kind: type[Any] | tuple[type[Any], ...],
    *,
    each: Callable[[Any, Any, Any], None] | None = None,
) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: a ``container`` (``tuple`` or ``frozenset``) whose items are all ``kind``.

    A bool is no ``int``. ``each``, an attrs validator, checks every item further (the items of a
    nested tuple, say). An item that misfits is named by its position in a tuple (``reasons[2]``).

    >>> import attrs
    >>> @attrs.frozen
    ... class Tags:
    ...     names: tuple[str, ...] = attrs.field(validator=attrs_items_of(tuple, str))
    >>> Tags(("a", 3))
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: names[1]: expected str (got 3)
    """
    no_bools = kind is int

    def validate(instance_: Any, attribute: Any, value: Any) -> None:
        instance(value, container, attribute.name)
        for index, item in enumerate(value):
            if not isinstance(item, kind) or (no_bools and isinstance(item, bool)):
                where = f"{attribute.name}[{index}]" if container is tuple else attribute.name
                raise InvalidInput(where, f"expected {_names(kind)}", item, code=ErrorCode.WRONG_TYPE)
            if each is not None:
                each(instance_, _Item(f"{attribute.name}[{index}]"), item)

    return validate


@attrs.frozen
class _Item:
    """Stands for an attribute when a validator checks one item of it: only the name is read."""

    name: str


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
    >>> import datetime as dt
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
