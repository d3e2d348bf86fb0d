"""In a real terminal (tmux) the CLI draws its progress bar and colours; piped, it draws neither."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

SRC = str(Path(__file__).parents[3] / "src")
pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout  # noqa: S603, S607


def test_progress_bar_and_colours_on_a_terminal(tmp_path: Path) -> None:
    session = f"cspcore-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "terminal.log"
    run = f"PYTHONPATH={SRC} {sys.executable} -m cspcore"
    command = f"sleep 1; {run} whatif --accounts 30; {run} demo --locale xx; echo END-OF-TEST; sleep 60"
    _tmux("new-session", "-d", "-s", session, "-x", "160", "-y", "40", "bash", "-c", command)
    try:
        _tmux("pipe-pane", "-t", session, "-o", f"cat >> {log}")  # every byte the terminal receives
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and "END-OF-TEST" not in (log.read_text() if log.exists() else ""):
            time.sleep(0.3)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], check=False)  # noqa: S603, S607
    terminal = log.read_text()
    assert "\x1b[36msimulating\x1b[0m [" in terminal  # the bar, its label in cyan
    assert "100%" in terminal
    assert "\x1b[31mcspcore: error:\x1b[0m argument --locale" in terminal  # errors in red on a terminal


def test_piped_output_has_no_escape_codes() -> None:
    env = {**os.environ, "PYTHONPATH": SRC}
    result = subprocess.run(
        [sys.executable, "-m", "cspcore", "whatif", "--accounts", "5", "lenient"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0
    assert "\x1b" not in result.stdout
    assert "\x1b" not in result.stderr
    assert result.stderr == ""
