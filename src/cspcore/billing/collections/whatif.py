"""What-if: replay a portfolio under a collections policy, day by day — driven by events.

:func:`simulate` replays every account's ledger (its real invoice and payment dates) from ``start``
to ``end`` and records, for every day, how many accounts and how much overdue money sit in each
stage. It does not step through days × invoices: for each account it jumps from one change point to
the next (a document, an invoice falling overdue, the oldest invoice crossing a stage's day
threshold), so the cost grows with events. Its series is exactly what :func:`~cspcore.billing.evaluate`
says on each day.

:func:`compare` runs several policies side by side. Results give plain ``records()``, and, with the
``whatif`` extra installed, ``to_pandas()`` and ``plot()`` (matplotlib); ``_repr_html_`` renders a
summary table in notebooks. :func:`simulate_partitioned` runs partitions of a large portfolio with
Dask (the ``dask`` extra) and merges them into the same result as one process.

>>> import datetime as dt
>>> from cspcore.billing import STANDARD, STRICT
>>> from cspcore.billing.portfolio import sample_portfolio
>>> from cspcore.billing.whatif import compare, simulate
>>> portfolio = sample_portfolio(seed=11, accounts=30)
>>> result = simulate(STANDARD, portfolio, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
>>> len(result.series), result.stage_names[:3]
(366, ('clear', 'reminder', 'final_notice'))
>>> comparison = compare([STANDARD, STRICT], portfolio, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
>>> [row["policy"] for row in comparison.summary_records()]
['standard', 'strict']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import importlib
import io
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _validate
from cspcore._decimal import EXACT
from cspcore.billing import _bounds
from cspcore.billing.collections.policy import PRESETS, CollectionsPolicy
from cspcore.billing.collections.stages import Action, Schedule, stage_schedule
from cspcore.billing.ledger import money_of, timeline_of
from cspcore.billing.portfolio import Portfolio, sample_portfolio
from cspcore.billing.terms_of_payment import MICROSOFT_NET_60
from cspcore.errors import CspError, CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.money import Money, as_money

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "MAX_ACCOUNT_DAYS",
    "MAX_SIMULATION_DAYS",
    "SCHEDULERS",
    "Comparison",
    "DayPoint",
    "MissingExtra",
    "SimulationResult",
    "Summary",
    "Transition",
    "compare",
    "compare_presets",
    "merge",
    "simulate",
    "simulate_partitioned",
]

_ZERO: Final = Decimal(0)
_add = EXACT.add
_sub = EXACT.subtract


def _sum(amounts: Iterable[Decimal]) -> Decimal:
    """Amounts added exactly (``sum`` would use the caller's ambient context)."""
    total = _ZERO
    for amount in amounts:
        total = _add(total, amount)
    return total


CLEAR: Final = "clear"
_LAST_ORDINAL: Final = dt.date.max.toordinal()
#: The longest period :func:`simulate` replays: 100 years of days (both ends included). The series
#: holds one point per day, so the span bounds its size; a century covers any real what-if.
MAX_SIMULATION_DAYS: Final = 36_525
#: The Dask schedulers :func:`simulate_partitioned` runs on, by the names ``dask.compute`` knows.
SCHEDULERS: Final = (
    "threads",
    "threading",
    "processes",
    "multiprocessing",
    "synchronous",
    "single-threaded",
    "sync",
    "distributed",
)
#: The most account-days a summary counts: :data:`~cspcore._validate.MAX_ITEMS` accounts over
#: :data:`MAX_SIMULATION_DAYS` days. Suspensions and write-offs (at most one per account a day) stay
#: within it too.
MAX_ACCOUNT_DAYS: Final = _bounds.MAX_COUNT * MAX_SIMULATION_DAYS


class MissingExtra(CspError, ImportError):
    """An optional dependency (an extra such as ``whatif`` or ``dask``) is not installed."""


def _require(module: str, extra: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(f"{module} is needed: pip install 'cspcore[{extra}]'") from None


@attrs.frozen(kw_only=True, slots=False)  # dict-backed: simulate builds each with one write
class Transition:
    """An account moving between stages (``clear`` is no stage).

    >>> Transition(account="A", on=dt.date(2024, 2, 1), before="clear", after="reminder").after
    'reminder'
    """

    account: str
    on: dt.date
    before: str
    after: str

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)


@attrs.frozen(kw_only=True, slots=False)  # dict-backed: simulate builds each with one write
class DayPoint:
    """One day of the series: accounts and overdue amount per stage (``clear`` first).

    >>> DayPoint(day=dt.date(2024, 1, 1), accounts=(3,), overdue=()).accounts
    (3,)
    """

    day: dt.date
    accounts: tuple[int, ...]
    overdue: tuple[Money, ...]

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)


