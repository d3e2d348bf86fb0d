"""A usage error speaks the user's language: a refused flag value and argparse's own sentences.

Every kind of usage error each command can meet (a bad value for each flag cspcore checks, a bad
whole number, an unknown command, a missing argument, an unknown argument, a flag without its value,
a value given to a flag that takes none, an ambiguous abbreviation) is run in cs, pl, hu and ja: exit
status 2, one line on standard error, and no English word in it (the detector of
``test_cli_speaks_the_users_language``, once the data is taken out: the flags, the metavariables,
the command names and the values quoted). The same line in English is shown to be caught, and stays
argparse's own.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Final

import pytest
from tests.unit.cli.test_cli_speaks_the_users_language import LOCALES, english_words

from cspcore import InvalidInput
from cspcore.cli import main
from cspcore.cli.flags import iso_date, tolerance
from cspcore.i18n import label, locale_of

if TYPE_CHECKING:
    from collections.abc import Callable

COMMANDS: Final = ("demo", "whatif", "rate", "reconcile", "explain-charge")
#: The arguments each command needs, so that an error is the one a case makes.
POSITIONALS: Final = {
    "demo": [],
    "whatif": [],
    "rate": ["sub.toml"],
    "reconcile": ["EXPECTED.csv", "ACTUAL.csv"],
    "explain-charge": ["RECON.csv"],
}
#: Data in an error line: flags, command names, metavariables (upper-case words, perhaps with an
#: extension), values quoted, and the program's name.
DATA = re.compile(
    rf"(?<![\w-])(?:-{{1,2}}[A-Za-z][\w/-]*|{'|'.join(COMMANDS)}|cspcore)(?![\w-])"
    r"|\b[A-Z]{2,}(?:\.[a-z]+)?\b|'[^']*'"
)
#: The line's fixed parts in English: the prefix and the pointer to --help.
ENGLISH_FRAME = re.compile(r"^cspcore: error: |\(see 'cspcore --help'\)$")


def _cases() -> dict[str, tuple[str, list[str]]]:
    """Each usage error, by name: the command it is made with and the arguments after the command."""
    cases: dict[str, tuple[str, list[str]]] = {}
    for command in COMMANDS:
        given = POSITIONALS[command]
        cases |= {
            f"{command}: an unknown argument": (command, [*given, "--bogus"]),
            f"{command}: a flag without its value": (command, [*given, "--locale"]),
            f"{command}: an unknown locale": (command, [*given, "--locale", "xx_YY"]),
            f"{command}: a value given to a flag that takes none": (command, [*given, "--help=yes"]),
        }
        if given:
            cases[f"{command}: a missing argument"] = (command, [])
    return cases | {
        "whatif: a bad seed": ("whatif", ["--seed", "x"]),
        "whatif: a bad number of accounts": ("whatif", ["--accounts", "1.5"]),
        "whatif: a bad start": ("whatif", ["--start", "2024-13-01"]),
        "whatif: a bad end": ("whatif", ["--end", "31.12.2024"]),
        "whatif: a chart format matplotlib does not write": ("whatif", ["--plot", "chart.doc"]),
        "whatif: an ambiguous abbreviation": ("whatif", ["--s", "1"]),
        "reconcile: a tolerance that is not a number": (
            "reconcile",
            [*POSITIONALS["reconcile"], "--tolerance", "x"],
        ),
        "reconcile: a negative tolerance": ("reconcile", [*POSITIONALS["reconcile"], "--tolerance", "-1"]),
        "reconcile: a value given to --allow-empty": (
            "reconcile",
            [*POSITIONALS["reconcile"], "--allow-empty=yes"],
        ),
        "explain-charge: a value given to --allow-empty": (
            "explain-charge",
            ["RECON.csv", "--allow-empty=1"],
        ),
        "an unknown command": ("bogus", []),
    }


CASES: Final = _cases()


def _error(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The standard error of a run that must end with a usage error (status 2), nothing on stdout."""
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    return err


def _run(case: str, locale: str, capsys: pytest.CaptureFixture[str]) -> str:
    """The usage error of ``case`` with ``--locale locale`` last (the locale the help is worded in)."""
    command, args = CASES[case]
    return _error([command, *args, "--locale", locale], capsys)


