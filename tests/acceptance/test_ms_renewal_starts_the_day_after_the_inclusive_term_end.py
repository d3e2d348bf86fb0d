"""Microsoft's renewal example: a term ending 2023-03-01 renews from 2023-03-02T00:00:00Z.

Page: Partner Center ``create-a-new-subscription.md``, "Subscription renewals" (kvamseek/partner-center
@ 85eb3c4): the term end date is inclusive of the whole day, so a term ending 2023-03-01 renews after
it ends, at 2023-03-02T00:00:00Z, and the seven-day window for changes starts when the renewal
completes (at the earliest, that instant). ``developer/subscription-resources.md``: "End dates are
inclusive". The page gives only the dates; a monthly term bought February 2, 2023 ends March 1.
"""

from __future__ import annotations

import datetime as dt

from cspcore import Money
from cspcore.billing import CompleteRenewal, Subscription, Term, lifecycle, term_end

D = dt.date
RENEWAL = dt.datetime(2023, 3, 2, tzinfo=dt.UTC)


def monthly() -> Subscription:
    return Subscription(
        id="m",
        product="Microsoft 365 E3",
        start=D(2023, 2, 2),
        term="P1M",
        frequency="monthly",
        quantity=1,
        unit_price=Money("36.00", "USD"),
    )


def test_the_term_ends_on_march_1_and_renews_on_march_2() -> None:
    assert term_end(D(2023, 2, 2), Term.P1M) == D(2023, 3, 1)
    before = lifecycle(monthly(), through=D(2023, 3, 1)).states["m"]
    assert (before.term_end, before.renews_on) == (D(2023, 3, 1), D(2023, 3, 2))


def test_the_renewal_opens_its_seven_day_window_at_2023_03_02_midnight_utc() -> None:
    state = lifecycle(monthly(), through=D(2023, 3, 2)).states["m"]
    assert (state.term_start, state.window_opened_at) == (D(2023, 3, 2), RENEWAL)
    assert state.cancellable_until == RENEWAL + dt.timedelta(days=7)


def test_a_renewal_completing_within_its_24_hours_opens_the_window_then() -> None:
    done = RENEWAL + dt.timedelta(hours=23, minutes=59)
    state = lifecycle(monthly(), [CompleteRenewal(on=D(2023, 3, 2), at=done)], through=D(2023, 3, 3)).states[
        "m"
    ]
    assert state.window_opened_at == done
    assert state.cancellable_until == done + dt.timedelta(days=7)
