"""A griffe extension for the docs site: give each attrs class the ``__init__`` attrs generates.

griffe reads the source without running it, and an ``@attrs.frozen`` class has no ``__init__`` in its
source, so the API reference showed no signature, no parameter types, and every parameter as
required. This extension imports each class griffe has loaded, from the directory griffe read it from
(cheap and side-effect free: the core does no I/O at import), and for every attrs class adds the
``__init__`` attrs builds: its parameters in attrs' order, named by their alias (``_x`` is passed as
``x``), keyword-only where attrs makes them so, with the annotation written in the source (so the site
links the types) and the default as written (``factory=list`` is shown as ``list()``; see
``_default``). Fields with ``init=False`` are left out, as attrs leaves them out. A class decorated
with attrs that cannot be imported is a warning, which fails the strict build.

With ``merge_init_into_class`` the class's ``Args:`` section then shows each parameter's type and
default, and ``required`` only where attrs requires the argument.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import attrs
import griffe

_KEYWORD_ONLY = griffe.ParameterKind.keyword_only
_POSITIONAL_OR_KEYWORD = griffe.ParameterKind.positional_or_keyword


def _runtime_class(cls: griffe.Class) -> type | None:
    """The class itself, imported from its module, or ``None`` when it is not reachable."""
    try:
        found: object = importlib.import_module(cls.module.path)
    except ImportError:
        return None
    for part in cls.path[len(cls.module.path) + 1 :].split("."):
        found = getattr(found, part, None)
        if found is None:
            return None
    return found if isinstance(found, type) else None


def _static_attribute(cls: griffe.Class, name: str) -> griffe.Attribute | None:
    """The attribute ``name`` as written in ``cls`` or the nearest base that writes it."""
    try:
        lineage = [cls, *cls.mro()]
    except (ValueError, griffe.AliasResolutionError, griffe.CyclicAliasError):
        lineage = [cls]
    for klass in lineage:
        member = klass.members.get(name)
        if isinstance(member, griffe.Attribute):
            return member
    return None


def _field_call_arguments(value: str | griffe.Expr | None) -> dict[str, str | griffe.Expr] | None:
    """The keyword arguments of an ``attrs.field(...)`` value, or ``None`` for a plain value."""
    if not isinstance(value, griffe.ExprCall):
        return None
    if value.function.canonical_path.rsplit(".", 1)[-1] not in {"field", "ib", "attrib"}:
        return None
    return {arg.name: arg.value for arg in value.arguments if isinstance(arg, griffe.ExprKeyword)}


_FACTORY: Any = type(attrs.Factory(list))  # attrs types Factory(list) as the list it makes
_LONGEST_VALUE = 40


def _default(field: attrs.Attribute[Any], static: griffe.Attribute | None) -> str | griffe.Expr | None:
    """The default to show for ``field``: ``None`` when the argument is required.

    A default written in the source is shown as written; a factory as its call (``list()``); a
    module's private constant by its value when that is short. A default computed from the other
    fields (``takes_self``), or one with no short public spelling, is shown as ``...``, as stub files do.
    """
    default: object = field.default
    if default is attrs.NOTHING:
        return None
    if isinstance(default, _FACTORY):
        name = getattr(default.factory, "__name__", "")
        if default.takes_self or not name.isidentifier() or name.startswith("_"):
            return "..."
        return f"{name}()"
    value = static.value if static is not None else None
    arguments = _field_call_arguments(value)
    written: str | griffe.Expr | None = value if arguments is None else arguments.get("default")
    if written is None or (isinstance(written, griffe.ExprName) and written.name.startswith("_")):
        text = repr(default)
        return text if len(text) <= _LONGEST_VALUE else "..."
    return written


def attrs_parameters(cls: griffe.Class, runtime: type) -> list[griffe.Parameter]:
    """The parameters of the ``__init__`` attrs generates for ``runtime``, typed from ``cls``'s source."""
    parameters = [griffe.Parameter("self", kind=_POSITIONAL_OR_KEYWORD)]
    for field in attrs.fields(runtime):
        if not field.init:
            continue
        static = _static_attribute(cls, field.name)
        annotation: str | griffe.Expr | None = static.annotation if static is not None else None
        if annotation is None and field.type is not None:
            annotation = field.type if isinstance(field.type, str) else getattr(field.type, "__name__", None)
        parameters.append(
            griffe.Parameter(
                field.alias or field.name,
                annotation=annotation,
                kind=_KEYWORD_ONLY if field.kw_only else _POSITIONAL_OR_KEYWORD,
                default=_default(field, static),
            )
        )
    return parameters


def _apply(obj: griffe.Module | griffe.Class, seen: set[str]) -> None:
    if obj.path in seen:
        return
    seen.add(obj.path)
    for member in list(obj.members.values()):
        if member.is_alias:
            continue
        if isinstance(member, griffe.Module | griffe.Class):
            _apply(member, seen)
    if isinstance(obj, griffe.Class) and "__init__" not in obj.members:
        runtime = _runtime_class(obj)
        if runtime is None and any(str(d.value).startswith(("attrs.", "attr.")) for d in obj.decorators):
            # loud, so that a strict build fails instead of showing a class without its parameters
            griffe.logger.warning("%s: cannot import it to read its attrs fields", obj.path)
        if runtime is not None and attrs.has(runtime):
            init = griffe.Function(
                "__init__",
                lineno=obj.lineno,
                endlineno=obj.lineno,
                parent=obj,
                parameters=griffe.Parameters(*attrs_parameters(obj, runtime)),
                returns="None",
            )
            obj.set_member("__init__", init)
            obj.labels.add("attrs")


class AttrsInit(griffe.Extension):
    """Add the ``__init__`` attrs generates to every attrs class of a loaded package."""

    def on_package(self, *, pkg: griffe.Module, **_: Any) -> None:
        """Walk ``pkg`` once it is loaded, importing it from where griffe read it."""
        if isinstance(pkg.filepath, Path):
            root = str(pkg.filepath.parent.parent)  # src/ for src/cspcore/__init__.py
            if root not in sys.path:
                sys.path.insert(0, root)
        _apply(pkg, set())
