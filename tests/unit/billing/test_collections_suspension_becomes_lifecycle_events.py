"""A collections stage that suspends becomes Suspend events; leaving it becomes Reactivate events.

Rules (``create-a-new-subscription.md``, "Suspend a subscription"): a partner may suspend a
subscription on non-payment to block the customer's access at once; suspending turns auto-renew off;
the partner keeps being billed while it is suspended; it can be reactivated until the end of its
term, and if it is not, it ends and its data is deleted. A trial's status cannot change during the
trial ("Manage trials for new commerce license-based subscriptions").
"""

from __future__ import annotations

import datetime as dt

import pytest

from cspcore import InvalidInput, Money
from cspcore.billing import (
    STANDARD,
    Action,
    ChargeType,
    Commitment,
    EndReason,
    Invoice,
    Ledger,
    Payment,
    Reactivate,
    ReactivationDeadline,
    Stage,
    Standing,
    Subscription,
    SubscriptionStatus,
    Suspend,
    SuspensionRefused,
    apply_payment,
    evaluate,
    lifecycle,
    reactivation_events,
    suspension_events,
    term_end,
)
from cspcore.errors import CurrencyMismatch, ErrorCode
from cspcore.explain import Source
from cspcore.i18n import SUPPORTED_LOCALES, render

D = dt.date
SUSPEND_PAGE = Source(document="create-a-new-subscription.md", section="Suspend a subscription")
SUSPENDING = STANDARD.stages[3]  # "suspend": blocks new purchases and suspends subscriptions
assert Action.SUSPEND_SUBSCRIPTIONS in SUSPENDING.actions


def utc(day: dt.date, hour: int = 9) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=dt.UTC)


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


def standing(
    as_of: dt.date,
    stage: Stage | None,
    deadlines: tuple[tuple[str, dt.date], ...] = (),
    currency: str = "EUR",
) -> Standing:
    return Standing(
        as_of=as_of,
        stage=stage,
        days_past_due=30 if stage is not None else 0,
        overdue=Money(500 if stage is not None else 0, currency),
        unpaid_invoices=1 if stage is not None else 0,
        actions=stage.actions if stage is not None else (),
        next_review=None,
        reactivation_deadlines=tuple(ReactivationDeadline(subscription_id=s, by=by) for s, by in deadlines),
    )


SUB = Subscription(
    id="m365",
    product="Microsoft 365 Business Premium",
    start=D(2024, 1, 10),
    term="P1Y",
    frequency="monthly",
    quantity=10,
    unit_price=eur("22.00"),
)
TERM_END = term_end(SUB.start, SUB.term)  # 2025-01-09
LEDGER = Ledger(
    account_id="contoso",
    invoices=(
        Invoice(
            id="C-1", issued=D(2024, 1, 8), due=D(2024, 2, 7), currency="EUR", total_charges=eur("500.00")
        ),
    ),
)
COMMITMENTS = (Commitment(subscription_id="m365", term_end=TERM_END, remaining=eur("2420.00")),)


def paid_on(day: dt.date) -> Ledger:
    return apply_payment(LEDGER, Payment(id="P-1", amount=eur("500.00"), received=day))


# -- suspension ---------------------------------------------------------------------------------


def test_a_suspending_stage_calls_for_one_suspend_per_live_subscription_at_the_instant_given() -> None:
    day = D(2024, 3, 2)
    current = standing(
        day, SUSPENDING, (("b", D(2024, 12, 31)), ("a", D(2024, 6, 30)), ("c", D(2024, 12, 31)))
    )
    result = suspension_events(current, at=utc(day))
    assert result.events == (
        Suspend(at=utc(day), subscription="a"),
        Suspend(at=utc(day), subscription="b"),
        Suspend(at=utc(day), subscription="c"),
    )
    assert [(r.code, r.params["subscription"], r.params["reactivate_by"]) for r in result.reasons] == [
        ("billing.collections.suspend_subscription", "a", D(2024, 6, 30)),
        ("billing.collections.suspend_subscription", "b", D(2024, 12, 31)),
        ("billing.collections.suspend_subscription", "c", D(2024, 12, 31)),
    ]
    assert all(r.source == SUSPEND_PAGE for r in result.reasons)


def test_a_stage_without_the_suspend_action_calls_for_no_events() -> None:
    day = D(2024, 2, 20)
    for stage in (None, STANDARD.stages[0], STANDARD.stages[2]):
        result = suspension_events(standing(day, stage, (("a", D(2024, 12, 31)),)), at=utc(day))
        assert result.events == ()
        assert result.reasons == ()


