"""Hostile inputs, by class, and the guard that runs a call on them.

Each strategy draws a :class:`Hostile` *recipe*: a short printable label and a way to make the value.
The value itself is made only inside the guarded call, so that Hypothesis never has to print an int
of 5,000 digits or an object whose ``repr`` raises when it reports a failing example.

The classes (issue #14):

``long_digits``        decimal strings and Decimals of 51 to 5,000 significant digits
``huge_magnitudes``    ``Decimal("1e999999")``, ``1e-999999``, ints of 10**40 to 10**5000
``year_edges``         ``date(1, 1, 1)``, ``date(9999, 12, 31)``, aware datetimes at ``datetime.min/max``
``bad_repr``           objects (and str, int, Decimal, date subclasses) whose ``repr`` and ``str`` raise
``endless``            ``itertools.count()``, ``itertools.repeat(x)`` and ``cycle`` where a collection goes
``currency_mismatch``  an amount, document or ledger in USD among EUR ones; ``currency="USD"``
``non_date_holidays``  holidays given as strings, ints or datetimes
"""

from __future__ import annotations

import collections
import contextlib
import datetime as dt
import itertools
import json
import os
import signal
import time
import traceback
import typing
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, ClassVar, Final

import attrs
from hypothesis import strategies as st
from tests.property.public_api import fields_of, members

from cspcore import Money

if typing.TYPE_CHECKING:
    import types
    from collections.abc import Iterator

CLASSES: Final = (
    "long_digits",
    "huge_magnitudes",
    "year_edges",
    "bad_repr",
    "endless",
    "currency_mismatch",
    "non_date_holidays",
)
#: A call on a hostile input must finish (return or raise) within this many seconds.
TIME_BUDGET: Final = 5.0
#: Items an endless iterable hands out before it counts as consumed without bound. A rule that
#: bounds its collections stops long before; the cap keeps a runaway from filling the memory.
ENDLESS_CAP: Final = 200_000
#: Where the counts go when the environment asks for them (see docs/quality.md, "Hostile inputs").
COUNTS_ENV: Final = "CSPCORE_HOSTILE_COUNTS"


@attrs.frozen(repr=False)
class Hostile:
    """A hostile value, by recipe: ``make()`` builds a fresh one (an endless iterator is single-use)."""

    kind: str
    label: str
    make: Callable[[], object] = attrs.field(eq=False)

    def __repr__(self) -> str:
        return f"<{self.kind}: {self.label}>"


# -- the classes -----------------------------------------------------------------------------------


