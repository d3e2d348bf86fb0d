"""The English wording of cspcore's refusals, one snapshot per family (core values and billing).

Programs and the other tests match on a refusal's type, ``field`` and ``code``. People read the
message, so its wording is pinned here, once per family: one representative message for each
:class:`~cspcore.errors.ErrorCode` the core and billing raise, for :class:`CurrencyMismatch`, and for
each :class:`RuleViolation` subclass of billing. A change of wording shows up in this file alone.
Where a message carries a hint (a likely currency, the plans a term is sold with, how to allow a
larger markup), the snapshot is chosen to show it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from cspcore import (
    CspError,
    CurrencyMismatch,
    ErrorCode,
    InvalidInput,
    Money,
    Reason,
    RuleViolation,
    allocate,
)
from cspcore.billing import (
    BillingPlanChangeRefused,
    Cancel,
    CancellationWindowClosed,
    ChangeBillingPlan,
    ChangeQuantity,
    ChargeLine,
    ChargeType,
    CompleteRenewal,
    ConvertTrial,
    CotermRefused,
    FamilyRestriction,
    Invoice,
    InvoiceClosed,
    Ledger,
    NegativeInvoice,
    NothingToWriteOff,
    Payment,
    Pricing,
    QuantityOutOfRange,
    Reactivate,
    RenewalPending,
    ScheduleChange,
    ScheduledChangeRefused,
    SeatLot,
    SeatReductionWindowClosed,
    SetAutoRenew,
    Subscription,
    SubscriptionInactive,
    SuspensionRefused,
    Term,
    TermDowngradeRefused,
    TrialRestriction,
    Upgrade,
    UpgradeRefused,
    aging,
    apply_payment,
    cancellation_quote,
    coterminous_end,
    customer_invoice,
    lifecycle,
    rate,
    reduce_lots,
    void,
    write_off,
)
from cspcore.billing.terms import check_plan
from cspcore.dates import days_inclusive
from cspcore.money import total

if TYPE_CHECKING:
    from collections.abc import Callable

D = dt.date
UTC = dt.UTC


def eur(amount: str | int) -> Money:
    return Money(amount, "EUR")


def message_of(call: Callable[[], object]) -> tuple[str, str]:
    """The refusal's code and its English message."""
    with pytest.raises(CspError) as caught:
        call()
    error = caught.value
    assert isinstance(error, (InvalidInput, RuleViolation))
    return str(error.code), str(error)


def ledger() -> Ledger:
    return Ledger(
        invoices=(
            Invoice(id="I-1", issued=D(2024, 1, 1), currency="EUR", total_charges=eur("100.00")),
            Invoice(id="I-2", issued=D(2024, 2, 1), currency="EUR", total_charges=eur("50.00")),
        )
    )


def subscription(**changes: object) -> Subscription:
    fields: dict[str, object] = {
        "id": "sub",
        "product": "Microsoft 365 E3",
        "start": D(2024, 3, 10),
        "term": Term.P1Y,
        "frequency": "monthly",
        "quantity": 10,
        "unit_price": eur("36.00"),
    }
    fields.update(changes)
    return Subscription(**fields)  # type: ignore[arg-type]


def trial(**changes: object) -> Subscription:
    fields: dict[str, object] = {
        "id": "trial",
        "start": D(2024, 5, 1),
        "term": Term.P1M,
        "frequency": "none",
        "quantity": 25,
        "unit_price": eur(0),
        "trial": True,
    }
    return subscription(**{**fields, **changes})


def charge(subtotal: str) -> ChargeLine:
    return ChargeLine(
        order_date=D(2024, 1, 1),
        charge_type=ChargeType.NEW,
        product="E3",
        subscription_id="s-1",
        unit_price=eur("36.00"),
        effective_unit_price=eur("36.00"),
        quantity=Decimal(1),
        subtotal=eur(subtotal),
        charge_start=D(2024, 1, 1),
        charge_end=D(2024, 1, 31),
    )


