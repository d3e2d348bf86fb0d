"""What-if result values: a simulation's transitions, daily series and summary, and comparisons.

:func:`~cspcore.billing.collections.whatif.engine.simulate` builds these; callers may build them too
(every field is checked). The simulation builds its many :class:`DayPoint` and :class:`Transition`
values, and its :class:`SimulationResult`, through each class's one trusted constructor below
(:func:`day_point_of`, :func:`transition_of`, :func:`trusted_result`), generated from the class's
own attrs fields: the fields are checked as the simulation works them out, not again one by one.

>>> Transition(account="A", on=dt.date(2024, 2, 1), before="clear", after="reminder") == transition_of(
...     "A", dt.date(2024, 2, 1), "clear", "reminder"
... )
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final

import attrs

from cspcore import _validate
from cspcore._trusted import trusted_constructor
from cspcore.billing import _bounds
from cspcore.billing.collections.policy import MAX_STAGES
from cspcore.billing.collections.whatif._frames import html_table, png, series_frame
from cspcore.billing.collections.whatif._frames import plot as plot_results
from cspcore.currencies import currency_code
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.money import Money, as_money

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "CLEAR",
    "MAX_ACCOUNTS",
    "MAX_ACCOUNT_DAYS",
    "MAX_SIMULATION_DAYS",
    "Comparison",
    "DayPoint",
    "SimulationResult",
    "Summary",
    "Transition",
    "day_point_of",
    "result_with",
    "transition_of",
    "trusted_result",
]

_ZERO: Final = Decimal(0)
#: The slot of accounts in no stage: the first of every result's ``stage_names``.
CLEAR: Final = "clear"
#: The longest period :func:`~cspcore.billing.collections.whatif.engine.simulate` replays: 100 years
#: of days (both ends included). The series holds one point per day, so the span bounds its size; a
#: century covers any real what-if.
MAX_SIMULATION_DAYS: Final = 36_525

#: The most accounts a result counts: one per account number a sample can give
#: (:data:`~cspcore.billing.portfolio.MAX_ACCOUNT_NUMBER` + 1), far beyond any portfolio, merged
#: partitions included (the docs simulate 1,000,000 accounts as slices merged into one result). A
#: :class:`DayPoint` counts at most this many in all its stages together: each account sits in one
#: stage a day.
MAX_ACCOUNTS: Final = 1_000_000_000
#: The most account-days a summary counts: :data:`MAX_ACCOUNTS` accounts, each on every day of the
#: longest period (:data:`MAX_SIMULATION_DAYS`). Suspensions and write-offs (at most one per account a
#: day) stay within it too. One bound for a result, merged or not: a merge adds up the parts' counts,
#: and disjoint parts count at most the accounts of the whole. (It was ``MAX_ITEMS`` = 100,000
#: accounts, which refused the merged summary of 1,000,000 accounts suspended over 100 years.)
MAX_ACCOUNT_DAYS: Final = MAX_ACCOUNTS * MAX_SIMULATION_DAYS
#: The most counts a :class:`DayPoint` holds: ``clear``'s and one per stage of a policy.
_MAX_SLOTS: Final = 1 + MAX_STAGES


@attrs.frozen(kw_only=True, weakref_slot=False)  # (no weak references: see transition_of)
class Transition:
    """An account moving between stages (``clear`` is no stage).

    >>> Transition(account="A", on=dt.date(2024, 2, 1), before="clear", after="reminder").after
    'reminder'
    """

    account: str = attrs.field(validator=_validate.attrs_instance_of(str))
    on: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    before: str = attrs.field(validator=_validate.attrs_instance_of(str))
    after: str = attrs.field(validator=_validate.attrs_instance_of(str))


@attrs.frozen(kw_only=True, weakref_slot=False)  # (no weak references: see transition_of)
class DayPoint:
    """One day of the series: accounts and overdue amount per stage (``clear`` first).

    Args:
        day: The day.
        accounts: How many accounts sit in each stage (``clear`` and at most
            :data:`~cspcore.billing.collections.policy.MAX_STAGES` stages): each at least 0, and
            together at most :data:`MAX_ACCOUNTS` (an account sits in one stage a day).
        overdue: Their overdue money per stage, one amount per count, never negative, all in one
            currency.

    Raises:
        InvalidInput: a count out of range (``accounts[i]``, code ``out_of_range``), counts that add
            up to more than :data:`MAX_ACCOUNTS` (``accounts``, code ``out_of_range``), more counts
            than ``clear`` and :data:`~cspcore.billing.collections.policy.MAX_STAGES` stages
            (``accounts``, code ``too_long``), a negative amount (``overdue[i]``), or not one amount
            per count (``overdue``, code ``inconsistent``).
        CurrencyMismatch: amounts in two currencies (``overdue[i]``).

    >>> from cspcore import Money
    >>> DayPoint(day=dt.date(2024, 1, 1), accounts=(3,), overdue=(Money(0, "EUR"),)).accounts
    (3,)
    """

    day: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    accounts: tuple[int, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, int))
    overdue: tuple[Money, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Money))

    def __attrs_post_init__(self) -> None:
        if len(self.accounts) > _MAX_SLOTS:
            raise InvalidInput(
                "accounts",
                f"more than one count per stage of a policy ({_MAX_SLOTS})",
                len(self.accounts),
                code=ErrorCode.TOO_LONG,
            )
        for index, many in enumerate(self.accounts):
            _bounds.count(many, f"accounts[{index}]", maximum=MAX_ACCOUNTS)
        total = sum(self.accounts)
        if total > MAX_ACCOUNTS:  # each account sits in one stage a day
            raise InvalidInput(
                "accounts", f"more than {MAX_ACCOUNTS} accounts in all", total, code=ErrorCode.OUT_OF_RANGE
            )
        if len(self.overdue) != len(self.accounts):
            raise InvalidInput(
                "overdue",
                f"expected one amount per count ({len(self.accounts)})",
                len(self.overdue),
                code=ErrorCode.INCONSISTENT,
            )
        code = self.overdue[0].currency if self.overdue else None
        for index, amount in enumerate(self.overdue):
            if amount.currency != code:
                raise CurrencyMismatch(f"overdue[{index}]", str(code), amount.currency)
            if amount.is_negative():
                raise InvalidInput(
                    f"overdue[{index}]", "must not be negative", amount, code=ErrorCode.OUT_OF_RANGE
                )


@attrs.frozen(kw_only=True)
class Summary:
    """What a policy did to the portfolio over the period.

    Args:
        suspensions: Times an account entered a stage that suspends subscriptions.
        account_days_suspended: Days accounts spent in such a stage.
        write_offs: Times an account entered a stage that writes off.
        written_off: The overdue amount at those moments.
        overdue_at_microsoft_due: Total overdue customer money on each date the partner's own
            Microsoft invoice fell due (invoice on the 8th, net 60).
        exposure: What the partner still owed Microsoft for the subscriptions of the accounts it
            suspended, each counted once, at its first suspension in the period.

    The three counts are at most :data:`MAX_ACCOUNT_DAYS` (an account enters a stage at most once a
    day); every amount is in the currency of ``written_off`` (another is a
    :class:`~cspcore.errors.CurrencyMismatch`).

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

    suspensions: int = attrs.field(validator=_validate.attrs_validator(_validate.integer))
    account_days_suspended: int = attrs.field(validator=_validate.attrs_validator(_validate.integer))
    write_offs: int = attrs.field(validator=_validate.attrs_validator(_validate.integer))
    written_off: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    overdue_at_microsoft_due: tuple[tuple[dt.date, Money], ...] = attrs.field(
        validator=_validate.attrs_items_of(tuple, tuple)
    )
    exposure: Money = attrs.field(validator=_validate.attrs_instance_of(Money))

    def __attrs_post_init__(self) -> None:
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


