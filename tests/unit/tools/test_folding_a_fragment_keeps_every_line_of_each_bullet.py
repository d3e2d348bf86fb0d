"""tools/fold_changelog.py: a fragment's bullets land under [Unreleased] whole, and nothing else moves.

A bullet runs on over its indented lines, blank lines inside it included (a nested list followed by
a paragraph of the same bullet), so folding never joins or drops a line of one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType

CHANGELOG = """# Changelog

## [Unreleased]

### Fixed

- A bullet with a nested list:
  - one;
  - two.

  And a paragraph of the same bullet after a blank line.
- A plain bullet.

## [0.1.0] - 2026-01-01

### Added

- The first release.

[Unreleased]: https://example.org/compare
"""


def _fold(tool: ModuleType, tmp_path: Path, changelog: str, fragment: str) -> str:
    book = tmp_path / "CHANGELOG.md"
    book.write_text(changelog, "utf-8")
    piece = tmp_path / "piece.md"
    piece.write_text(fragment, "utf-8")
    tool.fold(piece, book)
    assert not piece.exists()
    return book.read_text("utf-8")


def test_an_empty_fragment_leaves_the_changelog_as_it_was(fold_tool: ModuleType, tmp_path: Path) -> None:
    assert _fold(fold_tool, tmp_path, CHANGELOG, "") == CHANGELOG


def test_folding_is_stable_once_folded(fold_tool: ModuleType, tmp_path: Path) -> None:
    once = _fold(fold_tool, tmp_path, CHANGELOG, "### Added\n\n- New.\n\n  Its second paragraph.\n")
    assert _fold(fold_tool, tmp_path, once, "") == once


def test_a_fragment_adds_its_bullets_under_their_headings_in_keep_a_changelog_order(
    fold_tool: ModuleType, tmp_path: Path
) -> None:
    fragment = "### Fixed\n\n- Another fix,\n  wrapped.\n\n### Added\n\n- A feature:\n  - a;\n\n  done.\n"
    folded = _fold(fold_tool, tmp_path, CHANGELOG, fragment)
    unreleased = folded.split("## [Unreleased]\n", 1)[1].split("## [0.1.0]", 1)[0]
    assert unreleased == (
        "\n### Added\n\n- A feature:\n  - a;\n\n  done.\n\n"
        "### Fixed\n\n- A bullet with a nested list:\n  - one;\n  - two.\n\n"
        "  And a paragraph of the same bullet after a blank line.\n- A plain bullet.\n"
        "- Another fix,\n  wrapped.\n\n"
    )
    assert folded.endswith(CHANGELOG.split("## [0.1.0]", 1)[1])
