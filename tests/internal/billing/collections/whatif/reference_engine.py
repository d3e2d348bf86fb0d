"""The what-if replay as it was before its third pass (issue 17), frozen as the reference (test support).

:func:`reference_simulate_packed` is ``engine._simulate_packed`` as main had it: it reads each
ledger's ``(day, oldest due, overdue, count)`` changes (by default from a fresh index of the ledger,
the replay of its documents) and adds amounts with ``EXACT.add``. ``simulate`` now sweeps the steps
of a one-pass ledger as it replays them, in the exact context; the property tests beside this file
hold its whole result equal to this one's, by ``repr``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import operator
from decimal import Decimal
from typing import TYPE_CHECKING, Final

from cspcore._decimal import EXACT, exact_sum
from cspcore.billing.collections.stages import Action, stage_schedule
from cspcore.billing.collections.whatif._arguments import checked
from cspcore.billing.collections.whatif.results import (
    CLEAR,
    DayPoint,
    SimulationResult,
    Summary,
    Transition,
    day_point_of,
    transition_of,
    trusted_result,
)
from cspcore.billing.ledger import LedgerIndex, money_of
from cspcore.billing.terms_of_payment import MICROSOFT_NET_60

if TYPE_CHECKING:
    from collections.abc import Callable

    from cspcore.billing.collections.policy import CollectionsPolicy
    from cspcore.billing.ledger.account import Ledger
    from cspcore.billing.portfolio import Portfolio
    from cspcore.money import Money

_ZERO: Final = Decimal(0)
_add = EXACT.add
_sub = EXACT.subtract
_BY_ID: Final = operator.attrgetter("id")
_LAST_ORDINAL: Final = dt.date.max.toordinal()


def by_index(ledger: Ledger) -> list[tuple[int, int, Decimal, int]]:
    """The ledger's overdue changes from a fresh index of it (the replay of its documents)."""
    return LedgerIndex(ledger).overdue_changes()


def reference_simulate(
    policy: CollectionsPolicy, portfolio: Portfolio, *, start: dt.date, end: dt.date
) -> SimulationResult:
    """``simulate`` as it was: the reference replay, its transitions built."""
    result, _ids, _codes = reference_simulate_packed(policy, portfolio, start=start, end=end, build=True)
    return result


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