INVALID_INPUT: list[tuple[Callable[[], object], ErrorCode, str]] = [
    (
        lambda: Money(1.5, "EUR"),  # type: ignore[arg-type]
        ErrorCode.WRONG_TYPE,
        "amount: floats are refused, pass a Decimal, int or str (got 1.5)",
    ),
    (lambda: Money("12,50", "EUR"), ErrorCode.NOT_A_NUMBER, "amount: not a decimal number (got '12,50')"),
    (lambda: Money("NaN", "EUR"), ErrorCode.NOT_FINITE, "amount: must be a finite number (got 'NaN')"),
    (
        lambda: Pricing(markup=15),
        ErrorCode.OUT_OF_RANGE,
        (
            "markup: a fraction, 0.21 for 21 %; at most 1; pass max_markup= to allow a larger one "
            "(got Decimal('15'))"
        ),
    ),
    (
        lambda: Money("0." + "1" * 51, "EUR"),
        ErrorCode.TOO_MANY_DIGITS,
        f"amount: more than 50 significant digits (got '0.{'1' * 51}')",
    ),
    (
        lambda: Money("1" * 201, "EUR"),
        ErrorCode.TOO_LONG,
        f"amount: a number of more than 200 characters (got '{'1' * 76}...)",
    ),
    (lambda: allocate(eur("1.00"), []), ErrorCode.EMPTY, "weights: must not be empty (got [])"),
    (
        lambda: Money(1, "eur"),
        ErrorCode.UNKNOWN_VALUE,
        "currency: not an active ISO 4217 currency code; did you mean 'EUR'? (got 'eur')",
    ),
    (
        lambda: cancellation_quote(dt.datetime(2024, 1, 1), at=dt.datetime(2024, 1, 2, tzinfo=UTC)),  # noqa: DTZ001
        ErrorCode.NAIVE_DATETIME,
        (
            "purchased_at: naive datetimes are refused; attach a timezone (UTC for Partner Center) "
            "(got datetime.datetime(2024, 1, 1, 0, 0))"
        ),
    ),
    (
        lambda: Reason(code="nodot"),
        ErrorCode.MALFORMED,
        "code: must be a dotted lower-case identifier such as 'billing.cancel.full' (got 'nodot')",
    ),
    (lambda: total([]), ErrorCode.MISSING, "currency: needed to total an empty sequence (got None)"),
    (
        lambda: Ledger(invoices=(*ledger().invoices, ledger().invoices[0])),
        ErrorCode.DUPLICATE,
        "invoices: invoice ids must be unique (got 'I-1')",
    ),
    (
        lambda: days_inclusive(D(2024, 3, 1), D(2024, 2, 28)),
        ErrorCode.INCONSISTENT,
        "end: is more than one day before start 2024-03-01 (got datetime.date(2024, 2, 28))",
    ),
    (
        lambda: check_plan(Term.P1Y, "triennial"),  # type: ignore[arg-type]
        ErrorCode.NOT_ALLOWED,
        "frequency: not sold with term P1Y; expected one of: annual, monthly (got 'triennial')",
    ),
    (
        lambda: aging(ledger(), as_of=D(2024, 3, 1), buckets=(0, 30, 30)),
        ErrorCode.OUT_OF_ORDER,
        "buckets[2]: must be greater than buckets[1] (30) (got 30)",
    ),
    (
        lambda: eur("12.345").to_minor_units(),
        ErrorCode.TOO_PRECISE,
        "amount: finer than the minor unit of EUR; pass a rounding to round it (got Decimal('12.345'))",
    ),
    (
        lambda: ledger().invoice("I-9"),
        ErrorCode.UNKNOWN_REFERENCE,
        "invoice_id: no such invoice in the ledger (got 'I-9')",
    ),
]


@pytest.mark.parametrize(
    ("call", "code", "message"), INVALID_INPUT, ids=[str(c) for _, c, _ in INVALID_INPUT]
)
def test_the_wording_of_each_kind_of_refused_input(
    call: Callable[[], object], code: ErrorCode, message: str
) -> None:
    assert (code, message) == message_of(call)


def test_one_snapshot_per_code_raised_by_the_core_and_billing() -> None:
    assert len({code for _, code, _ in INVALID_INPUT}) == len(INVALID_INPUT)


def test_the_wording_of_a_currency_mismatch() -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        _ = eur(1) + Money(1, "USD")
    assert str(caught.value) == "operand: currencies differ: EUR and USD; convert explicitly first"


