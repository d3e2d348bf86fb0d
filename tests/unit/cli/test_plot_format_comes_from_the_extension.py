"""``--plot`` writes the format its extension names; an unknown one or no matplotlib is refused first."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import pytest

from cspcore.cli import main, whatif

if TYPE_CHECKING:
    from pathlib import Path

_SMALL = ["lenient", "--accounts", "3", "--end", "2024-02-29"]


@pytest.mark.parametrize(
    ("name", "magic"),
    [("chart.svg", b"<?xml"), ("chart.pdf", b"%PDF"), ("chart.JPG", b"\xff\xd8"), ("c.png", b"\x89PNG")],
)
def test_the_extension_picks_the_format(
    name: str, magic: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    assert main(["whatif", *_SMALL, "--plot", str(path)]) == 0
    capsys.readouterr()
    assert path.read_bytes().startswith(magic)


@pytest.fixture
def no_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any simulation fail the test: a refusal must come before the work."""

    def work(*_args: object, **_kwargs: object) -> None:
        pytest.fail("the work started before the flag was refused")

    monkeypatch.setattr(whatif, "compare", work)
    monkeypatch.setattr(whatif, "_sample", work)


@pytest.mark.usefixtures("no_work")
@pytest.mark.parametrize("name", ["chart.xyz", "chart", "chart.pgf"])
def test_an_unknown_format_is_refused_before_any_work(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["whatif", "--plot", str(tmp_path / name)]) == 2
    err = capsys.readouterr().err
    assert "--plot" in err
    assert "png" in err  # the formats it can write
    assert not (tmp_path / name).exists()


@pytest.mark.usefixtures("no_work")
def test_a_missing_matplotlib_is_reported_before_any_work_with_the_pip_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now raises ImportError
    assert main(["whatif", "--plot", str(tmp_path / "chart.png")]) == 2
    err = capsys.readouterr().err
    assert "--plot" in err
    assert "pip install 'cspcore[whatif]'" in err


def test_the_formats_are_matplotlibs_but_pgf() -> None:
    from matplotlib.backend_bases import FigureCanvasBase

    assert set(whatif.plot_formats()) == set(FigureCanvasBase.get_supported_filetypes()) - {"pgf"}
