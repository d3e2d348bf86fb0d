"""_attrs_checks: the attrs adapters refuse a misfit with InvalidInput naming the attribute, not TypeError."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from cspcore import InvalidInput
from cspcore._attrs_checks import attrs_instance_of, attrs_items_of, attrs_validator, instance, plain_text
from cspcore._validate import aware_datetime, date
from cspcore.errors import ErrorCode


@attrs.frozen
class Box:
    count: int = attrs.field(validator=attrs_instance_of(int))
    when: dt.date = attrs.field(default=dt.date(2024, 1, 1), validator=attrs_validator(date))
    label: str = attrs.field(default="x", converter=plain_text)


@attrs.frozen
class Answer:
    allowed: bool = attrs.field(validator=attrs_instance_of(bool))
    notes: tuple[str, ...] = attrs.field(default=(), validator=attrs_items_of(tuple, str))
    at: dt.datetime | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs_validator(aware_datetime))
    )
    counts: tuple[int, ...] = attrs.field(default=(), validator=attrs_items_of(tuple, int))
    kinds: frozenset[ErrorCode] = attrs.field(
        default=frozenset(), validator=attrs_items_of(frozenset, ErrorCode)
    )
    grid: tuple[tuple[int, ...], ...] = attrs.field(
        default=(), validator=attrs_items_of(tuple, tuple, each=attrs_items_of(tuple, int))
    )


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Box("3"), "count"),  # type: ignore[arg-type]
        (lambda: Box(3, when=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)), "when"),
        (lambda: Answer(1), "allowed"),  # type: ignore[arg-type]
        (lambda: Answer(True, notes=["ok"]), "notes"),  # type: ignore[arg-type]
        (lambda: Answer(True, notes=("ok", 2)), "notes[1]"),  # type: ignore[arg-type]
        (lambda: Answer(True, counts=(1, True)), "counts[1]"),
        (lambda: Answer(True, kinds=frozenset({"missing"})), "kinds"),  # type: ignore[arg-type]
        (lambda: Answer(True, kinds={ErrorCode.EMPTY}), "kinds"),  # type: ignore[arg-type]
        (lambda: Answer(True, grid=((1,), [2])), "grid[1]"),  # type: ignore[arg-type]
        (lambda: Answer(True, grid=((1,), (2, "3"))), "grid[1][1]"),  # type: ignore[arg-type]
    ],
)
def test_a_misfit_names_its_attribute(build: object, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        build()  # type: ignore[operator]
    assert (caught.value.field, caught.value.code) == (field, ErrorCode.WRONG_TYPE)


def test_a_naive_datetime_is_refused_as_naive() -> None:
    with pytest.raises(InvalidInput) as caught:
        Answer(True, at=dt.datetime(2024, 1, 1))  # noqa: DTZ001 - naive on purpose
    assert (caught.value.field, caught.value.code) == ("at", ErrorCode.NAIVE_DATETIME)


def test_values_that_fit_pass_and_text_is_stored_plain() -> None:
    class Loud(str):
        __slots__ = ()

    box = Box(3, label=Loud("y"))
    assert type(box.label) is str
    answer = Answer(
        True, ("ok",), dt.datetime(2024, 1, 1, tzinfo=dt.UTC), (1,), frozenset(ErrorCode), ((1, 2),)
    )
    assert answer.allowed is True


def test_instance_names_every_accepted_type() -> None:
    with pytest.raises(InvalidInput) as caught:
        instance("3", (int, dt.date), "n")
    assert caught.value.field == "n"
    assert instance(3, (int, dt.date), "n") == 3
