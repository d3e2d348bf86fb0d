"""``cspcore whatif`` draws a progress bar on a terminal while it builds the sample and simulates."""

from __future__ import annotations

import gc
import io
from typing import TYPE_CHECKING

from cspcore.cli import main

if TYPE_CHECKING:
    import pytest


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_sample_build_and_the_simulation_each_draw_a_bar_on_a_terminal(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    screen = Terminal()
    monkeypatch.setattr("sys.stderr", screen)
    assert main(["whatif", "--accounts", "2500", "--end", "2024-03-31", "lenient"]) == 0
    drawn = screen.getvalue()
    assert "building the sample portfolio" in drawn
    assert "simulating" in drawn
    assert "[########################] 100%" in drawn
    assert capsys.readouterr().out.startswith("policy")


def test_the_garbage_collector_is_as_it_was_after_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    before = gc.get_freeze_count()
    assert main(["whatif", "--accounts", "3", "--end", "2024-01-31", "strict"]) == 0
    capsys.readouterr()
    assert gc.isenabled()
    assert gc.get_freeze_count() == before