def test_every_kind_of_usage_error_is_made_for_every_command() -> None:
    made = {case.split(": ", maxsplit=1)[0] for case in CASES if ": " in case}
    assert made == set(COMMANDS)
    assert len(CASES) >= 5 * 4 + 3 + 11


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("case", list(CASES))
def test_a_usage_error_is_one_line_in_the_users_language(
    case: str, locale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _run(case, locale, capsys)
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert english_words(DATA.sub(" ", err), locale) == [], err


@pytest.mark.parametrize("case", list(CASES))
def test_the_english_line_would_be_caught(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    err = _run(case, "en_US", capsys)
    sentence = ENGLISH_FRAME.sub(" ", err.strip())
    assert all(english_words(DATA.sub(" ", sentence), locale) for locale in LOCALES), err


# -- what the line holds: the flag, the kind of refusal, the value given


def _refused(check: Callable[[str], object], text: str) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        check(text)
    return caught.value


#: The flags whose value cspcore checks: the flag, the check and a value it refuses.
CHECKED: Final = {
    "--start": ("whatif", [], iso_date, "2024-13-01"),
    "--end": ("whatif", [], iso_date, "2024-02-30"),
    "--tolerance": ("reconcile", POSITIONALS["reconcile"], tolerance, "-0.5"),
    "--locale": ("demo", [], locale_of, "xx_YY"),
}


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("flag", list(CHECKED))
def test_a_refused_flag_value_is_told_by_the_flag_the_kind_of_refusal_and_the_value(
    flag: str, locale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    command, given, check, text = CHECKED[flag]
    err = _error([command, *given, flag, text, "--locale", locale], capsys)
    kind = label(_refused(check, text).code, locale=locale)
    _, said = err.split(f"{flag}:" if locale != "ja_JP" else f"{flag}：", maxsplit=1)
    assert said.strip().startswith(f"{kind}")
    assert repr(text) in said


@pytest.mark.parametrize("locale", LOCALES)
def test_a_chart_format_matplotlib_does_not_write_is_named_with_the_formats_it_does(
    locale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    pytest.importorskip("matplotlib")
    err = _error(["whatif", "--plot", "chart.doc", "--locale", locale], capsys)
    assert "--plot" in err
    assert "'chart.doc'" in err
    assert "png" in err
    assert "svg" in err


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize(
    ("args", "data"),
    [
        (["whatif", "--accounts", "many"], ["--accounts", "'many'"]),
        (["bogus"], ["COMMAND", "'bogus'", "'demo'", "'explain-charge'"]),
        (["reconcile"], ["EXPECTED.csv", "ACTUAL.csv"]),
        (["rate", "sub.toml", "--seed", "1"], ["--seed 1"]),
        (["whatif", "--s", "1"], ["--s", "--seed", "--start"]),
        (["demo", "--help=yes"], ["-h/--help", "'yes'"]),
    ],
)
def test_argparses_sentence_keeps_its_values_as_data(
    args: list[str], data: list[str], locale: str, capsys: pytest.CaptureFixture[str]
) -> None:
    err = _error([*args, "--locale", locale], capsys)
    assert all(value in err for value in data), err


def test_one_line_of_each_family_as_worded_in_czech(capsys: pytest.CaptureFixture[str]) -> None:
    said = {
        "flag": ["whatif", "--start", "2024-13-01"],
        "int": ["whatif", "--seed", "x"],
        "choice": ["bogus"],
        "required": ["explain-charge"],
        "unknown": ["demo", "--bogus"],
        "no value": ["whatif", "--seed"],
    }
    lines = {family: _error([*args, "--locale", "cs_CZ"], capsys).strip() for family, args in said.items()}
    assert lines == {
        "flag": "cspcore: chyba: --start: chybný formát ('2024-13-01') (viz 'cspcore --help')",
        "int": "cspcore: chyba: --seed: není číslo ('x') (viz 'cspcore --help')",
        "choice": (
            "cspcore: chyba: COMMAND: neplatná hodnota 'bogus' (možnosti: 'demo', 'whatif', 'rate', "
            "'reconcile', 'explain-charge') (viz 'cspcore --help')"
        ),
        "required": "cspcore: chyba: chybí povinné argumenty: RECON.csv (viz 'cspcore --help')",
        "unknown": "cspcore: chyba: nerozpoznané argumenty: --bogus (viz 'cspcore --help')",
        "no value": "cspcore: chyba: --seed: očekává se jedna hodnota (viz 'cspcore --help')",
    }


# -- English stays argparse's


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["whatif", "--seed", "x"], "argument --seed: not a whole number (got 'x')"),
        (["whatif", "--seed"], "argument --seed: expected one argument"),
        (["reconcile", "a.csv"], "the following arguments are required: ACTUAL.csv"),
        (["demo", "--bogus"], "unrecognized arguments: --bogus"),
        (
            ["whatif", "--start", "2024-13-01"],
            "argument --start: not an ISO date such as 2024-01-31 (got '2024-13-01')",
        ),
    ],
)
def test_in_english_the_line_is_argparses_own(
    args: list[str], said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _error(args, capsys) == f"cspcore: error: {said} (see 'cspcore --help')\n"
