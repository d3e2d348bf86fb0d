"""_attrs_checks: the attrs adapters refuse a misfit with InvalidInput naming the attribute, not TypeError."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from cspcore import InvalidInput
from cspcore._attrs_checks import annotated_fields, attrs_instance_of, attrs_validator, instance, plain_text
from cspcore._validate import date
from cspcore.errors import ErrorCode


@attrs.frozen
class Box:
    count: int = attrs.field(validator=attrs_instance_of(int))
    when: dt.date = attrs.field(default=dt.date(2024, 1, 1), validator=attrs_validator(date))
    label: str = attrs.field(default="x", converter=plain_text)


@attrs.frozen
class Answer:
    allowed: bool
    notes: tuple[str, ...] = ()
    at: dt.datetime | None = None

    def __attrs_post_init__(self) -> None:
        annotated_fields(self)


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: Box("3"), "count"),  # type: ignore[arg-type]
        (lambda: Box(3, when=dt.datetime(2024, 1, 1, tzinfo=dt.UTC)), "when"),
        (lambda: Answer(1), "allowed"),  # type: ignore[arg-type]
        (lambda: Answer(True, notes=("ok", 2)), "notes"),  # type: ignore[arg-type]
        (lambda: Answer(True, at=dt.datetime(2024, 1, 1)), "at"),  # noqa: DTZ001 - naive on purpose
    ],
)
def test_a_misfit_names_its_attribute(build: object, field: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        build()  # type: ignore[operator]
    assert (caught.value.field, caught.value.code) == (field, ErrorCode.WRONG_TYPE)


def test_values_that_fit_pass_and_text_is_stored_plain() -> None:
    class Loud(str):
        __slots__ = ()

    box = Box(3, label=Loud("y"))
    assert type(box.label) is str
    assert Answer(True, ("ok",), dt.datetime(2024, 1, 1, tzinfo=dt.UTC)).allowed is True


def test_instance_names_every_accepted_type() -> None:
    with pytest.raises(InvalidInput) as caught:
        instance("3", (int, dt.date), "n")
    assert caught.value.field == "n"
    assert instance(3, (int, dt.date), "n") == 3
