"""_structure: plain data is read through one cattrs converter; its first failure becomes an
InvalidInput whose field is the path of the bad value and whose code says what is wrong."""

from __future__ import annotations

import enum
import time
from typing import Any

import attrs
import pytest

from cspcore import _structure, _validate
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput


@attrs.frozen(kw_only=True)
class Leaf:
    count: int = attrs.field(validator=_validate.attrs_validator(_validate.integer))
    label: str = "x"


@attrs.frozen(kw_only=True)
class Pair:
    left: str
    right: str

    def __attrs_post_init__(self) -> None:
        if self.left != self.right:
            raise CurrencyMismatch("right", self.left, self.right)


@attrs.frozen(kw_only=True)
class Root:
    name: str
    leaves: tuple[Leaf, ...] = ()
    pair: Pair | None = None


def root_hook() -> _structure.Hook:
    """The hook of a Root table, built in each test: the readers of cspcore build theirs at import,
    before mutmut's workers choose a mutant, so only a hook built during a test runs the mutant."""
    return _structure.table(
        Root,
        name=_structure.text,
        leaves=_structure.items(_structure.table(Leaf)),
        pair=_structure.optional(_structure.table(Pair)),
    )


def refusal(data: object, hook: _structure.Hook | None = None) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        _structure.structure(data, hook or root_hook(), root="root")
    return caught.value


def test_a_good_table_becomes_its_value_with_defaults_for_left_out_keys() -> None:
    expected = Root(name="n", leaves=(Leaf(count=1), Leaf(count=2, label="y")))
    assert expected == _structure.structure(
        {"name": "n", "leaves": [{"count": 1}, {"count": 2, "label": "y"}]}, root_hook(), root="root"
    )


@pytest.mark.parametrize(
    ("data", "field", "code", "value"),
    [
        ([], "root", ErrorCode.WRONG_TYPE, []),
        ({1: "n"}, "root", ErrorCode.WRONG_TYPE, 1),
        ({}, "name", ErrorCode.MISSING, None),
        ({"name": "n", "colour": 1}, "colour", ErrorCode.UNKNOWN_VALUE, "colour"),
        ({"name": 5}, "name", ErrorCode.WRONG_TYPE, 5),
        ({"name": " "}, "name", ErrorCode.EMPTY, " "),
        ({"name": "n", "leaves": "ab"}, "leaves", ErrorCode.WRONG_TYPE, "ab"),
        ({"name": "n", "leaves": {"count": 1}}, "leaves", ErrorCode.WRONG_TYPE, {"count": 1}),
        ({"name": "n", "leaves": [{"count": 1}, 7]}, "leaves[1]", ErrorCode.WRONG_TYPE, 7),
        ({"name": "n", "leaves": [{}]}, "leaves[0].count", ErrorCode.MISSING, None),
        ({"name": "n", "leaves": [{"count": "1"}]}, "leaves[0].count", ErrorCode.WRONG_TYPE, "1"),
        (
            {"name": "n", "leaves": [{"count": 1, "size": 2}]},
            "leaves[0].size",
            ErrorCode.UNKNOWN_VALUE,
            "size",
        ),
    ],
)
def test_each_refusal_names_the_path_and_code(
    data: object, field: str, code: ErrorCode, value: object
) -> None:
    error = refusal(data)
    assert (field, code, value) == (error.field, error.code, error.value)


def test_an_unknown_key_is_reported_before_a_missing_one() -> None:
    # a misspelt key explains the missing one
    error = refusal({"nmae": "n"})
    assert (error.field, error.code) == ("nmae", ErrorCode.UNKNOWN_VALUE)


def test_a_refusal_of_the_built_value_keeps_its_type_under_the_tables_path() -> None:
    error = refusal({"name": "n", "pair": {"left": "EUR", "right": "USD"}})
    assert isinstance(error, CurrencyMismatch)
    assert (error.field, error.code, error.left, error.right) == (
        "pair.right",
        ErrorCode.CURRENCY_MISMATCH,
        "EUR",
        "USD",
    )


def test_a_list_stops_at_its_first_bad_item_however_long() -> None:
    bad = [{"count": "x"}] * 1_000_000
    started = time.perf_counter()
    error = refusal({"name": "n", "leaves": bad})
    assert (error.field, error.code) == ("leaves[0].count", ErrorCode.WRONG_TYPE)
    assert time.perf_counter() - started < 1.0


def test_keywords_leave_out_what_the_table_leaves_out_and_require_the_extra_keys() -> None:
    hook = _structure.keywords(Leaf, extra=("unit",), unit=_structure.text)
    assert _structure.structure({"count": 3, "unit": "d"}, hook, root="leaf") == {"count": 3, "unit": "d"}
    with pytest.raises(InvalidInput) as caught:
        _structure.structure({"count": 3}, hook, root="leaf")
    assert (caught.value.field, caught.value.code) == ("unit", ErrorCode.MISSING)


def test_a_tagged_table_is_read_by_the_hook_its_tag_names() -> None:
    hook = _structure.items(_structure.tagged("kind", {"leaf": _structure.table(Leaf)}))
    assert (("leaf", Leaf(count=1)),) == _structure.structure([{"kind": "leaf", "count": 1}], hook, root="xs")
    for data, field, code in (
        ([{"count": 1}], "[0].kind", ErrorCode.MISSING),
        ([{"kind": "tree"}], "[0].kind", ErrorCode.UNKNOWN_VALUE),
        ([{"kind": 1}], "[0].kind", ErrorCode.UNKNOWN_VALUE),
        ([{"kind": "leaf"}], "[0].count", ErrorCode.MISSING),
    ):
        with pytest.raises(InvalidInput) as caught:
            _structure.structure(data, hook, root="xs")
        assert (field, code) == (caught.value.field, caught.value.code)