@attrs.frozen(kw_only=True)
class Summary:
    """What a policy did to the portfolio over the period.

    Args:
        suspensions: Times an account entered a stage that suspends subscriptions.
        account_days_suspended: Days accounts spent in such a stage.
        write_offs: Times an account entered a stage that writes off.
        written_off: The overdue amount at those moments.

    The three counts are at most :data:`MAX_ACCOUNT_DAYS` (an account enters a stage at most once a
    day); every amount is in the currency of ``written_off`` (another is a
    :class:`~cspcore.errors.CurrencyMismatch`).
        overdue_at_microsoft_due: Total overdue customer money on each date the partner's own
            Microsoft invoice fell due (invoice on the 8th, net 60).
        exposure: What the partner still owed Microsoft for the subscriptions of the accounts it
            suspended, each counted once, at its first suspension in the period.

    >>> Summary(
    ...     suspensions=0,
    ...     account_days_suspended=0,
    ...     write_offs=0,
    ...     written_off=Money(0, "EUR"),
    ...     overdue_at_microsoft_due=(),
    ...     exposure=Money(0, "EUR"),
    ... ).suspensions
    0
    """

    suspensions: int
    account_days_suspended: int
    write_offs: int
    written_off: Money
    overdue_at_microsoft_due: tuple[tuple[dt.date, Money], ...]
    exposure: Money

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)
        for name in ("suspensions", "account_days_suspended", "write_offs"):
            _bounds.count(getattr(self, name), name, maximum=MAX_ACCOUNT_DAYS)
        code = self.written_off.currency
        if self.exposure.currency != code:
            raise CurrencyMismatch("exposure", code, self.exposure.currency)
        for index, pair in enumerate(self.overdue_at_microsoft_due):
            field = f"overdue_at_microsoft_due[{index}]"
            if len(pair) != 2:
                raise InvalidInput(field, "expected a (day, amount) pair", pair, code=ErrorCode.WRONG_TYPE)
            _validate.date(pair[0], f"{field}[0]")
            amount = as_money(pair[1], f"{field}[1]")
            if amount.currency != code:
                raise CurrencyMismatch(f"overdue_at_microsoft_due[{index}]", code, amount.currency)


def _html_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "<table></table>"
    head = "".join(f"<th>{html.escape(str(k))}</th>" for k in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row.values()) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


