"""Trusted constructors of frozen attrs values, generated from the class's own fields (internal).

A hot value's module may build instances of fields it has already checked without running the class's
validators again. It does so through one function written here from ``attrs.fields(cls)``, the way
attrs writes ``__init__``: one argument per field, one slot set each, no loop. A field added
to the class is a required argument of the generated function too, so a caller that does not pass it
fails loudly rather than leaving the slot unset. Only the class's own module calls this, once, at import.

A frozen class refuses ``instance.field = value``, so each slot is set through its descriptor's
``__set__``: a call apiece. A class whose slots a plain *twin* class can share (a slotted class on
``object`` with no ``__weakref__`` slot: CPython 3.11 will not move an instance between two classes
that both have one) is built faster: the generated function calls the twin class (cheaper than
``object.__new__``), sets the instance's slots with plain assignments (which the interpreter
specialises into stores at the slots' offsets), then gives it the class (``__class__`` assignment,
which Python allows between classes of the same layout). The result is an instance of the class
itself, the same as the slot setters make. Whether the twin fits is tried once, when the function is
generated; when it does not, the slot setters are used.

>>> import attrs
>>> @attrs.frozen
... class Pair:
...     left: int
...     right: int
>>> pair_of = trusted_constructor(Pair)
>>> pair_of(1, 2) == Pair(1, 2), pair_of(left=1, right=2)
(True, Pair(left=1, right=2))
>>> trusted_constructor(Pair, packed=True)((1, 2))
Pair(left=1, right=2)
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = ["trusted_constructor"]

T = TypeVar("T")


def trusted_constructor(
    cls: type[T],
    *,
    keyword_only: bool = False,
    packed: bool = False,
    slots: Mapping[str, object] | None = None,
) -> Callable[..., T]:
    """A function that builds ``cls`` from one value per field, in declaration order, unchecked.

    Args:
        cls: A slotted attrs class (frozen values are).
        keyword_only: Take every field by keyword only.
        packed: Take one tuple of every field's value instead, unpacked in the generated code (for a
            reader that holds each row's values as a tuple): a tuple of another length raises
            ``ValueError``, a value that is not iterable ``TypeError``.
        slots: Slots of the class that are not fields (a base class's), each set to the value given,
            as the class's own ``__init__`` sets them: a value's cache of what it works out, for one.
    """
    names = [field.name for field in attrs.fields(cls)]  # type: ignore[arg-type]
    extra = dict(slots or {})
    signature = ", ".join(names)
    if packed:
        head = ["def build(values):", f"    ({signature},) = values"]
    else:
        head = [f"def build({'*, ' if keyword_only else ''}{signature}):"]
    twin = _twin(cls, [*names, *extra])
    if twin is not None:
        body = [
            "    instance = twin()",
            *(f"    instance.{name} = {name}" for name in names),
            *(f"    instance.{name} = initial_{name}" for name in extra),
            "    instance.__class__ = cls",
        ]
    else:
        body = [
            "    instance = new(cls)",
            *(f"    set_{name}(instance, {name})" for name in names),
            *(f"    set_{name}(instance, initial_{name})" for name in extra),
        ]
    lines = [*head, *body, "    return instance"]
    scope: dict[str, Any] = {
        "cls": cls,
        "twin": twin,
        "new": cls.__new__,
        **{f"set_{name}": cls.__dict__[name].__set__ for name in names},
        **{f"set_{name}": inspect.getattr_static(cls, name).__set__ for name in extra},
        **{f"initial_{name}": value for name, value in extra.items()},
    }
    exec(compile("\n".join(lines), f"<trusted {cls.__qualname__}({signature})>", "exec"), scope)  # noqa: S102 - generated from the class's own fields
    generated: Callable[..., T] = scope["build"]
    generated.__name__ = generated.__qualname__ = f"trusted_{cls.__name__}"
    generated.__doc__ = f"{cls.__name__}'s trusted constructor: every field, already checked, in order."
    generated.__module__ = cls.__module__
    return generated


def _twin(cls: type, names: list[str]) -> type | None:
    """A plain class with ``cls``'s slots whose instances can become ``cls``'s, or None.

    Only for a class straight on ``object``, with ``object``'s ``__new__`` and no ``__del__``, whose own
    slots are exactly ``names`` (its fields and the other slots the constructor sets: so no
    ``__weakref__`` or ``__dict__``); and only when a twin instance does take the class, which is
    tried here on a blank one (it is dropped at once).
    """
    own = cls.__dict__.get("__slots__")
    if cls.__bases__ != (object,) or not isinstance(own, tuple) or sorted(own) != sorted(names):
        return None
    if "__new__" in vars(cls) or hasattr(cls, "__del__"):  # (the blank must be inert)
        return None
    twin = type(f"{cls.__name__}Twin", (), {"__slots__": own})
    blank: Any = twin()  # (as the generated function makes its instances)
    try:
        blank.__class__ = cls
    except TypeError:  # another layout (or an interpreter that refuses the move)
        return None
    return twin
