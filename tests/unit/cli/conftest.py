"""A subscription history file and its rated CSV, shared by the shell's tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from cspcore.cli import main

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

#: A month of seats: bought on 18 June, two added on 20 June (a refund and a new line), rated to August.
HISTORY = """
through = 2024-08-31

[subscription]
id = "sub-1"
product = {product}
start = 2024-06-18
term = "P1Y"
frequency = "monthly"
quantity = 10
unit_price = "10.08"
currency = "EUR"

[[events]]
kind = "change_quantity"
on = 2024-06-20
quantity = 12
"""


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """The history file, for the product Microsoft 365 Business Standard."""
    path = tmp_path / "sub.toml"
    path.write_text(HISTORY.format(product='"Microsoft 365 Business Standard"'), encoding="utf-8")
    return path


@pytest.fixture
def rated(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Callable[[str], str]:
    """The CSV that ``cspcore rate`` prints for the history with ``product`` (a TOML string literal)."""

    def rate(product: str) -> str:
        path = tmp_path / "product.toml"
        path.write_text(HISTORY.format(product=product), encoding="utf-8")
        assert main(["rate", str(path)]) == 0
        return capsys.readouterr().out

    return rate
