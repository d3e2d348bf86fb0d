from __future__ import annotations

import re
from pathlib import Path

from cspcore.i18n import CATALOG_LANGUAGES, messages, placeholders

SOURCES = Path(__file__).parents[3] / "src" / "cspcore" / "billing"
#: The modules (or packages) of the ledger and collections, by the name under ``billing/``.
MINE = ("ledger", "collections", "resale", "tax", "whatif", "terms_of_payment", "portfolio")


def sources() -> list[Path]:
    """Every source file of those modules and packages."""
    return [
        path
        for path in SOURCES.rglob("*.py")
        if path.relative_to(SOURCES).parts[0].removesuffix(".py") in MINE
    ]


def test_every_reason_code_of_the_ledger_and_collections_is_in_all_five_catalogs() -> None:
    codes = set()
    for path in sources():
        codes |= set(re.findall(r'Reason\(\s*(?:code=)?"([a-z_.]+)"', path.read_text(encoding="utf-8")))
    assert len(codes) >= 18
    english = messages("en", "billing")
    for language in CATALOG_LANGUAGES:
        catalog = messages(language, "billing")
        for code in codes:
            assert code in catalog, (language, code)
            assert placeholders(english[code]) == placeholders(catalog[code]), (language, code)
