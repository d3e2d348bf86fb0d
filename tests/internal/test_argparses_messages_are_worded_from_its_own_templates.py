"""argparse's messages are worded from the templates of the running argparse, not from a copy of them.

The shell reads argparse's gettext templates from its source and takes each one whose first words
and placeholders fit a ``cli.usage.*`` entry. Every entry finds its template in the Python running
the tests (a Python whose argparse changed those words fails here, not silently in English), and
every message argparse can make from those templates, whatever its values, is worded in each
translated locale with its values kept.
"""

from __future__ import annotations

import argparse

import pytest
from tests.unit.cli.test_cli_speaks_the_users_language import LOCALES, english_words

from cspcore.cli.flags import _ARGPARSE_MESSAGES, _argparse_templates, _argparse_texts, _pattern, usage_text
from cspcore.i18n import messages

#: Values with characters a pattern must not take for its own (colons, brackets, quotes, spaces),
#: each word with a digit (so that the detector takes them for data).
VALUES = ("--q9", "'z9: (y9)'", "q1, q2", "7")


def _made(template: str, unnamed: tuple[str, ...]) -> tuple[str, list[str]] | None:
    """A message argparse would make from ``template``, and the values put in it."""
    found = _pattern(template, unnamed)
    if found is None:
        return None
    names = sorted(found[1])
    values = {name: VALUES[index % len(VALUES)] for index, name in enumerate(names)}
    if "count" in values:
        values["count"] = "3"
    if "message" in values:
        values["message"] = "expected one argument"
    if "%(" in template:
        return template % values, list(values.values())
    return template % tuple(values[name] for name in unnamed), list(values.values())


def test_every_usage_entry_finds_its_template_in_the_running_argparse() -> None:
    worded = {code for _, code in _argparse_templates()}
    entries = {code for code in messages("en", "cli") if code.startswith("cli.usage.")}
    assert worded == entries - {"cli.usage.refused_value", "cli.usage.see_help"}
    assert {code for _, code, _ in _ARGPARSE_MESSAGES} == worded


def test_the_templates_are_read_from_argparses_source() -> None:
    texts = _argparse_texts()
    assert "expected one argument" in texts
    assert sum(text.startswith("argument ") for text in texts) >= 1
    assert len(texts) > 20


@pytest.mark.parametrize("locale", LOCALES)
def test_each_message_argparse_makes_is_worded_with_its_values(locale: str) -> None:
    made = [
        found
        for start, _, unnamed in _ARGPARSE_MESSAGES
        for text in _argparse_texts()
        if text.startswith(start) and (found := _made(text, unnamed)) is not None
    ]
    assert len(made) >= len(_ARGPARSE_MESSAGES)
    for said, values in made:
        worded = usage_text(said, locale=locale)
        if worded == said:  # a template of argparse that no entry words (its placeholders differ)
            continue
        assert english_words(worded, locale) == [], worded
        assert all(value in worded or value == "expected one argument" for value in values), worded


def test_a_template_of_a_later_argparse_is_matched_by_its_placeholders() -> None:
    # Python 3.14 may suggest a choice: the entry's values (the value, the choices) are still taken.
    template = "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)"
    found = _pattern(template, ())
    assert found is not None
    pattern, names = found
    assert names == {"value", "closest", "choices"}
    said = template % {"value": "standrad", "closest": "standard", "choices": "lenient, standard"}
    match = pattern.fullmatch(said)
    assert match is not None
    assert (match["value"], match["choices"]) == ("'standrad'", "lenient, standard")


def test_a_template_with_more_unnamed_values_than_names_is_not_taken() -> None:
    assert _pattern("argument %s with mode %r", ("argument",)) is None
    assert _pattern("expected one argument", ("count",)) is None


def test_in_english_argparses_words_are_kept() -> None:
    said = argparse.ArgumentError(None, "ambiguous option: --s could match --seed, --start")
    assert usage_text(str(said), locale="en_GB") == str(said)
    assert usage_text(str(said), locale="de_DE") == str(said)  # no translation: English