@attrs.frozen(kw_only=True, slots=False)  # dict-backed: transitions may be built on first read
class SimulationResult:
    """The outcome of :func:`simulate`.

    Args:
        policy: The policy's name.
        start: The first day simulated.
        end: The last day simulated.
        currency: The portfolio's currency.
        stage_names: ``clear`` then the policy's stages, mildest first.
        transitions: Every stage change, by day then account. :func:`simulate` keeps them as packed
            integers and builds the :class:`Transition` values when the field is first read (a year
            of a large portfolio has about nine per account; most analyses read only the series and
            the summary).
        series: One point per day.
        summary: Totals.
    """

    policy: str
    start: dt.date
    end: dt.date
    currency: str
    stage_names: tuple[str, ...]
    transitions: tuple[Transition, ...]
    series: tuple[DayPoint, ...]
    summary: Summary

    def __attrs_post_init__(self) -> None:
        _validate.annotated_fields(self)

    if not TYPE_CHECKING:  # for type checkers every field is a plain attribute

        def __getattr__(self, name: str) -> Any:
            # Only reached for a field missing from the instance: simulate leaves the transitions
            # packed, and they are unpacked here, once, on first read.
            packed = self.__dict__.get("_packed")
            if name == "transitions" and packed is not None:
                value = _unpack(*packed, self.start.toordinal(), self.stage_names)
                object.__setattr__(self, "transitions", value)
                return value
            raise AttributeError(name)

    def records(self) -> list[dict[str, Any]]:
        """The daily series as plain dicts: one per day and stage (``amount`` as a Decimal).

        >>> from cspcore.billing import STANDARD
        >>> from cspcore.billing.portfolio import sample_portfolio
        >>> r = simulate(
        ...     STANDARD,
        ...     sample_portfolio(seed=1, accounts=3),
        ...     start=dt.date(2024, 3, 1),
        ...     end=dt.date(2024, 3, 2),
        ... )
        >>> sorted(r.records()[0])
        ['accounts', 'day', 'overdue', 'policy', 'stage']
        """
        return [
            {
                "policy": self.policy,
                "day": point.day,
                "stage": name,
                "accounts": point.accounts[index],
                "overdue": point.overdue[index].amount,
            }
            for point in self.series
            for index, name in enumerate(self.stage_names)
        ]

    def summary_record(self) -> dict[str, Any]:
        """The summary as one plain dict.

        >>> from cspcore.billing import STANDARD
        >>> from cspcore.billing.portfolio import sample_portfolio
        >>> r = simulate(
        ...     STANDARD,
        ...     sample_portfolio(seed=1, accounts=3),
        ...     start=dt.date(2024, 3, 1),
        ...     end=dt.date(2024, 3, 2),
        ... )
        >>> r.summary_record()["policy"]
        'standard'
        """
        peak = max((money.amount for _, money in self.summary.overdue_at_microsoft_due), default=_ZERO)
        return {
            "policy": self.policy,
            "suspensions": self.summary.suspensions,
            "account_days_suspended": self.summary.account_days_suspended,
            "write_offs": self.summary.write_offs,
            "written_off": self.summary.written_off.amount,
            "peak_overdue_at_microsoft_due": peak,
            "exposure": self.summary.exposure.amount,
        }

    def to_pandas(self) -> Any:
        """The daily series as a ``pandas.DataFrame`` (needs the ``whatif`` extra)."""
        pandas = _require("pandas", "whatif")
        return pandas.DataFrame.from_records(self.records())

    def plot(self, *, title: str | None = None) -> Any:
        """A matplotlib figure: accounts per stage over time, stacked (needs the ``whatif`` extra).

        Each stage is coloured and labelled by its name, with a legend.
        """
        return _plot([self], title=title)

    def to_png(self) -> bytes:
        """The :meth:`plot` figure as PNG bytes (write them where you like)."""
        return _png(self.plot())

    def _repr_html_(self) -> str:
        return _html_table([self.summary_record()])


def _results(value: object) -> tuple[SimulationResult, ...]:
    """Results from any iterable of them (at most :data:`~cspcore._validate.MAX_ITEMS`), as a tuple."""
    return tuple(
        _validate.instance(item, SimulationResult, f"results[{index}]")
        for index, item in enumerate(_bounds.read_items(value, "results"))
    )


