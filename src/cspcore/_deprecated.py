"""Names kept for one release after a rename (internal): one warning, worded one way.

A renamed attribute keeps its old name as a property that calls :func:`warn_renamed`; a renamed
constructor keyword goes through :func:`renamed_keyword`, which takes the old keyword (with a
warning) when the new one is not given.

>>> import warnings
>>> with warnings.catch_warnings(record=True) as caught:
...     warnings.simplefilter("always")
...     renamed_keyword(None, True, new="is_allowed", old="allowed", owner="Decision")
True
>>> str(caught[0].message)
'Decision(allowed=...) is deprecated; pass is_allowed=... (the old name goes in the next release)'
"""

from __future__ import annotations

import warnings
from typing import TypeVar

from cspcore.errors import ErrorCode, InvalidInput

__all__ = ["renamed_keyword", "warn_renamed"]

T = TypeVar("T")


# The stacklevels below are not mutated: mutmut's trampoline adds a frame between a mutated function and its
# caller, so no test can check them under mutmut; tests/unit/core/test_renamed_answers_warn_for_one_release.py
# checks them in every other run.
def warn_renamed(old: str, new: str, *, stacklevel: int = 3) -> None:  # pragma: no mutate
    """Warn (:class:`DeprecationWarning`) that ``old`` is now called ``new``.

    ``stacklevel=3`` points at the caller of the property or function that calls this.

    >>> import warnings
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     warn_renamed("Report.ok", "Report.is_clean")
    >>> caught[0].category.__name__
    'DeprecationWarning'
    """
    warnings.warn(
        f"{old} is deprecated; use {new} (the old name goes in the next release)",
        DeprecationWarning,
        stacklevel=stacklevel,  # pragma: no mutate
    )


def renamed_keyword(given: T | None, deprecated: T | None, *, new: str, old: str, owner: str) -> T:
    """The value of a constructor keyword renamed from ``old`` to ``new``.

    The new keyword wins; the old one is taken, with a :class:`DeprecationWarning`, when the new one
    is not given. Giving both, or neither, is an :class:`~cspcore.errors.InvalidInput` naming ``new``.

    >>> renamed_keyword(False, None, new="is_allowed", old="allowed", owner="Decision")
    False
    >>> renamed_keyword(None, None, new="is_allowed", old="allowed", owner="Decision")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: is_allowed: is required (got None)
    """
    if deprecated is None:
        if given is None:
            raise InvalidInput(new, "is required", None, code=ErrorCode.MISSING)
        return given
    if given is not None:
        raise InvalidInput(
            new, f"give {new} only ({old} is its deprecated name)", deprecated, code=ErrorCode.INCONSISTENT
        )
    warnings.warn(
        f"{owner}({old}=...) is deprecated; pass {new}=... (the old name goes in the next release)",
        DeprecationWarning,
        stacklevel=3,  # pragma: no mutate
    )
    return deprecated
