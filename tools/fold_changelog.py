"""Fold a changelog fragment (changelog.d/<area>.md) into CHANGELOG.md under [Unreleased], then delete it.

Usage: python tools/fold_changelog.py changelog.d/roles.md

A bullet runs on over its indented lines, blank lines between them included (a nested list, or a
paragraph inside the bullet), up to the next bullet or heading.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
CANONICAL = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]


def read_sections(text: str, sections: dict[str, list[str]], order: list[str]) -> None:
    """Add the bullets of ``text``, each with its continuation lines, to ``sections`` by heading."""
    current = None
    blanks = 0  # blank lines seen since the last line of the current bullet
    for line in text.splitlines():
        if line.startswith("### "):
            current = line[4:].strip()
            if current not in sections:
                order.append(current)
                sections[current] = []
            blanks = 0
        elif current and line.startswith("- "):
            sections[current].append(line)
            blanks = 0
        elif not line.strip():
            blanks += 1
        elif current and line.startswith("  ") and sections[current]:
            sections[current][-1] += "\n" * (blanks + 1) + line  # a bullet over several lines
            blanks = 0


def fold(fragment: Path, changelog: Path = ROOT / "CHANGELOG.md") -> None:
    """Add the fragment's bullets to the matching headings of the [Unreleased] section."""
    text = changelog.read_text("utf-8")
    head, rest = text.split("## [Unreleased]\n", 1)
    unreleased = re.split(r"(?m)^(?=## \[|\[Unreleased\]:)", rest, maxsplit=1)[0]
    tail = rest[len(unreleased) :]
    sections: dict[str, list[str]] = {}
    order: list[str] = []
    read_sections(unreleased, sections, order)
    read_sections(fragment.read_text("utf-8"), sections, order)
    order.sort(key=lambda name: CANONICAL.index(name) if name in CANONICAL else len(CANONICAL))
    body = "".join(f"### {name}\n\n" + "\n".join(sections[name]) + "\n\n" for name in order if sections[name])
    changelog.write_text(f"{head}## [Unreleased]\n\n{body}{tail}", "utf-8")
    fragment.unlink()


if __name__ == "__main__":
    for name in sys.argv[1:]:
        fold(Path(name))