RULE_VIOLATIONS: list[tuple[type[RuleViolation], Callable[[], object], str]] = [
    (
        CancellationWindowClosed,
        lambda: cancellation_quote(
            dt.datetime(2024, 3, 15, 11, tzinfo=UTC), at=dt.datetime(2024, 3, 22, 11, tzinfo=UTC)
        ),
        "the cancellation window closed at 2024-03-22T11:00:00+00:00",
    ),
    (
        SeatReductionWindowClosed,
        lambda: reduce_lots((SeatLot(added_on=D(2022, 3, 5), quantity=10),), 1, on=D(2022, 3, 13)),
        "only 0 of the seats may still be removed on 2022-03-13",
    ),
    (
        QuantityOutOfRange,
        lambda: rate(
            trial(max_quantity=300),
            [ConvertTrial(on=D(2024, 5, 2), unit_price=eur("10.00"), quantity=24)],
            through=D(2024, 5, 2),
        ),
        "a trial converts with at least its 25 seats",
    ),
    (
        TrialRestriction,
        lambda: rate(trial(), [ChangeQuantity(on=D(2024, 5, 2), quantity=30)], through=D(2024, 5, 31)),
        "the seat count of a trial cannot change",
    ),
    (
        TermDowngradeRefused,
        lambda: rate(
            subscription(),
            [Upgrade(on=D(2024, 3, 20), product="Microsoft 365 E5", unit_price=eur("57.00"), term=Term.P1M)],
            through=D(2024, 4, 1),
        ),
        "cannot move from P1Y to P1M",
    ),
    (
        BillingPlanChangeRefused,
        lambda: rate(
            subscription(),
            [ChangeBillingPlan(on=D(2024, 4, 1), frequency="annual", unit_price=eur(400))],
            through=D(2024, 5, 1),
        ),
        "cannot change a P1Y monthly plan to annual",
    ),
    (
        UpgradeRefused,
        lambda: rate(
            subscription(),
            [Upgrade(on=D(2024, 3, 20), product="Microsoft 365 E5", unit_price=eur("57.00"), quantity=11)],
            through=D(2024, 4, 1),
        ),
        "cannot upgrade 11 of 10 seats",
    ),
    (
        SubscriptionInactive,
        lambda: rate(
            subscription(),
            [
                Cancel(at=dt.datetime(2024, 3, 12, 9, tzinfo=UTC)),
                ChangeQuantity(on=D(2024, 3, 13), quantity=12),
            ],
            through=D(2024, 3, 31),
        ),
        "subscription sub is no longer active on 2024-03-13",
    ),
    (
        CotermRefused,
        lambda: coterminous_end(
            D(2024, 3, 15), Term.P1Y, existing_end=D(2026, 5, 31), existing_term=Term.P3Y
        ),
        "no term end of the existing subscription fits in the new first term",
    ),
    (
        InvoiceClosed,
        lambda: apply_payment(
            void(ledger(), "I-1", on=D(2024, 1, 2)),
            Payment(id="P", amount=eur(1), received=D(2024, 5, 3), invoice_id="I-1"),
        ),
        "invoice I-1 is voided",
    ),
    (
        NothingToWriteOff,
        lambda: write_off(
            apply_payment(ledger(), Payment(id="P", amount=eur("100.00"), received=D(2024, 1, 2))),
            "I-1",
            on=D(2024, 1, 2),
        ),
        "invoice I-1 has nothing outstanding on 2024-01-02",
    ),
    (
        NegativeInvoice,
        lambda: customer_invoice(
            [charge("-5.00"), charge("2.00")],
            id="C",
            issued=D(2024, 2, 1),
            pricing=Pricing(markup=Decimal("0.10")),
        ),
        "the lines add up to -3.30 EUR; issue a credit note instead",
    ),
    (
        RenewalPending,
        lambda: lifecycle(
            subscription(term=Term.P1M),
            [
                ChangeQuantity(on=D(2024, 4, 10), quantity=12),
                CompleteRenewal(on=D(2024, 4, 10), at=dt.datetime(2024, 4, 10, 12, tzinfo=UTC)),
            ],
            through=D(2024, 4, 30),
        ),
        "subscription sub is renewing on 2024-04-10; it is read-only until that completes",
    ),
    (
        SuspensionRefused,
        lambda: lifecycle(
            subscription(), [Reactivate(at=dt.datetime(2024, 4, 1, 9, tzinfo=UTC))], through=D(2024, 4, 30)
        ),
        "subscription sub is not suspended",
    ),
    (
        ScheduledChangeRefused,
        lambda: lifecycle(
            subscription(),
            [SetAutoRenew(on=D(2024, 4, 1), enabled=False), ScheduleChange(on=D(2024, 4, 2), quantity=8)],
            through=D(2024, 4, 30),
        ),
        "cannot schedule this change of subscription sub (auto_renew_off)",
    ),
    (
        FamilyRestriction,
        lambda: rate(
            subscription(family="softwareSubscription", frequency="annual"),
            [ChangeQuantity(on=D(2024, 3, 11), quantity=8)],
            through=D(2024, 3, 31),
        ),
        "softwareSubscription subscription sub cannot change from 10 to 8 seats",
    ),
]


@pytest.mark.parametrize(
    ("kind", "call", "message"), RULE_VIOLATIONS, ids=[k.__name__ for k, _, _ in RULE_VIOLATIONS]
)
def test_the_wording_of_each_rule_violation(
    kind: type[RuleViolation], call: Callable[[], object], message: str
) -> None:
    with pytest.raises(kind) as caught:
        call()
    assert (kind.code, message) == (caught.value.code, str(caught.value))
