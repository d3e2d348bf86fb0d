r"""One customer's month-end close: Microsoft's lines → the customer's invoice → ledger → standing.

The pure half of :mod:`cspcore.interop.month_end` (which reads the files): given the lines
Microsoft billed for one customer this month, the customer's resale terms, its ledger so far, a
collections policy and a day, :func:`close_customer` builds the customer's invoice with
:func:`~cspcore.billing.customer_invoice` (markup or price list, tax), issues it into the ledger
(or records a credit note when the month's refunds outweigh its charges), and evaluates the ledger
with :func:`~cspcore.billing.evaluate`. Nothing here reads a file.

A customer billed in another currency than the partner's gets each of Microsoft's lines converted
first (:func:`converted_line`): the subtotal at the customer's rate, rounded as the customer's
pricing rounds; prices scaled exactly. Daily-rated usage reaches the invoice as the invoice's usage
lines (:func:`~cspcore.billing.usage.rollup`), each read as a charge line (:func:`usage_charge`).

>>> import datetime as dt
>>> from decimal import Decimal
>>> from cspcore import Money
>>> from cspcore.billing import STANDARD, ChargeLine, ChargeType, Pricing
>>> line = ChargeLine(
...     order_date=dt.date(2024, 3, 1), charge_type=ChargeType.CYCLE_CHARGE, product="M365 E3",
...     subscription_id="s1", unit_price=Money("36", "EUR"), effective_unit_price=Money("36", "EUR"),
...     quantity=Decimal(10), subtotal=Money("360", "EUR"), charge_start=dt.date(2024, 3, 1),
...     charge_end=dt.date(2024, 3, 31), customer_id="c1",
... )  # fmt: skip
>>> done = close_customer(
...     "c1", [line], CustomerTerms(pricing=Pricing(markup=Decimal("0.1"))),
...     policy=STANDARD, issued=dt.date(2024, 4, 1), as_of=dt.date(2024, 4, 1),
... )  # fmt: skip
>>> done.invoice.id, done.invoice.total_charges, done.balance, done.standing.is_clear
('2024-04-c1', Money('396.00', 'EUR'), Money('396.00', 'EUR'), True)

.. versionadded:: 0.4.0
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from cspcore import _validate
from cspcore.billing.charges import ChargeLine, ChargeType
from cspcore.billing.collections import CollectionsPolicy, Standing, evaluate
from cspcore.billing.exchange import exchange_rate
from cspcore.billing.invoices import CreditNote, Invoice, Ledger
from cspcore.billing.ledger import balance, issue, record_credit_note
from cspcore.billing.resale import NegativeInvoice, Pricing, customer_invoice
from cspcore.billing.tax import TaxRule
from cspcore.billing.terms_of_payment import PaymentTerms
from cspcore.currencies import currency_code
from cspcore.errors import CurrencyMismatch, ErrorCode, InvalidInput
from cspcore.money import Money

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

    from cspcore.billing.usage import RolledUsage

__all__ = ["CustomerClose", "CustomerTerms", "close_customer", "converted_line", "usage_charge"]


def _count(value: object, field: str) -> None:
    _validate.integer(value, field, minimum=0, maximum=_validate.MAX_QUANTITY)


def _optional_rate(value: object) -> Decimal | None:
    return None if value is None else exchange_rate(value, "exchange_rate")


@attrs.frozen(kw_only=True)
class CustomerTerms:
    """How one customer is billed: resale pricing, tax, payment terms, currency, collections policy.

    Args:
        pricing: Markup or price list (:class:`~cspcore.billing.Pricing`).
        tax: The tax rule of the customer's invoices (none: no tax).
        payment_terms: The customer's terms of payment (none: :func:`~cspcore.billing.customer_invoice`'s
            net 30).
        currency: The customer's currency when it is not the partner's billing currency; then
            ``exchange_rate`` is required.
        exchange_rate: Units of ``currency`` per unit of the partner's billing currency.
        policy: A collections policy for this customer instead of the close's.

    >>> CustomerTerms(pricing=Pricing(markup=Decimal(0)), currency="CZK")
    Traceback (most recent call last):
    ...
    cspcore.errors.InvalidInput: exchange_rate: required with a customer currency (got None)
    """

    pricing: Pricing = attrs.field(validator=_validate.attrs_instance_of(Pricing))
    tax: TaxRule | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.attrs_instance_of(TaxRule))
    )
    payment_terms: PaymentTerms | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.attrs_instance_of(PaymentTerms))
    )
    currency: str | None = attrs.field(
        default=None, validator=_validate.attrs_validator(_validate.optional(currency_code))
    )
    exchange_rate: Decimal | None = attrs.field(default=None, converter=_optional_rate)
    policy: CollectionsPolicy | None = attrs.field(
        default=None, validator=attrs.validators.optional(_validate.attrs_instance_of(CollectionsPolicy))
    )

    def __attrs_post_init__(self) -> None:
        # the policy's amount thresholds are asked of the customer's ledger, in the customer's currency
        thresholds = None if self.policy is None else self.policy.currency
        if self.currency is not None and thresholds is not None and thresholds != self.currency:
            raise CurrencyMismatch("policy", self.currency, thresholds)
        if self.currency is not None and self.exchange_rate is None:
            raise InvalidInput(
                "exchange_rate", "required with a customer currency", None, code=ErrorCode.MISSING
            )
        if self.currency is None and self.exchange_rate is not None:
            raise InvalidInput("currency", "required with an exchange rate", None, code=ErrorCode.MISSING)


@attrs.frozen(kw_only=True)
class CustomerClose:
    """One customer's month-end close.

    Args:
        customer_id: The customer (``CustomerId``).
        lines: How many of Microsoft's lines (license and rolled-up usage) the month billed.
        invoice: The customer's invoice (``None`` when nothing was billed, or the month nets below zero).
        credit_note: The credit note issued instead when the month's lines net below zero.
        ledger: The customer's ledger with the month's document.
        balance: The ledger's balance on the close's ``as_of`` day.
        standing: The customer's collections standing on that day.
    """

    customer_id: str = attrs.field(validator=_validate.attrs_validator(_validate.text))
    lines: int = attrs.field(validator=_validate.attrs_validator(_count))
    invoice: Invoice | None = attrs.field(
        validator=attrs.validators.optional(_validate.attrs_instance_of(Invoice))
    )
    credit_note: CreditNote | None = attrs.field(
        validator=attrs.validators.optional(_validate.attrs_instance_of(CreditNote))
    )
    ledger: Ledger = attrs.field(repr=False, validator=_validate.attrs_instance_of(Ledger))
    balance: Money = attrs.field(validator=_validate.attrs_instance_of(Money))
    standing: Standing = attrs.field(validator=_validate.attrs_instance_of(Standing))


def converted_line(line: ChargeLine, currency: str, rate: Decimal, pricing: Pricing) -> ChargeLine:
    """Microsoft's ``line`` as billed in the customer's ``currency`` at ``rate`` (units per billing unit).

    The subtotal is ``subtotal × rate`` rounded to ``currency``'s minor unit as ``pricing`` rounds;
    the unit prices are the line's prices in its billing currency (times its own exchange rate when
    it has one) times ``rate``, kept exact; the tax is left to the customer's invoice.

    >>> import datetime as dt
    >>> line = ChargeLine(
    ...     order_date=dt.date(2024, 3, 1), charge_type="new", product="E3", subscription_id="s",
    ...     unit_price=Money("10", "EUR"), effective_unit_price=Money("10", "EUR"), quantity=3,
    ...     subtotal=Money("30", "EUR"), charge_start=dt.date(2024, 3, 1), charge_end=dt.date(2024, 3, 31),
    ... )  # fmt: skip
    >>> moved = converted_line(line, "CZK", Decimal("25.125"), Pricing(markup=Decimal(0)))
    >>> moved.subtotal, moved.effective_unit_price
    (Money('753.75', 'CZK'), Money('251.250', 'CZK'))
    """
    code = currency_code(currency, "currency")
    factor = exchange_rate(rate, "exchange_rate")
    if code == line.currency:
        raise InvalidInput(
            "currency", "is the line's own currency; give no exchange rate", code, code=ErrorCode.INCONSISTENT
        )
    own = line.exchange_rate or Decimal(1)

    def price(money: Money) -> Money:
        return Money((money * own * factor).amount, code)

    subtotal = Money((line.subtotal * factor).amount, code).round(pricing.rounding)
    return attrs.evolve(
        line,
        unit_price=price(line.unit_price),
        effective_unit_price=price(line.effective_unit_price),
        subtotal=subtotal,
        tax=Money.zero(code),
        total=subtotal,
        pricing_currency=None,
        exchange_rate=None,
        exchange_rate_date=None,
    )


def usage_charge(rolled: RolledUsage, customer_id: str) -> ChargeLine:
    """An invoice usage line (:func:`~cspcore.billing.usage.rollup`) read as a charge line.

    Billed consumption line items carry ``chargeType`` ``new`` (the samples of
    ``developer/get-invoice-billed-consumption-lineitems.md``); the product names the meter; the
    charge period must be known (``MISSING`` otherwise).
    """
    start, end = rolled.charge_start, rolled.charge_end
    if start is None or end is None:
        raise InvalidInput(
            f"usage[{customer_id}].ChargeStartDate",
            "a usage line needs its charge period to be invoiced",
            rolled.subscription_id,
            code=ErrorCode.MISSING,
        )
    billing = rolled.subtotal.currency
    price = Money(rolled.effective_unit_price, rolled.pricing_currency)
    other = rolled.pricing_currency != billing
    return ChargeLine(
        order_date=start,
        charge_type=ChargeType.NEW,
        product=f"Azure usage, meter {rolled.meter_id}",
        subscription_id=rolled.subscription_id,
        unit_price=price,
        effective_unit_price=price,
        quantity=rolled.quantity,
        subtotal=rolled.subtotal,
        charge_start=start,
        charge_end=end,
        customer_id=customer_id,
        pricing_currency=rolled.pricing_currency if other else None,
        exchange_rate=rolled.exchange_rate if other else None,
    )


def _ledger(ledgers: Mapping[str, Ledger], customer_id: str) -> Ledger:
    found: object = ledgers.get(customer_id)
    if found is None:
        return Ledger(account_id=customer_id)
    book: Ledger = _validate.instance(found, Ledger, f"ledgers[{customer_id}]")
    return book


def _charges(lines: object, terms: CustomerTerms | None, customer: str) -> list[ChargeLine]:
    """The lines, checked, and converted to the customer's currency when it has its own."""
    charges: list[ChargeLine] = list(_validate.iterable(lines, "lines"))
    for index, line in enumerate(charges):
        _validate.instance(line, ChargeLine, f"lines[{index}]")
    if terms is None:
        if charges:
            raise InvalidInput(
                f"customers[{customer}]", "no terms for a billed customer", customer, code=ErrorCode.MISSING
            )
        return charges
    if terms.currency is None or terms.exchange_rate is None:
        return charges
    return [converted_line(line, terms.currency, terms.exchange_rate, terms.pricing) for line in charges]