@attrs.frozen(kw_only=True)
class Comparison:
    """Several policies' results over one portfolio and period."""

    results: tuple[SimulationResult, ...] = attrs.field(converter=_results)

    def records(self) -> list[dict[str, Any]]:
        """All results' daily records, one after the other."""
        return [row for result in self.results for row in result.records()]

    def summary_records(self) -> list[dict[str, Any]]:
        """One summary dict per policy."""
        return [result.summary_record() for result in self.results]

    def table(self) -> str:
        """The summary as a plain-text table.

        >>> from cspcore.billing import LENIENT
        >>> from cspcore.billing.portfolio import sample_portfolio
        >>> c = compare(
        ...     [LENIENT],
        ...     sample_portfolio(seed=1, accounts=2),
        ...     start=dt.date(2024, 1, 1),
        ...     end=dt.date(2024, 1, 31),
        ... )
        >>> c.table().splitlines()[0].split()[0]
        'policy'
        """
        rows = self.summary_records()
        if not rows:
            return ""
        columns = list(rows[0])
        cells = [[str(row[c]) for c in columns] for row in rows]
        widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
        lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
        return "\n".join(line.rstrip() for line in lines)

    def to_pandas(self) -> Any:
        """All daily records as one ``pandas.DataFrame`` (needs the ``whatif`` extra)."""
        pandas = _require("pandas", "whatif")
        return pandas.DataFrame.from_records(self.records())

    def plot(self, *, title: str | None = None) -> Any:
        """One stacked panel per policy, sharing the axes (needs the ``whatif`` extra).

        Every panel has its own legend; a stage name has one colour in every panel,
        so panels compare by name, not by position.
        """
        return _plot(list(self.results), title=title)

    def to_png(self) -> bytes:
        """The :meth:`plot` figure as PNG bytes."""
        return _png(self.plot())

    def _repr_html_(self) -> str:
        return _html_table(self.summary_records())


def _stage_colours(results: Sequence[SimulationResult]) -> dict[str, Any]:
    """One colour per stage name over all ``results``, in order of first appearance (needs matplotlib).

    The same name gets the same colour in every panel, whatever its position in its policy, so a
    custom policy's ``suspend`` is never drawn in the colour of another policy's ``block_purchases``.
    """
    _require("matplotlib", "whatif")
    from matplotlib import colormaps  # noqa: PLC0415 - optional extra

    names: list[str] = []
    for result in results:
        names.extend(name for name in result.stage_names[1:] if name not in names)
    palette = colormaps["tab10" if len(names) <= 10 else "tab20"]
    if len(names) <= 20:
        return {name: palette(index) for index, name in enumerate(names)}
    spread = colormaps["turbo"]
    return {name: spread(index / (len(names) - 1)) for index, name in enumerate(names)}


def _plot(results: list[SimulationResult], *, title: str | None) -> Any:
    _require("matplotlib", "whatif")
    from matplotlib.figure import Figure  # noqa: PLC0415 - optional extra

    colours = _stage_colours(results)
    figure = Figure(figsize=(10, 3.2 * max(1, len(results))))
    axes = figure.subplots(len(results), 1, squeeze=False, sharex=True, sharey=True)
    for row, result in enumerate(results):
        axis = axes[row][0]
        days = [point.day for point in result.series]
        names = result.stage_names[1:]
        stacks = [[point.accounts[i] for point in result.series] for i in range(1, len(result.stage_names))]
        axis.stackplot(days, *stacks, labels=names, colors=[colours[name] for name in names])
        axis.set_title(result.policy)
        axis.set_ylabel("accounts")
        axis.legend(loc="upper left", fontsize="small")  # each panel names its own stages
    if title is not None:
        figure.suptitle(title)
    return figure


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


# -- simulation ------------------------------------------------------------------------------------


_set = object.__setattr__
_new = object.__new__


def _unpack(
    codes: list[int], ids: list[str], width: int, first: int, names: tuple[str, ...]
) -> tuple[Transition, ...]:
    """Transition values from packed, sorted changes (built without attrs' per-field checks).

    Each change is one integer, ``((day offset * accounts + account rank) * width + before) * width +
    after``, so that sorting the integers orders changes by day and then account id (an account
    changes stage at most once a day), and a list of them costs the garbage collector nothing.
    """
    accounts = len(ids)
    result: list[Transition] = []
    append = result.append
    days: dict[int, dt.date] = {}
    for code in codes:
        rest, after = divmod(code, width)
        rest, before = divmod(rest, width)
        offset, rank = divmod(rest, accounts)
        day = days.get(offset)
        if day is None:
            day = days[offset] = dt.date.fromordinal(first + offset)
        item: Transition = _new(Transition)
        _set(
            item,
            "__dict__",
            {"account": ids[rank], "on": day, "before": names[before], "after": names[after]},
        )
        append(item)
    return tuple(result)


