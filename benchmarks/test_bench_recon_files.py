"""Ratio benchmarks of the file reconcile end to end: both files parsed, paired and compared.

Each case reconciles two month files written by :func:`recon_scale.write_month` (24 columns, nearly
every amount distinct, shared keys, quoted qualifiers, 1 % a cent off, 0.5 % missing and 0.5 %
unexpected) with :func:`cspcore.interop.recon_files.reconcile_files`, against
:func:`recon_scale.plain_reconcile` (``csv`` and ``Decimal``, every expected line indexed) on the
same files; both give the same :data:`recon_scale.Answer`. The columnar case needs pyarrow (the
``columnar`` extra); the size is small here (``CSPCORE_BENCH_RECON_ROWS``, 20,000 rows by default):
the scale figures (100,000 to 10 million rows, with pandas and peak memory) are
``benchmarks/recon_scale.py``'s, run by hand (docs/benchmarks.md).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from paired import Case, bench
from recon_scale import Answer, cspcore_reconcile, plain_reconcile, write_month

if TYPE_CHECKING:
    import random

ROWS = int(os.environ.get("CSPCORE_BENCH_RECON_ROWS", "20000"))


def build(rng: random.Random, size: int) -> tuple[tuple[Path, Path], tuple[Path, Path]]:
    folder = Path(tempfile.mkdtemp(prefix="cspcore-bench-recon-"))
    paths = write_month(folder, size, seed=rng.randrange(2**31))
    return paths, paths


def cleanup(case_input: tuple[Path, Path], baseline_input: tuple[Path, Path]) -> None:
    del baseline_input
    shutil.rmtree(case_input[0].parent, ignore_errors=True)


def columnar(paths: tuple[Path, Path]) -> Answer:
    return cspcore_reconcile(*paths, engine="arrow")


def pure(paths: tuple[Path, Path]) -> Answer:
    return cspcore_reconcile(*paths, engine="pure")


def plain(paths: tuple[Path, Path]) -> Answer:
    return plain_reconcile(*paths)


HAVE_ARROW = importlib.util.find_spec("pyarrow") is not None


def _case(engine: str, side: Any, **limits: float) -> Case:
    """The paired case of one engine against the plain reconcile."""
    return Case(
        name=f"interop: reconcile two month files, {engine}",
        build=build,
        case=side,
        baseline=plain,
        cleanup=cleanup,
        size=ROWS,
        rounds=3,
        prime_size=50,
        **limits,  # type: ignore[arg-type]
    )


# a cold round also pays pyarrow's first calls (its kernels and patterns set up), a fixed cost that
# 20,000 rows do not hide; from 100,000 rows on, recon_scale.py's figures are the measure
COLUMNAR = _case("columnar", columnar, limit=1.5, cold_limit=2.0)
PURE = _case("pure", pure)

CASES = (COLUMNAR, PURE) if HAVE_ARROW else (PURE,)


@pytest.mark.skipif(not HAVE_ARROW, reason="the columnar path needs pyarrow (the columnar extra)")
def test_reconcile_files_columnar(benchmark: Any) -> None:
    bench(benchmark, COLUMNAR)


def test_reconcile_files_pure(benchmark: Any) -> None:
    bench(benchmark, PURE)
