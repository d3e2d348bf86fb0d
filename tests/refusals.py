"""Assert a refusal by what programs match on, its field and code, never by its English wording.

>>> from cspcore import ErrorCode, Money
>>> with raises_invalid(field="amount", code=ErrorCode.WRONG_TYPE) as caught:
...     Money(1.5, "EUR")
>>> caught.value.value
1.5
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
    """Expect the block to raise ``error`` (by default an :class:`InvalidInput`) with ``field`` and ``code``.

    Yields pytest's ``ExceptionInfo``, so a test may look further (at ``.value.value``, say).
    """
    with pytest.raises(error) as caught:
        yield caught
    refused = caught.value
    if (refused.field, refused.code) != (field, code):
        pytest.fail(
            f"expected {error.__name__} with field={field!r}, code={str(code)!r}; "
            f"got field={refused.field!r}, code={str(refused.code)!r}: {refused}"
        )
