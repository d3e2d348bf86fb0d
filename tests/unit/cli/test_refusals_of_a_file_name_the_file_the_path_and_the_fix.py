"""A refused value in a history, policy or portfolio file: the file, the path inside it, and the fix."""

from __future__ import annotations

import tomllib
from typing import TYPE_CHECKING, Any

import pytest
from tests.refusals import raises_invalid

from cspcore import InvalidInput
from cspcore.billing import history_from_dict
from cspcore.cli import main
from cspcore.cli.files import within
from cspcore.errors import ErrorCode

if TYPE_CHECKING:
    from pathlib import Path


def _refusal(tmp_path: Path, text: str, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    path = tmp_path / "history.toml"
    path.write_text(text, encoding="utf-8")
    assert main(["rate", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    return str(path), err


@pytest.fixture
def good(history: Path) -> str:
    """The shared history file's text (conftest.py): a valid history to spoil one key of."""
    return history.read_text("utf-8")


@pytest.mark.parametrize(
    ("old", "new", "field", "suggestion"),
    [
        ('currency = "EUR"', 'currency = "eur"', "subscription.currency", "'EUR'"),
        ('unit_price = "10.08"', 'unit_prce = "10.08"', "subscription.unit_prce", "'unit_price'"),
        ('kind = "change_quantity"', 'kind = "change_quantty"', "events[0].kind", "'change_quantity'"),
        ('frequency = "monthly"', 'frequency = "monthy"', "subscription.frequency", "'monthly'"),
        ("quantity = 12", "quantty = 12", "events[0].quantty", "'quantity'"),
    ],
)
def test_the_refusal_names_the_file_and_path_and_suggests_the_fix(
    old: str,
    new: str,
    field: str,
    suggestion: str,
    *,
    good: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert old in good
    path, err = _refusal(tmp_path, good.replace(old, new, 1), capsys)
    assert f"{path}:{field}:" in err
    assert suggestion in err


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"currency": "eur"}, "subscription.currency", ErrorCode.UNKNOWN_VALUE),
        ({"unit_prce": "1"}, "subscription.unit_prce", ErrorCode.UNKNOWN_VALUE),
        ({"frequency": "monthy"}, "subscription.frequency", ErrorCode.UNKNOWN_VALUE),
    ],
)
def test_the_library_refuses_at_the_key_with_its_code_and_choices(
    change: dict[str, Any], field: str, code: ErrorCode, good: str
) -> None:
    data = tomllib.loads(good)
    data["subscription"].update(change)
    with raises_invalid(field=field, code=code) as caught:
        history_from_dict(data)
    assert caught.value.choices or "did you mean" in str(caught.value)


def test_a_bad_price_of_a_later_event_is_reported_at_its_path(
    good: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = good + '\n[[events]]\nkind = "price_change"\non = 2024-07-01\nunit_price = "ten"\n'
    path, err = _refusal(tmp_path, text, capsys)
    assert f"{path}:events[1].unit_price:" in err


def test_a_refusal_keeps_its_code_and_choices_when_the_file_is_named() -> None:
    with pytest.raises(InvalidInput) as caught, within("sub.toml"):
        raise InvalidInput("kind", "unknown", "x", code=ErrorCode.UNKNOWN_VALUE, choices=("cancel",))
    assert (caught.value.field, caught.value.code, caught.value.choices) == (
        "sub.toml:kind",
        ErrorCode.UNKNOWN_VALUE,
        ("cancel",),
    )


def test_wording_snapshot_of_an_unknown_key(
    good: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, err = _refusal(tmp_path, good.replace("unit_price", "unit_prce", 1), capsys)
    where = f"{path}:subscription.unit_prce"
    assert err == f"cspcore: error: {where}: unknown key (got 'unit_prce'); did you mean 'unit_price'?\n"
