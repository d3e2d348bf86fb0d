"""A value that is neither an enum's member nor a string is of the wrong kind (``wrong_type``).

Only a string can be an unknown spelling (``unknown_value``); ``None``, a number or a member of
another enum is refused as the wrong kind of value, and both refusals list the accepted spellings.
"""

from __future__ import annotations

from typing import Any

import pytest
from tests.refusals import raises_invalid

from cspcore import ErrorCode
from cspcore.billing import Term
from cspcore.support import Issue
from cspcore.support.model import Product

loose: Any = Issue


@pytest.mark.parametrize("kind", [Product.AZURE, 3, None, b"technical", 1.5])
def test_an_issue_kind_that_is_no_string_is_of_the_wrong_type(kind: object) -> None:
    with raises_invalid(field="kind", code=ErrorCode.WRONG_TYPE) as refused:
        loose(kind=kind, product="azure")

    assert "technical" in refused.value.choices


def test_an_unknown_spelling_is_still_an_unknown_value() -> None:
    with raises_invalid(field="kind", code=ErrorCode.UNKNOWN_VALUE):
        loose(kind="tehcnical", product="azure")


@pytest.mark.parametrize(("given", "code"), [("P2Y", ErrorCode.UNKNOWN_VALUE), (12, ErrorCode.WRONG_TYPE)])
def test_calling_an_enum_refuses_the_same_way(given: object, code: ErrorCode) -> None:
    with raises_invalid(field="term", code=code):
        Term(given)
