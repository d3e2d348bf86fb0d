"""A keyword-only class keeps its old positional calls for one release, each with a DeprecationWarning."""

from __future__ import annotations

import copy
import inspect
import pickle
import pydoc
import warnings

import attrs
import pytest

from cspcore._keyword_only import positional_deprecated


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


def test_a_positional_call_builds_the_keyword_value_and_warns_at_the_callers_line() -> None:
    line = inspect.currentframe().f_lineno + 2  # type: ignore[union-attr]
    with pytest.warns(DeprecationWarning, match="x=") as caught:
        built = Point(1, 2, 3)  # type: ignore[call-arg]
    assert Point(x=1, y=2, z=3) == built
    assert [(__file__, line)] == [(w.filename, w.lineno) for w in caught]


def test_the_warning_names_the_keywords_of_the_arguments_given_positionally() -> None:
    with pytest.warns(DeprecationWarning, match="x=") as caught:
        Point(1, 2)  # type: ignore[call-arg]
    message = str(caught[0].message)
    assert ("x=" in message, "y=" in message, "z=" in message) == (True, True, False)


def test_positional_and_keyword_arguments_combine() -> None:
    with pytest.warns(DeprecationWarning, match="x="):
        built = Point(1, y=2, label="q")  # type: ignore[call-arg]
    assert Point(x=1, y=2, label="q") == built


def test_defaults_and_factories_fill_what_is_left_out() -> None:
    with pytest.warns(DeprecationWarning, match="x="):
        built = Point(1, 2)  # type: ignore[call-arg]
    assert (0, "p", frozenset()) == (built.z, built.label, built.tags)


def test_a_keyword_call_does_not_warn() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Point(x=1, y=2).z == 0


def test_the_old_order_is_fixed_by_the_decorator_not_by_the_fields() -> None:
    with pytest.warns(DeprecationWarning, match="last="):
        built = Grown(1, 2)  # type: ignore[call-arg]
    assert Grown(first=1, last=2) == built


def test_a_private_attribute_is_passed_by_its_alias() -> None:
    with pytest.warns(DeprecationWarning, match="hidden="):
        built = Private(5)  # type: ignore[call-arg]
    assert (Private(hidden=5), 5) == (built, built.hidden)


def test_the_fields_validators_run_for_positional_calls_too() -> None:
    with pytest.warns(DeprecationWarning, match="x="), pytest.raises(TypeError):
        Point("1", 2)  # type: ignore[call-arg, arg-type]


@pytest.mark.parametrize(
    "call",
    [
        pytest.param(lambda: Point(1, 2, 3, 4), id="more positional arguments than there were"),  # type: ignore[call-arg, arg-type]
        pytest.param(lambda: Point(1, 2, x=1), id="one argument given both ways"),  # type: ignore[call-arg, misc]
        pytest.param(lambda: Point(1, 2, 3, z=4), id="an optional one given both ways"),  # type: ignore[call-arg, misc]
        pytest.param(lambda: Point(1), id="a required keyword left out"),  # type: ignore[call-arg]
        pytest.param(lambda: Point(x=1), id="a required keyword left out of a keyword call"),  # type: ignore[call-arg]
        pytest.param(lambda: Point(x=1, y=2, w=3), id="an unknown keyword"),  # type: ignore[call-arg]
    ],
)
def test_calls_python_would_refuse_are_refused_without_a_warning(call: object) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(TypeError):
            call()  # type: ignore[operator]


def test_the_signature_stays_keyword_only() -> None:
    parameters = inspect.signature(Point).parameters.values()
    assert [parameter.name for parameter in parameters] == ["x", "y", "z", "label", "tags"]
    assert {parameter.kind for parameter in parameters} == {inspect.Parameter.KEYWORD_ONLY}
    assert "(*, x" in pydoc.plain(pydoc.render_doc(Point))


def test_values_still_pickle_copy_and_evolve() -> None:
    point = Point(x=1, y=2, tags=frozenset({"a"}))
    assert point == pickle.loads(pickle.dumps(point))  # noqa: S301 - our own bytes
    assert point == copy.deepcopy(point)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert Point(x=1, y=5, tags=frozenset({"a"})) == attrs.evolve(point, y=5)


def test_a_class_with_positional_fields_is_refused() -> None:
    with pytest.raises(TypeError):

        @positional_deprecated("x")
        @attrs.frozen
        class Positional:
            x: int


def test_a_name_the_constructor_does_not_take_is_refused() -> None:
    with pytest.raises(TypeError):

        @positional_deprecated("x", "nope")
        @attrs.frozen(kw_only=True)
        class Unknown:
            x: int


@pytest.mark.parametrize("names", [(), ("x", "x")])
def test_no_names_or_a_repeated_name_is_refused(names: tuple[str, ...]) -> None:
    with pytest.raises(TypeError):
        positional_deprecated(*names)