@attrs.frozen(kw_only=True)
class SimulationResult:
    """The outcome of :func:`~cspcore.billing.collections.whatif.engine.simulate`.

    Args:
        policy: The policy's name.
        start: The first day simulated.
        end: The last day simulated.
        currency: The portfolio's currency.
        stage_names: ``clear`` then the policy's stages, mildest first.
        transitions: Every stage change, by day then account.
        series: One point per day.
        summary: Totals.

    Every field is checked against the others, so that a result built by hand reads, and merges,
    like one :func:`~cspcore.billing.collections.whatif.engine.simulate` built.

    Raises:
        InvalidInput: ``currency`` that is no currency code; ``end`` before ``start`` or more than
            :data:`MAX_SIMULATION_DAYS` days after it (``end``); ``stage_names`` that do not start with
            ``clear`` or repeat a name; a series that is not one point per day of the period, in order
            (``series`` or ``series[i].day``), or a point without one count per stage
            (``series[i].accounts``); a transition outside the period (``transitions[i].on``) or
            naming another stage (``transitions[i].before``, ``transitions[i].after``).
        CurrencyMismatch: a series amount (``series[i].overdue[j]``) or the summary
            (``summary.written_off``) in another currency than ``currency``.
    """

    policy: str = attrs.field(validator=_validate.attrs_instance_of(str))
    start: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    end: dt.date = attrs.field(validator=_validate.attrs_validator(_validate.date))
    currency: str = attrs.field(validator=_validate.attrs_instance_of(str))
    stage_names: tuple[str, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, str))
    transitions: tuple[Transition, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, Transition))
    series: tuple[DayPoint, ...] = attrs.field(validator=_validate.attrs_items_of(tuple, DayPoint))
    summary: Summary = attrs.field(validator=_validate.attrs_instance_of(Summary))

    def __attrs_post_init__(self) -> None:
        code = currency_code(self.currency)
        first = self.start.toordinal()
        span = _period_days(self.start, self.end)
        names = self.stage_names
        if not names or names[0] != CLEAR:
            raise InvalidInput(
                "stage_names", f"must start with {CLEAR!r}", names, code=ErrorCode.INCONSISTENT
            )
        if len(set(names)) != len(names):
            raise InvalidInput("stage_names", "names must be unique", names, code=ErrorCode.DUPLICATE)
        _check_series(self.series, first, span, len(names), code)
        if self.summary.written_off.currency != code:  # the summary's amounts share one
            raise CurrencyMismatch("summary.written_off", code, self.summary.written_off.currency)
        _check_transitions(self.transitions, first, first + span - 1, names)

    def records(self) -> list[dict[str, Any]]:
        """The daily series as plain dicts: one per day and stage (``amount`` as a Decimal).

        >>> from cspcore.billing import STANDARD
        >>> from cspcore.billing.portfolio import sample_portfolio
        >>> from cspcore.billing.whatif import simulate
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

        >>> from cspcore.billing import STRICT
        >>> from cspcore.billing.portfolio import Portfolio
        >>> from cspcore.billing.whatif import simulate
        >>> nobody = simulate(
        ...     STRICT, Portfolio(accounts=()), start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 2)
        ... )
        >>> nobody.summary_record()["policy"], nobody.summary_record()["suspensions"]
        ('strict', 0)
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
        """The daily series as a ``pandas.DataFrame`` (needs the ``whatif`` extra).

        One row per day and stage: ``policy``, ``day`` (``datetime64``), ``stage``, ``accounts``,
        ``overdue`` (a float, for plots and aggregations), ``overdue_exact`` (the exact ``Decimal``,
        as :meth:`records` gives it) and ``currency``. So ``frame.pivot(index="day", columns="stage",
        values="overdue").plot()`` and ``.resample("MS")`` work as they do on any numeric series.

        .. versionchanged:: 0.1.0
            ``day`` is ``datetime64`` (it held ``datetime.date`` objects) and ``overdue`` a float
            (it held the ``Decimal``, now in ``overdue_exact``); ``currency`` added.
        """
        return series_frame(_frame_records(self))

    def plot(self, *, title: str | None = None) -> Any:
        """A matplotlib figure: accounts per stage over time, stacked (needs the ``whatif`` extra).

        Each stage is coloured and labelled by its name, with a legend.
        """
        return plot_results([self], title=title)

    def to_png(self) -> bytes:
        """The :meth:`plot` figure as PNG bytes (write them where you like)."""
        return png(self.plot())

    def _repr_html_(self) -> str:
        return html_table([self.summary_record()])


def _period_days(start: dt.date, end: dt.date) -> int:
    """The days from ``start`` to ``end``, both included: 1 to :data:`MAX_SIMULATION_DAYS`."""
    span = end.toordinal() - start.toordinal() + 1
    if span < 1:
        raise InvalidInput("end", f"is before start {start.isoformat()}", end, code=ErrorCode.INCONSISTENT)
    if span > MAX_SIMULATION_DAYS:
        raise InvalidInput(
            "end",
            f"more than {MAX_SIMULATION_DAYS} days after start, both included",
            end,
            code=ErrorCode.OUT_OF_RANGE,
        )
    return span


def _check_series(series: tuple[DayPoint, ...], first: int, span: int, width: int, code: str) -> None:
    """One point a day from ordinal ``first``, each with ``width`` counts, its amounts in ``code``."""
    if len(series) != span:
        raise InvalidInput(
            "series",
            f"expected one point per day of the period ({span})",
            len(series),
            code=ErrorCode.INCONSISTENT,
        )
    for index, point in enumerate(series):
        if point.day.toordinal() != first + index:
            raise InvalidInput(
                f"series[{index}].day",
                f"expected {dt.date.fromordinal(first + index).isoformat()}",
                point.day,
                code=ErrorCode.INCONSISTENT,
            )
        if len(point.accounts) != width:
            raise InvalidInput(
                f"series[{index}].accounts",
                f"expected one count per stage ({width})",
                len(point.accounts),
                code=ErrorCode.INCONSISTENT,
            )
        if point.overdue and point.overdue[0].currency != code:  # a point's amounts share one
            raise CurrencyMismatch(f"series[{index}].overdue[0]", code, point.overdue[0].currency)


def _check_transitions(
    transitions: tuple[Transition, ...], first: int, last: int, names: tuple[str, ...]
) -> None:
    """Each transition within ordinals ``first`` .. ``last``, between stages of ``names``."""
    known = frozenset(names)
    for index, move in enumerate(transitions):
        if not first <= move.on.toordinal() <= last:
            raise InvalidInput(
                f"transitions[{index}].on", "is outside the period", move.on, code=ErrorCode.OUT_OF_RANGE
            )
        for side, name in (("before", move.before), ("after", move.after)):
            if name not in known:
                raise InvalidInput(
                    f"transitions[{index}].{side}",
                    "names no stage of stage_names",
                    name,
                    code=ErrorCode.UNKNOWN_VALUE,
                    choices=names,
                )


def _frame_records(result: SimulationResult) -> list[dict[str, Any]]:
    """The result's daily records, each with its currency (what a frame shows beside the amounts)."""
    currency = result.currency
    return [{**record, "currency": currency} for record in result.records()]


