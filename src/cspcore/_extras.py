"""Optional dependencies (extras): import one when a function needs it, or say which extra installs it.

>>> require("nope", "whatif")
Traceback (most recent call last):
...
cspcore._extras.MissingExtra: nope is needed: pip install 'cspcore[whatif]'
"""

from __future__ import annotations

import importlib
from typing import Any

from cspcore.errors import CspError

__all__ = ["MissingExtra", "require"]


class MissingExtra(CspError, ImportError):
    """An optional dependency (an extra such as ``whatif`` or ``dask``) is not installed."""


def require(module: str, extra: str) -> Any:
    """The imported ``module``, or :class:`MissingExtra` naming the extra that installs it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(f"{module} is needed: pip install 'cspcore[{extra}]'") from None
