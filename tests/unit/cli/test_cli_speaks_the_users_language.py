"""Every command speaks the user's language: run in cs, pl, hu or ja, no English sentence is printed.

The detector: an output line's Latin words, once the data in it is taken out (product names,
Microsoft's column names and charge types, policy and stage names, identifiers), must not include a
word of cspcore's English messages (every English catalog, all domains, plus the short function
words the catalogs' English is made of) unless the locale's own catalogs use that word too
(``Microsoft``, ``Azure``, ``partner``). A hard-coded English sentence therefore fails, as the tests
of the detector itself show.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from cspcore.billing import PRESETS
from cspcore.billing.charges import ChargeType
from cspcore.cli import main
from cspcore.i18n import CATALOG_LANGUAGES, DOMAINS, messages, placeholders
from cspcore.interop import RECON_COLUMNS

#: The locales other than English with a translation.
LOCALES = ("cs_CZ", "pl_PL", "hu_HU", "ja_JP")
RECON = "tests/fixtures/partner_center/recon-seat-changes-march-2022.csv"
CANCEL = "tests/fixtures/partner_center/recon-cancel-july-2021.csv"
#: Two- and three-letter English words the sentences are made of (the catalogs' vocabulary below
#: brings the longer ones).
FUNCTION_WORDS = frozenset(
    {
        *("a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "in"),
        *("is", "it", "no", "not", "of", "on", "or", "per", "the", "to", "was", "with"),
    }
)
#: Data that may stand in any language's sentence, as the files and presets spell it.
DATA = (
    "Microsoft 365 Business Standard",
    "Microsoft 365 Business  Standard",
    *(member.value for member in ChargeType),
    *RECON_COLUMNS,
    *PRESETS,
    *(stage.name for policy in PRESETS.values() for stage in policy.stages),
)
#: Identifiers by their form: snake_case, camelCase or PascalCase words, and anything with a digit.
IDENTIFIER = re.compile(r"\b(?:\w*_\w*|[a-z]+[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*|\w*\d\w*)\b")
WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def _vocabulary(language: str) -> frozenset[str]:
    words: set[str] = set()
    for domain in DOMAINS:
        for template in messages(language, domain).values():
            text = template
            for name in placeholders(template):
                text = text.replace("{" + name + "}", " ")
            words |= {word.casefold() for word in WORD.findall(text)}
    return frozenset(words)


ENGLISH = _vocabulary("en") | FUNCTION_WORDS
OWN = {language: _vocabulary(language) for language in CATALOG_LANGUAGES}


def english_words(line: str, locale: str) -> list[str]:
    """The words of ``line`` that are cspcore's English and not the language of ``locale``."""
    text = line
    for value in sorted(DATA, key=len, reverse=True):
        text = text.replace(value, " ")
    text = IDENTIFIER.sub(" ", text)
    own = OWN[locale.split("_", maxsplit=1)[0]]
    return [word for word in WORD.findall(text) if word.casefold() in ENGLISH - own]


# -- the detector can fail


@pytest.mark.parametrize("locale", LOCALES)
def test_the_detector_finds_a_hard_coded_english_line(locale: str) -> None:
    line = "Collections standing on 20. 3. 2024 (policy: standard)"
    assert english_words(line, locale) != []
    assert "differs" in english_words("  s1 addQuantity 2024-06-20: Subtotal differs by 0,01 €", locale)


def test_the_detector_lets_data_and_the_languages_own_words_through() -> None:
    czech = "Stav vymáhání pohledávek k 20. 3. 2024 (politika: standard)"
    assert english_words(czech, "cs_CZ") == []
    data = "Microsoft 365 Business  Standard: addQuantity, EffectiveUnitPrice, final_notice, 284b0ff0"
    assert english_words(data, "pl_PL") == []


def test_the_english_vocabulary_is_that_of_the_catalogs() -> None:
    assert {"differs", "seats", "invoice", "refund", "expected"} <= ENGLISH
    assert len(ENGLISH) > 300


# -- every command, in every locale


