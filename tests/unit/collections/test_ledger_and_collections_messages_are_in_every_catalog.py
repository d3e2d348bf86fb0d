from __future__ import annotations

import re
from pathlib import Path

import pytest

from cspcore.billing._demo_ledger import demo
from cspcore.i18n import CATALOG_LANGUAGES, SUPPORTED_LOCALES, messages, placeholders

SOURCES = Path(__file__).parents[3] / "src" / "cspcore" / "billing"
MINE = (
    "ledger.py",
    "collections.py",
    "resale.py",
    "tax.py",
    "whatif.py",
    "terms_of_payment.py",
    "portfolio.py",
)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_the_demo_shows_each_sample_account_in_every_locale(locale: str) -> None:
    text = demo(locale=locale)
    assert all(name in text for name in ("Contoso", "Fabrikam", "Northwind"))
    assert "billing." not in text
    assert "{" not in text


def test_the_demo_puts_the_unpaid_account_in_a_severe_stage() -> None:
    lines = demo(locale="en_US").splitlines()
    northwind = next(line for line in lines if line.startswith("Northwind"))
    contoso = next(line for line in lines if line.startswith("Contoso"))
    assert "suspend" in northwind
    assert "| - | -" in contoso


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
