"""docs/roles.md shows the tables the code generates (regenerate with ``REGENERATE_DOCS=1``)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cspcore.roles._docs import TABLES

PAGE = Path(__file__).parents[3] / "docs" / "roles.md"


def block(name: str) -> re.Pattern[str]:
    return re.compile(rf"(<!-- table:{name} -->\n)(.*?)(<!-- /table:{name} -->)", re.DOTALL)


def regenerate(text: str) -> str:
    for name, make in TABLES.items():
        table = make()

        def fill(found: re.Match[str], table: str = table) -> str:
            return f"{found.group(1)}{table}\n{found.group(3)}"

        text = block(name).sub(fill, text)
    return text


@pytest.mark.parametrize("name", list(TABLES))
def test_the_page_shows_the_generated_table(name: str) -> None:
    text = PAGE.read_text(encoding="utf-8")
    if os.environ.get("REGENERATE_DOCS"):
        PAGE.write_text(regenerate(text), encoding="utf-8")
        text = PAGE.read_text(encoding="utf-8")
    found = block(name).search(text)
    assert found is not None
    assert TABLES[name]() + "\n" == found.group(2)