def _run(
    args: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    """Run a command with standard error as a terminal (so that progress bars are drawn too)."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.setenv("NO_COLOR", "1")
    status = main(args)
    return status, capsys.readouterr().out, terminal.getvalue().replace("\r", "\n")


@pytest.fixture
def differing(tmp_path: Path) -> Path:
    """The fixture month billed with one cent more on its last line."""
    text = Path(RECON).read_text(encoding="utf-8")
    path = tmp_path / "billed.csv"
    path.write_text(text.replace(",127.74,0,127.74,", ",127.75,0,127.75,"), encoding="utf-8")
    return path


#: Each command that prints sentences, with its arguments ("BILLED" stands for the differing file).
COMMANDS = {
    "demo": ["demo"],
    "whatif": ["whatif", "strict", "standard", "--accounts", "4"],
    "reconcile": ["reconcile", RECON, "BILLED"],
    "explain-charge": ["explain-charge", RECON],
    "explain-charge a cancellation": ["explain-charge", CANCEL],
    "reconcile two different months": ["reconcile", CANCEL, RECON],
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_speaks_the_users_language(
    command: str,
    locale: str,
    differing: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args = [str(differing) if arg == "BILLED" else arg for arg in COMMANDS[command]]
    status, out, err = _run([*args, "--locale", locale], capsys, monkeypatch)
    assert status in {0, 1}
    _, english, _ = _run([*args, "--locale", "en_US"], capsys, monkeypatch)
    assert out != english
    found = {line: words for line in (out + err).splitlines() if (words := english_words(line, locale))}
    assert found == {}


def test_the_reconcile_detail_lines_are_worded_and_numbered_for_the_locale(
    differing: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = _run(["reconcile", RECON, str(differing), "--locale", "cs_CZ"], capsys, monkeypatch)
    assert status == 1
    assert "Subtotal se liší o 0,01\xa0€" in out
    assert "differs" not in out


@pytest.mark.parametrize("locale", LOCALES)
def test_rate_writes_microsofts_csv_whatever_the_locale(
    locale: str, history: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, err = _run(["rate", str(history), "--locale", locale], capsys, monkeypatch)
    assert (status, err) == (0, "")
    assert out == _run(["rate", str(history)], capsys, monkeypatch)[1]


@pytest.mark.parametrize("locale", LOCALES)
def test_an_error_line_has_its_fixed_part_in_the_locales_language(
    locale: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, _, err = _run(["rate", str(tmp_path / "missing.toml"), "--locale", locale], capsys, monkeypatch)
    assert status == 2
    prefix = re.split(r" file[:：]", err)[0]
    assert prefix.startswith("cspcore: ")
    assert english_words(prefix, locale) == []
    assert "error" not in prefix


# -- a locale without a translation says so


def test_a_locale_without_a_translation_says_so_and_keeps_its_number_formats(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, err = _run(["demo", "--locale", "de_DE"], capsys, monkeypatch)
    assert status == 0
    notes = err.splitlines()
    assert len(notes) == 1
    assert "de_DE" in notes[0]
    assert "English" in notes[0]
    assert "cs, en, hu, ja, pl" in notes[0]
    assert "9,408 EUR × 3" in out  # German decimal comma, English words


@pytest.mark.parametrize("locale", ["en_US", *LOCALES])
def test_a_translated_locale_adds_no_note(
    locale: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _run(["explain-charge", RECON, "--locale", locale], capsys, monkeypatch)[2] == ""


@pytest.mark.parametrize("command", ["demo", "whatif", "rate", "reconcile", "explain-charge"])
def test_an_unknown_locale_is_a_usage_error_naming_the_flag(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = {"demo": [], "whatif": [], "rate": ["x.toml"], "reconcile": ["a.csv", "b.csv"]}.get(
        command, ["a.csv"]
    )
    assert main([command, *args, "--locale", "xx_YY"]) == 2
    err = capsys.readouterr().err
    assert "--locale" in err
    assert "xx_YY" in err


# -- refusals, in the user's language too


@pytest.fixture
def refused_inputs(tmp_path: Path, history: Path) -> dict[str, list[str]]:
    """Commands whose input is refused: a misspelt preset, a lower-case currency, an empty file, no file."""
    history.write_text(history.read_text(encoding="utf-8").replace('"EUR"', '"eur"'), encoding="utf-8")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    return {
        "a misspelt preset": ["whatif", "standrad"],
        "a lower-case currency": ["rate", str(history)],
        "an empty file": ["reconcile", str(empty), RECON],
        "a file that is not there": ["explain-charge", str(tmp_path / "none.csv")],
    }


#: An error line's data: the file it names, the field (a path in the file, a flag, an argument) and
#: the values shown quoted; what is left is the sentence.
REFUSAL = re.compile(r"^cspcore: [^:]+: (?P<where>(?:[^ :：]+:)*[^ :：]+)(?:: |：)(?P<said>.*)$")


def _sentence(line: str) -> str:
    found = REFUSAL.match(line)
    assert found is not None, line
    return re.sub(r"'[^']*'", " ", found["said"])


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    "case", ["a misspelt preset", "a lower-case currency", "an empty file", "a file that is not there"]
)
def test_a_refused_input_is_told_in_the_users_language(
    case: str,
    locale: str,
    refused_inputs: dict[str, list[str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    status, _, err = _run([*refused_inputs[case], "--locale", locale], capsys, monkeypatch)
    _, _, english = _run(refused_inputs[case], capsys, monkeypatch)
    assert status == 2
    assert english_words(_sentence(english.strip()), locale)  # the English line would be caught
    assert [english_words(_sentence(line), locale) for line in err.splitlines()] == [[]]
