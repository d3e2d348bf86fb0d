"""_plain.nesting: JSON and TOML text nested past the bound is refused before any parser recurses."""

from __future__ import annotations

import json
import tomllib

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cspcore import InvalidInput
from cspcore._plain import MAX_NESTING, nesting
from cspcore.errors import ErrorCode

LEAVES = st.one_of(st.integers(), st.text(max_size=8), st.booleans(), st.none())
JSON_VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=12,
)


def _depth(value: object) -> int:
    if isinstance(value, list):
        return 1 + max((_depth(item) for item in value), default=0)
    if isinstance(value, dict):
        return 1 + max((_depth(item) for item in value.values()), default=0)
    return 0


@given(JSON_VALUES)
def test_json_is_refused_exactly_when_nested_past_the_bound(value: object) -> None:
    text = json.dumps(value)
    nesting(text, "file", limit=max(_depth(value), 1))  # brackets inside strings never count
    if _depth(value) > 1:
        with pytest.raises(InvalidInput) as caught:
            nesting(text, "file", limit=_depth(value) - 1)
        assert (caught.value.field, caught.value.code) == ("file", ErrorCode.OUT_OF_RANGE)


@given(st.integers(min_value=1, max_value=3 * MAX_NESTING))
@example(MAX_NESTING)
@example(MAX_NESTING + 1)
def test_arrays_tables_and_dotted_keys_each_count(depth: int) -> None:
    for text in (
        "a = " + "[" * depth + "]" * depth,
        "a = 1\n" + "a" * 0 + ".".join(["k"] * (depth + 1)) + " = 1",
    ):
        if depth <= MAX_NESTING:
            nesting(text, "file")
            tomllib.loads(text)
        else:
            with pytest.raises(InvalidInput):
                nesting(text, "file")


def test_strings_and_comments_do_not_count() -> None:
    deep = "[" * 200
    nesting(f'a = "{deep}"\nb = \'{deep}\'\nc = """{deep}\\"""{deep}"""\n# {deep}\nd = 1.5', "file")
    nesting('{"a": "\\"' + deep + '"}', "file")
