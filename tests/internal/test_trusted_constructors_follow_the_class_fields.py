"""cspcore._trusted: a trusted constructor takes exactly the class's fields, so none can be skipped."""

from __future__ import annotations

import attrs
import pytest

from cspcore._trusted import trusted_constructor


@attrs.frozen
class Pair:
    left: int
    right: int


@attrs.frozen
class Triple:
    left: int
    right: int
    added: int = 0


def test_the_trusted_constructor_builds_what_the_class_builds() -> None:
    assert trusted_constructor(Pair)(1, 2) == Pair(1, 2)
    assert trusted_constructor(Pair, keyword_only=True)(left=1, right=2) == Pair(left=1, right=2)


def test_a_field_added_to_the_class_is_required_even_with_a_default() -> None:
    build = trusted_constructor(Triple)
    assert build(1, 2, 3) == Triple(1, 2, 3)
    with pytest.raises(TypeError):
        build(1, 2)


def test_keyword_only_refuses_positions_and_unknown_names() -> None:
    build = trusted_constructor(Pair, keyword_only=True)
    with pytest.raises(TypeError):
        build(1, 2)
    with pytest.raises(TypeError):
        build(left=1, right=2, extra=3)


def test_the_value_is_still_frozen() -> None:
    pair = trusted_constructor(Pair)(1, 2)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        pair.left = 3  # type: ignore[misc]


def test_a_trusted_constructor_is_named_and_documented_after_its_class() -> None:
    build = trusted_constructor(Pair)
    assert (build.__name__, build.__qualname__, build.__module__) == (
        "trusted_Pair",
        "trusted_Pair",
        __name__,
    )
    assert "Pair" in (build.__doc__ or "")


class _Cache:
    __slots__ = ("_cache",)
    _cache: object


@attrs.frozen
class Cached(_Cache):
    left: int

    def __attrs_post_init__(self) -> None:
        _Cache.__dict__["_cache"].__set__(self, None)


def test_slots_that_are_not_fields_are_set_as_the_class_sets_them() -> None:
    build = trusted_constructor(Cached, slots={"_cache": None})
    made = build(1)
    assert made == Cached(1)
    assert made._cache is None
    assert attrs.asdict(made) == {"left": 1}
    unset = trusted_constructor(Cached)(1)
    assert not hasattr(unset, "_cache")  # without ``slots``, only the fields are set
