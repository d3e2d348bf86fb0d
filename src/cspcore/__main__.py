"""``python -m cspcore``: the command-line shell."""

from cspcore.cli import main

raise SystemExit(main())
