"""Run mutmut over some cspcore modules, in a scratch copy of the tree, and print the score per module.

Usage: python tools/mutation.py money dates [--workdir /tmp/cspcore-mutation]

Each argument is a module path under ``src/cspcore`` without ``.py`` (``money``, ``billing/charges``) or a
package directory (``billing``). The tree is copied (without ``.git``, ``.venv`` and old ``mutants``) to the
work directory, whose ``pyproject.toml`` gets an ``only_mutate`` list for those modules, so the checkout
itself is never touched. mutmut's own commands (``mutmut results``, ``mutmut show <name>``) then work in the
work directory. Run one at a time: mutmut uses every core.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).parents[1]
#: Files the tests read besides the sources; mutmut copies only what ``also_copy`` names.
NEEDED = ["conftest.py", "README.md", "CHANGELOG.md", ".ci", "docs", "mkdocs.yml", "changelog.d", "tools"]
_RESULT = re.compile(r"^\s*cspcore\.(?P<module>[\w.]+?)\.x\S*__mutmut_\d+: (?P<status>[\w ]+)$")


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


def main() -> None:
    """Copy, configure, run mutmut and print killed/total per module."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="+", help="module paths under src/cspcore, without .py")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "cspcore-mutation")
    options = parser.parse_args()
    work: Path = options.workdir
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(
        ROOT, work, ignore=shutil.ignore_patterns(".git", ".venv", "mutants", "__pycache__", "site")
    )
    pyproject = work / "pyproject.toml"
    pyproject.write_text(configure(pyproject.read_text("utf-8"), patterns(options.modules)), "utf-8")
    mutmut = [sys.executable, "-m", "mutmut"]
    subprocess.run([*mutmut, "run"], cwd=work, check=False)  # noqa: S603 - our own interpreter
    listing = subprocess.run(  # noqa: S603 - our own interpreter
        [*mutmut, "results", "--all", "true"], cwd=work, capture_output=True, text=True, check=True
    ).stdout
    for module, counts in sorted(scores(listing).items()):
        total = sum(counts.values())
        share = 100 * counts["killed"] / total
        sys.stdout.write(f"{module}: {counts['killed']}/{total} killed ({share:.1f} %), {dict(counts)}\n")
    sys.stdout.write(f"Survivors: cd {work} && {sys.executable} -m mutmut results\n")


if __name__ == "__main__":
    main()
