"""What-if engine: replay a portfolio under a collections policy, day by day — driven by events.

:func:`simulate` replays every account's ledger (its real invoice and payment dates) from ``start``
to ``end`` and records, for every day, how many accounts and how much overdue money sit in each
stage. It does not step through days × invoices: for each account it jumps from one change point to
the next (a document, an invoice falling overdue, the oldest invoice crossing a stage's day
threshold), so the cost grows with events. Its series is exactly what :func:`~cspcore.billing.evaluate`
says on each day. :func:`compare` runs several policies side by side and :func:`merge` joins the
results of disjoint partitions.

>>> import datetime as dt
>>> from cspcore.billing import STANDARD
>>> from cspcore.billing.portfolio import sample_portfolio
>>> result = simulate(
...     STANDARD, sample_portfolio(seed=11, accounts=30), start=dt.date(2024, 1, 1), end=dt.date(2024, 1, 31)
... )
>>> len(result.series), result.series[0].day
(31, datetime.date(2024, 1, 1))

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import bisect
import datetime as dt
import decimal
import itertools
import operator
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Final, Protocol

from cspcore import _validate
from cspcore._decimal import EXACT, exact_sum
from cspcore.billing.accounts import total_exposure
from cspcore.billing.collections.policy import PRESETS, CollectionsPolicy
from cspcore.billing.collections.stages import Action, stage_schedule
from cspcore.billing.collections.whatif._arguments import checked
from cspcore.billing.collections.whatif.results import (
    CLEAR,
    Comparison,
    DayPoint,
    SimulationResult,
    Summary,
    Transition,
    day_point_of,
    result_with,
    results_of,
    transition_of,
    trusted_result,
)
from cspcore.billing.ledger import money_of, overdue_changes_alike_of
from cspcore.billing.portfolio import Portfolio, sample_portfolio
from cspcore.billing.terms_of_payment import MICROSOFT_NET_60
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from cspcore.billing.accounts import Account
    from cspcore.billing.ledger.account import Ledger
    from cspcore.money import Money

__all__ = ["compare", "compare_presets", "merge", "simulate", "simulate_packed", "unpack_transitions"]

_ZERO: Final = Decimal(0)
_LAST_ORDINAL: Final = dt.date.max.toordinal()
_BY_ID: Final = operator.attrgetter("id")
_AMOUNT: Final = operator.itemgetter(2)  # a ledger state's overdue amount
#: A ledger's overdue changes ``(day, oldest due, overdue, count)``, and an amount whose exponent each
#: nonzero overdue amount of them has when the ledger's sweep proved it (else None).
Changes = tuple[list[tuple[int, int, Decimal, int]], Decimal | None]


class ChangesOf(Protocol):
    """Where the replay reads a ledger's overdue changes up to a day (see ``overdue_changes_alike_of``).

    The replay calls it inside the copy of :data:`~cspcore._decimal.EXACT` it sets for its whole
    call, and says so (``in_exact=True``): the ledger's sweep then sets no context of its own.
    """

    def __call__(self, ledger: Ledger, until: dt.date, /, *, in_exact: bool) -> Changes: ...


#: A schedule as the replay reads it: see :func:`_schedule_of`.
Schedule = tuple[tuple[int, ...], tuple[int, ...], tuple[bool, ...], tuple[int, ...], int]


class _MixedExponents(Exception):
    """The overdue amounts of a replay do not all share one exponent: the careful replay is needed."""


class _Specials:
    """The replay's suspension and write-off counters: the one owner of what a special move adds.

    A special move starts or ends a suspension, or writes off: a few per overdue account, so a method
    call each costs little, and the replay calls it for a state's own move and for a step-up alike.
    ``days`` are the period's days, so that a move ``offset`` days in suspends the account for the
    ``len(days) - offset`` days left; ``suspended`` holds each account at its first suspension (its
    exposure is counted once), the replay walking one account's moves after the other's.
    """

    __slots__ = (
        "days",
        "span",
        "suspended",
        "suspended_days",
        "suspending",
        "suspensions",
        "write_offs",
        "writing_off",
        "written",
    )

    def __init__(self, suspending: list[bool], writing_off: list[bool], days: list[dt.date]) -> None:
        self.suspending, self.writing_off, self.days = suspending, writing_off, days
        self.span = len(days)
        self.suspensions = self.suspended_days = self.write_offs = 0
        self.written = _ZERO
        self.suspended: list[tuple[Account, dt.date]] = []

    def move(self, account: Account, before: int, after: int, offset: int, overdue: Decimal) -> None:
        """``account`` moves from slot ``before`` to slot ``after`` on day ``offset``, owing ``overdue``."""
        suspending = self.suspending
        if suspending[after] != suspending[before]:
            if suspending[after]:
                self.suspensions += 1
                self.suspended_days += self.span - offset
                suspended = self.suspended
                if not suspended or suspended[-1][0] is not account:
                    suspended.append((account, self.days[offset]))
            else:
                self.suspended_days -= self.span - offset
        if self.writing_off[after] and not self.writing_off[before]:
            self.write_offs += 1
            self.written += overdue


def unpack_transitions(
    codes: Iterable[int], ids: Sequence[str], first: int, names: tuple[str, ...]
) -> tuple[Transition, ...]:
    """Transition values from packed, sorted changes (through Transition's trusted constructor).

    Each change is one integer, ``((day offset * accounts + account rank) * width + before) * width +
    after`` (width: the number of stage names), so that sorting the integers orders changes by day and
    then account id (an account changes stage at most once a day), and a list of them costs the
    garbage collector nothing. ``first`` is the ordinal of day offset 0; partitioned runs send their
    transitions packed this way (:mod:`~cspcore.billing.collections.whatif.slices`).
    """
    accounts = len(ids)
    # The (before, after) names of every slot pair, by ``before * width + after``.
    moves = [(before, after) for before in names for after in names]
    pairs = len(moves)
    result: list[Transition] = []
    append = result.append
    days: dict[int, dt.date] = {}
    for code in codes:
        rest, move = divmod(code, pairs)
        offset, rank = divmod(rest, accounts)
        day = days.get(offset)
        if day is None:
            day = days[offset] = dt.date.fromordinal(first + offset)
        before, after = moves[move]
        append(transition_of(ids[rank], day, before, after))
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


def simulate(
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
            :data:`~cspcore.billing.collections.whatif.results.MAX_SIMULATION_DAYS` (100 years),
            or currency mismatches (:class:`~cspcore.errors.CurrencyMismatch`).

    >>> from cspcore.billing import STRICT
    >>> from cspcore.billing.portfolio import sample_portfolio
    >>> r = simulate(
    ...     STRICT, sample_portfolio(seed=5, accounts=10), start=dt.date(2024, 1, 1), end=dt.date(2024, 6, 30)
    ... )
    >>> sum(r.series[-1].accounts)
    10
    """
    return _simulate(policy, portfolio, start=start, end=end, changes_of=overdue_changes_alike_of)


def simulate_packed(
    policy: CollectionsPolicy,
    portfolio: Portfolio,
    *,
    start: dt.date,
    end: dt.date,
) -> tuple[SimulationResult, tuple[str, ...], list[int]]:
    """:func:`simulate`, its transitions left packed: no transition value is built.

    Returns the result with no transitions, the account ids in order, and the transitions as sorted
    integers (see :func:`unpack_transitions`, with the result's start and stage names): what a
    worker of a partitioned run sends back, so only the caller builds the transition values.

    >>> from cspcore.billing import STRICT
    >>> from cspcore.billing.portfolio import sample_portfolio
    >>> book, first, last = sample_portfolio(seed=5, accounts=10), dt.date(2024, 1, 1), dt.date(2024, 6, 30)
    >>> result, ids, codes = simulate_packed(STRICT, book, start=first, end=last)
    >>> unpack_transitions(codes, ids, first.toordinal(), result.stage_names) == simulate(
    ...     STRICT, book, start=first, end=last
    ... ).transitions
    True
    """
    return _simulate_packed(policy, portfolio, start=start, end=end, changes_of=overdue_changes_alike_of)


def _shared_changes() -> ChangesOf:
    """Overdue changes worked out once per ledger for the length of one call (several policies).

    The memo lives in the returned function: it goes when the caller (``compare``) drops it.
    """
    memo: dict[tuple[int, dt.date], Changes] = {}

    def changes_of(ledger: Ledger, until: dt.date, *, in_exact: bool) -> Changes:
        key = (id(ledger), until)  # the portfolio, and so every ledger, lives while the call runs
        found = memo.get(key)
        if found is None:
            found = memo[key] = overdue_changes_alike_of(ledger, until, in_exact=in_exact)
        return found

    return changes_of


def _simulate(
    policy: CollectionsPolicy,
    portfolio: Portfolio,
    *,
    start: dt.date,
    end: dt.date,
    changes_of: ChangesOf,
) -> SimulationResult:
    """:func:`simulate`, reading each ledger's overdue changes through ``changes_of``."""
    result, _ids, _changes = _simulate_packed(
        policy, portfolio, start=start, end=end, changes_of=changes_of, build=True
    )
    return result


def _simulate_packed(
    policy: CollectionsPolicy,
    portfolio: Portfolio,
    *,
    start: dt.date,
    end: dt.date,
    changes_of: ChangesOf,
    build: bool = False,
) -> tuple[SimulationResult, tuple[str, ...], list[int]]:
    """:func:`simulate_packed`, reading each ledger's overdue changes through ``changes_of``.

    The replay adds and subtracts amounts with ``+`` and ``-`` in :data:`~cspcore._decimal.EXACT`,
    set for the call and put back after it: exactly what ``EXACT.add`` gives, without the cost of a
    method call per operation. A replay whose overdue amounts do not all share one exponent (a
    ledger of ``12.5`` and ``50``, or ledgers in cents beside ledgers in whole units) is run again,
    carefully: see :func:`_replay`.
    """
    with decimal.localcontext(EXACT):
        try:
            return _replay(policy, portfolio, start=start, end=end, changes_of=changes_of, build=build)
        except _MixedExponents:
            return _replay(
                policy, portfolio, start=start, end=end, changes_of=changes_of, build=build, careful=True
            )


def _replay(  # noqa: C901, PLR0912, PLR0915 - one pass: series, transitions and summary
    policy: CollectionsPolicy,
    portfolio: Portfolio,
    *,
    start: dt.date,
    end: dt.date,
    changes_of: ChangesOf,
    build: bool,
    careful: bool = False,
) -> tuple[SimulationResult, tuple[str, ...], list[int]]:
    """:func:`_simulate_packed`'s work, in :data:`~cspcore._decimal.EXACT` (which it sets): ``+`` is exact.

    With ``build``, the result holds its transitions and none is packed: the accounts are walked
    in id order, so each day's transitions, built as they happen, are already in account order.

    Each stage's amount on a day is what ``evaluate`` gives: the exact sum, from ``Decimal(0)``, of
    the overdue amounts of the accounts in it, digit for digit (value and exponent), which is
    ``Decimal(0)`` itself for a stage whose accounts owe nothing. The series keeps a running sum per
    stage instead, whose exponent is the least of every amount that ever went through it. Unless
    ``careful``, the replay checks (once per account, not per state) that all the overdue amounts it
    reads share one exponent, and raises :class:`_MixedExponents` on the first that does not; the
    careful replay counts, per stage and day, the amounts present of each exponent and gives each
    changed day's sum the least of them (at most zero).
    """
    chosen, book, first_day, last_day, currency = checked(policy, portfolio, start, end)
    names = (CLEAR, *(stage.name for stage in chosen.stages))
    first, last = first_day.toordinal(), last_day.toordinal()
    span = last - first + 1
    the_end = ((last + 1, 0, _ZERO, 0),)  # a state after the period: where the last one stops
    width = len(names)
    # Per day offset, then stage slot (0 = clear), day-to-day differences of the account count and the
    # overdue amount: each account adds one entry where it changes slot or amount, however long it
    # stays. A row per day: a move finds its day's entries with no arithmetic on the slot.
    count_diff = [[0] * width for _ in range(span + 1)]
    amount_diff = [[_ZERO] * width for _ in range(span + 1)]
    # Per day offset and slot, the overdue amount stepping up to the slot from the one under it
    # (slot 0, and one past the last: none), and how many accounts step up so: such a step-up, most
    # moves, costs one addition and one increment, the day's step-ups into a slot come to one entry
    # of each, and the series pass moves each entry's amount and count out of the slot under it.
    lifted = [[_ZERO] * (width + 1) for _ in range(span + 1)]
    raised = [[0] * (width + 1) for _ in range(span + 1)]
    suspending = [False] + [Action.SUSPEND_SUBSCRIPTIONS in s.actions for s in chosen.stages]
    writing_off = [False] + [Action.WRITE_OFF in s.actions for s in chosen.stages]
    # Per move ``before * width + after``: whether it starts or ends a suspension or writes off (a
    # move that does neither, most of them, is one lookup).
    special = [
        suspending[before] != suspending[after] or (writing_off[after] and not writing_off[before])
        for before in range(width)
        for after in range(width)
    ]
    thresholds = chosen.ladder.thresholds
    amounts_matter = chosen.ladder.amounts
    # Per schedule key: its steps, as _schedule_of gives them; keys whose steps are equal share one
    # schedule object (``alike_schedules``), so that an account whose key changes but not its steps
    # keeps its place in them.
    schedules: dict[object, Schedule] = {}
    alike_schedules: dict[Schedule, Schedule] = {}
    # A schedule depends on the overdue amount only through which amount thresholds it reaches: the
    # number of distinct thresholds at or under it, so that amounts reaching the same share a schedule.
    levels = sorted({amount for _days, amount, _count in thresholds})
    exempt_ids = chosen.exempt_accounts
    any_exempt = bool(exempt_ids)
    # The accounts in id order: their ranks pack each change into one sortable integer (see
    # unpack_transitions), and a day's transitions built in this order need no sort.
    accounts = sorted(book.accounts, key=_BY_ID)
    ids = [account.id for account in accounts]
    changes: list[int] = []
    days = [dt.date.fromordinal(first + offset) for offset in range(span)]
    # The careful replay packs its transitions (it reads each account's moves back from them) and
    # builds them at the end.
    made: list[list[Transition]] | None = [[] for _ in range(span)] if build and not careful else None
    like: Decimal | None = None  # the run's exponent: an overdue amount every other shares it with
    mark = 0  # careful: where the account's packed moves start
    # careful: per day offset and stage slot (``offset * width + slot``), how many more (or fewer)
    # nonzero overdue amounts of each exponent sit in the stage from that day on.
    exponent_diff: dict[int, dict[int, int]] = {}
    pairs = width * width
    day_code = len(ids) * pairs  # a day offset's weight in a packed change
    summary = _Specials(suspending, writing_off, days)
    after_first = (first, 1 << 62)  # sorts after every state of the first day
    after_last = (last, 1 << 62)
    bisect_right = bisect.bisect_right
    transition = transition_of
    # Every account starts clear with nothing recorded on the first day; its first change moves it.
    count_diff[0][0] = len(book.accounts)
    for rank, account in enumerate(accounts):
        ledger = account.ledger
        # The ledger's policy-independent overdue changes, (day, oldest due, overdue, count), up to
        # the last day (the later ones change nothing here), from one sweep of its documents (or its
        # index when the caller's ledger already has one).
        states, alike = changes_of(ledger, last_day, in_exact=True)  # (the replay runs in EXACT)
        size = len(states)
        if size and states[-1][0] > last:  # (none: changes_of stops at the last day)
            size = bisect_right(states, after_last)
        if size < 2 and not (size and states[0][3]):  # never overdue (by the last day)
            continue
        if not careful:
            # Why one shared exponent is all the series needs. Each state's overdue amount is the
            # exact sum from Decimal(0) of positive amounts (what evaluate gives), or Decimal(0)
            # itself when nothing is overdue. If every nonzero one has the exponent ``e``, then every
            # entry written below (a sum or difference of such amounts, from _ZERO) has min(0, e),
            # and so has every stage's running sum once an entry has reached it; the exact sum of
            # the amounts in the stage has min(0, e) too whenever one of them is nonzero, that is
            # (all positive) whenever the running sum is nonzero; when it is zero the series pass
            # records _ZERO, as the sum of zeros from Decimal(0) is. The sweep of a one-pass ledger
            # proves its amounts share one exponent as it goes (``alike``): one comparison here.
            if alike is None:  # not proved (an indexed ledger, or one of several exponents): look
                alike = next(filter(None, map(_AMOUNT, states)), None)
                if alike is not None and not all(map(alike.same_quantum, filter(None, map(_AMOUNT, states)))):
                    raise _MixedExponents
            if alike is not None:
                if like is None:
                    like = alike
                elif not alike.same_quantum(like):
                    raise _MixedExponents
        else:
            mark = len(changes)
        key_id = account.id
        exempt = any_exempt and key_id in exempt_ids  # the ledger's account_id, when it has one
        rank_code = rank * pairs
        upcoming = bisect_right(states, after_first)  # the next state to read
        oldest, overdue, count = states[upcoming - 1][1:] if upcoming else (0, _ZERO, 0)
        current = 0  # the slot the account is in
        held = _ZERO  # the overdue amount recorded for it
        # The schedule and oldest due date the account's ``step`` counts in (None: not in one).
        placed: Schedule | None = None
        placed_at = 0
        day = first
        # Each state from the day it starts to the next one's (the last to the day after the period).
        for upcoming_state in itertools.chain(itertools.islice(states, upcoming, size), the_end):
            following = upcoming_state[0]
            # Between two overdue changes the stage only steps up, on the days its schedule says.
            if count and not exempt:
                key = (bisect_right(levels, overdue), count) if amounts_matter else count
                try:
                    schedule = schedules[key]
                except KeyError:
                    fresh = _schedule_of(thresholds, overdue, count, special, width, day_code)
                    schedule = schedules[key] = alike_schedules.setdefault(fresh, fresh)
                # A state on other steps, or from another oldest due date, than the state before finds
                # its place in them; otherwise the account keeps its place: the walk before stopped
                # short of this state's day, and a step due on the day itself is taken by this state's
                # walk below, on that day.
                if schedule is not placed or oldest != placed_at:
                    placed, placed_at = schedule, oldest
                    offsets, slots, ups, codes, steps = schedule
                    step = bisect_right(offsets, day - oldest)
                    base = oldest - first  # the oldest due date's offset from the first day
                    if made is None:  # the packed code of a move on the oldest due date
                        anchor = base * day_code + rank_code
                slot = slots[step]
                limit = following - oldest  # the next state's day, in days past it
            else:
                step = steps = slot = 0
                placed = None  # (its steps are gone: an account cleared starts its next schedule afresh)
            if slot != current:  # a move on the state's day, its amount from ``held`` to ``overdue``
                offset = day - first
                tally = count_diff[offset]
                tally[current] -= 1
                tally[slot] += 1
                if held:
                    amount_diff[offset][current] -= held
                if overdue:
                    amount_diff[offset][slot] += overdue
                if made is None:
                    changes.append(offset * day_code + rank_code + current * width + slot)
                else:
                    made[offset].append(transition(key_id, days[offset], names[current], names[slot]))
                if special[current * width + slot]:
                    summary.move(account, current, slot, offset, overdue)
                current, held = slot, overdue
            elif overdue is not held:  # another amount in the same slot: its one entry, no count moves
                # (The sweep records a new amount object whenever its sum changed, and the same one
                # when only the oldest due date or the count did; an equal amount in a new object
                # writes an entry of zero, which changes no figure of the series.)
                sums = amount_diff[day - first]
                if held and overdue:  # (an exact difference: the entry's terms are the same)
                    sums[current] += overdue - held
                elif held:
                    sums[current] -= held
                else:
                    sums[current] += overdue
                held = overdue
            # The step-ups before the next state: each moves the account one slot of its schedule up
            # (never to the slot it is in), its amount ``overdue`` (= ``held``) with it. Worked out in
            # days past the oldest due date: no ordinal (a new int object each) per step.
            while step < steps:
                past = offsets[step]
                if past >= limit:
                    break
                step += 1
                slot = slots[step]
                offset = base + past
                # (``overdue`` is never zero here: the account has overdue invoices, each owing some.)
                if slot == current + 1:  # to the slot just above: one entry of each kind
                    lifted[offset][slot] += overdue
                    raised[offset][slot] += 1
                else:
                    tally = count_diff[offset]
                    tally[current] -= 1
                    tally[slot] += 1
                    sums = amount_diff[offset]
                    sums[current] -= overdue
                    sums[slot] += overdue
                if made is None:
                    changes.append(anchor + codes[step])
                else:
                    made[offset].append(transition(key_id, days[offset], names[current], names[slot]))
                if ups[step]:
                    summary.move(account, current, slot, offset, overdue)
                current = slot
            day, oldest, overdue, count = upcoming_state
        if careful:
            _count_exponents(exponent_diff, states, changes[mark:], first, last, width, len(ids))
    counts = [0] * width
    amounts = [_ZERO] * width
    nothing = money_of(_ZERO, currency)  # what a stage whose accounts owe nothing holds: one value, shared
    monies = [nothing] * width  # each slot's amount as Money
    present: list[dict[int, int]] = [{} for _ in range(width)]  # careful: per slot, amounts per exponent
    delta: dict[int, int] | None = None
    accounts_today: tuple[int, ...] = ()
    overdue_today: tuple[Money, ...] = ()
    series: list[DayPoint] = []
    for offset in range(span):
        # Most days change nothing: such a day shares the previous day's tuples (and its Money
        # values), so a long horizon does not fill memory with equal copies; a day that changes
        # some stages shares the others' Money values.
        changed = not offset
        tally, sums, lifts, rises = count_diff[offset], amount_diff[offset], lifted[offset], raised[offset]
        lift_in, rise_in = lifts[0], rises[0]  # what steps up to slot 0 (nothing), carried up slot by slot
        for slot in range(width):
            lift_out, rise_out = lifts[slot + 1], rises[slot + 1]  # what steps up to the slot above it
            moved = tally[slot] + rise_in - rise_out
            added = sums[slot]
            if lift_in is not _ZERO:
                added += lift_in
            if lift_out is not _ZERO:
                added -= lift_out
            lift_in, rise_in = lift_out, rise_out
            if careful:
                delta = exponent_diff.get(offset * width + slot)
                if delta:
                    kinds = present[slot]
                    for exponent, more in delta.items():
                        kinds[exponent] = kinds.get(exponent, 0) + more
            # Entries that add up to nothing (an amount equal to the one held, in a new object; an
            # account in as another owing the same leaves) change no figure: the stage keeps its Money.
            # Adding their zero could only lower the running sum's exponent: with one exponent that
            # changes nothing, and in the careful replay an amount of another exponent coming or
            # going shows in ``delta``, which is read.
            if moved or added or delta:
                counts[slot] += moved
                amounts[slot] += added
                total = amounts[slot]
                if not total:  # nothing owed in the stage: the sum of its zeros from Decimal(0)
                    monies[slot] = nothing
                else:
                    if careful:
                        total = _with_least_exponent(total, present[slot])
                    monies[slot] = money_of(total, currency)
                changed = True
        if changed:
            accounts_today = tuple(counts)
            overdue_today = tuple(monies)
        point = day_point_of(days[offset], accounts_today, overdue_today)
        series.append(point)
    microsoft = tuple(
        (day, money_of(exact_sum(m.amount for m in series[day.toordinal() - first].overdue), currency))
        for day in _microsoft_due_days(first_day, last_day)
    )
    changes.sort()
    totals = Summary(
        suspensions=summary.suspensions,
        account_days_suspended=summary.suspended_days,
        write_offs=summary.write_offs,
        written_off=money_of(summary.written, currency),
        overdue_at_microsoft_due=microsoft,
        exposure=total_exposure(summary.suspended, currency),
    )
    # Every part was built here from checked inputs: the result skips re-checking them one by one.
    packed = trusted_result(
        policy=chosen.name,
        start=first_day,
        end=last_day,
        currency=currency,
        stage_names=names,
        transitions=(
            tuple(itertools.chain.from_iterable(made))
            if made is not None
            else unpack_transitions(changes, ids, first, names)
            if build
            else ()
        ),
        series=tuple(series),
        summary=totals,
    )
    return packed, tuple(ids), changes


def _schedule_of(  # noqa: PLR0917 - the replay's per-call figures, once per schedule
    thresholds: tuple[tuple[int, Decimal, int], ...],
    overdue: Decimal,
    count: int,
    special: list[bool],
    width: int,
    day_code: int,
) -> Schedule:
    """The replay's form of :func:`~cspcore.billing.collections.stages.stage_schedule` for one key.

    ``(offsets, slots, ups, codes, steps)``: the offsets (days past the oldest due date) at which the
    stage steps up, the slot from each step on after slot 0 for the days before the first
    (``slots[step]`` once ``step`` offsets are reached), whether the move onto each slot from the one
    before it is ``special`` (starts or ends a suspension, or writes off), the packed code of that
    move (see :func:`unpack_transitions`) less its account's and its oldest due date's parts
    (``day_code``: a day offset's weight in it), and the number of offsets. Each slot differs from
    the one before it: the schedule merges the stages of one offset.
    """
    offsets, stages = stage_schedule(thresholds, overdue, count)
    slots = (0, *[stage + 1 for stage in stages])
    moves = list(itertools.pairwise(slots))
    ups = (False, *[special[before * width + after] for before, after in moves])
    codes = (
        0,
        *[
            past * day_code + before * width + after
            for past, (before, after) in zip(offsets, moves, strict=True)
        ],
    )
    return offsets, slots, ups, codes, len(offsets)


def _count_exponents(  # noqa: PLR0917 - the careful replay's per-account step
    counts: dict[int, dict[int, int]],
    states: list[tuple[int, int, Decimal, int]],
    codes: list[int],
    first: int,
    last: int,
    width: int,
    accounts: int,
) -> None:
    """Add one account's nonzero overdue amounts, by exponent, to ``counts`` where they enter or leave a slot.

    The account holds, from each day on, the amount of its last state by then and the slot of its
    last move by then (``codes``: its packed moves, in order; it starts clear with nothing before the
    first day), exactly as the replay records it.
    """
    upcoming = bisect.bisect_right(states, (first, 1 << 62))
    # Per day offset where it changes: the amount held from then on, and the slot moved to.
    amounts_at = {0: states[upcoming - 1][2] if upcoming else _ZERO}
    for day, _oldest, overdue, _count in states[upcoming:]:
        if day > last:
            break
        amounts_at[day - first] = overdue
    pairs = width * width
    slots_at: dict[int, int] = {}
    for code in codes:
        rest, move = divmod(code, pairs)
        slots_at[rest // accounts] = move % width
    slot, amount = 0, _ZERO
    for offset in sorted(amounts_at.keys() | slots_at.keys()):
        new_slot = slots_at.get(offset, slot)
        new_amount = amounts_at.get(offset, amount)
        if amount:
            entry = counts.setdefault(offset * width + slot, {})
            exponent = int(amount.as_tuple().exponent)
            entry[exponent] = entry.get(exponent, 0) - 1
        if new_amount:
            entry = counts.setdefault(offset * width + new_slot, {})
            exponent = int(new_amount.as_tuple().exponent)
            entry[exponent] = entry.get(exponent, 0) + 1
        slot, amount = new_slot, new_amount


def _with_least_exponent(total: Decimal, kinds: dict[int, int]) -> Decimal:
    """``total`` (nonzero) with the exponent of an exact sum from ``Decimal(0)`` of what ``kinds`` counts.

    Such a sum's exponent is the least of its terms' and of zero's; ``total``, a running sum through
    amounts since gone, may carry a smaller one, never a larger, so the quantizing is exact.
    """
    least = min([0, *(exponent for exponent, many in kinds.items() if many)])
    if total.as_tuple().exponent == least:
        return total
    return total.quantize(Decimal((0, (1,), least)), context=EXACT)


def compare(
    policies: Sequence[CollectionsPolicy],
    portfolio: Portfolio,
    *,
    start: dt.date,
    end: dt.date,
    progress: Callable[[int], object] | None = None,
) -> Comparison:
    """Simulate several policies over the same portfolio and period.

    Each ledger's overdue changes are worked out once for all the policies, and dropped when
    ``compare`` returns.

    Args:
        policies: The policies, with distinct names.
        portfolio: The accounts.
        start: The first day.
        end: The last day.
        progress: Called with 1 after each policy is simulated (a progress bar's ``advance``).

    Raises:
        InvalidInput: on an empty list, policies sharing a name, or a ``progress`` that is not
            callable.

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
        raise InvalidInput(
            "policies",
            "expected a non-empty list of policies",
            given,
            code=ErrorCode.EMPTY
            if isinstance(given, Sequence) and not isinstance(given, (str, bytes))
            else ErrorCode.WRONG_TYPE,
        )
    chosen = [_validate.instance(p, CollectionsPolicy, f"policies[{i}]") for i, p in enumerate(policies)]
    seen = [p.name for p in chosen]
    if len(set(seen)) != len(seen):
        raise InvalidInput("policies", "names must be unique", tuple(seen), code=ErrorCode.DUPLICATE)
    if progress is not None and not callable(progress):
        raise InvalidInput("progress", "expected a callable", progress, code=ErrorCode.WRONG_TYPE)
    changes_of = _shared_changes()  # one pass over each ledger for every policy, dropped on return
    results = []
    for chosen_policy in chosen:
        results.append(_simulate(chosen_policy, portfolio, start=start, end=end, changes_of=changes_of))
        if progress is not None:
            progress(1)
    return Comparison(results=tuple(results))


def merge(results: Iterable[SimulationResult]) -> SimulationResult:
    """Merge results of one policy and period over disjoint partitions into one.

    Raises:
        InvalidInput: when the results differ in policy, period, stages or the days of their summary's
            ``overdue_at_microsoft_due``, or are more than 100,000; when they count more than
            :data:`~cspcore.billing.collections.whatif.results.MAX_ACCOUNTS` accounts on a day in all
            (``results``, code ``out_of_range``).
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
    items = results_of(results)
    if not items:
        raise InvalidInput("results", "nothing to merge", items, code=ErrorCode.EMPTY)
    head = items[0]
    for index, item in enumerate(items):
        if item.currency != head.currency:
            raise CurrencyMismatch(f"results[{index}].currency", head.currency, item.currency)
        if (item.policy, item.start, item.end, item.stage_names) != (
            head.policy, head.start, head.end, head.stage_names,
        ):  # fmt: skip
            raise InvalidInput(
                f"results[{index}]",
                "differs in policy, period or stages",
                item.policy,
                code=ErrorCode.INCONSISTENT,
            )
    due_days = [day for day, _amount in head.summary.overdue_at_microsoft_due]
    for index, item in enumerate(items):
        if [day for day, _amount in item.summary.overdue_at_microsoft_due] != due_days:
            raise InvalidInput(
                f"results[{index}].summary.overdue_at_microsoft_due",
                "differs in its days from results[0]'s",
                len(item.summary.overdue_at_microsoft_due),
                code=ErrorCode.INCONSISTENT,
            )
    # Each result holds one point a day of the one period, one count and amount per stage, in its
    # currency (SimulationResult checks it): the points line up. Their counts add up, so each merged
    # point goes through DayPoint's own checks (more accounts in all than a point holds is refused).
    try:
        series = tuple(
            DayPoint(
                day=points[0].day,
                accounts=tuple(sum(p.accounts[i] for p in points) for i in range(len(head.stage_names))),
                overdue=tuple(
                    money_of(exact_sum(p.overdue[i].amount for p in points), head.currency)
                    for i in range(len(head.stage_names))
                ),
            )
            for points in zip(*(item.series for item in items), strict=True)
        )
    except InvalidInput as error:
        raise error.renamed("results") from None
    microsoft = tuple(
        (parts[0][0], money_of(exact_sum(m.amount for _, m in parts), head.currency))
        for parts in zip(*(item.summary.overdue_at_microsoft_due for item in items), strict=True)
    )
    # Every part comes from checked results: the merged result is built without re-checking them.
    merged: SimulationResult = result_with(
        head,
        transitions=tuple(
            sorted((t for item in items for t in item.transitions), key=lambda t: (t.on, t.account))
        ),
        series=series,
        summary=Summary(
            suspensions=sum(i.summary.suspensions for i in items),
            account_days_suspended=sum(i.summary.account_days_suspended for i in items),
            write_offs=sum(i.summary.write_offs for i in items),
            written_off=money_of(exact_sum(i.summary.written_off.amount for i in items), head.currency),
            overdue_at_microsoft_due=microsoft,
            exposure=money_of(exact_sum(i.summary.exposure.amount for i in items), head.currency),
        ),
    )
    return merged


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
