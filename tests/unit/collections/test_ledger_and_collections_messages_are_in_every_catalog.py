from __future__ import annotations

import re
from pathlib import Path

from cspcore.i18n import CATALOG_LANGUAGES, messages, placeholders

SOURCES = Path(__file__).parents[3] / "src" / "cspcore" / "billing"
MINE = (
    *(f"ledger/{path.name}" for path in sorted((SOURCES / "ledger").glob("*.py"))),
    "collections.py",
    "resale.py",
    "tax.py",
    "whatif.py",
    "terms_of_payment.py",
    "portfolio.py",
)


def test_every_reason_code_of_the_ledger_and_collections_is_in_all_five_catalogs() -> None:
    codes = set()
    for name in MINE:
        codes |= set(re.findall(r'Reason\(\s*"([a-z_.]+)"', (SOURCES / name).read_text(encoding="utf-8")))
    assert len(codes) >= 18
    english = messages("en", "billing")
    for language in CATALOG_LANGUAGES:
        catalog = messages(language, "billing")
        for code in codes:
            assert code in catalog, (language, code)
            assert placeholders(english[code]) == placeholders(catalog[code]), (language, code)