def _microsoft_due_days(start: dt.date, end: dt.date) -> list[dt.date]:
    """The days in ``start .. end`` on which a Microsoft invoice of the 8th falls due (net 60).

    Worked out on month indexes and ordinals, so that a period at either end of the calendar (year 1,
    year 9999) needs no date outside it.
    """
    days: list[dt.date] = []
    first, last = start.toordinal(), end.toordinal()
    # Invoices from three months before ``start`` can fall due in the period; none before year 1.
    index = max(start.year * 12 + start.month - 1 - 3, 12)
    while True:
        year, month = divmod(index, 12)
        issued = dt.date(year, month + 1, 8).toordinal()
        due = issued + MICROSOFT_NET_60.net_days
        if issued > last or due > _LAST_ORDINAL:
            return days
        if first <= due <= last:
            days.append(dt.date.fromordinal(due))
        index += 1


def _checked(
    policy: object, portfolio: object, start: object, end: object
) -> tuple[CollectionsPolicy, Portfolio, dt.date, dt.date, str]:
    """The checked arguments of a simulation, and its currency (the portfolio's, else the policy's)."""
    chosen: CollectionsPolicy = _validate.instance(policy, CollectionsPolicy, "policy")
    book: Portfolio = _validate.instance(portfolio, Portfolio, "portfolio")
    first_day = _validate.date(start, "start")
    last_day = _validate.date(end, "end")
    if last_day < first_day:
        raise InvalidInput("end", f"is before start {first_day.isoformat()}", last_day)
    if last_day.toordinal() - first_day.toordinal() + 1 > MAX_SIMULATION_DAYS:
        raise InvalidInput(
            "end", f"more than {MAX_SIMULATION_DAYS} days (100 years) after start, both included", last_day
        )
    currency = book.currency or chosen.currency or "EUR"
    if chosen.currency is not None and chosen.currency != currency:
        raise CurrencyMismatch("policy", chosen.currency, currency)
    return chosen, book, first_day, last_day, currency


