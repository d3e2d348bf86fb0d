"""Guidance for the user of the shell: the one place that suggests a fix for a typo.

A refused value that names one of a few known choices (an unknown key, event kind, enum value or
what-if preset) comes as an :class:`~cspcore.errors.InvalidInput` whose ``choices`` lists them;
:func:`hint` turns it into "did you mean 'standard'?", in the user's language, from the closest
choice (:func:`closest`, with :mod:`difflib`).
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING, Final

from cspcore import InvalidInput, Reason
from cspcore.i18n import render

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["closest", "hint"]

#: How alike a typo and a choice must be (:func:`difflib.get_close_matches`' ratio) to be suggested.
_CUTOFF: Final = 0.6
#: Longer words are not compared (a hostile value must not cost difflib's quadratic time).
_LONGEST: Final = 200


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice ``word`` most likely misspells, or ``None`` when none is close.

    A choice that differs only in case wins; else the closest by :mod:`difflib`'s ratio, compared
    without case.

    >>> closest("standrad", ("lenient", "standard", "strict"))
    'standard'
    >>> closest("eur", ("EUR", "CZK"))
    'EUR'
    >>> closest("monthy", ("monthly", "annual", "triennial")), closest("zzz", ("monthly",))
    ('monthly', None)
    """
    options = [choice for choice in choices if len(choice) <= _LONGEST]
    if len(word) > _LONGEST or not options:
        return None
    folded = {choice.casefold(): choice for choice in options}
    if word.casefold() in folded:
        return folded[word.casefold()]
    found = difflib.get_close_matches(word.casefold(), list(folded), n=1, cutoff=_CUTOFF)
    return folded[found[0]] if found else None


def hint(error: BaseException, *, locale: str) -> str:
    """``"; did you mean 'x'?"`` (in ``locale``) for a refused value close to one of its choices, else ``""``.

    >>> from cspcore.errors import ErrorCode
    >>> error = InvalidInput(
    ...     "kind",
    ...     "unknown",
    ...     "chnage_quantity",
    ...     code=ErrorCode.UNKNOWN_VALUE,
    ...     choices=("change_quantity", "cancel"),
    ... )
    >>> hint(error, locale="en_US")
    "; did you mean 'change_quantity'?"
    >>> hint(error, locale="pl_PL")
    "; czy chodziło o 'change_quantity'?"
    """
    if not isinstance(error, InvalidInput) or not isinstance(error.value, str) or not error.choices:
        return ""
    suggestion = closest(error.value, error.choices)
    if suggestion is None or suggestion == error.value:
        return ""
    return "; " + render(
        Reason(code="cli.hint.did_you_mean", params={"suggestion": suggestion}), locale=locale
    )
