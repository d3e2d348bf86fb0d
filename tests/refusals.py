"""Assertions on refused input that state the rule, not the wording.

A test of a refusal checks what a program can rely on: the error's type, the ``field`` it names and
its :class:`~cspcore.errors.ErrorCode`. The English message may be reworded freely; each family's
wording is pinned once, in the ``test_error_wording.py`` snapshot files.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import pytest

from cspcore.errors import ErrorCode, InvalidInput

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["raises_invalid"]


@contextlib.contextmanager
def raises_invalid(
    *, field: str, code: ErrorCode | str, error: type[InvalidInput] = InvalidInput
) -> Iterator[pytest.ExceptionInfo[InvalidInput]]:
    """Expect the block to raise ``error`` naming ``field`` with ``code``; yields pytest's ExceptionInfo.

    >>> from cspcore import Money
    >>> with raises_invalid(field="amount", code=ErrorCode.WRONG_TYPE) as refused:
    ...     Money(1.5, "EUR")
    >>> refused.value.value
    1.5
    """
    with pytest.raises(error) as info:
        yield info
    refused = info.value
    assert (refused.field, refused.code) == (field, ErrorCode(code)), (
        f"expected {error.__name__}(field={field!r}, code={ErrorCode(code).value!r}), "
        f"got {type(refused).__name__}(field={refused.field!r}, code={refused.code.value!r}): {refused}"
    )
