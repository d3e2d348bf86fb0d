"""The command-line shell: the only place in cspcore that reads files, the clock or the terminal.

Commands (one module each):

* ``cspcore demo [--locale LOCALE]``: walks the embedded sample partner through cspcore's areas
  (:mod:`cspcore.cli.demos`).
* ``cspcore whatif [POLICY...] [--plot OUT.png]``: compares collections policies (presets or files) on the
  embedded sample portfolio and prints the summary table (:mod:`cspcore.cli.whatif`).
* ``cspcore rate SUBSCRIPTION.toml``: rates a subscription history into reconciliation-style CSV
  (:mod:`cspcore.cli.rate`).
* ``cspcore reconcile EXPECTED.csv ACTUAL.csv``: reconciles two reconciliation files (exit 1 on any
  difference; :mod:`cspcore.cli.reconcile`).
* ``cspcore explain-charge RECON.csv [--locale cs_CZ]``: explains each charge to the customer
  (:mod:`cspcore.cli.explain`).
* ``cspcore --version``.

Every command takes ``--locale``: its sentences and numbers follow the locale, and a locale without a
translation is said to be one on stderr (:mod:`cspcore.cli.words`).

Bad flags and bad input print one line on stderr and exit with status 2; no traceback
(:mod:`cspcore.cli.flags`, :mod:`cspcore.cli.app`). Files are read within bounds
(:mod:`cspcore.cli.files`).

Everything printed that came from a file passes :func:`terminal_text` (no control characters,
escape sequences or bidi overrides reach the terminal) and every CSV cell written passes
:func:`csv_cell` (no text cell starts a spreadsheet formula); both live in :mod:`cspcore.cli.safety`.
"""

from __future__ import annotations

from cspcore.cli.app import build_parser, main
from cspcore.cli.demos import demo, money_section
from cspcore.cli.files import MAX_FILE_BYTES
from cspcore.cli.flags import USAGE_ERROR
from cspcore.cli.progress import Progress
from cspcore.cli.safety import FORMULA_STARTS, csv_cell, terminal_text

__all__ = [
    "FORMULA_STARTS",
    "MAX_FILE_BYTES",
    "USAGE_ERROR",
    "Progress",
    "build_parser",
    "csv_cell",
    "demo",
    "main",
    "money_section",
    "terminal_text",
]