def simulate(  # noqa: C901, PLR0912, PLR0915 - one pass: series, transitions and summary
    policy: CollectionsPolicy,
    portfolio: Portfolio,
    *,
    start: dt.date,
    end: dt.date,
) -> SimulationResult:
    """Replay ``portfolio`` under ``policy`` from ``start`` to ``end`` (both included).

    Args:
        policy: The collections policy.
        portfolio: The accounts, with their real payment dates.
        start: The first day.
        end: The last day.

    Returns:
        Per-account transitions, the daily series per stage, and a summary.

    Raises:
        InvalidInput: on wrong types, ``end`` before ``start``, a period longer than
            :data:`MAX_SIMULATION_DAYS` (100 years), or currency mismatches
            (:class:`~cspcore.errors.CurrencyMismatch`).

    >>> from cspcore.billing import STRICT
    >>> from cspcore.billing.portfolio import sample_portfolio
    >>> r = simulate(
    ...     STRICT, sample_portfolio(seed=5, accounts=10), start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 30)
    ... )
    >>> sum(r.series[-1].accounts)
    10
    """
    chosen, book, first_day, last_day, currency = _checked(policy, portfolio, start, end)
    names = (CLEAR, *(stage.name for stage in chosen.stages))
    first, last = first_day.toordinal(), last_day.toordinal()
    span = last - first + 1
    end_ordinal = last + 1
    width = len(names)
    # Per stage slot (0 = clear), day-to-day differences of the account count and the overdue amount:
    # each account adds one entry where it changes slot or amount, however long it stays.
    count_diff = [[0] * (span + 1) for _ in range(width)]
    amount_diff = [[_ZERO] * (span + 1) for _ in range(width)]
    suspending = [False] + [Action.SUSPEND_SUBSCRIPTIONS in s.actions for s in chosen.stages]
    writing_off = [False] + [Action.WRITE_OFF in s.actions for s in chosen.stages]
    thresholds = chosen.ladder.thresholds
    amounts_matter = chosen.ladder.amounts
    schedules: dict[object, Schedule] = {}
    exempt_ids = chosen.exempt_accounts
    # Account ranks by id, for packing each change into one sortable integer (see _unpack).
    ids = sorted(account.id for account in book.accounts)
    ranks = {key: rank for rank, key in enumerate(ids)}
    changes: list[int] = []
    suspensions = write_offs = suspended_days = 0
    written = exposure = _ZERO
    # Every account starts clear with nothing recorded on the first day; its first change moves it.
    count_diff[0][0] = len(book.accounts)
    for account in book.accounts:
        ledger = account.ledger
        exempt = bool(exempt_ids) and (account.id in exempt_ids or ledger.account_id in exempt_ids)
        rank = ranks[account.id]
        # The ledger's policy-independent (day, oldest due, overdue, count) changes, memoised on it.
        states = timeline_of(ledger).overdue_changes()
        last_state = len(states) - 1
        position = bisect.bisect_right(states, (first, 1 << 62)) - 1
        oldest, overdue, count = states[position][1:] if position >= 0 else (0, _ZERO, 0)
        current = 0  # the slot the account is in
        held = _ZERO  # the overdue amount recorded for it
        exposed = False
        day = first
        while True:
            following = states[position + 1][0] if position < last_state else end_ordinal
            following = min(following, end_ordinal)
            # Between two overdue changes the stage only steps up, on the days its schedule says.
            if count and not exempt:
                key = (overdue, count) if amounts_matter else count
                offsets, stages = schedules.get(key) or schedules.setdefault(
                    key, stage_schedule(thresholds, overdue, count)
                )
                step = bisect.bisect_right(offsets, day - oldest)
                slot = stages[step - 1] + 1 if step else 0
            else:
                offsets, step, slot = (), 0, 0
            at = day
            while True:
                if slot != current or overdue != held:  # a change on day ``at``
                    offset = at - first
                    count_diff[current][offset] -= 1
                    count_diff[slot][offset] += 1
                    if held:
                        amount_diff[current][offset] = _sub(amount_diff[current][offset], held)
                    if overdue:
                        amount_diff[slot][offset] = _add(amount_diff[slot][offset], overdue)
                    if slot != current:
                        changes.append((((at - first) * len(ids) + rank) * width + current) * width + slot)
                        if suspending[slot] != suspending[current]:
                            if suspending[slot]:
                                suspensions += 1
                                suspended_days += end_ordinal - at
                                if not exposed:
                                    exposed = True
                                    owed = account.exposure(dt.date.fromordinal(at))
                                    if owed is not None:
                                        exposure = _add(exposure, owed.amount)
                            else:
                                suspended_days -= end_ordinal - at
                        if writing_off[slot] and not writing_off[current]:
                            write_offs += 1
                            written = _add(written, overdue)
                    current, held = slot, overdue
                if step == len(offsets):
                    break
                at = oldest + offsets[step]
                if at >= following:
                    break
                slot = stages[step] + 1
                step += 1
            if following == end_ordinal:
                break
            position += 1
            day = following
            _day, oldest, overdue, count = states[position]
    counts = [0] * width
    amounts = [_ZERO] * width
    accounts_today: tuple[int, ...] = ()
    overdue_today: tuple[Money, ...] = ()
    series: list[DayPoint] = []
    for offset in range(span):
        # Most days change nothing: such a day shares the previous day's tuples (and its Money
        # values), so a long horizon does not fill memory with equal copies.
        changed = not offset
        for slot in range(width):
            moved = count_diff[slot][offset]
            added = amount_diff[slot][offset]
            if moved or added is not _ZERO:  # an entry never written is the _ZERO object itself
                counts[slot] += moved
                amounts[slot] = _add(amounts[slot], added)
                changed = True
        if changed:
            accounts_today = tuple(counts)
            overdue_today = tuple([money_of(amount, currency) for amount in amounts])
        point: DayPoint = _new(DayPoint)
        _set(
            point,
            "__dict__",
            {
                "day": dt.date.fromordinal(first + offset),
                "accounts": accounts_today,
                "overdue": overdue_today,
            },
        )
        series.append(point)
    microsoft = tuple(
        (day, money_of(_sum(m.amount for m in series[day.toordinal() - first].overdue), currency))
        for day in _microsoft_due_days(first_day, last_day)
    )
    changes.sort()
    summary = Summary(
        suspensions=suspensions,
        account_days_suspended=suspended_days,
        write_offs=write_offs,
        written_off=money_of(written, currency),
        overdue_at_microsoft_due=microsoft,
        exposure=money_of(exposure, currency),
    )
    # Every part was built here from checked inputs: skip re-checking them; the transitions stay packed.
    result: SimulationResult = _new(SimulationResult)
    _set(
        result,
        "__dict__",
        {
            "policy": chosen.name,
            "start": first_day,
            "end": last_day,
            "currency": currency,
            "stage_names": names,
            "series": tuple(series),
            "summary": summary,
            "_packed": (changes, ids, width),
        },
    )
    return result


