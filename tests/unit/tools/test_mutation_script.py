"""tools/mutation.py: the time limit of a CI run interrupts mutmut the way Ctrl-C does."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).parents[3]
CHILD = """
import sys, time
try:
    time.sleep(60)
except KeyboardInterrupt:
    open(sys.argv[1], "w").write("interrupted")
"""


def test_a_run_past_its_time_limit_is_interrupted_so_mutmut_can_keep_its_results(
    tmp_path: Path, mutation_tool: ModuleType
) -> None:
    marker = tmp_path / "marker"
    command = [sys.executable, "-c", CHILD, str(marker)]
    mutation_tool._run_for_at_most(command, cwd=tmp_path, env=dict(os.environ), seconds=5)
    assert marker.read_text() == "interrupted"


def test_a_run_is_interrupted_even_where_ctrl_c_was_ignored(
    tmp_path: Path, mutation_tool: ModuleType
) -> None:
    # A shell ignores SIGINT in its background jobs, and mutmut's fork server ignores it in the tests it
    # runs: mutmut must still get Ctrl-C's default action, or the time limit could not stop it gently.
    marker = tmp_path / "marker"
    command = [sys.executable, "-c", CHILD, str(marker)]
    was = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        mutation_tool._run_for_at_most(command, cwd=tmp_path, env=dict(os.environ), seconds=5)
    finally:
        signal.signal(signal.SIGINT, was)
    assert marker.read_text() == "interrupted"


def test_a_run_without_a_limit_finishes_on_its_own(tmp_path: Path, mutation_tool: ModuleType) -> None:
    marker = tmp_path / "marker"
    command = [sys.executable, "-c", "import sys; open(sys.argv[1], 'w').write('done')", str(marker)]
    mutation_tool._run_for_at_most(command, cwd=tmp_path, env=dict(os.environ), seconds=None)
    assert marker.read_text() == "done"


def test_the_interrupt_reaches_the_workers_mutmut_forked(tmp_path: Path, mutation_tool: ModuleType) -> None:
    worker = tmp_path / "worker"
    spawn = f"subprocess.Popen([sys.executable, '-c', {CHILD!r}, {str(worker)!r}])"
    parent = f"import subprocess, sys\n{spawn}\n{CHILD}"
    command = [sys.executable, "-c", parent, str(tmp_path / "parent")]
    mutation_tool._run_for_at_most(command, cwd=tmp_path, env=dict(os.environ), seconds=5)
    for _ in range(100):  # the worker is not waited for: give it a moment to write
        if worker.exists():
            break
        time.sleep(0.1)
    assert worker.read_text() == "interrupted"
