"""Paired benchmarks: a cspcore case and its baseline, alternated in one process, cold and warm.

A :class:`Case` names a job twice: ``case`` (cspcore doing it) and ``baseline`` (the plain way of
doing the same job), with ``build``, which draws a fresh input for both from a seeded
:class:`random.Random` (real diversity: many distinct prices, currencies, dates). :func:`measure`:

* **cold**: every round forks a child process from a parent that has only run a tiny priming input
  (imports, locale data and other one-off process set-up are paid before timing, but no memo of the
  measured values exists); the child draws a fresh input from that round's seed and times one call of
  each side on it. A memo that answers a repeated question cannot help here. The order of the two
  calls flips every round (baseline first, then case first), so neither always pays for first touches.
* **warm**: one input, one untimed call of each side (memos fill), then baseline, case, baseline,
  case ... each timing repeated enough times to last a few milliseconds. This runs in a forked child
  too, so that no case leaves memos behind for the cold rounds of the next.

Every round checks that both sides computed the same answer (``answer`` turns a result into
something comparable); a baseline that computes something else raises :class:`Disagreement`.
The ratio reported is the median of the per-round ratios (case over baseline), which a busy
machine disturbs much less than either time, since the two calls of a round run back to back.

Run every ratio benchmark without pytest (a JSON line per case, or a table)::

    PYTHONPATH=src python benchmarks/paired.py [--scale 0.1] [--rounds 5] [--only rate] [--json]

>>> import operator
>>> case = Case(
...     name="sum",
...     build=lambda rng, size: ([rng.randrange(100) for _ in range(size)],) * 2,
...     case=sum,
...     baseline=lambda items: sum(sorted(items)),
...     size=1_000,
... )
>>> result = measure(case, rounds=3)
>>> result.agreed, result.cold_ratio > 0, result.warm_ratio > 0
(True, True, True)
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import json
import math
import os
import random
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

#: The modules whose ``CASES`` :func:`main` runs (each a ``test_bench_*.py`` beside this file).
MODULES = ("billing", "collections", "interop", "recon_files", "ledger", "money", "roles", "support")
#: A warm timing repeats the call until it has lasted this long (seconds), then divides.
WARM_SECONDS = 0.02
#: ``scale`` shrinks no input under this size (a smaller batch is timer noise), nor grows one.
MIN_SIZE = 1_000
#: The seed of the priming input; measured rounds use other seeds.
PRIME_SEED = 999_983


class Disagreement(AssertionError):
    """The case and its baseline computed different answers: the baseline is no baseline."""


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class Case:
    """A cspcore job and the plain way of doing the same job.

    Args:
        name: The group name (what the job is).
        build: ``build(rng, size)`` -> ``(case_input, baseline_input)``, fresh objects every call.
        case: cspcore doing the job on ``case_input``.
        baseline: The plain way, on ``baseline_input``.
        size: The input size (items, rows, accounts), scaled by :func:`measure`'s ``scale`` (down to
            :data:`MIN_SIZE` at least).
        limit: The largest warm ratio the project allows (``None``: reported only).
        cold_limit: The largest cold ratio (``None``: ``limit``).
        answer: Turns the case's result into something comparable with the baseline's.
        baseline_answer: The same for the baseline's result.
        rounds: Rounds of each kind, unless :func:`measure` is told otherwise.
        warm: Whether a warm figure means anything (a fresh interpreter's import does not).
        prime_size: The size of the priming input.
        cleanup: Called with both inputs once a round is done with them (files to remove).
    """

    name: str
    build: Callable[[random.Random, int], tuple[Any, Any]]
    case: Callable[[Any], Any]
    baseline: Callable[[Any], Any]
    size: int
    limit: float | None = None
    cold_limit: float | None = None
    answer: Callable[[Any], Any] = _same
    baseline_answer: Callable[[Any], Any] = _same
    rounds: int = 7
    warm: bool = True
    prime_size: int = 3
    cleanup: Callable[[Any, Any], None] | None = None

    def agree(self, case_result: Any, baseline_result: Any) -> None:
        """Raise :class:`Disagreement` unless both sides computed the same answer."""
        ours, theirs = self.answer(case_result), self.baseline_answer(baseline_result)
        if ours == theirs:
            return
        where = ""
        if isinstance(ours, list | tuple) and isinstance(theirs, list | tuple) and len(ours) == len(theirs):
            index = next(i for i, (a, b) in enumerate(zip(ours, theirs, strict=True)) if a != b)
            where, ours, theirs = f" at [{index}]", ours[index], theirs[index]
        shown = f"{ours!r}"[:300], f"{theirs!r}"[:300]
        raise Disagreement(f"{self.name}{where}: case {shown[0]} != baseline {shown[1]}")


@dataclass(frozen=True)
class Paired:
    """The medians of one case and its baseline, cold and warm, and their ratios."""

    name: str
    size: int
    rounds: int
    cold_case: float
    cold_baseline: float
    cold_ratio: float
    warm_case: float | None
    warm_baseline: float | None
    warm_ratio: float | None
    limit: float | None
    cold_limit: float | None
    agreed: bool = True
    cold_ratios: list[float] = field(default_factory=list)
    warm_ratios: list[float] = field(default_factory=list)

    def info(self) -> dict[str, Any]:
        """The figures as ``extra_info`` for pytest-benchmark (``ratios.py`` prints them)."""
        return {key: value for key, value in asdict(self).items() if key != "name"}


def _timed(call: Callable[[Any], Any], data: Any) -> tuple[float, Any]:
    gc.collect()
    started = time.perf_counter()
    result = call(data)
    return time.perf_counter() - started, result


def _cold_round(case: Case, seed: int, size: int, baseline_first: bool) -> tuple[float, float]:
    """Build a fresh input from ``seed`` and time one call of each side on it (in this process)."""
    case_input, baseline_input = case.build(random.Random(seed), size)
    if baseline_first:
        base_time, base_result = _timed(case.baseline, baseline_input)
        case_time, case_result = _timed(case.case, case_input)
    else:
        case_time, case_result = _timed(case.case, case_input)
        base_time, base_result = _timed(case.baseline, baseline_input)
    if case.cleanup is not None:
        case.cleanup(case_input, baseline_input)
    case.agree(case_result, base_result)
    return case_time, base_time


def _cold_child(case: Case, index: int, size: int) -> tuple[float, float]:
    """A cold round, in the forked child: touch the code on the priming input again, then measure.

    The priming input's answers are already in whatever memo the parent filled, so running it again
    adds nothing to any memo; it only makes the child copy the pages it writes to before timing.
    """
    _cold_round(case, PRIME_SEED, min(case.prime_size, size), baseline_first=True)
    return _cold_round(case, 1 + index, size, baseline_first=index % 2 == 0)


def _forked(job: Callable[[], Any]) -> Any:
    """Run ``job`` in a forked child (a copy of this process's state that it cannot change).

    ``job`` returns JSON-able figures, which come back; a failure in the child is raised here.
    """
    if not hasattr(os, "fork"):  # pragma: no cover - no fork on this platform: same process
        return job()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, report, and leave without returning into the caller
        status = 0
        try:
            message = json.dumps({"result": job()})
        except BaseException as error:  # noqa: BLE001 - every failure goes back to the parent
            message, status = json.dumps({"error": f"{type(error).__name__}: {error}"}), 1
        with os.fdopen(writer, "w") as out:
            out.write(message)
        os._exit(status)
    os.close(writer)
    with os.fdopen(reader) as incoming:
        text = incoming.read()
    os.waitpid(pid, 0)
    reply = json.loads(text) if text else {"error": "the child process died"}
    if "error" in reply:
        if str(reply["error"]).startswith("Disagreement"):
            raise Disagreement(reply["error"])
        raise RuntimeError(reply["error"])
    return reply["result"]


def _warm(case: Case, size: int, rounds: int) -> tuple[list[float], list[float]]:
    case_input, baseline_input = case.build(random.Random(0), size)
    base_time, base_result = _timed(case.baseline, baseline_input)
    case_time, case_result = _timed(case.case, case_input)
    case.agree(case_result, base_result)
    loops = max(1, math.ceil(WARM_SECONDS / max(min(base_time, case_time), 1e-9)))
    case_times: list[float] = []
    base_times: list[float] = []
    for _ in range(rounds):
        for call, data, times in (
            (case.baseline, baseline_input, base_times),
            (case.case, case_input, case_times),
        ):
            gc.collect()
            started = time.perf_counter()
            for _ in range(loops):
                result = call(data)
            times.append((time.perf_counter() - started) / loops)
            if call is case.case:
                case.agree(result, base_result)
    if case.cleanup is not None:
        case.cleanup(case_input, baseline_input)
    return case_times, base_times


def measure(case: Case, *, rounds: int | None = None, scale: float = 1.0) -> Paired:
    """Time ``case`` against its baseline, cold then warm, alternated; see the module notes.

    Raises:
        Disagreement: when the two sides computed different answers in any round.
    """
    count = rounds or case.rounds
    size = max(round(case.size * scale), min(case.size, MIN_SIZE))
    # Prime: one-off process set-up (imports, locale data) on a tiny input of its own seed.
    _cold_round(case, PRIME_SEED, min(case.prime_size, size), baseline_first=True)
    cold: list[tuple[float, float]] = [
        _forked(functools.partial(_cold_child, case, r, size)) for r in range(count)
    ]
    cold_case, cold_base = [c for c, _ in cold], [b for _, b in cold]
    cold_ratios = [c / b for c, b in cold]
    warm_case: list[float] = []
    warm_base: list[float] = []
    if case.warm:
        warm_case, warm_base = _forked(functools.partial(_warm, case, size, count))
    warm_ratios = [c / b for c, b in zip(warm_case, warm_base, strict=True)]
    return Paired(
        name=case.name,
        size=size,
        rounds=count,
        cold_case=statistics.median(cold_case),
        cold_baseline=statistics.median(cold_base),
        cold_ratio=statistics.median(cold_ratios),
        warm_case=statistics.median(warm_case) if warm_case else None,
        warm_baseline=statistics.median(warm_base) if warm_base else None,
        warm_ratio=statistics.median(warm_ratios) if warm_ratios else None,
        limit=case.limit,
        cold_limit=case.limit if case.cold_limit is None else case.cold_limit,
        cold_ratios=[round(r, 4) for r in cold_ratios],
        warm_ratios=[round(r, 4) for r in warm_ratios],
    )


def bench(benchmark: Any, case: Case) -> Paired:
    """Run ``case`` under pytest-benchmark: one pedantic round of :func:`measure`, figures in extra_info.

    The benchmark's own time is that of the whole paired measurement; the figures that mean something
    are the cold and warm ratios in ``extra_info``, which ``ratios.py`` prints.
    """
    benchmark.group = case.name
    scale = float(os.environ.get("CSPCORE_BENCH_SCALE", "1"))
    result: Paired = benchmark.pedantic(
        measure, args=(case,), kwargs={"scale": scale}, rounds=1, iterations=1
    )
    benchmark.extra_info.update(result.info())
    return result


def cases(modules: Iterable[str] = MODULES) -> list[Case]:
    """Every ratio case of the ``test_bench_<module>.py`` files, in their order."""
    here = str(Path(__file__).resolve().parent)
    if here not in sys.path:
        sys.path.insert(0, here)
    found: list[Case] = []
    for module in modules:
        found.extend(getattr(importlib.import_module(f"test_bench_{module}"), "CASES", ()))
    return found


def _verdict(ratio: float | None, limit: float | None) -> str:
    if ratio is None or limit is None:
        return ""
    return "ok" if ratio <= limit else "OVER"


def table(results: Iterable[Paired]) -> str:
    """One line per case: cold and warm ratios, each with its limit and verdict."""
    lines = [f"{'case':64} {'size':>9} {'cold':>7} {'limit':>6}      {'warm':>7} {'limit':>6}"]
    for result in results:
        warm = "" if result.warm_ratio is None else f"{result.warm_ratio:7.3f}"
        lines.append(
            f"{result.name:64} {result.size:9d} {result.cold_ratio:7.3f} {result.cold_limit or '':>6} "
            f"{_verdict(result.cold_ratio, result.cold_limit):4} {warm:>7} {result.limit or '':>6} "
            f"{_verdict(result.warm_ratio, result.limit)}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure every case (or those whose name contains ``--only``); print JSON lines or a table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every input size")
    parser.add_argument("--rounds", type=int, default=None, help="rounds of each kind (default: the case's)")
    parser.add_argument("--only", action="append", default=[], help="run cases whose name contains this")
    parser.add_argument("--json", action="store_true", help="print one JSON object per case")
    args = parser.parse_args(argv)
    results: list[Paired] = []
    for case in cases():
        if args.only and not any(part in case.name for part in args.only):
            continue
        result = measure(case, rounds=args.rounds, scale=args.scale)
        results.append(result)
        if args.json:
            print(json.dumps(asdict(result)), flush=True)
        else:
            print(table([result]).splitlines()[1], flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
