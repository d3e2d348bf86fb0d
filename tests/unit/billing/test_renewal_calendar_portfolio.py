"""The renewal calendar of a mixed portfolio: what renews when, which windows close when.

Pages: ``create-a-new-subscription.md`` ("Subscription renewals", "Scheduled changes for managing new
commerce license-based subscription renewals", "Suspend a subscription", "Manage trials for new
commerce license-based subscriptions", "Increase or decrease licenses ..."), ``billing-basics.md``
("Subscription cancelation").
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import (
    BillingFrequency,
    CalendarEntry,
    CalendarKind,
    Cancel,
    ChangeQuantity,
    Lifecycle,
    RenewalCalendar,
    ScheduleChange,
    SetAutoRenew,
    Subscription,
    Suspend,
    Term,
    lifecycle,
    renewal_calendar,
)
from cspcore.errors import ErrorCode
from cspcore.i18n import SUPPORTED_LOCALES, render

d = dt.date
UTC = dt.UTC
THROUGH = d(2024, 6, 1)
START, END = d(2024, 6, 1), d(2025, 6, 30)


def _sub(name: str, term: Term | str, frequency: str, start: dt.date, **extra: Any) -> Subscription:
    values: dict[str, Any] = {"quantity": 10, "unit_price": Money("10.00", "USD"), **extra}
    return Subscription(
        id=name,
        product=f"P-{name}",
        start=start,
        term=Term(term),
        frequency=BillingFrequency(frequency),
        **values,
    )


@pytest.fixture(scope="module")
def portfolio() -> Lifecycle:
    subs = [
        _sub("monthly", "P1M", "monthly", d(2024, 1, 31)),
        _sub("annual", "P1Y", "monthly", d(2024, 3, 15)),
        _sub("triennial", "P3Y", "annual", d(2023, 5, 1), unit_price=Money("360.00", "USD")),
        _sub(
            "trial",
            "P1M",
            "none",
            d(2024, 5, 20),
            quantity=25,
            unit_price=Money("0", "USD"),
            trial=True,
            paid_unit_price=Money("12.00", "USD"),
        ),
        _sub("suspended", "P1Y", "monthly", d(2024, 2, 1)),
        _sub("scheduled", "P1Y", "annual", d(2023, 6, 10), unit_price=Money("120.00", "USD")),
        _sub("cancelled", "P1M", "monthly", d(2024, 5, 28)),
        _sub("expiring", "P1Y", "monthly", d(2023, 9, 1)),
    ]
    events: list[Any] = [
        Suspend(at=dt.datetime(2024, 5, 2, tzinfo=UTC), subscription="suspended"),
        ScheduleChange(on=d(2024, 5, 1), quantity=15, subscription="scheduled"),
        Cancel(at=dt.datetime(2024, 5, 30, tzinfo=UTC), subscription="cancelled"),
        SetAutoRenew(on=d(2024, 5, 1), enabled=False, subscription="expiring"),
        ChangeQuantity(on=d(2024, 5, 29), quantity=12, subscription="annual"),
    ]
    return lifecycle(subs, events, through=THROUGH)


def _of(calendar: RenewalCalendar, name: str, kind: CalendarKind) -> list[CalendarEntry]:
    return [e for e in calendar.entries if e.subscription == name and e.kind is kind]


def test_a_monthly_rollover_renews_every_month_flagged_as_a_rollover(portfolio: Lifecycle) -> None:
    calendar = renewal_calendar(portfolio, start=START, end=END)
    renewals = _of(calendar, "monthly", CalendarKind.RENEWAL)
    # From the 29th (after the February clamp of a January 31 purchase) to the 28th after February 2025.
    assert [e.on for e in renewals][:3] == [d(2024, 6, 29), d(2024, 7, 29), d(2024, 8, 29)]
    assert d(2025, 2, 28) in [e.on for e in renewals]
    assert len(renewals) == 13
    assert {(e.term, e.is_commitment, e.amount) for e in renewals} == {
        (Term.P1M, False, Money("100.00", "USD"))
    }
    assert renewals[0].reason.code == "billing.calendar.renewal_rollover"


def test_an_annual_commitment_renews_once_with_its_seats_and_first_charge(portfolio: Lifecycle) -> None:
    calendar = renewal_calendar(portfolio, start=START, end=END, customers={"annual": "contoso"})
    (renewal,) = _of(calendar, "annual", CalendarKind.RENEWAL)
    assert (renewal.on, renewal.quantity, renewal.is_commitment) == (d(2025, 3, 15), 12, True)
    assert renewal.amount == Money("120.00", "USD")  # a month's charge: billed monthly
    assert renewal.customer == "contoso"
    assert renewal.reason.code == "billing.calendar.renewal_commitment"
    assert renewal.reason.source is not None
    assert renewal.reason.source.section == "Subscription renewals"


def test_a_renewal_window_opens_at_midnight_utc_and_closes_after_24_and_168_hours(
    portfolio: Lifecycle,
) -> None:
    calendar = renewal_calendar(portfolio, start=START, end=END)
    (full,) = _of(calendar, "annual", CalendarKind.FULL_REFUND_END)
    closes = [e for e in _of(calendar, "annual", CalendarKind.CANCELLATION_WINDOW_CLOSE) if e.on.year == 2025]
    assert full.at == dt.datetime(2025, 3, 16, tzinfo=UTC)
    assert [e.at for e in closes] == [dt.datetime(2025, 3, 22, tzinfo=UTC)]
    assert closes[0].reason.params["hours"] == 168


def test_each_seat_lot_has_its_own_reduction_deadline(portfolio: Lifecycle) -> None:
    calendar = renewal_calendar(portfolio, start=START, end=END)
    lots = _of(calendar, "annual", CalendarKind.SEAT_REDUCTION_DEADLINE)
    # the two seats added on May 29, then the renewal's twelve
    assert [(e.on, e.quantity) for e in lots] == [(d(2024, 6, 5), 2), (d(2025, 3, 22), 12)]


def test_a_triennial_commitment_renews_after_three_years(portfolio: Lifecycle) -> None:
    calendar = renewal_calendar(portfolio, start=START, end=d(2027, 6, 1))
    (renewal,) = _of(calendar, "triennial", CalendarKind.RENEWAL)
    assert (renewal.on, renewal.term, renewal.amount) == (d(2026, 5, 1), Term.P3Y, Money("3600.00", "USD"))


def test_a_trial_converts_the_day_after_its_30_days_to_a_year(portfolio: Lifecycle) -> None:
    calendar = renewal_calendar(portfolio, start=START, end=END)
    (conversion,) = _of(calendar, "trial", CalendarKind.TRIAL_CONVERSION)
    assert (conversion.on, conversion.term, conversion.quantity) == (d(2024, 6, 19), Term.P1Y, 25)
    assert conversion.amount == Money("300.00", "USD")  # the paid price per cycle x the seats (NextTerm)
    assert [e.on for e in _of(calendar, "trial", CalendarKind.RENEWAL)] == [d(2025, 6, 19)]


def test_a_trial_with_auto_renew_off_ends_on_its_last_day() -> None:
    trial = _sub("t", "P1M", "none", d(2024, 5, 20), quantity=25, unit_price=Money("0", "USD"), trial=True)
    result = lifecycle(trial, [SetAutoRenew(on=d(2024, 5, 21), enabled=False)], through=THROUGH)
    calendar = renewal_calendar(result, start=START, end=END)
    assert [(e.kind, e.on) for e in calendar.entries] == [(CalendarKind.TRIAL_END, d(2024, 6, 18))]


def test_a_suspended_subscription_lists_its_reactivation_deadline_and_no_renewal(
    portfolio: Lifecycle,
) -> None:
    calendar = renewal_calendar(portfolio, start=START, end=END)
    entries = [e for e in calendar.entries if e.subscription == "suspended"]
    assert [(e.kind, e.on) for e in entries] == [(CalendarKind.REACTIVATION_DEADLINE, d(2025, 1, 31))]
    source = entries[0].reason.source
    assert source is not None
    assert source.section == "Suspend a subscription"


def test_a_scheduled_change_takes_effect_at_renewal_and_shapes_it(portfolio: Lifecycle) -> None:
    calendar = renewal_calendar(portfolio, start=START, end=END)
    (change,) = _of(calendar, "scheduled", CalendarKind.SCHEDULED_CHANGE)
    renewals = _of(calendar, "scheduled", CalendarKind.RENEWAL)
    assert change.on == renewals[0].on == d(2024, 6, 10)
    assert change.reason.params["saved_on"] == d(2024, 5, 1)
    assert [(e.on, e.quantity, e.amount) for e in renewals] == [
        (d(2024, 6, 10), 15, Money("1800.00", "USD")),
        (d(2025, 6, 10), 15, Money("1800.00", "USD")),
    ]


def test_a_cancelled_subscription_has_no_entries(portfolio: Lifecycle) -> None:
    calendar = renewal_calendar(portfolio, start=d(2024, 5, 1), end=END)
    assert [e for e in calendar.entries if e.subscription == "cancelled"] == []


def test_auto_renew_off_means_the_subscription_expires_on_its_last_day(portfolio: Lifecycle) -> None:
    calendar = renewal_calendar(portfolio, start=START, end=END)
    entries = [e for e in calendar.entries if e.subscription == "expiring"]
    assert [(e.kind, e.on) for e in entries] == [(CalendarKind.EXPIRY, d(2024, 8, 31))]


def test_commitments_only_drops_the_recurring_entries_of_monthly_rollovers(portfolio: Lifecycle) -> None:
    everything = renewal_calendar(portfolio, start=START, end=END)
    calendar = renewal_calendar(portfolio, start=START, end=END, commitments_only=True)
    assert [e for e in calendar.entries if e.subscription == "monthly"] == []
    kept = [e for e in everything.entries if e.is_commitment or e.kind is CalendarKind.EXPIRY]
    assert list(calendar.entries) == kept


def test_kinds_keeps_only_the_kinds_asked_for(portfolio: Lifecycle) -> None:
    calendar = renewal_calendar(
        portfolio, start=START, end=END, kinds=["renewal", CalendarKind.CANCELLATION_WINDOW_CLOSE]
    )
    assert {e.kind for e in calendar.entries} == {
        CalendarKind.RENEWAL,
        CalendarKind.CANCELLATION_WINDOW_CLOSE,
    }


def test_states_may_be_given_as_the_mapping_or_an_iterable(portfolio: Lifecycle) -> None:
    whole = renewal_calendar(portfolio, start=START, end=END)
    assert renewal_calendar(portfolio.states, start=START, end=END) == whole
    assert renewal_calendar(list(portfolio.states.values()), start=START, end=END) == whole


def test_every_entry_renders_in_the_five_locales(portfolio: Lifecycle) -> None:
    calendar = renewal_calendar(portfolio, start=d(2024, 1, 1), end=END)
    kinds = {e.kind for e in calendar.entries}
    assert kinds == set(CalendarKind) - {CalendarKind.TRIAL_END}
    for entry in calendar.entries:
        for locale in SUPPORTED_LOCALES:
            assert not render(entry.reason, locale=locale).startswith("billing.")


def test_rows_are_plain_values_in_the_calendar_order(portfolio: Lifecycle) -> None:
    calendar = renewal_calendar(portfolio, start=START, end=END, customers={"annual": "contoso"})
    rows = calendar.to_rows(locale="cs_CZ")
    assert len(rows) == len(calendar.entries)
    row = next(r for r in rows if r["subscription"] == "annual" and r["kind"] == "renewal")
    assert (row["on"], row["amount"], row["currency"], row["customer"], row["term"]) == (
        d(2025, 3, 15),
        Money("120.00", "USD").amount,
        "USD",
        "contoso",
        "P1Y",
    )
    assert row["message"].startswith("Předplatné annual")
    assert row["source"] == "Partner Center: create-a-new-subscription.md, Subscription renewals"


@pytest.mark.parametrize(
    ("arguments", "field", "code"),
    [
        ({"start": d(2024, 6, 1), "end": d(2024, 5, 31)}, "end", ErrorCode.INCONSISTENT),
        ({"start": d(2024, 2, 29), "end": d(2034, 3, 1)}, "end", ErrorCode.OUT_OF_RANGE),
        ({"start": dt.datetime(2024, 6, 1, tzinfo=UTC), "end": d(2024, 7, 1)}, "start", ErrorCode.WRONG_TYPE),
        (
            {"start": d(2024, 6, 1), "end": d(2024, 7, 1), "kinds": ["nope"]},
            "kinds[]",
            ErrorCode.UNKNOWN_VALUE,
        ),
        (
            {"start": d(2024, 6, 1), "end": d(2024, 7, 1), "customers": {"a": 3}},
            "customers['a']",
            ErrorCode.WRONG_TYPE,
        ),
        (
            {"start": d(2024, 6, 1), "end": d(2024, 7, 1), "commitments_only": 1},
            "commitments_only",
            ErrorCode.WRONG_TYPE,
        ),
        ({"start": d(2040, 6, 1), "end": d(2040, 7, 1)}, "start", ErrorCode.OUT_OF_RANGE),
    ],
)
def test_bad_arguments_are_refused_with_their_field_and_code(
    portfolio: Lifecycle, arguments: dict[str, Any], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        renewal_calendar(portfolio, **arguments)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_a_range_of_exactly_ten_years_is_accepted(portfolio: Lifecycle) -> None:
    calendar = renewal_calendar(portfolio, start=d(2024, 2, 29), end=d(2034, 2, 28), kinds=["expiry"])
    assert [e.on for e in calendar.entries] == [d(2024, 8, 31)]


def test_two_states_of_one_subscription_are_refused(portfolio: Lifecycle) -> None:
    state = portfolio.states["annual"]
    with pytest.raises(InvalidInput) as caught:
        renewal_calendar([state, state], start=START, end=END)
    assert (caught.value.field, caught.value.code) == ("states[1]", ErrorCode.DUPLICATE)


def test_something_other_than_states_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        renewal_calendar(["annual"], start=START, end=END)  # type: ignore[list-item]
    assert (caught.value.field, caught.value.code) == ("states[0]", ErrorCode.WRONG_TYPE)
