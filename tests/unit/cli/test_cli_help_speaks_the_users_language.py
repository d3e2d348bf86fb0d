"""``--help`` speaks the user's language: asked in cs, pl, hu or ja, no English word is printed.

The top level's help and every command's (the one-liners, every flag's help, argparse's headings,
``rate``'s reference of the history file) are checked with the detector of
``test_cli_speaks_the_users_language``. What stays as written is syntax and data: the flags and
the metavariables (``--accounts ACCOUNTS``, ``SUBSCRIPTION.toml``), the command names, and the
history file's tables, keys, event kinds, choices and example values.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from tests.unit.cli.test_cli_speaks_the_users_language import LOCALES, english_words

from cspcore.billing import BillingFrequency, ProductFamily, ProrationRounding
from cspcore.billing.history import EVENT_KINDS, history_schema
from cspcore.cli import main

if TYPE_CHECKING:
    from collections.abc import Sequence

COMMANDS = ("demo", "whatif", "rate", "reconcile", "explain-charge")
#: The history file's names, which a translated reference keeps: tables, keys, kinds and choices.
NAMES = frozenset(
    {
        *(table for table in history_schema() if table),
        *(key.name for keys in history_schema().values() for key in keys),
        *EVENT_KINDS,
        *(
            member.name.lower()
            for kind in (BillingFrequency, ProductFamily, ProrationRounding)
            for member in kind
        ),
        "events",
        "kind",
        "cspcore",
        *COMMANDS,
    }
)
#: Syntax: flags, command names, metavariables (upper-case words, perhaps with an extension) and
#: quoted values.
SYNTAX = re.compile(
    rf"(?<![\w-])(?:-{{1,2}}[A-Za-z][\w-]*|{'|'.join(COMMANDS)})(?![\w-])"
    r"|\b[A-Z]{2,}(?:\.[a-z]+)?\b|\"[^\"]*\""
)


def _help(args: list[str], capsys: pytest.CaptureFixture[str], *, locale: Sequence[str] = ()) -> str:
    """The help of ``args`` (a command, or none for the top level), ``locale`` (its flag) after it."""
    assert main([*args, "--help", *locale]) == 0
    return capsys.readouterr().out


def _english(text: str, locale: str) -> dict[str, list[str]]:
    """The lines of a help that hold English words, with those words (syntax and data left out)."""
    found = {}
    for line in text.splitlines():
        words = [
            word for word in english_words(SYNTAX.sub(" ", line), locale) if word.casefold() not in NAMES
        ]
        if words:
            found[line] = words
    return found


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_the_help_speaks_the_users_language(
    command: str, locale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [command] if command else []
    text = _help(args, capsys, locale=["--locale", locale])
    assert text != _help(args, capsys)
    assert _english(text, locale) == {}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_the_detector_finds_the_english_help(
    command: str, locale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    english = _english(_help([command] if command else [], capsys), locale)
    assert len(english) >= 2  # the -h line and the command's own sentences at least


@pytest.mark.parametrize("spelling", [["--locale", "ja_JP"], ["--locale=ja_JP"]])
def test_the_locale_is_read_wherever_it_stands_after_the_command(
    spelling: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["reconcile", *spelling, "--help"]) == 0
    before = capsys.readouterr().out
    assert main(["reconcile", "--help", *spelling]) == 0
    assert capsys.readouterr().out == before
    assert before.startswith("使い方: cspcore reconcile")


def test_an_unknown_locale_gives_the_english_help(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(["demo"], capsys, locale=["--locale", "xx_YY"])
    assert text == _help(["demo"], capsys)
    assert text.startswith("usage: cspcore demo")
    assert "show this help message and exit" in text
