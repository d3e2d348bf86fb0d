"""One customer's month-end close: one document (invoice or credit note) issued into its ledger, then read.

``close_customer`` invoices Microsoft's lines under the customer's terms (its payment terms set the due
date, its own policy wins over the close's), records a credit note instead when the month nets below
zero, and reads the balance and standing on ``as_of`` in the customer's currency: the lines', else the
ledger's, the terms', the policy's, then the one the caller names. Refusals name their field and code.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs
import pytest

from cspcore import CurrencyMismatch, ErrorCode, InvalidInput, Money
from cspcore.billing import (
    STANDARD,
    Action,
    ChargeLine,
    CollectionsPolicy,
    CreditNote,
    Invoice,
    Ledger,
    Payment,
    PaymentTerms,
    Pricing,
    Stage,
    TaxRule,
)
from cspcore.interop import CustomerTerms, close_customer

if TYPE_CHECKING:
    from cspcore.interop.month_end_customer import CustomerClose

D = dt.date
ISSUED = D(2024, 4, 1)
FLAT = CustomerTerms(pricing=Pricing(markup=Decimal(0)))
TEN = CustomerTerms(pricing=Pricing(markup=Decimal("0.1")))


def line(
    subtotal: str = "100", *, currency: str = "EUR", refund: bool = False, **changes: object
) -> ChargeLine:
    amount = Money(subtotal, currency)
    values: dict[str, object] = {
        "order_date": D(2024, 3, 1),
        "charge_type": "removeQuantity" if refund else "cycleCharge",
        "product": "M365 E3",
        "subscription_id": "s1",
        "unit_price": abs(amount),
        "effective_unit_price": amount,
        "quantity": 1,
        "subtotal": amount,
        "charge_start": D(2024, 3, 1),
        "charge_end": D(2024, 3, 31),
        "customer_id": "c1",
    }
    values.update(changes)
    return ChargeLine(**values)  # type: ignore[arg-type]


def owing(customer: str, amount: str, currency: str = "EUR") -> Ledger:
    """A ledger holding one unpaid invoice of ``amount``, due on 1 March 2024."""
    return Ledger(
        invoices=(
            Invoice(
                id=f"2024-02-{customer}",
                issued=D(2024, 2, 1),
                due=D(2024, 3, 1),
                currency=currency,
                total_charges=Money(amount, currency),
            ),
        ),
        account_id=customer,
    )


def euro_thresholds(name: str = "eur-thresholds", *, after: int = 10) -> CollectionsPolicy:
    stage = Stage(
        name="block", after_days=after, actions=(Action.BLOCK_NEW_PURCHASES,), min_overdue=Money(1, "EUR")
    )
    return CollectionsPolicy(name=name, stages=(stage,))


def close(lines: list[ChargeLine], terms: CustomerTerms | None = TEN, **options: object) -> CustomerClose:
    arguments: dict[str, object] = {"policy": STANDARD, "issued": ISSUED, "as_of": ISSUED}
    arguments.update(options)
    return close_customer("c1", lines, terms, **arguments)  # type: ignore[arg-type]


# --- the document ------------------------------------------------------------------------------------


def test_the_month_is_invoiced_with_markup_and_tax_into_the_ledger() -> None:
    terms = CustomerTerms(pricing=Pricing(markup=Decimal("0.1")), tax=TaxRule(rate=Decimal("0.2")))
    done = close([line("100"), line("50", subscription_id="s2")], terms)
    invoice = done.invoice
    assert invoice is not None
    assert (invoice.subtotal, invoice.tax, invoice.total_charges) == (
        Money("165.00", "EUR"),
        Money("33.00", "EUR"),
        Money("198.00", "EUR"),
    )
    assert (done.lines, done.credit_note) == (2, None)
    assert (invoice.id, invoice.customer_id, invoice.issued) == ("2024-04-c1", "c1", ISSUED)
    assert done.ledger.invoices == (invoice,)
    assert done.ledger.account_id == "c1"
    assert done.balance == Money("198.00", "EUR")
    assert done.customer_id == "c1"


def test_the_invoice_is_numbered_by_its_month_and_customer_unless_a_number_is_given() -> None:
    assert close([line()]).invoice.id == "2024-04-c1"  # type: ignore[union-attr]
    assert close([line()], issued=D(2024, 12, 31), as_of=D(2025, 1, 2)).invoice.id == "2024-12-c1"  # type: ignore[union-attr]
    assert close([line()], invoice_id="INV-7").invoice.id == "INV-7"  # type: ignore[union-attr]


def test_the_customers_payment_terms_set_the_due_date_else_net_30() -> None:
    net_14 = CustomerTerms(pricing=Pricing(markup=Decimal(0)), payment_terms=PaymentTerms(net_days=14))
    assert close([line()], net_14).invoice.due == D(2024, 4, 15)  # type: ignore[union-attr]
    assert close([line()], FLAT).invoice.due == D(2024, 5, 1)  # type: ignore[union-attr]


def test_the_customers_payment_terms_keep_its_markup_tax_and_number() -> None:
    terms = CustomerTerms(
        pricing=Pricing(markup=Decimal("0.1")),
        tax=TaxRule(rate=Decimal("0.2")),
        payment_terms=PaymentTerms(net_days=7),
    )
    invoice = close([line("100")], terms, invoice_id="INV-9").invoice
    assert invoice is not None
    assert (invoice.id, invoice.issued, invoice.due) == ("INV-9", ISSUED, D(2024, 4, 8))
    assert invoice.total_charges == Money("132.00", "EUR")
    assert invoice.customer_id == "c1"


def test_a_month_that_nets_below_zero_is_a_credit_note_of_the_marked_up_net() -> None:
    # 100 charged, 150 refunded: a net of -50, +10 % = 55.00 credited
    done = close([line("100"), line("-150", refund=True, subscription_id="s2")], invoice_id="CN-1")
    assert done.invoice is None
    assert done.credit_note == CreditNote(id="CN-1", amount=Money("55.00", "EUR"), issued=ISSUED)
    assert done.ledger.credit_notes == (done.credit_note,)
    assert done.ledger.invoices == ()
    assert done.balance == Money("-55.00", "EUR")
    assert done.lines == 2


def test_a_credit_note_reduces_what_the_customer_already_owes() -> None:
    done = close([line("-40", refund=True)], FLAT, ledgers={"c1": owing("c1", "100")})
    assert done.credit_note is not None
    assert done.balance == Money("60.00", "EUR")


def test_the_months_invoice_is_added_to_the_customers_ledger_and_others_are_untouched() -> None:
    opening = {"c1": owing("c1", "80"), "c2": owing("c2", "5")}
    done = close([line("20")], FLAT, ledgers=opening)
    assert [invoice.id for invoice in done.ledger.invoices] == ["2024-02-c1", "2024-04-c1"]
    assert done.balance == Money("100.00", "EUR")


# --- the standing ------------------------------------------------------------------------------------


def test_the_standing_is_read_under_the_close_policy_on_as_of() -> None:
    # 80 EUR due 1 March: on 1 April, 31 days past due; STANDARD (3 grace days) is at its 4th stage
    done = close([], None, ledgers={"c1": owing("c1", "80")})
    assert done.standing.days_past_due == 31
    assert done.standing.stage is not None
    assert done.standing.stage.name == "suspend"
    later = close([], None, ledgers={"c1": owing("c1", "80")}, as_of=D(2024, 4, 11))
    assert later.standing.days_past_due == 41


def test_the_customers_own_policy_wins_over_the_close_policy() -> None:
    own = CustomerTerms(pricing=Pricing(markup=Decimal(0)), policy=euro_thresholds("own", after=20))
    done = close([line("10")], own, ledgers={"c1": owing("c1", "80")})
    assert done.standing.stage is not None
    assert done.standing.stage.name == "block"  # STANDARD would have suspended


def test_a_customer_without_lines_or_terms_is_evaluated_as_its_ledger_stands() -> None:
    done = close([], None, ledgers={"c1": owing("c1", "80")})
    assert (done.invoice, done.credit_note, done.lines) == (None, None, 0)
    assert done.ledger == owing("c1", "80")
    assert done.balance == Money("80.00", "EUR")


def test_the_balance_and_standing_are_read_on_as_of_with_what_was_paid_by_then() -> None:
    book = attrs.evolve(
        owing("c1", "80"), payments=(Payment(id="p1", amount=Money("80", "EUR"), received=D(2024, 4, 5)),)
    )
    before = close([line("10")], FLAT, ledgers={"c1": book})
    after = close([line("10")], FLAT, ledgers={"c1": book}, as_of=D(2024, 4, 10))
    assert (before.balance, after.balance) == (Money("90.00", "EUR"), Money("10.00", "EUR"))
    assert before.standing.stage is not None
    assert after.standing.is_clear


# --- the currency --------------------------------------------------------------------------------------


def test_lines_of_a_customer_billed_in_its_own_currency_are_converted_first() -> None:
    terms = CustomerTerms(pricing=Pricing(markup=Decimal(0)), currency="CZK", exchange_rate=Decimal(25))
    done = close([line("10.10")], terms)
    assert done.invoice is not None
    assert done.invoice.total_charges == Money("252.50", "CZK")
    assert done.balance == Money("252.50", "CZK")


@pytest.mark.parametrize(
    ("terms", "ledgers", "policy", "currency", "read_in"),
    [
        # the ledger's currency first, even when the terms name another
        (CustomerTerms(pricing=Pricing(markup=Decimal(0)), currency="CZK", exchange_rate=Decimal(25)),
         {"c1": owing("c1", "9", "PLN")}, STANDARD, "SEK", "PLN"),
        # then the terms'
        (CustomerTerms(pricing=Pricing(markup=Decimal(0)), currency="CZK", exchange_rate=Decimal(25)),
         None, STANDARD, "SEK", "CZK"),
        # then the policy's thresholds'
        (None, None, euro_thresholds(), "SEK", "EUR"),
        # then the caller's
        (None, None, STANDARD, "SEK", "SEK"),
        (FLAT, {"c1": Ledger(account_id="c1")}, STANDARD, "SEK", "SEK"),
    ],
)  # fmt: skip
def test_a_customer_without_lines_is_read_in_its_ledgers_terms_policys_or_the_given_currency(
    terms: CustomerTerms | None, ledgers: object, policy: CollectionsPolicy, currency: str, read_in: str
) -> None:
    done = close([], terms, ledgers=ledgers, policy=policy, currency=currency)
    assert done.balance.currency == read_in
    owed = read_in == "PLN"  # only the PLN ledger holds an invoice, overdue
    assert done.balance == Money(9 if owed else 0, read_in)
    assert done.standing.is_clear is not owed


def test_the_lines_currency_is_the_customers_whatever_the_caller_names() -> None:
    assert close([line("10")], FLAT, currency="SEK").balance == Money("10.00", "EUR")


def test_a_customer_of_no_known_currency_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        close([], None)
    assert (caught.value.field, caught.value.code) == ("customers[c1]", ErrorCode.MISSING)


def test_a_ledger_in_another_currency_than_the_invoice_is_refused() -> None:
    with pytest.raises(CurrencyMismatch) as caught:
        close([line("10")], FLAT, ledgers={"c1": owing("c1", "9", "PLN")})
    assert caught.value.field == "ledgers[c1].currency"
    assert caught.value.value == ("EUR", "PLN")


def test_a_close_policy_with_thresholds_in_another_currency_is_refused_on_the_customers_policy() -> None:
    czk = CustomerTerms(pricing=Pricing(markup=Decimal(0)), currency="CZK", exchange_rate=Decimal(25))
    with pytest.raises(CurrencyMismatch) as caught:
        close([line("10")], czk, policy=euro_thresholds())
    assert caught.value.field == "customers[c1].policy"
    assert {caught.value.left, caught.value.right} == {"CZK", "EUR"}


# --- refusals ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "terms", "options", "field", "code"),
    [
        ([line()], None, {}, "customers[c1]", ErrorCode.MISSING),
        ([line()], "terms", {}, "customers[c1]", ErrorCode.WRONG_TYPE),
        (3, TEN, {}, "lines", ErrorCode.WRONG_TYPE),
        ([line(), "line"], TEN, {}, "lines[1]", ErrorCode.WRONG_TYPE),
        ([line()], TEN, {"as_of": D(2024, 3, 31)}, "as_of", ErrorCode.OUT_OF_ORDER),
        ([line()], TEN, {"issued": "2024-04-01"}, "issued", ErrorCode.WRONG_TYPE),
        ([line()], TEN, {"as_of": "2024-04-01"}, "as_of", ErrorCode.WRONG_TYPE),
        ([line()], TEN, {"policy": "standard"}, "policy", ErrorCode.WRONG_TYPE),
        ([line()], TEN, {"invoice_id": ""}, "invoice_id", ErrorCode.EMPTY),
        ([line()], TEN, {"ledgers": [Ledger()]}, "ledgers", ErrorCode.WRONG_TYPE),
        ([line()], TEN, {"ledgers": {"c1": "ledger"}}, "ledgers[c1]", ErrorCode.WRONG_TYPE),
        ([], None, {"currency": "sek"}, "currency", ErrorCode.UNKNOWN_VALUE),
    ],
)
def test_bad_inputs_are_refused_with_their_field_and_code(
    lines: object, terms: object, options: dict[str, object], field: str, code: ErrorCode
) -> None:
    with pytest.raises(InvalidInput) as caught:
        close(lines, terms, **options)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == (field, code)


def test_the_refused_as_of_is_the_day_given() -> None:
    with pytest.raises(InvalidInput) as caught:
        close([line()], as_of=D(2024, 3, 31))
    assert caught.value.value == D(2024, 3, 31)


def test_a_customer_id_must_be_text() -> None:
    with pytest.raises(InvalidInput) as caught:
        close_customer(7, [], None, policy=STANDARD, issued=ISSUED, as_of=ISSUED, currency="EUR")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.code) == ("customer_id", ErrorCode.WRONG_TYPE)


def test_a_billed_customer_without_terms_is_named_in_the_refusal() -> None:
    with pytest.raises(InvalidInput) as caught:
        close([line()], None)
    assert caught.value.value == "c1"
