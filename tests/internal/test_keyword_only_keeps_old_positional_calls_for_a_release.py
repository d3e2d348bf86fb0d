"""A keyword-only class keeps its old positional calls for one release, each with a DeprecationWarning.

The classes are decorated inside each test (the fixtures below), not once when this file is imported:
:func:`positional_deprecated` does its work when a class is defined, and mutmut's workers reuse the
modules imported by its first run, so only a class defined during the test runs the mutant under test.
"""

from __future__ import annotations

import copy
import inspect
import pickle
import pydoc
import re
import types
import warnings
from typing import Any

import attrs
import pytest

from cspcore._keyword_only import positional_deprecated


def _define() -> types.SimpleNamespace:
    @positional_deprecated("x", "y", "z")
    @attrs.frozen(kw_only=True)
    class Point:
        """A value whose three leading fields used to be positional."""

        x: int = attrs.field(validator=attrs.validators.instance_of(int))
        y: int
        z: int = 0
        label: str = "p"
        tags: frozenset[str] = attrs.field(factory=frozenset)

    @positional_deprecated("first", "last")
    @attrs.frozen(kw_only=True)
    class Grown:
        """A field added between two formerly positional ones does not shift the old calls."""

        first: int
        added: int = 7
        last: int = 0

    @positional_deprecated("hidden")
    @attrs.frozen(kw_only=True)
    class Private:
        """A private attribute is set through its attrs alias."""

        _hidden: int

        @property
        def hidden(self) -> int:
            return self._hidden

    return types.SimpleNamespace(Point=Point, Grown=Grown, Private=Private)


#: A class defined at import, which pickle can find by name.
Pickled: Any = _define().Point
Pickled.__qualname__ = "Pickled"


@pytest.fixture
def point() -> Any:
    return _define().Point


@pytest.fixture
def grown() -> Any:
    return _define().Grown


@pytest.fixture
def private() -> Any:
    return _define().Private


def test_a_positional_call_builds_the_keyword_value_and_warns_at_the_callers_line(point: Any) -> None:
    line = inspect.currentframe().f_lineno + 2  # type: ignore[union-attr]
    with pytest.warns(DeprecationWarning, match="x=") as caught:
        built = point(1, 2, 3)
    assert point(x=1, y=2, z=3) == built
    assert [(__file__, line)] == [(w.filename, w.lineno) for w in caught]


def test_the_warning_names_the_class_and_the_keywords_of_the_arguments_given_positionally(point: Any) -> None:
    with pytest.warns(DeprecationWarning, match="x=") as caught:
        point(1, 2)
    message = str(caught[0].message)
    assert "Point(x=..., y=...)" in message  # the call to write instead
    assert ("Point(" in message, "x=" in message, "y=" in message, "z=" in message) == (
        True,
        True,
        True,
        False,
    )


def test_positional_and_keyword_arguments_combine(point: Any) -> None:
    with pytest.warns(DeprecationWarning, match="x="):
        built = point(1, y=2, label="q")
    assert point(x=1, y=2, label="q") == built


def test_defaults_and_factories_fill_what_is_left_out(point: Any) -> None:
    with pytest.warns(DeprecationWarning, match="x="):
        built = point(1, 2)
    assert (0, "p", frozenset()) == (built.z, built.label, built.tags)


def test_a_keyword_call_does_not_warn(point: Any) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert attrs.astuple(point(x=1, y=2))[:4] == (1, 2, 0, "p")
        assert attrs.astuple(point(x=1, y=2, z=3, label="q"))[:4] == (1, 2, 3, "q")


def test_an_optional_keyword_given_its_default_yields_to_the_positional_value(point: Any) -> None:
    with pytest.warns(DeprecationWarning, match="z="):
        built = point(1, 2, 3, z=0)
    assert point(x=1, y=2, z=3) == built


def test_the_old_order_is_fixed_by_the_decorator_not_by_the_fields(grown: Any) -> None:
    with pytest.warns(DeprecationWarning, match="last="):
        built = grown(1, 2)
    assert grown(first=1, last=2) == built
    assert built.added == 7


def test_a_private_attribute_is_passed_by_its_alias(private: Any) -> None:
    with pytest.warns(DeprecationWarning, match="hidden="):
        built = private(5)
    assert (private(hidden=5), 5) == (built, built.hidden)


def test_the_fields_validators_run_for_positional_calls_too(point: Any) -> None:
    with pytest.warns(DeprecationWarning, match="x="), pytest.raises(TypeError):
        point("1", 2)


@pytest.mark.parametrize(
    ("call", "named"),
    [
        pytest.param(lambda p: p(1, 2, 3, 4), "Point", id="more positional arguments than there were"),
        pytest.param(lambda p: p(1, 2, x=1), "'x'", id="one argument given both ways"),
        pytest.param(lambda p: p(1, 2, 3, z=4), "'z'", id="an optional one given both ways"),
        pytest.param(lambda p: p(1), "'y'", id="a required keyword left out"),
        pytest.param(lambda p: p(x=1), "'y'", id="a required keyword left out of a keyword call"),
        pytest.param(lambda p: p(x=1, y=2, w=3), "'w'", id="an unknown keyword"),
    ],
)
def test_calls_python_would_refuse_are_refused_without_a_warning_naming_the_argument(
    point: Any, call: Any, named: str
) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(TypeError, match=named):
            call(point)


def test_the_signature_stays_keyword_only(point: Any) -> None:
    parameters = inspect.signature(point).parameters.values()
    assert [parameter.name for parameter in parameters] == ["x", "y", "z", "label", "tags"]
    assert {parameter.kind for parameter in parameters} == {inspect.Parameter.KEYWORD_ONLY}
    assert "(*, x" in pydoc.plain(pydoc.render_doc(point))


def test_values_still_pickle_copy_and_evolve(point: Any) -> None:
    pickled = Pickled(x=1, y=2, tags=frozenset({"a"}))
    assert pickled == pickle.loads(pickle.dumps(pickled))  # noqa: S301 - our own bytes
    value = point(x=1, y=2, tags=frozenset({"a"}))
    assert value == copy.deepcopy(value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert point(x=1, y=5, tags=frozenset({"a"})) == attrs.evolve(value, y=5)


def test_a_class_with_positional_fields_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match=r"Positional.*'x'"):

        @positional_deprecated("x")
        @attrs.frozen
        class Positional:
            x: int


def test_a_name_the_constructor_does_not_take_is_refused_by_name() -> None:
    with pytest.raises(TypeError, match=r"Unknown.*'nope'"):

        @positional_deprecated("x", "nope")
        @attrs.frozen(kw_only=True)
        class Unknown:
            x: int


@pytest.mark.parametrize("names", [(), ("x", "x")])
def test_no_names_or_a_repeated_name_is_refused(names: tuple[str, ...]) -> None:
    with pytest.raises(TypeError, match=re.escape(repr(names))):
        positional_deprecated(*names)