def reference_simulate_packed(  # noqa: C901, PLR0912, PLR0915 - the replay as it was, kept whole
    policy: CollectionsPolicy,
    portfolio: Portfolio,
    *,
    start: dt.date,
    end: dt.date,
    changes_of: Callable[[Ledger], list[tuple[int, int, Decimal, int]]] = by_index,
    build: bool = False,
) -> tuple[SimulationResult, tuple[str, ...], list[int]]:
    """:func:`simulate_packed`, reading each ledger's overdue changes through ``changes_of``.

    With ``build``, the result holds its transitions and none is packed: the accounts are walked
    in id order, so each day's transitions, built as they happen, are already in account order.
    """
    chosen, book, first_day, last_day, currency = checked(policy, portfolio, start, end)
    names = (CLEAR, *(stage.name for stage in chosen.stages))
    first, last = first_day.toordinal(), last_day.toordinal()
    span = last - first + 1
    end_ordinal = last + 1
    width = len(names)
    # Per day offset and stage slot (0 = clear), at ``offset * width + slot``, day-to-day differences
    # of the account count and the overdue amount: each account adds one entry where it changes slot
    # or amount, however long it stays.
    count_diff = [0] * ((span + 1) * width)
    amount_diff = [_ZERO] * ((span + 1) * width)
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
    # Per schedule key: the offsets (days past the oldest due date) at which the stage steps up, and
    # the slot from each step on, after slot 0 for the days before the first (``slots[step]`` is the
    # slot once ``step`` offsets are reached).
    schedules: dict[object, tuple[tuple[int, ...], tuple[int, ...]]] = {}
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
    made: list[list[Transition]] | None = [[] for _ in range(span)] if build else None
    pairs = width * width
    day_code = len(ids) * pairs  # a day offset's weight in a packed change
    suspensions = write_offs = suspended_days = 0
    written = exposure = _ZERO
    after_first = (first, 1 << 62)  # sorts after every state of the first day
    bisect_right = bisect.bisect_right
    add, subtract, transition = _add, _sub, transition_of
    # Every account starts clear with nothing recorded on the first day; its first change moves it.
    count_diff[0] = len(book.accounts)
    for rank, account in enumerate(accounts):
        ledger = account.ledger
        key_id = account.id
        exempt = any_exempt and (key_id in exempt_ids or ledger.account_id in exempt_ids)
        rank_code = rank * pairs
        # The ledger's policy-independent (day, oldest due, overdue, count) changes: read from its
        # index when the caller's ledger already has one, else worked out and dropped (no memo stays).
        states = changes_of(ledger)
        last_state = len(states) - 1
        if not last_state and not states[0][3]:  # never overdue: clear, as it started, throughout
            continue
        position = bisect_right(states, after_first) - 1
        oldest, overdue, count = states[position][1:] if position >= 0 else (0, _ZERO, 0)
        current = 0  # the slot the account is in
        held = _ZERO  # the overdue amount recorded for it
        exposed = False
        day = first
        while True:
            following = states[position + 1][0] if position < last_state else end_ordinal
            if following > end_ordinal:  # noqa: PLR1730 - a comparison costs less than a call to min
                following = end_ordinal
            # Between two overdue changes the stage only steps up, on the days its schedule says.
            if count and not exempt:
                key = (bisect_right(levels, overdue), count) if amounts_matter else count
                schedule = schedules.get(key)
                if schedule is None:
                    offsets, stages = stage_schedule(thresholds, overdue, count)
                    schedule = schedules[key] = (offsets, (0, *[stage + 1 for stage in stages]))
                offsets, slots = schedule
                step = bisect_right(offsets, day - oldest)
                slot = slots[step]
                steps = len(offsets)
            else:
                offsets, slots, step, slot, steps = (), (), 0, 0, 0
            at = day
            while True:
                if slot != current or overdue != held:  # a change on day ``at``
                    offset = at - first
                    here = offset * width + current
                    there = offset * width + slot
                    count_diff[here] -= 1
                    count_diff[there] += 1
                    if held:
                        amount_diff[here] = subtract(amount_diff[here], held)
                    if overdue:
                        amount_diff[there] = add(amount_diff[there], overdue)
                    if slot != current:
                        if made is None:
                            changes.append(offset * day_code + rank_code + current * width + slot)
                        else:
                            made[offset].append(transition(key_id, days[offset], names[current], names[slot]))
                        if special[current * width + slot]:
                            if suspending[slot] != suspending[current]:
                                if suspending[slot]:
                                    suspensions += 1
                                    suspended_days += end_ordinal - at
                                    if not exposed:
                                        exposed = True
                                        owed = account.exposure(dt.date.fromordinal(at))
                                        if owed is not None:
                                            exposure = add(exposure, owed.amount)
                                else:
                                    suspended_days -= end_ordinal - at
                            if writing_off[slot] and not writing_off[current]:
                                write_offs += 1
                                written = add(written, overdue)
                    current, held = slot, overdue
                if step == steps:
                    break
                at = oldest + offsets[step]
                if at >= following:
                    break
                step += 1
                slot = slots[step]
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
        base = offset * width
        for slot in range(width):
            moved = count_diff[base + slot]
            added = amount_diff[base + slot]
            if moved or added is not _ZERO:  # an entry never written is the _ZERO object itself
                counts[slot] += moved
                amounts[slot] = _add(amounts[slot], added)
                changed = True
        if changed:
            accounts_today = tuple(counts)
            overdue_today = tuple([money_of(amount, currency) for amount in amounts])
        point = day_point_of(days[offset], accounts_today, overdue_today)
        series.append(point)
    microsoft = tuple(
        (day, money_of(exact_sum(m.amount for m in series[day.toordinal() - first].overdue), currency))
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
    # Every part was built here from checked inputs: the result skips re-checking them one by one.
    packed = trusted_result(
        policy=chosen.name,
        start=first_day,
        end=last_day,
        currency=currency,
        stage_names=names,
        transitions=() if made is None else tuple(itertools.chain.from_iterable(made)),
        series=tuple(series),
        summary=summary,
    )
    return packed, tuple(ids), changes
