"""Print each benchmark as a ratio against the baseline measured in the same run.

Convention: every pytest-benchmark ``group`` holds one test whose name ends in ``_baseline`` and one
or more cspcore tests. A cspcore test may set ``benchmark.extra_info["limit"]`` to the ratio the
issue allows; the table then says whether it is within it.

A growth benchmark (``growth.py``) records ``exponent`` instead: the table prints it with its limit.
A paired benchmark (``paired.py``) records its cold and warm ratios, measured against a baseline that
alternated with it in one process: the table prints both, each with its limit.

Usage: python benchmarks/ratios.py .bench.json
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path


def _paired_rows(group: str, bench: dict[str, object]) -> int:
    """Print the cold and warm rows of a paired benchmark; return how many are over their limit."""
    info: dict[str, object] = bench["extra_info"]  # type: ignore[assignment]
    over = 0
    for kind, limit_key in (("cold", "cold_limit"), ("warm", "limit")):
        ratio, limit, median = info[f"{kind}_ratio"], info[limit_key], info[f"{kind}_case"]
        if not isinstance(ratio, float) or not isinstance(median, float):
            continue
        verdict = ""
        if isinstance(limit, int | float):
            verdict = "ok" if ratio <= limit else "OVER"
            over += verdict == "OVER"
        shown = "" if limit is None else f"{float(limit):g}"  # type: ignore[arg-type]
        name = f"{bench['name']!s} [{kind}]"
        print(f"{group:38} {name:46} {median * 1e6:10.2f}µs {ratio:7.2f} {shown:>6} {verdict}")
    return over


def main(path: str) -> int:
    """Print the ratio table; exit 1 when any ratio is over its limit."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    groups: dict[str, list[dict[str, object]]] = defaultdict(list)
    for bench in data["benchmarks"]:
        groups[str(bench["group"])].append(bench)
    over = 0
    print(f"{'group':38} {'test':46} {'median':>12} {'ratio':>7} {'limit':>6}")
    for group, benches in sorted(groups.items()):
        grown = [b for b in benches if "exponent" in b.get("extra_info", {})]  # type: ignore[operator]
        for bench in grown:
            info: dict[str, object] = bench["extra_info"]  # type: ignore[assignment]
            exponent, limit = float(info["exponent"]), float(info["exponent_limit"])  # type: ignore[arg-type]
            verdict = "ok" if exponent < limit else "OVER"
            over += verdict == "OVER"
            shown = "n^" + format(exponent, ".2f")
            print(f"{group:38} {bench['name']!s:46} {shown:>12} {'':7} {limit:6g} {verdict}")
        paired = [b for b in benches if "cold_ratio" in b.get("extra_info", {})]  # type: ignore[operator]
        for bench in paired:
            over += _paired_rows(group, bench)
        timed = [b for b in benches if b not in grown and b not in paired]
        if not timed:
            continue
        baseline = next((b for b in timed if str(b["name"]).split("[")[0].endswith("_baseline")), None)
        if baseline is None:
            print(f"{group:38} (no baseline)")
            continue
        base = float(baseline["stats"]["median"])  # type: ignore[index]
        for bench in timed:
            if bench is baseline:
                continue
            median = float(bench["stats"]["median"])  # type: ignore[index]
            ratio = median / base
            limit = bench.get("extra_info", {}).get("limit")  # type: ignore[attr-defined]
            verdict = ""
            if limit is not None:
                verdict = "ok" if ratio <= float(limit) else "OVER"
                over += verdict == "OVER"
            shown = "" if limit is None else f"{float(limit):g}"
            print(f"{group:38} {bench['name']!s:46} {median * 1e6:10.2f}µs {ratio:7.2f} {shown:>6} {verdict}")
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1] if len(sys.argv) > 1 else ".bench.json"))
