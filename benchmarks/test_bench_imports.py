"""Import time against ``import attrs, babel``, each side in fresh interpreters (see ``import_time.py``).

The figures go into ``extra_info`` in the form of a paired benchmark's cold row (a fresh interpreter is
as cold as it gets; a warm import is a dictionary lookup, so there is no warm row), which
``ratios.py`` prints with its limit: 1.5 for importing the four area packages (issue 19), none for the
first use of every area and for loading every public name.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from import_time import JOBS, measure

ROUNDS = max(3, round(9 * float(os.environ.get("CSPCORE_BENCH_SCALE", "1"))))


@pytest.mark.parametrize("job", list(JOBS))
def test_import_time(benchmark: Any, job: str) -> None:
    benchmark.group = f"imports: {job} vs import attrs, babel"
    result = benchmark.pedantic(measure, args=(job, ROUNDS), rounds=1, iterations=1)
    benchmark.extra_info.update(
        {
            "size": 1,
            "rounds": result.rounds,
            "cold_case": result.wall,
            "cold_baseline": result.baseline_wall,
            "cold_ratio": result.wall_ratio,
            "cold_cpu_ratio": result.cpu_ratio,
            "warm_case": None,
            "warm_baseline": None,
            "warm_ratio": None,
            "limit": result.limit,
            "cold_limit": result.limit,
            "modules": [result.modules, result.baseline_modules],
        }
    )
