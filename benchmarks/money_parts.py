"""Where the time of money's two hot paths goes: each piece timed alone, beside the job and its baseline.

``paired.py`` says how far ``(a + b).round()`` and ``total()`` are from plain ``Decimal`` arithmetic;
this says why. Every piece runs over the same drawn input as the job (``test_bench_money``'s pairs
and line subtotals), the pieces alternate (forward, then backward, round after round) with the
garbage collector on, as in the paired benchmarks, and each figure is the median time of a piece
per pair (or per amount) with its share of the baseline::

    PYTHONPATH=src python benchmarks/money_parts.py --pairs 1000 --amounts 1000000 --rounds 9

A piece measures one thing the job must do: ``dispatch`` is the ``+`` operator calling a Python
``__add__`` that does nothing, ``allocation`` the bare ``object.__new__`` of a Money (no slot set),
``exact add`` and ``quantize`` the two ``decimal`` calls of cspcore's own contexts. The pieces of a job
need not add up to its time (a piece timed alone skips the call that carries it), but they show
which costs remain when nothing can be skipped.

>>> rows = add_round_parts(pairs=20, rounds=1)
>>> rows[0][0], rows[0][2]
('baseline: Decimal + then quantize(q, rounding=ROUND_HALF_UP)', 1.0)
"""

from __future__ import annotations

import argparse
import decimal
import gc
import operator
import random
import statistics
import time
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from cspcore import Money, total
from cspcore._decimal import EXACT, QUANTIZE_WITH
from cspcore.currencies import MINOR_UNIT
from cspcore.money import MoneyColumn
from test_bench_money import build_add, build_total

if TYPE_CHECKING:
    from collections.abc import Callable

_ZERO = Decimal(0)


class _Nothing:
    """``+`` and a method with defaults that do nothing: the price of the call alone."""

    __slots__ = ()

    def __add__(self, other: _Nothing) -> _Nothing:
        return self

    def round(self, rounding: object = None, *, cash: bool = False) -> _Nothing:  # noqa: ARG002 - Money's signature
        return self


def timed(pieces: dict[str, Callable[[], object]], count: int, rounds: int) -> dict[str, float]:
    """The median time of every piece, per item, the order of the pieces reversed every other round."""
    times: dict[str, list[float]] = {name: [] for name in pieces}
    order = list(pieces)
    for number in range(rounds):
        for name in order if number % 2 == 0 else order[::-1]:
            gc.collect()
            started = time.perf_counter()
            pieces[name]()
            times[name].append((time.perf_counter() - started) / count)
    return {name: statistics.median(values) for name, values in times.items()}


def add_round_parts(*, pairs: int, rounds: int) -> list[tuple[str, float, float]]:
    """(piece, ns per pair, share of the baseline) for ``(a + b).round()``."""
    money, plain = build_add(random.Random(1), pairs)
    sums = [a + b for a, b in money]
    plain_sums = [a + b for a, b, _ in plain]
    quanta = [MINOR_UNIT[m.currency] for m in sums]
    amounts = [(a.amount, b.amount) for a, b in money]
    nothing = [(_Nothing(), _Nothing()) for _ in range(pairs)]
    half_up = QUANTIZE_WITH[ROUND_HALF_UP]
    new = object.__new__
    twice = range(2 * pairs)
    pieces: dict[str, Callable[[], object]] = {
        "baseline: Decimal + then quantize(q, rounding=ROUND_HALF_UP)": lambda: [
            (a + b).quantize(q, rounding=ROUND_HALF_UP) for a, b, q in plain
        ],
        "  Decimal + alone": lambda: [a + b for a, b, _ in plain],
        "  quantize with a keyword alone": lambda: [
            s.quantize(q, rounding=ROUND_HALF_UP) for s, q in zip(plain_sums, quanta, strict=True)
        ],
        "cspcore: (a + b).round()": lambda: [(a + b).round() for a, b in money],
        "  Money + alone": lambda: [a + b for a, b in money],
        "  round() alone": lambda: [s.round() for s in sums],
        "    dispatch: + and round() that do nothing": lambda: [(a + b).round() for a, b in nothing],
        "    exact add (EXACT.add)": lambda: [EXACT.add(a, b) for a, b in amounts],
        "    quantize (a context per mode)": lambda: [
            half_up(s.amount, q) for s, q in zip(sums, quanta, strict=True)
        ],
        "    two allocations (object.__new__(Money))": lambda: [new(Money) for _ in twice],
        "  loop alone": lambda: [None for _ in nothing],
    }
    medians = timed(pieces, pairs, rounds)
    base = medians[next(iter(pieces))]
    return [(name, seconds * 1e9, seconds / base) for name, seconds in medians.items()]


def total_parts(*, amounts: int, rounds: int) -> list[tuple[str, float, float]]:
    """(piece, ns per amount, share of the baseline) for ``total()`` of a list."""
    money, decimals = build_total(random.Random(1), amounts)
    column = MoneyColumn(decimals, "EUR")
    amount_of = operator.attrgetter("_amount")

    def exact_sum(values: Any) -> Decimal:
        with decimal.localcontext(EXACT):
            result: Decimal = sum(values, _ZERO)
        return result

    pieces: dict[str, Callable[[], object]] = {
        "baseline: sum() of the Decimals": lambda: sum(decimals, _ZERO),
        "cspcore: total() of the Money": lambda: total(money),
        "  every amount read and summed, no check": lambda: exact_sum(map(amount_of, money)),
        "cspcore: total() of a MoneyColumn of the same amounts": lambda: total(column),
        "  type of every item counted (C)": lambda: operator.countOf(map(type, money), Money),
    }
    medians = timed(pieces, amounts, rounds)
    base = medians[next(iter(pieces))]
    return [(name, seconds * 1e9, seconds / base) for name, seconds in medians.items()]


def main(argv: list[str] | None = None) -> int:
    """Print both breakdowns."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pairs", type=int, default=1_000, help="pairs for (a + b).round()")
    parser.add_argument("--amounts", type=int, default=1_000_000, help="amounts for total()")
    parser.add_argument("--rounds", type=int, default=9, help="timings of every piece (alternated)")
    args = parser.parse_args(argv)
    for title, rows in (
        (f"(a + b).round(), {args.pairs:,} pairs", add_round_parts(pairs=args.pairs, rounds=args.rounds)),
        (f"total(), {args.amounts:,} amounts", total_parts(amounts=args.amounts, rounds=args.rounds)),
    ):
        print(f"\n{title}: ns per item, share of the baseline")
        for name, nanoseconds, share in rows:
            print(f"{name:64} {nanoseconds:8.1f} {share:6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