def test_evaluate_with_commitments_names_the_subscriptions_to_suspend() -> None:
    day = D(2024, 3, 2)
    ended = Commitment(subscription_id="old", term_end=D(2024, 3, 1), remaining=eur(0))
    current = evaluate(STANDARD, LEDGER, as_of=day, commitments=(*COMMITMENTS, ended))
    assert current.stage == SUSPENDING
    assert suspension_events(current, at=utc(day)).subscriptions == ("m365",)


def test_only_subscriptions_whose_term_end_has_not_passed_are_suspended() -> None:
    day = D(2024, 3, 2)
    given = (
        Commitment(subscription_id="over", term_end=D(2024, 3, 1), remaining=eur(0)),
        Commitment(subscription_id="last-day", term_end=day, remaining=eur(10)),
        ReactivationDeadline(subscription_id="later", by=D(2024, 4, 1)),
    )
    result = suspension_events(standing(day, SUSPENDING), at=utc(day), subscriptions=given)
    assert result.subscriptions == ("last-day", "later")


def test_subscription_states_already_suspended_or_ended_are_left_alone_and_a_trial_is_not_suspended() -> None:
    trial = Subscription(
        id="trial",
        product="Microsoft 365 E3 Trial",
        start=D(2024, 2, 20),
        term="P1M",
        frequency="none",
        quantity=25,
        unit_price=eur(0),
        trial=True,
        paid_unit_price=eur("36.00"),
    )
    short = Subscription(
        id="short",
        product="Exchange Online",
        start=D(2024, 1, 10),
        term="P1M",
        frequency="monthly",
        quantity=2,
        unit_price=eur("4.00"),
        auto_renew=False,
    )
    earlier = lifecycle(
        (SUB, trial, short),
        [Suspend(at=utc(D(2024, 1, 20)), subscription="m365")],
        through=D(2024, 3, 1),
    )
    assert earlier.states["short"].status is SubscriptionStatus.ENDED
    day = D(2024, 3, 2)
    result = suspension_events(standing(day, SUSPENDING), at=utc(day), subscriptions=earlier.states)
    assert result.events == ()
    assert [(r.code, dict(r.params)) for r in result.reasons] == [
        ("billing.collections.trial_not_suspended", {"subscription": "trial"})
    ]


