"""A refusal shows its value in a bounded form: a glance, whatever the caller passed.

``InvalidInput.shown_value`` is what the message prints after "got": at most 80 characters, a long
text cut, a long collection shown by its first items, and an integer of more than 200 bits by its
size alone (its repr would cost time on the way to a refusal, and Python refuses to write one of
more than 4,300 digits).
"""

from __future__ import annotations

import pytest

from cspcore.errors import InvalidInput


def shown(value: object) -> str | None:
    return InvalidInput("x", "refused", value).shown_value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2**199, repr(2**199)),  # 200 bits: still written out (60 digits)
        (-(2**199), repr(-(2**199))),
        (2**200, "<int of about 60 digits>"),  # 201 bits: its size alone
        (10**100, "<int of about 100 digits>"),
        (10**5000, "<int of about 5000 digits>"),
    ],
    ids=["200 bits", "200 bits, negative", "201 bits", "10**100", "10**5000"],
)
def test_an_integer_over_200_bits_is_shown_by_its_size(value: int, expected: str) -> None:
    assert shown(value) == expected


def test_a_long_text_is_cut_to_80_characters() -> None:
    text = shown("x" * 1000)
    assert text is not None
    assert len(text) == 80
    assert text.startswith("'xxx")
    assert text.endswith("...")
    assert shown("x" * 10) == repr("x" * 10)


def test_a_long_collection_is_shown_by_its_first_items() -> None:
    assert shown(list(range(20))) == "[0, 1, 2, 3, 4, 5, 6, 7, ...]"
    assert shown(tuple(range(8))) == repr(tuple(range(8)))  # eight items: all of them


def test_a_value_whose_repr_fails_is_shown_by_its_type() -> None:
    class Hostile:
        def __repr__(self) -> str:
            raise RuntimeError

    assert shown(Hostile()) == "<Hostile object>"
