from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from cspcore.billing import BillingFrequency, CancellationKind, ChargeType, ProrationRounding, Term
from cspcore.billing._demo import demo
from cspcore.i18n import CATALOG_LANGUAGES, SUPPORTED_LOCALES, label, messages, placeholders

if TYPE_CHECKING:
    import enum

SOURCES = Path(__file__).parents[3] / "src" / "cspcore" / "billing"
CODES = sorted(
    {
        code
        for path in SOURCES.rglob("*.py")
        for code in re.findall(r'Reason\(\s*"(billing\.[a-z0-9_.]+)"', path.read_text(encoding="utf-8"))
    }
)


def test_the_billing_sources_use_reason_codes() -> None:
    assert len(CODES) >= 15


@pytest.mark.parametrize("code", CODES)
def test_every_billing_reason_code_has_the_same_placeholders_in_all_five_catalogs(code: str) -> None:
    english = messages("en", "billing")[code]
    for language in CATALOG_LANGUAGES:
        assert placeholders(english) == placeholders(messages(language, "billing")[code]), language


@pytest.mark.parametrize(
    "enum_class", [Term, BillingFrequency, ChargeType, CancellationKind, ProrationRounding]
)
def test_every_billing_enum_member_has_a_label_in_every_language(enum_class: type[enum.Enum]) -> None:
    for member in enum_class:
        for language in CATALOG_LANGUAGES:
            assert f"label.{enum_class.__name__}.{member.name}" in messages(language, "billing")
    assert label(ChargeType.ADD_QUANTITY, locale="pl_PL") == "dodanie licencji"


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_the_demo_tells_a_year_of_a_subscription_in_each_locale(locale: str) -> None:
    text = demo(locale=locale)
    lines = text.splitlines()
    assert len(lines) == 3 + 14 + 1
    assert "Microsoft 365 Business Standard" in lines[0]
    assert "billing." not in text
    assert text == demo(locale=locale)
