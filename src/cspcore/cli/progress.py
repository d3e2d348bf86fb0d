"""Drawing on a terminal: a progress bar and colours, both only when the stream is a terminal."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from typing import TextIO

__all__ = ["Progress", "paint"]

_COLOURS: Final = {"red": "31", "cyan": "36", "bold": "1"}


def paint(text: str, colour: str, stream: TextIO) -> str:
    """Colour ``text`` for a terminal; plain when piped or when NO_COLOR is set (https://no-color.org)."""
    if not stream.isatty() or os.environ.get("NO_COLOR"):
        return text
    return f"\x1b[{_COLOURS[colour]}m{text}\x1b[0m"


class Progress:
    """A one-line progress bar on a terminal; nothing at all when the stream is piped or redirected.

    Args:
        total: How many steps the work has.
        label: What is being done.
        stream: Where to draw (standard error by default).
        enabled: Force drawing on or off; by default, only when ``stream`` is a terminal.
    """

    WIDTH = 24

    def __init__(
        self, total: int, label: str, *, stream: TextIO | None = None, enabled: bool | None = None
    ) -> None:
        self.total = max(total, 1)
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = self.stream.isatty() if enabled is None else enabled
        self.done = 0

    def advance(self, steps: int = 1) -> None:
        """Record finished steps and redraw."""
        self.done = min(self.total, self.done + steps)
        if self.enabled:
            filled = self.WIDTH * self.done // self.total
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            percent = 100 * self.done // self.total
            self.stream.write(f"\r{paint(self.label, 'cyan', self.stream)} [{bar}] {percent:3d}%")
            self.stream.flush()

    def close(self) -> None:
        """Erase the bar, leaving the terminal as it was."""
        if self.enabled:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