@st.composite
def long_digits(draw: st.DrawFn) -> Hostile:
    """A number of 51-5,000 significant digits, as a str or a Decimal, maybe with a point or exponent."""
    count = draw(st.integers(51, 5000))
    pattern = draw(st.text("0123456789", min_size=1, max_size=8))
    # first and last digits nonzero: trailing zeros after a point would not count as significant
    body = ("1" + pattern * (count // len(pattern) + 1))[: count - 1] + "7"
    point = draw(st.none() | st.integers(1, count))
    text = body if point is None else f"{body[:point]}.{body[point:]}"
    text = draw(st.sampled_from(["", "-"])) + text + draw(st.sampled_from(["", "", "E-40", "E+3"]))
    as_decimal = draw(st.booleans())
    label = f"{'Decimal' if as_decimal else 'str'} of {count} digits ({text[:12]}...)"
    return Hostile("long_digits", label, (lambda: Decimal(text)) if as_decimal else (lambda: text))


_HUGE_DECIMALS = ("1E+999999", "-1E+999999", "1E-999999", "-1E-999999", "9.99E+999999999", "1E-1000000")


@st.composite
def huge_magnitudes(draw: st.DrawFn) -> Hostile:
    """Magnitudes far past 10**30: Decimals and strings near the exponent limits, ints of 40-5,000 digits."""
    form = draw(st.sampled_from(["decimal", "str", "int"]))
    if form == "int":
        # ints past 4,300 digits cannot be turned into text at all (a ValueError from int.__repr__)
        exponent = draw(st.sampled_from([40, 308, 4299, 4300, 4301, 5000]) | st.integers(40, 5000))
        sign = draw(st.sampled_from([1, -1]))
        offset = draw(st.integers(-9, 9))
        return Hostile(
            "huge_magnitudes", f"{sign}*10**{exponent}{offset:+d}", lambda: sign * 10**exponent + offset
        )
    text = draw(st.sampled_from(_HUGE_DECIMALS))
    return Hostile(
        "huge_magnitudes",
        f"{'Decimal' if form == 'decimal' else 'str'} {text}",
        (lambda: Decimal(text)) if form == "decimal" else (lambda: text),
    )


_EDGE_DATES = (
    dt.date(1, 1, 1),
    dt.date(1, 1, 2),
    dt.date(1, 12, 31),
    dt.date(9999, 12, 31),
    dt.date(9999, 12, 1),
    dt.date(9999, 1, 31),
    dt.date(9998, 2, 28),
)
_OFFSETS = (dt.UTC, dt.timezone(dt.timedelta(hours=14)), dt.timezone(dt.timedelta(hours=-12)))
_EDGE_INSTANTS = tuple(
    moment.replace(tzinfo=zone)
    for moment in (dt.datetime.min, dt.datetime.max, dt.datetime(9999, 12, 31), dt.datetime(1, 1, 1, 12))  # noqa: DTZ001, DTZ901 - made aware here
    for zone in _OFFSETS
)


def year_edges(current: object = None) -> st.SearchStrategy[Hostile]:
    """Dates and aware datetimes at (and just inside) the first and last day ``datetime`` can hold."""
    if isinstance(current, dt.datetime):
        pool: tuple[object, ...] = _EDGE_INSTANTS
    elif isinstance(current, dt.date):
        pool = _EDGE_DATES
    else:
        pool = _EDGE_DATES + _EDGE_INSTANTS
    return st.sampled_from(pool).map(lambda v: Hostile("year_edges", repr(v), lambda: v))


class ReprFailedError(Exception):
    """What a hostile ``__repr__`` raises: if it escapes, an error message was built from the value."""


def _fail(_self: object) -> str:
    raise ReprFailedError


def _unprintable(value: object) -> object:
    """``value`` as an instance of a subclass of its type whose ``repr`` and ``str`` raise."""
    base = type(value)
    if base in {str, int, Decimal}:
        return type(f"Unprintable{base.__name__.title()}", (base,), {"__repr__": _fail, "__str__": _fail})(
            value
        )
    if base is dt.date:
        assert isinstance(value, dt.date)
        kind = type("UnprintableDate", (dt.date,), {"__repr__": _fail, "__str__": _fail})
        return kind(value.year, value.month, value.day)
    return type("Unprintable", (), {"__repr__": _fail, "__str__": _fail})()


def bad_repr(current: object = None) -> st.SearchStrategy[Hostile]:
    """An object whose ``repr`` and ``str`` raise; for a str, int, Decimal or date, one of that type."""
    label = (
        f"unprintable {type(current).__name__}"
        if type(current) in {str, int, Decimal, dt.date}
        else "unprintable object"
    )
    plain = Hostile("bad_repr", "unprintable object", lambda: _unprintable(None))
    typed = Hostile("bad_repr", label, lambda: _unprintable(current))
    return st.sampled_from([typed, plain])


class RunawayError(BaseException):
    """An endless iterable handed out :data:`ENDLESS_CAP` items: the callee consumes without bound.

    A ``BaseException`` so that a library's ``except Exception`` cannot swallow it.
    """


class Endless:
    """An endless iterable over ``source`` that refuses to go on past :data:`ENDLESS_CAP` items."""

    #: Every one made since the last ``made.clear()``, to see afterwards how much the callee took.
    made: ClassVar[list[Endless]] = []

    def __init__(self, source: Iterator[object], label: str) -> None:
        Endless.made.append(self)
        self.source = source
        self.label = label
        self.taken = 0

    def __iter__(self) -> Endless:
        return self

    def __next__(self) -> object:
        self.taken += 1
        if self.taken > ENDLESS_CAP:
            raise RunawayError(f"{self.label}: took {ENDLESS_CAP} items without stopping")
        return next(self.source)

    def __repr__(self) -> str:
        return self.label


def _items(current: object) -> list[object]:
    if isinstance(current, (list, tuple, set, frozenset)):
        return list(current)[:3]
    return []


def endless(current: object = None) -> st.SearchStrategy[Hostile]:
    """``count()``, ``repeat(item)``, ``cycle(items)`` of the items the parameter plausibly holds."""
    items = _items(current)
    pool = [Hostile("endless", "itertools.count()", lambda: Endless(itertools.count(), "itertools.count()"))]
    if items:
        first = items[0]
        pool.append(
            Hostile(
                "endless",
                f"itertools.repeat({type(first).__name__})",
                lambda: Endless(itertools.repeat(first), "repeat"),
            )
        )
        pool.append(
            Hostile(
                "endless",
                f"itertools.cycle({len(items)} items)",
                lambda: Endless(itertools.cycle(items), "cycle"),
            )
        )
    return st.sampled_from(pool)


def _in_other_currency(value: object, other: str) -> object:
    """``value`` with every amount (and currency code) moved to ``other``; None if it holds no amount."""
    if isinstance(value, Money):
        return Money(value.amount, other)
    if isinstance(value, str) and len(value) == 3 and value.isupper():
        return other
    if isinstance(value, (list, tuple)):
        moved = [_in_other_currency(item, other) for item in value]
        return None if any(m is None for m in moved) or not moved else type(value)(moved)
    changes: dict[str, object] = {}
    for field in fields_of(value):
        current = getattr(value, field.name)
        if field.init and (
            isinstance(current, (Money, list, tuple)) or field.name == "currency" or fields_of(current)
        ):
            shifted = _in_other_currency(current, other)
            if shifted is not None:
                changes[field.alias or field.name] = shifted
    instance: Any = value
    return attrs.evolve(instance, **changes) if changes else None


def currency_mismatch(current: object, other: str) -> st.SearchStrategy[Hostile]:
    """The parameter's plausible value moved to ``other`` (amounts, documents, ledgers, currency codes).

    A parameter whose value holds no amount gets ``Money(1, other)``.
    """
    moved = _in_other_currency(current, other)
    if moved is None:
        return st.just(Hostile("currency_mismatch", f"Money(1, {other!r})", lambda: Money(1, other)))
    label = f"{type(current).__name__} in {other}"
    return st.just(Hostile("currency_mismatch", label, lambda: moved))


_NON_DATES: Final[tuple[tuple[str, object], ...]] = (
    ("['2024-12-25']", ["2024-12-25"]),
    ("{'2024-12-25', '2025-01-01'}", {"2024-12-25", "2025-01-01"}),
    ("('25.12.2024',)", ("25.12.2024",)),
    ("[20241225]", [20241225]),
    ("frozenset({739245})", frozenset({739245})),
    ("[datetime(2024, 12, 25, tzinfo=UTC)]", [dt.datetime(2024, 12, 25, tzinfo=dt.UTC)]),
    ("{'2024-12-25': 'Christmas'}", {"2024-12-25": "Christmas"}),
    ("[date(2024, 12, 25), '2024-12-26']", [dt.date(2024, 12, 25), "2024-12-26"]),
)


def non_date_holidays() -> st.SearchStrategy[Hostile]:
    """Holidays that are not dates: ISO strings, other spellings, ints, datetimes, a mix."""
    return st.sampled_from(_NON_DATES).map(
        lambda pair: Hostile("non_date_holidays", pair[0], lambda: pair[1])
    )


# -- the guard -------------------------------------------------------------------------------------


#: Code where an exception cannot stop the call (it is reported as unraisable and dropped): callbacks run
#: by the garbage collector and by weak references, and Hypothesis's own bookkeeping.
_CALLBACKS: Final = frozenset({"__del__", "gc_callback", "remove", "_remove"})
_UNSAFE: Final = ("weakref.py", "_weakrefset.py", f"{os.sep}hypothesis{os.sep}", f"{os.sep}_pytest{os.sep}")


class OvertimeError(BaseException):
    """A call ran past :data:`TIME_BUDGET` (raised by the alarm, so a slow Python loop is stopped)."""


@contextlib.contextmanager
def time_budget(seconds: float = TIME_BUDGET) -> Iterator[list[float]]:
    """Stop the body with :class:`OvertimeError` after ``seconds``; yield a list that gets the elapsed time.

    The alarm interrupts Python code only; a single long C call (a huge ``int`` to ``str``) is caught by
    the elapsed time after it returns.
    """

    def on_alarm(_signum: int, frame: types.FrameType | None) -> None:
        code = frame.f_code if frame is not None else None
        if code is not None and (code.co_name in _CALLBACKS or any(p in code.co_filename for p in _UNSAFE)):
            return  # raised here it would be swallowed (a gc or weakref callback); the timer fires again
        raise OvertimeError(f"over {seconds} s")

    elapsed: list[float] = []
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.05)  # and again, until it lands in the call
    start = time.perf_counter()
    try:
        yield elapsed
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        elapsed.append(time.perf_counter() - start)


# -- counting --------------------------------------------------------------------------------------

#: Inputs tried per class, and what became of them (``refused`` with a CspError, ``returned``, ``failed``).
TRIED: collections.Counter[str] = collections.Counter()
OUTCOMES: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
#: The failures seen, deduplicated: (callable, parameter, class, exception).
FAILURES: set[tuple[str, str, str, str]] = set()


def record(kind: str, outcome: str) -> None:
    """Count one input of class ``kind`` and its outcome."""
    TRIED[kind] += 1
    OUTCOMES[kind][outcome] += 1


def write_counts() -> Path | None:
    """Write the counts (and failures) as JSON to the path in ``$CSPCORE_HOSTILE_COUNTS``, if it is set."""
    target = os.environ.get(COUNTS_ENV)
    if not target:
        return None
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "tried": {kind: TRIED[kind] for kind in CLASSES},
        "outcomes": {kind: dict(OUTCOMES[kind]) for kind in CLASSES},
        "failures": [
            dict(zip(("callable", "parameter", "class", "exception"), f, strict=True))
            for f in sorted(FAILURES)
        ],
    }
    path.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return path


