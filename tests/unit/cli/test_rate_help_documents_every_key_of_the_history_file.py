"""``cspcore rate --help`` documents the history file: every table, every key, an example per event kind."""

from __future__ import annotations

import json
import textwrap
import tomllib
from pathlib import Path

import pytest

from cspcore.billing import history_from_dict
from cspcore.billing.history import EVENT_KINDS, history_schema
from cspcore.cli import main
from cspcore.cli.rate import epilog
from cspcore.i18n import CATALOG_LANGUAGES, messages


def _help(capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["rate", "--help"]) == 0
    return capsys.readouterr().out


def _example(help_text: str) -> str:
    """The example history the help ends with (between "Example:" and the closing paragraph)."""
    block = help_text.split("Example:\n", 1)[1].rsplit("\n\n", 1)[0]
    return textwrap.dedent(block)


def test_the_help_lists_every_table_and_key_of_the_schema(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys)
    for table, keys in history_schema().items():
        if table in EVENT_KINDS:
            assert f'kind = "{table}"' in text
        for key in keys:
            assert f"    {key.name} " in text, (table, key.name)


def test_the_schema_follows_the_classes_the_tables_become() -> None:
    schema = history_schema()
    assert set(schema) == {"", "subscription", *EVENT_KINDS}
    assert {key.name for key in schema["upgrade"] if key.required} == {"on", "product", "unit_price"}
    assert {key.name for key in schema["subscription"] if key.required} >= {"id", "currency", "unit_price"}


def test_the_example_in_the_help_is_a_valid_history_with_every_event_kind(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = tomllib.loads(_example(_help(capsys)))
    assert [event["kind"] for event in data["events"]] == list(EVENT_KINDS)
    _, events, _, _ = history_from_dict(data)
    assert [type(event) for event in events] == list(EVENT_KINDS.values())


def test_a_json_history_gives_dates_and_instants_as_iso_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tomllib.loads(_example(epilog()))
    data["events"] = [event for event in data["events"] if event["kind"] in {"change_quantity", "suspend"}]
    path = tmp_path / "history.json"
    path.write_text(json.dumps(data, default=lambda value: value.isoformat()), encoding="utf-8")
    toml_events = history_from_dict(data)[1]
    json_events = history_from_dict(json.loads(path.read_text("utf-8")))[1]
    assert json_events == toml_events
    assert main(["rate", str(path)]) == 0
    assert capsys.readouterr().out.startswith("CustomerId,")


@pytest.mark.parametrize("language", CATALOG_LANGUAGES)
def test_every_kind_of_value_has_a_label_in_each_catalog(language: str) -> None:
    kinds = {key.value for keys in history_schema().values() for key in keys}
    assert {f"cli.rate.value.{kind}" for kind in kinds} <= set(messages(language, "cli"))


@pytest.mark.parametrize("locale", ["cs_CZ", "pl_PL", "hu_HU", "ja_JP"])
def test_the_reference_renders_in_every_locale_with_the_same_keys(locale: str) -> None:
    english, other = epilog(), epilog(locale=locale)
    assert other != english
    assert _example(other.replace(_example_heading(locale), "Example:", 1)) == _example(english)


def _example_heading(locale: str) -> str:
    return {"cs_CZ": "Příklad:", "pl_PL": "Przykład:", "hu_HU": "Példa:", "ja_JP": "例:"}[locale]


def test_the_cli_page_shows_the_reference_the_help_shows() -> None:
    page = Path(__file__).parents[3].joinpath("docs", "cli.md").read_text("utf-8")
    assert f"```text\n{epilog()}\n```" in page
