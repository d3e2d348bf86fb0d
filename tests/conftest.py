"""Test configuration: Hypothesis profiles and the collection of docs examples."""

from __future__ import annotations

import datetime as dt
import os
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from hypothesis import HealthCheck, settings

# `dev` is quick for the edit-test loop; `ci` runs enough examples to find real bugs, with a deadline
# that a slow, busy 2-core machine still meets. CI sets CI=true; HYPOTHESIS_PROFILE overrides both.
settings.register_profile("dev", max_examples=60, deadline=dt.timedelta(milliseconds=800))
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=dt.timedelta(seconds=3),
    suppress_health_check=[HealthCheck.too_slow],
    print_blob=True,
)
# `mutation` is for mutmut, which runs each mutant's tests on a loaded machine: no deadline (a slow
# mutant must not count as killed by the clock), derandomized (a kill is reproducible), fewer examples.
settings.register_profile(
    "mutation",
    max_examples=30,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

DOCTEST_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE
