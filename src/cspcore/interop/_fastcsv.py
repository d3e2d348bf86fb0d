"""The fast path for reading reconciliation CSV rows (internal).

A month of Partner Center data repeats itself: the same currency, dates, prices, products and
subscriptions on many rows. :func:`compile_reader` returns a converter that looks each raw cell up
in caches of already checked values and builds the :class:`~cspcore.billing.ChargeLine` directly.
Any cell it has not seen before (or any blank where a value is needed) sends the row through the
careful reader instead, which checks every cell, names the row and column of any problem, and
teaches the caches what it parsed. Both paths give equal lines; a property test holds them so.
"""

from __future__ import annotations

import decimal as _decimal
from typing import TYPE_CHECKING, Final

import attrs

from cspcore import _validate
from cspcore.billing.charges import ChargeLine
from cspcore.errors import InvalidInput
from cspcore.money import _make

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable
    from decimal import Decimal

    from cspcore.billing.charges import ChargeType
    from cspcore.money import Money

_ADD: Final = _decimal.Context(prec=200).add
#: ChargeLine's fields in declaration order, as the fast path fills them.
_ORDER: Final = (
    "order_date", "charge_type", "product", "subscription_id", "unit_price", "effective_unit_price",
    "quantity", "subtotal", "charge_start", "charge_end", "tax", "total", "reference_id", "qualifiers",
    "customer_id", "subscription_start", "subscription_end", "term_and_billing_cycle", "billing_frequency",
)  # fmt: skip
#: The fast path is used only while ChargeLine has exactly these fields (a new field means the slow path).
FAST: Final = tuple(field.name for field in attrs.fields(ChargeLine)) == _ORDER
#: The slots' own setters: the quickest way to fill a frozen, slotted instance.
_SETTERS: Final = tuple(getattr(ChargeLine, name).__set__ for name in _ORDER)
_LIMIT: Final = 200_000


_MISSING: Final = object()


class _Slow(Exception):
    """A cell the fast path does not handle; the careful reader takes the row."""


