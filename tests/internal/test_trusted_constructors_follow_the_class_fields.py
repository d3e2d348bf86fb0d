"""cspcore._trusted: a trusted constructor takes exactly the class's fields, so none can be skipped."""

from __future__ import annotations

from typing import Self

import attrs
import pytest

from cspcore._trusted import _twin, trusted_constructor


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


@attrs.frozen(weakref_slot=False)
class Light:
    left: int
    right: str


class _NoSlots:
    __slots__ = ()


@attrs.frozen(weakref_slot=False)
class OnABase(_NoSlots):
    left: int


@attrs.frozen(weakref_slot=False)
class Made:
    left: int

    def __new__(cls, *args: object, **kwargs: object) -> Self:  # noqa: ARG004 - only there to be seen
        return super().__new__(cls)


@attrs.frozen(weakref_slot=False)
class Mortal:
    left: int

    def __del__(self) -> None:  # pragma: no cover - never run: the fields are ints
        pass


def test_a_class_without_weak_references_is_built_through_a_twin_of_itself() -> None:
    twin = _twin(Light, ["left", "right"])
    assert twin is not None
    assert twin.__slots__ == Light.__slots__  # type: ignore[attr-defined]
    build = trusted_constructor(Light)
    assert build.__globals__["twin"].__slots__ == Light.__slots__  # type: ignore[attr-defined]  # built so
    made = build(1, "a")
    assert type(made) is Light
    assert made == Light(1, "a")
    assert hash(made) == hash(Light(1, "a"))
    assert attrs.asdict(made) == {"left": 1, "right": "a"}
    assert trusted_constructor(Light, packed=True)((2, "b")) == Light(2, "b")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.left = 3  # type: ignore[misc]


def test_a_class_a_twin_cannot_stand_for_is_built_through_its_slot_setters() -> None:
    assert _twin(Pair, ["left", "right"]) is None  # a __weakref__ slot: another layout on 3.11
    assert _twin(Light, ["left"]) is None  # not every slot is set
    assert _twin(Cached, ["left", "_cache"]) is None  # a slot of a base class
    assert _twin(Mortal, ["left"]) is None  # a finaliser would run on the tried blank
    assert _twin(Made, ["left"]) is None  # a __new__ of its own is not the twin's
    assert _twin(OnABase, ["left"]) is None  # only a class straight on object
    build = trusted_constructor(Pair)
    assert build.__globals__["twin"] is None  # the slot setters
    assert type(build(1, 2)) is Pair
    assert trusted_constructor(Made)(1) == Made(1)
