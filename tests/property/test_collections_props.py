"""Laws of collections: monotone escalation, clearing, exemptions, order, simulation agreement."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from cspcore import Money
from cspcore.billing import (
    Action,
    CollectionsPolicy,
    Invoice,
    Ledger,
    Payment,
    Stage,
    Standing,
    evaluate,
)
from cspcore.billing.portfolio import Account, Portfolio
from cspcore.billing.whatif import simulate
from cspcore.testing.ledger import ledgers, policies

if TYPE_CHECKING:
    import random

AS_OF = st.integers(min_value=0, max_value=500).map(lambda n: dt.date(2023, 12, 1) + dt.timedelta(days=n))
unpaid_invoices = ledgers(max_payments=0, closures=False).map(lambda ledger: list(ledger.invoices))


def _rank(policy: CollectionsPolicy, ledger: Ledger, day: dt.date) -> int:
    stage = evaluate(policy, ledger, as_of=day, currency="EUR").stage
    return -1 if stage is None else policy.stages.index(stage)


@given(policies(), unpaid_invoices, AS_OF, st.integers(min_value=1, max_value=90))
def test_with_nothing_paid_the_stage_never_moves_back(
    policy: CollectionsPolicy, docs: list[Invoice], day: dt.date, step: int
) -> None:
    ledger = Ledger(invoices=tuple(docs))
    assert _rank(policy, ledger, day) <= _rank(policy, ledger, day + dt.timedelta(days=step))


@given(policies(), unpaid_invoices, AS_OF)
def test_paying_everything_due_clears_the_standing(
    policy: CollectionsPolicy, docs: list[Invoice], day: dt.date
) -> None:
    ledger = Ledger(invoices=tuple(docs))
    payments = tuple(
        Payment(id=f"P{i}", amount=invoice.total_charges, received=day, invoice_id=invoice.id)
        for i, invoice in enumerate(docs)
        if invoice.total_charges.is_positive() and invoice.issued <= day
    )
    paid = Ledger(invoices=ledger.invoices, payments=payments)
    assert evaluate(policy, paid, as_of=day, currency="EUR").is_clear


@given(policies(), unpaid_invoices, AS_OF)
def test_disputed_and_exempt_invoices_never_trigger(
    policy: CollectionsPolicy, docs: list[Invoice], day: dt.date
) -> None:
    import attrs

    disputed = Ledger(invoices=tuple(attrs.evolve(i, disputed=True) for i in docs))
    planned = Ledger(
        invoices=tuple(attrs.evolve(i, disputed=False) for i in docs), on_payment_plan={i.id for i in docs}
    )
    exempt = Ledger(invoices=tuple(docs), account_id="A")
    assert evaluate(policy, disputed, as_of=day, currency="EUR").is_clear
    assert evaluate(policy, planned, as_of=day, currency="EUR").is_clear
    if "A" in policy.exempt_accounts:
        assert evaluate(policy, exempt, as_of=day, currency="EUR").is_clear


@given(policies(), ledgers(), AS_OF, st.randoms(use_true_random=False))
def test_evaluation_ignores_the_order_invoices_are_listed_in(
    policy: CollectionsPolicy, ledger: Ledger, day: dt.date, rnd: random.Random
) -> None:
    import attrs

    shuffled = attrs.evolve(ledger, invoices=tuple(rnd.sample(ledger.invoices, len(ledger.invoices))))
    assert evaluate(policy, ledger, as_of=day, currency="EUR") == evaluate(
        policy, shuffled, as_of=day, currency="EUR"
    )


@given(policies(), ledgers(), AS_OF, st.integers(min_value=0, max_value=60))
def test_evaluate_on_each_simulated_day_equals_the_simulation_series(
    policy: CollectionsPolicy, ledger: Ledger, start: dt.date, length: int
) -> None:
    import attrs

    ledger = attrs.evolve(ledger, account_id="X")
    end = start + dt.timedelta(days=length)
    result = simulate(policy, Portfolio(accounts=(Account(id="X", ledger=ledger),)), start=start, end=end)
    for point in result.series:
        standing = evaluate(policy, ledger, as_of=point.day, currency="EUR")
        slot = 0 if standing.stage is None else 1 + policy.stages.index(standing.stage)
        assert point.accounts[slot] == 1
        assert point.overdue[slot] == standing.overdue


@given(policies())
def test_a_policy_survives_the_round_trip_through_a_dict(policy: CollectionsPolicy) -> None:
    assert policy == CollectionsPolicy.from_dict(policy.to_dict())


def _oracle(
    policy: CollectionsPolicy, accounts: list[Account], start: dt.date, end: dt.date
) -> tuple[list[tuple[dt.date, str, str, str]], tuple[int, int, int, Money, Money]]:
    """Transitions and summary worked out day by day with evaluate (slow and plain)."""
    names = ["clear", *(stage.name for stage in policy.stages)]
    transitions: list[tuple[dt.date, str, str, str]] = []
    suspensions = suspended_days = write_offs = 0
    written = exposure = Money(0, "EUR")
    for account in accounts:
        before: Stage | None = None
        exposed = False
        for offset in range((end - start).days + 1):
            day = start + dt.timedelta(days=offset)
            standing = evaluate(policy, account.ledger, as_of=day, currency="EUR")
            stage = standing.stage
            suspends = stage is not None and Action.SUSPEND_SUBSCRIPTIONS in stage.actions
            suspended_days += suspends
            if stage != before:
                transitions.append(
                    (day, account.id, names[_slot(policy, before)], names[_slot(policy, stage)])
                )
                if suspends and not (before is not None and Action.SUSPEND_SUBSCRIPTIONS in before.actions):
                    suspensions += 1
                    if not exposed:
                        exposed = True
                        exposure += account.exposure(day) or Money(0, "EUR")
                writes = stage is not None and Action.WRITE_OFF in stage.actions
                if writes and not (before is not None and Action.WRITE_OFF in before.actions):
                    write_offs += 1
                    written += standing.overdue
            before = stage
    transitions.sort()
    return transitions, (suspensions, suspended_days, write_offs, written, exposure)


def _slot(policy: CollectionsPolicy, stage: Stage | None) -> int:
    return 0 if stage is None else 1 + policy.stages.index(stage)


@given(
    policies(),
    st.lists(ledgers(), min_size=1, max_size=3),
    AS_OF,
    st.integers(min_value=0, max_value=60),
    st.sets(st.sampled_from(["A0", "A1", "A2"]), max_size=1),
)
@settings(deadline=None)
def test_simulated_transitions_and_summary_equal_a_day_by_day_replay_with_evaluate(
    policy: CollectionsPolicy, books: list[Ledger], start: dt.date, length: int, exempt: set[str]
) -> None:
    policy = attrs.evolve(policy, exempt_accounts=frozenset(exempt))
    accounts = [
        Account(
            id=f"A{i}",
            ledger=attrs.evolve(book, account_id=f"A{i}"),
            monthly_cost=Money(10 * (i + 1), "EUR"),
            term_end=start + dt.timedelta(days=40 * (i + 1)),
        )
        for i, book in enumerate(books)
    ]
    end = start + dt.timedelta(days=length)
    result = simulate(policy, Portfolio(accounts=tuple(accounts)), start=start, end=end)
    transitions, summary = _oracle(policy, accounts, start, end)
    assert transitions == [(t.on, t.account, t.before, t.after) for t in result.transitions]
    s = result.summary
    assert summary == (s.suspensions, s.account_days_suspended, s.write_offs, s.written_off, s.exposure)


@given(policies(), ledgers(), AS_OF)
def test_the_standing_evaluate_builds_is_one_the_public_constructor_accepts_and_equals(
    policy: CollectionsPolicy, ledger: Ledger, as_of: dt.date
) -> None:
    standing = evaluate(policy, ledger, as_of=as_of, currency=ledger.currency or policy.currency or "EUR")
    rebuilt = Standing(**{field.name: getattr(standing, field.name) for field in attrs.fields(Standing)})
    assert (rebuilt, rebuilt.reasons, rebuilt.next_review) == (
        standing,
        standing.reasons,
        standing.next_review,
    )
