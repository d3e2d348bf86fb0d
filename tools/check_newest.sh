#!/usr/bin/env bash
# Check cspcore against the newest releases of its dependencies and tools (not run by CI).
#
# The README's second command and .ci/run install the versions pinned in constraints.txt, so that a
# check is reproducible. This script does the opposite: a fresh venv, every dependency at its newest
# release (no constraints), then the test suite, so that a release that changes a result shows up
# before users meet it. Pass pytest arguments to run part of the suite:
#
#   tools/check_newest.sh                            # the whole suite
#   tools/check_newest.sh tests/unit/core -q         # a part of it
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${CSPCORE_NEWEST_VENV:-${TMPDIR:-/tmp}/cspcore-newest}"
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install -q -U pip
"$venv/bin/python" -m pip install -q -U -e ".[test,dev]"
"$venv/bin/python" -m pip list --format=freeze | grep -iE '^(attrs|babel|cattrs|hypothesis|pytest)=' || true
"$venv/bin/python" -m pytest "$@"
