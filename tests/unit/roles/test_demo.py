from __future__ import annotations

import pytest

from cspcore.i18n import SUPPORTED_LOCALES
from cspcore.roles._demo import demo


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_the_demo_renders_in_every_locale(locale: str) -> None:
    text = demo(locale=locale)
    assert len(text.splitlines()) == 6
    assert "roles." not in text


def test_the_demo_shows_one_least_privilege_answer() -> None:
    assert demo(locale="en_US").splitlines()[2] == "Grant: User administrator"


def test_the_demo_speaks_japanese() -> None:
    assert demo(locale="ja_JP").splitlines()[2] == "付与: ユーザー管理者"