def results_of(value: Iterable[SimulationResult]) -> tuple[SimulationResult, ...]:
    """Results from any iterable of them (at most :data:`~cspcore._validate.MAX_ITEMS`), as a tuple."""
    return tuple(
        _validate.instance(item, SimulationResult, f"results[{index}]")
        for index, item in enumerate(_validate.iterable(value, "results"))
    )


@attrs.frozen(kw_only=True)
class Comparison:
    """Several policies' results over one portfolio and period."""

    results: tuple[SimulationResult, ...] = attrs.field(converter=results_of)

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
        >>> from cspcore.billing.whatif import compare
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
        """All daily records as one ``pandas.DataFrame`` (needs the ``whatif`` extra).

        Its columns are those of :meth:`SimulationResult.to_pandas`, every policy's rows one after
        the other.
        """
        return series_frame([row for result in self.results for row in _frame_records(result)])

    def plot(self, *, title: str | None = None) -> Any:
        """One stacked panel per policy, sharing the axes (needs the ``whatif`` extra).

        Every panel has its own legend; a stage name has one colour in every panel,
        so panels compare by name, not by position.
        """
        return plot_results(self.results, title=title)

    def to_png(self) -> bytes:
        """The :meth:`plot` figure as PNG bytes."""
        return png(self.plot())

    def _repr_html_(self) -> str:
        return html_table(self.summary_records())


