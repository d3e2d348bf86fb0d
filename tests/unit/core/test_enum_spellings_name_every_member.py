"""A constructor that takes an enum also takes its spellings: each ``<Enum>Spelling`` lists exactly the
enum's values and member names, so that the static type and the members never drift apart."""

from __future__ import annotations

import importlib
import pkgutil
import typing

import pytest

import cspcore

if typing.TYPE_CHECKING:
    import enum


def _spellings() -> list[tuple[str, object, type[enum.Enum]]]:
    found = []
    for info in pkgutil.walk_packages(cspcore.__path__, "cspcore."):
        if "._" in info.name or ".cli" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name in getattr(module, "__all__", ()):
            if name.endswith("Spelling"):
                owner = getattr(module, name.removesuffix("Spelling"))
                found.append((f"{info.name}.{name}", getattr(module, name), owner))
    return found


SPELLINGS = _spellings()


def test_every_enum_a_constructor_reads_by_name_has_its_spelling() -> None:
    assert len(SPELLINGS) >= 17


@pytest.mark.parametrize(("name", "alias", "owner"), SPELLINGS, ids=[name for name, _, _ in SPELLINGS])
def test_a_spelling_is_the_values_and_names_of_its_enum(
    name: str, alias: object, owner: type[enum.Enum]
) -> None:
    assert typing.get_origin(alias) is typing.Literal, name
    # members by value or name; an alias name (SupportPlan.SIGNATURE_CLOUD_SUPPORT) is not looked up
    expected = {str(member.value) for member in owner} | {member.name for member in owner}
    assert expected == set(typing.get_args(alias))


@pytest.mark.parametrize(("name", "alias", "owner"), SPELLINGS, ids=[name for name, _, _ in SPELLINGS])
def test_every_spelling_finds_its_member(name: str, alias: object, owner: type[enum.Enum]) -> None:
    for spelling in typing.get_args(alias):
        assert isinstance(owner(spelling), owner), (name, spelling)
