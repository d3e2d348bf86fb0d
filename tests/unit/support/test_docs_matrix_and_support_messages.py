from __future__ import annotations

import re
from pathlib import Path

import pytest

from cspcore.i18n import SUPPORTED_LOCALES, messages
from cspcore.support import escalation_matrix
from cspcore.support._demo import demo

ROOT = Path(__file__).resolve().parents[3]


def test_docs_matrix_is_the_one_the_code_computes() -> None:
    page = (ROOT / "docs" / "support.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- matrix:start -->\n(.*?)\n<!-- matrix:end -->", page, re.DOTALL)
    assert found is not None
    assert escalation_matrix() == found.group(1)


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_demo_routes_the_samples_in_every_locale(locale: str) -> None:
    text = demo(locale=locale)
    assert sum(line.startswith("- ") for line in text.splitlines()) == 4
    assert "{" not in text
    assert "label." not in text


def test_demo_counts_business_hours_across_easter_and_dst() -> None:
    assert "4/2/24, 4:00\u202fPM" in demo(locale="en_US")


def test_every_support_reason_literal_is_in_the_catalogs() -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "src" / "cspcore" / "support").glob("*.py")
    )
    codes = set(re.findall(r'Reason\(\s*"(support\.[a-z0-9_.]+)"', source))
    assert len(codes) >= 30
    for language in ("en", "cs", "pl", "hu", "ja"):
        assert codes <= set(messages(language, "support"))