def describe(error: BaseException) -> str:
    """``Type: message`` of an exception, never failing (its message may come from a hostile value)."""
    try:
        text = str(error)
    except Exception:  # noqa: BLE001 - the message itself failed to build
        text = "<message failed to build>"
    return f"{type(error).__name__}: {text[:160]}"


def where(error: BaseException) -> str:
    """Where in cspcore ``error`` was raised or last passed (``at cspcore/money.py:120``), if it did."""
    frames = [
        f for f in traceback.extract_tb(error.__traceback__) if f"{os.sep}cspcore{os.sep}" in f.filename
    ]
    if not frames:
        return ""
    last = frames[-1]
    return f"at cspcore{last.filename.rsplit('cspcore', 1)[1]}:{last.lineno} ({last.name})"


def make(value: object) -> Any:
    """The value a recipe stands for (values that are not recipes are themselves)."""
    return value.make() if isinstance(value, Hostile) else value


def is_number_like(annotation: Any) -> bool:
    """Whether an annotation admits a number (Decimal, int), or says nothing."""
    if annotation is None or annotation is object or annotation is Any:
        return True
    return any(
        isinstance(m, type) and m is not bool and issubclass(m, (Decimal, int)) for m in members(annotation)
    )


def is_date_like(annotation: Any) -> bool:
    """Whether an annotation admits a date or datetime, or says nothing."""
    if annotation is None or annotation is object or annotation is Any:
        return True
    return any(isinstance(m, type) and issubclass(m, dt.date) for m in members(annotation))