# -- the trusted constructors ----------------------------------------------------------------------

#: Transition's trusted constructor, generated from its fields: ``transition_of(account, on, before,
#: after)``. For the simulation, which takes each value from checked inputs (a property test holds
#: it equal to the public constructor); a field added to the class is required here too. A year's
#: what-if of 2,000 accounts builds about 18,000 transitions (and a DayPoint a day): neither class
#: has a ``__weakref__`` slot, so that each is built through a plain twin class (see
#: :mod:`cspcore._trusted`), about 0.6 of the slot setters' cost.
transition_of: Final[Callable[..., Transition]] = trusted_constructor(Transition)
#: DayPoint's trusted constructor, generated from its fields: ``day_point_of(day, accounts, overdue)``.
day_point_of: Final[Callable[..., DayPoint]] = trusted_constructor(DayPoint)
_result_of: Final[Callable[..., SimulationResult]] = trusted_constructor(SimulationResult, keyword_only=True)
_RESULT_FIELDS: Final = frozenset(field.name for field in attrs.fields(SimulationResult))


def trusted_result(**values: Any) -> SimulationResult:
    """SimulationResult's one trusted constructor, for the simulation (its parts are checked as built).

    Generated from the class's attrs fields: every one must be given, by name. It skips only the
    per-field type checks, which would walk every transition and day point again.

    >>> trusted_result(policy="standard")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: values: expected every SimulationResult field (got 'policy')
    """
    if values.keys() != _RESULT_FIELDS:
        raise InvalidInput(
            "values",
            "expected every SimulationResult field",
            ", ".join(sorted(values)),
            code=ErrorCode.UNKNOWN_VALUE if values.keys() - _RESULT_FIELDS else ErrorCode.MISSING,
        )
    return _result_of(**values)


def result_with(result: SimulationResult, **changes: Any) -> SimulationResult:
    """``result`` with some fields replaced, through :func:`trusted_result` (for merges of checked parts).

    >>> from cspcore.billing import STRICT
    >>> from cspcore.billing.portfolio import Portfolio
    >>> from cspcore.billing.whatif import simulate
    >>> nobody = simulate(STRICT, Portfolio(accounts=()), start=dt.date(2024, 3, 1), end=dt.date(2024, 3, 1))
    >>> result_with(nobody, policy="other").policy
    'other'
    """
    values = {name: getattr(result, name) for name in _RESULT_FIELDS}
    values.update(changes)
    return trusted_result(**values)
