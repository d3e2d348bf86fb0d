from __future__ import annotations

import re
from pathlib import Path

from cspcore.i18n import messages
from cspcore.support import escalation_matrix

ROOT = Path(__file__).resolve().parents[3]


def test_docs_matrix_is_the_one_the_code_computes() -> None:
    page = (ROOT / "docs" / "support.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- matrix:start -->\n(.*?)\n<!-- matrix:end -->", page, re.DOTALL)
    assert found is not None
    assert escalation_matrix() == found.group(1)


def test_every_support_reason_literal_is_in_the_catalogs() -> None:
    source = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "src" / "cspcore" / "support").glob("*.py")
    )
    codes = set(re.findall(r'Reason\(\s*(?:code=)?"(support\.[a-z0-9_.]+)"', source))
    assert len(codes) >= 30
    for language in ("en", "cs", "pl", "hu", "ja"):
        assert codes <= set(messages(language, "support"))