def compare(
    policies: Sequence[CollectionsPolicy],
    portfolio: Portfolio,
    *,
    start: dt.date,
    end: dt.date,
) -> Comparison:
    """Simulate several policies over the same portfolio and period.

    Raises:
        InvalidInput: on an empty list or policies sharing a name.

    >>> from cspcore.billing import PRESETS
    >>> from cspcore.billing.portfolio import sample_portfolio
    >>> c = compare(
    ...     list(PRESETS.values()),
    ...     sample_portfolio(seed=2, accounts=5),
    ...     start=dt.date(2024, 1, 1),
    ...     end=dt.date(2024, 3, 31),
    ... )
    >>> [r.policy for r in c.results]
    ['lenient', 'standard', 'strict']
    """
    given: object = policies
    if isinstance(given, (str, bytes)) or not isinstance(given, Sequence) or not given:
        raise InvalidInput("policies", "expected a non-empty list of policies", given)
    chosen = [_validate.instance(p, CollectionsPolicy, f"policies[{i}]") for i, p in enumerate(policies)]
    seen = [p.name for p in chosen]
    if len(set(seen)) != len(seen):
        raise InvalidInput("policies", "names must be unique", tuple(seen))
    return Comparison(results=tuple(simulate(p, portfolio, start=start, end=end) for p in chosen))


def merge(results: Iterable[SimulationResult]) -> SimulationResult:
    """Merge results of one policy and period over disjoint partitions into one.

    Raises:
        InvalidInput: when the results differ in policy, period or stages, or are more than 100,000.
        CurrencyMismatch: when they differ in currency.

    >>> from cspcore.billing import STANDARD
    >>> from cspcore.billing.portfolio import sample_portfolio
    >>> p = sample_portfolio(seed=4, accounts=6)
    >>> whole = simulate(STANDARD, p, start=dt.date(2024, 1, 1), end=dt.date(2024, 4, 30))
    >>> parts = [
    ...     simulate(STANDARD, q, start=dt.date(2024, 1, 1), end=dt.date(2024, 4, 30)) for q in p.partition(3)
    ... ]
    >>> merge(parts) == whole
    True
    """
    items = _results(results)
    if not items:
        raise InvalidInput("results", "nothing to merge", items)
    head = items[0]
    for index, item in enumerate(items):
        if item.currency != head.currency:
            raise CurrencyMismatch(f"results[{index}].currency", head.currency, item.currency)
        if (item.policy, item.start, item.end, item.stage_names) != (
            head.policy, head.start, head.end, head.stage_names,
        ):  # fmt: skip
            raise InvalidInput(f"results[{index}]", "differs in policy, period or stages", item.policy)
    series = tuple(
        DayPoint(
            day=points[0].day,
            accounts=tuple(sum(p.accounts[i] for p in points) for i in range(len(head.stage_names))),
            overdue=tuple(
                money_of(_sum(p.overdue[i].amount for p in points), head.currency)
                for i in range(len(head.stage_names))
            ),
        )
        for points in zip(*(item.series for item in items), strict=True)
    )
    microsoft = tuple(
        (parts[0][0], money_of(_sum(m.amount for _, m in parts), head.currency))
        for parts in zip(*(item.summary.overdue_at_microsoft_due for item in items), strict=True)
    )
    merged: SimulationResult = attrs.evolve(
        head,
        transitions=tuple(
            sorted((t for item in items for t in item.transitions), key=lambda t: (t.on, t.account))
        ),
        series=series,
        summary=Summary(
            suspensions=sum(i.summary.suspensions for i in items),
            account_days_suspended=sum(i.summary.account_days_suspended for i in items),
            write_offs=sum(i.summary.write_offs for i in items),
            written_off=money_of(_sum(i.summary.written_off.amount for i in items), head.currency),
            overdue_at_microsoft_due=microsoft,
            exposure=money_of(_sum(i.summary.exposure.amount for i in items), head.currency),
        ),
    )
    return merged


