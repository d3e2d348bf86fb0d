"""The distribution: an sdist and a wheel that pass twine's checks, and a wheel that runs on its own.

The wheel is installed into a fresh virtual environment (its dependencies come from the package index),
and the ``cspcore`` console script runs the demo from there, outside this source tree.
"""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def _run(*args: str | Path, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - our own interpreter and build tools
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, check=False, timeout=900
    )


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("build")
    out = tmp_path_factory.mktemp("dist")
    result = _run(sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", out)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out


def test_twine_accepts_the_sdist_and_the_wheel(dist: Path) -> None:
    pytest.importorskip("twine")
    files = sorted(dist.iterdir())
    assert sorted(f.suffix for f in files) == [".gz", ".whl"]
    result = _run(sys.executable, "-m", "twine", "check", "--strict", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_wheel_ships_types_and_every_catalog(dist: Path) -> None:
    wheel = next(dist.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "cspcore/py.typed" in names
    for language in ("en", "cs", "pl", "hu", "ja"):
        assert f"cspcore/i18n/locales/{language}/LC_MESSAGES/core.po" in names
    assert not any(name.startswith(("tests/", "benchmarks/")) for name in names)


def test_the_installed_wheel_runs_the_demo(dist: Path, tmp_path: Path) -> None:
    wheel = next(dist.glob("*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    install = _run(python, "-m", "pip", "install", "-q", wheel, cwd=tmp_path)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    demo = _run(env_dir / "bin" / "cspcore", "demo", "--locale", "cs_CZ", cwd=tmp_path)
    assert demo.returncode == 0, demo.stderr
    assert "cs_CZ" in demo.stdout
    where = _run(python, "-c", "import cspcore; print(cspcore.__file__)", cwd=tmp_path)
    assert str(env_dir) in where.stdout
