"""Run mutmut over some cspcore modules, in a scratch copy of the tree, and print the score per module.

Usage: python tools/mutation.py money dates [--workdir /tmp/cspcore-mutation]
       python tools/mutation.py --changed [--base HEAD~1]

Each argument is a module path under ``src/cspcore`` without ``.py`` (``money``, ``billing/charges``) or a
package directory (``billing``). The tree is copied (without ``.git``, ``.venv`` and old ``mutants``) to the
work directory, whose ``pyproject.toml`` gets an ``only_mutate`` list for those modules, so the checkout
itself is never touched. mutmut's own commands (``mutmut results``, ``mutmut show <name>``) then work in the
work directory. Run one at a time: mutmut uses every core.

``--changed`` takes the modules that the commits since ``--base`` changed (what CI runs: a whole run is
hours). Modules listed under ``[tool.cspcore.mutation] gated`` in ``pyproject.toml`` have reached the
project's bar; for them the run fails when fewer than ``threshold`` percent of the mutants are detected
(killed or timed out), so a change cannot quietly leave behaviour untested. Other modules are reported.

A survivor whose only change is inside the text of an error message (the ``problem`` of an
``InvalidInput``, the message of a ``RuleViolation``) is reported as ``wording`` and left out of the
score: tests assert a refusal's type, field and code and pin each family's wording once
(``tests/unit/core/test_error_wording.py``), so such a mutant points at no untested behaviour.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import tokenize
import tomllib
from collections import Counter
from io import StringIO
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

ROOT = Path(__file__).parents[1]
#: Files the tests read besides the sources; mutmut copies only what ``also_copy`` names.
NEEDED = [
    "conftest.py",
    "README.md",
    "CHANGELOG.md",
    ".ci",
    "docs",
    "mkdocs.yml",
    "changelog.d",
    "tools",
    "constraints.txt",
    "benchmarks",
]
#: Where ``mutmut run``'s output goes, in the work directory (its tail is printed when no mutant was tested).
LOG = "mutmut-run.log"
_RESULT = re.compile(r"^\s*(?P<name>cspcore\.(?P<module>[\w.]+?)\.x\S*__mutmut_\d+): (?P<status>[\w ]+)$")
#: The calls whose text is an error message, by name: the message's position and its keyword.
#: :func:`wording_calls` adds the subclasses of ``RuleViolation`` that ``src/cspcore`` defines.
MESSAGE_ARGUMENTS: dict[str, tuple[int, str]] = {
    "InvalidInput": (1, "problem"),
    "RuleViolation": (0, "message"),
}
_CLASS = re.compile(r"^\s*class (\w+)\(([\w., ]+)\)", re.MULTILINE)
_CLOSING = {")": "(", "]": "[", "}": "{"}
_LAYOUT = frozenset({tokenize.NEWLINE, tokenize.NL, tokenize.INDENT, tokenize.DEDENT, tokenize.COMMENT})


def patterns(modules: list[str]) -> list[str]:
    """The ``only_mutate`` globs for module paths such as ``money`` or ``billing``.

    >>> patterns(["money", "billing"])
    ['*/cspcore/money.py', '*/cspcore/billing/*']
    """
    return [
        f"*/cspcore/{m}/*" if (ROOT / "src/cspcore" / m).is_dir() else f"*/cspcore/{m}.py" for m in modules
    ]


def scores(results: str) -> dict[str, Counter[str]]:
    r"""Count ``mutmut results --all true`` lines by module and status.

    >>> scores("    cspcore.money.x_total__mutmut_1: killed\n    cspcore.money.x_total__mutmut_2: survived\n")
    {'money': Counter({'killed': 1, 'survived': 1})}
    """
    counts: dict[str, Counter[str]] = {}
    for line in results.splitlines():
        found = _RESULT.match(line)
        if found:
            counts.setdefault(found["module"], Counter())[found["status"]] += 1
    return counts


def survivors(results: str) -> list[tuple[str, str]]:
    r"""``(module, mutant name)`` of each survivor in ``mutmut results --all true``.

    >>> survivors("  cspcore.money.x_total__mutmut_1: killed\n  cspcore.money.x_total__mutmut_2: survived\n")
    [('money', 'cspcore.money.x_total__mutmut_2')]
    """
    found = []
    for line in results.splitlines():
        match = _RESULT.match(line)
        if match and match["status"] == "survived":
            found.append((match["module"], match["name"]))
    return found


def wording_calls(sources: Iterable[str]) -> dict[str, tuple[int, str]]:
    r""":data:`MESSAGE_ARGUMENTS` and every subclass of ``RuleViolation`` that ``sources`` define.

    >>> calls = wording_calls(["class Closed(RuleViolation): ...", "class Late(errors.Closed):\n    pass"])
    >>> calls["Late"], calls["InvalidInput"], "Closed" in calls
    ((0, 'message'), (1, 'problem'), True)
    """
    classes = [
        (name, {base.strip().rpartition(".")[2] for base in bases.split(",")})
        for text in sources
        for name, bases in _CLASS.findall(text)
    ]
    calls = dict(MESSAGE_ARGUMENTS)
    violations = {"RuleViolation"}
    grown = True
    while grown:  # a subclass of a subclass is one too
        grown = False
        for name, bases in classes:
            if name not in violations and bases & violations:
                violations.add(name)
                calls[name] = MESSAGE_ARGUMENTS["RuleViolation"]
                grown = True
    return calls


def _tokens(lines: list[str]) -> list[tokenize.TokenInfo] | None:
    """The significant tokens of a fragment of code, indentation dropped; None if it does not tokenize.

    A fragment whose first lines end a string opened above it (the close of a docstring, when a
    function's first statement is mutated) is read from the line after that close.
    """
    kept = []
    text = "".join(line.strip() + "\n" for line in lines)
    try:
        for token in tokenize.generate_tokens(StringIO(text).readline):
            if token.type == tokenize.ENDMARKER:
                break
            if token.type not in _LAYOUT:
                kept.append(token)
    except tokenize.TokenError as error:  # a bracket the diff's context does not close: keep what was read
        # or a string left open: when it opens at the first triple quote, that quote closed a docstring
        closing = next((i for i, line in enumerate(lines) if '"""' in line or "'''" in line), None)
        opened = error.args[1][0] if len(error.args) > 1 else None  # the line where the open string starts
        if closing is not None and opened == closing + 1:
            return _tokens(lines[closing + 1 :])
    except SyntaxError:  # an unterminated string, say
        return None
    return kept


def _in_message(tokens: list[tokenize.TokenInfo], index: int, calls: Mapping[str, tuple[int, str]]) -> bool:
    """Whether ``tokens[index]`` lies in the message argument of one of ``calls``.

    Reads back to the bracket that encloses the token: it must be the ``(`` of a call named in ``calls``,
    and the token must be in the argument at the message's position, or in the one given by its keyword.
    """
    depth = 0
    commas = 0
    first = index  # the first token of the argument that holds tokens[index]
    for position in range(index - 1, -1, -1):
        text = tokens[position].string
        if text in _CLOSING:
            depth += 1
        elif text in _CLOSING.values() and depth:
            depth -= 1
        elif text in _CLOSING.values():
            named = position > 0 and tokens[position - 1].type == tokenize.NAME
            wanted = calls.get(tokens[position - 1].string) if text == "(" and named else None
            if wanted is None:
                return False
            if first + 1 < index and tokens[first + 1].string == "=":
                return tokens[first].string == wanted[1]
            return commas == wanted[0]
        elif text == "," and not depth:
            commas += 1
        if not commas and not depth and text not in _CLOSING.values():
            first = position
    return False


def _hunks(diff: str) -> list[tuple[list[str], list[str]]]:
    """The old and the new lines of each hunk of a unified diff (context lines on both sides)."""
    hunks: list[tuple[list[str], list[str]]] = []
    for line in diff.splitlines():
        if line.startswith("@@"):
            hunks.append(([], []))
        elif hunks and line[:1] in {" ", "-", "+"}:
            old, new = hunks[-1]
            if line[0] != "+":
                old.append(line[1:])
            if line[0] != "-":
                new.append(line[1:])
    return hunks


def wording_only(diff: str, calls: Mapping[str, tuple[int, str]] = MESSAGE_ARGUMENTS) -> bool:
    r"""Whether a mutant's diff (``mutmut show``) changes nothing but the text of error messages.

    The old and the new side of each hunk are read as tokens. They must differ only in string literals
    (an f-string is one; mutmut also puts ``None`` in a string's place), each in the message argument of
    one of ``calls``: the ``problem`` of an ``InvalidInput``, the message of a ``RuleViolation``. A field
    name, a code, a value, a condition is behaviour, and so is a message whose call begins before the
    diff's context: the answer is then False.

    >>> diff = (
    ...     "--- a.py\n+++ a.py\n@@ -1,2 +1,2 @@\n if amount < 0:\n"
    ...     '-    raise InvalidInput("amount", "must not be negative", amount, code=OUT_OF_RANGE)\n'
    ...     '+    raise InvalidInput("amount", "XXmust not be negativeXX", amount, code=OUT_OF_RANGE)\n'
    ... )
    >>> wording_only(diff)
    True
    >>> wording_only(diff.replace('+    raise InvalidInput("amount"', '+    raise InvalidInput("XXamountXX"'))
    False
    """
    changed = False
    for old_lines, new_lines in _hunks(diff):
        old, new = _tokens(old_lines), _tokens(new_lines)
        if old is None or new is None or len(old) != len(new):
            return False
        for index, (before, after) in enumerate(zip(old, new, strict=True)):
            if (before.type, before.string) == (after.type, after.string):
                continue
            if before.type != tokenize.STRING or not (
                after.type == tokenize.STRING or after.string == "None"
            ):
                return False
            if not _in_message(old, index, calls):
                return False
            changed = True
    return changed


def reclassify(counts: dict[str, Counter[str]], reworded: Iterable[str]) -> None:
    """Count one survivor of each module named in ``reworded`` as ``wording`` instead of ``survived``.

    >>> counts = {"money": Counter(killed=3, survived=2)}
    >>> reclassify(counts, ["money"])
    >>> counts
    {'money': Counter({'killed': 3, 'survived': 1, 'wording': 1})}
    """
    for module in reworded:
        counts[module]["survived"] -= 1
        counts[module]["wording"] += 1


def configure(pyproject: str, globs: list[str]) -> str:
    r"""Add ``only_mutate`` and the files the tests need to a ``[tool.mutmut]`` section.

    >>> print(configure('[tool.mutmut]\nalso_copy = ["x"]\n', ["src/cspcore/money.py"]).splitlines()[1])
    only_mutate = ["src/cspcore/money.py"]
    """
    listed = ", ".join(f'"{g}"' for g in globs)
    copied = ", ".join(f'"{n}"' for n in NEEDED)
    text = re.sub(r"(?m)^only_mutate = .*\n", "", pyproject)
    text = re.sub(r"(?m)^also_copy = .*$", f"also_copy = [{copied}]", text)
    return text.replace("[tool.mutmut]\n", f"[tool.mutmut]\nonly_mutate = [{listed}]\n", 1)


def changed_modules(names: list[str], excluded: list[str]) -> list[str]:
    """Module paths (as the command line takes them) of changed files under ``src/cspcore``.

    >>> changed_modules(
    ...     ["src/cspcore/money.py", "src/cspcore/cli.py", "docs/x.md", "src/cspcore/billing/ledger.py"],
    ...     ["*cli.py"],
    ... )
    ['billing/ledger', 'money']
    """
    found = set()
    for name in names:
        if not (name.startswith("src/cspcore/") and name.endswith(".py")):
            continue
        if any(fnmatch.fnmatch(name, pattern) for pattern in excluded):
            continue
        found.add(name.removeprefix("src/cspcore/").removesuffix(".py"))
    return sorted(found)


def verdicts(counts: dict[str, Counter[str]], gated: list[str], threshold: float) -> list[str]:
    """The gated modules whose share of detected mutants (killed or timed out) is under the threshold.

    Mutants left unchecked when a run hit its time limit are not counted either way, nor are survivors
    that change only the wording of an error message.

    >>> verdicts({"money": Counter(killed=8, survived=2), "roles.gdap": Counter(survived=5)}, ["money"], 90)
    ['money: 80.0 % detected, below 90 %']
    >>> verdicts({"support.hours": Counter(killed=9, timeout=1)}, ["support"], 100)
    []
    >>> verdicts({"money": Counter(killed=9, survived=1, **{"not checked": 90})}, ["money"], 90)
    []
    >>> verdicts({"money": Counter({"not checked": 3})}, ["money"], 90)
    []
    >>> verdicts({"money": Counter(killed=9, survived=1, wording=5)}, ["money"], 90)
    []
    """
    failures = []
    for module, tally in sorted(counts.items()):
        path = module.replace(".", "/")
        if not any(path == g or path.startswith(g + "/") for g in gated):
            continue
        checked = sum(tally.values()) - tally["not checked"] - tally["wording"]
        if not checked:
            continue
        share = 100 * (tally["killed"] + tally["timeout"]) / checked
        if share < threshold:
            failures.append(f"{module}: {share:.1f} % detected, below {threshold:g} %")
    return failures


def _changed(base: str) -> list[str] | None:
    """Changed files since ``base``, or None when there is no git history to compare with."""
    try:
        listing = subprocess.run(  # noqa: S603 - fixed arguments
            ["git", "diff", "--name-only", base, "HEAD"],  # noqa: S607 - git from PATH
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return listing.split()


def _interruptible() -> None:
    """In the child, before mutmut starts: SIGINT back to its default, so that Python turns it into Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _run_for_at_most(command: list[str], *, cwd: Path, env: dict[str, str], seconds: float | None) -> None:
    """Run mutmut; past ``seconds``, interrupt it as Ctrl-C would (it keeps the results so far).

    mutmut runs in a process group of its own, so that the signal, and the kill when it has not stopped
    two minutes later, reach its forked workers too rather than leaving them running. mutmut starts with
    Ctrl-C's default action, whatever this process inherited: a shell ignores SIGINT in the jobs it starts
    in the background, and mutmut's own fork server ignores it in the tests it runs.
    """
    with (cwd / LOG).open("wb") as log:  # mutmut's own report, for a clean run that fails
        process = subprocess.Popen(  # noqa: S603 - our own interpreter
            command,
            cwd=cwd,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_interruptible,  # noqa: PLW1509 - no threads run here
        )
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        sys.stdout.write(f"mutation: stopping mutmut after {(seconds or 0) / 60:g} minutes\n")
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _reworded(names: list[tuple[str, str]], mutmut: list[str], work: Path) -> list[str]:
    """The module of each survivor whose diff (``mutmut show``) changes only an error's wording."""
    calls = wording_calls(path.read_text("utf-8") for path in sorted((ROOT / "src/cspcore").rglob("*.py")))
    found = []
    for module, name in names:
        diff = subprocess.run(  # noqa: S603 - our own interpreter
            [*mutmut, "show", name], cwd=work, capture_output=True, text=True, check=False
        ).stdout
        if wording_only(diff, calls):
            found.append(module)
    return found


def log_tail(output: str, lines: int = 40) -> list[str]:
    r"""The last ``lines`` lines of mutmut's output, its progress spinners left out.

    mutmut redraws a spinner with carriage returns; what it printed besides is what a reader needs.

    >>> log_tail("⠋ Running stats\r⠙ Running stats\rFAILED tests/x.py::test_y\nfailed to run clean test\n")
    ['FAILED tests/x.py::test_y', 'failed to run clean test']
    """
    kept = []
    for line in re.split(r"[\r\n]+", output):
        text = line.strip()
        if text and not re.fullmatch(r"[\u2800-\u28ff] .*", text):
            kept.append(text[:400])
    return kept[-lines:]


def _refuse_an_empty_audit(counts: dict[str, Counter[str]], work: Path) -> None:
    """Fail when mutmut tested no mutant: its clean run failed, so no score was measured.

    An audit of nothing never reads as clean. The tail of mutmut's own output (the failing test of its
    clean run, a file the tests read that was not copied, ...) goes to standard error.
    """
    if counts and all(set(tally) == {"not checked"} for tally in counts.values()):
        sys.stderr.write(
            "".join(f"mutmut: {line}\n" for line in log_tail((work / LOG).read_text("utf-8", "replace")))
        )
        sys.stderr.write(f"mutation: no mutant was tested; mutmut's output is in {work / LOG}\n")
        raise SystemExit(1)


def main() -> None:
    """Copy, configure, run mutmut and print killed/total per module."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="module paths under src/cspcore, without .py")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "cspcore-mutation")
    parser.add_argument("--changed", action="store_true", help="the modules changed since --base")
    parser.add_argument("--base", default="HEAD~1", help="the revision --changed compares with")
    options = parser.parse_args()
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]
    gate = settings.get("cspcore", {}).get("mutation", {})
    modules: list[str] = options.modules
    if options.changed:
        names = _changed(options.base)
        if names is None:
            sys.stdout.write(f"mutation: no git history to compare with {options.base}; nothing to run\n")
            return
        modules = changed_modules(names, settings["mutmut"]["do_not_mutate"])
        if not modules:
            sys.stdout.write(f"mutation: no module under src/cspcore changed since {options.base}\n")
            return
        sys.stdout.write(f"mutation: changed since {options.base}: {', '.join(modules)}\n")
    if not modules:
        parser.error("name modules, or pass --changed")
    work: Path = options.workdir
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(
        ROOT, work, ignore=shutil.ignore_patterns(".git", ".venv", "mutants", "__pycache__", "site")
    )
    pyproject = work / "pyproject.toml"
    pyproject.write_text(configure(pyproject.read_text("utf-8"), patterns(modules)), "utf-8")
    mutmut = [sys.executable, "-m", "mutmut"]
    # The mutation Hypothesis profile (tests/conftest.py): each mutant runs its tests, so fewer examples than
    # CI's 300, no deadline (a kill must come from a wrong answer, not a busy machine), derandomized.
    env = {**os.environ, "HYPOTHESIS_PROFILE": os.environ.get("HYPOTHESIS_PROFILE", "mutation")}
    limit = gate.get("max_minutes") if options.changed else None
    _run_for_at_most(
        [*mutmut, "run"], cwd=work, env=env, seconds=None if limit is None else 60 * float(limit)
    )
    listing = subprocess.run(  # noqa: S603 - our own interpreter
        [*mutmut, "results", "--all", "true"], cwd=work, capture_output=True, text=True, check=True
    ).stdout
    counts = scores(listing)
    reworded = _reworded(survivors(listing), mutmut, work)
    reclassify(counts, reworded)
    _refuse_an_empty_audit(counts, work)
    unchecked = sum(tally["not checked"] for tally in counts.values())
    if unchecked:
        sys.stdout.write(
            f"mutation: {unchecked} mutants not checked (time limit); the gate counts the rest\n"
        )
    if reworded:
        sys.stdout.write(
            f"mutation: {len(reworded)} survivors change only the wording of an error; not counted\n"
        )
    for module, tally in sorted(counts.items()):
        total = sum(tally.values()) - tally["wording"]
        share = 100 * tally["killed"] / total if total else 100.0
        sys.stdout.write(f"{module}: {tally['killed']}/{total} killed ({share:.1f} %), {dict(tally)}\n")
    sys.stdout.write(f"Survivors: cd {work} && {sys.executable} -m mutmut results\n")
    failures = verdicts(counts, gate.get("gated", []), float(gate.get("threshold", 90)))
    if failures:
        sys.stderr.write("mutation: " + "; ".join(failures) + "\n")
        raise SystemExit(1)


if __name__ == "__main__":
    main()