def simulate_partitioned(
    policy: CollectionsPolicy,
    portfolio: Portfolio,
    *,
    start: dt.date,
    end: dt.date,
    partitions: int,
    scheduler: str = "threads",
) -> SimulationResult:
    """Simulate partitions of the portfolio as Dask tasks and merge them (needs the ``dask`` extra).

    The result equals :func:`simulate` over the whole portfolio. ``scheduler`` names one of Dask's
    schedulers (:data:`SCHEDULERS`: ``"threads"``, ``"processes"``, ``"synchronous"``, or
    ``"distributed"`` for the current distributed client); the partitions are pure values, so any
    scheduler gives the same answer. Every argument is checked before a task starts.

    Raises:
        InvalidInput: on what :func:`simulate` refuses, ``partitions`` outside 1..100,000, or a
            scheduler Dask does not name.
        MissingExtra: when Dask is not installed.
    """
    chosen, book, first_day, last_day, _currency = _checked(policy, portfolio, start, end)
    parts_wanted = _validate.integer(partitions, "partitions", minimum=1, maximum=_bounds.MAX_COUNT)
    name = _validate.one_of(_validate.text(scheduler, "scheduler"), SCHEDULERS, "scheduler")
    dask = _require("dask", "dask")
    if name == "distributed":
        _client()
    tasks = [
        dask.delayed(simulate)(chosen, part, start=first_day, end=last_day)
        for part in book.partition(parts_wanted)
    ]
    (parts,) = dask.compute(tasks, scheduler=name)
    merged: SimulationResult = merge(parts)
    return merged


def _client() -> object:
    """The running distributed client that the ``"distributed"`` scheduler would use, or a refusal."""
    distributed = _require("distributed", "dask")
    try:
        return distributed.get_client()
    except ValueError:  # no client has been started
        raise InvalidInput(
            "scheduler", "no distributed client is running; start one first", "distributed"
        ) from None


def compare_presets(
    portfolio: Portfolio | None = None,
    *,
    start: dt.date = dt.date(2024, 1, 1),
    end: dt.date = dt.date(2024, 12, 31),
) -> Comparison:
    """Compare the lenient, standard and strict presets (on the sample portfolio by default).

    This is what ``python -m cspcore whatif`` prints (``comparison.table()``) and plots
    (``comparison.to_png()``, written by the shell where ``--plot`` says).

    >>> from cspcore.billing.portfolio import sample_portfolio
    >>> [r.policy for r in compare_presets(sample_portfolio(seed=1, accounts=3)).results]
    ['lenient', 'standard', 'strict']
    """
    book = sample_portfolio() if portfolio is None else portfolio
    return compare(list(PRESETS.values()), book, start=start, end=end)
