"""Public names of a package loaded on first use (PEP 562 module ``__getattr__``) (internal).

A package ``__init__`` of cspcore names what it exports three times, each for its own reader: the
imports under ``if TYPE_CHECKING:`` (mypy, IDEs, documentation tools), ``__all__`` (``import *``,
``dir()``), and the lazy table handed to :func:`attach` (the interpreter). Importing the package runs
none of its submodules; the first access to a name imports the one submodule that defines it, and
binds the name on the package, so later accesses are ordinary attribute reads.
``tests/internal/test_lazy_exports.py`` checks that the three lists agree, for every package.

This is not a function-level import that hides an import cycle: the package's ``__init__`` holds no
code of its own, and the submodules import each other at their top, as before.

A name that is also the name of a submodule (``cspcore.interop.reconcile`` is a function, and a
module of the same name) keeps meaning the public value: the import system binds a submodule on its
package when it is first imported, and the package refuses that one binding.

>>> import cspcore.support
>>> cspcore.support.route.__module__
'cspcore.support.routing'
>>> "route" in dir(cspcore.support)
True
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

__all__ = ["attach"]


class _Package(types.ModuleType):
    """A package whose public names come from its lazy table (see the module notes)."""

    #: Each public name and the submodule that defines it (set on each package's own subclass).
    lazy_names: Mapping[str, str] = {}

    def __setattr__(self, name: str, value: object) -> None:
        if (
            name in self.lazy_names
            and isinstance(value, types.ModuleType)
            and value.__name__ == f"{self.__name__}.{name}"
        ):
            return  # the submodule of a public name's name: the public name wins
        super().__setattr__(name, value)

    def __reduce__(self) -> tuple[Callable[[str], types.ModuleType], tuple[str]]:
        """Pickle the package by its name, as cloudpickle (Dask) pickles a plain module."""
        return importlib.import_module, (self.__name__,)


def attach(
    package: str, table: Mapping[str, Iterable[str]]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The ``__getattr__`` and ``__dir__`` of ``package``, whose public names ``table`` places.

    Args:
        package: The package's ``__name__``.
        table: For each submodule (relative to ``package``: ``"charges"``, or ``"ledger.aging"``),
            the public names it defines.

    Returns:
        ``(__getattr__, __dir__)``, to be bound at the package's top level.
    """
    where = {name: f"{package}.{module}" for module, names in table.items() for name in names}
    module = sys.modules[package]
    module.__class__ = type("Package", (_Package,), {"lazy_names": where, "__module__": package})
    namespace = module.__dict__

    def __getattr__(name: str) -> Any:  # noqa: N807 - the PEP 562 hook
        found = where.get(name)
        if found is not None:
            value = getattr(importlib.import_module(found), name)
            namespace[name] = value
            return value
        if not name.startswith("__"):  # a submodule not imported yet, as before the names were lazy
            full = f"{package}.{name}"
            try:
                return importlib.import_module(full)
            except ModuleNotFoundError as error:
                if error.name != full:
                    raise
        msg = f"module {package!r} has no attribute {name!r}"
        raise AttributeError(msg, name=name, obj=module)

    def __dir__() -> list[str]:  # noqa: N807 - the PEP 562 hook
        return sorted({*namespace, *where})

    return __getattr__, __dir__