@pytest.mark.parametrize(
    ("at", "code"),
    [
        (utc(D(2024, 3, 3)), ErrorCode.INCONSISTENT),
        (dt.datetime(2024, 3, 2, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-2))), ErrorCode.INCONSISTENT),
        (dt.datetime(2024, 3, 2, 9), ErrorCode.NAIVE_DATETIME),  # noqa: DTZ001 - a naive instant on purpose
        (D(2024, 3, 2), ErrorCode.WRONG_TYPE),
    ],
)
def test_the_suspension_instant_is_an_aware_instant_on_the_standings_utc_day(
    at: object, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        suspension_events(standing(D(2024, 3, 2), SUSPENDING), at=at)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("at", code)


def test_an_instant_in_another_zone_counts_by_its_utc_day() -> None:
    late_in_new_york = dt.datetime(2024, 3, 1, 21, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    result = suspension_events(
        standing(D(2024, 3, 2), SUSPENDING, (("a", D(2024, 12, 31)),)), at=late_in_new_york
    )
    assert [event.day for event in result.events] == [D(2024, 3, 2)]


@pytest.mark.parametrize(
    ("subscriptions", "field", "code"),
    [
        ("m365", "subscriptions", ErrorCode.WRONG_TYPE),
        (["m365"], "subscriptions[0]", ErrorCode.WRONG_TYPE),
        ((*COMMITMENTS, *COMMITMENTS), "subscriptions[1]", ErrorCode.DUPLICATE),
    ],
)
def test_the_subscriptions_given_are_checked(subscriptions: object, field: str, code: ErrorCode) -> None:
    day = D(2024, 3, 2)
    with pytest.raises(InvalidInput) as caught:
        suspension_events(standing(day, SUSPENDING), at=utc(day), subscriptions=subscriptions)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == (field, code)


def test_a_standing_is_required() -> None:
    with pytest.raises(InvalidInput) as caught:
        suspension_events(COMMITMENTS[0], at=utc(D(2024, 3, 2)))  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("standing", ErrorCode.WRONG_TYPE)


# -- reactivation -------------------------------------------------------------------------------


def test_leaving_the_suspending_stage_reactivates_each_suspended_subscription_before_its_term_end() -> None:
    before = standing(D(2024, 3, 2), SUSPENDING, (("a", D(2024, 6, 30)), ("b", D(2024, 12, 31))))
    for after in (standing(D(2024, 4, 2), None), standing(D(2024, 4, 2), STANDARD.stages[0])):
        result = reactivation_events(before, after, at=utc(D(2024, 4, 2)))
        assert result.events == (
            Reactivate(at=utc(D(2024, 4, 2)), subscription="a"),
            Reactivate(at=utc(D(2024, 4, 2)), subscription="b"),
        )
        assert {r.code for r in result.reasons} == {"billing.collections.reactivate_subscription"}


def test_a_subscription_past_its_term_end_is_reported_and_not_reactivated() -> None:
    before = standing(D(2024, 3, 2), SUSPENDING, (("a", D(2024, 6, 30)), ("b", D(2024, 7, 1))))
    result = reactivation_events(before, standing(D(2024, 7, 1), None), at=utc(D(2024, 7, 1)))
    assert result.subscriptions == ("b",)
    assert [(r.code, dict(r.params)) for r in result.reasons] == [
        (
            "billing.collections.reactivation_deadline_passed",
            {"subscription": "a", "reactivate_by": D(2024, 6, 30)},
        ),
        (
            "billing.collections.reactivate_subscription",
            {"subscription": "b", "reactivate_by": D(2024, 7, 1)},
        ),
    ]


def test_nothing_is_reactivated_while_the_standing_still_suspends_or_if_it_never_did() -> None:
    deadlines = (("a", D(2024, 12, 31)),)
    suspending = standing(D(2024, 3, 2), SUSPENDING, deadlines)
    worse = standing(D(2024, 4, 2), STANDARD.stages[5], deadlines)
    assert reactivation_events(suspending, worse, at=utc(D(2024, 4, 2))).events == ()
    mild = standing(D(2024, 3, 2), STANDARD.stages[1], deadlines)
    assert reactivation_events(mild, standing(D(2024, 4, 2), None), at=utc(D(2024, 4, 2))).events == ()


def test_reactivation_standings_must_be_in_order_and_in_one_currency() -> None:
    before = standing(D(2024, 3, 2), SUSPENDING)
    with pytest.raises(InvalidInput) as caught:
        reactivation_events(before, standing(D(2024, 3, 1), None), at=utc(D(2024, 3, 1)))
    assert (caught.value.field, caught.value.code) == ("current", ErrorCode.OUT_OF_ORDER)
    with pytest.raises(CurrencyMismatch) as mismatch:
        reactivation_events(before, standing(D(2024, 3, 5), None, currency="USD"), at=utc(D(2024, 3, 5)))
    assert (mismatch.value.field, mismatch.value.code) == ("current", ErrorCode.CURRENCY_MISMATCH)
    with pytest.raises(InvalidInput) as wrong:
        reactivation_events(before, standing(D(2024, 3, 5), None), at=utc(D(2024, 3, 4)))
    assert (wrong.value.field, wrong.value.code) == ("at", ErrorCode.INCONSISTENT)
    with pytest.raises(InvalidInput) as not_standing:
        reactivation_events(None, before, at=utc(D(2024, 3, 2)))  # type: ignore[arg-type]
    assert (not_standing.value.field, not_standing.value.code) == ("previous", ErrorCode.WRONG_TYPE)


# -- end to end through the lifecycle replay ------------------------------------------------------


def test_suspended_for_non_payment_the_subscription_is_still_billed_and_auto_renew_turns_off() -> None:
    day = D(2024, 3, 2)
    suspend = suspension_events(evaluate(STANDARD, LEDGER, as_of=day, commitments=COMMITMENTS), at=utc(day))
    result = lifecycle(SUB, suspend.events, through=D(2024, 5, 31))
    state = result.states["m365"]
    assert (state.status, state.auto_renew, state.reactivate_by) == (
        SubscriptionStatus.SUSPENDED,
        False,
        TERM_END,
    )
    # the partner keeps being billed: the same monthly cycle charges as without the suspension
    assert result.lines == lifecycle(SUB, (), through=D(2024, 5, 31)).lines
    assert [line.charge_start for line in result.lines if line.charge_type is ChargeType.CYCLE_CHARGE] == [
        D(2024, 2, 10),
        D(2024, 3, 10),
        D(2024, 4, 10),
        D(2024, 5, 10),
    ]


def test_paying_before_the_term_end_reactivates_the_subscription_with_auto_renew_still_off() -> None:
    suspended_on, paid = D(2024, 3, 2), D(2024, 4, 15)
    before = evaluate(STANDARD, LEDGER, as_of=suspended_on, commitments=COMMITMENTS)
    after = evaluate(STANDARD, paid_on(paid), as_of=paid, commitments=COMMITMENTS)
    assert after.is_clear
    events: tuple[Suspend | Reactivate, ...] = (
        *suspension_events(before, at=utc(suspended_on)).events,
        *reactivation_events(before, after, at=utc(paid, 14)).events,
    )
    result = lifecycle(SUB, events, through=D(2024, 5, 31))
    state = result.states["m365"]
    assert (state.status, state.auto_renew, state.renews_on) == (SubscriptionStatus.ACTIVE, False, None)
    assert result.lines == lifecycle(SUB, (), through=D(2024, 5, 31)).lines


def test_not_reactivated_by_the_term_end_the_subscription_ends_and_cannot_come_back() -> None:
    suspended_on, paid = D(2024, 3, 2), D(2025, 1, 15)
    before = evaluate(STANDARD, LEDGER, as_of=suspended_on, commitments=COMMITMENTS)
    suspend = suspension_events(before, at=utc(suspended_on))
    result = lifecycle(SUB, suspend.events, through=D(2025, 1, 31))
    state = result.states["m365"]
    assert (state.status, state.end_reason, state.ended_on) == (
        SubscriptionStatus.ENDED,
        EndReason.NOT_REACTIVATED,
        TERM_END + dt.timedelta(days=1),
    )
    assert all(line.charge_type is not ChargeType.RENEW for line in result.lines)
    after = evaluate(STANDARD, paid_on(paid), as_of=paid)
    late = reactivation_events(before, after, at=utc(paid))
    assert late.events == ()
    assert [(r.code, r.params["reactivate_by"]) for r in late.reasons] == [
        ("billing.collections.reactivation_deadline_passed", TERM_END)
    ]
    # the replay agrees: reading the states, the same answer; a Reactivate would be refused
    from_states = reactivation_events(before, after, at=utc(paid), subscriptions=result.states)
    assert (from_states.events, [r.code for r in from_states.reasons]) == (
        (),
        ["billing.collections.reactivation_deadline_passed"],
    )
    with pytest.raises(SuspensionRefused):
        lifecycle(SUB, (*suspend.events, Reactivate(at=utc(paid), subscription="m365")), through=paid)


def test_several_subscriptions_replayed_together_each_get_their_own_events() -> None:
    other = Subscription(
        id="visio",
        product="Visio Plan 2",
        start=D(2024, 2, 1),
        term="P1M",
        frequency="monthly",
        quantity=1,
        unit_price=eur("15.00"),
    )
    day, paid = D(2024, 3, 2), D(2024, 3, 20)
    owed = (
        *COMMITMENTS,
        Commitment(subscription_id="visio", term_end=D(2024, 3, 31), remaining=eur("15.00")),
    )
    before = evaluate(STANDARD, LEDGER, as_of=day, commitments=owed)
    after = evaluate(STANDARD, paid_on(paid), as_of=paid)
    suspend = suspension_events(before, at=utc(day))
    assert suspend.subscriptions == ("visio", "m365")  # the earliest deadline first
    mid = lifecycle((SUB, other), suspend.events, through=D(2024, 3, 10))
    assert {s.status for s in mid.states.values()} == {SubscriptionStatus.SUSPENDED}
    back = reactivation_events(before, after, at=utc(paid), subscriptions=mid.states)
    result = lifecycle((SUB, other), (*suspend.events, *back.events), through=D(2024, 3, 31))
    assert {s.status for s in result.states.values()} == {SubscriptionStatus.ACTIVE}


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_every_reason_renders_in_each_locale(locale: str) -> None:
    before = standing(D(2024, 3, 2), SUSPENDING, (("sub-a", D(2024, 6, 30)), ("sub-b", D(2024, 12, 31))))
    reasons = (
        *suspension_events(before, at=utc(D(2024, 3, 2))).reasons,
        *reactivation_events(before, standing(D(2024, 7, 2), None), at=utc(D(2024, 7, 2))).reasons,
    )
    assert {r.code for r in reasons} == {
        "billing.collections.suspend_subscription",
        "billing.collections.reactivate_subscription",
        "billing.collections.reactivation_deadline_passed",
    }
    for reason in reasons:
        text = render(reason, locale=locale)
        assert str(reason.params["subscription"]) in text
        assert "{" not in text
