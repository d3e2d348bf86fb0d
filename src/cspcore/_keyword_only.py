"""Keyword-only constructors that still accept their old positional arguments for one release (internal).

A public value class is built with ``attrs.frozen(kw_only=True)``, so type checkers and
:func:`inspect.signature` see a keyword-only constructor. Classes that used to take positional
arguments are decorated with :func:`positional_deprecated`, applied *after* attrs, naming the fields
that were positional, in their old order. A positional call still builds the same value, through the
class's own attrs ``__init__``, and emits a :class:`DeprecationWarning` that names the keywords to use
and points at the caller's line. A call with keywords only pays for one extra call and one test.

>>> import warnings
>>> import attrs
>>> @positional_deprecated("x", "y")
... @attrs.frozen(kw_only=True)
... class Point:
...     x: int
...     y: int = 0
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     Point(1, 2) == Point(x=1, y=2)
True
>>> caught[0].category.__name__
'DeprecationWarning'
>>> import inspect
>>> [(p.name, p.kind.name) for p in inspect.signature(Point).parameters.values()]
[('x', 'KEYWORD_ONLY'), ('y', 'KEYWORD_ONLY')]
"""

from __future__ import annotations

import functools
import warnings
from typing import TYPE_CHECKING, Any, Final, TypeVar

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["positional_deprecated"]

_C = TypeVar("_C", bound=type)


def positional_deprecated(*names: str) -> Callable[[_C], _C]:
    """Let a keyword-only attrs class still take ``names`` positionally, with a deprecation warning.

    The new ``__init__`` is generated from the class's own fields, the way attrs writes its own: it
    takes every keyword explicitly (no ``**kwargs`` dict on the way) and calls the attrs ``__init__``
    with them, so a keyword call pays one extra call and one test (positional arguments, or a
    required keyword left out). A positional call is mapped onto ``names`` in order; as in Python, a
    name given both ways is refused, except for an optional field whose keyword value *is* its
    default: that one cannot be told from an omitted keyword, and the positional value wins.

    Args:
        names: The constructor's keywords (attrs aliases) that were positional, in their old order.
            They are fixed here rather than read from the fields, so a field added later cannot
            shift what an old positional call means.

    Returns:
        A class decorator, to be applied after attrs; it returns the class itself, with its
        ``__init__`` replaced (the signature seen by :func:`inspect.signature` stays keyword-only).

    Raises:
        TypeError: At decoration time, when ``names`` is empty or repeats a name, names something
            that is not a keyword of the constructor, or the class still has a positional field.

    >>> import attrs
    >>> @positional_deprecated("x")
    ... @attrs.frozen(kw_only=True)
    ... class Box:
    ...     x: int
    >>> Box(x=3)
    Box(x=3)
    """
    if not names or len(set(names)) != len(names):
        msg = f"name each formerly positional field once, got {names!r}"
        raise TypeError(msg)

    def decorate(cls: _C) -> _C:
        fields = [field for field in attrs.fields(cls) if field.init]
        positional = [field.alias for field in fields if not field.kw_only]
        if positional:
            msg = f"{cls.__qualname__} must be keyword-only (attrs kw_only=True); {positional} are not"
            raise TypeError(msg)
        unknown = sorted(set(names) - {field.alias for field in fields})
        if unknown:
            msg = f"{cls.__qualname__} has no constructor keyword(s) {unknown}"
            raise TypeError(msg)
        keywords = tuple(field.alias for field in fields)
        cls.__init__ = _generated_init(cls.__init__, cls.__qualname__, keywords, names)  # type: ignore[misc]
        return cls

    return decorate


_MISSING: Final = object()  # the generated __init__'s default for a required keyword: "not given"


def _generated_init(
    init: Callable[..., None], name: str, keywords: tuple[str, ...], names: tuple[str, ...]
) -> Callable[..., None]:
    # Parameters and locals of the generated function start with "_" so that no field alias (attrs
    # strips leading underscores from aliases) can shadow them.
    defaults = dict.fromkeys(keywords, _MISSING) | (init.__kwdefaults__ or {})
    required = tuple(keyword for keyword in keywords if defaults[keyword] is _MISSING)
    test = " or ".join(["_args", *(f"{keyword} is _MISSING" for keyword in required)])
    values = ", ".join(f"{keyword!r}: {keyword}" for keyword in keywords)
    script = (
        f"def __init__(_self, *_args, {', '.join(keywords)}):\n"
        f"    if {test}:\n"
        f"        return _slow(_self, _args, {{{values}}})\n"
        f"    _init(_self, {', '.join(f'{keyword}={keyword}' for keyword in keywords)})\n"
    )

    def slow(self: object, args: tuple[Any, ...], given: dict[str, Any]) -> None:
        kwargs = {keyword: value for keyword, value in given.items() if value is not _MISSING}
        if args:
            kwargs = _as_keywords(name, names, args, kwargs, defaults)
            if all(keyword in kwargs for keyword in required):  # else attrs refuses it below, unwarned
                warnings.warn(
                    f"{name}() takes keyword arguments only; positional arguments are deprecated and "
                    f"will be refused in the next release: write {name}("
                    + ", ".join(f"{keyword}=..." for keyword in names[: len(args)])
                    + ")",
                    DeprecationWarning,
                    stacklevel=3,  # the caller, past the generated __init__
                )
        init(self, **kwargs)  # a left-out required keyword raises attrs' own TypeError here

    namespace: dict[str, Any] = {"_init": init, "_slow": slow, "_MISSING": _MISSING}
    exec(compile(script, f"<keyword-only __init__ of {name}>", "exec"), namespace)  # noqa: S102 - generated from field names, as attrs does
    generated: Callable[..., None] = functools.wraps(init)(namespace["__init__"])
    generated.__kwdefaults__ = defaults
    return generated


def _as_keywords(
    name: str,
    names: tuple[str, ...],
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    defaults: dict[str, Any],
) -> dict[str, Any]:
    """Map ``args`` onto ``names`` in order, refusing what Python refuses for positional parameters."""
    if len(args) > len(names):
        msg = f"{name}() takes {len(names)} positional arguments but {len(args)} were given"
        raise TypeError(msg)
    for keyword, value in zip(names, args, strict=False):
        if keyword in kwargs and kwargs[keyword] is not defaults[keyword]:
            msg = f"{name}() got multiple values for argument {keyword!r}"
            raise TypeError(msg)
        kwargs[keyword] = value
    return kwargs