def compile_reader(  # noqa: C901, PLR0915 - one straight-line converter is the point of this module
    index: dict[str, int], careful: Callable[[list[str], int], ChargeLine]
) -> Callable[[list[str], int], ChargeLine]:
    """A row converter for a header whose column positions are ``index`` (every column present)."""
    i_cur, i_sub, i_tax, i_total = index["Currency"], index["Subtotal"], index["TaxTotal"], index["Total"]
    i_unit, i_eup, i_qty = index["UnitPrice"], index["EffectiveUnitPrice"], index["BillableQuantity"]
    i_order, i_start, i_end = index["OrderDate"], index["ChargeStartDate"], index["ChargeEndDate"]
    i_sstart, i_send = index["SubscriptionStartDate"], index["SubscriptionEndDate"]
    i_type, i_product, i_sid = index["ChargeType"], index["ProductName"], index["SubscriptionId"]
    i_ref, i_qual, i_cust = index["ReferenceId"], index["ProductQualifiers"], index["CustomerId"]
    i_term, i_freq = index["TermAndBillingCycle"], index["BillingFrequency"]

    new = object.__new__
    (
        set_order, set_kind, set_product, set_subscription, set_unit, set_effective, set_quantity,
        set_subtotal, set_start, set_end, set_tax, set_total, set_reference, set_qualifiers, set_customer,
        set_subscription_start, set_subscription_end, set_term, set_frequency,
    ) = _SETTERS  # fmt: skip
    currencies: dict[str, str] = {}
    moneys: dict[str, dict[str, Money]] = {}
    quantities: dict[str, Decimal] = {}
    dates: dict[str, dt.date] = {}
    optional_dates: dict[str, dt.date | None] = {"": None}
    types: dict[str, ChargeType] = {}
    texts: dict[str, str] = {}
    optional_texts: dict[str, str | None] = {"": None}
    qualifiers: dict[str, tuple[str, ...]] = {"": ()}
    optional_get = optional_texts.get

    def learn(record: list[str], line: ChargeLine) -> None:
        code = line.currency
        currencies[record[i_cur]] = code
        money = moneys.setdefault(code, {})
        if len(money) < _LIMIT:
            for position, value in (
                (i_sub, line.subtotal),
                (i_unit, line.unit_price),
                (i_eup, line.effective_unit_price),
            ):
                money[record[position]] = value
            for position, value in ((i_tax, line.tax), (i_total, line.total)):
                if record[position].strip():
                    money[record[position]] = value
        if record[i_qty].strip() and len(quantities) < _LIMIT:
            quantities[record[i_qty]] = line.quantity
        if len(dates) < _LIMIT:
            dates[record[i_order]] = line.order_date
            dates[record[i_start]] = line.charge_start
            dates[record[i_end]] = line.charge_end
            optional_dates[record[i_sstart]] = line.subscription_start
            optional_dates[record[i_send]] = line.subscription_end
        types[record[i_type]] = line.charge_type
        if len(texts) < _LIMIT:
            texts[record[i_product]] = line.product
            texts[record[i_sid]] = line.subscription_id
        if len(optional_texts) < _LIMIT:
            optional_texts[record[i_cust]] = line.customer_id
            optional_texts[record[i_term]] = line.term_and_billing_cycle
            optional_texts[record[i_freq]] = line.billing_frequency
        if len(qualifiers) < 1000:
            qualifiers[record[i_qual]] = line.qualifiers

    def amount(raw: str, money: dict[str, Money], code: str) -> Money:
        found = money.get(raw)
        if found is None:
            try:
                found = _make(_validate.decimal(raw, "amount"), code)
            except InvalidInput:
                raise _Slow from None
            if len(money) < _LIMIT:
                money[raw] = found
        return found

    def number_of(raw: str) -> Decimal:
        found = quantities.get(raw)
        if found is None:
            try:
                found = _validate.decimal(raw, "quantity")
            except InvalidInput:
                raise _Slow from None
            if len(quantities) < _LIMIT:
                quantities[raw] = found
        return found

    def text(raw: str) -> str:
        found = texts.get(raw)
        if found is None:
            found = raw.strip()
            if not found or len(found) > 2000:
                raise _Slow
            if len(texts) < _LIMIT:
                texts[raw] = found
        return found

    def optional_text(raw: str) -> str | None:
        """An optional text cell not seen before (the caller looks in the cache first)."""
        found = raw.strip()
        if not found:
            return None
        if len(found) > 2000:
            raise _Slow
        if len(optional_texts) < _LIMIT:
            optional_texts[raw] = found
        return found

    def convert(record: list[str], number: int) -> ChargeLine:  # noqa: PLR0915 - straight-line on purpose
        try:
            code = currencies[record[i_cur]]
            money = moneys[code]
            cached = money.get
            subtotal = cached(record[i_sub]) or amount(record[i_sub], money, code)
            tax = cached(record[i_tax]) or amount(record[i_tax], money, code)
            total = cached(record[i_total]) or amount(record[i_total], money, code)
            unit = cached(record[i_unit]) or amount(record[i_unit], money, code)
            effective = cached(record[i_eup]) or amount(record[i_eup], money, code)
            quantity = quantities.get(record[i_qty]) or number_of(record[i_qty])
            order = dates[record[i_order]]
            start = dates[record[i_start]]
            end = dates[record[i_end]]
            subscription_start = optional_dates[record[i_sstart]]
            subscription_end = optional_dates[record[i_send]]
            kind = types[record[i_type]]
            product = texts.get(record[i_product]) or text(record[i_product])
            subscription = texts.get(record[i_sid]) or text(record[i_sid])
            customer = optional_get(record[i_cust], _MISSING)
            if customer is _MISSING:
                customer = optional_text(record[i_cust])
            term = optional_get(record[i_term], _MISSING)
            if term is _MISSING:
                term = optional_text(record[i_term])
            frequency = optional_get(record[i_freq], _MISSING)
            if frequency is _MISSING:
                frequency = optional_text(record[i_freq])
            qualified = qualifiers[record[i_qual]]
        except (KeyError, _Slow):
            parsed = careful(record, number)
            learn(record, parsed)
            return parsed
        if _ADD(subtotal.amount, tax.amount) != total.amount or end < start:
            return careful(record, number)  # raises, naming the row and column
        reference: str | None = record[i_ref].strip()
        if not reference:
            reference = None
        elif len(reference) > 2000:
            raise InvalidInput(f"rows[{number}].ReferenceId", "longer than 2000 characters", reference)
        line: ChargeLine = new(ChargeLine)
        set_order(line, order)
        set_kind(line, kind)
        set_product(line, product)
        set_subscription(line, subscription)
        set_unit(line, unit)
        set_effective(line, effective)
        set_quantity(line, quantity)
        set_subtotal(line, subtotal)
        set_start(line, start)
        set_end(line, end)
        set_tax(line, tax)
        set_total(line, total)
        set_reference(line, reference)
        set_qualifiers(line, qualified)
        set_customer(line, customer)
        set_subscription_start(line, subscription_start)
        set_subscription_end(line, subscription_end)
        set_term(line, term)
        set_frequency(line, frequency)
        return line

    return convert
