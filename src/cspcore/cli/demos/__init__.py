"""``cspcore demo``: the embedded sample partner walked through every area of cspcore.

Each section is a module of this package with a ``demo(*, locale)`` function (the money section's
is :func:`~cspcore.cli.demos.money.money_section`); their messages are in the ``cli`` catalog domain
(``cspcore/i18n/locales/<language>/LC_MESSAGES/cli.po``), under the codes ``cli.demo.<section>.*``.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Final

from cspcore.cli.demos import billing, interop, ledger, roles, support
from cspcore.cli.demos.money import money_section
from cspcore.cli.words import DEFAULT_LOCALE, add_locale, announce, message
from cspcore.i18n import locale_of

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable

__all__ = ["HELP", "SECTIONS", "add_arguments", "demo", "money_section", "run"]

HELP: Final = "walk the embedded sample partner through every area"

#: The sections, in the order shown.
SECTIONS: Final[tuple[Callable[..., str], ...]] = (
    money_section,
    billing.demo,
    interop.demo,
    ledger.demo,
    roles.demo,
    support.demo,
)


def demo(*, locale: str) -> str:
    """The whole demo text for ``locale``."""
    locale_of(locale)  # refuse an unknown locale before printing anything
    return "\n\n".join(section(locale=locale) for section in SECTIONS)


def add_arguments(parser: argparse.ArgumentParser, *, locale: str = DEFAULT_LOCALE) -> None:
    """The command's flag: the locale (its help in ``locale``)."""
    add_locale(parser, purpose=message("cli.help.locale.demo", locale=locale), locale=locale)


def run(args: argparse.Namespace) -> int:
    """Print the demo in the chosen locale."""
    announce(args.locale)
    sys.stdout.write(demo(locale=args.locale) + "\n")
    return 0
