from __future__ import annotations

import datetime as dt
import pickle

import attrs
import pytest
from tests.refusals import raises_invalid

from cspcore import Money
from cspcore.billing import (
    STANDARD,
    Action,
    CollectionsPolicy,
    Commitment,
    Invoice,
    Ledger,
    Payment,
    Stage,
    Standing,
    apply_payment,
    credit_check,
    evaluate,
    microsoft_standing,
    schedule,
    standings,
)
from cspcore.errors import CurrencyMismatch, ErrorCode
from cspcore.i18n import SUPPORTED_LOCALES, render

D = dt.date


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def inv(key: str, due: dt.date, amount: str = "100.00", *, disputed: bool = False) -> Invoice:
    issued = due - dt.timedelta(days=30)
    return Invoice(
        id=key, issued=issued, due=due, currency="EUR", total_charges=eur(amount), disputed=disputed
    )


POLICY = CollectionsPolicy(
    name="test",
    grace_days=2,
    stages=(
        Stage(name="remind", after_days=0, actions=(Action.REMIND,)),
        Stage(name="block", after_days=10, actions=(Action.BLOCK_NEW_PURCHASES,), min_overdue=eur("150.00")),
        Stage(
            name="two",
            after_days=10,
            actions=(Action.FINAL_NOTICE,),
            min_overdue=eur("150.00"),
            min_unpaid_invoices=2,
        ),
        Stage(name="suspend", after_days=20, actions=(Action.SUSPEND_SUBSCRIPTIONS,)),
        Stage(name="end", after_days=60, actions=(Action.WRITE_OFF,), terminal=True),
    ),
)


def test_nothing_due_means_no_stage() -> None:
    standing = evaluate(POLICY, Ledger(invoices=(inv("A", D(2024, 3, 1)),)), as_of=D(2024, 3, 1))
    assert (None, 0, eur("0"), D(2024, 3, 2)) == (
        standing.stage,
        standing.days_past_due,
        standing.overdue,
        standing.next_review,
    )
    assert [r.code for r in standing.reasons] == ["billing.collections.nothing_overdue"]


def test_grace_days_hold_the_first_stage_back_and_thresholds_count_when_equalled() -> None:
    ledger = Ledger(invoices=(inv("A", D(2024, 3, 1)),))
    assert evaluate(POLICY, ledger, as_of=D(2024, 3, 2)).stage is None
    held = evaluate(POLICY, ledger, as_of=D(2024, 3, 2)).reasons
    assert held[0].code == "billing.collections.held_back_days"
    assert evaluate(POLICY, ledger, as_of=D(2024, 3, 3)).stage.name == "remind"  # type: ignore[union-attr]


def test_the_most_severe_stage_whose_conditions_all_hold_wins() -> None:
    one = Ledger(invoices=(inv("A", D(2024, 3, 1), "150.00"),))
    two = Ledger(invoices=(inv("A", D(2024, 3, 1), "100.00"), inv("B", D(2024, 3, 5), "50.00")))
    assert evaluate(POLICY, one, as_of=D(2024, 3, 13)).stage.name == "block"  # type: ignore[union-attr]
    standing = evaluate(POLICY, two, as_of=D(2024, 3, 13))
    assert ("two", 12, eur("150.00"), 2, "A") == (
        standing.stage.name,  # type: ignore[union-attr]
        standing.days_past_due,
        standing.overdue,
        standing.unpaid_invoices,
        standing.oldest_invoice_id,
    )
    assert standing.actions == (Action.FINAL_NOTICE,)
    small = Ledger(invoices=(inv("A", D(2024, 3, 1), "100.00"),))
    reasons = evaluate(POLICY, small, as_of=D(2024, 3, 13)).reasons
    assert [r.code for r in reasons] == [
        "billing.collections.stage_reached",
        "billing.collections.held_back_amount",
    ]


