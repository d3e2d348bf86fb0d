"""The shell's own messages are in the ``cli`` catalog domain; the core packages' catalogs hold none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cspcore.cli
from cspcore.i18n import CATALOG_LANGUAGES, DOMAINS, messages, placeholders

SHELL = Path(cspcore.cli.__file__).parent
CODE = re.compile(r'Reason\(\s*(?:code=)?"([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)"')
#: say("cli.demo.money.title") in the money section and message("cli.progress.simulating", ...) in the
#: commands render a code through a helper.
SAID = re.compile(r'(?:say|message)\(\s*"(cli\.[a-z0-9_.]+)"')


def _codes_of_the_shell() -> set[str]:
    found: set[str] = set()
    for path in SHELL.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found |= set(CODE.findall(text)) | set(SAID.findall(text))
    return found


def test_the_scan_finds_every_demo_section() -> None:
    sections = {code.split(".")[2] for code in _codes_of_the_shell() if code.startswith("cli.demo.")}
    assert sections == {"money", "billing", "interop", "ledger", "roles", "support"}


def test_the_scan_finds_the_commands_messages() -> None:
    commands = {"cli.progress.simulating", "cli.reconcile.differs", "cli.locale.fallback"}
    assert commands <= _codes_of_the_shell()


def test_every_message_the_shell_renders_is_in_the_cli_domain() -> None:
    assert {code.split(".")[0] for code in _codes_of_the_shell()} == {"cli"}


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_every_shell_code_is_in_each_cli_catalog_with_the_english_placeholders(language: str) -> None:
    english = messages("en", "cli")
    catalog = messages(language, "cli")
    assert set(catalog) == set(english)
    for code in _codes_of_the_shell():
        assert code in catalog, code
        assert placeholders(english[code]) == placeholders(catalog[code]), code


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
@pytest.mark.parametrize("domain", [domain for domain in DOMAINS if domain != "cli"])
def test_no_core_catalog_holds_a_demo_message(domain: str, language: str) -> None:
    assert [code for code in messages(language, domain) if ".demo." in code] == []