def _document(
    charges: list[ChargeLine], terms: CustomerTerms, number: str, day: dt.date, customer: str
) -> Invoice | CreditNote:
    """The customer's invoice of the lines, or a credit note when they net below zero."""
    try:
        if terms.payment_terms is None:
            return customer_invoice(
                charges, id=number, issued=day, pricing=terms.pricing, tax=terms.tax, customer_id=customer
            )
        return customer_invoice(
            charges,
            id=number,
            issued=day,
            pricing=terms.pricing,
            tax=terms.tax,
            terms=terms.payment_terms,
            customer_id=customer,
        )
    except NegativeInvoice as refused:
        net = refused.reasons[0].params["amount"]
        assert isinstance(net, Money)  # noqa: S101 - customer_invoice states the net amount
        return CreditNote(id=number, amount=-net, issued=day)


def close_customer(
    customer_id: str,
    lines: Sequence[ChargeLine],
    terms: CustomerTerms | None,
    *,
    policy: CollectionsPolicy,
    issued: dt.date,
    as_of: dt.date,
    ledgers: Mapping[str, Ledger] | None = None,
    invoice_id: str | None = None,
    currency: str | None = None,
) -> CustomerClose:
    """Close one customer's month: invoice (or credit note), ledger, balance and standing.

    Args:
        customer_id: The customer.
        lines: Microsoft's lines for it this month, in one currency (may be empty: the ledger is
            evaluated as it stands).
        terms: The customer's :class:`CustomerTerms` (needed when it has lines; without, the
            ledger is evaluated under ``policy``).
        policy: The collections policy (``terms.policy`` wins when given).
        issued: The invoice date.
        as_of: The day the balance and the standing are read on (not before ``issued``).
        ledgers: The customers' ledgers before this month (a customer absent starts empty).
        invoice_id: The document's number; ``"<issued YYYY-MM>-<customer>"`` by default.
        currency: The currency of a customer with no lines and an empty ledger (after the terms'
            currency and the policy's).

    Raises:
        InvalidInput: on a value of the wrong kind, ``as_of`` before ``issued`` (``OUT_OF_ORDER``),
            a customer with lines and no terms (``customers[c1]``, ``MISSING``).
        CurrencyMismatch: a ledger or policy in another currency than the customer's invoice
            (``ledgers[c1].currency``, ``customers[c1].policy``).
    """
    customer = _validate.text(customer_id, "customer_id")
    chosen = None if terms is None else _validate.instance(terms, CustomerTerms, f"customers[{customer}]")
    charges = _charges(lines, chosen, customer)
    day = _validate.date(issued, "issued")
    when = _validate.date(as_of, "as_of")
    if when < day:
        raise InvalidInput("as_of", "is before the invoice date", when, code=ErrorCode.OUT_OF_ORDER)
    own = None if chosen is None else chosen.policy
    rule: CollectionsPolicy = _validate.instance(policy if own is None else own, CollectionsPolicy, "policy")
    number = (
        f"{day.isoformat()[:7]}-{customer}"
        if invoice_id is None
        else _validate.text(invoice_id, "invoice_id")
    )
    book = _ledger({} if ledgers is None else _validate.instance(ledgers, Mapping, "ledgers"), customer)
    document = None if chosen is None or not charges else _document(charges, chosen, number, day, customer)
    code = (
        charges[0].currency if charges else (book.currency or (chosen and chosen.currency) or rule.currency)
    )
    code = code or (None if currency is None else currency_code(currency, "currency"))
    if code is None:
        raise InvalidInput(
            f"customers[{customer}]", "no currency is known for an empty ledger", None, code=ErrorCode.MISSING
        )
    if book.currency is not None and book.currency != code:
        raise CurrencyMismatch(f"ledgers[{customer}].currency", code, book.currency)
    if isinstance(document, Invoice):
        book = issue(book, document)
    elif document is not None:
        book = record_credit_note(book, document)
    try:
        standing = evaluate(rule, book, as_of=when, currency=code)
    except CurrencyMismatch as error:
        raise CurrencyMismatch(f"customers[{customer}].policy", error.left, error.right) from None
    return CustomerClose(
        customer_id=customer,
        lines=len(charges),
        invoice=document if isinstance(document, Invoice) else None,
        credit_note=document if isinstance(document, CreditNote) else None,
        ledger=book,
        balance=balance(book, as_of=when, currency=code),
        standing=standing,
    )