def test_the_clock_re_anchors_when_the_oldest_invoice_is_paid() -> None:
    ledger = Ledger(invoices=(inv("A", D(2024, 3, 1)), inv("B", D(2024, 3, 20))))
    assert evaluate(POLICY, ledger, as_of=D(2024, 3, 23)).stage.name == "suspend"  # type: ignore[union-attr]
    paid = apply_payment(
        ledger, Payment(id="P", amount=eur("100.00"), received=D(2024, 3, 22)), invoice_id="A"
    )
    standing = evaluate(POLICY, paid, as_of=D(2024, 3, 23))
    assert (standing.stage.name, standing.days_past_due, standing.oldest_invoice_id) == ("remind", 3, "B")  # type: ignore[union-attr]


def test_paying_clears_the_standing() -> None:
    ledger = Ledger(
        invoices=(inv("A", D(2024, 3, 1)),),
        payments=(Payment(id="P", amount=eur("100.00"), received=D(2024, 4, 1)),),
    )
    assert evaluate(POLICY, ledger, as_of=D(2024, 3, 31)).stage is not None
    assert evaluate(POLICY, ledger, as_of=D(2024, 4, 1)).is_clear


def test_the_next_review_is_the_next_day_a_stage_or_a_document_could_change_things() -> None:
    ledger = Ledger(
        invoices=(inv("A", D(2024, 3, 1)),),
        payments=(Payment(id="P", amount=eur("1.00"), received=D(2024, 3, 5)),),
    )
    assert D(2024, 3, 5) == evaluate(POLICY, ledger, as_of=D(2024, 3, 3)).next_review
    assert D(2024, 3, 23) == evaluate(POLICY, ledger, as_of=D(2024, 3, 6)).next_review
    terminal = evaluate(POLICY, ledger, as_of=D(2024, 6, 1))
    assert (terminal.stage.name, terminal.next_review) == ("end", None)  # type: ignore[union-attr]


def test_disputed_payment_plan_and_exempt_accounts_never_trigger() -> None:
    disputed = Ledger(invoices=(inv("A", D(2024, 3, 1), disputed=True),))
    planned = Ledger(invoices=(inv("A", D(2024, 3, 1)),), on_payment_plan={"A"})
    exempt_policy = attrs.evolve(POLICY, exempt_accounts={"acct"})
    exempt = Ledger(invoices=(inv("A", D(2024, 3, 1)),), account_id="acct")
    for ledger, policy, code in (
        (disputed, POLICY, "billing.collections.exempt_disputed"),
        (planned, POLICY, "billing.collections.exempt_payment_plan"),
        (exempt, exempt_policy, "billing.collections.exempt_account"),
    ):
        standing = evaluate(policy, ledger, as_of=D(2024, 5, 1))
        assert standing.is_clear
        assert code in [r.code for r in standing.reasons]


def test_suspension_shows_the_partners_exposure_and_reactivation_deadlines() -> None:
    ledger = Ledger(invoices=(inv("A", D(2024, 3, 1)),))
    commitments = [
        Commitment(
            subscription_id="s-1", term_end=D(2024, 12, 31), remaining=eur("900.00"), purchased=D(2024, 3, 20)
        ),
        Commitment(subscription_id="s-2", term_end=D(2024, 9, 30), remaining=eur("300.00")),
        Commitment(subscription_id="old", term_end=D(2024, 1, 31), remaining=eur("0.00")),
    ]
    standing = evaluate(POLICY, ledger, as_of=D(2024, 3, 25), commitments=commitments)
    assert eur("1200.00") == standing.exposure
    assert [("s-2", D(2024, 9, 30)), ("s-1", D(2024, 12, 31))] == [
        (d.subscription_id, d.by) for d in standing.reactivation_deadlines
    ]
    codes = [r.code for r in standing.reasons]
    assert codes.count("billing.collections.suspension_still_billed") == 2
    assert "billing.collections.cancellable_until" in codes