@pytest.mark.parametrize(
    ("hook", "value", "code"),
    [
        (_structure.AMOUNT, 1.5, ErrorCode.WRONG_TYPE),
        (_structure.AMOUNT, "x", ErrorCode.NOT_A_NUMBER),
        (_structure.CURRENCY, "eur", ErrorCode.UNKNOWN_VALUE),
        (_structure.DATE, "2024-01-01", ErrorCode.WRONG_TYPE),
        (_structure.ISO_DATE, "2024-02-30", ErrorCode.MALFORMED),
        (_structure.ISO_DATE, 20240101, ErrorCode.WRONG_TYPE),
    ],
)
def test_the_scalar_hooks_refuse_with_the_checks_code(hook: Any, value: object, code: ErrorCode) -> None:
    with pytest.raises(InvalidInput) as caught:
        _structure.structure(value, hook, root="value")
    assert ("value", code) == (caught.value.field, caught.value.code)


def test_a_value_built_after_reading_is_refused_under_the_given_path() -> None:
    with pytest.raises(InvalidInput) as caught, _structure.at("events[2]"):
        Leaf(count="1")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("events[2].count", ErrorCode.WRONG_TYPE)


def test_a_hook_for_a_field_the_class_lacks_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="no such field"):
        _structure.table(Leaf, size=_structure.text)


def test_a_missing_pair_is_none_and_a_given_one_is_read() -> None:
    assert _structure.structure({"name": "n"}, root_hook(), root="root").pair is None
    read = _structure.structure({"name": "n", "pair": {"left": "a", "right": "a"}}, root_hook(), root="root")
    assert read.pair == Pair(left="a", right="a")
    error = refusal({"name": "n", "pair": {"left": "a"}})
    assert (error.field, error.code) == ("pair.right", ErrorCode.MISSING)


class Colour(enum.Enum):
    RED = "red"
    DARK_BLUE = "darkBlue"


@pytest.mark.parametrize("given", [Colour.DARK_BLUE, "darkBlue", "DARK_BLUE"])
def test_an_enum_is_read_from_its_member_value_or_name(given: object) -> None:
    hook = _structure.items(_structure.enum(Colour))
    assert _structure.structure([Colour.RED, given], hook, root="colours") == (Colour.RED, Colour.DARK_BLUE)


def test_an_unknown_enum_value_is_refused_at_its_path_showing_it() -> None:
    error = refusal(["red", "green"], _structure.items(_structure.enum(Colour)))
    assert (error.field, error.code, error.value) == ("[1]", ErrorCode.UNKNOWN_VALUE, "green")


def test_an_optional_value_passes_none_and_checks_anything_else() -> None:
    hook = _structure.items(_structure.optional(_structure.text))
    assert _structure.structure([None, "a"], hook, root="names") == (None, "a")
    error = refusal([None, 5], hook)
    assert (error.field, error.code, error.value) == ("[1]", ErrorCode.WRONG_TYPE, 5)


@pytest.mark.parametrize("data", ["ab", b"ab", {"a": 1}, {"a", "b"}, 7, None], ids=repr)
def test_a_list_must_be_a_list_or_tuple(data: object) -> None:
    error = refusal(data, _structure.items(_structure.text))
    assert (error.field, error.code, error.value) == ("root", ErrorCode.WRONG_TYPE, data)


def test_a_tagged_tables_bad_tag_is_shown() -> None:
    hook = _structure.tagged("kind", {"leaf": _structure.table(Leaf)})
    for tag in ("tree", 1):
        error = refusal({"kind": tag}, hook)
        assert (error.field, error.code, error.value) == ("kind", ErrorCode.UNKNOWN_VALUE, tag)


def test_a_relocated_refusal_reads_as_the_original_under_its_new_path() -> None:
    shown = InvalidInput("amount", "not a number", "x", code=ErrorCode.NOT_A_NUMBER)
    hidden = InvalidInput("amount", "is required", None, show_value=False, code=ErrorCode.MISSING)
    for error in (shown, hidden):
        moved = _structure.relocated(error, "lines[0]")
        assert (type(moved), moved.field, moved.problem, moved.value, moved.code) == (
            InvalidInput,
            "lines[0].amount",
            error.problem,
            error.value,
            error.code,
        )
        assert str(moved) == "lines[0]." + str(error)


def test_a_missing_key_shows_no_value() -> None:
    error = refusal({})
    assert (error.field, error.value, str(error)) == ("name", None, f"{error.field}: {error.problem}")


@attrs.frozen(kw_only=True)
class Tag:
    text: str
    note: str = ""
    weight: int = 1


def test_an_unstructurer_writes_the_fields_in_order_through_their_hooks() -> None:
    write = _structure.unstructurer(
        Tag, ("weight", "text", "note"), {"text": str.upper}, omit_if_default=("note",)
    )
    assert list(write(Tag(text="a", weight=2)).items()) == [("weight", 2), ("text", "A")]
    assert list(write(Tag(text="a", note="n")).items()) == [("weight", 1), ("text", "A"), ("note", "n")]
    everything = _structure.unstructurer(Tag, ("text", "note"), {})
    assert everything(Tag(text="a")) == {"text": "a", "note": ""}
