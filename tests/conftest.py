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
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

DOCTEST_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE
