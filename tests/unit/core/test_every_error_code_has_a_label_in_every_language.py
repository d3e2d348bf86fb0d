"""Every kind of refusal (`ErrorCode`) has a label in every catalog language: an error told in any."""

from __future__ import annotations

import pytest

from cspcore.errors import ErrorCode
from cspcore.i18n import CATALOG_LANGUAGES, label, messages


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_every_error_code_has_a_label(language: str) -> None:
    catalog = messages(language, "core")
    assert {f"label.ErrorCode.{code.name}" for code in ErrorCode} <= set(catalog)


def test_the_labels_differ_by_language() -> None:
    for code in ErrorCode:
        said = {language: label(code, locale=language) for language in CATALOG_LANGUAGES}
        assert len(set(said.values())) == len(CATALOG_LANGUAGES)  # no language shows another's words
