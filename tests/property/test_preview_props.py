"""Laws of previews: what a preview reports is exactly the difference the change makes to the lines.

For any allowed proposal: lines(history + proposal) == lines(history) - removed + added (as
multisets, through the preview's day), net == sum(added) - sum(removed); a preview is deterministic
and never changes what it is given.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from hypothesis import assume, given
from hypothesis import strategies as st

from cspcore import Money
from cspcore.billing import (
    Cancel,
    ChangeQuantity,
    ChargeLine,
    ScheduleChange,
    SetAutoRenew,
    Subscription,
    Suspend,
    Term,
    Upgrade,
    lifecycle,
    preview,
)

DAY_ONE = dt.date(2023, 1, 1)


@st.composite
def cases(draw: st.DrawFn) -> tuple[Subscription, list[ChangeQuantity], object, dt.datetime]:
    start = DAY_ONE + dt.timedelta(days=draw(st.integers(0, 700)))
    term = draw(st.sampled_from([Term.P1M, Term.P1Y]))
    sub = Subscription(
        id="s",
        product="Microsoft 365 E3",
        start=start,
        term=term,
        frequency="monthly",
        quantity=draw(st.integers(1, 40)),
        unit_price=Money(draw(st.decimals("0.01", "120", places=2)), "EUR"),
    )
    history = [
        ChangeQuantity(on=start + dt.timedelta(days=offset), quantity=quantity)
        for offset, quantity in draw(
            st.lists(st.tuples(st.integers(0, 3), st.integers(1, 60)), max_size=2).map(sorted)
        )
    ]
    last = max([start, *(event.on for event in history)])
    day = last + dt.timedelta(days=draw(st.integers(0, 40)))
    moment = dt.datetime(day.year, day.month, day.day, draw(st.integers(0, 23)), tzinfo=dt.UTC)
    quantity = st.integers(1, 60)
    proposed = draw(
        st.one_of(
            quantity.map(lambda q: ChangeQuantity(on=day, quantity=q)),
            st.just(Cancel(at=moment)),
            quantity.map(lambda q: ScheduleChange(on=day, quantity=q)),
            st.booleans().map(lambda on: SetAutoRenew(on=day, enabled=on)),
            st.just(Suspend(at=moment)),
            st.one_of(st.none(), quantity).map(
                lambda q: Upgrade(
                    on=day, product="Microsoft 365 E5", unit_price=Money("57", "EUR"), quantity=q
                )
            ),
        )
    )
    return sub, history, proposed, moment


def subtotal(lines: tuple[ChargeLine, ...], currency: str) -> Money:
    total = Money.zero(currency)
    for line in lines:
        total += line.subtotal
    return total


@given(cases())
def test_the_lines_with_the_change_are_the_lines_without_it_minus_removed_plus_added(
    case: tuple[Subscription, list[ChangeQuantity], object, dt.datetime],
) -> None:
    sub, history, proposed, moment = case
    result = preview(sub, history, proposed, at=moment)  # type: ignore[arg-type]
    assume(result.is_allowed)
    without = Counter(lifecycle(sub, history, through=result.through).lines)
    made = Counter(lifecycle(sub, [*history, proposed], through=result.through).lines)  # type: ignore[list-item]
    assert made == without - Counter(result.removed) + Counter(result.added)
    assert Counter(result.removed) <= without
    assert result.net == subtotal(result.added, "EUR") - subtotal(result.removed, "EUR")


@given(cases())
def test_a_preview_is_deterministic_and_changes_nothing_it_is_given(
    case: tuple[Subscription, list[ChangeQuantity], object, dt.datetime],
) -> None:
    sub, history, proposed, moment = case
    kept = list(history)
    first = preview(sub, history, proposed, at=moment)  # type: ignore[arg-type]
    again = preview(sub, iter(history), proposed, at=moment)  # type: ignore[arg-type]
    assert first == again
    assert kept == history
    assert (
        lifecycle(sub, history, through=first.through).lines
        == lifecycle(sub, kept, through=first.through).lines
    )