def test_reasons_render_in_all_five_locales() -> None:
    ledger = Ledger(invoices=(inv("A", D(2024, 3, 1)),))
    commitments = [
        Commitment(
            subscription_id="s", term_end=D(2024, 12, 31), remaining=eur("9"), purchased=D(2024, 3, 20)
        )
    ]
    standing = evaluate(POLICY, ledger, as_of=D(2024, 3, 25), commitments=commitments)
    for locale in SUPPORTED_LOCALES:
        for reason in standing.reasons:
            text = render(reason, locale=locale)
            assert reason.code not in text
            assert "{" not in text


def test_evaluate_refuses_bad_input() -> None:
    with raises_invalid(field="currency", code=ErrorCode.MISSING):
        evaluate(STANDARD, Ledger(), as_of=D(2024, 1, 1))
    assert evaluate(POLICY, Ledger(), as_of=D(2024, 1, 1)).overdue == eur("0")  # the thresholds' currency
    with pytest.raises(CurrencyMismatch) as caught:
        evaluate(POLICY, Ledger(), as_of=D(2024, 1, 1), currency="USD")
    assert caught.value.field == "policy"
    usd = Ledger(
        invoices=(Invoice(id="U", issued=D(2024, 1, 1), currency="USD", total_charges=Money(1, "USD")),)
    )
    with raises_invalid(field="policy", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
        evaluate(POLICY, usd, as_of=D(2024, 1, 1))
    with raises_invalid(field="commitments[0].remaining", code=ErrorCode.CURRENCY_MISMATCH):
        evaluate(
            STANDARD,
            usd,
            as_of=D(2024, 1, 1),
            commitments=[Commitment(subscription_id="s", term_end=D(2024, 2, 1), remaining=eur("1"))],
        )
    with raises_invalid(field="commitments", code=ErrorCode.WRONG_TYPE):
        evaluate(STANDARD, usd, as_of=D(2024, 1, 1), commitments="x")  # type: ignore[arg-type]
    assert standings(STANDARD, [], as_of=D(2024, 1, 1)) == ()


def test_schedule_lists_the_dates_an_unpaid_invoice_reaches_each_stage() -> None:
    small = inv("A", D(2024, 3, 1), "100.00")
    assert [(D(2024, 3, 3), "remind"), (D(2024, 3, 23), "suspend"), (D(2024, 5, 2), "end")] == [
        (s.on, s.stage.name) for s in schedule(POLICY, small)
    ]
    big = inv("B", D(2024, 3, 1), "500.00")
    assert [s.stage.name for s in schedule(POLICY, big)] == ["remind", "block", "suspend", "end"]
    assert schedule(POLICY, inv("C", D(2024, 3, 1), disputed=True)) == ()
    usd = Invoice(id="U", issued=D(2024, 1, 1), currency="USD", total_charges=Money(1, "USD"))
    with raises_invalid(field="policy", code=ErrorCode.CURRENCY_MISMATCH):
        schedule(POLICY, usd)
    no_due = Invoice(id="N", issued=D(2024, 1, 1), currency="EUR", total_charges=eur("5"))
    assert D(2024, 1, 3) == schedule(POLICY, no_due)[0].on


def test_schedule_agrees_with_evaluate_on_each_scheduled_day() -> None:
    invoice = inv("B", D(2024, 3, 1), "500.00")
    ledger = Ledger(invoices=(invoice,))
    for item in schedule(POLICY, invoice):
        assert item.stage == evaluate(POLICY, ledger, as_of=item.on).stage
        assert item.stage != evaluate(POLICY, ledger, as_of=item.on - dt.timedelta(days=1)).stage


def test_microsoft_standing_applies_net_60_and_the_60_days_overdue_trigger() -> None:
    invoice = Invoice(id="G1", issued=D(2024, 1, 8), currency="USD", total_charges=Money(1000, "USD"))
    ledger = Ledger(invoices=(invoice,))
    on_time = microsoft_standing(ledger, as_of=D(2024, 3, 8))
    late = microsoft_standing(ledger, as_of=D(2024, 3, 9))
    risk = microsoft_standing(ledger, as_of=D(2024, 5, 8))
    assert (
        on_time.delinquent,
        late.delinquent,
        late.suspension_risk,
        risk.suspension_risk,
    ) == (False, True, False, True)
    assert [r.code for r in risk.reasons] == [
        "billing.collections.microsoft_delinquent",
        "billing.collections.microsoft_suspension_risk",
    ]
    assert microsoft_standing(ledger, as_of=D(2024, 5, 7)).days_past_due == 60


def usd(amount: int) -> Money:
    return Money(amount, "USD")


def test_credit_check_follows_microsofts_available_balance_formula() -> None:
    ok = credit_check(
        usd(1000),
        incoming_purchase=usd(100),
        outstanding_unpaid=usd(500),
        unbilled=usd(200),
        overpayment=usd(50),
    )
    assert (usd(250), True, "billing.collections.credit_limit_ok") == (
        ok.available,
        ok.is_allowed,
        ok.reasons[0].code,
    )
    over = credit_check(usd(1000), incoming_purchase=usd(900), outstanding_unpaid=usd(500))
    assert (over.is_allowed, over.reasons[0].code) == (False, "billing.collections.credit_limit_exceeded")
    renewal = credit_check(usd(1000), incoming_purchase=usd(9000), renewal=True)
    assert renewal.is_allowed
    with raises_invalid(field="unbilled", code=ErrorCode.CURRENCY_MISMATCH, error=CurrencyMismatch):
        credit_check(usd(1), incoming_purchase=usd(1), unbilled=Money(1, "EUR"))
    with raises_invalid(field="overpayment", code=ErrorCode.OUT_OF_RANGE):
        credit_check(usd(1), incoming_purchase=usd(1), overpayment=usd(-1))
    with raises_invalid(field="renewal", code=ErrorCode.WRONG_TYPE):
        credit_check(usd(1), incoming_purchase=usd(1), renewal="yes")  # type: ignore[arg-type]


def test_a_standing_built_by_hand_keeps_its_reasons() -> None:
    from cspcore.explain import Reason

    reason = Reason(code="billing.collections.nothing_overdue")
    built = Standing(
        as_of=D(2024, 1, 1), stage=None, days_past_due=0, overdue=eur("0"), unpaid_invoices=0, actions=(),
        reasons=(reason,), next_review=None,
    )  # fmt: skip
    bare = Standing(
        as_of=D(2024, 1, 1), stage=None, days_past_due=0, overdue=eur("0"), unpaid_invoices=0, actions=(),
        next_review=None,
    )  # fmt: skip
    assert ((reason,), ()) == (built.reasons, bare.reasons)
    assert built == bare


def test_evaluate_refuses_values_of_the_wrong_type() -> None:
    with raises_invalid(field="policy", code=ErrorCode.WRONG_TYPE):
        evaluate("standard", Ledger(), as_of=D(2024, 1, 1))  # type: ignore[arg-type]
    with raises_invalid(field="ledger", code=ErrorCode.WRONG_TYPE):
        evaluate(STANDARD, [], as_of=D(2024, 1, 1))  # type: ignore[arg-type]
    with raises_invalid(field="as_of", code=ErrorCode.WRONG_TYPE):
        evaluate(STANDARD, Ledger(), as_of="2024-01-01", currency="EUR")  # type: ignore[arg-type]


def test_a_stage_needing_more_invoices_says_so() -> None:
    one = Ledger(invoices=(inv("A", D(2024, 3, 1), "150.00"),))
    reasons = evaluate(POLICY, one, as_of=D(2024, 3, 13)).reasons
    assert [r.code for r in reasons] == [
        "billing.collections.stage_reached",
        "billing.collections.held_back_invoices",
    ]


def test_a_standing_from_evaluate_behaves_like_one_built_by_hand() -> None:
    ledger = Ledger(invoices=(inv("A", D(2024, 3, 1)), inv("B", D(2024, 4, 1), "50.00")))
    standing = evaluate(POLICY, ledger, as_of=D(2024, 4, 10))
    by_hand = Standing(
        as_of=D(2024, 4, 10),
        stage=standing.stage,
        days_past_due=40,
        overdue=eur("150.00"),
        unpaid_invoices=2,
        actions=standing.actions,
        reasons=standing.reasons,
        next_review=standing.next_review,
        oldest_invoice_id="A",
    )
    fresh = evaluate(POLICY, ledger, as_of=D(2024, 4, 10))
    assert by_hand == fresh
    assert fresh == by_hand
    assert repr(by_hand) == repr(evaluate(POLICY, ledger, as_of=D(2024, 4, 10)))
    # reasons hold Params mappings that asdict cannot rebuild: compared on their own
    public = attrs.filters.exclude(attrs.fields(Standing).reasons)
    assert by_hand.reasons == fresh.reasons
    fields = attrs.asdict(evaluate(POLICY, ledger, as_of=D(2024, 4, 10)), filter=public)
    assert attrs.asdict(by_hand, filter=public) == fields
    later = attrs.evolve(evaluate(POLICY, ledger, as_of=D(2024, 4, 10)), days_past_due=41)
    assert (41, standing.next_review) == (later.days_past_due, later.next_review)


def test_a_standing_pickles_with_its_reasons() -> None:
    ledger = Ledger(invoices=(inv("A", D(2024, 3, 1)), inv("B", D(2024, 4, 1), "50.00")))
    standing = evaluate(POLICY, ledger, as_of=D(2024, 4, 10))
    copied = pickle.loads(pickle.dumps(standing))  # noqa: S301
    assert (standing, standing.reasons) == (copied, copied.reasons)


def test_a_standing_has_no_other_missing_attributes() -> None:
    standing = evaluate(POLICY, Ledger(invoices=(inv("A", D(2024, 3, 1)),)), as_of=D(2024, 4, 10))
    with pytest.raises(AttributeError, match="nonexistent"):
        getattr(standing, "nonexistent")  # noqa: B009 - the name is what is tested
    assert not hasattr(standing, "__dict__")  # a slotted value: every attribute is a declared field


def test_overdue_totals_are_prefix_sums_in_due_order_without_exempt_invoices() -> None:
    ledger = Ledger(
        invoices=(
            inv("C", D(2024, 5, 1), "0.10"),
            inv("A", D(2024, 3, 1), "100.00"),
            inv("X", D(2024, 3, 15), "7.00", disputed=True),
            inv("B", D(2024, 4, 1), "20.05"),
        )
    )
    seen = [
        (s.unpaid_invoices, s.overdue, s.oldest_invoice_id)
        for s in (evaluate(POLICY, ledger, as_of=D(2024, m, 2)) for m in (2, 3, 4, 5))
    ]
    assert [
        (0, Money(0, "EUR"), None),
        (1, eur("100.00"), "A"),
        (2, eur("120.05"), "A"),
        (3, eur("120.15"), "A"),
    ] == seen
    # grace 2 days: "remind" from March 3; the next document is C's issue on April 1
    assert D(2024, 3, 3) == evaluate(POLICY, ledger, as_of=D(2024, 3, 2)).next_review


def test_a_days_summary_is_worked_out_once() -> None:
    from cspcore.billing.ledger import timeline_of

    timeline = timeline_of(Ledger(invoices=(inv("A", D(2024, 3, 1)), inv("X", D(2024, 2, 1), disputed=True))))
    first = timeline.summary(len(timeline.days) - 1)
    assert first is timeline.summary(len(timeline.days) - 1)
    assert (D(2024, 3, 1).toordinal(), "A", Money(0, "EUR"), eur("100.00")) == first
