"""Fold a changelog fragment (changelog.d/<area>.md) into CHANGELOG.md under [Unreleased], then delete it.

Usage: python tools/fold_changelog.py changelog.d/roles.md
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]


def fold(fragment: Path) -> None:
    """Add the fragment's bullets to the matching headings of the [Unreleased] section."""
    changelog = ROOT / "CHANGELOG.md"
    text = changelog.read_text("utf-8")
    head, rest = text.split("## [Unreleased]\n", 1)
    unreleased, tail = re.split(r"(?m)^(?=## \[|\[Unreleased\]:)", rest, maxsplit=1)[0], rest
    tail = rest[len(unreleased) :]
    sections: dict[str, list[str]] = {}
    order: list[str] = []
    current = None
    for line in unreleased.splitlines():
        if line.startswith("### "):
            current = line[4:].strip()
            order.append(current)
            sections[current] = []
        elif current and line.startswith("- "):
            sections[current].append(line)
        elif current and line.startswith("  ") and line.strip() and sections[current]:
            sections[current][-1] += "\n" + line  # a bullet wrapped over several lines
    current = None
    for line in fragment.read_text("utf-8").splitlines():
        if line.startswith("### "):
            current = line[4:].strip()
            if current not in sections:
                order.append(current)
                sections[current] = []
        elif current and line.startswith("- "):
            sections[current].append(line)
        elif current and line.startswith("  ") and line.strip() and sections[current]:
            sections[current][-1] += "\n" + line
    canonical = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]
    order.sort(key=lambda name: canonical.index(name) if name in canonical else len(canonical))
    body = "".join(f"### {name}\n\n" + "\n".join(sections[name]) + "\n\n" for name in order if sections[name])
    changelog.write_text(f"{head}## [Unreleased]\n\n{body}{tail}", "utf-8")
    fragment.unlink()


if __name__ == "__main__":
    for name in sys.argv[1:]:
        fold(Path(name))
